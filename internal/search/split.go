package search

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// Split histograms: besides the histogram of the whole result, one series
// per value of a facet ("which countries, month by month"), as a terms
// aggregation with a date histogram under it does in Elasticsearch.
const (
	defaultSplitSize = 5
	maxSplitSize     = 10
)

// normalizeSplit validates r.Split and fills its default size.
func normalizeSplit(r *Request) error {
	f := &r.Split
	if f.Name == "" {
		return nil
	}
	if !IsFilterName(f.Name) {
		return paramErr("split", "unknown facet %q", f.Name)
	}
	if r.Histogram == "" {
		return paramErr("split", "needs a histogram (histogram=day, week, month, year or auto)")
	}
	switch {
	case f.Size == 0:
		f.Size = defaultSplitSize
	case f.Size < 0:
		return paramErr("split", "size must be positive")
	case f.Size > maxSplitSize:
		return &LimitError{Param: "split", Limit: maxSplitSize, Msg: fmt.Sprintf("%d series is too many", f.Size)}
	}
	return nil
}

// splitSeries computes the series of h, the histogram of p's result: one
// for each selected value of the split facet, or when it has none, for each
// of its top values in the result (counted as the facet counts them). Each
// series is the result under that value alone, bucketed like h.
func (e *Engine) splitSeries(ctx context.Context, p *plan, h *Histogram) ([]Series, error) {
	name := p.req.Split.Name
	field := filterFields[name]
	var vals []FacetValue
	if sel := p.filters[name]; len(sel) > 0 {
		if len(sel) > maxSplitSize {
			return nil, &LimitError{Param: "split", Limit: maxSplitSize,
				Msg: fmt.Sprintf("%d values of %s selected, one series each", len(sel), name)}
		}
		for _, v := range sel {
			vals = append(vals, FacetValue{Value: v, Label: p.label(field, v), Selected: true})
		}
	} else {
		r := bleve.NewSearchRequestOptions(p.facetQuery(name), 0, 0, false)
		p.addFacet(r, name, p.req.Split.Size)
		res, err := p.search(ctx, r, "split values")
		if err != nil {
			return nil, err
		}
		vals = p.facetValues(res, name)
		vals = vals[:min(len(vals), p.req.Split.Size)]
	}

	grid := make([]time.Time, len(h.Buckets))
	for i, b := range h.Buckets {
		t, err := time.Parse("2006-01-02", b.Start)
		if err != nil {
			return nil, fmt.Errorf("split: bucket %q: %w", b.Start, err)
		}
		grid[i] = t
	}
	out := make([]Series, len(vals))
	errs := make([]error, len(vals))
	var wg sync.WaitGroup
	for i, v := range vals {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i], errs[i] = e.series(ctx, p, v, h.Interval, grid)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// series is the histogram of p's request with the split facet's filter set
// to v alone, on the buckets of grid. q is p's, compiled once.
func (e *Engine) series(ctx context.Context, p *plan, v FacetValue, interval string, grid []time.Time) (Series, error) {
	sub := *p.req
	sub.Filters = maps.Clone(p.req.Filters)
	if sub.Filters == nil {
		sub.Filters = map[string][]string{}
	}
	sub.Filters[p.req.Split.Name] = []string{v.Value}
	sp, err := e.planWith(ctx, p.s, &sub, p.c)
	if err != nil {
		return Series{}, err
	}
	r := bleve.NewSearchRequestOptions(sp.query(""), 0, 0, false)
	addHistogramFacets(r)
	res, err := sp.search(ctx, r, "split series")
	if err != nil {
		return Series{}, err
	}
	s := Series{Value: v.Value, Label: v.Label, Count: int(res.Total), Undated: undated(res), Buckets: make([]Bucket, len(grid))}
	sums := map[time.Time]int{}
	for _, c := range dayCounts(res) {
		sums[truncate(interval, c.start)] += c.count
	}
	for i, t := range grid {
		s.Buckets[i] = Bucket{Start: t.Format("2006-01-02"), Count: sums[t]}
	}
	return s, nil
}
