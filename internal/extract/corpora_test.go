package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/testutil"
)

// TestRealCorporaInvariants runs Extract over the real corpora (Reuters,
// Wikinews, PolNeAR; skipped when absent) and checks that no article makes
// it panic and every output keeps the invariants of checkInvariants. It
// also checks that almost every dated wire story with a dateline yields a
// country.
func TestRealCorporaInvariants(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var recovered any
	panicHook = func(r any) { recovered = r }
	defer func() { panicHook = nil }()
	for _, name := range []string{"wikinews.jsonl", "gum-wikinews.jsonl", "polnear.jsonl", "reuters21578.jsonl.gz"} {
		t.Run(name, func(t *testing.T) {
			path := testutil.Corpus(t, name)
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var r io.Reader = f
			if strings.HasSuffix(name, ".gz") {
				zr, err := gzip.NewReader(f)
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				r = zr
			}
			sc := bufio.NewScanner(r)
			sc.Buffer(nil, 1<<24)
			n, withCountry, datelines := 0, 0, 0
			for sc.Scan() {
				var a news.Article
				if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				ann := x.Extract(a)
				if recovered != nil {
					t.Fatalf("%s: Extract panicked (recovered): %v", a.ID, recovered)
				}
				checkInvariants(t, a, ann)
				if t.Failed() {
					t.Fatalf("%s: invariants broken", a.ID)
				}
				n++
				if i := strings.Index(a.Body, " - "); i > 0 && i < 40 && strings.ToUpper(a.Body[:3]) == a.Body[:3] {
					datelines++
					if len(ann.Countries) > 0 {
						withCountry++
					}
				}
			}
			if err := sc.Err(); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d articles, %d/%d with a dateline have a country", name, n, withCountry, datelines)
			if datelines > 100 && float64(withCountry) < 0.95*float64(datelines) {
				t.Errorf("only %d of %d dateline stories have a country, want >= 95%%", withCountry, datelines)
			}
		})
	}
}
