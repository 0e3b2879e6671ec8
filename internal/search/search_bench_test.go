package search_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/runtimetune"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// reutersEngine serves the Reuters index (built once per process).
func reutersEngine(b *testing.B) (*search.Engine, string) {
	b.Helper()
	store := searchtest.ReutersStore(b)
	e := search.New(store, nil, search.Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = e.Close(context.Background()) })
	// The speaker quoted most often on oil, so that the speaker-filtered
	// query (q=oil) has hits whatever extraction finds.
	top, err := e.Search(context.Background(), search.Request{Q: searchtest.BenchWord, Mode: search.ModeQuotes, Facets: []search.FacetSpec{{Name: "speaker", Size: 1}}})
	if err != nil || len(top.Facets["speaker"]) == 0 {
		b.Fatalf("no speaker in the Reuters index: %v", err)
	}
	return e, top.Facets["speaker"][0].Value
}

// requestOf builds the Request of benchmark params (the same parsing as the
// HTTP API, minus the handler).
func requestOf(b *testing.B, params string) search.Request {
	v, err := url.ParseQuery(params)
	if err != nil {
		b.Fatal(err)
	}
	req := search.Request{Q: v.Get("q"), Histogram: v.Get("histogram"), Highlight: true}
	for _, f := range search.FilterNames {
		if vals, ok := v[f]; ok {
			if req.Filters == nil {
				req.Filters = map[string][]string{}
			}
			req.Filters[f] = vals
		}
	}
	if fs := v.Get("facets"); fs == "none" {
		req.Facets = []search.FacetSpec{}
	} else {
		for _, f := range strings.Split(fs, ",") {
			req.Facets = append(req.Facets, search.FacetSpec{Name: f})
		}
	}
	return req
}

// BenchmarkSearchReuters runs each benchmark query in process on the
// Reuters index and reports p50/p99 latency. Compare with
// internal/api BenchmarkHTTPOverheadReuters, which also runs each query
// over HTTP in the same loop.
func BenchmarkSearchReuters(b *testing.B) {
	runtimetune.Searchd() // as searchd does
	e, speaker := reutersEngine(b)
	for _, q := range searchtest.ReutersQueries {
		b.Run(q.Name, func(b *testing.B) {
			benchSearch(b, e, requestOf(b, strings.ReplaceAll(q.Params, "{speaker}", speaker)))
		})
	}
}

// benchSearch runs req b.N times, checking each total against the first,
// and reports p50/p99 latency and allocations.
func benchSearch(b *testing.B, e *search.Engine, req search.Request) {
	ctx := context.Background()
	first, err := e.Search(ctx, req)
	if err != nil || first.Total == 0 {
		b.Fatalf("total %v err %v", first, err)
	}
	lat := make(searchtest.Latencies, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		res, err := e.Search(ctx, req)
		lat = append(lat, time.Since(start))
		if err != nil || res.Total != first.Total {
			b.Fatalf("total %d, want %d (%v)", res.Total, first.Total, err)
		}
	}
	lat.Report(b)
}

// BenchmarkPagingDeepReuters pages with cursors through the first 2000
// hits of a broad query: each page costs about the same at any depth.
func BenchmarkPagingDeepReuters(b *testing.B) {
	e, _ := reutersEngine(b)
	ctx := context.Background()
	req := search.Request{Q: "said", Sort: search.SortNewest, Size: 100, Facets: []search.FacetSpec{}}
	b.ReportAllocs()
	for b.Loop() {
		r := req
		n := 0
		for n < 2000 {
			res, err := e.Search(ctx, r)
			if err != nil {
				b.Fatal(err)
			}
			n += len(res.Hits)
			if res.NextCursor == nil {
				break
			}
			r.Cursor = *res.NextCursor
		}
		if n < 2000 {
			b.Fatalf("paged %d hits", n)
		}
	}
}
