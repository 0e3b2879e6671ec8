package index

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/readout/readout/internal/ingest"
)

func TestParseQuoteDocID(t *testing.T) {
	tests := []struct {
		id      string
		article string
		n       int
		ok      bool
	}{
		{"a1#q1", "a1", 1, true},
		{"a1#q12", "a1", 12, true},
		{"articles/x.html#q3", "articles/x.html", 3, true},
		{"odd#qid#q2", "odd#qid", 2, true}, // the last separator is the quote's
		{"#q1", "", 1, true},
		{"a1", "", 0, false},
		{"a1#q", "", 0, false},
		{"a1#q0", "", 0, false},
		{"a1#q01", "", 0, false}, // QuoteDocID never writes a leading zero
		{"a1#q-1", "", 0, false},
		{"a1#q+1", "", 0, false},
		{"a1#qx", "", 0, false},
		{"a1#q1x", "", 0, false},
		{"a1#q99999999999999999999", "", 0, false},
	}
	for _, tt := range tests {
		a, n, ok := ParseQuoteDocID(tt.id)
		if a != tt.article || n != tt.n || ok != tt.ok {
			t.Errorf("ParseQuoteDocID(%q) = %q, %d, %v; want %q, %d, %v", tt.id, a, n, ok, tt.article, tt.n, tt.ok)
		}
	}
}

func FuzzParseQuoteDocID(f *testing.F) {
	f.Add("a1", 1)
	f.Add("x#q2", 30)
	f.Fuzz(func(t *testing.T, article string, n int) {
		if n < 1 {
			return
		}
		id := QuoteDocID(article, n)
		a, m, ok := ParseQuoteDocID(id)
		if !ok || a != article || m != n {
			t.Fatalf("ParseQuoteDocID(QuoteDocID(%q, %d)) = %q, %d, %v", article, n, a, m, ok)
		}
	})
}

// TestQuoteDocumentsStoreNothing builds a generation and reads the stored
// fields of an article and of its quote: a quote document stores nothing,
// and its article's annotations hold the quote a hit shows
// (internal/search, quoteHits).
func TestQuoteDocumentsStoreNothing(t *testing.T) {
	dir := t.TempDir()
	corpus := writeCorpus(t, dir, "a.jsonl",
		art("a1", "Talks resume", `"We will keep talking," Foreign Minister Anna Kovač said in Geneva.`, "2022-02-15"))
	s, err := OpenStore(filepath.Join(dir, "idx"))
	if err != nil {
		t.Fatal(err)
	}
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}})
	g := openCurrent(t, s)
	storedOf := func(id string) (names []string, vals map[string]string) {
		d, err := g.Index.Document(id)
		if err != nil || d == nil {
			t.Fatalf("document %s: %v, %v", id, d, err)
		}
		vals = map[string]string{}
		d.VisitFields(func(f bindex.Field) {
			names = append(names, f.Name())
			vals[f.Name()] = string(f.Value())
		})
		slices.Sort(names)
		return names, vals
	}
	if names, _ := storedOf(QuoteDocID("a1", 1)); len(names) != 0 {
		t.Errorf("quote document stores %v, want nothing", names)
	}
	names, vals := storedOf("a1")
	want := []string{FieldContent, FieldLanguage, FieldLead, FieldPublished, FieldSource, FieldTitle}
	if !slices.Equal(names, want) {
		t.Errorf("article document stores %v, want %v", names, want)
	}
	body, ann, err := StoredBody([]byte(vals[FieldLead]), []byte(vals[FieldContent]), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := `"We will keep talking," Foreign Minister Anna Kovač said in Geneva.`; body != want {
		t.Errorf("stored body %q, want %q", body, want)
	}
	a, err := StoredAnnotations(ann, vals[FieldTitle], body)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) != 1 || a.Quotes[0].Text != "We will keep talking" || a.Quotes[0].SpeakerID == "" {
		t.Errorf("stored annotations' quotes = %+v", a.Quotes)
	}
}

