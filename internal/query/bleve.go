package query

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/fold"
	"github.com/readout/readout/internal/schema"
)

// Fields tells ToBleve which query field names exist and how to search them.
type Fields struct {
	// Text are the Bleve text fields searched by unfielded terms, e.g.
	// {"title", "body"} for articles or {"text"} for quotes.
	Text []string
	// Boost multiplies the score of matches in a Bleve text field
	// (e.g. "title": 2). Missing or zero means 1.
	Boost map[string]float64
	// Keyword maps a query field name to a Bleve keyword field, matched
	// exactly: "lang" -> "language", "speaker" -> "speaker".
	Keyword map[string]string
	// TextAlias maps a query field name to a Bleve text field:
	// "title" -> "title", "quote" -> "text".
	TextAlias map[string]string
	// Resolve, when set, maps a user value of a keyword field ("blinken",
	// "Antony Blinken", "ukraine") to the indexed values (entity ids, ISO
	// codes, source names). An empty result matches nothing. Prefix and
	// fuzzy values are not resolved. Nil: the value is used as typed.
	Resolve func(field, value string) []string
	// Analyze returns the terms the index produces for text in a Bleve text
	// field. ToBleve uses it to drop words the analyzer removes (stop words
	// such as "the", which would otherwise make a conjunction match
	// nothing), to choose between a match and a phrase query, and to add the
	// stemmed form of prefix and fuzzy terms. Nil: the readout_en analyzer
	// (internal/fold), which is what Readout's mapping uses for text fields.
	// See AnalyzerFrom.
	Analyze func(field, text string) []string
	// Fold folds the lower-cased value of a prefix or fuzzy term on a Bleve
	// text field as the field's analyzer folds index terms: Bleve does not
	// analyse those values, so stanković* must be searched as stankovic*
	// where the index holds stankovic. Nil: fold.String, as readout_en
	// does. See FoldFrom.
	Fold func(field, value string) string
	// KeywordQuery, when set, is the query of a keyword field's values
	// (exact, resolved, or a prefix or fuzzy term's expansion with Expand):
	// quote searches join their article's fields (schema.Field.Joined)
	// instead of matching the terms on quotes. Nil, or nil for a field: a
	// disjunction of term queries.
	KeywordQuery func(field string, values []string) bq.Query
	// Expand, when set, gives the index terms of prefix and fuzzy terms:
	// ToBleve then builds an ExpandedQuery of those terms (and the phrase
	// of a hyphenated prefix from them) instead of Bleve's prefix and fuzzy
	// queries, which expand without bound when the search starts. Its
	// errors come back as *ExpansionError naming the term. Nil: Bleve's
	// queries, expanded at search time. See Budget.
	Expand Expander
}

// ArticleFields are the fields of article searches, from the schema table
// (internal/schema): unfielded terms search title (boosted 2) and body.
func ArticleFields() Fields {
	return Fields{
		Text:      textFields(schema.Articles),
		Boost:     map[string]float64{schema.FieldTitle: 2},
		Keyword:   keywordFields(schema.Articles),
		TextAlias: textAliases(schema.Articles),
	}
}

// QuoteFields are the fields of quote searches: unfielded terms search the
// quote text; quote: and text: name it explicitly, and cue: and kind: are
// known besides the article's keyword fields.
func QuoteFields() Fields {
	return Fields{
		Text:      textFields(schema.Quotes),
		Keyword:   keywordFields(schema.Quotes),
		TextAlias: textAliases(schema.Quotes),
	}
}

// queryFields are the schema fields that q names in searches of documents
// of type d.
func queryFields(d schema.Docs, t schema.Type) []schema.Field {
	return schema.Select(func(f schema.Field) bool {
		return f.Query && f.Type == t && f.Indexed.Has(d)
	})
}

// textFields are the Bleve text fields that unfielded terms search.
func textFields(d schema.Docs) []string {
	var out []string
	for _, f := range queryFields(d, schema.Text) {
		out = append(out, f.Index)
	}
	return out
}

// textAliases maps every spelling of a text field of q to its Bleve field.
func textAliases(d schema.Docs) map[string]string {
	return spellings(queryFields(d, schema.Text))
}

// keywordFields maps every spelling of a keyword field of q to its Bleve
// field: "lang" and "language" -> "language".
func keywordFields(d schema.Docs) map[string]string {
	return spellings(queryFields(d, schema.Keyword))
}

func spellings(fields []schema.Field) map[string]string {
	m := map[string]string{}
	for _, f := range fields {
		for _, n := range f.Spellings() {
			m[n] = f.Index
		}
	}
	return m
}

// FieldError is returned by ToBleve for a field name that Fields does not
// know.
type FieldError struct {
	Field string
	Known []string // the query field names that exist, sorted
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("unknown field %q (known: %s)", e.Field, strings.Join(e.Known, ", "))
}

