package search

import (
	"context"
	"fmt"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/readout/readout/internal/index"
)

// Quote documents may leave their article's Joined fields (entities,
// countries, authors: schema.Field.Joined) to the article
// (index.Documents); generations written before repeat them on every
// quote (index.DocumentsRepeated). Quote-mode searches filter on them, and q names them, through a
// join: joinQuery matches the quotes of the articles that have any of the
// values, the same quotes on either layout.

// joinQuery matches the quote documents whose article has any of values
// in field (a Joined field). On a snapshot that has a column table
// (served.tableOf) it iterates the table's postings, which give each quote
// its article's values (table.joinQuotes); on any other snapshot (the
// overlay's delta, the per-hit path's searches) it finds the documents
// with the values and the quotes whose article_id is one of theirs.
// Scores are constant, as a DocIDQuery's, on both: a joined filter does not
// rank quotes by how many values their article has.
type joinQuery struct {
	field  string
	values []string
	s      *served // its tables, when built; nil: none
}

// joinQ is the query of a filter or a field of q on quote documents:
// their join for a Joined field, else the terms themselves.
func joinQ(s *served, field string, values []string) bquery.Query {
	if !joinedField(field) {
		return termsQ(field, values)
	}
	if len(values) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return &joinQuery{field: field, values: slices.Clone(values), s: s}
}

// Searcher returns the searcher of the quotes of i.
func (q *joinQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	if t := q.s.tableOf(i); t != nil {
		bits := roaring.And(t.cols[q.field].union(q.values), t.cols[index.FieldType].posting(index.TypeQuote))
		return newBitmapSearcher(t, bits, options), nil
	}
	ids, err := joinedQuotes(ctx, i, q.field, q.values)
	if err != nil {
		return nil, fmt.Errorf("join %s: %w", q.field, err)
	}
	return searcher.NewDocIDSearcher(ctx, i, ids, 1.0, options)
}

// joinedQuotes lists the external ids of the quote documents of i whose
// article has any of values in field: the quotes whose article_id is the
// id of a document with a value. A quote that carries the value itself
// (generations written before the join) is found through its article,
// which has it too; a quote's id is no article's, so it finds nothing.
func joinedQuotes(ctx context.Context, i bindex.IndexReader, field string, values []string) ([]string, error) {
	var owners []string
	var tfd bindex.TermFieldDoc
	visit := func(term, field string, fn func(id bindex.IndexInternalID) error) error {
		tfr, err := i.TermFieldReader(ctx, []byte(term), field, false, false, false)
		if err != nil {
			return err
		}
		defer tfr.Close()
		for {
			tfd.ID = tfd.ID[:0]
			d, err := tfr.Next(&tfd)
			if err != nil {
				return err
			}
			if d == nil {
				return nil
			}
			if err := fn(d.ID); err != nil {
				return err
			}
		}
	}
	external := func(dst *[]string) func(bindex.IndexInternalID) error {
		return func(id bindex.IndexInternalID) error {
			ext, err := i.ExternalID(id)
			if err != nil {
				return err
			}
			*dst = append(*dst, ext)
			return nil
		}
	}
	for _, v := range values {
		if err := visit(v, field, external(&owners)); err != nil {
			return nil, err
		}
	}
	slices.Sort(owners)
	owners = slices.Compact(owners)
	var out []string
	for k, a := range owners {
		if k%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if err := visit(a, index.FieldArticleID, external(&out)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// tableOf is the column table whose snapshot reader r is (nil: none):
// one of the generation's base tables once built, or the delta's of the
// current view.
func (s *served) tableOf(r bindex.IndexReader) *table {
	if s == nil || s.fast == nil {
		return nil
	}
	f := s.fast
	built := f.built.Load()
	f.mu.Lock()
	defer f.mu.Unlock()
	if built {
		for _, t := range f.bases {
			if t.reader == r {
				return t
			}
		}
	}
	if v := f.view; v != nil && v.delta != nil && v.delta.reader == r {
		return v.delta
	}
	return nil
}

// filterQ is the query of filter name's values vals on documents of
// docType: on quotes, a Joined field's join.
func (p *plan) filterQ(docType, name string, vals []string) bquery.Query {
	if docType == index.TypeQuote {
		return joinQ(p.s, filterFields[name], vals)
	}
	return termsQ(filterFields[name], vals)
}

// joinedFacet reports whether facet name is counted through the articles
// of the matching quotes: a Joined field in quote mode (the per-hit path;
// the column tables give quotes their article's values).
func (p *plan) joinedFacet(name string) bool {
	return p.docType == index.TypeQuote && joinedField(filterFields[name])
}

// joinedCounts counts the values of Joined facets names over the quote
// documents q matches, through their articles (the per-hit path): the
// matching quotes' article ids with their number of quotes (a facet on
// article_id, which scorch uninverts: it has no doc values), then for each
// number n the articles with n matching quotes, whose values count n times
// each. The same on either layout: a quote's values are its article's.
func (p *plan) joinedCounts(ctx context.Context, q bquery.Query, names []string) (map[string]map[string]int, error) {
	r := bleve.NewSearchRequestOptions(q, 0, 0, false)
	r.AddFacet(facetIDs, bleve.NewFacetRequest(index.FieldArticleID, allTerms))
	res, err := p.search(ctx, r, "joined facets")
	if err != nil {
		return nil, err
	}
	byN := map[int][]string{}
	for _, t := range facetTerms(res, facetIDs) {
		if t.Count > 0 {
			byN[t.Count] = append(byN[t.Count], t.Term)
		}
	}
	out := map[string]map[string]int{}
	for _, name := range names {
		out[name] = map[string]int{}
	}
	for n, ids := range byN {
		ar := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), termQ(index.FieldType, index.TypeArticle)), 0, 0, false)
		for _, name := range names {
			ar.AddFacet(name, bleve.NewFacetRequest(filterFields[name], allTerms))
		}
		ares, err := p.search(ctx, ar, "joined facets")
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			for _, t := range facetTerms(ares, name) {
				out[name][t.Term] += n * t.Count
			}
		}
	}
	return out, nil
}

// joinedFacetResult is a search result holding, as Bleve's facet of name
// would, the top size of counts (most first, then by value).
func joinedFacetResult(name string, counts map[string]int, size int) *bleve.SearchResult {
	all := make([]termCount, 0, len(counts))
	for t, n := range counts {
		if n > 0 {
			all = append(all, termCount{t, n})
		}
	}
	tf := &bsearch.TermFacets{}
	total := 0
	for _, t := range topTerms(all, size) {
		tf.Add(&bsearch.TermFacet{Term: t.Term, Count: t.Count})
		total += t.Count
	}
	return &bleve.SearchResult{Facets: bsearch.FacetResults{name: &bsearch.FacetResult{Field: filterFields[name], Total: total, Terms: tf}}}
}

// joinedFacetSearch counts Joined facet name over the quotes q matches
// (joinedCounts), its top size values as a search result.
func (p *plan) joinedFacetSearch(ctx context.Context, q bquery.Query, name string, size int) (*bleve.SearchResult, error) {
	counts, err := p.joinedCounts(ctx, q, []string{name})
	if err != nil {
		return nil, err
	}
	return joinedFacetResult(name, counts[name], size), nil
}
