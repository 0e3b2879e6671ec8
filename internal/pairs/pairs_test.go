package pairs_test

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/pairs"
)

var (
	update    = flag.Bool("update", false, "write words.txt again from the shards of -words-from")
	wordsFrom = flag.String("words-from", "", "a generation's shards directory (gen-NNNNNN/shards) to count body terms in, for -update")
)

// tfs is an analysed field: each term at its positions.
func tfs(at map[string][]int) bindex.TokenFrequencies {
	out := bindex.TokenFrequencies{}
	for term, ps := range at {
		tf := &bindex.TokenFreq{Term: []byte(term)}
		for _, p := range ps {
			tf.Locations = append(tf.Locations, &bindex.TokenLocation{Position: p})
		}
		out[term] = tf
	}
	return out
}

func TestOf(t *testing.T) {
	for _, w := range []string{"foreign", "minist", "new", "said", "govern"} {
		if !pairs.Common(w) {
			t.Fatalf("%q is not common: the cases below assume it is", w)
		}
	}
	if pairs.Common("kovac") {
		t.Fatal(`"kovac" is common: the cases below assume it is not`)
	}
	cases := []struct {
		name string
		at   map[string][]int
		want []string
	}{
		{"adjacent", map[string][]int{"foreign": {4}, "minist": {5}}, []string{"foreign minist"}},
		{"order kept", map[string][]int{"minist": {4}, "foreign": {5}}, []string{"minist foreign"}},
		{"a stop word between", map[string][]int{"foreign": {4}, "minist": {6}}, nil},
		{"an uncommon word between", map[string][]int{"foreign": {4}, "kovac": {5}, "minist": {6}}, nil},
		{"uncommon neighbour", map[string][]int{"foreign": {1}, "kovac": {2}}, nil},
		{"a term repeated", map[string][]int{"new": {1, 2, 3}}, []string{"new new"}},
		{"each occurrence", map[string][]int{"foreign": {1, 9}, "minist": {2, 10}, "said": {3, 20}},
			[]string{"foreign minist", "minist said"}},
		{"two terms at a position", map[string][]int{"foreign": {1}, "govern": {2}, "minist": {2}, "said": {3}},
			[]string{"foreign govern", "foreign minist", "govern said", "minist said"}},
		{"one word", map[string][]int{"said": {1}}, nil},
		{"nothing", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := pairs.Of(tfs(c.at))
			var terms []string
			for k, tf := range got {
				if string(tf.Term) != k {
					t.Errorf("pair %q holds term %q", k, tf.Term)
				}
				if tf.Frequency() != 0 || len(tf.Locations) != 0 {
					t.Errorf("pair %q: frequency %d, %d locations; want neither", k, tf.Frequency(), len(tf.Locations))
				}
				terms = append(terms, k)
			}
			slices.Sort(terms)
			if !slices.Equal(terms, c.want) {
				t.Errorf("pairs %q, want %q", terms, c.want)
			}
		})
	}
}

