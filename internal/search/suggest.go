package search

import (
	"cmp"
	"context"
	"errors"
	"github.com/readout/readout/internal/extract/text"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/query"
)

// Typo suggestions: a search that finds fewer than suggestBelow hits is
// answered with a corrected query when its words have spellings in the
// index that find more ("Did you mean ceasefire?"). The rules follow
// Meilisearch's typo tolerance by word length: no correction under
// minTypoRunes letters, one edit (or a swap of two letters) up to
// twoTypoRunes-1, two from there.
// Only words the index does not know, or knows from fewer documents than
// the correction, are corrected; each to the spelling of the most documents
// among those within reach, shown as the index's documents write it.
const (
	suggestBelow = 3
	minTypoRunes = 5
	twoTypoRunes = 9
)

// Suggestion is a corrected query and what it finds.
type Suggestion struct {
	Q           string       `json:"q"`
	Total       int          `json:"total"`
	Corrections []Correction `json:"corrections"`
}

// Correction is one word of the query and its correction.
type Correction struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// suggest returns a correction of the q of req (as asked, before
// normalize) that finds more than total documents with req's mode, kind,
// filters and dates, or nil.
func (e *Engine) suggest(ctx context.Context, s *served, req Request, total int) (*Suggestion, error) {
	q := req.Q
	node, err := query.ParseWithLimits(q, e.opts.QueryLimits())
	if err != nil {
		return nil, nil // the search itself parsed it; nothing to suggest
	}
	field := index.FieldBody
	if req.Mode == ModeQuotes {
		field = index.FieldText
	}
	analyze := query.AnalyzerFrom(s.gen.Index.Mapping())
	type word struct{ typed, stem string }
	var words []word
	for _, w := range plainWords(node) {
		if utf8.RuneCountInString(w) < minTypoRunes {
			continue
		}
		if ts := analyze(field, w); len(ts) == 1 && !slices.ContainsFunc(words, func(x word) bool { return x.typed == w }) {
			words = append(words, word{w, ts[0]})
		}
	}
	if len(words) == 0 {
		return nil, nil
	}
	// Two edits for every word, so that a swap of two letters (one typo to
	// a reader, two edits to Levenshtein) is found; shorter words keep
	// only one edit or a swap below.
	lookups := make([]query.Lookup, len(words))
	for i, w := range words {
		lookups[i] = query.Lookup{Field: field, Value: w.stem, Distance: 2}
	}
	dict, err := query.LookupIndex(ctx, s.gen.Index, lookups, e.opts.MaxExpansions)
	if err != nil {
		return nil, err
	}
	var sg Suggestion
	corrected := q
	for i, w := range words {
		xs, err := (&query.Budget{Dict: dict}).Expand(lookups[i], 0)
		if err != nil {
			continue // cut short: too many spellings within reach to choose from
		}
		var known uint64
		var best *query.Expansion
		for j := range xs {
			x := &xs[j]
			if x.Term == w.stem {
				known = x.DocFreq
				continue
			}
			if x.Distance > 1 && utf8.RuneCountInString(w.typed) < twoTypoRunes && !swapped(w.stem, x.Term) {
				continue
			}
			if best == nil || cmp.Or(cmp.Compare(x.DocFreq, best.DocFreq), cmp.Compare(best.Distance, x.Distance), strings.Compare(best.Term, x.Term)) > 0 {
				best = x
			}
		}
		if best == nil || best.DocFreq <= known {
			continue
		}
		to, err := e.surfaceForm(ctx, s, best.Term, w.typed)
		if err != nil {
			return nil, err
		}
		if to == "" || strings.EqualFold(to, w.typed) {
			continue
		}
		re := regexp.MustCompile(`(?i)(^|[^\pL\pN])` + regexp.QuoteMeta(w.typed) + `($|[^\pL\pN])`)
		corrected = re.ReplaceAllString(corrected, "${1}"+strings.ReplaceAll(to, "$", "$$")+"${2}")
		sg.Corrections = append(sg.Corrections, Correction{From: w.typed, To: to})
	}
	if len(sg.Corrections) == 0 {
		return nil, nil
	}
	r := req
	r.Q, r.Cursor = corrected, ""
	r.NoHits, r.Facets, r.Histogram, r.Split = true, []FacetSpec{}, "", FacetSpec{}
	if err := e.normalize(&r); err != nil {
		return nil, nil
	}
	res, err := e.run(ctx, s, r, nil)
	if err != nil {
		return nil, err
	}
	if res.Total <= total {
		return nil, nil
	}
	sg.Q, sg.Total = corrected, res.Total
	return &sg, nil
}

// plainWords are the words of a query that a typo could be in: terms and
// phrase words on the text fields, not excluded ones, not field values.
func plainWords(n query.Node) []string {
	switch n := n.(type) {
	case *query.And:
		var out []string
		for _, c := range n.Children {
			out = append(out, plainWords(c)...)
		}
		return out
	case *query.Or:
		var out []string
		for _, c := range n.Children {
			out = append(out, plainWords(c)...)
		}
		return out
	case *query.Term:
		if n.Field == "" {
			return []string{n.Value}
		}
	case *query.Phrase:
		if n.Field == "" {
			return n.Words
		}
	}
	return nil
}

// surfaceForm is how the articles write the index term term (a stem: the
// word shown must be one), lower-cased: among its spellings in the bodies
// of a few articles holding it, the closest to what was typed ("minister"
// for "minsiter", not "ministers"), without a possessive 's; "" when no
// article holds it.
func (e *Engine) surfaceForm(ctx context.Context, s *served, term, typed string) (string, error) {
	tq := bleve.NewTermQuery(term)
	tq.SetField(index.FieldBody)
	r := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(termQ(index.FieldType, index.TypeArticle), tq), 3, 0, false)
	r.IncludeLocations = true
	res, err := s.gen.Index.SearchInContext(ctx, r)
	if err != nil {
		return "", searchErr(ctx, "suggestion", err)
	}
	typed = strings.ToLower(typed)
	best, bestD := "", -1
	for _, h := range res.Hits {
		a, err := e.Article(ctx, h.ID)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return "", err
		}
		fillOffsets(h, index.FieldBody, []byte(a.Body), s.mappingOf())
		for _, l := range h.Locations[index.FieldBody][term] {
			if l.End <= l.Start || int(l.End) > len(a.Body) {
				continue
			}
			w := strings.ToLower(a.Body[l.Start:l.End])
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			if d := text.EditDistance(typed, w); bestD < 0 || d < bestD || d == bestD && w < best {
				best, bestD = w, d
			}
		}
	}
	return best, nil
}

// swapped reports whether b is a with two adjacent letters swapped.
func swapped(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	return i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:])
}
