package query

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// testMapping mirrors the shape of Readout's mapping: the English analyzer
// on title, body and text; the keyword analyzer on facet fields.
func testMapping() mapping.IndexMapping {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = en.AnalyzerName
	text.IncludeTermVectors = true
	kw := bleve.NewKeywordFieldMapping()
	kw.Analyzer = keyword.Name
	kw.DocValues = true

	doc := bleve.NewDocumentStaticMapping()
	for _, f := range []string{"title", "body", "text"} {
		doc.AddFieldMappingsAt(f, text)
	}
	for _, f := range []string{"speaker", "person", "org", "place", "country", "source", "language", "authors", "type"} {
		doc.AddFieldMappingsAt(f, kw)
	}
	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = en.AnalyzerName
	return m
}

type testDoc struct {
	Type     string   `json:"type"`
	Title    string   `json:"title,omitempty"`
	Body     string   `json:"body,omitempty"`
	Text     string   `json:"text,omitempty"`
	Speaker  []string `json:"speaker,omitempty"`
	Person   []string `json:"person,omitempty"`
	Country  []string `json:"country,omitempty"`
	Source   string   `json:"source,omitempty"`
	Language string   `json:"language,omitempty"`
}

// testDocs are invented for these tests.
var testDocs = map[string]testDoc{
	"deesc-hyphen":  {Title: "Talks on De-Escalation", Body: "Envoys pressed for de-escalation along the border.", Speaker: []string{"antony-blinken"}, Country: []string{"UA"}, Source: "reuters"},
	"deesc-space":   {Body: "Officials called for de escalation after the shelling.", Country: []string{"UA", "RU"}, Source: "ap"},
	"deesc-joined":  {Body: "The ministry urged deescalation in the region.", Source: "reuters"},
	"de-apart":      {Body: "De Beers reported profits. Separately, analysts warned of escalation in the conflict.", Source: "ap"},
	"coop-hyphen":   {Body: "Co-operation between the two navies improved.", Source: "reuters"},
	"coop-joined":   {Body: "Cooperation talks resumed in Geneva.", Source: "ap"},
	"peace-phrase":  {Title: "Peace talks in Geneva", Body: "The peace talks resumed on Monday.", Country: []string{"CH"}, Source: "reuters"},
	"peace-words":   {Body: "Talks about peace were not held and the war continued.", Source: "ap"},
	"ru-ua-slash":   {Body: "Russia/Ukraine negotiations stalled.", Country: []string{"RU", "UA"}, Source: "reuters"},
	"ru-ua-words":   {Body: "Negotiators from Russia met envoys from Ukraine.", Country: []string{"RU", "UA"}, Source: "ap"},
	"zelenskyy":     {Body: "Zelenskyy addressed parliament about the war.", Person: []string{"volodymyr-zelenskyy"}, Country: []string{"UA"}, Source: "reuters"},
	"sport":         {Body: "The football season ended, and war films topped the box office.", Source: "ap"},
	"kovac":         {Body: "Kovač met Xi's envoy in Zagreb.", Person: []string{"anna-kovac", "xi-jinping"}, Source: "hina"},
	"att":           {Body: "AT&T shares rose as the U.S. market rallied.", Source: "ap"},
	"lavrov":        {Title: "Lavrov on sanctions", Body: "Sergey Lavrov spoke about sanctions.", Speaker: []string{"sergey-lavrov"}, Country: []string{"RU"}, Source: "tass", Language: "ru"},
	"quote-blinken": {Type: "quote", Text: "We remain committed to de-escalation.", Speaker: []string{"antony-blinken"}},
	"quote-lavrov":  {Type: "quote", Text: "Aggressive rhetoric is unacceptable.", Speaker: []string{"sergey-lavrov"}},
}

func testIndex(t testing.TB) bleve.Index {
	t.Helper()
	idx, err := bleve.NewMemOnly(testMapping())
	if err != nil {
		t.Fatal(err)
	}
	return withTestDocs(t, idx)
}

// withTestDocs indexes testDocs in idx, which is closed at the end of t.
func withTestDocs(t testing.TB, idx bleve.Index) bleve.Index {
	t.Helper()
	docs := map[string]testDoc{}
	for id, d := range testDocs {
		if d.Language == "" && (d.Type == "" || d.Type == "article") {
			d.Language = "en"
		}
		docs[id] = d
	}
	return indexDocs(t, idx, docs)
}

