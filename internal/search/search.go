package search

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
)

// Search runs one search on the served generation.
func (e *Engine) Search(ctx context.Context, req Request) (*Response, error) {
	start := time.Now()
	asked := req // as asked: normalize adds kind:… to q
	if err := e.normalize(&req); err != nil {
		return nil, err
	}
	cur, err := e.pageCursor(&req)
	if err != nil {
		return nil, err
	}
	s, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer s.release()
	resp, err := e.run(ctx, s, req, cur)
	if err != nil {
		return nil, err
	}
	if cur == nil && resp.Total < suggestBelow && strings.TrimSpace(asked.Q) != "" {
		// A suggestion is a help, not the answer: when it cannot be made
		// the search still answers.
		if sg, err := e.suggest(ctx, s, asked, resp.Total); err == nil {
			resp.Suggestion = sg
		} else if ctx.Err() != nil {
			return nil, fmt.Errorf("search: %w", ctx.Err())
		}
	}
	resp.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return resp, nil
}

// run runs a normalized request on s, from cur (nil: the first page). An
// expensive request (Options.ExpensiveWork) runs once it holds a slot.
// Its steps: plan (plan.go), admit (budget.go), the main search with the
// disjunctive facets' searches beside it, then the facets (facets.go), the
// histogram and its split series (histogram.go, split.go), the hits and
// their quotes (hits.go) and the next cursor (cursor.go).
func (e *Engine) run(ctx context.Context, s *served, req Request, cur *cursor) (*Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	p, err := e.newPlan(ctx, s, &req)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	release, err := e.admit(ctx, e.estimate(p))
	if err != nil {
		return nil, err
	}
	defer release()
	e.stage("admitted")
	if !e.opts.PerHitFacets {
		resp, err := e.runFast(ctx, p, cur)
		if !errors.Is(err, errNoTables) {
			return resp, err
		}
		e.logger.Error("searching without column tables", "generation", s.gen.Name, "err", err)
		if p.speakerSem {
			ids, err := e.speakerArticles(ctx, p)
			if err != nil {
				return nil, err
			}
			p.speakerQ = speakerIDsQuery(ids)
		}
	}
	if err := p.collapse(ctx); err != nil {
		return nil, err
	}

	main, err := p.mainRequest(cur)
	if err != nil {
		return nil, err
	}
	// The facets and the histogram are counted by the main search, unless
	// its hits leave out other copies than the counts do (collapse.go).
	agg := main
	if p.collapseOut != nil || p.storyOut[""] != nil {
		agg = bleve.NewSearchRequestOptions(p.query(""), 0, 0, false)
	}
	disjunctive := p.addFacets(agg)
	if req.Histogram != "" {
		addHistogramFacets(agg)
		addPrecisionFacet(agg)
	}
	mainRes, dres, err := p.searchAll(ctx, main, disjunctive)
	if err != nil {
		return nil, err
	}
	aggRes := mainRes
	if agg != main {
		if aggRes, err = p.search(ctx, agg, "aggregates"); err != nil {
			return nil, err
		}
	}
	e.stage("main")

	resp := &Response{
		Total:      int(mainRes.Total) + p.collapsed,
		Mode:       req.Mode,
		Query:      p.printed,
		Generation: s.gen.Name,
	}
	p.setStories(resp)
	if resp.Facets, err = e.facets(ctx, p, aggRes, disjunctive, dres); err != nil {
		return nil, err
	}
	if req.Histogram != "" {
		if resp.Histogram, err = e.histogramOf(ctx, p, aggRes); err != nil {
			return nil, err
		}
	}
	if resp.Hits, err = e.hits(ctx, p, mainRes); err != nil {
		return nil, err
	}
	resp.NextCursor = nextCursor(&req, cur, main, mainRes)
	return resp, nil
}

// mainRequest is the search for p's page of hits from cur (nil: the first
// page): sorted, with the stored fields and highlighting of p's mode.
func (p *plan) mainRequest(cur *cursor) (*bleve.SearchRequest, error) {
	main := bleve.NewSearchRequestOptions(p.hitsQuery(), p.req.Size, 0, false)
	main.SortByCustom(p.sortOrder())
	if cur != nil {
		if len(cur.After) != len(main.Sort) {
			return nil, paramErr("cursor", "cursor belongs to a different sort")
		}
		main.SearchAfter = cur.after()
	}
	p.setHitFields(main)
	return main, nil
}

