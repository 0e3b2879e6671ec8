package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/readout/readout/internal/query"
)

// Partitioned serving, stage one (docs/scaling.md, "The plan for
// partitioned serving"): a node holding some shards of a generation
// (index.OpenGenerationShards) answers a search with a Partial, what its
// shards count and find; the requesting node merges the partials of
// disjoint shard sets that cover the generation into the Response one
// engine over every shard gives (merge.go). What a partial holds is what
// can be summed: the total, every value's count of every facet
// (untrimmed), the day counts of the histogram and of each split series,
// and the page of hits with their sort keys. Trimming, ordering and
// bucketing happen once, after the sums, with the engine's own functions.
//
// Collapse takes a round of its own (PartialRequest.CollapseOnly): a
// group's copies are in different shards, so which copy stands for it
// (the first matching in the group's order) is worked out from every
// node's first matching rank (Engine.Gather sends it as Firsts).
//
// Not yet: counting stories (Request.CountStories) on a generation with
// groups (ErrPartialCollapse: every facet's and bucket's count would need
// the groups' firsts under its own filters), the suggestion of a q that
// finds little, and exports.

// ErrPartialCollapse: the request counts stories (count=stories) on a
// generation with groups of near-duplicates, which partitioned serving
// does not answer yet: the copies of a group are in different shards,
// and each facet value and histogram bucket would need the first copy
// under its own filters. The API's count=copies avoids it.
var ErrPartialCollapse = errors.New("partitioned serving does not count stories yet: use count=copies")

// ErrPartialTooLarge is a partial too large for the transport between
// nodes (NATS's max payload, compressed): ExportGather asks again for a
// page half as long.
var ErrPartialTooLarge = errors.New("partial answer too large for the transport")

// PartialRequest is a search sent to the nodes of partitioned serving. It
// travels as JSON.
type PartialRequest struct {
	// Request is the search as the client asked it (normalized again by
	// each node: normalization is idempotent).
	Request Request `json:"request"`
	// SplitValues, for a split histogram without a selection of its
	// facet, are the values whose series to count: the top values of the
	// split facet, which the requesting node picks from the merged counts
	// of a first round (Partial.Split). Without them a partial of such a
	// request holds the facet's counts and no series.
	SplitValues []string `json:"split_values,omitempty"`
	// SeriesOnly asks for the series of SplitValues alone (the second
	// round of a split): no total, facets, histogram or hits.
	SeriesOnly bool `json:"series_only,omitempty"`
	// LookupOnly asks for the expansions of q's prefix and fuzzy terms in
	// the node's shards alone (Partial.Expansions): the round before the
	// search of such a q, from which the requesting node checks the
	// expansion budget against every shard's dictionary.
	LookupOnly bool `json:"lookup_only,omitempty"`
	// Expansions are the expansions of q's prefix and fuzzy terms in
	// every shard (query.MergeResults of the LookupOnly round): a node
	// expands q with them, as one engine over every shard does, instead of
	// looking them up in its own shards.
	Expansions []query.LookupResult `json:"expansions,omitempty"`
	// CollapseOnly asks, for a request that collapses near-duplicates,
	// for the groups of near-duplicates with a match in the node's shards
	// and the first rank matching in each (Partial.Groups): the round
	// before the search, from which the requesting node works out which
	// copy of each group stands for it.
	CollapseOnly bool `json:"collapse_only,omitempty"`
	// Firsts are, for the groups with matches in several nodes' shards,
	// the first rank matching in all of them (the minimum of the nodes'
	// Partial.Groups): a node collapsing a group leaves out its matching
	// copies but the one of that rank, and for a group not listed, all
	// but its own first.
	Firsts []GroupRank `json:"firsts,omitempty"`
	// ExportPage makes the request a page of an export (ExportGather)
	// this many hits long, at most 1,000 (beyond max_size): the node
	// computes no facets, histogram, split or snippets.
	ExportPage int `json:"export_page,omitempty"`
	// Article asks for one article of the node's shards instead of a
	// search (GatherArticle): Partial.Article.
	Article *ArticleLookup `json:"article,omitempty"`
}

// GroupRank is a group of near-duplicates (its number in the
// generation's index.Groups) and a rank in it.
type GroupRank struct {
	Group int32 `json:"g"`
	Rank  int32 `json:"r"`
}