// AnalyzerFrom returns an Analyze function that uses the analyzers of an
// index mapping, field by field.
func AnalyzerFrom(m mapping.IndexMapping) func(field, text string) []string {
	return func(field, text string) []string {
		a := m.AnalyzerNamed(m.AnalyzerNameForPath(field))
		if a == nil {
			return strings.Fields(strings.ToLower(text))
		}
		return tokenTerms(a, text)
	}
}

// FoldFrom returns a Fold function for the text fields of an index
// mapping: fold.String on fields whose analyzer folds (readout_en), the
// value unchanged on others (generations built with Bleve's "en" hold
// stanković as written).
func FoldFrom(m mapping.IndexMapping) func(field, value string) string {
	return func(field, value string) string {
		if m.AnalyzerNameForPath(field) == fold.AnalyzerName {
			return fold.String(value)
		}
		return value
	}
}

func defaultFold(_, value string) string { return fold.String(value) }

var (
	defOnce     sync.Once
	defAnalyzer analysis.Analyzer
)

func defaultAnalyze(_, text string) []string {
	defOnce.Do(func() {
		a, err := registry.NewCache().AnalyzerNamed(fold.AnalyzerName)
		if err == nil {
			defAnalyzer = a
		}
	})
	if defAnalyzer == nil {
		return strings.Fields(fold.String(strings.ToLower(text)))
	}
	return tokenTerms(defAnalyzer, text)
}

func tokenTerms(a analysis.Analyzer, text string) []string {
	toks := a.Analyze([]byte(text))
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = string(t.Term)
	}
	return out
}

// kind is what ToBleve knows statically about a translated node.
type kind int

const (
	kQuery   kind = iota // an ordinary query
	kAll                 // matches everything
	kNone                // matches nothing
	kIgnored             // nothing searchable (stop words, punctuation): neutral
)

// ToBleve translates a parsed query into a Bleve query for the given fields.
// A query with nothing searchable left (only stop words) matches nothing; a
// MatchAll tree matches everything. Unknown fields give a *FieldError.
func ToBleve(n Node, f Fields) (bq.Query, error) {
	if n == nil {
		return bq.NewMatchAllQuery(), nil
	}
	t := translator{f: f, analyze: f.Analyze, fold: f.Fold}
	if t.analyze == nil {
		t.analyze = defaultAnalyze
	}
	if t.fold == nil {
		t.fold = defaultFold
	}
	q, k, err := t.node(n)
	if err != nil {
		return nil, err
	}
	switch k {
	case kAll:
		return bq.NewMatchAllQuery(), nil
	case kNone, kIgnored:
		return bq.NewMatchNoneQuery(), nil
	}
	return q, nil
}

type translator struct {
	f       Fields
	analyze func(field, text string) []string
	fold    func(field, value string) string
}

func (t *translator) node(n Node) (bq.Query, kind, error) {
	switch n := n.(type) {
	case MatchAll, *MatchAll:
		return nil, kAll, nil
	case *And:
		return t.and(n.Children)
	case *Or:
		return t.or(n.Children)
	case *Not:
		q, k, err := t.node(n.Child)
		if err != nil {
			return nil, 0, err
		}
		switch k {
		case kAll:
			return nil, kNone, nil
		case kNone:
			return nil, kAll, nil
		case kIgnored:
			return nil, kIgnored, nil
		}
		return bq.NewBooleanQuery([]bq.Query{bq.NewMatchAllQuery()}, nil, []bq.Query{q}), kQuery, nil
	case *Term:
		return t.leaf(n.Field, n.Value, func(bf string) bq.Query { return t.text(bf, n.Value) })
	case *Hyphenated:
		return t.leaf(n.Field, n.Value, func(bf string) bq.Query {
			return t.hyphenated(bf, n.Parts)
		})
	case *Phrase:
		v := strings.Join(n.Words, " ")
		return t.leaf(n.Field, v, func(bf string) bq.Query {
			if len(t.analyze(bf, v)) == 0 {
				return nil
			}
			return matchPhrase(bf, v)
		})
	case *Prefix:
		return t.fuzzyOrPrefix(n.Field, n.Value, 0, n.String(), n.Pos)
	case *Fuzzy:
		return t.fuzzyOrPrefix(n.Field, n.Value, n.Distance, n.String(), n.Pos)
	case nil:
		return nil, kAll, nil
	}
	return nil, 0, fmt.Errorf("query node %T: not supported", n)
}

