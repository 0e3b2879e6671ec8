package search

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/query"
)

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
	// speakerQ matches those articles: their ids (per-hit path) or their
	// bitmaps (fast path: speakerBits, per side of the view).
	speakerQ    bquery.Query
	speakerBits []*roaring.Bitmap
	// filterBits, on the fast path, is the filter of queryBase("") with q:
	// the documents of the type, date range and filters, as bitmaps
	// (fastReq.setFilterBits); nil: the filter's own queries. hitsFilter
	// is the same less the copies collapse leaves out: hitsQuery's filter.
	filterBits, hitsFilter bquery.Query
	// fields, when set, reads the stored fields of hits straight from the
	// segments of the fast path's view (storedfields.go); else they are
	// read through the served index.
	fields *fieldLoader
	// Collapse (collapse.go): collapsing is set when the request's groups
	// were collapsed, collapsed counts the copies left out and collapseOut
	// matches them (nil: none).
	collapsing  bool
	collapsed   int
	collapseOut bquery.Query
	// hiddenBits, on the fast path, are the copies collapse leaves out,
	// per side of the view (nil: none, or the per-hit path).
	hiddenBits []*roaring.Bitmap
	// storyOut, with Request.CountStories, matches the copies that each
	// counted set leaves out, by the filter the set leaves out ("" for
	// none): query(exclude) counts stories.
	storyOut map[string]bquery.Query
	// storyCounts caches the per-hit path's counts of facets in stories,
	// by facet and value (storyFacetCounts).
	storyCounts map[string]map[string]int
}

// newPlan resolves r on s, compiling q.
func (e *Engine) newPlan(ctx context.Context, s *served, r *Request) (*plan, error) {
	var c *compiled
	if strings.TrimSpace(r.Q) != "" {
		var err error
		if c, err = e.compileQueryWith(ctx, s, r.Q, r.Mode == ModeQuotes, !r.NoVariants, s.resolve, r.dict); err != nil {
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
		if e.opts.PerHitFacets {
			ids, err := e.speakerArticles(ctx, p)
			if err != nil {
				return nil, err
			}
			p.speakerQ = speakerIDsQuery(ids)
		}
		// Else the fast path sets speakerQ (fastReq.speakerSets).
	}
	return p, nil
}

// search runs one of p's searches, unless ctx has ended: Bleve checks the
// context only every so many documents, so a request whose time ran out
// (or whose client left) stops before each search instead. Errors wrap
// ctx's error when it ended, so that errors.Is(err,
// context.DeadlineExceeded) holds.
//
// The hits' stored fields (r.Fields) and highlighting (r.Highlight) are
// read after the search by loadFields, not by Bleve: an article's body is
// stored as its lead and the rest compressed with its annotations
// (index.EncodeContent), which Bleve's loading and highlighting would not
// read.
func (p *plan) search(ctx context.Context, r *bleve.SearchRequest, what string) (*bleve.SearchResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	fields, hl := r.Fields, r.Highlight
	if len(fields) > 0 || hl != nil {
		own := *r
		own.Fields, own.Highlight = nil, nil
		own.IncludeLocations = r.IncludeLocations || hl != nil
		r = &own
	}
	res, err := p.s.gen.Index.SearchInContext(ctx, r)
	if err != nil {
		return nil, searchErr(ctx, what, err)
	}
	if len(fields) > 0 || hl != nil {
		if err := p.loader().load(ctx, res.Hits, fields, hl); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
	}
	return res, nil
}

// loader is p's reader of stored fields: from the segments of the fast
// path's view when it has one, else through the served index.
func (p *plan) loader() *fieldLoader {
	if p.fields != nil {
		return p.fields
	}
	return &fieldLoader{s: p.s}
}

// speakerArticles lists the articles with a quote by a selected speaker
// that matches q (the per-hit path: every one of them, as ids).
func (e *Engine) speakerArticles(ctx context.Context, p *plan) ([]string, error) {
	q := bleve.NewConjunctionQuery(termQ(index.FieldType, index.TypeQuote),
		termsQ(index.FieldSpeaker, p.filters["speaker"]), p.quoteQ)
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.AddFacet(facetIDs, bleve.NewFacetRequest(index.FieldArticleID, allTerms))
	res, err := p.search(ctx, req, "speaker quotes")
	if err != nil {
		return nil, err
	}
	terms := facetTerms(res, facetIDs)
	ids := make([]string, 0, len(terms))
	for _, t := range terms {
		ids = append(ids, t.Term)
	}
	return ids, nil
}

// speakerIDsQuery matches the articles of ids (the per-hit path's speaker
// filter).
func speakerIDsQuery(ids []string) bquery.Query {
	if len(ids) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewDocIDQuery(ids)
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
		qs = append(qs, p.s.gen.Meta.DateRange(p.req.From, p.req.To))
	}
	for _, name := range FilterNames {
		vals := p.filters[name]
		if len(vals) == 0 || name == exclude {
			continue
		}
		if name == "speaker" && p.speakerSem && docType == index.TypeArticle {
			qs = append(qs, p.speakerQ)
			continue
		}
		qs = append(qs, p.filterQ(docType, name, vals))
	}
	return qs
}

// query is the full query, the filter named exclude left out; with
// Request.CountStories, less the copies that are not the first of their
// group (collapse.go).
func (p *plan) query(exclude string) bquery.Query {
	key := exclude
	if len(p.filters[exclude]) == 0 {
		key = "" // leaving out a filter with no values leaves the whole result
	}
	return without(p.queryBase(exclude), p.storyOut[key])
}

// hitsQuery is the query of the page of hits: the full query, less the
// copies Request.Collapse leaves out (on the fast path with q, by its
// filter: a boolean query around it to leave them out cost a fifth of a
// broad query's CPU).
func (p *plan) hitsQuery() bquery.Query {
	if p.hitsFilter != nil {
		return p.queryWith("", p.hitsFilter)
	}
	return without(p.queryBase(""), p.collapseOut)
}

// queryBase is the full query, the filter named exclude left out, every
// copy of a story counted.
func (p *plan) queryBase(exclude string) bquery.Query {
	return p.queryWith(exclude, p.filterBits)
}

// queryWith is queryBase with bits, when set, as the filter of q's
// boolean query if exclude leaves no filter out.
func (p *plan) queryWith(exclude string, bits bquery.Query) bquery.Query {
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
	if exclude == "" && bits != nil {
		b.AddFilter(bits)
	} else {
		b.AddFilter(bleve.NewConjunctionQuery(fs...))
	}
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

// searchErr wraps a Bleve error, telling a cancelled or timed-out context
// apart (errors.Is(err, context.DeadlineExceeded) holds for a request that
// ran out of time).
func searchErr(ctx context.Context, what string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", what, ctx.Err())
	}
	return fmt.Errorf("%s: %w", what, err)
}
