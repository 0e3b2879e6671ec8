package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/readout/readout/internal/index"
)

// Match is a span of an article's title or body that a query matches: byte
// offsets into the field's text (Article.Title or Article.Body), End
// exclusive.
type Match struct {
	Field string `json:"field"` // "title" or "body"
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ArticleMatches returns where q matches article a's title and body, for
// the reading view: every term q matches as Bleve analysed it (stemmed
// forms, both words of a phrase, what a prefix or fuzzy term expanded to),
// title first, in order, with touching spans and spans only a hyphen,
// slash or space apart joined ("de-escalation", a phrase). None when q has
// no text terms or the article does not match q itself. A q that does not
// parse is a *QueryError, as in Search.
func (e *Engine) ArticleMatches(ctx context.Context, a *Article, q string, variants bool) ([]Match, error) {
	id := a.ID
	out := []Match{}
	if strings.TrimSpace(q) == "" {
		return out, nil
	}
	if len(q) > e.opts.MaxQueryLen {
		return nil, &LimitError{Param: "q", Limit: e.opts.MaxQueryLen, Msg: fmt.Sprintf("query of %d bytes is too long", len(q))}
	}
	s, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer s.release()
	c, err := e.compileQuery(ctx, s, q, false, variants, s.resolve)
	if err != nil {
		return nil, err
	}
	if c.textQ == nil {
		return out, nil
	}
	bq := bleve.NewConjunctionQuery(bleve.NewDocIDQuery([]string{id}), termQ(index.FieldType, index.TypeArticle), c.textQ)
	r := bleve.NewSearchRequestOptions(bq, 1, 0, false)
	r.IncludeLocations = true
	res, err := s.gen.Index.SearchInContext(ctx, r)
	if err != nil {
		return nil, searchErr(ctx, "matches in article "+id, err)
	}
	if len(res.Hits) == 0 {
		return out, nil
	}
	for _, field := range []string{index.FieldTitle, index.FieldBody} {
		text := a.Body
		if field == index.FieldTitle {
			text = a.Title
		}
		fillOffsets(res.Hits[0], field, []byte(text), s.mappingOf())
		var ms []Match
		for _, locs := range res.Hits[0].Locations[field] {
			for _, l := range locs {
				if l.End > l.Start {
					ms = append(ms, Match{Field: field, Start: int(l.Start), End: int(l.End)})
				}
			}
		}
		slices.SortFunc(ms, func(x, y Match) int { return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End)) })
		out = append(out, joinMatches(text, ms)...)
	}
	return out, nil
}

// joinMatches joins the matches of one field that overlap, touch, or are
// apart by one hyphen, slash or space of text. ms are sorted by Start.
func joinMatches(text string, ms []Match) []Match {
	var out []Match
	for _, m := range ms {
		if m.End > len(text) || m.Start < 0 {
			continue // not a span of this text (a document changed under us)
		}
		if n := len(out); n > 0 {
			last := &out[n-1]
			if m.Start <= last.End || m.Start-last.End == 1 && strings.ContainsAny(text[last.End:m.Start], "-/ ") {
				last.End = max(last.End, m.End)
				continue
			}
		}
		out = append(out, m)
	}
	return out
}
