package search_test

import (
	"context"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// CatchUp lays a shared journal's ops over an engine without a store,
// from its position on: ops at or before it are skipped (not applied
// twice), the position advances, and a closed engine ignores them.
func TestCatchUp(t *testing.T) {
	ctx := context.Background()
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: 2})
	info, err := store.Current()
	if err != nil {
		t.Fatal(err)
	}
	g, err := index.OpenGeneration(info)
	if err != nil {
		t.Fatal(err)
	}
	e := search.New(nil, nil, search.Options{}, nil)
	e.Serve(g, 0)
	t.Cleanup(func() { _ = e.Close(ctx) })
	upsert := func(seq int64, id, title string) index.Op {
		return index.Op{Seq: seq, Kind: index.OpUpsert, ID: id, Article: &news.Article{ID: id, Title: title,
			Body: title + ". The envoy said so in Geneva.", Published: time.Date(2022, 4, 2, 8, 0, 0, 0, time.UTC), Source: "Wire Z"}}
	}
	found := func(q string) int {
		res, err := e.Search(ctx, search.Request{Q: q, Facets: []search.FacetSpec{}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	ops := []index.Op{upsert(1, "z1", "Zanzibar grain deal"), {Seq: 2, Kind: index.OpDelete, ID: "z1"}, upsert(3, "z2", "Zanzibar port reopens")}
	for _, step := range []struct {
		ops      []index.Op
		seq      int64
		zanzibar int
	}{
		{ops[:1], 1, 1},
		{ops[:2], 2, 0}, // op 1 skipped, op 2 deletes z1
		{ops, 3, 1},     // ops 1 and 2 skipped: z1 stays deleted
		{ops[:2], 3, 1}, // nothing after the position
		{nil, 3, 1},
	} {
		if err := e.CatchUp(ctx, step.ops); err != nil {
			t.Fatal(err)
		}
		if got, n := e.JournalSeq(), found("zanzibar"); got != step.seq || n != step.zanzibar {
			t.Errorf("after ops to %d: position %d, %d zanzibar articles; want %d, %d", len(step.ops), got, n, step.seq, step.zanzibar)
		}
	}
	if err := e.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.CatchUp(ctx, []index.Op{upsert(4, "z3", "Zanzibar")}); err != nil {
		t.Errorf("closed engine: %v", err)
	}
}
