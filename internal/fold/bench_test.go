package fold

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"

	"github.com/readout/readout/internal/testutil"
)

// wikinewsBodies reads the titles and bodies of the Wikinews corpus, which
// names many people and places with accents.
func wikinewsBodies(tb testing.TB) [][]byte {
	f, err := os.Open(testutil.Corpus(tb, "wikinews.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out [][]byte
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a struct{ Title, Body string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		out = append(out, []byte(a.Title+"\n"+a.Body))
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// BenchmarkAnalyzer compares Bleve's en analyzer with readout_en on the
// Wikinews texts: the cost of folding in indexing.
func BenchmarkAnalyzer(b *testing.B) {
	texts := wikinewsBodies(b)
	var size int64
	for _, t := range texts {
		size += int64(len(t))
	}
	for _, name := range []string{"en", AnalyzerName} {
		b.Run(name, func(b *testing.B) {
			a, err := registry.NewCache().AnalyzerNamed(name)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				for _, t := range texts {
					a.Analyze(t)
				}
			}
		})
	}
}

// TestWikinewsTerms reports how many of the Wikinews corpus's distinct
// terms folding merges, and checks that it merges some: the real-text
// counterpart of TestAnalyzer.
func TestWikinewsTerms(t *testing.T) {
	texts := wikinewsBodies(t)
	cache := registry.NewCache()
	en, err := cache.AnalyzerNamed("en")
	if err != nil {
		t.Fatal(err)
	}
	ro, err := cache.AnalyzerNamed(AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	enTerms, roTerms := map[string]bool{}, map[string]bool{}
	changed, dropped := 0, 0
	for _, text := range texts {
		a, b := en.Analyze(text), ro.Analyze(text)
		at := map[int]int{} // start -> index in a
		for i, tok := range a {
			at[tok.Start] = i
			enTerms[string(tok.Term)] = true
		}
		// Every readout_en token is an en token folded, at the same
		// offsets and position; folding may only drop tokens that become
		// stop words (à -> a).
		for _, tok := range b {
			i, ok := at[tok.Start]
			if !ok || a[i].End != tok.End || a[i].Position != tok.Position {
				t.Fatalf("readout_en token %q at %d:%d/%d has no en token there", tok.Term, tok.Start, tok.End, tok.Position)
			}
			roTerms[string(tok.Term)] = true
			if string(a[i].Term) != string(tok.Term) {
				changed++
			}
		}
		dropped += len(a) - len(b)
	}
	t.Logf("%d texts: %d distinct terms with en, %d with readout_en; %d tokens folded, %d dropped as stop words once folded",
		len(texts), len(enTerms), len(roTerms), changed, dropped)
	if changed == 0 || len(roTerms) >= len(enTerms) {
		t.Errorf("folding changed nothing")
	}
}