func (t *translator) and(children []Node) (bq.Query, kind, error) {
	var must, mustNot []bq.Query
	sawAll, sawNone := false, false
	for _, c := range children {
		neg := false
		if x, ok := c.(*Not); ok {
			neg, c = true, x.Child
		}
		q, k, err := t.node(c)
		if err != nil {
			return nil, 0, err
		}
		if neg { // exclusion: all -> none, none -> all
			switch k {
			case kAll:
				k = kNone
			case kNone:
				k = kAll
			}
		}
		switch k {
		case kNone:
			sawNone = true
		case kAll:
			sawAll = true
		case kQuery:
			if neg {
				mustNot = append(mustNot, q)
			} else {
				must = append(must, q)
			}
		}
	}
	switch {
	case sawNone:
		return nil, kNone, nil
	case len(must) == 0 && len(mustNot) == 0 && sawAll:
		return nil, kAll, nil
	case len(must) == 0 && len(mustNot) == 0:
		return nil, kIgnored, nil
	case len(mustNot) == 0 && len(must) == 1:
		return must[0], kQuery, nil
	case len(mustNot) == 0:
		return bq.NewConjunctionQuery(must), kQuery, nil
	}
	var m bq.Query = bq.NewMatchAllQuery()
	if len(must) == 1 {
		m = must[0]
	} else if len(must) > 1 {
		m = bq.NewConjunctionQuery(must)
	}
	var mn bq.Query = mustNot[0]
	if len(mustNot) > 1 {
		mn = bq.NewDisjunctionQuery(mustNot)
	}
	return bq.NewBooleanQuery([]bq.Query{m}, nil, []bq.Query{mn}), kQuery, nil
}

func (t *translator) or(children []Node) (bq.Query, kind, error) {
	var should []bq.Query
	sawAll, sawNone := false, false
	for _, c := range children {
		q, k, err := t.node(c)
		if err != nil {
			return nil, 0, err
		}
		switch k {
		case kAll:
			sawAll = true
		case kNone:
			sawNone = true
		case kQuery:
			should = append(should, q)
		}
	}
	switch {
	case sawAll:
		return nil, kAll, nil
	case len(should) == 0 && sawNone:
		return nil, kNone, nil
	case len(should) == 0:
		return nil, kIgnored, nil
	}
	return disjunction(should), kQuery, nil
}

func disjunction(qs []bq.Query) bq.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bq.NewDisjunctionQuery(qs)
}

// leaf resolves the field of a leaf: keyword fields match value exactly
// (after Resolve); text fields (the default set or an alias) use perField.
func (t *translator) leaf(field, value string, perField func(bf string) bq.Query) (bq.Query, kind, error) {
	if bf, ok := t.f.Keyword[field]; ok && field != "" {
		vals := []string{value}
		if t.f.Resolve != nil {
			vals = t.f.Resolve(field, value)
		}
		if len(vals) == 0 {
			return nil, kNone, nil
		}
		if t.f.KeywordQuery != nil {
			if q := t.f.KeywordQuery(bf, vals); q != nil {
				return q, kQuery, nil
			}
		}
		qs := make([]bq.Query, len(vals))
		for i, v := range vals {
			tq := bq.NewTermQuery(v)
			tq.SetField(bf)
			qs[i] = tq
		}
		return disjunction(qs), kQuery, nil
	}
	targets, err := t.textTargets(field)
	if err != nil {
		return nil, 0, err
	}
	var qs []bq.Query
	for _, bf := range targets {
		q := perField(bf)
		if q == nil {
			continue
		}
		if b := t.f.Boost[bf]; b != 0 && b != 1 {
			if bb, ok := q.(bq.BoostableQuery); ok {
				bb.SetBoost(b)
			}
		}
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		return nil, kIgnored, nil
	}
	return disjunction(qs), kQuery, nil
}

func (t *translator) textTargets(field string) ([]string, error) {
	if field == "" {
		return t.f.Text, nil
	}
	if bf, ok := t.f.TextAlias[field]; ok {
		return []string{bf}, nil
	}
	known := make([]string, 0, len(t.f.Keyword)+len(t.f.TextAlias))
	for k := range t.f.Keyword {
		known = append(known, k)
	}
	for k := range t.f.TextAlias {
		known = append(known, k)
	}
	sort.Strings(known)
	return nil, &FieldError{Field: field, Known: known}
}

// text is an analysed word on one field: nil when the analyzer drops it, a
// match query for one token, a phrase for several ("AT&T" -> "at t").
func (t *translator) text(bf, v string) bq.Query {
	switch len(t.analyze(bf, v)) {
	case 0:
		return nil
	case 1:
		q := bq.NewMatchQuery(v)
		q.SetField(bf)
		return q
	}
	return matchPhrase(bf, v)
}

func matchPhrase(bf, v string) bq.Query {
	return NewPhraseQuery(v, bf)
}

// hyphenated matches the phrase of the parts or their joined form:
// de-escalation -> "de escalation" OR deescalation.
func (t *translator) hyphenated(bf string, parts []string) bq.Query {
	var qs []bq.Query
	phrase := strings.Join(parts, " ")
	if len(t.analyze(bf, phrase)) > 0 {
		qs = append(qs, matchPhrase(bf, phrase))
	}
	if q := t.text(bf, strings.Join(parts, "")); q != nil {
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		return nil
	}
	return disjunction(qs)
}
