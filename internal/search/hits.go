package search

import (
	"context"
	"fmt"
	"html"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/news"
)

// Quotes attached to an article hit.
const (
	maxQuotesPerHitSpeaker = 10
	maxQuotesPerHitQuery   = 3
)

// Stored fields that article hits are decoded from, and that quote hits
// read from their articles (quote documents store nothing: quoteHits).
var (
	articleFields      = []string{index.FieldTitle, index.FieldSource, index.FieldPublished, index.FieldPrecision, index.FieldURL}
	quoteArticleFields = []string{
		index.FieldTitle, index.FieldSource, index.FieldPublished, index.FieldPrecision, index.FieldURL,
		index.FieldAnnotations, index.FieldBody,
	}
)

// setHitFields asks main for the stored fields and highlighting of the
// hits of p's mode.
func (p *plan) setHitFields(main *bleve.SearchRequest) {
	if p.req.Mode == ModeQuotes {
		// Read from the quotes' articles (quoteHits), highlighted from the
		// term locations of the hits.
		main.IncludeLocations = p.req.Highlight && p.textQ != nil
		return
	}
	main.Fields = articleFields
	if p.req.Highlight {
		main.Highlight = bleve.NewHighlightWithStyle(styleSnippet)
		main.Highlight.AddField(index.FieldTitle)
		main.Highlight.AddField(index.FieldBody)
	} else { // a plain snippet: the start of the body
		main.Fields = append(slices.Clone(articleFields), index.FieldLead)
	}
}

// hits decodes the hits of the main result and, in article mode with q or
// a speaker filter, attaches their quotes.
func (e *Engine) hits(ctx context.Context, p *plan, res *bleve.SearchResult) ([]Hit, error) {
	if p.req.Mode == ModeQuotes {
		hits, err := p.quoteHits(ctx, res.Hits, p.req.Highlight && p.textQ != nil)
		for i := range hits {
			p.setGroup(&hits[i])
		}
		return hits, err
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		hits = append(hits, articleHit(h, p.req.Highlight))
	}
	return hits, e.completeArticleHits(ctx, p, hits)
}

// completeArticleHits gives article hits their groups and, with q or a
// speaker filter, their quotes.
func (e *Engine) completeArticleHits(ctx context.Context, p *plan, hits []Hit) error {
	for i := range hits {
		p.setGroup(&hits[i])
	}
	if len(hits) > 0 && (p.quoteQ != nil || len(p.filters["speaker"]) > 0) {
		return e.attachQuotes(ctx, p, hits)
	}
	return nil
}

// quoteArticle is what a quote hit reads from its article's document.
type quoteArticle struct {
	fields    map[string]any
	quotes    []news.Quote
	kinds     []string // of the quotes' speakers (news.Annotations.SpeakerKinds)
	countries []string // … and the countries they speak for
}

