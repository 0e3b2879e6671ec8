package api_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/readout/readout/internal/api"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGoldenResponses compares whole JSON answers for the fixture with
// testdata/golden/*.json (took_ms and score zeroed). Refresh with -update after an
// intended change and review the diff.
func TestGoldenResponses(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	tests := []struct{ name, target string }{
		{"search-speaker-semantics", "/api/v1/search?q=de-escalation&speaker=boris-lind&histogram=auto"},
		{"search-quotes", "/api/v1/search?mode=quotes&q=de-escalation&facets=speaker&sort=oldest"},
		{"search-facets-selected", "/api/v1/search?source=Archive&country=RU&facets=source,country:2&histogram=year&size=5&sort=newest"},
		{"search-page", "/api/v1/search?q=grain&size=3&facets=none&sort=oldest&highlight=false"},
		{"search-folded", "/api/v1/search?q=anna+kovac&facets=none"},
		{"article", "/api/v1/articles/k1"},
		{"facet-values", "/api/v1/facets/country?prefix=u"},
		{"stats", "/api/v1/stats"},
		{"error-syntax", "/api/v1/search?q=grain+(ships"},
	}
	took := regexp.MustCompile(`"took_ms":[0-9.e-]+`)
	// Scores depend on analyzer details; hit order already shows ranking.
	score := regexp.MustCompile(`"score":[0-9.e+-]+`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, s, "GET", tt.target, nil, nil, nil)
			raw := took.ReplaceAll(rec.Body.Bytes(), []byte(`"took_ms":0`))
			raw = score.ReplaceAll(raw, []byte(`"score":0`))
			var buf bytes.Buffer
			if err := json.Indent(&buf, raw, "", "  "); err != nil {
				t.Fatalf("not JSON: %s", raw)
			}
			got := append([]byte(tt.target+"\n"), buf.Bytes()...)
			path := filepath.Join("testdata", "golden", tt.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run with -update and review the diff):\n%s", tt.target, path, got)
			}
		})
	}
}
