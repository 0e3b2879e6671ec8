package search

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/news"
)

// The fast path of facets and the histogram: a request becomes bitmap
// algebra on the column tables of the served generation (columns.go), so
// that its cost does not grow with the documents every hit's doc values
// would be read from. For each side (base shard less the hidden documents,
// or the overlay's delta): S_q, the documents matching q, is collected
// once from q's searcher (no scoring); each filter is the union of its
// values' postings; a facet counts its values with the forward column
// over S_q and every filter but its own (disjunctive facets); the
// histogram counts days over the full set. Counts of the sides are added.
// The per-hit path (facets.go, histogram.go, split.go) is the reference:
// every count, order and series is the same (fast_test.go).

// fastReq is one request's evaluation on a view. The sets of q are
// computed once and shared by the request's sub-plans (split series).
type fastReq struct {
	s     *served
	view  *fastView
	text  []*roaring.Bitmap // per side: documents matching p.textQ
	quote []*roaring.Bitmap // per side: documents matching p.quoteQ
}

// matching collects the documents of side k that q matches, less the
// hidden ones.
func (f *fastReq) matching(ctx context.Context, k int, q bquery.Query) (*roaring.Bitmap, error) {
	sd := f.view.sides[k]
	srch, err := q.Searcher(ctx, sd.t.reader, f.s.mappingOf(), bsearch.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, searchErr(ctx, "match q", err)
	}
	defer srch.Close()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(srch.DocumentMatchPoolSize(), 0)}
	bm := roaring.New()
	var batch [256]uint32
	n := 0
	for i := 0; ; i++ {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("match q: %w", err)
			}
		}
		d, err := srch.Next(sctx)
		if err != nil {
			return nil, searchErr(ctx, "match q", err)
		}
		if d == nil {
			break
		}
		num, ok := sd.t.docNum(d.IndexInternalID)
		if !ok {
			return nil, fmt.Errorf("match q: document %x not numbered", d.IndexInternalID)
		}
		batch[n] = num
		n++
		if n == len(batch) {
			bm.AddMany(batch[:n])
			n = 0
		}
		sctx.DocumentMatchPool.Put(d)
	}
	bm.AddMany(batch[:n])
	if sd.hidden != nil {
		bm.AndNot(sd.hidden)
	}
	return bm, nil
}

// qSets computes, once, the documents matching q's text and quote-side
// queries on every side, or takes them from the cache of sets: a cursor
// walk or an export asks again for the same q with every page.
func (f *fastReq) qSets(ctx context.Context, p *plan) error {
	var err error
	if p.textQ != nil && f.text == nil {
		f.text, err = f.cachedSet(ctx, "text", p, p.textQ)
		if err != nil {
			return err
		}
	}
	if p.quoteQ != nil && f.quote == nil {
		f.quote, err = f.cachedSet(ctx, "quote", p, p.quoteQ)
	}
	return err
}

// cachedSet is, per side, the documents q (p's text or quote-side query,
// named by kind) matches, from the cache of sets or computed and cached.
func (f *fastReq) cachedSet(ctx context.Context, kind string, p *plan, q bquery.Query) (qSet, error) {
	fs := f.s.fast
	key := fmt.Sprintf("%s\x00%s\x00%s", kind, p.req.Mode, qKey(p.req))
	if set, ok := fs.sets.get(key); ok && f.view.version == fs.version.Load() {
		return set, nil
	}
	set := make(qSet, len(f.view.sides))
	err := perSide(len(f.view.sides), func(k int) error {
		bm, err := f.matching(ctx, k, q)
		if err != nil {
			return err
		}
		bm.RunOptimize()
		set[k] = bm
		return nil
	})
	if err != nil {
		return nil, err
	}
	version := f.view.version
	fs.sets.put(key, set, func() bool { return fs.version.Load() == version })
	return set, nil
}