// indexDocs indexes docs into idx (as articles unless their type says
// otherwise) in one batch, and closes idx at the end of the test.
func indexDocs(t testing.TB, idx bleve.Index, docs map[string]testDoc) bleve.Index {
	t.Helper()
	t.Cleanup(func() { idx.Close() })
	b := idx.NewBatch()
	for id, d := range docs {
		if d.Type == "" {
			d.Type = "article"
		}
		if err := b.Index(id, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	return idx
}

// testResolve maps user names to entity ids and country names to codes, the
// way searchd's resolver does.
func testResolve(field, value string) []string {
	v := strings.ToLower(value)
	switch field {
	case "speaker", "person":
		switch v {
		case "blinken", "antony blinken":
			return []string{"antony-blinken"}
		case "lavrov", "sergey lavrov":
			return []string{"sergey-lavrov"}
		case "kovač", "kovac":
			return []string{"anna-kovac"}
		case "nobody":
			return nil
		}
	case "country":
		switch v {
		case "ukraine":
			return []string{"UA"}
		case "russia":
			return []string{"RU"}
		}
	}
	return []string{value}
}

// hitIDs runs q and returns the sorted ids of all hits.
func hitIDs(t *testing.T, idx bleve.Index, in string, f Fields) []string {
	t.Helper()
	n, err := Parse(in)
	if err != nil {
		t.Fatalf("Parse(%q): %v", in, err)
	}
	q, err := ToBleve(n, f)
	if err != nil {
		t.Fatalf("ToBleve(%q): %v", in, err)
	}
	res, err := idx.Search(bleveRequest(q))
	if err != nil {
		t.Fatalf("search %q: %v", in, err)
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

func bleveRequest(q query.Query) *bleve.SearchRequest {
	return bleve.NewSearchRequestOptions(q, 100, 0, false)
}

func ids(s string) []string {
	if s == "" {
		return []string{}
	}
	out := strings.Fields(s)
	slices.Sort(out)
	return out
}

func TestToBleveHits(t *testing.T) {
	idx := testIndex(t)
	articles := ArticleFields()
	articles.Resolve = testResolve
	quotes := QuoteFields()
	quotes.Resolve = testResolve
	// Quote documents share the index; restricting to a type is the
	// search layer's business, so they appear in keyword-only results.
	allArticles := "deesc-hyphen deesc-space deesc-joined de-apart coop-hyphen coop-joined peace-phrase peace-words ru-ua-slash ru-ua-words zelenskyy sport kovac att lavrov"
	allDocs := allArticles + " quote-blinken quote-lavrov"

	tests := []struct {
		in     string
		fields Fields
		want   string // hit ids separated by spaces
	}{
		// Hyphenated words: phrase of the parts or the joined form, never
		// the parts apart.
		{in: "de-escalation", want: "deesc-hyphen deesc-space deesc-joined"},
		{in: "De-Escalation", want: "deesc-hyphen deesc-space deesc-joined"},
		{in: `"de escalation"`, want: "deesc-hyphen deesc-space"},
		{in: "deescalation", want: "deesc-joined"},
		{in: "de escalation", want: "deesc-hyphen deesc-space de-apart"},
		{in: "co-operation", want: "coop-hyphen coop-joined"},
		{in: "Russia/Ukraine", want: "ru-ua-slash"},
		{in: "Russia Ukraine", want: "ru-ua-slash ru-ua-words"},
		{in: "title:de-escalation", want: "deesc-hyphen"},
		{in: "de-escalation", fields: quotes, want: "quote-blinken"},

		// Words, phrases, stop words.
		{in: "peace talks", want: "peace-phrase peace-words"},
		{in: `"peace talks"`, want: "peace-phrase"},
		{in: "PEACE Talks", want: "peace-phrase peace-words"},
		{in: "the war", want: "peace-words zelenskyy sport"},
		{in: `"the peace talks"`, want: "peace-phrase"},
		{in: "the", want: ""},
		{in: "negotiations", want: "ru-ua-slash ru-ua-words"}, // both stem to "negoti"
		{in: "Kovač", want: "kovac"},
		{in: "Xi's", want: "kovac"},
		{in: "xi", want: "kovac"},
		{in: "AT&T", want: "att"},
		{in: "U.S.", want: "att"},
		{in: "title:peace", want: "peace-phrase"},
		{in: "body:lavrov", want: "lavrov"},
		{in: "nonexistentword", want: ""},

		// Exclusion.
		{in: "war -football", want: "peace-words zelenskyy"},
		{in: `talks -"peace talks"`, want: "coop-joined deesc-hyphen peace-words"},
		{in: "-war", want: strings.Join(slices.DeleteFunc(ids(allDocs), func(s string) bool {
			return s == "peace-words" || s == "zelenskyy" || s == "sport"
		}), " ")},
		{in: "war -(football OR parliament)", want: "peace-words"},
		{in: "war -the", want: "peace-words zelenskyy sport"},
		{in: "war -country:UA", want: "peace-words sport"},

		// OR and grouping.
		{in: "geneva OR zagreb", want: "coop-joined peace-phrase kovac"},
		{in: "talks geneva OR zagreb", want: "coop-joined peace-phrase"},
		{in: "(peace OR cooperation) talks -title:peace", want: "coop-joined peace-words"},
		{in: "the OR zagreb", want: "kovac"},

		// Keyword fields: exact, resolved.
		{in: "speaker:blinken", want: "deesc-hyphen quote-blinken"},
		{in: `speaker:"Antony Blinken"`, want: "deesc-hyphen quote-blinken"},
		{in: "speaker:antony-blinken", want: "deesc-hyphen quote-blinken"},
		{in: "speaker:(blinken OR lavrov)", want: "deesc-hyphen lavrov quote-blinken quote-lavrov"},
		{in: "speaker:blinken -de-escalation", want: "quote-blinken"}, // its text is not an article field
		{in: "speaker:blinken de-escalation", fields: quotes, want: "quote-blinken"},
		{in: "speaker:nobody", want: ""},
		{in: "speaker:nobody -war", want: ""},
		{in: "country:ukraine", want: "deesc-hyphen deesc-space ru-ua-slash ru-ua-words zelenskyy"},
		{in: "country:UA country:RU", want: "deesc-space ru-ua-slash ru-ua-words"},
		{in: "country:ua", want: ""},
		{in: "source:reuters de-escalation", want: "deesc-hyphen deesc-joined"},
		{in: "lang:ru", want: "lavrov"},
		{in: "person:kovac", want: "kovac"},
		{in: "person:xi*", want: "kovac"},
		{in: "speaker:lavrov", fields: quotes, want: "lavrov quote-lavrov"},
		{in: "speaker:lavrov rhetoric", fields: quotes, want: "quote-lavrov"},

		// Prefix: lower-cased, and stems of the prefix are tried.
		{in: "negotiat*", want: "ru-ua-slash ru-ua-words"},
		{in: "Negot*", want: "ru-ua-slash ru-ua-words"},
		{in: "zelensk*", want: "zelenskyy"},
		{in: "Kova*", want: "kovac"},
		{in: "de-esc*", want: "deesc-hyphen deesc-space deesc-joined"},
		{in: "sanction*", want: "lavrov"},

		// Fuzzy.
		{in: "Zelensky~", want: "zelenskyy"},
		{in: "Zelenski~", want: "zelenskyy"},
		{in: "Zelenskiy~2", want: "zelenskyy"},
		{in: "genevaa~", want: "coop-joined peace-phrase"},
		{in: "parlament~", want: "zelenskyy"},

		// Match all.
		{in: "", want: allDocs},
		{in: "*", want: allDocs},
	}
	for _, tt := range tests {
		f := tt.fields
		if f.Text == nil {
			f = articles
		}
		got := hitIDs(t, idx, tt.in, f)
		if want := ids(tt.want); !slices.Equal(got, want) {
			t.Errorf("%q: hits %v; want %v", tt.in, got, want)
		}
	}
}

func TestToBleveErrors(t *testing.T) {
	tests := []struct {
		in    string
		field string
	}{
		{in: "nofield:x", field: "nofield"},
		{in: `war -(a OR "b c" OR http://example.org)`, field: "http"},
		{in: "quote:war", field: "quote"}, // articles have no quote text
		{in: "date:*x", field: ""},        // a syntax error, checked below
	}
	for _, tt := range tests {
		n, err := Parse(tt.in)
		if tt.field == "" {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("Parse(%q) = %v; want a syntax error", tt.in, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		_, err = ToBleve(n, ArticleFields())
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != tt.field || !strings.Contains(err.Error(), `unknown field "`+tt.field+`"`) {
			t.Errorf("ToBleve(%q) error = %v; want unknown field %q", tt.in, err, tt.field)
		}
	}
}

// TestAnalyzerFrom checks that a mapping's analyzers can replace the
// built-in English one.
func TestAnalyzerFrom(t *testing.T) {
	a := AnalyzerFrom(testMapping())
	tests := []struct{ field, text, want string }{
		{"body", "The Negotiations", "negoti"},
		{"body", "de-escalation", "de escal"},
		{"country", "UA", "UA"},
	}
	for _, tt := range tests {
		if got := strings.Join(a(tt.field, tt.text), " "); got != tt.want {
			t.Errorf("analyze(%s, %q) = %q; want %q", tt.field, tt.text, got, tt.want)
		}
	}
}

// TestToBleveShape checks the translation on its own, without an index.
func TestToBleveShape(t *testing.T) {
	tests := []struct {
		in   string
		want string // %T of the query
	}{
		{in: "", want: "*query.MatchAllQuery"},
		{in: "*", want: "*query.MatchAllQuery"},
		{in: "the", want: "*query.MatchNoneQuery"},       // only stop words
		{in: "the OR of", want: "*query.MatchNoneQuery"}, // likewise
		{in: "-the", want: "*query.MatchNoneQuery"},
		{in: "title:the war", want: "*query.DisjunctionQuery"}, // the stop word is dropped
		{in: "title:war", want: "*query.MatchQuery"},
		{in: "title:war,peace", want: "*query.PhraseQuery"}, // two tokens
		{in: `title:"peace talks"`, want: "*query.PhraseQuery"},
		{in: "title:de-escalation", want: "*query.DisjunctionQuery"},
		{in: "war", want: "*query.DisjunctionQuery"}, // title and body
		{in: "title:war title:peace", want: "*query.ConjunctionQuery"},
		{in: "-title:war", want: "*query.BooleanQuery"},
		{in: "title:war -title:peace", want: "*query.BooleanQuery"},
		{in: "country:UA", want: "*query.TermQuery"},
		{in: "person:vlad*", want: "*query.PrefixQuery"},
		{in: "person:vlad~", want: "*query.FuzzyQuery"},
		{in: "country:UA OR title:the", want: "*query.TermQuery"},
	}
	for _, tt := range tests {
		n, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		q, err := ToBleve(n, ArticleFields())
		if err != nil {
			t.Fatalf("ToBleve(%q): %v", tt.in, err)
		}
		if got := fmt.Sprintf("%T", q); got != tt.want {
			t.Errorf("ToBleve(%q) = %s; want %s", tt.in, got, tt.want)
		}
	}

	// Boosts of Fields reach the per-field queries; Resolve may expand a
	// value to several or to none.
	f := ArticleFields()
	f.Resolve = func(field, v string) []string {
		if v == "many" {
			return []string{"a", "b"}
		}
		return nil
	}
	q, err := ToBleve(&Term{Value: "war"}, f)
	if err != nil {
		t.Fatal(err)
	}
	d := q.(*query.DisjunctionQuery)
	if b := d.Disjuncts[0].(*query.MatchQuery); b.FieldVal != "title" || b.Boost() != 2 {
		t.Errorf("title query = field %q boost %v; want title, 2", b.FieldVal, b.Boost())
	}
	if q, _ := ToBleve(&Term{Field: "speaker", Value: "many"}, f); fmt.Sprintf("%T", q) != "*query.DisjunctionQuery" {
		t.Errorf("resolved to two values: %T; want a disjunction", q)
	}
	if q, _ := ToBleve(&Term{Field: "speaker", Value: "x"}, f); fmt.Sprintf("%T", q) != "*query.MatchNoneQuery" {
		t.Errorf("resolved to nothing: %T; want match none", q)
	}
}

// TestToBleveThroughAlias runs queries through an index alias, as searchd
// does when it swaps generations: the custom PhrasePrefixQuery must work
// there too.
func TestToBleveThroughAlias(t *testing.T) {
	idx := testIndex(t)
	empty, err := bleve.NewMemOnly(testMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	alias := bleve.NewIndexAlias(idx, empty) // two indexes: Bleve's multi-search path
	for _, tt := range []struct{ in, want string }{
		{in: "de-esc*", want: "deesc-hyphen deesc-space deesc-joined"},
		{in: "de-escalation -title:talks", want: "deesc-space deesc-joined"},
	} {
		n, err := Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		q, err := ToBleve(n, ArticleFields())
		if err != nil {
			t.Fatal(err)
		}
		res, err := alias.Search(bleveRequest(q))
		if err != nil {
			t.Fatalf("alias search %q: %v", tt.in, err)
		}
		got := []string{}
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if want := ids(tt.want); !slices.Equal(got, want) {
			t.Errorf("%q via alias: %v; want %v", tt.in, got, want)
		}
	}
}

// TestPrefixReachesStemsOnly: a prefix finds the stems of the words that
// begin with it, not a shorter word that begins the same way.
func TestPrefixReachesStemsOnly(t *testing.T) {
	idx, err := bleve.NewMemOnly(testMapping())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	for id, body := range map[string]string{
		"esca":      "ESCA Corp posted higher profits.",
		"escalated": "The conflict escalated overnight.",
		"escalates": "Fighting escalates in the east.",
		"negotia":   "Negotiations resumed in Geneva.",
	} {
		if err := idx.Index(id, testDoc{Type: "article", Body: body, Language: "en"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"escalat*", "escalated escalates"},
		{"esca*", "esca escalated escalates"},
		{"negotiat*", "negotia"},
	} {
		if got := hitIDs(t, idx, tt.in, ArticleFields()); !slices.Equal(got, ids(tt.want)) {
			t.Errorf("%s: hits %v, want %v", tt.in, got, ids(tt.want))
		}
	}
}