// TestIndexedPairs indexes invented articles as a build does
// (index.AddToBatch) and reads the body's pairs from the index.
func TestIndexedPairs(t *testing.T) {
	idx, err := bleve.New(filepath.Join(t.TempDir(), "idx"), index.NewMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if pairs.Marked(idx) {
		t.Fatal("a new index is marked")
	}
	if err := pairs.Mark(idx); err != nil {
		t.Fatal(err)
	}
	if !pairs.Marked(idx) {
		t.Fatal("Mark did not mark the index")
	}
	b := idx.NewBatch()
	docs := map[string]string{
		"a": "The Foreign Minister's office said the new government would meet.",
		"b": "Minister Kovač, foreign to the talks, said nothing.",
	}
	for id, body := range docs {
		if err := index.AddToBatch(b, idx.Mapping(), id, map[string]any{"type": "article", "title": "Talks", "body": body}); err != nil {
			t.Fatal(err)
		}
	}
	if err := index.AddToBatch(b, idx.Mapping(), "q", map[string]any{"type": "quote", "text": "We said the new government would act."}); err != nil {
		t.Fatal(err)
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	if _, ok := pairs.Field("title"); ok {
		t.Error("titles have pairs")
	}
	tf, _ := pairs.Field("text")
	q := bleve.NewTermQuery("new govern")
	q.SetField(tf)
	if res, err := idx.Search(bleve.NewSearchRequest(q)); err != nil || res.Total != 1 || res.Hits[0].ID != "q" {
		t.Errorf("a quote's text pairs: %v, %v; want the quote", res, err)
	}
	field, _ := pairs.Field("body")
	got := map[string][]string{}
	for _, term := range []string{"foreign minist", "said new", "new govern", "minist offic", "minist kovac", "foreign talk", "said noth"} {
		q := bleve.NewTermQuery(term)
		q.SetField(field)
		res, err := idx.Search(bleve.NewSearchRequest(q))
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			got[term] = append(got[term], h.ID)
		}
	}
	// "a": foreign minist(er's) offic(e) said [the] new govern(ment); "b"
	// has no two common words in a row.
	want := map[string][]string{"foreign minist": {"a"}, "new govern": {"a"}, "minist offic": {"a"}}
	if !pairs.Common("offic") {
		delete(want, "minist offic")
	}
	for term, ids := range want {
		if !slices.Equal(got[term], ids) {
			t.Errorf("%q: documents %v, want %v", term, got[term], ids)
		}
	}
	for term, ids := range got {
		if _, ok := want[term]; !ok {
			t.Errorf("%q: documents %v, want none", term, ids)
		}
	}
}

// TestWords checks words.txt (sorted, distinct, analysed terms) and with -update writes it again: the 200 terms in
// the most article bodies of the shards of -words-from.
func TestWords(t *testing.T) {
	if *update {
		writeWords(t)
	}
	raw, err := os.ReadFile("words.txt")
	if err != nil {
		t.Fatal(err)
	}
	file := strings.Fields(string(raw))
	if len(file) != 200 {
		t.Errorf("words.txt holds %d words, want 200", len(file))
	}
	if !slices.IsSorted(file) || len(slices.Compact(slices.Clone(file))) != len(file) {
		t.Error("words.txt is not sorted and distinct")
	}
	for _, w := range file {
		if !pairs.Common(w) {
			t.Errorf("%q of words.txt is not Common", w)
		}
	}
	for _, w := range file {
		// Terms as the analyzer writes them: lower case, one token (the
		// stemmer's output, which need not analyse to itself: "agre").
		if w != strings.ToLower(w) || strings.ContainsAny(w, " \t") {
			t.Errorf("%q is not an analysed term", w)
		}
	}
}

func writeWords(t *testing.T) {
	if *wordsFrom == "" {
		t.Fatal("-update needs -words-from")
	}
	dirs, err := filepath.Glob(filepath.Join(*wordsFrom, "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no shards in %s: %v", *wordsFrom, err)
	}
	df := map[string]uint64{}
	for _, d := range dirs {
		// Read-only: a writable open lets scorch merge the shard's
		// segments, rewriting a generation that may be served or linked.
		idx, err := bleve.OpenUsing(d, map[string]any{"read_only": true})
		if err != nil {
			t.Fatal(err)
		}
		dict, err := idx.FieldDict("body")
		if err != nil {
			t.Fatal(err)
		}
		for {
			e, err := dict.Next()
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				break
			}
			df[e.Term] += e.Count
		}
		dict.Close()
		idx.Close()
	}
	terms := make([]string, 0, len(df))
	for term := range df {
		terms = append(terms, term)
	}
	sort.Slice(terms, func(i, j int) bool {
		if df[terms[i]] != df[terms[j]] {
			return df[terms[i]] > df[terms[j]]
		}
		return terms[i] < terms[j]
	})
	top := terms[:min(200, len(terms))]
	slices.Sort(top)
	if err := os.WriteFile("words.txt", []byte(strings.Join(top, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d words; the least common in %d bodies", len(top), df[terms[len(top)-1]])
}