// perSide runs fn for each of n sides at once, each side (a shard) on a
// goroutine of its own, and returns the first side's error. A request no
// cache has answered spends most of its time finding q's matches and
// counting facets: at a million articles in two shards, on two cores, 28
// uncached word queries with six facets and the histogram took 2.59 s one
// side after the other and 2.19 s side by side, the first "foreign
// minister" 135 and 44 ms.
func perSide(n int, fn func(k int) error) error {
	if n == 1 {
		return fn(0)
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() { errs[k] = fn(k) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// qSet is the documents a query matches on each side of a view. It is
// shared by every request that asks for the same q and never changed.
type qSet []*roaring.Bitmap

func (s qSet) size() int {
	n := 64
	for _, bm := range s {
		n += int(bm.GetSizeInBytes())
	}
	return n
}

func (s qSet) clone() qSet { return s }

// base is the documents of docType on side k, less the hidden ones, in
// p's date range.
func (f *fastReq) base(ctx context.Context, p *plan, k int, docType string) (*roaring.Bitmap, error) {
	sd := f.view.sides[k]
	b := sd.t.cols[index.FieldType].posting(docType).Clone()
	if sd.hidden != nil {
		b.AndNot(sd.hidden)
	}
	if !p.req.From.IsZero() || !p.req.To.IsZero() {
		d, err := f.dateRange(ctx, p, k)
		if err != nil {
			return nil, err
		}
		b.And(d)
	}
	return b, nil
}

// dateRange is the documents of side k published in [From, To): the
// union of the day postings when both ends are whole UTC days, else what
// the generation's date range query matches.
func (f *fastReq) dateRange(ctx context.Context, p *plan, k int) (*roaring.Bitmap, error) {
	from, to := p.req.From, p.req.To
	if !f.byDays(p) {
		// Year and month dates match by their spans (index.SpanOverlapQuery).
		return f.matching(ctx, k, f.s.gen.Meta.DateRange(from, to))
	}
	col := f.view.sides[k].t.cols[index.FieldDay]
	lo, hi := 0, len(col.terms)
	if !from.IsZero() {
		lo, _ = slices.BinarySearch(col.terms, from.UTC().Format(time.DateOnly))
	}
	if !to.IsZero() {
		hi, _ = slices.BinarySearch(col.terms, to.UTC().Format(time.DateOnly))
	}
	if lo >= hi {
		return roaring.New(), nil
	}
	return roaring.FastOr(col.post[lo:hi]...), nil
}

// byDays reports whether dateRange takes p's date range from the day
// postings (else from a search of its own).
func (f *fastReq) byDays(p *plan) bool {
	return wholeDay(p.req.From) && wholeDay(p.req.To) && !f.s.gen.Meta.DateSpans
}

// wholeDay reports whether t is open (zero) or a UTC midnight.
func wholeDay(t time.Time) bool {
	if t.IsZero() {
		return true
	}
	u := t.UTC()
	return u.Equal(time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC))
}

// filtered is side k's documents of p's type, date range and filters
// (but exclude's), less the hidden ones: what p.filterQueries(exclude)
// match. The speaker filter under speaker semantics needs speakerSets.
func (f *fastReq) filtered(ctx context.Context, p *plan, k int, exclude string) (*roaring.Bitmap, error) {
	b, err := f.base(ctx, p, k, p.docType)
	if err != nil {
		return nil, err
	}
	for _, name := range FilterNames {
		vals := p.filters[name]
		if len(vals) == 0 || name == exclude {
			continue
		}
		if name == "speaker" && p.speakerSem && p.docType == index.TypeArticle {
			b.And(p.speakerBits[k])
			continue
		}
		b.And(f.view.sides[k].t.cols[filterFields[name]].union(vals))
	}
	return b, nil
}

// setFilterBits sets p.filterBits, the filter of the main search with q,
// to bitmaps of the view's sides, and p.hitsFilter, the same less the
// copies collapse leaves out (it runs after fastReq.collapse). Bleve's boolean query asks its filter
// only whether each document q matches is in it: through the filter's
// conjunction of term searchers, advanced to every match, that was a
// quarter of the CPU of q=said (824,000 hits) at a million articles; a
// bitmap answers it at once. Scores do not change: a filter does not
// score. On a snapshot that is none of the view's sides (the delta
// changed since the view was made), the filter's own queries.
func (f *fastReq) setFilterBits(ctx context.Context, p *plan) error {
	if p.textQ == nil || p.speakerSem {
		return nil // queryBase filters nothing, or with the speaker's bitmap
	}
	if (!p.req.From.IsZero() || !p.req.To.IsZero()) && !f.byDays(p) {
		// The range would be a search of its own on every request, even
		// with the aggregates cached: Bleve's filter is cheaper.
		return nil
	}
	bits := make([]*roaring.Bitmap, len(f.view.sides))
	for k := range f.view.sides {
		b, err := f.filtered(ctx, p, k, "")
		if err != nil {
			return err
		}
		bits[k] = b
	}
	filter := bleve.NewConjunctionQuery(p.filterQueries("")...)
	p.filterBits = &bitmapQuery{sides: f.view.sides, bits: bits, fallback: filter}
	if p.hiddenBits == nil {
		p.hitsFilter = p.filterBits
		return nil
	}
	hits := make([]*roaring.Bitmap, len(bits))
	for k, b := range bits {
		hits[k] = b
		if h := p.hiddenBits[k]; h != nil {
			hits[k] = roaring.AndNot(b, h)
		}
	}
	p.hitsFilter = &bitmapQuery{sides: f.view.sides, bits: hits, fallback: without(filter, p.collapseOut)}
	return nil
}

// docs is, per side, what p.query(exclude) matches.
func (f *fastReq) docs(ctx context.Context, p *plan, exclude string) ([]*roaring.Bitmap, error) {
	if err := f.speakerSets(ctx, p); err != nil {
		return nil, err
	}
	out := make([]*roaring.Bitmap, len(f.view.sides))
	for k := range f.view.sides {
		b, err := f.filtered(ctx, p, k, exclude)
		if err != nil {
			return nil, err
		}
		// With speaker semantics q only scores, unless the speaker filter
		// is left out (see plan.query).
		if p.textQ != nil && (!p.speakerSem || exclude == "speaker") {
			b.And(f.text[k])
		}
		out[k] = b
	}
	return out, nil
}

// quoteDocs is, per side, what p.facetQuery(exclude) matches for a facet
// counted through quotes: the quotes matching q under the filters but
// exclude's.
func (f *fastReq) quoteDocs(ctx context.Context, p *plan, exclude string) ([]*roaring.Bitmap, error) {
	out := make([]*roaring.Bitmap, len(f.view.sides))
	for k := range f.view.sides {
		b, err := f.base(ctx, p, k, index.TypeQuote)
		if err != nil {
			return nil, err
		}
		for _, name := range FilterNames {
			if vals := p.filters[name]; len(vals) > 0 && name != exclude {
				b.And(f.view.sides[k].t.cols[filterFields[name]].union(vals))
			}
		}
		b.And(f.quote[k])
		out[k] = b
	}
	return out, nil
}

// speakerSets sets p's speaker filter under speaker semantics: on each
// side, the articles with a quote by a selected speaker that matches q,
// and the bitmap query the main search filters with.
func (f *fastReq) speakerSets(ctx context.Context, p *plan) error {
	if !p.speakerSem || p.speakerBits != nil {
		return nil
	}
	if err := f.qSets(ctx, p); err != nil {
		return err
	}
	bits := make([]*roaring.Bitmap, len(f.view.sides))
	for k, sd := range f.view.sides {
		qs := sd.t.cols[index.FieldType].posting(index.TypeQuote).Clone()
		qs.And(sd.t.cols[index.FieldSpeaker].union(p.filters["speaker"]))
		qs.And(f.quote[k])
		arts := roaring.New()
		it := qs.Iterator()
		for it.HasNext() {
			if a := sd.t.articleOfQuote(it.Next()); a != noDoc {
				arts.Add(a)
			}
		}
		if sd.hidden != nil {
			arts.AndNot(sd.hidden)
		}
		bits[k] = arts
	}
	p.speakerBits = bits
	p.speakerQ = &bitmapQuery{sides: f.view.sides, bits: bits}
	return nil
}

// facetCounts counts facet name's values as p.facetQuery(name) finds them.
func (f *fastReq) facetCounts(ctx context.Context, p *plan, name string) (*counts, error) {
	if err := f.qSets(ctx, p); err != nil {
		return nil, err
	}
	if p.quoteSpeakerFacet(name) {
		sets, err := f.quoteDocs(ctx, p, name)
		if err != nil {
			return nil, err
		}
		return f.articlesPerSpeaker(sets), nil
	}
	sets, err := f.docs(ctx, p, name)
	if err != nil {
		return nil, err
	}
	if p.countsStories() {
		return f.storyCounts(filterFields[name], sets), nil
	}
	return f.count(filterFields[name], sets), nil
}

// facetValuesOf turns the top k of c into facet values of name.
func (p *plan) facetValuesOf(c *counts, name string, k int) []FacetValue {
	field := filterFields[name]
	top := c.top(k)
	out := make([]FacetValue, 0, len(top))
	for _, t := range top {
		out = append(out, FacetValue{Value: t.Term, Label: p.label(field, t.Term), Count: t.Count, Selected: p.selected[name][t.Term]})
	}
	return out
}

// fastFacets computes the facets of p's request.
func (e *Engine) fastFacets(ctx context.Context, f *fastReq, p *plan) (map[string][]FacetValue, error) {
	out := map[string][]FacetValue{}
	for _, spec := range p.req.Facets {
		c, err := f.facetCounts(ctx, p, spec.Name)
		if err != nil {
			return nil, err
		}
		vals := p.facetValuesOf(c, spec.Name, spec.Size+len(p.filters[spec.Name]))
		vals, err = p.withSelected(spec, vals, func(v string) (int, error) { return c.of(v), nil })
		if err != nil {
			return nil, err
		}
		out[spec.Name] = vals
	}
	return out, nil
}

// histCounts are the total of p.query("") and, with hist, its day counts,
// undated count and counts of year and month dates. The total counts
// copies; with Request.CountStories the days, the undated count and the
// year and month counts count stories, and stories is their total.
func (f *fastReq) histCounts(ctx context.Context, p *plan, hist bool) (total, stories int, days []counted, undated int, prec precCounts, err error) {
	if err := ctx.Err(); err != nil {
		return 0, 0, nil, 0, prec, fmt.Errorf("histogram: %w", err)
	}
	if err := f.qSets(ctx, p); err != nil {
		return 0, 0, nil, 0, prec, err
	}
	sets, err := f.docs(ctx, p, "")
	if err != nil {
		return 0, 0, nil, 0, prec, err
	}
	for _, set := range sets {
		total += int(set.GetCardinality())
	}
	stories = total
	if p.countsStories() {
		sets = f.stories(sets)
		stories = 0
		for _, set := range sets {
			stories += int(set.GetCardinality())
		}
	}
	for k, set := range sets {
		if hist {
			cols := f.view.sides[k].t.cols
			undated += int(set.AndCardinality(cols[index.FieldDated].posting("false")))
			prec.year += int(set.AndCardinality(cols[index.FieldPrecision].posting(news.PrecisionYear)))
			prec.month += int(set.AndCardinality(cols[index.FieldPrecision].posting(news.PrecisionMonth)))
		}
	}
	if !hist {
		return total, stories, nil, 0, prec, nil
	}
	byDay := map[string]int{}
	c := f.count(index.FieldDay, sets)
	for _, t := range c.top(1 << 30) {
		byDay[t.Term] += t.Count
	}
	return total, stories, parseCounts(IntervalDay, byDay), undated, prec, nil
}

// fastHistogram builds the histogram of p's request and its split series.
func (e *Engine) fastHistogram(ctx context.Context, f *fastReq, p *plan, days []counted, undated int, prec precCounts) (*Histogram, error) {
	h, err := e.histogramFrom(p, days, undated, prec)
	if err != nil {
		return nil, err
	}
	if p.req.Split.Name == "" {
		return h, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("split: %w", err)
	}
	h.Split = p.req.Split.Name
	vals, err := p.splitValues(func(name string, k int) ([]FacetValue, error) {
		c, err := f.facetCounts(ctx, p, name)
		if err != nil {
			return nil, err
		}
		return p.facetValuesOf(c, name, k), nil
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
		sp, err := e.planWith(ctx, p.s, splitRequest(p, v.Value), p.c)
		if err != nil {
			return nil, err
		}
		_, total, days, und, _, err := f.histCounts(ctx, sp, true)
		if err != nil {
			return nil, err
		}
		h.Series[i] = seriesOf(v, total, und, days, h.Interval, grid)
	}
	return h, nil
}
