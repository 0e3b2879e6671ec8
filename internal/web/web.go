package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"
	"time"
)

//go:embed assets
var assets embed.FS

// versionPlaceholder is replaced in index.html by the asset version.
const versionPlaceholder = "{{VERSION}}"

// Cache-Control values.
const (
	cacheRevalidate = "no-cache"                            // index.html and unversioned assets
	cacheImmutable  = "public, max-age=31536000, immutable" // /static/v-<version>/…
)

// contentSecurityPolicy allows only same-origin scripts, styles, images and
// fetches: the page never evaluates or injects markup from the API.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// contentTypes maps the file extensions we embed to their media types. The
// table is explicit so the answer does not depend on the host's mime.types.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".txt":  "text/plain; charset=utf-8",
}

// file is one embedded asset ready to serve.
type file struct {
	body  []byte
	ctype string
	etag  string
}

// site is the loaded set of assets.
type site struct {
	index   file
	static  map[string]file // by name relative to assets/static, e.g. "app.js"
	version string          // "v-" + hex prefix of the hash over all assets
}

var loadSite = sync.OnceValues(func() (*site, error) { return newSite(assets) })

// Handler returns the handler of the web UI. It serves GET and HEAD for "/",
// "/index.html" and "/static/…" and answers 404 for every other path, so it
// can be mounted as a catch-all after the API routes.
func Handler() http.Handler {
	s, err := loadSite()
	if err != nil {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "web assets unavailable: "+err.Error(), http.StatusInternalServerError)
		})
	}
	return s
}

// Version returns the current asset version, the path segment of the
// immutable asset URLs ("v-" followed by 12 hex digits).
func Version() string {
	s, err := loadSite()
	if err != nil {
		return ""
	}
	return s.version
}

// newSite reads the assets of fsys (a tree with assets/index.html and
// assets/static/…).
func newSite(fsys fs.FS) (*site, error) {
	s := &site{static: make(map[string]file)}
	const root = "assets/static"
	var names []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		names = append(names, strings.TrimPrefix(p, root+"/"))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", root, err)
	}
	sort.Strings(names)
	all := sha256.New()
	for _, name := range names {
		body, err := fs.ReadFile(fsys, root+"/"+name)
		if err != nil {
			return nil, fmt.Errorf("read asset %s: %w", name, err)
		}
		ctype, ok := contentTypes[path.Ext(name)]
		if !ok {
			return nil, fmt.Errorf("asset %s: no content type for extension %q", name, path.Ext(name))
		}
		s.static[name] = file{body: body, ctype: ctype, etag: etag(body)}
		fmt.Fprintf(all, "%s\x00%d\x00", name, len(body))
		all.Write(body)
	}
	tmpl, err := fs.ReadFile(fsys, "assets/index.html")
	if err != nil {
		return nil, fmt.Errorf("read index.html: %w", err)
	}
	all.Write(tmpl)
	s.version = "v-" + hex.EncodeToString(all.Sum(nil))[:12]
	body := bytes.ReplaceAll(tmpl, []byte(versionPlaceholder), []byte(s.version))
	s.index = file{body: body, ctype: contentTypes[".html"], etag: etag(body)}
	return s, nil
}

func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

// ServeHTTP implements http.Handler.
func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	var f file
	var cache string
	switch {
	case p == "/" || p == "/index.html":
		f, cache = s.index, cacheRevalidate
		w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
		w.Header().Set("Referrer-Policy", "same-origin")
	case strings.HasPrefix(p, "/static/"):
		name := strings.TrimPrefix(p, "/static/")
		cache = cacheRevalidate
		if first, rest, ok := strings.Cut(name, "/"); ok && strings.HasPrefix(first, "v-") {
			// A versioned URL: immutable when it is the current version.
			// An old version (a page loaded before a deploy) gets the
			// current file, revalidated.
			name = rest
			if first == s.version {
				cache = cacheImmutable
			}
		}
		var ok bool
		if f, ok = s.static[name]; !ok {
			http.NotFound(w, r)
			return
		}
	case p == "/favicon.ico":
		f, cache = s.static["favicon.svg"], cacheRevalidate
		if f.body == nil {
			http.NotFound(w, r)
			return
		}
	default:
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", cache)
	h.Set("ETag", f.etag)
	h.Set("X-Content-Type-Options", "nosniff")
	// ServeContent answers If-None-Match with 304, handles HEAD and ranges.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}
