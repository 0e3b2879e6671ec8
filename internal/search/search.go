package search

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/query"
)

// Facet names used internally for the histogram; they cannot clash with API
// facet names.
const (
	facetDated = "_dated"
	facetHist  = "_hist"
	facetIDs   = "_ids"
)

// allTerms is the size of a terms facet that must return every value.
const allTerms = 1 << 22

// Quotes attached to an article hit.
const (
	maxQuotesPerHitSpeaker = 10
	maxQuotesPerHitQuery   = 3
)

var (
	articleFields = []string{index.FieldTitle, index.FieldSource, index.FieldPublished, index.FieldURL}
	quoteFields   = []string{
		index.FieldText, index.FieldArticleID, index.FieldArticleTitle, index.FieldSource,
		index.FieldPublished, index.FieldURL, index.FieldSpeaker, index.FieldSpeakerName,
		index.FieldSpeakerAs, index.FieldCue, index.FieldKind, index.FieldParagraph,
	}
)

// normalize validates a request and fills its defaults.
func (e *Engine) normalize(r *Request) error {
	o := e.opts
	switch r.Mode {
	case "":
		r.Mode = ModeArticles
	case ModeArticles, ModeQuotes:
	default:
		return paramErr("mode", "must be articles or quotes, not %q", r.Mode)
	}
	switch r.Sort {
	case "":
		r.Sort = SortRelevance
	case SortRelevance, SortNewest, SortOldest:
	default:
		return paramErr("sort", "must be relevance, newest or oldest, not %q", r.Sort)
	}
	switch {
	case r.NoHits:
		if r.Cursor != "" {
			return paramErr("cursor", "size=0 returns no hits to page through; leave out the cursor")
		}
		r.Size = 0
	case r.Size == 0:
		r.Size = o.DefaultSize
	case r.Size < 0:
		return paramErr("size", "must be positive")
	case r.Size > o.MaxSize:
		return &LimitError{Param: "size", Limit: o.MaxSize, Msg: fmt.Sprintf("size %d is too large", r.Size)}
	}
	if len(r.Q) > o.MaxQueryLen {
		return &LimitError{Param: "q", Limit: o.MaxQueryLen, Msg: fmt.Sprintf("query of %d bytes is too long", len(r.Q))}
	}
	if r.Facets == nil {
		for _, n := range DefaultFacets {
			r.Facets = append(r.Facets, FacetSpec{Name: n})
		}
	}
	seen := map[string]bool{}
	for i := range r.Facets {
		f := &r.Facets[i]
		if !IsFilterName(f.Name) {
			return paramErr("facets", "unknown facet %q", f.Name)
		}
		if seen[f.Name] {
			return paramErr("facets", "facet %q given twice", f.Name)
		}
		seen[f.Name] = true
		switch {
		case f.Size == 0:
			f.Size = o.DefaultFacetSize
		case f.Size < 0:
			return paramErr("facets", "size of facet %q must be positive", f.Name)
		case f.Size > o.MaxFacetSize:
			return &LimitError{Param: "facets", Limit: o.MaxFacetSize, Msg: fmt.Sprintf("facet %q size %d is too large", f.Name, f.Size)}
		}
	}
	for name := range r.Filters {
		if !IsFilterName(name) {
			return paramErr(name, "unknown filter")
		}
	}
	switch r.Histogram {
	case "", IntervalDay, IntervalWeek, IntervalMonth, IntervalYear, IntervalAuto:
	default:
		return paramErr("histogram", "must be day, week, month, year or auto, not %q", r.Histogram)
	}
	if err := normalizeSplit(r); err != nil {
		return err
	}
	for _, d := range []struct {
		name string
		t    time.Time
	}{{"from", r.From}, {"to", r.To}} {
		if !d.t.IsZero() && (d.t.Year() < 1678 || d.t.Year() > 2261) {
			return paramErr(d.name, "year %d is out of range (1678-2261)", d.t.Year())
		}
	}
	if !r.From.IsZero() && !r.To.IsZero() && !r.From.Before(r.To) {
		return paramErr("to", "must not be before from")
	}
	return nil
}

