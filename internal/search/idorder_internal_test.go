package search

import (
	"context"
	"slices"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search/searchtest"
)

// TestIDOrder checks the id order of each shard's table against the ids
// read one by one: every live document once, in id order; and that
// firstByID gives the first k documents of a set by id from a given id,
// for dense and sparse sets and for ids in and out of the shard. Small
// batches leave each shard in several segments, whose orders are merged.
func TestIDOrder(t *testing.T) {
	g := searchtest.Open(t, searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: 2, BatchSize: 3}))
	for i, shard := range g.Shards() {
		tb, err := buildTable(context.Background(), shard)
		if err != nil {
			t.Fatal(err)
		}
		defer tb.close()
		o, err := tb.segs.buildIDOrder(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		n, err := shard.DocCount()
		if err != nil {
			t.Fatal(err)
		}
		if len(o.byRank) != int(n) {
			t.Fatalf("shard %d: %d documents in id order; %d in the shard", i, len(o.byRank), n)
		}
		idOf := func(d uint32) string {
			id, err := tb.reader.ExternalID(tb.internalID(nil, d))
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		for r, d := range o.byRank {
			if o.rank[d] != uint32(r) {
				t.Fatalf("shard %d: document %d at position %d has rank %d", i, d, r, o.rank[d])
			}
			if r > 0 && idOf(o.byRank[r-1]) >= idOf(d) {
				t.Fatalf("shard %d: %q before %q", i, idOf(o.byRank[r-1]), idOf(d))
			}
		}
		t.Logf("shard %d: %d documents in %d segments", i, n, len(tb.segs.segs))
		articles := tb.cols[index.FieldType].posting(index.TypeArticle)
		all := roaring.New()
		all.AddRange(0, uint64(len(o.rank)))
		sparse := roaring.New()
		for j, d := range articles.ToArray() {
			if j%7 == 3 {
				sparse.Add(d)
			}
		}
		mid := idOf(o.byRank[len(o.byRank)/2])
		for _, c := range []struct {
			name  string
			set   *roaring.Bitmap
			after string
			k     int
		}{
			{"all", all, "", 5},
			{"all from the middle", all, mid, 5},
			{"all from an id not in the shard", all, mid + "~", 4},
			{"articles", articles, "", 6},
			{"articles from the middle", articles, mid, 3},
			{"sparse", sparse, "", 2},
			{"sparse from the middle", sparse, mid, 2},
			{"sparse beyond the last", sparse, "\xff", 2},
			{"more than there are", sparse, "", 1000},
			{"none", roaring.New(), "", 3},
		} {
			got, err := o.firstByID(c.set, c.after, c.k, func(d uint32) (string, error) { return idOf(d), nil })
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, d := range c.set.ToArray() {
				if int(d) < len(o.rank) && o.rank[d] != noDoc && idOf(d) >= c.after {
					ids = append(ids, idOf(d))
				}
			}
			slices.Sort(ids)
			ids = ids[:min(c.k, len(ids))]
			var gotIDs []string
			for _, d := range got.ToArray() {
				gotIDs = append(gotIDs, idOf(d))
			}
			slices.Sort(gotIDs)
			if !slices.Equal(gotIDs, ids) {
				t.Errorf("shard %d, %s: %q; want %q", i, c.name, gotIDs, ids)
			}
		}
	}
}
