package search

import (
	"errors"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/query"
)

// textField is a text field a query searches, with its boost.
type textField struct {
	Name  string
	Boost float64
}

var (
	articleTextFields = []textField{{index.FieldTitle, 2}, {index.FieldBody, 1}}
	quoteTextFields   = []textField{{index.FieldText, 1}}
)

// compileQuery parses q and translates it into a Bleve query over fields;
// field-qualified keyword terms (speaker:blinken) are resolved through
// resolve. It returns the printed tree.
func compileQuery(q string, fields []textField, resolve func(field, v string) []string) (bquery.Query, string, error) {
	node, err := query.Parse(q)
	if err != nil {
		var se *query.SyntaxError
		if errors.As(err, &se) {
			return nil, "", &QueryError{Pos: se.Pos, Msg: se.Msg, Err: err}
		}
		return nil, "", &QueryError{Msg: err.Error(), Err: err}
	}
	c := compiler{fields: fields, resolve: resolve}
	bq, err := c.node(node)
	if err != nil {
		return nil, "", err
	}
	return bq, node.String(), nil
}

type compiler struct {
	fields  []textField
	resolve func(field, v string) []string
}

func (c compiler) textFields(field string) ([]textField, bool) {
	switch field {
	case "":
		return c.fields, true
	case "title", "body":
		if c.fields[0].Name == index.FieldText {
			return c.fields, true // quotes have one text field
		}
		return []textField{{field, 1}}, true
	case "text", "quote":
		if c.fields[0].Name != index.FieldText {
			return []textField{{index.FieldBody, 1}}, true
		}
		return c.fields, true
	}
	return nil, false
}

func (c compiler) node(n query.Node) (bquery.Query, error) {
	switch n := n.(type) {
	case query.MatchAll, *query.MatchAll:
		return bleve.NewMatchAllQuery(), nil
	case *query.And:
		b := bleve.NewBooleanQuery()
		var must, not []bquery.Query
		for _, ch := range n.Children {
			if nn, ok := ch.(*query.Not); ok {
				q, err := c.node(nn.Child)
				if err != nil {
					return nil, err
				}
				not = append(not, q)
				continue
			}
			q, err := c.node(ch)
			if err != nil {
				return nil, err
			}
			must = append(must, q)
		}
		if len(must) == 0 {
			must = append(must, bleve.NewMatchAllQuery())
		}
		b.AddMust(must...)
		b.AddMustNot(not...)
		return b, nil
	case *query.Or:
		qs := make([]bquery.Query, 0, len(n.Children))
		for _, ch := range n.Children {
			q, err := c.node(ch)
			if err != nil {
				return nil, err
			}
			qs = append(qs, q)
		}
		return bleve.NewDisjunctionQuery(qs...), nil
	case *query.Not:
		q, err := c.node(n.Child)
		if err != nil {
			return nil, err
		}
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		b.AddMustNot(q)
		return b, nil
	case *query.Term:
		return c.leaf(n.Field, n.Value, func(f textField) bquery.Query {
			q := bleve.NewMatchQuery(n.Value)
			q.SetField(f.Name)
			q.SetBoost(f.Boost)
			return q
		})
	case *query.Phrase:
		v := strings.Join(n.Words, " ")
		return c.leaf(n.Field, v, func(f textField) bquery.Query {
			q := bleve.NewMatchPhraseQuery(v)
			q.SetField(f.Name)
			q.SetBoost(f.Boost)
			return q
		})
	case *query.Hyphenated:
		return c.leaf(n.Field, n.Value, func(f textField) bquery.Query {
			ph := bleve.NewMatchPhraseQuery(strings.Join(n.Parts, " "))
			ph.SetField(f.Name)
			joined := bleve.NewMatchQuery(strings.Join(n.Parts, ""))
			joined.SetField(f.Name)
			d := bleve.NewDisjunctionQuery(ph, joined)
			d.SetBoost(f.Boost)
			return d
		})
	case *query.Prefix:
		return c.leaf(n.Field, n.Value, func(f textField) bquery.Query {
			q := bleve.NewPrefixQuery(strings.ToLower(n.Value))
			q.SetField(f.Name)
			q.SetBoost(f.Boost)
			return q
		})
	case *query.Fuzzy:
		return c.leaf(n.Field, n.Value, func(f textField) bquery.Query {
			q := bleve.NewFuzzyQuery(strings.ToLower(n.Value))
			q.SetField(f.Name)
			q.SetFuzziness(n.Distance)
			q.SetBoost(f.Boost)
			return q
		})
	}
	return nil, &QueryError{Msg: "unsupported query node " + n.String()}
}

// leaf builds a leaf: on text fields mk per field (ORed), on keyword fields
// exact terms of the resolved value.
func (c compiler) leaf(field, value string, mk func(textField) bquery.Query) (bquery.Query, error) {
	if tf, ok := c.textFields(field); ok {
		if len(tf) == 1 {
			return mk(tf[0]), nil
		}
		qs := make([]bquery.Query, len(tf))
		for i, f := range tf {
			qs[i] = mk(f)
		}
		return bleve.NewDisjunctionQuery(qs...), nil
	}
	ff, ok := filterFields[field]
	if !ok {
		if field == "language" {
			ff = index.FieldLanguage
		} else {
			return nil, &QueryError{Msg: "unknown field " + field + ":"}
		}
	}
	vals := []string{value}
	if c.resolve != nil {
		vals = c.resolve(ff, value)
	}
	if len(vals) == 0 {
		return bleve.NewMatchNoneQuery(), nil
	}
	return termsQ(ff, vals), nil
}
