package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/readout/readout/internal/api"
)

// FuzzSearchParams sends arbitrary query strings to /api/v1/search through
// the real router: the server never panics (a 500), always answers JSON, and
// every 400 names its code.
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
		case http.StatusBadRequest:
			e, _ := body["error"].(map[string]any)
			if e == nil || e["code"] == "" || e["message"] == "" {
				t.Fatalf("%q: 400 without code: %v", raw, body)
			}
		default:
			t.Fatalf("%q: status %d: %v", raw, rec.Code, body)
		}
	})
}
