package search_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/readout/readout/internal/search"
)

// TestSplitHistogram: a split histogram has one series per value (the
// selected ones, or else the top ones as the facet counts them), each on the
// buckets of the main histogram and counting exactly what filtering on its
// value alone finds.
func TestSplitHistogram(t *testing.T) {
	e := newEngine(t)
	ctx := context.Background()
	month := search.IntervalMonth
	tests := []struct {
		name  string
		req   search.Request
		want  []string       // series values, in order
		count map[string]int // some series' counts
	}{
		{"top values", search.Request{Histogram: month, Split: search.FacetSpec{Name: "country"}},
			[]string{"UA", "US", "RU"}, map[string]int{"UA": 42, "US": 11, "RU": 2}},
		{"size", search.Request{Histogram: month, Split: search.FacetSpec{Name: "country", Size: 1}},
			[]string{"UA"}, map[string]int{"UA": 42}},
		{"selected values", search.Request{Histogram: month, Split: search.FacetSpec{Name: "country"},
			Filters: map[string][]string{"country": {"Russia", "US"}}},
			[]string{"RU", "US"}, map[string]int{"RU": 2, "US": 11}},
		{"under other filters", search.Request{Histogram: search.IntervalAuto, Split: search.FacetSpec{Name: "country"},
			Filters: map[string][]string{"source": {"Wire A"}}, Q: "grain OR talks"},
			[]string{"UA", "US", "RU"}, nil},
		{"quote mode", search.Request{Mode: search.ModeQuotes, Histogram: search.IntervalDay, Split: search.FacetSpec{Name: "speaker"}},
			[]string{"boris-lind", "anna-kovac", "chidi-okafor"}, map[string]int{"boris-lind": 2}},
		{"speaker semantics", search.Request{Q: "de-escalation", Histogram: search.IntervalDay, Split: search.FacetSpec{Name: "speaker"}},
			[]string{"anna-kovac", "boris-lind"}, map[string]int{"anna-kovac": 1, "boris-lind": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := e.Search(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			h := res.Histogram
			var got []string
			for _, s := range h.Series {
				got = append(got, s.Value)
			}
			if h.Split != tt.req.Split.Name || !slices.Equal(got, tt.want) {
				t.Fatalf("split %q series %v, want %v", h.Split, got, tt.want)
			}
			for _, s := range h.Series {
				if n, ok := tt.count[s.Value]; ok && s.Count != n {
					t.Errorf("%s counts %d, want %d", s.Value, s.Count, n)
				}
				if s.Label == "" {
					t.Errorf("%s has no label", s.Value)
				}
				// What filtering on the value alone finds.
				alone := tt.req
				alone.Split, alone.Histogram, alone.Facets, alone.Size = search.FacetSpec{}, h.Interval, []search.FacetSpec{}, 1
				alone.Filters = maps.Clone(tt.req.Filters)
				if alone.Filters == nil {
					alone.Filters = map[string][]string{}
				}
				alone.Filters[tt.req.Split.Name] = []string{s.Value}
				want, err := e.Search(ctx, alone)
				if err != nil {
					t.Fatal(err)
				}
				if s.Count != want.Total || s.Undated != want.Histogram.Undated {
					t.Errorf("%s: %d documents (%d undated), filtering on it finds %d (%d)", s.Value, s.Count, s.Undated, want.Total, want.Histogram.Undated)
				}
				if len(s.Buckets) != len(h.Buckets) {
					t.Fatalf("%s: %d buckets, the histogram has %d", s.Value, len(s.Buckets), len(h.Buckets))
				}
				sum := s.Undated
				for i, b := range s.Buckets {
					sum += b.Count
					if b.Start != h.Buckets[i].Start || b.Count > h.Buckets[i].Count {
						t.Errorf("%s: bucket %+v against the histogram's %+v", s.Value, b, h.Buckets[i])
					}
				}
				if sum != s.Count {
					t.Errorf("%s: buckets and undated add up to %d, count %d", s.Value, sum, s.Count)
				}
				for _, b := range want.Histogram.Buckets {
					i := slices.IndexFunc(s.Buckets, func(x search.Bucket) bool { return x.Start == b.Start })
					if b.Count > 0 && (i < 0 || s.Buckets[i].Count != b.Count) {
						t.Errorf("%s: bucket %s counts %d on its own", s.Value, b.Start, b.Count)
					}
				}
			}
		})
	}
}