// searchAll runs the main search and, beside it, the search of each
// disjunctive facet; the facet results come in the order of disjunctive.
func (p *plan) searchAll(ctx context.Context, main *bleve.SearchRequest, disjunctive []FacetSpec) (*bleve.SearchResult, []*bleve.SearchResult, error) {
	var (
		wg   sync.WaitGroup
		dres = make([]*bleve.SearchResult, len(disjunctive))
		derr = make([]error, len(disjunctive))
	)
	for i, f := range disjunctive {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dres[i], derr[i] = p.disjunctiveFacet(ctx, f)
		}()
	}
	mainRes, mainErr := p.search(ctx, main, "search")
	wg.Wait()
	if mainErr != nil {
		return nil, nil, mainErr
	}
	for _, err := range derr {
		if err != nil {
			return nil, nil, err
		}
	}
	return mainRes, dres, nil
}

// stage calls the test hook of Options.
func (e *Engine) stage(name string) {
	if e.opts.hook != nil {
		e.opts.hook(name)
	}
}

// runFast runs planned request p from cur with the fast path of facets and
// the histogram (fast.go): the main search finds the page of hits alone
// (none with NoHits), and the total, facets and histogram come from the
// column tables, or from the cache of aggregates.
func (e *Engine) runFast(ctx context.Context, p *plan, cur *cursor) (*Response, error) {
	s, req := p.s, p.req
	v, err := s.acquireView(ctx)
	if err != nil {
		return nil, err
	}
	defer v.release()
	f := &fastReq{s: s, view: v}
	if err := f.speakerSets(ctx, p); err != nil {
		return nil, err
	}
	if err := f.collapse(ctx, p); err != nil {
		return nil, err
	}
	resp := &Response{Mode: req.Mode, Query: p.printed, Generation: s.gen.Name, Hits: []Hit{}}
	var (
		main    *bleve.SearchRequest
		mainRes *bleve.SearchResult
	)
	restricted := false
	if !req.NoHits {
		if err := f.setFilterBits(ctx, p); err != nil {
			return nil, err
		}
		if main, err = p.mainRequest(cur); err != nil {
			return nil, err
		}
		cands, err := f.pageCandidates(ctx, p, cur)
		if err != nil {
			return nil, err
		}
		if cands != nil && !e.opts.noTopK {
			main.Query, restricted = &restrictQuery{inner: main.Query, sides: v.sides, bits: cands}, true
		}
	}
	// The aggregates are counted while the main search runs.
	var (
		agg    *aggregates
		aggErr error
		done   = make(chan struct{})
	)
	go func() {
		defer close(done)
		agg, aggErr = e.fastAggregates(ctx, f, p)
	}()
	if main != nil && !restricted && !e.opts.noTopK {
		// A first page by relevance: from the top documents by score
		// alone, which spares Bleve the id of every match (topk.go).
		var sides []side
		var cands []*roaring.Bitmap
		if sides, cands, err = f.scoreCandidates(ctx, p, main, cur); err == nil && cands != nil {
			main.Query, restricted = &restrictQuery{inner: main.Query, sides: sides, bits: cands}, true
		}
	}
	if req.segmentFields {
		p.fields = newFieldLoader(s, v)
	}
	if main != nil && err == nil {
		mainRes, err = p.search(ctx, main, "search")
	}
	<-done
	if err != nil {
		return nil, err
	}
	e.stage("main")
	if aggErr != nil {
		return nil, aggErr
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if req.Histogram != "" {
		e.stage("histogram")
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	resp.Total, resp.Facets, resp.Histogram = agg.total, agg.facets, agg.hist
	p.setStories(resp)
	if mainRes == nil {
		return resp, nil
	}
	if restricted {
		// The candidates' count: the count of all (less the copies
		// collapse leaves out).
		mainRes.Total = uint64(agg.total - p.collapsed)
	}
	resp.Total = int(mainRes.Total) + p.collapsed
	if resp.Hits, err = e.hits(ctx, p, mainRes); err != nil {
		return nil, err
	}
	resp.NextCursor = nextCursor(req, cur, main, mainRes)
	return resp, nil
}

// fastAggregates computes p's total, facets and histogram on f's view, or
// takes them from the cache.
func (e *Engine) fastAggregates(ctx context.Context, f *fastReq, p *plan) (*aggregates, error) {
	cache, key := p.s.fast.cache, aggKey(p)
	if agg, ok := cache.get(key); ok && !e.opts.noAggCache && f.view.version == p.s.fast.version.Load() {
		return agg, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	total, _, days, undated, prec, err := f.histCounts(ctx, p, p.req.Histogram != "")
	if err != nil {
		return nil, err
	}
	agg := &aggregates{total: total}
	if agg.facets, err = e.fastFacets(ctx, f, p); err != nil {
		return nil, err
	}
	if p.req.Histogram != "" {
		if agg.hist, err = e.fastHistogram(ctx, f, p, days, undated, prec); err != nil {
			return nil, err
		}
	}
	version := f.view.version
	cache.put(key, agg, func() bool { return p.s.fast.version.Load() == version })
	return agg, nil
}
