package search

import (
	"context"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/readout/readout/internal/runtimetune"
	"github.com/readout/readout/internal/search/searchtest"
)

// BenchmarkFacetPathsReuters compares the fast path of facets and the
// histogram with the per-hit path on the Reuters index: the start page
// (six facets and the month histogram, no q), a filter-only browse and a
// broad q with facets and histogram, each with a page of 20 hits. "fast"
// computes every request's aggregates (no cache), "cached" is the fast
// path as served, repeating a request.
func BenchmarkFacetPathsReuters(b *testing.B) {
	runtimetune.Searchd()
	store := searchtest.ReutersStore(b)
	six := []FacetSpec{{Name: "speaker"}, {Name: "person"}, {Name: "org"}, {Name: "place"}, {Name: "country"}, {Name: "source"}}
	reqs := []struct {
		name string
		req  Request
	}{
		{"whole", Request{Facets: six, Histogram: IntervalMonth}},
		{"whole-newest", Request{Facets: six, Histogram: IntervalMonth, Sort: SortNewest}},
		{"filter", Request{Facets: six, Histogram: IntervalMonth, Filters: map[string][]string{"country": {"US"}}}},
		{"filter-newest", Request{Facets: six, Histogram: IntervalMonth, Sort: SortNewest, Filters: map[string][]string{"country": {"US"}}}},
		{"broad-q", Request{Q: "said", Facets: six, Histogram: IntervalMonth}},
		{"oil-q", Request{Q: searchtest.BenchWord, Facets: six, Histogram: IntervalMonth}},
	}
	paths := []struct {
		name string
		opts Options
	}{{"per-hit", Options{PerHitFacets: true}}, {"fast", Options{noAggCache: true}}, {"cached", Options{}}}
	for _, path := range paths {
		e := New(store, nil, path.opts, nil)
		if _, err := e.Reload(context.Background()); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := e.Search(context.Background(), Request{NoHits: true}); err != nil {
			b.Fatal(err)
		}
		if path.name == "fast" {
			b.Logf("first search, building the column table: %v", time.Since(start))
		}
		for _, r := range reqs {
			b.Run(r.name+"/"+path.name, func(b *testing.B) {
				ctx := context.Background()
				first, err := e.Search(ctx, r.req)
				if err != nil || first.Total == 0 {
					b.Fatalf("total %v err %v", first, err)
				}
				lat := make(searchtest.Latencies, 0, b.N)
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					t0 := time.Now()
					res, err := e.Search(ctx, r.req)
					lat = append(lat, time.Since(t0))
					if err != nil || res.Total != first.Total || len(res.Facets) != len(six) {
						b.Fatalf("total %d, want %d (%v)", res.Total, first.Total, err)
					}
				}
				lat.Report(b)
			})
		}
		_ = e.Close(context.Background())
	}
}

// BenchmarkColumnTableReuters builds the column table of the Reuters
// generation: what the first search of a newly served generation waits
// for.
func BenchmarkColumnTableReuters(b *testing.B) {
	g := searchtest.Open(b, searchtest.ReutersStore(b))
	defer g.Close()
	b.ReportAllocs()
	for b.Loop() {
		t, err := buildTable(context.Background(), g.Index)
		if err != nil {
			b.Fatal(err)
		}
		if t.cols["type"].posting("article").IsEmpty() {
			b.Fatal("no article")
		}
		b.ReportMetric(float64(t.bytes())/(1<<20), "table-MiB")
		_ = t.close()
	}
}

// BenchmarkFacetCountReuters compares the two ways to count a facet's
// values over a set of documents on the Reuters table: the forward column
// (per document, its values) and the postings (per value, the size of its
// intersection with the set), for the whole archive and for a set of 5%.
func BenchmarkFacetCountReuters(b *testing.B) {
	g := searchtest.Open(b, searchtest.ReutersStore(b))
	defer g.Close()
	t, err := buildTable(context.Background(), g.Index)
	if err != nil {
		b.Fatal(err)
	}
	defer t.close()
	f := &fastReq{view: &fastView{sides: []side{{t: t}}}}
	all := t.cols["type"].posting("article")
	sample := all.Clone()
	sample.RemoveRange(0, uint64(all.Maximum())*95/100)
	for _, field := range []string{"country", "source", "person", "date_day"} {
		for _, set := range []struct {
			name string
			bm   *roaring.Bitmap
		}{{"all", all}, {"5pct", sample}} {
			b.Run(field+"/"+set.name+"/forward", func(b *testing.B) {
				for b.Loop() {
					f.count(field, []*roaring.Bitmap{set.bm})
				}
			})
			b.Run(field+"/"+set.name+"/postings", func(b *testing.B) {
				col := t.cols[field]
				for b.Loop() {
					n := make([]uint32, len(col.terms))
					for o, p := range col.post {
						n[o] = uint32(set.bm.AndCardinality(p))
					}
				}
			})
		}
	}
}