// plan is a request resolved against one generation.
type plan struct {
	req      *Request
	s        *served
	c        *compiled // q; nil when q is empty
	docType  string
	textQ    bquery.Query // q on the mode's text fields; nil when q is empty
	quoteQ   bquery.Query // q on quote text (article mode); nil when q is empty
	printed  string
	filters  map[string][]string // API filter name -> resolved index values
	selected map[string]map[string]bool
	// Speaker semantics (article mode, speaker filter and q): the articles
	// with a quote by a selected speaker that matches q.
	speakerSem bool
	speakerIDs []string
}

// newPlan resolves r on s, compiling q.
func (e *Engine) newPlan(ctx context.Context, s *served, r *Request) (*plan, error) {
	var c *compiled
	if strings.TrimSpace(r.Q) != "" {
		var err error
		if c, err = e.compileQuery(ctx, s, r.Q, r.Mode == ModeQuotes, s.resolve); err != nil {
			return nil, err
		}
	}
	e.stage("compiled")
	return e.planWith(ctx, s, r, c)
}

// resolve maps a keyword value of q to the generation's indexed values.
func (s *served) resolve(field, v string) []string {
	if s.gen.Labels == nil {
		return []string{v}
	}
	return s.gen.Labels.Resolve(field, v)
}

// stage calls the test hook of Options.
func (e *Engine) stage(name string) {
	if e.opts.hook != nil {
		e.opts.hook(name)
	}
}

