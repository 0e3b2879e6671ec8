package search

import (
	"context"
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2/mapping"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/query"
)

// compiled is q of one request translated on one generation, with what its
// prefix and fuzzy terms expand to.
type compiled struct {
	textQ   bquery.Query // q on the mode's text fields
	quoteQ  bquery.Query // q on quote text (article mode); nil when q names an article field
	printed string

	expansions int    // index terms the prefix and fuzzy terms expand to
	postings   uint64 // postings of those terms
}

// compileQuery parses q with the engine's limits and translates it with
// internal/query for the fields of a mode (articles: title boosted 2 and
// body, and quote text for the quote-side query; quotes: text);
// field-qualified keyword values (speaker:blinken) are resolved through
// resolve; with variants, names also match their other names
// (withVariants). Prefix and fuzzy terms are expanded against s's index first,
// under the budget of Options.MaxExpansions and MaxExpansionPostings
// shared by both translations: a term that passes it is a *CostError.
func (e *Engine) compileQuery(ctx context.Context, s *served, q string, quotes, variants bool, resolve func(field, v string) []string) (*compiled, error) {
	return e.compileQueryWith(ctx, s, q, quotes, variants, resolve, nil)
}

// compileQueryWith is compileQuery with the expansions of q's prefix and
// fuzzy terms taken from dict when it is given (partitioned serving: the
// dictionary of every shard, MergeResults) instead of s's index.
func (e *Engine) compileQueryWith(ctx context.Context, s *served, q string, quotes, variants bool, resolve func(field, v string) []string, dict *query.Dictionary) (*compiled, error) {
	pq, err := e.parseQuery(s, q, quotes, variants, resolve)
	if err != nil {
		return nil, err
	}
	if pq.lookups == nil {
		return translate(pq.node, pq.main, quotes, quoteFieldsOf(s, pq.m, resolve))
	}
	o := e.opts
	if dict == nil {
		if dict, err = query.LookupIndex(ctx, s.gen.Index, pq.lookups, o.MaxExpansions); err != nil {
			return nil, searchErr(ctx, "prefix and fuzzy terms", err)
		}
	}
	node, main, side := pq.node, pq.main, pq.side
	b := &query.Budget{Dict: dict, MaxTerms: o.MaxExpansions, MaxPostings: uint64(o.MaxExpansionPostings)}
	c := &compiled{printed: node.String()}
	main.Expand = b
	if c.textQ, err = query.ToBleve(node, main); err != nil {
		return nil, qErr(err)
	}
	if side != nil {
		side.Expand = b
		if c.quoteQ, err = query.ToBleve(node, *side); err != nil {
			return nil, qErr(err)
		}
	}
	c.expansions, c.postings = b.Terms, b.Postings
	return c, nil
}

// parsedQuery is q parsed for one mode, with the lookups of its prefix and
// fuzzy terms (nil: it has none).
type parsedQuery struct {
	node    query.Node
	m       mapping.IndexMapping
	main    query.Fields
	side    *query.Fields // the quote-side fields of an article search; nil: none
	lookups []query.Lookup
}

// lookupDictionary looks up the prefix and fuzzy terms of q in s's index
// (nil when q has none): what a node of partitioned serving answers the
// first round of such a q with.
func (e *Engine) lookupDictionary(ctx context.Context, s *served, q string, quotes, variants bool) (*query.Dictionary, error) {
	pq, err := e.parseQuery(s, q, quotes, variants, s.resolve)
	if err != nil || pq.lookups == nil {
		return nil, err
	}
	dict, err := query.LookupIndex(ctx, s.gen.Index, pq.lookups, e.opts.MaxExpansions)
	if err != nil {
		return nil, searchErr(ctx, "prefix and fuzzy terms", err)
	}
	return dict, nil
}

