package search_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/runtimetune"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
	"github.com/readout/readout/internal/testutil"
)

// BenchmarkShardQueriesReuters runs the Reuters benchmark queries and a
// whole-archive browse (no q: six facets and a month histogram) on the
// Reuters index, and reports p50/p99 latency of each and the CPU time of
// the process per query (which holds on a loaded machine where latency
// does not). scripts/bench-shards.sh runs it on indexes of 1, 2 and 4
// shards (READOUT_BENCH_INDEX).
func BenchmarkShardQueriesReuters(b *testing.B) {
	runtimetune.Searchd() // as searchd does
	e, speaker := reutersEngine(b)
	queries := append([]searchtest.BenchQuery{{Name: "browse", Params: "histogram=month&facets=speaker,person,org,place,country,source"}},
		searchtest.ReutersQueries...)
	for _, q := range queries {
		b.Run(q.Name, func(b *testing.B) {
			cpu := testutil.ProcessCPU()
			benchSearch(b, e, requestOf(b, strings.ReplaceAll(q.Params, "{speaker}", speaker)))
			b.ReportMetric(float64((testutil.ProcessCPU()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkShardRelevanceReuters measures how far relevance order on a
// sharded Reuters index (READOUT_BENCH_INDEX) is from one shard's
// (READOUT_BENCH_REF): Bleve scores each shard with its own term
// statistics. For a set of queries it reports the share of the top 10 and
// top 100 hits both find, and the share of the top 10 at the same rank.
// Run with -benchtime 1x.
func BenchmarkShardRelevanceReuters(b *testing.B) {
	ref := os.Getenv("READOUT_BENCH_REF")
	if ref == "" || os.Getenv("READOUT_BENCH_INDEX") == "" {
		b.Skip("set READOUT_BENCH_INDEX (sharded) and READOUT_BENCH_REF (one shard) to built Reuters index directories")
	}
	e, _ := reutersEngine(b)
	rs, err := index.OpenStore(ref)
	if err != nil {
		b.Fatal(err)
	}
	r := search.New(rs, nil, search.Options{}, nil)
	if ok, err := r.Reload(context.Background()); err != nil || !ok {
		b.Fatalf("reference index %s: %v", ref, err)
	}
	b.Cleanup(func() { _ = r.Close(context.Background()) })
	queries := []string{"oil", `"crude oil"`, "sanctions", "said", "interest rates", "opec", "bank", "wheat export", "dollar yen"}
	top := func(e *search.Engine, q string, mode string) []string {
		res, err := e.Search(context.Background(), search.Request{Q: q, Mode: mode, Size: 100, Facets: []search.FacetSpec{}})
		if err != nil {
			b.Fatal(err)
		}
		return idsOf(res.Hits)
	}
	var in10, in100, same10, n10, n100 float64
	for b.Loop() {
		in10, in100, same10, n10, n100 = 0, 0, 0, 0, 0
		for _, mode := range []string{search.ModeArticles, search.ModeQuotes} {
			for _, q := range queries {
				got, want := top(e, q, mode), top(r, q, mode)
				for k, n := range []int{10, 100} {
					w := want[:min(n, len(want))]
					g := map[string]bool{}
					for _, id := range got[:min(n, len(got))] {
						g[id] = true
					}
					for i, id := range w {
						hit := 0.0
						if g[id] {
							hit = 1
						}
						if k == 0 {
							in10 += hit
							n10++
							if i < len(got) && got[i] == id {
								same10++
							}
						} else {
							in100 += hit
							n100++
						}
					}
				}
			}
		}
	}
	b.ReportMetric(in10/n10, "top10-shared")
	b.ReportMetric(same10/n10, "top10-same-rank")
	b.ReportMetric(in100/n100, "top100-shared")
}