// planWith resolves r on s with q already compiled (c; nil when q is
// empty): the split series reuse their request's q.
func (e *Engine) planWith(ctx context.Context, s *served, r *Request, c *compiled) (*plan, error) {
	p := &plan{req: r, s: s, c: c, docType: index.TypeArticle, printed: query.MatchAll{}.String(),
		filters: map[string][]string{}, selected: map[string]map[string]bool{}}
	if r.Mode == ModeQuotes {
		p.docType = index.TypeQuote
	}
	if c != nil {
		p.textQ, p.quoteQ, p.printed = c.textQ, c.quoteQ, c.printed
	}
	labels := s.gen.Labels
	for name, vals := range r.Filters {
		field := filterFields[name]
		var ids []string
		for _, v := range vals {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			if labels != nil {
				ids = append(ids, labels.Resolve(field, v)...)
			} else {
				ids = append(ids, v)
			}
		}
		if len(ids) == 0 {
			continue
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		p.filters[name] = ids
		sel := make(map[string]bool, len(ids))
		for _, id := range ids {
			sel[id] = true
		}
		p.selected[name] = sel
	}
	if r.Mode == ModeArticles && p.quoteQ != nil && len(p.filters["speaker"]) > 0 {
		p.speakerSem = true
		ids, err := e.speakerArticles(ctx, p)
		if err != nil {
			return nil, err
		}
		p.speakerIDs = ids
	}
	return p, nil
}

// search runs one of p's searches, unless ctx has ended: Bleve checks the
// context only every so many documents, so a request whose time ran out
// (or whose client left) stops before each search instead. Errors wrap
// ctx's error when it ended, so that errors.Is(err,
// context.DeadlineExceeded) holds.
func (p *plan) search(ctx context.Context, r *bleve.SearchRequest, what string) (*bleve.SearchResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	res, err := p.s.gen.Index.SearchInContext(ctx, r)
	if err != nil {
		return nil, searchErr(ctx, what, err)
	}
	return res, nil
}

// speakerArticles lists the articles with a quote by a selected speaker
// that matches q.
func (e *Engine) speakerArticles(ctx context.Context, p *plan) ([]string, error) {
	q := bleve.NewConjunctionQuery(termQ(index.FieldType, index.TypeQuote),
		termsQ(index.FieldSpeaker, p.filters["speaker"]), p.quoteQ)
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.AddFacet(facetIDs, bleve.NewFacetRequest(index.FieldArticleID, e.opts.MaxSpeakerDocs+1))
	res, err := p.search(ctx, req, "speaker quotes")
	if err != nil {
		return nil, err
	}
	terms := facetTerms(res, facetIDs)
	if len(terms) > e.opts.MaxSpeakerDocs {
		return nil, &LimitError{Param: "speaker", Limit: e.opts.MaxSpeakerDocs,
			Msg: "too many articles quote the speaker on this query; narrow the query"}
	}
	ids := make([]string, 0, len(terms))
	for _, t := range terms {
		ids = append(ids, t.Term)
	}
	return ids, nil
}

func termQ(field, v string) bquery.Query {
	q := bleve.NewTermQuery(v)
	q.SetField(field)
	return q
}

func termsQ(field string, vs []string) bquery.Query {
	if len(vs) == 1 {
		return termQ(field, vs[0])
	}
	qs := make([]bquery.Query, len(vs))
	for i, v := range vs {
		qs[i] = termQ(field, v)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// filterQueries are the conjuncts every matching document satisfies, the
// filter named exclude left out (for disjunctive facet counts).
func (p *plan) filterQueries(exclude string) []bquery.Query {
	return p.filterQueriesFor(p.docType, exclude)
}

func (p *plan) filterQueriesFor(docType, exclude string) []bquery.Query {
	qs := []bquery.Query{termQ(index.FieldType, docType)}
	if !p.req.From.IsZero() || !p.req.To.IsZero() {
		t, f := true, false
		dq := bleve.NewDateRangeInclusiveQuery(p.req.From, p.req.To, &t, &f)
		dq.SetField(index.FieldPublished)
		qs = append(qs, dq)
	}
	for _, name := range FilterNames {
		vals := p.filters[name]
		if len(vals) == 0 || name == exclude {
			continue
		}
		if name == "speaker" && p.speakerSem && docType == index.TypeArticle {
			if len(p.speakerIDs) == 0 {
				qs = append(qs, bleve.NewMatchNoneQuery())
			} else {
				qs = append(qs, bleve.NewDocIDQuery(p.speakerIDs))
			}
			continue
		}
		qs = append(qs, termsQ(filterFields[name], vals))
	}
	return qs
}

// quoteSpeakerFacet reports whether facet name is counted through quotes:
// in article mode with q, the speaker facet counts for each speaker the
// articles where a quote of theirs matches q (under the other filters),
// which is what selecting the speaker finds (speaker semantics).
func (p *plan) quoteSpeakerFacet(name string) bool {
	return name == "speaker" && p.docType == index.TypeArticle && p.quoteQ != nil
}

// facetPairs prefixes the facet of (speaker, article) pairs that a facet
// counted through quotes is computed from.
const facetPairs = "\x00pairs:"

// addFacet asks r for the top size values of facet name. A facet counted
// through quotes also asks for every (speaker, article) pair of the
// matching quotes, from which facetValues counts articles.
func (p *plan) addFacet(r *bleve.SearchRequest, name string, size int) {
	r.AddFacet(name, bleve.NewFacetRequest(filterFields[name], size))
	if p.quoteSpeakerFacet(name) {
		r.AddFacet(facetPairs+name, bleve.NewFacetRequest(index.FieldSpeakerArticle, allTerms))
	}
}

// articlesPerSpeaker counts the articles of each speaker in (speaker,
// article) pairs, most first, then by id.
func articlesPerSpeaker(pairs []termCount) []termCount {
	n := map[string]int{}
	for _, t := range pairs {
		sp, _, ok := strings.Cut(t.Term, index.SpeakerArticleSep)
		if ok && t.Count > 0 {
			n[sp]++
		}
	}
	out := make([]termCount, 0, len(n))
	for sp, c := range n {
		out = append(out, termCount{sp, c})
	}
	slices.SortFunc(out, func(a, b termCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Term, b.Term)
	})
	return out
}

// facetQuery is the query a facet's counts are taken under: the full query
// without the facet's own filter, or for the speaker facet in article mode
// with q, the matching quotes.
func (p *plan) facetQuery(name string) bquery.Query {
	if !p.quoteSpeakerFacet(name) {
		return p.query(name)
	}
	qs := append(p.filterQueriesFor(index.TypeQuote, name), p.quoteQ)
	return bleve.NewConjunctionQuery(qs...)
}

// query is the full query, the filter named exclude left out.
func (p *plan) query(exclude string) bquery.Query {
	fs := p.filterQueries(exclude)
	if p.textQ == nil {
		return bleve.NewConjunctionQuery(fs...)
	}
	b := bleve.NewBooleanQuery()
	if p.speakerSem && exclude != "speaker" {
		// Matching is decided by the speaker's quotes; q only scores.
		b.AddMust(fs...)
		b.AddShould(p.textQ)
		return b
	}
	b.AddMust(p.textQ)
	b.AddFilter(bleve.NewConjunctionQuery(fs...))
	return b
}

func (p *plan) sortOrder() bsearch.SortOrder {
	switch p.req.Sort {
	case SortNewest:
		return bsearch.SortOrder{
			&bsearch.SortField{Field: index.FieldPublished, Desc: true, Missing: bsearch.SortFieldMissingLast},
			&bsearch.SortDocID{},
		}
	case SortOldest:
		return bsearch.SortOrder{
			&bsearch.SortField{Field: index.FieldPublished, Missing: bsearch.SortFieldMissingLast},
			&bsearch.SortDocID{},
		}
	}
	return bsearch.SortOrder{&bsearch.SortScore{Desc: true}, &bsearch.SortDocID{}}
}

// Search runs one search on the served generation.
func (e *Engine) Search(ctx context.Context, req Request) (*Response, error) {
	start := time.Now()
	if err := e.normalize(&req); err != nil {
		return nil, err
	}
	var cur *cursor
	if req.Cursor != "" {
		c, err := decodeCursor(req.Cursor)
		if err != nil {
			return nil, err
		}
		if c.Key != cursorKey(&req) {
			return nil, paramErr("cursor", "cursor belongs to a different query, filters or sort")
		}
		if e.opts.MaxPageDepth > 0 && c.Seen >= e.opts.MaxPageDepth {
			return nil, &LimitError{Param: "cursor", Limit: e.opts.MaxPageDepth,
				Msg: "paged too deep; narrow the query"}
		}
		cur = &c
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
	resp.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return resp, nil
}

// run runs a normalized request on s, from cur (nil: the first page). An
// expensive request (Options.ExpensiveWork) runs once it holds a slot.
func (e *Engine) run(ctx context.Context, s *served, req Request, cur *cursor) (*Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	p, err := e.newPlan(ctx, s, &req)
	if err != nil {
		return nil, err
	}
	release, err := e.admit(ctx, e.estimate(p))
	if err != nil {
		return nil, err
	}
	defer release()
	e.stage("admitted")

	main := bleve.NewSearchRequestOptions(p.query(""), req.Size, 0, false)
	main.SortByCustom(p.sortOrder())
	if cur != nil {
		if len(cur.After) != len(main.Sort) {
			return nil, paramErr("cursor", "cursor belongs to a different sort")
		}
		main.SearchAfter = cur.after()
	}
	if req.Mode == ModeQuotes {
		main.Fields = quoteFields
		if req.Highlight && p.textQ != nil {
			main.Highlight = bleve.NewHighlightWithStyle(styleFull)
			main.Highlight.AddField(index.FieldText)
		}
	} else {
		main.Fields = articleFields
		if req.Highlight {
			main.Highlight = bleve.NewHighlightWithStyle(styleSnippet)
			main.Highlight.AddField(index.FieldTitle)
			main.Highlight.AddField(index.FieldBody)
		} else {
			main.Fields = append(slices.Clone(articleFields), index.FieldBody)
		}
	}
	// Facets without a selection come with the main search; each facet
	// with one needs its own search without its own filter.
	var disjunctive []FacetSpec
	for _, f := range req.Facets {
		if len(p.filters[f.Name]) > 0 || p.quoteSpeakerFacet(f.Name) {
			disjunctive = append(disjunctive, f)
			continue
		}
		main.AddFacet(f.Name, bleve.NewFacetRequest(filterFields[f.Name], f.Size))
	}
	if req.Histogram != "" {
		main.AddFacet(facetDated, bleve.NewFacetRequest(index.FieldDated, 2))
		// Days, whatever the interval: weeks, months and years are summed
		// from them.
		main.AddFacet(facetHist, bleve.NewFacetRequest(index.FieldDay, allTerms))
	}

	var (
		wg      sync.WaitGroup
		mainRes *bleve.SearchResult
		mainErr error
		dres    = make([]*bleve.SearchResult, len(disjunctive))
		derr    = make([]error, len(disjunctive))
	)
	for i, f := range disjunctive {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := bleve.NewSearchRequestOptions(p.facetQuery(f.Name), 0, 0, false)
			// Room for the selected values beyond the top f.Size.
			p.addFacet(r, f.Name, f.Size+len(p.filters[f.Name]))
			dres[i], derr[i] = p.search(ctx, r, "facet search")
		}()
	}
	mainRes, mainErr = p.search(ctx, main, "search")
	wg.Wait()
	if mainErr != nil {
		return nil, mainErr
	}
	for _, err := range derr {
		if err != nil {
			return nil, err
		}
	}
	e.stage("main")

	resp := &Response{
		Total:      int(mainRes.Total),
		Mode:       req.Mode,
		Query:      p.printed,
		Generation: s.gen.Name,
		Hits:       make([]Hit, 0, len(mainRes.Hits)),
		Facets:     map[string][]FacetValue{},
	}
	for _, f := range req.Facets {
		res := mainRes
		for i, d := range disjunctive {
			if d.Name == f.Name {
				res = dres[i]
			}
		}
		vals := p.facetValues(res, f.Name)
		vals = vals[:min(len(vals), f.Size+len(p.filters[f.Name]))]
		vals, err := e.withSelected(ctx, p, f, vals)
		if err != nil {
			return nil, err
		}
		resp.Facets[f.Name] = vals
	}
	if req.Histogram != "" {
		h, err := e.histogram(ctx, p, mainRes)
		if err != nil {
			return nil, err
		}
		e.stage("histogram")
		if req.Split.Name != "" {
			h.Split = req.Split.Name
			if h.Series, err = e.splitSeries(ctx, p, h); err != nil {
				return nil, err
			}
		}
		resp.Histogram = h
	}
	for _, h := range mainRes.Hits {
		if req.Mode == ModeQuotes {
			resp.Hits = append(resp.Hits, quoteHit(h, req.Highlight && p.textQ != nil))
		} else {
			resp.Hits = append(resp.Hits, articleHit(h, req.Highlight))
		}
	}
	if req.Mode == ModeArticles && len(resp.Hits) > 0 && (p.quoteQ != nil || len(p.filters["speaker"]) > 0) {
		if err := e.attachQuotes(ctx, p, resp.Hits); err != nil {
			return nil, err
		}
	}
	seen := 0
	if cur != nil {
		seen = cur.Seen
	}
	if n := len(mainRes.Hits); n == req.Size && n > 0 && seen+n < resp.Total {
		last := mainRes.Hits[n-1]
		c := cursor{Key: cursorKey(&req), Seen: seen + n}
		for i, v := range last.Sort {
			if _, ok := main.Sort[i].(*bsearch.SortScore); ok {
				v = strconv.FormatFloat(last.Score, 'g', -1, 64)
			}
			c.After = append(c.After, []byte(v))
		}
		nc := encodeCursor(c)
		resp.NextCursor = &nc
	}
	return resp, nil
}

// searchErr wraps a Bleve error, telling a cancelled or timed-out context
// apart (errors.Is(err, context.DeadlineExceeded) holds for a request that
// ran out of time).
func searchErr(ctx context.Context, what string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", what, ctx.Err())
	}
	return fmt.Errorf("%s: %w", what, err)
}

type termCount struct {
	Term  string
	Count int
}

func facetTerms(res *bleve.SearchResult, name string) []termCount {
	fr, ok := res.Facets[name]
	if !ok || fr == nil || fr.Terms == nil {
		return nil
	}
	terms := fr.Terms.Terms()
	out := make([]termCount, 0, len(terms))
	for _, t := range terms {
		out = append(out, termCount{t.Term, t.Count})
	}
	return out
}

func (p *plan) facetValues(res *bleve.SearchResult, name string) []FacetValue {
	field := filterFields[name]
	terms := facetTerms(res, name)
	if p.quoteSpeakerFacet(name) {
		// Generations built before the pairs existed count quotes.
		if pairs := facetTerms(res, facetPairs+name); len(pairs) > 0 {
			terms = articlesPerSpeaker(pairs)
		}
	}
	out := make([]FacetValue, 0, len(terms))
	for _, t := range terms {
		out = append(out, FacetValue{
			Value:    t.Term,
			Label:    p.label(field, t.Term),
			Count:    t.Count,
			Selected: p.selected[name][t.Term],
		})
	}
	return out
}

// withSelected trims facet values to the facet's size and keeps every
// selected value in the list (after the top values), so that a client can
// always show and clear its selection; a selected value outside the terms
// returned is counted on its own.
func (e *Engine) withSelected(ctx context.Context, p *plan, f FacetSpec, vals []FacetValue) ([]FacetValue, error) {
	sel := p.filters[f.Name]
	if len(sel) == 0 {
		return vals, nil
	}
	out := make([]FacetValue, 0, f.Size+len(sel))
	present := map[string]bool{}
	for i, v := range vals {
		if i < f.Size || v.Selected {
			out = append(out, v)
			present[v.Value] = true
		}
	}
	for _, v := range sel {
		if present[v] {
			continue
		}
		q := bleve.NewConjunctionQuery(p.facetQuery(f.Name), termQ(filterFields[f.Name], v))
		r := bleve.NewSearchRequestOptions(q, 0, 0, false)
		if p.quoteSpeakerFacet(f.Name) {
			r.AddFacet(facetIDs, bleve.NewFacetRequest(index.FieldArticleID, allTerms))
		}
		res, err := p.search(ctx, r, "selected facet value")
		if err != nil {
			return nil, err
		}
		n := int(res.Total)
		if p.quoteSpeakerFacet(f.Name) {
			n = len(facetTerms(res, facetIDs)) // articles, not quotes
		}
		out = append(out, FacetValue{Value: v, Label: p.label(filterFields[f.Name], v), Count: n, Selected: true})
	}
	return out, nil
}

func (p *plan) label(field, v string) string {
	if p.s.gen.Labels == nil {
		return v
	}
	return p.s.gen.Labels.Label(field, v)
}

// histogram builds the date histogram of the main result.
func (e *Engine) histogram(ctx context.Context, p *plan, res *bleve.SearchResult) (*Histogram, error) {
	h := &Histogram{Interval: p.req.Histogram}
	for _, t := range facetTerms(res, facetDated) {
		if t.Term == "false" {
			h.Undated = t.Count
		}
	}
	counts := parseCounts(IntervalDay, termMap(facetTerms(res, facetHist)))
	iv := p.req.Histogram
	if iv == IntervalAuto {
		iv = IntervalMonth
		if n := len(counts); n > 0 {
			iv = autoInterval(counts[0].start, counts[n-1].start)
		}
		h.Interval = iv
	}
	b, err := fillBuckets(iv, counts, e.opts.MaxBuckets)
	if err != nil {
		return nil, err
	}
	h.Buckets = b
	return h, nil
}

func termMap(ts []termCount) map[string]int {
	m := make(map[string]int, len(ts))
	for _, t := range ts {
		m[t.Term] = t.Count
	}
	return m
}

// attachQuotes adds to each article hit its quotes that match q (and are by
// a selected speaker, when a speaker filter applies).
func (e *Engine) attachQuotes(ctx context.Context, p *plan, hits []Hit) error {
	ids := make([]string, len(hits))
	pos := make(map[string]int, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
		pos[h.ID] = i
	}
	perHit := maxQuotesPerHitQuery
	qs := []bquery.Query{termQ(index.FieldType, index.TypeQuote), termsQ(index.FieldArticleID, ids)}
	if sp := p.filters["speaker"]; len(sp) > 0 {
		qs = append(qs, termsQ(index.FieldSpeaker, sp))
		perHit = maxQuotesPerHitSpeaker
	}
	if p.quoteQ != nil {
		qs = append(qs, p.quoteQ)
	}
	r := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(qs...), min(len(ids)*perHit*4, 2000), 0, false)
	r.Fields = quoteFields
	hl := p.req.Highlight && p.quoteQ != nil
	if hl {
		r.Highlight = bleve.NewHighlightWithStyle(styleFull)
		r.Highlight.AddField(index.FieldText)
	}
	res, err := p.search(ctx, r, "quotes of hits")
	if err != nil {
		return err
	}
	for _, qh := range res.Hits {
		h := quoteHit(qh, hl)
		i, ok := pos[h.ArticleID]
		if !ok || len(hits[i].Quotes) >= perHit {
			continue
		}
		hits[i].Quotes = append(hits[i].Quotes, QuoteHit{ID: h.ID, QuoteFields: *h.QuoteFields})
	}
	for i := range hits {
		slices.SortStableFunc(hits[i].Quotes, func(a, b QuoteHit) int { return a.Paragraph - b.Paragraph })
	}
	return nil
}

