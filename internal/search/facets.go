package search

import (
	"context"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/index"
)

// facetIDs names the internal facet of article ids; it cannot clash with
// API facet names.
const facetIDs = "_ids"

// allTerms is the size of a terms facet that must return every value.
const allTerms = 1 << 22

// addFacets asks main for the facets of p's request that have no selection
// and returns the others: each facet with a selection (or counted through
// quotes, or through articles: joinedFacet) needs its own search without
// its own filter.
func (p *plan) addFacets(main *bleve.SearchRequest) (disjunctive []FacetSpec) {
	for _, f := range p.req.Facets {
		if len(p.filters[f.Name]) > 0 || p.quoteSpeakerFacet(f.Name) || p.joinedFacet(f.Name) {
			disjunctive = append(disjunctive, f)
			continue
		}
		main.AddFacet(f.Name, bleve.NewFacetRequest(filterFields[f.Name], f.Size))
	}
	return disjunctive
}

// disjunctiveFacet runs the search of facet f without its own filter.
func (p *plan) disjunctiveFacet(ctx context.Context, f FacetSpec) (*bleve.SearchResult, error) {
	if p.joinedFacet(f.Name) {
		return p.joinedFacetSearch(ctx, p.facetQuery(f.Name), f.Name, f.Size+len(p.filters[f.Name]))
	}
	r := bleve.NewSearchRequestOptions(p.facetQuery(f.Name), 0, 0, false)
	// Room for the selected values beyond the top f.Size.
	p.addFacet(r, f.Name, f.Size+len(p.filters[f.Name]))
	return p.search(ctx, r, "facet search")
}

// facets assembles the facets of p's request: each from the main result
// (mainRes), or for a disjunctive facet, from its own search (dres, in the
// order of disjunctive).
func (e *Engine) facets(ctx context.Context, p *plan, mainRes *bleve.SearchResult, disjunctive []FacetSpec, dres []*bleve.SearchResult) (map[string][]FacetValue, error) {
	out := map[string][]FacetValue{}
	for _, f := range p.req.Facets {
		if p.countsStories() && !p.quoteSpeakerFacet(f.Name) {
			vals, counts, err := p.storyFacetValues(ctx, f.Name, f.Size+len(p.filters[f.Name]))
			if err != nil {
				return nil, err
			}
			if vals, err = p.withSelected(f, vals, func(v string) (int, error) { return counts[v], nil }); err != nil {
				return nil, err
			}
			out[f.Name] = vals
			continue
		}
		res := mainRes
		for i, d := range disjunctive {
			if d.Name == f.Name {
				res = dres[i]
			}
		}
		vals := p.facetValues(res, f.Name)
		vals = vals[:min(len(vals), f.Size+len(p.filters[f.Name]))]
		vals, err := p.withSelected(f, vals, func(v string) (int, error) { return p.countSelected(ctx, f, v) })
		if err != nil {
			return nil, err
		}
		out[f.Name] = vals
	}
	return out, nil
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

// bleveFacetValues are the top size values of facet name over
// p.facetQuery(name), by Bleve's facet over every match (the per-hit
// path); what names the search in its errors.
func (p *plan) bleveFacetValues(ctx context.Context, name string, size int, what string) ([]FacetValue, error) {
	if p.joinedFacet(name) {
		res, err := p.joinedFacetSearch(ctx, p.facetQuery(name), name, size)
		if err != nil {
			return nil, err
		}
		return p.facetValues(res, name), nil
	}
	r := bleve.NewSearchRequestOptions(p.facetQuery(name), 0, 0, false)
	p.addFacet(r, name, size)
	res, err := p.search(ctx, r, what)
	if err != nil {
		return nil, err
	}
	return p.facetValues(res, name), nil
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
// returned is counted on its own by countOf.
func (p *plan) withSelected(f FacetSpec, vals []FacetValue, countOf func(v string) (int, error)) ([]FacetValue, error) {
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
		n, err := countOf(v)
		if err != nil {
			return nil, err
		}
		out = append(out, FacetValue{Value: v, Label: p.label(filterFields[f.Name], v), Count: n, Selected: true})
	}
	return out, nil
}

// countSelected counts, with a search, the documents that selecting value
// v of facet f finds (articles, for a facet counted through quotes).
func (p *plan) countSelected(ctx context.Context, f FacetSpec, v string) (int, error) {
	docType := p.docType
	if p.quoteSpeakerFacet(f.Name) {
		docType = index.TypeQuote
	}
	q := bleve.NewConjunctionQuery(p.facetQuery(f.Name), p.filterQ(docType, f.Name, []string{v}))
	r := bleve.NewSearchRequestOptions(q, 0, 0, false)
	if p.quoteSpeakerFacet(f.Name) {
		r.AddFacet(facetIDs, bleve.NewFacetRequest(index.FieldArticleID, allTerms))
	}
	res, err := p.search(ctx, r, "selected facet value")
	if err != nil {
		return 0, err
	}
	if p.quoteSpeakerFacet(f.Name) {
		return len(facetTerms(res, facetIDs)), nil // articles, not quotes
	}
	return int(res.Total), nil
}

func (p *plan) label(field, v string) string {
	if p.s.gen.Labels == nil {
		return v
	}
	return p.s.gen.Labels.Label(field, v)
}
