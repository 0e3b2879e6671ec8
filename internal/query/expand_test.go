package query

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// scorchIndex is testDocs in an on-disk (scorch) index: its fuzzy
// dictionaries are automata that omit document frequencies, unlike the
// in-memory index's.
func scorchIndex(t testing.TB) bleve.Index {
	t.Helper()
	idx, err := bleve.New(filepath.Join(t.TempDir(), "idx"), testMapping())
	if err != nil {
		t.Fatal(err)
	}
	return withTestDocs(t, idx)
}

// expanded translates in with f, its prefix and fuzzy terms looked up in
// idx under a budget of maxTerms.
func expanded(t *testing.T, idx bleve.Index, in string, f Fields, maxTerms int) (query.Query, *Budget, error) {
	t.Helper()
	n, err := Parse(in)
	if err != nil {
		t.Fatalf("Parse(%q): %v", in, err)
	}
	ls, err := Lookups(n, f)
	if err != nil {
		t.Fatalf("Lookups(%q): %v", in, err)
	}
	d, err := LookupIndex(context.Background(), idx, ls, maxTerms)
	if err != nil {
		t.Fatalf("LookupIndex(%q): %v", in, err)
	}
	b := &Budget{Dict: d, MaxTerms: maxTerms}
	f.Expand = b
	q, err := ToBleve(n, f)
	return q, b, err
}

type scored struct {
	id    string
	score float64
}

func searchScored(t *testing.T, idx bleve.Index, q query.Query) []scored {
	t.Helper()
	req := bleveRequest(q)
	req.SortBy([]string{"-_score", "_id"})
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	out := []scored{}
	for _, h := range res.Hits {
		out = append(out, scored{h.ID, h.Score})
	}
	return out
}

// TestExpandedMatchesBleve checks that a query whose prefix and fuzzy terms
// were expanded beforehand finds the same documents with the same scores
// as Bleve's own prefix and fuzzy queries, on an in-memory index, an
// on-disk one, and an alias of two indexes (where each side expands
// against its own terms).
func TestExpandedMatchesBleve(t *testing.T) {
	mem := testIndex(t)
	other, err := bleve.NewMemOnly(testMapping())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	if err := other.Index("extra", testDoc{Type: "article", Body: "Negotiable terms; Zelenskiy and the genevan envoys; de-escalating.", Person: []string{"xi-jinping", "vladimir-putin"}}); err != nil {
		t.Fatal(err)
	}
	indexes := map[string]bleve.Index{
		"memory": mem,
		"scorch": scorchIndex(t),
		"alias":  bleve.NewIndexAlias(mem, other),
	}
	quotes := QuoteFields()
	for name, idx := range indexes {
		for _, tt := range []struct {
			in string
			f  Fields
		}{
			{in: "negotiat*"}, {in: "Negot*"}, {in: "zelensk*"}, {in: "Kova*"}, {in: "sanction*"},
			{in: "de-esc*"}, {in: "de-es*"}, {in: "co-op*"},
			{in: "Zelensky~"}, {in: "Zelenski~"}, {in: "Zelenskiy~2"}, {in: "genevaa~"}, {in: "parlament~"},
			{in: "person:xi*"}, {in: "person:vl*"}, {in: "person:anna-kovax~"},
			{in: "title:peac* OR title:talk~"}, {in: "war -negot*"}, {in: "(envoy* OR geneva~) talks"},
			{in: "de-esc*", f: quotes}, {in: "rhetori~", f: quotes}, {in: "nothinglikethis* OR xyzzyq~"},
		} {
			f := tt.f
			if f.Text == nil {
				f = ArticleFields()
			}
			n, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			plain, err := ToBleve(n, f)
			if err != nil {
				t.Fatal(err)
			}
			exp, _, err := expanded(t, idx, tt.in, f, 1000)
			if err != nil {
				t.Fatalf("%s %q: %v", name, tt.in, err)
			}
			want, got := searchScored(t, idx, plain), searchScored(t, idx, exp)
			if !slices.Equal(got, want) {
				t.Errorf("%s %q:\nexpanded %v\nbleve    %v", name, tt.in, got, want)
			}
		}
	}
}