// quoteHits decodes quote hits from their articles' stored documents, read
// in one search: a quote's text, speaker, cue, kind and paragraph from the
// article's annotations (the quote's number is in its id), its source and
// date, and the article's title and url. With hl the text is highlighted
// from the hit's term locations. A hit whose article is gone (changed
// between the two searches) keeps its id and score, as a hit whose
// document is gone does in Bleve.
func (p *plan) quoteHits(ctx context.Context, qhits bsearch.DocumentMatchCollection, hl bool) ([]Hit, error) {
	ids := make([]string, 0, len(qhits))
	seen := make(map[string]bool, len(qhits))
	nums := make([]int, len(qhits))
	hits := make([]Hit, len(qhits))
	for i, qh := range qhits {
		aid, n, ok := index.ParseQuoteDocID(qh.ID)
		if !ok {
			return nil, fmt.Errorf("quote hit %q: not a quote id", qh.ID)
		}
		nums[i] = n
		hits[i] = Hit{ID: qh.ID, Type: index.TypeQuote, ArticleID: aid, Score: qh.Score, QuoteFields: &QuoteFields{}}
		if !seen[aid] {
			seen[aid] = true
			ids = append(ids, aid)
		}
	}
	if len(ids) == 0 {
		return hits, nil
	}
	arts, err := p.quoteArticles(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range hits {
		h := &hits[i]
		a := arts[h.ArticleID]
		if a == nil || nums[i] > len(a.quotes) {
			continue
		}
		q := a.quotes[nums[i]-1]
		h.Title, h.URL = str(a.fields, index.FieldTitle), str(a.fields, index.FieldURL)
		h.Source, h.Published = str(a.fields, index.FieldSource), date(a.fields, index.FieldPublished)
		h.DatePrecision = str(a.fields, index.FieldPrecision)
		qf := h.QuoteFields
		qf.Text, qf.SpeakerAsWritten, qf.Cue, qf.Kind, qf.Paragraph = q.Text, q.SpeakerAsWritten, q.Cue, q.Kind, q.Paragraph
		if q.SpeakerID != "" {
			qf.Speaker = &Speaker{ID: q.SpeakerID, Name: q.SpeakerName, Kind: a.kinds[nums[i]-1], Country: a.countries[nums[i]-1]}
		}
		qf.Highlighted = html.EscapeString(q.Text)
		if hl {
			if fr, err := highlightQuote(qhits[i], q.Text, p.s.mappingOf()); err != nil {
				return nil, err
			} else if fr != "" {
				qf.Highlighted = fr
			}
		}
	}
	return hits, nil
}

// quoteArticles reads the articles of quote hits, by id, in one search.
func (p *plan) quoteArticles(ctx context.Context, ids []string) (map[string]*quoteArticle, error) {
	q := bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), termQ(index.FieldType, index.TypeArticle))
	r := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	r.Fields = quoteArticleFields
	res, err := p.search(ctx, r, "articles of quote hits")
	if err != nil {
		return nil, err
	}
	out := make(map[string]*quoteArticle, len(res.Hits))
	for _, a := range res.Hits {
		f := a.Fields
		ann, err := index.StoredAnnotations(f[index.FieldAnnotations], str(f, index.FieldTitle), str(f, index.FieldBody))
		if err != nil {
			return nil, fmt.Errorf("article %q: %w", a.ID, err)
		}
		out[a.ID] = &quoteArticle{fields: f, quotes: ann.Quotes, kinds: ann.SpeakerKinds(), countries: ann.SpeakerCountries()}
	}
	return out, nil
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
	hl := p.req.Highlight && p.quoteQ != nil
	r.IncludeLocations = hl
	res, err := p.search(ctx, r, "quotes of hits")
	if err != nil {
		return err
	}
	qhits, err := p.quoteHits(ctx, res.Hits, hl)
	if err != nil {
		return err
	}
	for _, h := range qhits {
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
	a := storedArticle{
		title:     str(f, index.FieldTitle),
		source:    str(f, index.FieldSource),
		published: date(f, index.FieldPublished),
		precision: str(f, index.FieldPrecision),
		url:       str(f, index.FieldURL),
		lead:      str(f, index.FieldLead),
	}
	var fragments map[string][]string
	if highlighted {
		fragments = h.Fragments
	}
	return a.hit(h.ID, h.Score, fragments)
}

// storedArticle is what an article hit shows of its stored fields.
type storedArticle struct {
	title, source, precision, url string
	published                     time.Time // as Bleve gives it: to the second
	lead                          string    // the start of the body
}

// hit is the article hit of a, with the fragments of its title and body
// when highlighted (nil: the title and the start of the body, plain).
func (a *storedArticle) hit(id string, score float64, fragments map[string][]string) Hit {
	hit := Hit{
		ID:            id,
		Type:          index.TypeArticle,
		Title:         a.title,
		Source:        a.source,
		Published:     a.published,
		DatePrecision: a.precision,
		URL:           a.url,
		Score:         score,
		Snippets:      map[string][]string{},
	}
	for _, k := range []string{index.FieldTitle, index.FieldBody} {
		if fr := fragments[k]; len(fr) > 0 {
			hit.Snippets[k] = fr
		}
	}
	if _, ok := hit.Snippets[index.FieldTitle]; !ok && hit.Title != "" {
		hit.Snippets[index.FieldTitle] = []string{html.EscapeString(hit.Title)}
	}
	if _, ok := hit.Snippets[index.FieldBody]; !ok && a.lead != "" {
		hit.Snippets[index.FieldBody] = []string{plainSnippet(a.lead, snippetSize)}
	}
	return hit
}
