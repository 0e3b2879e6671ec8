package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/readout/readout/internal/query"
)

// MissingShardsError: the partials given to MergePartials do not cover
// every shard of the generation. Missing are the shard numbers no partial
// counts.
type MissingShardsError struct {
	Generation string
	Missing    []int
}

func (e *MissingShardsError) Error() string {
	return fmt.Sprintf("generation %s: no answer for shards %v", e.Generation, e.Missing)
}

// MergePartials merges the partials of req from disjoint shard sets that
// cover the served generation into the Response Search gives over every
// shard: counts are summed, then the facets trimmed and ordered and the
// histogram and its series bucketed as the engine does; the hits are
// merged by their sort keys (Bleve's order of the request's sort, as the
// index alias merges its shards') and the next cursor made from the merged
// page. The engine serves the same generation, any of its shards: the
// merge reads the generation's labels, not its shards. Response.TookMS and
// Suggestion are left unset.
//
// The partials are those of the last round of Gather: a split histogram
// without a selection of its facet needs the series of a second round
// (SplitValues), a collapse the firsts of a first (collapseFirsts), and
// the expansion budget of q is checked by Gather (globalExpansions).
func (e *Engine) MergePartials(ctx context.Context, req Request, parts []*Partial) (*Response, error) {
	return e.mergePartials(ctx, req, parts, false)
}

// mergePartials is MergePartials; with allowMissing, shards no partial
// counts make a response marked partial instead of an error.
func (e *Engine) mergePartials(ctx context.Context, req Request, parts []*Partial, allowMissing bool) (*Response, error) {
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
	var missing []int
	if err := checkCover(s, parts); err != nil {
		var me *MissingShardsError
		if !allowMissing || !errors.As(err, &me) || len(parts) == 0 {
			return nil, err
		}
		missing = me.Missing
	}
	p, err := e.planWith(ctx, s, &req, nil)
	if err != nil {
		return nil, err
	}
	p.collapsing = req.Collapse
	for _, pt := range parts {
		p.collapsed += pt.Collapsed
	}
	resp := &Response{Mode: req.Mode, Query: parts[0].Query, Generation: s.gen.Name, Hits: []Hit{}, Facets: map[string][]FacetValue{},
		Partial: missing != nil, MissingShards: missing}
	for _, pt := range parts {
		resp.Total += pt.Total
	}
	for _, spec := range req.Facets {
		c := sumCounts(parts, func(pt *Partial) []ValueCount { return pt.Facets[spec.Name] })
		vals := p.facetValuesOf(c, spec.Name, spec.Size+len(p.filters[spec.Name]))
		if resp.Facets[spec.Name], err = p.withSelected(spec, vals, func(v string) (int, error) { return c.of(v), nil }); err != nil {
			return nil, err
		}
	}
	if req.Histogram != "" {
		if resp.Histogram, err = e.mergeHistogram(p, parts); err != nil {
			return nil, err
		}
	}
	p.setStories(resp)
	if req.NoHits {
		return resp, nil
	}
	order := p.sortOrder()
	var all []*bsearch.DocumentMatch
	hits := map[*bsearch.DocumentMatch]Hit{}
	for _, pt := range parts {
		for _, h := range pt.Hits {
			dm := &bsearch.DocumentMatch{ID: h.Hit.ID, Score: h.Hit.Score, Sort: make([]string, len(h.Sort))}
			for i, v := range h.Sort {
				dm.Sort[i] = string(v)
			}
			all = append(all, dm)
			hits[dm] = h.Hit
		}
	}
	scoring, desc := order.CacheIsScore(), order.CacheDescending()
	slices.SortFunc(all, func(a, b *bsearch.DocumentMatch) int { return order.Compare(scoring, desc, a, b) })
	all = all[:min(len(all), req.Size)]
	for _, dm := range all {
		resp.Hits = append(resp.Hits, hits[dm])
	}
	main := &bleve.SearchRequest{Sort: order}
	resp.NextCursor = nextCursor(&req, cur, main, &bleve.SearchResult{Total: uint64(resp.Total - p.collapsed), Hits: all})
	return resp, nil
}

