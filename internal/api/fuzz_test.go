package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/readout/readout/internal/api"
)

// FuzzSearchParams sends arbitrary query strings to /api/v1/search through
// the real router: the server never panics (a 500), always answers JSON,
// every 400 names its code and parameter in a message of at most 400 bytes,
// and a query string with malformed percent-encoding or invalid UTF-8 is
// always a 400.
func FuzzSearchParams(f *testing.F) {
	for _, s := range []string{
		"q=grain&sort=newest&size=3",
		"q=%22unclosed&facets=speaker:0,country:x",
		"speaker=boris-lind&q=de-escalation&histogram=auto",
		"from=2022-02-30&to=1600-01-01",
		"mode=quotes&q=(a+OR+b)+-c*&cursor=eyJrIjoiIn0",
		"facets=,,,:5&highlight=yes&size=-1",
		"q=speaker:(kovac+OR+lind)+title:grain~2",
		"histogram=month&split=country:3&country=UA&country=RU",
		"mode=quotes&histogram=auto&split=speaker&q=de-escalation",
		"histogram=year&split=speaker:0",
		"size=0&q=title:grain+NOT+ships&speaker=boris-lind&histogram=week",
		"q=%ZZ%",
		"q=%FF%FE%FD",
		"cursor=%%%%",
		"%ZZ=1&q=grain",
		"q=caf%C3%28&size=3",
		"q=grain\xff",
		"sizee=3&speakr=lind",
		"size=1&size=2",
		"q=a;b&&speaker=x&speaker=y&",
		"mode=" + strings.Repeat("m", 2000),
		strings.Repeat("n", 500) + "=1",
		"=0&q=grain",
	} {
		f.Add(s)
	}
	s, _ := newServer(f, api.Options{})
	f.Fuzz(func(t *testing.T, raw string) {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/search", nil)
		req.URL.RawQuery = raw
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		var body map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("%q: not JSON (%d): %q", raw, rec.Code, rec.Body)
		}
		switch rec.Code {
		case http.StatusOK:
			if malformed(raw) {
				t.Fatalf("%q: malformed, answered 200", raw)
			}
		case http.StatusBadRequest:
			e, _ := body["error"].(map[string]any)
			code, _ := e["code"].(string)
			msg, _ := e["message"].(string)
			param, _ := e["param"].(string)
			if code == "" || msg == "" || param == "" || len(msg) > 400 {
				t.Fatalf("%q: 400 without code, param or a short message: %v", raw, body)
			}
		default:
			t.Fatalf("%q: status %d: %v", raw, rec.Code, body)
		}
	})
}

// malformed reports whether a name or value of a raw query string is not
// valid percent-encoding of UTF-8.
func malformed(raw string) bool {
	for pair := range strings.SplitSeq(raw, "&") {
		name, value, _ := strings.Cut(pair, "=")
		for _, part := range []string{name, value} {
			s, err := url.QueryUnescape(part)
			if err != nil || !utf8.ValidString(s) {
				return true
			}
		}
	}
	return false
}
