package fold

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// analyzers returns the analyzer without a table (the filters one after
// the other, as Bleve runs them) and with a table of slots slots.
func analyzers(tb testing.TB, slots int) (plain, cached *analysis.DefaultAnalyzer) {
	tb.Helper()
	plain, err := newAnalyzer(registry.NewCache(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	cached, err = newAnalyzer(registry.NewCache(), newTermCache(slots))
	if err != nil {
		tb.Fatal(err)
	}
	return plain, cached
}

// tokens renders a token stream with everything an index keeps of it.
func tokens(s analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range s {
		fmt.Fprintf(&b, "%q@%d:%d/%d/%d ", t.Term, t.Start, t.End, t.Position, t.Type)
	}
	return b.String()
}

// sameAnalysis fails unless the two analyzers give text the same tokens.
func sameAnalysis(t *testing.T, plain, cached analysis.Analyzer, text string) {
	t.Helper()
	want := tokens(plain.Analyze([]byte(text)))
	if got := tokens(cached.Analyze([]byte(text))); got != want {
		t.Fatalf("%q:\n with the table %s\n without it     %s", text, got, want)
	}
}

func TestCachedAnalyzer(t *testing.T) {
	texts := []string{
		"The minister's talks with the Ministers' council were negotiated.",
		"Stanković’s STANKOVIĆ Stankovic's stankovic", // possessive, case, folding
		"à la carte, À LA CARTE",                      // folded to a stop word: dropped
		"the THE The a an of Of",                      // stop words in every case
		"1987 3.5% U.S. UN-backed co-operation",
		"東京 مرحبا Йошкар-Ола 🙂",
		"invalid \xff\xfe bytes, and \u0301a combining mark",
		"running runs ran runner RUNNING Running's",
		"",
	}
	// A table of 2 slots: words keep replacing each other, so every path
	// (hit, miss, a slot taken by another word) runs.
	for _, slots := range []int{2, termSlots} {
		plain, cached := analyzers(t, slots)
		for round := range 3 { // the later rounds read the table
			for _, text := range texts {
				t.Run(fmt.Sprintf("slots=%d/round=%d/%.20s", slots, round, text), func(t *testing.T) {
					sameAnalysis(t, plain, cached, text)
				})
			}
		}
	}
}

func TestCachedAnalyzerConcurrent(t *testing.T) {
	plain, cached := analyzers(t, 8)
	text := "The ministers' negotiations in São Paulo and Türkiye: running talks, the à la carte summit of 1987."
	want := tokens(plain.Analyze([]byte(text)))
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				if got := tokens(cached.Analyze([]byte(text))); got != want {
					errs <- got
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("concurrent analysis %s, want %s", got, want)
	}
}

// TestCachedAnalyzerWikinews compares the two on every Wikinews text.
func TestCachedAnalyzerWikinews(t *testing.T) {
	texts := wikinewsBodies(t)
	plain, cached := analyzers(t, 1<<10) // small: misses and replacements happen
	for _, text := range texts {
		sameAnalysis(t, plain, cached, string(text))
	}
}

func FuzzCachedAnalyzer(f *testing.F) {
	for _, s := range []string{"The minister's talks", "à la carte", "Stanković’s", "\xff\xfe", "running ran RUNS"} {
		f.Add(s)
	}
	plain, cached := analyzers(f, 4)
	f.Fuzz(func(t *testing.T, s string) {
		sameAnalysis(t, plain, cached, s)
		sameAnalysis(t, plain, cached, s)
	})
}