func str(m map[string]any, k string) string {
	switch v := m[k].(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			s, _ := v[0].(string)
			return s
		}
	}
	return ""
}

func strs(m map[string]any, k string) []string {
	switch v := m[k].(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return []string{}
}

func num(m map[string]any, k string) int {
	switch v := m[k].(type) {
	case float64:
		return int(v)
	case []any:
		if len(v) > 0 {
			f, _ := v[0].(float64)
			return int(f)
		}
	}
	return 0
}

func date(m map[string]any, k string) time.Time {
	s := str(m, k)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

func articleHit(h *bsearch.DocumentMatch, highlighted bool) Hit {
	f := h.Fields
	hit := Hit{
		ID:        h.ID,
		Type:      index.TypeArticle,
		Title:     str(f, index.FieldTitle),
		Source:    str(f, index.FieldSource),
		Published: date(f, index.FieldPublished),
		URL:       str(f, index.FieldURL),
		Score:     h.Score,
		Snippets:  map[string][]string{},
	}
	if highlighted {
		for _, k := range []string{index.FieldTitle, index.FieldBody} {
			if fr := h.Fragments[k]; len(fr) > 0 {
				hit.Snippets[k] = fr
			}
		}
	}
	if _, ok := hit.Snippets[index.FieldTitle]; !ok && hit.Title != "" {
		hit.Snippets[index.FieldTitle] = []string{html.EscapeString(hit.Title)}
	}
	if _, ok := hit.Snippets[index.FieldBody]; !ok {
		if b := str(f, index.FieldBody); b != "" {
			hit.Snippets[index.FieldBody] = []string{plainSnippet(b, snippetSize)}
		}
	}
	return hit
}

func quoteHit(h *bsearch.DocumentMatch, highlighted bool) Hit {
	f := h.Fields
	qf := &QuoteFields{
		Text:             str(f, index.FieldText),
		SpeakerAsWritten: str(f, index.FieldSpeakerAs),
		Cue:              str(f, index.FieldCue),
		Kind:             str(f, index.FieldKind),
		Paragraph:        num(f, index.FieldParagraph),
	}
	if id := str(f, index.FieldSpeaker); id != "" {
		qf.Speaker = &Speaker{ID: id, Name: str(f, index.FieldSpeakerName)}
	}
	qf.Highlighted = html.EscapeString(qf.Text)
	if fr := h.Fragments[index.FieldText]; highlighted && len(fr) > 0 {
		qf.Highlighted = fr[0]
	}
	return Hit{
		ID:          h.ID,
		Type:        index.TypeQuote,
		ArticleID:   str(f, index.FieldArticleID),
		Title:       str(f, index.FieldArticleTitle),
		Source:      str(f, index.FieldSource),
		Published:   date(f, index.FieldPublished),
		URL:         str(f, index.FieldURL),
		Score:       h.Score,
		QuoteFields: qf,
	}
}