// TestScareQuotesAreNotDocuments: a one- or two-word quotation stays in its
// article's annotations but gets no quote document and does not make its
// speaker an article speaker; the quotes around it keep their numbers. A
// later version of the article (here from a second input) removes every
// quote document of the first, the numbers after a scare quote included.
func TestScareQuotesAreNotDocuments(t *testing.T) {
	dir := t.TempDir()
	body := `Foreign Minister Anna Kovač arrived in Geneva. "We will keep talking," Kovač said. She called the vote "rigged," Kovač said. "The talks go on tomorrow," Kovač added.`
	first := writeCorpus(t, dir, "a.jsonl", art("a1", "Talks resume", body, "2022-02-15"),
		art("a2", "Vote", `Tomas Berg called the vote "rigged," Berg said.`, "2022-02-16"))
	s, err := OpenStore(filepath.Join(dir, "idx"))
	if err != nil {
		t.Fatal(err)
	}
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(first)}})
	g := openCurrent(t, s)
	has := func(id string) bool {
		d, err := g.Index.Document(id)
		if err != nil {
			t.Fatalf("document %s: %v", id, err)
		}
		return d != nil
	}
	for id, want := range map[string]bool{
		QuoteDocID("a1", 1): true, QuoteDocID("a1", 2): false, QuoteDocID("a1", 3): true, QuoteDocID("a2", 1): false,
	} {
		if got := has(id); got != want {
			t.Errorf("quote document %s exists: %v, want %v", id, got, want)
		}
	}
	if n := g.Meta.Quotes; n != 2 {
		t.Errorf("generation counts %d quote documents, want 2", n)
	}
	for sp, want := range map[string]uint64{"tomas-berg": 0, "anna-kovac": 3} { // a1 and its two quotes
		q := bleve.NewTermQuery(sp)
		q.SetField(FieldSpeaker)
		res, err := g.Index.Search(bleve.NewSearchRequestOptions(q, 0, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != want {
			t.Errorf("speaker %s: %d documents, want %d", sp, res.Total, want)
		}
	}

	// The same article again, after the first, without its quotes: none of
	// its quote documents may survive.
	second := writeCorpus(t, dir, "b.jsonl", art("a1", "Talks resume", "Foreign Minister Anna Kovač arrived in Geneva.", "2022-02-15"))
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(first), ingest.OSInput(second)}})
	g = openCurrent(t, s)
	for n := 1; n <= 3; n++ {
		if has(QuoteDocID("a1", n)) {
			t.Errorf("quote document %s of the replaced article survives", QuoteDocID("a1", n))
		}
	}
}

// TestJoinedQuotes: quote documents leave out their article's Joined
// fields (the article keeps them) and the meta says so; with
// BuildOptions.RepeatJoined, they repeat them as generations built before
// did.
func TestJoinedQuotes(t *testing.T) {
	dir := t.TempDir()
	corpus := writeCorpus(t, dir, "a.jsonl",
		art("a1", "Talks resume", `"We will keep talking," Foreign Minister Anna Kovač said in Geneva, Switzerland.`, "2022-02-15"))
	valuesOn := func(join bool, docType string) map[string]int {
		s, err := OpenStore(filepath.Join(dir, fmt.Sprintf("idx-%v", join)))
		if err != nil {
			t.Fatal(err)
		}
		build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, RepeatJoined: !join})
		g := openCurrent(t, s)
		if g.Meta.JoinedQuotes != join {
			t.Errorf("join %v: Meta.JoinedQuotes = %v", join, g.Meta.JoinedQuotes)
		}
		q := bleve.NewTermQuery(docType)
		q.SetField(FieldType)
		req := bleve.NewSearchRequestOptions(q, 0, 0, false)
		for _, f := range append(slices.Clone(joinedFields), FieldSource) {
			req.AddFacet(f, bleve.NewFacetRequest(f, 10))
		}
		res, err := g.Index.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for f, fr := range res.Facets {
			out[f] = fr.Total
		}
		return out
	}
	for _, join := range []bool{false, true} {
		arts, quotes := valuesOn(join, TypeArticle), valuesOn(join, TypeQuote)
		for _, f := range []string{FieldPerson, FieldCountry, FieldSource} {
			if arts[f] == 0 {
				t.Errorf("join %v: the article has no %s", join, f)
			}
			want := arts[f]
			if join && f != FieldSource {
				want = 0
			}
			if quotes[f] != want {
				t.Errorf("join %v: the quote has %d values of %s, want %d", join, quotes[f], f, want)
			}
		}
	}
}
