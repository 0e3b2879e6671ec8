package search_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/testutil"
)

// reutersRepeats are quotations Reuters-21578 carries in three stories on
// different days (found by reading the corpus: the same first words in
// double quotes, the same speaker), earliest copy first.
var reutersRepeats = []struct {
	prefix string   // the quotation's first words
	copies []string // article ids, oldest first
}{
	{"Saudi Arabia doesn't decide prices by itself", []string{"reuters21578-3455", "reuters21578-5167", "reuters21578-5273"}},
	{"Generally we feel very good about the bipartisan", []string{"reuters21578-4903", "reuters21578-5376", "reuters21578-5561"}},
}

// TestReutersQuoteSpread: on real wire copy, a quotation repeated in three
// stories over several days has the same spread from any of its copies:
// three copies, the earliest first and the latest last, among 3,000
// Reuters stories of the same weeks.
func TestReutersQuoteSpread(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 3,000 Reuters stories")
	}
	src := testutil.Corpus(t, "reuters21578.jsonl.gz")
	dir := t.TempDir()
	want := map[string]bool{}
	for _, r := range reutersRepeats {
		for _, id := range r.copies {
			want[id] = true
		}
	}
	p := filepath.Join(dir, "reuters-march.jsonl")
	n := testutil.Subset(t, src, p, func(line int, rec []byte) bool {
		var r struct{ ID string }
		return line >= 3400 && line < 6400 || json.Unmarshal(rec, &r) == nil && want[r.ID]
	})
	if n < 3000 {
		t.Fatalf("%d stories written", n)
	}
	store, err := index.OpenStore(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := store.Build(ctx, index.BuildOptions{Inputs: []ingest.Input{ingest.OSInput(p)}, Extractor: x}); err != nil {
		t.Fatal(err)
	}
	e := search.New(store, nil, search.Options{}, nil)
	if _, err := e.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Close(ctx)
	for _, r := range reutersRepeats {
		for _, aid := range r.copies {
			a, err := e.Article(ctx, aid)
			if err != nil {
				t.Fatal(err)
			}
			qid := ""
			for _, q := range a.Quotes {
				if strings.HasPrefix(q.Text, r.prefix) {
					qid = q.ID
				}
			}
			if qid == "" {
				t.Errorf("%s: %q is no quote of it", aid, r.prefix)
				continue
			}
			sp, err := e.QuoteSpread(ctx, qid)
			if err != nil {
				t.Fatalf("%s: %v", qid, err)
			}
			first, last := r.copies[0], r.copies[len(r.copies)-1]
			if sp.Count != len(r.copies) || sp.First == nil || sp.First.ArticleID != first || sp.Last == nil || sp.Last.ArticleID != last {
				t.Errorf("spread of %s: count %d, first %v, last %v; want %d, %s, %s", qid, sp.Count, hitArticle(sp.First), hitArticle(sp.Last), len(r.copies), first, last)
			}
		}
	}
}

func hitArticle(h *search.Hit) string {
	if h == nil {
		return "none"
	}
	return h.ArticleID + " " + h.Published.Format("2006-01-02")
}
