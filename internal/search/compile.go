package search

import (
	"errors"

	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/query"
)

// compileQuery parses q and translates it with internal/query for the
// fields of a mode (articles: title boosted 2 and body; quotes: text);
// field-qualified keyword values (speaker:blinken) are resolved through
// resolve. It returns the printed tree.
func compileQuery(q string, quotes bool, resolve func(field, v string) []string) (bquery.Query, string, error) {
	node, err := query.Parse(q)
	if err != nil {
		var se *query.SyntaxError
		if errors.As(err, &se) {
			return nil, "", &QueryError{Pos: se.Pos, Msg: se.Msg, Err: err}
		}
		return nil, "", &QueryError{Pos: -1, Msg: err.Error(), Err: err}
	}
	f := query.ArticleFields()
	if quotes {
		f = query.QuoteFields()
	}
	f.Resolve = resolve
	bq, err := query.ToBleve(node, f)
	if err != nil {
		return nil, "", &QueryError{Pos: -1, Msg: err.Error(), Err: err}
	}
	return bq, node.String(), nil
}
