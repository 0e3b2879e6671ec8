package query

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/readout/readout/internal/fold"
)

// foldDocs are invented people in real places, written with and without
// their accents.
var foldDocs = map[string]testDoc{
	"nikola":   {Title: "Nikola Stanković in Türkiye", Body: "Nikola Stanković met officials in Ankara."},
	"ascii":    {Body: "Analysts quoted NIKOLA STANKOVIC on the talks."},
	"ana":      {Body: "Ana Kovač and Ørsted executives toured São Paulo."},
	"strasse":  {Body: "The office on Königsallee Straße opened."},
	"turkiye":  {Body: "Turkiye and Sao Paulo, written plainly, with Orsted and Strasse."},
	"moscow":   {Body: "Москва и Йошкар-Ола."},
	"negotiat": {Body: "Négociations résumées: the negotiations resumed."},
	"q-kovac":  {Type: "quote", Text: "Kovač said the talks in Türkiye would continue."},
}

// mappingWith is testMapping with analyzer a on the text fields.
func mappingWith(a string) mapping.IndexMapping {
	m := testMapping().(*mapping.IndexMappingImpl)
	for _, f := range []string{"title", "body", "text"} {
		m.DefaultMapping.Properties[f].Fields[0].Analyzer = a
	}
	m.DefaultAnalyzer = a
	return m
}

func foldIndex(t *testing.T, m mapping.IndexMapping) bleve.Index {
	t.Helper()
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	return indexDocs(t, idx, foldDocs)
}

func fieldsFor(f Fields, m mapping.IndexMapping) Fields {
	f.Analyze = AnalyzerFrom(m)
	f.Fold = FoldFrom(m)
	return f
}

// TestFoldHits checks that on a readout_en index every spelling of a word
// finds the same documents, as a word, a phrase, a prefix and a fuzzy term;
// and that an index built with en still finds what it found before.
func TestFoldHits(t *testing.T) {
	fm := mappingWith(fold.AnalyzerName)
	folded := foldIndex(t, fm)
	em := mappingWith(en.AnalyzerName)
	plain := foldIndex(t, em)

	tests := []struct {
		in           string
		quotes       bool
		want, wantEn string // hit ids separated by spaces
	}{
		{in: "Stankovic", want: "nikola ascii", wantEn: "ascii"},
		{in: "stankovic", want: "nikola ascii", wantEn: "ascii"},
		{in: "Stanković", want: "nikola ascii", wantEn: "nikola"},
		{in: "STANKOVIĆ", want: "nikola ascii", wantEn: "nikola"},
		{in: `"nikola stankovic"`, want: "nikola ascii", wantEn: "ascii"},
		{in: `"Nikola Stanković"`, want: "nikola ascii", wantEn: "nikola"},
		{in: "title:stankovic", want: "nikola", wantEn: ""},
		{in: "stanko*", want: "nikola ascii", wantEn: "nikola ascii"},
		{in: "Stankovi*", want: "nikola ascii", wantEn: "nikola ascii"},
		{in: "Stankovi\u0107*", want: "nikola ascii", wantEn: "nikola ascii"}, // en: the stem stankov
		{in: "stankowic~1", want: "nikola ascii", wantEn: "ascii"},
		{in: "stankovič~1", want: "nikola ascii", wantEn: "nikola"},
		{in: "Kovac", want: "ana", wantEn: ""},
		{in: "kovač", want: "ana", wantEn: "ana"},
		{in: "kova*", want: "ana", wantEn: "ana"},
		{in: "Turkiye", want: "nikola turkiye", wantEn: "turkiye"},
		{in: "Türkiye", want: "nikola turkiye", wantEn: "nikola"},
		{in: "türk*", want: "nikola turkiye", wantEn: "nikola"},
		{in: `"Sao Paulo"`, want: "ana turkiye", wantEn: "turkiye"},
		{in: `"São Paulo"`, want: "ana turkiye", wantEn: "ana"},
		{in: "Ørsted", want: "ana turkiye", wantEn: "ana"},
		{in: "orsted", want: "ana turkiye", wantEn: "turkiye"},
		{in: "ørst*", want: "ana turkiye", wantEn: "ana"},
		{in: "Straße", want: "strasse turkiye", wantEn: "strasse"},
		{in: "strasse", want: "strasse turkiye", wantEn: "turkiye"},
		{in: "strass*", want: "strasse turkiye", wantEn: "turkiye"},
		{in: "negotiations", want: "negotiat", wantEn: "negotiat"},
		{in: "negociations", want: "negotiat", wantEn: ""},
		{in: "negociat*", want: "negotiat", wantEn: ""},
		// other scripts are not folded: Йошкар is not Иошкар
		{in: "йошкар", want: "moscow", wantEn: "moscow"},
		{in: "иошкар", want: "", wantEn: ""},
		{in: "москва", want: "moscow", wantEn: "moscow"},
		// quote text
		{in: "kovac turkiye", quotes: true, want: "q-kovac", wantEn: ""},
		{in: `"talks in turkiye"`, quotes: true, want: "q-kovac", wantEn: ""},
		{in: "kova* türk*", quotes: true, want: "q-kovac", wantEn: "q-kovac"},
	}
	for _, tc := range tests {
		f := ArticleFields()
		if tc.quotes {
			f = QuoteFields()
		}
		if got := hitIDs(t, folded, tc.in, fieldsFor(f, fm)); strings.Join(got, " ") != strings.Join(ids(tc.want), " ") {
			t.Errorf("readout_en %s: %v, want %v", tc.in, got, ids(tc.want))
		}
		if got := hitIDs(t, plain, tc.in, fieldsFor(f, em)); strings.Join(got, " ") != strings.Join(ids(tc.wantEn), " ") {
			t.Errorf("en %s: %v, want %v", tc.in, got, ids(tc.wantEn))
		}
	}
}

// TestFoldShape checks what prefix and fuzzy terms search: folded and
// lower-cased with the default Fields (readout_en), lower-cased only on a
// field whose analyzer does not fold.
func TestFoldShape(t *testing.T) {
	tests := []struct {
		in       string
		m        mapping.IndexMapping
		contains []string
	}{
		{in: "Stanković*", contains: []string{`"prefix":"stankovic"`}},
		{in: "Stanković~", contains: []string{`"term":"stankovic"`, `"fuzziness":1`}},
		{in: "São-Pau*", contains: []string{`"head":["sao"]`, `"prefixes":["pau"]`}},
		{in: "Straße*", contains: []string{`"prefix":"strasse"`}},
		{in: "Stanković*", m: mappingWith(en.AnalyzerName), contains: []string{`"prefix":"stanković"`}},
		{in: "speaker:Kovač*", contains: []string{`"prefix":"Kovač"`}},
	}
	for _, tc := range tests {
		n, err := Parse(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		f := ArticleFields()
		if tc.m != nil {
			f = fieldsFor(f, tc.m)
		}
		q, err := ToBleve(n, f)
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		b, err := json.Marshal(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range tc.contains {
			if !strings.Contains(string(b), c) {
				t.Errorf("%s: %s lacks %s", tc.in, b, c)
			}
		}
		// The query prints as typed.
		if got := n.String(); got != tc.in {
			t.Errorf("%s prints as %s", tc.in, got)
		}
	}
}
