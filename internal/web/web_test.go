package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func get(t *testing.T, h http.Handler, method, target string, header map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func TestHandler(t *testing.T) {
	h := Handler()
	v := Version()
	if !regexp.MustCompile(`^v-[0-9a-f]{12}$`).MatchString(v) {
		t.Fatalf("Version() = %q, want v- and 12 hex digits", v)
	}
	tests := []struct {
		name, method, path string
		status             int
		ctype, cache       string
		bodyHas            string
	}{
		{"root", "GET", "/", 200, "text/html; charset=utf-8", "no-cache", `<input id="q"`},
		{"root with query", "GET", "/?q=x&speaker=a", 200, "text/html; charset=utf-8", "no-cache", "/static/" + v + "/app.js"},
		{"index.html", "GET", "/index.html", 200, "text/html; charset=utf-8", "no-cache", "<title>"},
		{"versioned js", "GET", "/static/" + v + "/app.js", 200, "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", "import"},
		{"versioned css", "GET", "/static/" + v + "/style.css", 200, "text/css; charset=utf-8", "public, max-age=31536000, immutable", ".facet"},
		{"svg", "GET", "/static/" + v + "/favicon.svg", 200, "image/svg+xml", "public, max-age=31536000, immutable", "<svg"},
		{"unversioned js", "GET", "/static/state.js", 200, "text/javascript; charset=utf-8", "no-cache", "parseState"},
		{"old version", "GET", "/static/v-000000000000/app.js", 200, "text/javascript; charset=utf-8", "no-cache", "import"},
		{"favicon.ico", "GET", "/favicon.ico", 200, "image/svg+xml", "no-cache", "<svg"},
		{"head", "HEAD", "/", 200, "text/html; charset=utf-8", "no-cache", ""},
		{"missing asset", "GET", "/static/nope.js", 404, "", "", ""},
		{"dir traversal", "GET", "/static/../web.go", 404, "", "", ""},
		{"static root", "GET", "/static/", 404, "", "", ""},
		{"other path", "GET", "/api/v1/search", 404, "", "", ""},
		{"post", "POST", "/", 405, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := get(t, h, tc.method, tc.path, nil)
			body, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d (body %q)", res.StatusCode, tc.status, body)
			}
			if tc.status != 200 {
				return
			}
			if got := res.Header.Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type = %q, want %q", got, tc.ctype)
			}
			if got := res.Header.Get("Cache-Control"); got != tc.cache {
				t.Errorf("Cache-Control = %q, want %q", got, tc.cache)
			}
			if res.Header.Get("ETag") == "" {
				t.Error("no ETag")
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q", got)
			}
			if tc.method == "HEAD" && len(body) != 0 {
				t.Errorf("HEAD body has %d bytes", len(body))
			}
			if !strings.Contains(string(body), tc.bodyHas) {
				t.Errorf("body lacks %q", tc.bodyHas)
			}
		})
	}
}

func TestHandlerConditional(t *testing.T) {
	h := Handler()
	for _, p := range []string{"/", "/static/app.js"} {
		res := get(t, h, "GET", p, nil)
		tag := res.Header.Get("ETag")
		res = get(t, h, "GET", p, map[string]string{"If-None-Match": tag})
		if res.StatusCode != http.StatusNotModified {
			t.Errorf("%s with If-None-Match %s: status %d, want 304", p, tag, res.StatusCode)
		}
		res = get(t, h, "GET", p, map[string]string{"If-None-Match": `"other"`})
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s with stale If-None-Match: status %d, want 200", p, res.StatusCode)
		}
	}
}

func TestIndexSecurityHeaders(t *testing.T) {
	res := get(t, Handler(), "GET", "/", nil)
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "default-src 'none'", "connect-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
}

// TestAssetReferences checks that every asset index.html links and every
// module a script imports is embedded, and that no script uses innerHTML
// (API text must never become markup).
func TestAssetReferences(t *testing.T) {
	s, err := loadSite()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(s.index.body), versionPlaceholder) {
		t.Error("index.html still holds the version placeholder")
	}
	linked := regexp.MustCompile(`/static/`+s.version+`/([A-Za-z0-9_.-]+)`).FindAllStringSubmatch(string(s.index.body), -1)
	if len(linked) < 3 {
		t.Fatalf("index.html links %d assets, want at least app.js, style.css, favicon.svg", len(linked))
	}
	for _, m := range linked {
		if _, ok := s.static[m[1]]; !ok {
			t.Errorf("index.html links %s, which is not embedded", m[1])
		}
	}
	importRE := regexp.MustCompile(`(?m)^\s*(?:import|export)\b[^;]*?from\s+'\./([^']+)'`)
	for name, f := range s.static {
		if !strings.HasSuffix(name, ".js") {
			continue
		}
		for _, m := range importRE.FindAllStringSubmatch(string(f.body), -1) {
			if _, ok := s.static[m[1]]; !ok {
				t.Errorf("%s imports ./%s, which is not embedded", name, m[1])
			}
		}
		for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
			if strings.Contains(string(f.body), bad) {
				t.Errorf("%s uses %s", name, bad)
			}
		}
	}
}

func TestNewSiteErrors(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no index", fstest.MapFS{"assets/static/a.js": {Data: []byte("x")}}, "index.html"},
		{"unknown extension", fstest.MapFS{
			"assets/index.html":   {Data: []byte("x")},
			"assets/static/a.exe": {Data: []byte("x")},
		}, "no content type"},
		{"no static dir", fstest.MapFS{"assets/index.html": {Data: []byte("x")}}, "walk"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newSite(tc.fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("newSite: err = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

// FuzzHandler serves arbitrary paths and methods: no panic, and only the
// known pages answer 200.
func FuzzHandler(f *testing.F) {
	for _, p := range []string{"/", "/index.html", "/static/app.js", "/static/v-0/app.js", "/static//x", "/static/../../etc/passwd", "/%2e%2e/", "/favicon.ico"} {
		f.Add("GET", p)
	}
	h := Handler()
	v := Version()
	f.Fuzz(func(t *testing.T, method, p string) {
		req, err := http.NewRequest(method, "http://x/", nil)
		if err != nil {
			return
		}
		req.URL.Path = p
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			return
		}
		if m := req.Method; m != "GET" && m != "HEAD" { // NewRequest turns "" into GET
			t.Fatalf("%s %q answered 200", m, p)
		}
		name := strings.TrimPrefix(p, "/static/")
		if first, rest, ok := strings.Cut(name, "/"); ok && strings.HasPrefix(first, "v-") {
			name = rest
		}
		s, _ := loadSite()
		if _, ok := s.static[name]; !ok && p != "/" && p != "/index.html" && p != "/favicon.ico" {
			t.Fatalf("%s %q answered 200 (version %s)", method, p, v)
		}
	})
}
