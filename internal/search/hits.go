package search

import (
	"context"
	"html"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/index"
)

// Quotes attached to an article hit.
const (
	maxQuotesPerHitSpeaker = 10
	maxQuotesPerHitQuery   = 3
)

// Stored fields that article and quote hits are decoded from.
var (
	articleFields = []string{index.FieldTitle, index.FieldSource, index.FieldPublished, index.FieldURL}
	quoteFields   = []string{
		index.FieldText, index.FieldArticleID, index.FieldSource,
		index.FieldPublished, index.FieldSpeaker, index.FieldSpeakerName,
		index.FieldSpeakerAs, index.FieldCue, index.FieldKind, index.FieldParagraph,
	}
)

// setHitFields asks main for the stored fields and highlighting of the
// hits of p's mode.
func (p *plan) setHitFields(main *bleve.SearchRequest) {
	if p.req.Mode == ModeQuotes {
		main.Fields = quoteFields
		if p.req.Highlight && p.textQ != nil {
			main.Highlight = bleve.NewHighlightWithStyle(styleFull)
			main.Highlight.AddField(index.FieldText)
		}
		return
	}
	main.Fields = articleFields
	if p.req.Highlight {
		main.Highlight = bleve.NewHighlightWithStyle(styleSnippet)
		main.Highlight.AddField(index.FieldTitle)
		main.Highlight.AddField(index.FieldBody)
	} else {
		main.Fields = append(slices.Clone(articleFields), index.FieldBody)
	}
}

// hits decodes the hits of the main result and, in article mode with q or
// a speaker filter, attaches their quotes.
func (e *Engine) hits(ctx context.Context, p *plan, res *bleve.SearchResult) ([]Hit, error) {
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		if p.req.Mode == ModeQuotes {
			hits = append(hits, quoteHit(h, p.req.Highlight && p.textQ != nil))
		} else {
			hits = append(hits, articleHit(h, p.req.Highlight))
		}
	}
	if p.req.Mode == ModeQuotes && len(hits) > 0 {
		if err := articleTitles(ctx, p, hits); err != nil {
			return nil, err
		}
	}
	if p.req.Mode == ModeArticles && len(hits) > 0 && (p.quoteQ != nil || len(p.filters["speaker"]) > 0) {
		if err := e.attachQuotes(ctx, p, hits); err != nil {
			return nil, err
		}
	}
	return hits, nil
}

// articleTitles fills in the title and url of quote hits from their
// articles' documents, in one search: quote documents do not repeat them
// (they were 7% of a generation).
func articleTitles(ctx context.Context, p *plan, hits []Hit) error {
	ids := make([]string, 0, len(hits))
	seen := make(map[string]bool, len(hits))
	for _, h := range hits {
		if !seen[h.ArticleID] {
			seen[h.ArticleID] = true
			ids = append(ids, h.ArticleID)
		}
	}
	q := bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), termQ(index.FieldType, index.TypeArticle))
	r := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	fields := []string{index.FieldTitle, index.FieldURL}
	if p.fields == nil {
		r.Fields = fields
	}
	res, err := p.search(ctx, r, "articles of quote hits")
	if err != nil {
		return err
	}
	if p.fields != nil {
		// An export: read straight from the segments (storedfields.go).
		if err := p.fields.load(ctx, res.Hits, fields); err != nil {
			return err
		}
	}
	byID := make(map[string]*bsearch.DocumentMatch, len(res.Hits))
	for _, a := range res.Hits {
		byID[a.ID] = a
	}
	for i := range hits {
		if a := byID[hits[i].ArticleID]; a != nil {
			hits[i].Title, hits[i].URL = str(a.Fields, index.FieldTitle), str(a.Fields, index.FieldURL)
		}
	}
	return nil
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
	var fields []string // read by p.fields after the search, not by Bleve
	if p.fields != nil && !hl {
		fields, r.Fields = r.Fields, nil
	}
	res, err := p.search(ctx, r, "quotes of hits")
	if err != nil {
		return err
	}
	if fields != nil {
		if err := p.fields.load(ctx, res.Hits, fields); err != nil {
			return err
		}
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
		Source:      str(f, index.FieldSource),
		Published:   date(f, index.FieldPublished),
		Score:       h.Score,
		QuoteFields: qf,
	}
}
