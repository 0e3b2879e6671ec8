package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
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

// TestCorpusCountries writes the countries Extract gives each article of a
// corpus, one "id<TAB>code code …" line per article (codes by count), to
// the file READOUT_COUNTRY_DUMP names, and logs how many articles carry
// each code, so that a change to the gazetteer can be read as the articles
// it moves (for Reuters-21578, which has no country labels here:
//
//	READOUT_COUNTRY_DUMP=/tmp/reuters.tsv go test -run TestCorpusCountries -v ./internal/extract/
//
// and diff two dumps). READOUT_COUNTRY_CORPUS picks the corpus
// (reuters21578.jsonl.gz by default).
func TestCorpusCountries(t *testing.T) {
	out := os.Getenv("READOUT_COUNTRY_DUMP")
	if out == "" {
		t.Skip("set READOUT_COUNTRY_DUMP to a file to write")
	}
	name := os.Getenv("READOUT_COUNTRY_CORPUS")
	if name == "" {
		name = "reuters21578.jsonl.gz"
	}
	path := testutil.Corpus(t, name)
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
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
	var b strings.Builder
	perCode := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<24)
	n := 0
	for sc.Scan() {
		var a news.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		n++
		b.WriteString(a.ID)
		b.WriteByte('\t')
		for i, c := range x.Extract(a).Countries {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(c.Code)
			perCode[c.Code]++
		}
		b.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	codes := make([]string, 0, len(perCode))
	for c := range perCode {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		if perCode[codes[i]] != perCode[codes[j]] {
			return perCode[codes[i]] > perCode[codes[j]]
		}
		return codes[i] < codes[j]
	})
	var top strings.Builder
	for i, c := range codes {
		if i == 40 {
			break
		}
		fmt.Fprintf(&top, " %s %d", c, perCode[c])
	}
	t.Logf("%s: %d articles; articles per code:%s", name, n, top.String())
}