// TestExpandedHighlights checks that matches of expanded terms are marked.
func TestExpandedHighlights(t *testing.T) {
	idx := testIndex(t)
	q, _, err := expanded(t, idx, "negotiat* OR zelenskiy~2", ArticleFields(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	req := bleveRequest(q)
	req.Highlight = bleve.NewHighlight()
	req.Highlight.AddField("body")
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	marked := map[string]string{}
	for _, h := range res.Hits {
		marked[h.ID] = strings.Join(h.Fragments["body"], " ")
	}
	for id, want := range map[string]string{
		"ru-ua-slash": "<mark>negotiations</mark>",
		"ru-ua-words": "<mark>Negotiators</mark>",
		"zelenskyy":   "<mark>Zelenskyy</mark>",
	} {
		if !strings.Contains(marked[id], want) {
			t.Errorf("%s: fragment %q lacks %q", id, marked[id], want)
		}
	}
}

// TestLookupIndex checks what lookups expand to, with document
// frequencies, on both kinds of index and through an alias of two (their
// frequencies summed); a repeated lookup is looked up once.
func TestLookupIndex(t *testing.T) {
	mem := testIndex(t)
	tests := []struct {
		l    Lookup
		want string // term:docfreq of each expansion, in term order
	}{
		{Lookup{Field: "body", Value: "e"}, "end:1 envoi:3 escal:3"},
		{Lookup{Field: "body", Value: "negoti"}, "negoti:2"},
		{Lookup{Field: "body", Value: "zelenskyy", Distance: 1}, "zelenskyi:1"},
		{Lookup{Field: "body", Value: "genva", Distance: 2}, "geneva:1"},
		{Lookup{Field: "person", Value: "xi"}, "xi-jinping:1"},
		{Lookup{Field: "person", Value: "anna-kovax", Distance: 1}, "anna-kovac:1"},
		{Lookup{Field: "body", Value: "qqq"}, ""},
		{Lookup{Field: "nofield", Value: "qqq", Distance: 1}, ""},
	}
	var ls []Lookup
	for _, tt := range tests {
		ls = append(ls, tt.l, tt.l)
	}
	for name, idx := range map[string]bleve.Index{
		"memory": mem,
		"scorch": scorchIndex(t),
		"alias":  bleve.NewIndexAlias(mem, scorchIndex(t)),
	} {
		d, err := LookupIndex(context.Background(), idx, ls, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			var got []string
			for _, x := range d.results[tt.l].terms {
				df := x.DocFreq
				if name == "alias" {
					df /= 2 // two copies of every document
				}
				got = append(got, x.Term+":"+thousands(df))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("%s %s: %q; want %q", name, lookupString(tt.l), g, tt.want)
			}
		}
	}
}

// TestBudget checks the limits of a Budget and the messages that name the
// term at fault with its position. Words of the bodies starting with e:
// end, envoys, escalation; with t: t (AT&T), talks, topped, two.
func TestBudget(t *testing.T) {
	idx := testIndex(t)
	tests := []struct {
		in          string
		maxTerms    int
		maxPostings uint64
		want        string // error message; "" for none
		pos         int
	}{
		{in: "e* t*", maxTerms: 7},
		{in: "e* t* e*", maxTerms: 10},
		{in: "e*", maxTerms: 2, want: "'e*' expands to 3 terms in body; the limit per request is 2"},
		{in: "war t*", maxTerms: 3, want: "'t*' expands to 4 terms in body; the limit per request is 3", pos: 4},
		{in: "e* t*", maxTerms: 6, want: "'t*' expands to 4 terms in body, 7 for the request so far; the limit per request is 6", pos: 3},
		// A repeated term counts each time.
		{in: "e* OR (war e*)", maxTerms: 5, want: "'e*' expands to 3 terms in body, 6 for the request so far; the limit per request is 5", pos: 11},
		// Lookups after the limit was passed are not read.
		{in: "e* t*", maxTerms: 2, want: "'e*' expands to 3 terms in body; the limit per request is 2"},
		{in: "e*", maxPostings: 6, want: "'e*' expands to terms with 7 postings in body (documents to read); the limit per request is 6 postings"},
		{in: "t* e*", maxPostings: 10, want: "'e*' expands to terms with 7 postings in body (documents to read), 13 for the request so far; the limit per request is 10 postings", pos: 3},
		{in: "genva~2 e*", maxPostings: 8},
	}
	for _, tt := range tests {
		n, err := ParseWithLimits(tt.in, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		f := Fields{Text: []string{"body"}}
		ls, err := Lookups(n, f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := LookupIndex(context.Background(), idx, ls, tt.maxTerms)
		if err != nil {
			t.Fatal(err)
		}
		b := &Budget{Dict: d, MaxTerms: tt.maxTerms, MaxPostings: tt.maxPostings}
		f.Expand = b
		_, err = ToBleve(n, f)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tt.in, err)
			}
			if b.Terms == 0 || b.Postings == 0 {
				t.Errorf("%q: budget counted %d terms, %d postings", tt.in, b.Terms, b.Postings)
			}
			continue
		}
		var ee *ExpansionError
		var be *BudgetError
		if !errors.As(err, &ee) || !errors.As(err, &be) {
			t.Errorf("%q: error %v; want an *ExpansionError of a *BudgetError", tt.in, err)
			continue
		}
		if err.Error() != tt.want || ee.Pos != tt.pos {
			t.Errorf("%q: error %q at %d; want %q at %d", tt.in, err, ee.Pos, tt.want, tt.pos)
		}
	}
}

// TestBudgetCutShort checks a lookup that alone passes the limit: it
// counts on for the message but keeps no more terms than the limit + 1,
// and the lookups after it are not read.
func TestBudgetCutShort(t *testing.T) {
	idx := testIndex(t)
	e, tl := Lookup{Field: "body", Value: "e"}, Lookup{Field: "body", Value: "t"}
	d, err := LookupIndex(context.Background(), idx, []Lookup{e, tl}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r := d.results[e]; !r.cut || len(r.terms) != 2 || r.count != 3 {
		t.Errorf("e*: cut %v, kept %d, counted %d; want cut, 2 kept, 3 counted", r.cut, len(r.terms), r.count)
	}
	if r := d.results[tl]; !r.cut || len(r.terms) != 0 {
		t.Errorf("t* after the limit: cut %v, %d terms; want cut, none read", r.cut, len(r.terms))
	}
	if _, err := (&Budget{Dict: d, MaxTerms: 1}).Expand(e, 0); err == nil || err.Error() != "prefix or fuzzy term expands to 3 terms in body; the limit per request is 1" {
		t.Errorf("cut lookup: %v", err)
	}
	// The phrase of a hyphenated prefix asks for its first terms only.
	if xs, err := (&Budget{Dict: d, MaxTerms: 1}).Expand(e, 1); err != nil || len(xs) != 1 || xs[0].Term != "end" {
		t.Errorf("first term of a cut lookup: %v, %v", xs, err)
	}
	if _, err := (&Budget{Dict: d, MaxTerms: 1}).Expand(tl, 0); err == nil ||
		!strings.Contains(err.Error(), "and the prefix and fuzzy terms before it expand to more than 1 term") {
		t.Errorf("skipped lookup: %v", err)
	}
	if _, err := (&Budget{Dict: d}).Expand(Lookup{Field: "title", Value: "t"}, 0); err == nil {
		t.Error("a lookup not looked up expanded")
	}
}

func TestHasExpansions(t *testing.T) {
	for in, want := range map[string]bool{
		"": false, "war": false, `"peace talks" -de-escalation`: false, "speaker:(a OR b)": false,
		"negotiat*": true, "war -(a OR Zelensky~)": true, "title:(peace talk*)": true, "person:xi*": true,
	} {
		n, err := Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := HasExpansions(n); got != want {
			t.Errorf("HasExpansions(%q) = %v", in, got)
		}
	}
}

// TestMergeResults: the dictionaries of two halves of an index, merged
// from their Results (read back from JSON, as they travel between nodes),
// are the dictionary of both halves looked up at once, cut short lookups
// included.
func TestMergeResults(t *testing.T) {
	ids := slices.Sorted(maps.Keys(testDocs))
	halves := [2]map[string]testDoc{{}, {}}
	for i, id := range ids {
		halves[i%2][id] = testDocs[id]
	}
	var idx [2]bleve.Index
	for i, docs := range halves {
		mem, err := bleve.NewMemOnly(testMapping())
		if err != nil {
			t.Fatal(err)
		}
		idx[i] = indexDocs(t, mem, docs)
	}
	ls := []Lookup{{Field: "body", Value: "e"}, {Field: "body", Value: "t"}, {Field: "body", Value: "war", Distance: 1},
		{Field: "body", Value: "genva", Distance: 2}, {Field: "body", Value: "qqq"}}
	ctx := context.Background()
	for _, maxTerms := range []int{0, 1, 3} {
		whole, err := LookupIndex(ctx, bleve.NewIndexAlias(idx[0], idx[1]), ls, maxTerms)
		if err != nil {
			t.Fatal(err)
		}
		var sets [][]LookupResult
		for _, half := range idx {
			d, err := LookupIndex(ctx, half, ls, maxTerms)
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(d.Results())
			if err != nil {
				t.Fatal(err)
			}
			var back []LookupResult
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			sets = append(sets, back)
		}
		merged := MergeResults(sets...)
		if !reflect.DeepEqual(merged.results, whole.results) {
			t.Errorf("max %d: merged %+v\nwant %+v", maxTerms, merged.Results(), whole.Results())
		}
		if len(whole.Results()) != len(ls) {
			t.Errorf("max %d: %d lookups, want %d", maxTerms, len(whole.Results()), len(ls))
		}
	}
}
