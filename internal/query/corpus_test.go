package query

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/readout/readout/internal/testutil"
)

type corpusRecord struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
}

// readCandidates reads the records of a .jsonl.gz corpus whose text keep
// accepts, skipping lines without mustHave (when set) unparsed, and stopping
// after max records (when > 0).
func readCandidates(t *testing.T, path string, keep func(text string) bool, mustHave string, max int) []corpusRecord {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		t.Fatalf("gunzip %s: %v", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var out []corpusRecord
	for line := 1; sc.Scan() && (max <= 0 || len(out) < max); line++ {
		if mustHave != "" && !bytes.Contains(sc.Bytes(), []byte(mustHave)) {
			continue
		}
		var r corpusRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s line %d: %v", path, line, err)
		}
		if keep(strings.ToLower(r.Title + "\n" + r.Body)) {
			out = append(out, r)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return out
}

// hasDeEscalation is the oracle: the analysed text holds "de" directly
// followed by "escal…" or the joined "deescal…".
func hasDeEscalation(text string) bool {
	toks := defaultAnalyze("", text)
	for i, tok := range toks {
		if strings.HasPrefix(tok, "deescal") || (tok == "de" && i+1 < len(toks) && strings.HasPrefix(toks[i+1], "escal")) {
			return true
		}
	}
	return false
}

// TestCorpusDeEscalation indexes the real articles that could match and
// checks that de-escalation finds exactly those holding the word (as
// "de-escalation", "de escalation" or "deescalation", any inflection).
// Reuters 1987 holds none: Bleve's own query string finds hundreds there.
// The first 200 UN debate speeches (1990-2024) mentioning escalation hold
// dozens of paragraphs with it.
func TestCorpusDeEscalation(t *testing.T) {
	if testing.Short() {
		t.Skip("real corpus test")
	}
	hasDe := func(s string) bool {
		return slices.Contains(strings.FieldsFunc(s, func(r rune) bool { return r < 'a' || r > 'z' }), "de")
	}
	tests := []struct {
		file     string
		keep     func(string) bool
		minWant  int
		minWrong int  // least hits of Bleve's query string without the word
		paras    bool // index the kept paragraphs only (UN speeches are long)
		mustHave string
		max      int
	}{
		{file: "reuters21578.jsonl.gz", keep: func(s string) bool { return strings.Contains(s, "escalat") || hasDe(s) }, minWrong: 1},
		{file: "ungd-1990-2024.jsonl.gz", keep: func(s string) bool { return strings.Contains(s, "escalat") }, minWant: 5, paras: true, mustHave: "scalat", max: 200},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs := readCandidates(t, testutil.Corpus(t, tt.file), tt.keep, tt.mustHave, tt.max)
			if tt.paras {
				recs = paragraphs(recs, tt.keep)
			}
			idx, err := bleve.NewMemOnly(testMapping())
			if err != nil {
				t.Fatal(err)
			}
			defer idx.Close()
			b := idx.NewBatch()
			want := []string{}
			for _, r := range recs {
				if err := b.Index(r.ID, testDoc{Type: "article", Title: r.Title, Body: r.Body}); err != nil {
					t.Fatal(err)
				}
				if hasDeEscalation(r.Title) || hasDeEscalation(r.Body) {
					want = append(want, r.ID)
				}
			}
			if err := idx.Batch(b); err != nil {
				t.Fatal(err)
			}
			slices.Sort(want)
			if len(want) < tt.minWant {
				t.Fatalf("%d articles hold de-escalation; want at least %d (is the oracle broken?)", len(want), tt.minWant)
			}
			got := hitIDsAll(t, idx, "de-escalation")
			if !slices.Equal(got, want) {
				t.Errorf("de-escalation: %d hits %v; want the %d articles holding it %v", len(got), got, len(want), want)
			}

			res, err := idx.Search(bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery("de-escalation"), len(recs)+1, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			wrong := 0
			for _, h := range res.Hits {
				if !slices.Contains(want, h.ID) {
					wrong++
				}
			}
			if wrong < tt.minWrong {
				t.Errorf("Bleve query string: %d wrong hits; expected at least %d (the contrast this test documents)", wrong, tt.minWrong)
			}
			t.Logf("%d candidates: ours %d hits = %d holding the word; Bleve query string %d hits, %d without it",
				len(recs), len(got), len(want), res.Total, wrong)
		})
	}
}

// paragraphs splits records into one record per kept body paragraph, with
// ids "<id>#<n>".
func paragraphs(recs []corpusRecord, keep func(string) bool) []corpusRecord {
	var out []corpusRecord
	for _, r := range recs {
		for i, p := range strings.Split(r.Body, "\n\n") {
			if keep(strings.ToLower(p)) {
				out = append(out, corpusRecord{ID: fmt.Sprintf("%s#%d", r.ID, i), Body: p})
			}
		}
	}
	return out
}

func hitIDsAll(t *testing.T, idx bleve.Index, in string) []string {
	t.Helper()
	n, err := Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	q, err := ToBleve(n, ArticleFields())
	if err != nil {
		t.Fatal(err)
	}
	res, err := idx.Search(bleve.NewSearchRequestOptions(q, 100000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	slices.Sort(out)
	return out
}