// checkCover checks that parts are of s's generation and count each of its
// shards once.
func checkCover(s *served, parts []*Partial) error {
	n := max(s.gen.Meta.Shards, 1)
	seen := make([]bool, n)
	for _, pt := range parts {
		if pt.Generation != s.gen.Name {
			return fmt.Errorf("merge: a partial of generation %s, serving %s", pt.Generation, s.gen.Name)
		}
		for _, sh := range pt.Shards {
			if sh < 0 || sh >= n {
				return fmt.Errorf("merge: shard %d of a generation of %d", sh, n)
			}
			if seen[sh] {
				return fmt.Errorf("merge: shard %d counted twice", sh)
			}
			seen[sh] = true
		}
	}
	var missing []int
	for i, ok := range seen {
		if !ok {
			missing = append(missing, i)
		}
	}
	if missing != nil {
		return &MissingShardsError{Generation: s.gen.Name, Missing: missing}
	}
	return nil
}

// sumCounts sums the counts of each value over parts (those of of; a nil
// part is a lost searcher's).
func sumCounts(parts []*Partial, of func(*Partial) []ValueCount) *counts {
	c := &counts{byKey: map[string]int{}}
	for _, pt := range parts {
		if pt == nil {
			continue
		}
		for _, vc := range of(pt) {
			c.byKey[vc.Value] += vc.Count
		}
	}
	return c
}

// sumDays sums day counts into the counted days of histogramFrom, in
// order.
func sumDays(into map[string]int, days []ValueCount) {
	for _, d := range days {
		into[d.Value] += d.Count
	}
}

// mergeHistogram builds the histogram of p's request and its series from
// the partials' counts.
func (e *Engine) mergeHistogram(p *plan, parts []*Partial) (*Histogram, error) {
	days := map[string]int{}
	var undated int
	var prec precCounts
	for _, pt := range parts {
		if pt.Histogram == nil {
			return nil, fmt.Errorf("merge: a partial of shards %v without its histogram", pt.Shards)
		}
		sumDays(days, pt.Histogram.Days)
		undated += pt.Histogram.Undated
		prec.year += pt.Histogram.Years
		prec.month += pt.Histogram.Months
	}
	h, err := e.histogramFrom(p, parseCounts(IntervalDay, days), undated, prec)
	if err != nil {
		return nil, err
	}
	if p.req.Split.Name == "" {
		return h, nil
	}
	h.Split = p.req.Split.Name
	vals, err := p.splitValues(func(name string, k int) ([]FacetValue, error) {
		return p.facetValuesOf(splitCounts(parts), name, k), nil
	})
	if err != nil {
		return nil, err
	}
	grid, err := gridOf(h)
	if err != nil {
		return nil, err
	}
	h.Series = make([]Series, len(vals))
	for i, v := range vals {
		total, und, days := 0, 0, map[string]int{}
		for _, pt := range parts {
			j := slices.IndexFunc(pt.Series, func(s PartialSeries) bool { return s.Value == v.Value })
			if j < 0 {
				return nil, fmt.Errorf("merge: the partial of shards %v has no series of %s %q", pt.Shards, h.Split, v.Value)
			}
			ps := pt.Series[j]
			total, und = total+ps.Count, und+ps.Undated
			sumDays(days, ps.Days)
		}
		h.Series[i] = seriesOf(v, total, und, parseCounts(IntervalDay, days), h.Interval, grid)
	}
	return h, nil
}

// splitCounts are the summed counts of the split facet's values of a first
// round.
func splitCounts(parts []*Partial) *counts {
	return sumCounts(parts, func(pt *Partial) []ValueCount { return pt.Split })
}