// parseQuery parses q with the engine's limits for the fields of a mode
// and lists the lookups of its prefix and fuzzy terms.
func (e *Engine) parseQuery(s *served, q string, quotes, variants bool, resolve func(field, v string) []string) (*parsedQuery, error) {
	node, err := query.ParseWithLimits(q, e.opts.QueryLimits())
	if err != nil {
		if se, ok := errors.AsType[*query.SyntaxError](err); ok {
			return nil, &QueryError{Pos: se.Pos, Msg: se.Msg, Err: err}
		}
		return nil, &QueryError{Pos: -1, Msg: err.Error(), Err: err}
	}
	if variants {
		node = withVariants(node)
	}
	m := s.mappingOf()
	main := fieldsOf(query.ArticleFields(), m, resolve)
	if quotes {
		main = quoteFieldsOf(s, m, resolve)
	}
	pq := &parsedQuery{node: node, m: m, main: main}
	if !query.HasExpansions(node) {
		return pq, nil
	}
	lookups, err := query.Lookups(node, main)
	if err != nil {
		return nil, qErr(err)
	}
	var side *query.Fields
	if !quotes {
		qf := quoteFieldsOf(s, m, resolve)
		more, err := query.Lookups(node, qf)
		switch _, unknown := errors.AsType[*query.FieldError](err); {
		case unknown:
			// q names an article field (title:, body:) that quotes lack:
			// it is matched on articles alone, and the speaker filter and
			// facet count the articles quoting a speaker.
		case err != nil:
			return nil, qErr(err)
		default:
			side = &qf
			lookups = append(lookups, more...)
		}
	}
	pq.side, pq.lookups = side, lookups
	if pq.lookups == nil {
		pq.lookups = []query.Lookup{}
	}
	return pq, nil
}

// fieldsOf is f searching a generation of mapping m: its text is analysed
// and its prefix and fuzzy terms folded as m's analyzers do (accents fold
// in generations built with readout_en, not in older ones), keyword values
// resolved through resolve.
func fieldsOf(f query.Fields, m mapping.IndexMapping, resolve func(field, v string) []string) query.Fields {
	f.Resolve = resolve
	f.Analyze = query.AnalyzerFrom(m)
	f.Fold = query.FoldFrom(m)
	return f
}

// quoteFieldsOf are the fields of q on quote documents of s's generation
// (fieldsOf): the article's Joined fields (person:, country: …) match
// through the quote's article (joinQuery).
func quoteFieldsOf(s *served, m mapping.IndexMapping, resolve func(field, v string) []string) query.Fields {
	f := fieldsOf(query.QuoteFields(), m, resolve)
	f.KeywordQuery = func(field string, values []string) bquery.Query {
		if !joinedField(field) {
			return nil
		}
		return joinQ(s, field, values)
	}
	return f
}

// translate translates a query without prefix or fuzzy terms: there is
// nothing to look up or count.
func translate(node query.Node, main query.Fields, quotes bool, quoteFields query.Fields) (*compiled, error) {
	c := &compiled{printed: node.String()}
	var err error
	if c.textQ, err = query.ToBleve(node, main); err != nil {
		return nil, qErr(err)
	}
	if quotes {
		return c, nil
	}
	c.quoteQ, err = query.ToBleve(node, quoteFields)
	if _, unknown := errors.AsType[*query.FieldError](err); unknown {
		// q names an article field (title:, body:): see compileQuery.
		return c, nil
	}
	if err != nil {
		return nil, qErr(err)
	}
	return c, nil
}

// qErr turns an error of ToBleve into the error of the q parameter.
func qErr(err error) error {
	var ee *query.ExpansionError
	var be *query.BudgetError
	switch {
	case errors.As(err, &ee) && errors.As(err, &be):
		return &CostError{Param: "q", Term: ee.Term, Pos: ee.Pos, Limit: int(be.Limit), Msg: ee.Error()}
	case errors.As(err, &ee):
		return fmt.Errorf("q: %w", err)
	}
	return &QueryError{Pos: -1, Msg: err.Error(), Err: err}
}
