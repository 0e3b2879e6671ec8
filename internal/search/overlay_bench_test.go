package search_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/runtimetune"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// BenchmarkOverlayReuters runs the benchmark queries on the Reuters
// generation as served with no journal change (the overlay passes every
// search to the generation's index) and with 200 changes (100 articles
// replaced, 50 added, 50 deleted: each search runs on the masked generation
// and on the in-memory delta, and their results are merged). Totals are
// checked in the loop.
func BenchmarkOverlayReuters(b *testing.B) {
	runtimetune.Searchd() // as searchd does
	store := searchtest.ReutersStore(b)
	ctx := context.Background()
	serve := func(changes int) *search.Engine {
		e := search.New(nil, nil, search.Options{}, nil)
		e.Serve(searchtest.Open(b, store), 0) // no store: changes go to the overlay only
		b.Cleanup(func() { _ = e.Close(ctx) })
		if changes == 0 {
			return e
		}
		var hits []search.Hit
		if err := e.Export(ctx, search.Request{Q: searchtest.BenchWord, Sort: search.SortNewest}, changes, func(r *search.Response) error {
			hits = append(hits, r.Hits...)
			return nil
		}); err != nil || len(hits) < changes {
			b.Fatalf("%d articles to change (%v)", len(hits), err)
		}
		var ops []index.Op
		for i, h := range hits {
			a, err := e.Article(ctx, h.ID)
			if err != nil {
				b.Fatal(err)
			}
			art := index.Op{Kind: index.OpUpsert, Article: asIngest(a)}
			switch {
			case i < changes/2: // replaced
				art.Article.Title += " (updated)"
				ops = append(ops, art)
			case i < changes*3/4: // added under a new id
				art.Article.ID = fmt.Sprintf("overlay-bench-%d", i)
				ops = append(ops, art)
			default:
				ops = append(ops, index.Op{Kind: index.OpDelete, ID: h.ID})
			}
		}
		if _, err := e.Apply(ctx, ops); err != nil {
			b.Fatal(err)
		}
		return e
	}
	var speaker string
	for _, changes := range []int{0, 200} {
		e := serve(changes)
		if speaker == "" {
			top, err := e.Search(ctx, search.Request{Q: searchtest.BenchWord, Mode: search.ModeQuotes, Facets: []search.FacetSpec{{Name: "speaker", Size: 1}}})
			if err != nil || len(top.Facets["speaker"]) == 0 {
				b.Fatalf("no speaker in the Reuters index: %v", err)
			}
			speaker = top.Facets["speaker"][0].Value
		}
		for _, q := range searchtest.ReutersQueries {
			b.Run(fmt.Sprintf("changes=%d/%s", changes, q.Name), func(b *testing.B) {
				benchSearch(b, e, requestOf(b, strings.ReplaceAll(q.Params, "{speaker}", speaker)))
			})
		}
	}
}
