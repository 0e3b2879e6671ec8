package search

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/readout/readout/internal/index"
)

// Quote spread: where a quote first appeared and who repeated it. The
// copies of a quote are the quotes of the same speaker (or, for a quote
// without one, of anyone) whose text holds the same first spreadWords
// words as a phrase: a quote trimmed or continued differently at its end is
// still the same quote.
const spreadWords = 12

// Spread is the spread of one quote.
type Spread struct {
	Quote     Hit          `json:"quote"`     // the quote asked about
	Query     string       `json:"query"`     // what was searched for its copies (q of a quote search)
	Count     int          `json:"count"`     // copies, this one included
	First     *Hit         `json:"first"`     // the earliest dated copy (else the first undated)
	Last      *Hit         `json:"last"`      // the latest dated copy
	Sources   []FacetValue `json:"sources"`   // who carried it, most copies first
	Histogram *Histogram   `json:"histogram"` // copies over time (interval auto)
}

// QuoteSpread returns the spread of quote id (as in a quote hit, "a1#q2").
// A quote id that names no quote is ErrNotFound.
func (e *Engine) QuoteSpread(ctx context.Context, id string) (*Spread, error) {
	aid, n, ok := index.ParseQuoteDocID(id)
	if !ok {
		return nil, fmt.Errorf("quote %q: %w", id, ErrNotFound)
	}
	a, err := e.Article(ctx, aid)
	if err != nil {
		return nil, fmt.Errorf("quote %q: %w", id, err)
	}
	if n > len(a.Quotes) || a.Quotes[n-1].Scare {
		return nil, fmt.Errorf("quote %q: %w", id, ErrNotFound)
	}
	aq := a.Quotes[n-1]
	words := strings.FieldsFunc(aq.Text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' })
	if len(words) > spreadWords {
		words = words[:spreadWords]
	}
	if len(words) == 0 {
		return nil, fmt.Errorf("quote %q: %w", id, ErrNotFound)
	}
	req := Request{
		Mode: ModeQuotes, Q: `text:"` + strings.Join(words, " ") + `"`, Sort: SortOldest, Size: 1,
		Histogram: IntervalAuto, Facets: []FacetSpec{{Name: "source", Size: 20}}, NoVariants: true,
	}
	if aq.Speaker != nil {
		req.Filters = map[string][]string{"speaker": {aq.Speaker.ID}}
	}
	first, err := e.Search(ctx, req)
	if err != nil {
		return nil, err
	}
	req.Sort, req.Histogram, req.Facets = SortNewest, "", []FacetSpec{}
	last, err := e.Search(ctx, req)
	if err != nil {
		return nil, err
	}
	sp := &Spread{
		Quote: Hit{ID: id, Type: index.TypeQuote, ArticleID: aid, Title: a.Title, Source: a.Source, Published: a.Published, DatePrecision: a.DatePrecision, URL: a.URL,
			QuoteFields: &QuoteFields{Text: aq.Text, Speaker: aq.Speaker, SpeakerAsWritten: aq.SpeakerAsWritten, Cue: aq.Cue, Kind: aq.Kind, Paragraph: aq.Paragraph}},
		Query: first.Query, Count: first.Total, Sources: first.Facets["source"], Histogram: first.Histogram,
	}
	if len(first.Hits) > 0 {
		sp.First = &first.Hits[0]
	}
	if len(last.Hits) > 0 && !last.Hits[0].Published.IsZero() {
		sp.Last = &last.Hits[0]
	}
	return sp, nil
}
