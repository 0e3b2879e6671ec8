package search_test

import (
	"context"
	"errors"
	"testing"

	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// BenchmarkHostileReuters runs the requests that used to exhaust searchd
// on the Reuters index (before the budget: 60 fuzzy terms took 95 s and
// 4.6 GB per request) and what refuses them now: the parser's rules
// ("parser"), or with those rules relaxed the expansion budget, which
// looks the expansions up in the term dictionaries before any search runs
// ("budget"). "allowed" is a legitimate query with large fuzzy
// expansions, for comparison.
//
//	go test -run '^$' -bench HostileReuters ./internal/search/
func BenchmarkHostileReuters(b *testing.B) {
	store := searchtest.ReutersStore(b)
	relaxed := search.Options{MinPrefixLen: 1, Fuzzy1MinLen: 1, Fuzzy2MinLen: 1}
	for _, bc := range []struct {
		name string
		opts search.Options
		q    string
		want string // "syntax", "cost" or "" (a result)
	}{
		{"fuzzy-parser", search.Options{}, searchtest.HostileFuzzy(), "syntax"},
		{"fuzzy-budget", relaxed, searchtest.HostileFuzzy(), "cost"},
		{"prefixes-parser", search.Options{}, searchtest.HostilePrefixes(), "syntax"},
		{"prefixes-budget", relaxed, searchtest.HostilePrefixes(), "cost"},
		{"allowed", search.Options{}, "minister~2 OR currency~2 OR economy~2 OR com*", ""},
	} {
		b.Run(bc.name, func(b *testing.B) {
			e := search.New(store, nil, bc.opts, nil)
			if _, err := e.Reload(context.Background()); err != nil {
				b.Fatal(err)
			}
			defer e.Close(context.Background())
			ctx := context.Background()
			req := search.Request{Q: bc.q, Highlight: true}
			b.ReportAllocs()
			for b.Loop() {
				res, err := e.Search(ctx, req)
				var (
					qe *search.QueryError
					ce *search.CostError
				)
				switch {
				case bc.want == "syntax" && errors.As(err, &qe):
				case bc.want == "cost" && errors.As(err, &ce):
				case bc.want == "" && err == nil && res.Total > 0:
				default:
					b.Fatalf("%s: %v (want %s)", bc.name, err, bc.want)
				}
			}
		})
	}
}