// Partial is what some shards of a generation count and find for one
// request: everything in it is summed or merged with the partials of the
// other shards (MergePartials). It travels as JSON.
type Partial struct {
	Generation string `json:"generation"`
	// Shards are the shard numbers counted, ascending.
	Shards []int `json:"shards"`
	// Seq is the last change (journal op) the shards answered with: a
	// merge of partials at the requesting node's own position is cached
	// (Gather).
	Seq int64 `json:"seq,omitempty"`
	// Query is q as compiled (Response.Query).
	Query string `json:"query"`
	Total int    `json:"total"`
	// Facets are, by facet name, every value counted (more than zero),
	// ordered by value.
	Facets map[string][]ValueCount `json:"facets"`
	// Histogram holds the counts the histogram is built from (with
	// Request.Histogram).
	Histogram *PartialHistogram `json:"histogram,omitempty"`
	// Split, for a split facet without a selection and no SplitValues,
	// is every value's count of the split facet, as its facet counts
	// them: the requesting node picks the series' values from their sums.
	Split []ValueCount `json:"split,omitempty"`
	// Series are the day counts of the split series asked for (of the
	// selected values of the split facet, or of SplitValues).
	Series []PartialSeries `json:"series,omitempty"`
	// Hits are the shards' first hits of the page (after the request's
	// cursor), at most Request.Size, in the request's sort order.
	Hits []PartialHit `json:"hits"`
	// Expansions answer a LookupOnly request.
	Expansions []query.LookupResult `json:"expansions,omitempty"`
	// Groups answer a CollapseOnly request: each group with a match, the
	// first rank matching, ordered by group.
	Groups []GroupRank `json:"groups,omitempty"`
	// Collapsed counts the copies the request's collapse leaves out of
	// the shards' hits.
	Collapsed int `json:"collapsed,omitempty"`
	// Article answers an Article request.
	Article *Article `json:"article,omitempty"`
}

// ValueCount is a value and how many documents it counts.
type ValueCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// PartialHistogram are the counts a histogram is built from: days
// ("YYYY-MM-DD") with their counts, ordered, the undated documents and
// those dated by a whole year or month.
type PartialHistogram struct {
	Days    []ValueCount `json:"days"`
	Undated int          `json:"undated"`
	Years   int          `json:"years,omitempty"`
	Months  int          `json:"months,omitempty"`
}

// PartialSeries are the counts of one split series.
type PartialSeries struct {
	Value   string       `json:"value"`
	Count   int          `json:"count"`
	Undated int          `json:"undated"`
	Days    []ValueCount `json:"days"`
}

// PartialHit is a hit, complete, with the sort key it was found by: the
// raw Bleve sort values (bytes: numeric prefix codes are not UTF-8), the
// score standing in for a relevance sort's.
type PartialHit struct {
	Hit  Hit      `json:"hit"`
	Sort [][]byte `json:"sort"`
}

