package search_test

import (
	"context"
	"testing"

	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// BenchmarkExport exports every hit of the Reuters generation (or of the
// index READOUT_BENCH_INDEX names, such as a scale corpus's) for a table of
// requests, up to 100,000 rows, and reports rows/s.
func BenchmarkExport(b *testing.B) {
	e := search.New(searchtest.ReutersStore(b), nil, search.Options{MaxExport: 100_000}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer e.Close(context.Background())
	for _, bc := range []struct {
		name string
		req  search.Request
	}{
		{"browse", search.Request{}},
		{"q", search.Request{Q: "said"}},
		{"newest", search.Request{Sort: search.SortNewest}},
		{"quotes", search.Request{Mode: search.ModeQuotes}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			rows := 0
			for b.Loop() {
				n, total := 0, 0
				err := e.Export(context.Background(), bc.req, 100_000, func(r *search.Response) error {
					n, total = n+len(r.Hits), r.Total
					return nil
				})
				if err != nil || n != min(total, 100_000) || n == 0 {
					b.Fatalf("%d rows of %d: %v", n, total, err)
				}
				rows += n
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
