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
	vals, err := p.splitValues(func(name string, size int) ([]FacetValue, error) {
		if p.countsStories() && !p.quoteSpeakerFacet(name) {
			vals, _, err := p.storyFacetValues(ctx, name, size)
			return vals, err
		}
		return p.bleveFacetValues(ctx, name, size, "split values")
	})
	if err != nil {
		return nil, err
	}
	grid, err := gridOf(h)
	if err != nil {
		return nil, err
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

// splitValues are the values of the split facet that get a series: its
// selected values, or else its top values as top (the facet's values in
// order, at least size of them) gives them.
func (p *plan) splitValues(top func(name string, size int) ([]FacetValue, error)) ([]FacetValue, error) {
	name := p.req.Split.Name
	if sel := p.filters[name]; len(sel) > 0 {
		if len(sel) > maxSplitSize {
			return nil, &LimitError{Param: "split", Limit: maxSplitSize,
				Msg: fmt.Sprintf("%d values of %s selected, one series each", len(sel), name)}
		}
		vals := make([]FacetValue, 0, len(sel))
		for _, v := range sel {
			vals = append(vals, FacetValue{Value: v, Label: p.label(filterFields[name], v), Selected: true})
		}
		return vals, nil
	}
	vals, err := top(name, p.req.Split.Size)
	if err != nil {
		return nil, err
	}
	return vals[:min(len(vals), p.req.Split.Size)], nil
}

// gridOf is the bucket starts of h.
func gridOf(h *Histogram) ([]time.Time, error) {
	grid := make([]time.Time, len(h.Buckets))
	for i, b := range h.Buckets {
		t, err := time.Parse("2006-01-02", b.Start)
		if err != nil {
			return nil, fmt.Errorf("split: bucket %q: %w", b.Start, err)
		}
		grid[i] = t
	}
	return grid, nil
}

// series is the histogram of p's request with the split facet's filter set
// to v alone, on the buckets of grid. q is p's, compiled once.
func (e *Engine) series(ctx context.Context, p *plan, v FacetValue, interval string, grid []time.Time) (Series, error) {
	sp, err := e.planWith(ctx, p.s, splitRequest(p, v.Value), p.c)
	if err != nil {
		return Series{}, err
	}
	if sp.req.CountStories {
		sp.req.Collapse = false // the series counts; it has no hits
		if err := sp.collapse(ctx); err != nil {
			return Series{}, err
		}
	}
	r := bleve.NewSearchRequestOptions(sp.query(""), 0, 0, false)
	addHistogramFacets(r)
	res, err := sp.search(ctx, r, "split series")
	if err != nil {
		return Series{}, err
	}
	return seriesOf(v, int(res.Total), undated(res), dayCounts(res), interval, grid), nil
}

// seriesOf is the series of value v: total documents, undated of them,
// days their day counts, bucketed by interval on grid.
func seriesOf(v FacetValue, total, undated int, days []counted, interval string, grid []time.Time) Series {
	s := Series{Value: v.Value, Label: v.Label, Count: total, Undated: undated, Buckets: make([]Bucket, len(grid))}
	sums := map[time.Time]int{}
	for _, c := range days {
		sums[truncate(interval, c.start)] += c.count
	}
	for i, t := range grid {
		s.Buckets[i] = Bucket{Start: t.Format("2006-01-02"), Count: sums[t]}
	}
	return s
}

// splitRequest is p's request with the split facet's filter set to v.
func splitRequest(p *plan, v string) *Request {
	sub := *p.req
	sub.Filters = maps.Clone(p.req.Filters)
	if sub.Filters == nil {
		sub.Filters = map[string][]string{}
	}
	sub.Filters[p.req.Split.Name] = []string{v}
	return &sub
}