// SearchPartial runs pr on the shards the engine serves (all of a
// generation's, or those of index.OpenGenerationShards) and returns what
// they count and find, for MergePartials. It needs the column tables (the
// fast path): an engine with Options.PerHitFacets refuses.
func (e *Engine) SearchPartial(ctx context.Context, pr PartialRequest) (*Partial, error) {
	if pr.Article != nil {
		return e.partialArticle(ctx, *pr.Article)
	}
	req := pr.Request
	if pr.ExportPage > 0 {
		e.asExport(&req)
		req.exportPage = pr.ExportPage
	}
	if err := e.normalize(&req); err != nil {
		return nil, err
	}
	if e.opts.PerHitFacets {
		return nil, errors.New("partial search: needs the column tables (per-hit facets are on)")
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
	if pr.LookupOnly {
		dict, err := e.lookupDictionary(ctx, s, req.Q, req.Mode == ModeQuotes, !req.NoVariants)
		if err != nil {
			return nil, err
		}
		out := &Partial{Generation: s.gen.Name, Shards: s.held(), Hits: []PartialHit{}, Expansions: []query.LookupResult{}}
		if dict != nil {
			out.Expansions = dict.Results()
		}
		return out, nil
	}
	if pr.Expansions != nil {
		req.dict = query.MergeResults(pr.Expansions)
	}
	p, err := e.newPlan(ctx, s, &req)
	if err != nil {
		return nil, err
	}
	if req.CountStories && p.collapses() {
		return nil, ErrPartialCollapse
	}
	release, err := e.admit(ctx, e.estimate(p))
	if err != nil {
		return nil, err
	}
	defer release()
	v, err := s.acquireView(ctx)
	if err != nil {
		return nil, err
	}
	defer v.release()
	f := &fastReq{s: s, view: v}
	if err := f.speakerSets(ctx, p); err != nil {
		return nil, err
	}
	out := &Partial{Generation: s.gen.Name, Shards: s.held(), Seq: s.seq.Load(), Query: p.printed, Facets: map[string][]ValueCount{}, Hits: []PartialHit{}}
	if pr.SeriesOnly { // series count copies: no collapse
		if out.Series, err = e.partialSeries(ctx, f, p, pr.SplitValues); err != nil {
			return nil, err
		}
		return out, nil
	}
	if req.Collapse && p.collapses() {
		groups, err := f.collapseGroups(ctx, p, pr.CollapseOnly, pr.Firsts)
		if err != nil {
			return nil, err
		}
		if pr.CollapseOnly {
			out.Groups = groups
			return out, nil
		}
		out.Collapsed = p.collapsed
	}
	if err := e.partialAggregates(ctx, f, p, pr, out); err != nil {
		return nil, err
	}
	if req.NoHits {
		return out, nil
	}
	if out.Hits, err = e.partialHits(ctx, f, p, cur); err != nil {
		return nil, err
	}
	return out, nil
}

// held are the shard numbers s serves.
func (s *served) held() []int {
	if h := s.gen.Held; h != nil {
		return slices.Clone(h)
	}
	n := max(s.gen.Meta.Shards, 1)
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// partialAggregates counts p's total, facets, histogram and split series
// (or the split facet's values) into out, as fastAggregates counts them
// before any trimming.
func (e *Engine) partialAggregates(ctx context.Context, f *fastReq, p *plan, pr PartialRequest, out *Partial) error {
	req := p.req
	total, _, days, undated, prec, err := f.histCounts(ctx, p, req.Histogram != "")
	if err != nil {
		return err
	}
	out.Total = total
	for _, spec := range req.Facets {
		c, err := f.facetCounts(ctx, p, spec.Name)
		if err != nil {
			return err
		}
		out.Facets[spec.Name] = valueCounts(c)
	}
	if req.Histogram == "" {
		return nil
	}
	out.Histogram = &PartialHistogram{Days: dayValues(days), Undated: undated, Years: prec.year, Months: prec.month}
	name := req.Split.Name
	if name == "" {
		return nil
	}
	vals := p.filters[name] // a selection: its series at once
	if len(vals) == 0 {
		vals = pr.SplitValues
	}
	if len(vals) == 0 {
		c, err := f.facetCounts(ctx, p, name)
		if err != nil {
			return err
		}
		out.Split = valueCounts(c)
		return nil
	}
	out.Series, err = e.partialSeries(ctx, f, p, vals)
	return err
}

// partialSeries counts the series of p's split facet for each of vals, as
// fastHistogram counts them.
func (e *Engine) partialSeries(ctx context.Context, f *fastReq, p *plan, vals []string) ([]PartialSeries, error) {
	if p.req.Split.Name == "" || p.req.Histogram == "" {
		return nil, paramErr("split", "series asked of a request without a split histogram")
	}
	out := make([]PartialSeries, 0, len(vals))
	for _, v := range vals {
		sp, err := e.planWith(ctx, p.s, splitRequest(p, v), p.c)
		if err != nil {
			return nil, err
		}
		_, total, days, und, _, err := f.histCounts(ctx, sp, true)
		if err != nil {
			return nil, err
		}
		out = append(out, PartialSeries{Value: v, Count: total, Undated: und, Days: dayValues(days)})
	}
	return out, nil
}

// partialHits finds the page of p's hits from cur on f's view, as runFast
// does, with their sort keys.
func (e *Engine) partialHits(ctx context.Context, f *fastReq, p *plan, cur *cursor) ([]PartialHit, error) {
	if err := f.setFilterBits(ctx, p); err != nil {
		return nil, err
	}
	main, err := p.mainRequest(cur)
	if err != nil {
		return nil, err
	}
	cands, err := f.pageCandidates(ctx, p, cur)
	if err != nil {
		return nil, err
	}
	restricted := false
	if cands != nil && !e.opts.noTopK {
		main.Query, restricted = &restrictQuery{inner: main.Query, sides: f.view.sides, bits: cands}, true
	}
	if !restricted && !e.opts.noTopK {
		var sides []side
		var bits []*roaring.Bitmap
		if sides, bits, err = f.scoreCandidates(ctx, p, main, cur); err == nil && bits != nil {
			main.Query = &restrictQuery{inner: main.Query, sides: sides, bits: bits}
		}
	}
	if err != nil {
		return nil, err
	}
	mainRes, err := p.search(ctx, main, "search")
	if err != nil {
		return nil, err
	}
	e.stage("main")
	hits, err := e.hits(ctx, p, mainRes)
	if err != nil {
		return nil, err
	}
	if len(hits) != len(mainRes.Hits) {
		return nil, fmt.Errorf("partial search: %d hits decoded of %d", len(hits), len(mainRes.Hits))
	}
	out := make([]PartialHit, len(hits))
	for i, h := range hits {
		key := make([][]byte, len(mainRes.Hits[i].Sort))
		for j, v := range mainRes.Hits[i].Sort {
			key[j] = []byte(v)
		}
		out[i] = PartialHit{Hit: h, Sort: key}
	}
	return out, nil
}

// valueCounts are c's values counted, ordered by value.
func valueCounts(c *counts) []ValueCount {
	all := c.all()
	out := make([]ValueCount, len(all))
	for i, t := range all {
		out[i] = ValueCount{Value: t.Term, Count: t.Count}
	}
	slices.SortFunc(out, func(a, b ValueCount) int { return strings.Compare(a.Value, b.Value) })
	return out
}

// dayValues are day counts as values ("YYYY-MM-DD"), in order.
func dayValues(days []counted) []ValueCount {
	out := make([]ValueCount, len(days))
	for i, d := range days {
		out[i] = ValueCount{Value: d.start.Format(time.DateOnly), Count: d.count}
	}
	return out
}

// collapseGroups, for p's request that collapses near-duplicates on a
// generation with groups: with only, the groups with a match on f's view
// and the first rank matching in each; else it sets p's collapse as
// fastReq.collapse does (the copies left out of the hits, p.collapsed
// their count), each group's copy kept being that of its rank in firsts,
// or for a group not listed, the view's first match.
func (f *fastReq) collapseGroups(ctx context.Context, p *plan, only bool, firsts []GroupRank) ([]GroupRank, error) {
	if err := f.qSets(ctx, p); err != nil {
		return nil, err
	}
	sets, err := f.docs(ctx, p, "")
	if err != nil {
		return nil, err
	}
	g := f.s.gen.Groups
	tgs := make([]*tableGroups, len(sets))
	first := map[int32]int32{}
	for k, set := range sets {
		tgs[k] = f.view.sides[k].t.groupsOf(g)
		it := roaring.And(set, tgs[k].multi).Iterator()
		for it.HasNext() {
			d := it.Next()
			gi, r := tgs[k].group[d], tgs[k].rankOf(d)
			if have, ok := first[gi]; !ok || r < have {
				first[gi] = r
			}
		}
	}
	if only {
		out := make([]GroupRank, 0, len(first))
		for gi, r := range first {
			out = append(out, GroupRank{Group: gi, Rank: r})
		}
		slices.SortFunc(out, func(a, b GroupRank) int { return int(a.Group) - int(b.Group) })
		return out, nil
	}
	for _, gr := range firsts {
		if _, ok := first[gr.Group]; ok {
			first[gr.Group] = gr.Rank
		}
	}
	p.collapsing = true
	hidden := make([]*roaring.Bitmap, len(sets))
	n := 0
	for k, set := range sets {
		later := roaring.New()
		it := roaring.And(set, tgs[k].multi).Iterator()
		for it.HasNext() {
			d := it.Next()
			if tgs[k].rankOf(d) != first[tgs[k].group[d]] {
				later.Add(d)
			}
		}
		hidden[k] = later
		n += int(later.GetCardinality())
	}
	p.collapsed = n
	if n > 0 {
		p.hiddenBits = hidden
		p.collapseOut = &bitmapQuery{sides: f.view.sides, bits: hidden}
	}
	return nil, nil
}