// SplitValues are the values of req's split facet whose series a second
// round asks for (PartialRequest.SplitValues), from the partials of a
// first round; nil when req needs no second round (no split, or a split
// facet with a selection, whose series the first round counted).
func (e *Engine) SplitValues(req Request, parts []*Partial) ([]string, error) {
	if err := e.normalize(&req); err != nil {
		return nil, err
	}
	name := req.Split.Name
	if name == "" {
		return nil, nil
	}
	s, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer s.release()
	p, err := e.planWith(context.Background(), s, &req, nil)
	if err != nil {
		return nil, err
	}
	if len(p.filters[name]) > 0 {
		return nil, nil
	}
	top := splitCounts(parts).top(req.Split.Size)
	out := make([]string, len(top))
	for i, t := range top {
		out[i] = t.Term
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}

// GatherOptions are the options of Gather.
type GatherOptions struct {
	// AllowPartial answers without the shards whose searcher fails with a
	// *MissingShardsError (no live replica): the response is marked
	// Partial and lists them. Without it, such a shard fails the request.
	AllowPartial bool
}

// Gather answers req from shard searchers whose shards are disjoint and
// cover the served generation, as partitioned serving does: when q has
// prefix or fuzzy terms, a round asks every searcher for their expansions
// and checks the budget against all of them (globalExpansions); then the
// search; a third round (a split without a selection) asks for the
// series of the split's top values; and MergePartials merges. TookMS is
// set.
//
// The aggregates merged (total, facets, histogram and series) are kept in
// the engine's cache of aggregates, as one engine keeps its own, under
// the request's aggregate key (not its paging or sort) on the served
// generation's state: a request whose aggregates are cached asks the
// searchers for its hits alone, instead of every counted value of every
// facet of every shard (at a million articles the generation holds some
// 53,000 distinct values of the start page's six facets). A response missing shards is
// not cached.
func (e *Engine) Gather(ctx context.Context, req Request, searchers []PartialSearcher, o GatherOptions) (*Response, error) {
	start := time.Now()
	agg, keep, err := e.gatheredAggregates(ctx, req)
	if err != nil {
		return nil, err
	}
	ask := req
	if agg != nil {
		ask.Facets, ask.Histogram, ask.Split = []FacetSpec{}, "", FacetSpec{}
	}
	resp, seqs, err := e.gather(ctx, ask, searchers, o)
	if err != nil {
		return nil, err
	}
	switch {
	case agg != nil:
		resp.Facets, resp.Histogram = agg.facets, agg.hist
	case keep != nil && !resp.Partial && seqs == e.JournalSeq():
		// Only when every shard answered at this node's position in the
		// change stream: a merge with a shard that had not applied a
		// change yet is not kept for later requests.
		keep(&aggregates{total: resp.Total, facets: resp.Facets, hist: resp.Histogram})
	}
	resp.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return resp, nil
}

// gatheredAggregates returns the merged aggregates of req cached on the
// served generation's state, or a function that caches them; neither for
// an export's page or a request with nothing to aggregate.
func (e *Engine) gatheredAggregates(ctx context.Context, req Request) (*aggregates, func(*aggregates), error) {
	if req.exportPage > 0 || e.opts.noAggCache {
		return nil, nil, nil
	}
	if err := e.normalize(&req); err != nil {
		return nil, nil, err
	}
	if len(req.Facets) == 0 && req.Histogram == "" {
		return nil, nil, nil
	}
	s, err := e.acquire()
	if err != nil {
		return nil, nil, err
	}
	defer s.release()
	p, err := e.planWith(ctx, s, &req, nil)
	if err != nil {
		return nil, nil, err
	}
	cache, key, version := s.fast.cache, "gathered\x00"+aggKey(p), s.fast.version.Load()
	if agg, ok := cache.get(key); ok {
		return agg, nil, nil
	}
	return nil, func(agg *aggregates) {
		cache.put(key, agg, func() bool { return s.fast.version.Load() == version })
	}, nil
}

// gather is Gather without the cache of aggregates. It also returns the
// partials' change position when they agree (-1 when they do not).
func (e *Engine) gather(ctx context.Context, req Request, searchers []PartialSearcher, o GatherOptions) (*Response, int64, error) {
	g := &gathering{searchers: searchers, allowMissing: o.AllowPartial}
	pr := PartialRequest{Request: req, ExportPage: req.exportPage}
	dict, err := e.globalExpansions(ctx, req, g)
	if err != nil {
		return nil, 0, err
	}
	if dict != nil {
		pr.Expansions = dict.Results()
	}
	if pr.Firsts, err = e.collapseFirsts(ctx, pr, g); err != nil {
		return nil, 0, err
	}
	parts, err := g.scatter(ctx, pr)
	if err != nil {
		return nil, 0, err
	}
	vals, err := e.SplitValues(req, parts)
	if err != nil {
		return nil, 0, err
	}
	if len(vals) > 0 {
		pr.SplitValues, pr.SeriesOnly = vals, true
		series, err := g.scatter(ctx, pr)
		if err != nil {
			return nil, 0, err
		}
		// A searcher lost since round one leaves its partial without
		// series: with AllowPartial, its shards are missing too.
		kept := parts[:0]
		for i := range parts {
			if series[i] != nil {
				parts[i].Series = series[i].Series
				kept = append(kept, parts[i])
			}
		}
		parts = kept
	}
	parts = slices.DeleteFunc(parts, func(pt *Partial) bool { return pt == nil })
	seq := int64(-1)
	if len(parts) > 0 {
		seq = parts[0].Seq
	}
	for _, pt := range parts {
		if pt.Seq != seq {
			seq = -1
			break
		}
	}
	resp, err := e.mergePartials(ctx, req, parts, o.AllowPartial)
	return resp, seq, err
}

// gathering is the searchers of one Gather, less those lost on the way
// (with allowMissing).
type gathering struct {
	searchers    []PartialSearcher
	allowMissing bool
	lost         []bool
}

// scatter sends pr to every searcher not lost at once and returns their
// partials in order (nil for a lost one), or the first error other than
// a *MissingShardsError, or else one *MissingShardsError naming every
// missing shard. With allowMissing, a searcher failing with a
// *MissingShardsError is lost instead.
func (g *gathering) scatter(ctx context.Context, pr PartialRequest) ([]*Partial, error) {
	if g.lost == nil {
		g.lost = make([]bool, len(g.searchers))
	}
	out := make([]*Partial, len(g.searchers))
	errs := make([]error, len(g.searchers))
	_ = perSide(len(g.searchers), func(k int) error {
		if !g.lost[k] {
			out[k], errs[k] = g.searchers[k].SearchPartial(ctx, pr)
		}
		return nil
	})
	var missing *MissingShardsError
	for k, err := range errs {
		var me *MissingShardsError
		switch {
		case err == nil:
		case g.allowMissing && errors.As(err, &me):
			g.lost[k], out[k] = true, nil
		case errors.As(err, &me):
			if missing == nil {
				missing = &MissingShardsError{Generation: me.Generation}
			}
			missing.Missing = append(missing.Missing, me.Missing...)
		default:
			return nil, err
		}
	}
	if missing != nil {
		slices.Sort(missing.Missing)
		return nil, missing
	}
	return out, nil
}

// globalExpansions, when q has prefix or fuzzy terms, asks every searcher
// for their expansions in its shards, merges them and checks the
// expansion budget against the merged dictionary, as one engine over
// every shard checks it: a q that expands too far fails here, before it
// is searched, with the engine's *CostError. Nil when q has none.
func (e *Engine) globalExpansions(ctx context.Context, req Request, g *gathering) (*query.Dictionary, error) {
	if err := e.normalize(&req); err != nil {
		return nil, err
	}
	if strings.TrimSpace(req.Q) == "" {
		return nil, nil
	}
	s, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer s.release()
	quotes, variants := req.Mode == ModeQuotes, !req.NoVariants
	pq, err := e.parseQuery(s, req.Q, quotes, variants, s.resolve)
	if err != nil || pq.lookups == nil {
		return nil, err
	}
	parts, err := g.scatter(ctx, PartialRequest{Request: req, LookupOnly: true})
	if err != nil {
		return nil, err
	}
	var sets [][]query.LookupResult
	for _, pt := range parts {
		if pt != nil {
			sets = append(sets, pt.Expansions)
		}
	}
	dict := query.MergeResults(sets...)
	if _, err := e.compileQueryWith(ctx, s, req.Q, quotes, variants, s.resolve, dict); err != nil {
		return nil, err
	}
	return dict, nil
}

// collapseFirsts, for a request (pr, with the expansions of its q) that collapses near-duplicates on a
// generation with groups, asks every searcher for the first rank matching
// in each group (PartialRequest.CollapseOnly) and returns, for the groups
// with matches in several searchers' shards, the first of all: which copy
// stands for the group in the hits. Nil when the request collapses
// nothing.
func (e *Engine) collapseFirsts(ctx context.Context, pr PartialRequest, g *gathering) ([]GroupRank, error) {
	req := pr.Request
	if err := e.normalize(&req); err != nil {
		return nil, err
	}
	if !req.Collapse {
		return nil, nil
	}
	s, err := e.acquire()
	if err != nil {
		return nil, err
	}
	p := &plan{req: &req, s: s}
	collapses := p.collapses()
	s.release()
	if !collapses {
		return nil, nil
	}
	pr.CollapseOnly = true
	parts, err := g.scatter(ctx, pr)
	if err != nil {
		return nil, err
	}
	type seen struct {
		rank  int32
		nodes int
	}
	firsts := map[int32]seen{}
	for _, pt := range parts {
		if pt == nil {
			continue
		}
		for _, gr := range pt.Groups {
			f, ok := firsts[gr.Group]
			if !ok || gr.Rank < f.rank {
				f.rank = gr.Rank
			}
			f.nodes++
			firsts[gr.Group] = f
		}
	}
	out := []GroupRank{}
	for gi, f := range firsts {
		if f.nodes > 1 {
			out = append(out, GroupRank{Group: gi, Rank: f.rank})
		}
	}
	slices.SortFunc(out, func(a, b GroupRank) int { return int(a.Group) - int(b.Group) })
	return out, nil
}

// PartialSearcher answers partial requests for some shards: an Engine
// serving them (in process), or later a client of the nodes that hold
// them.
type PartialSearcher interface {
	SearchPartial(ctx context.Context, pr PartialRequest) (*Partial, error)
}
