package query

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/pairs"
	"github.com/readout/readout/internal/testutil"
)

// phraseDocs are invented for the phrase tests: repeated words, stop words
// inside and around phrases, phrases several times in one field.
var phraseDocs = map[string]testDoc{
	"new-new":     {Body: "The new new deal was new. New new plans followed the new deal."},
	"minister-of": {Body: "The minister of foreign affairs met the foreign minister; a foreign minister of note."},
	"twice":       {Title: "Foreign minister meets foreign minister", Body: "The foreign minister said the foreign minister would travel."},
	"apart":       {Body: "The minister, foreign to the region, arrived. Foreign trade minister."},
	"reversed":    {Body: "Minister foreign, minister foreign."},
	"stop-lead":   {Body: "Of the talks, the talks of peace, and the peace talks."},
	"talks-in":    {Title: "Talks in Geneva", Body: "Peace talks in Geneva resumed; talks on Geneva stalled."},
}

// phraseIndexes are testDocs and phraseDocs in an in-memory index, an
// on-disk (scorch) one, and an alias of the two split between indexes.
func phraseIndexes(t *testing.T, extra map[string]testDoc) map[string]bleve.Index {
	t.Helper()
	all := map[string]testDoc{}
	for id, d := range testDocs {
		all[id] = d
	}
	for id, d := range phraseDocs {
		all[id] = d
	}
	for id, d := range extra {
		all[id] = d
	}
	some := func(keep func(id string) bool) map[string]testDoc {
		out := map[string]testDoc{}
		for id, d := range all {
			if keep(id) {
				out[id] = d
			}
		}
		return out
	}
	odd := func(id string) bool { return len(id)%2 == 1 }
	even := func(id string) bool { return !odd(id) }
	open := func(name string) bleve.Index {
		idx, err := bleve.New(filepath.Join(t.TempDir(), name), testMapping())
		if err != nil {
			t.Fatal(err)
		}
		return idx
	}
	mem := func() bleve.Index {
		idx, err := bleve.NewMemOnly(testMapping())
		if err != nil {
			t.Fatal(err)
		}
		return idx
	}
	return map[string]bleve.Index{
		"memory": indexDocs(t, mem(), all),
		"scorch": indexDocs(t, open("idx"), all),
		"alias":  bleve.NewIndexAlias(indexDocs(t, mem(), some(odd)), indexDocs(t, open("b"), some(even))),
		// Indexes holding the body's pairs of common words, as a build's
		// shards do, and an alias of one with and one without.
		"scorch+pairs": indexPairs(t, open("p"), all, true),
		"alias+pairs":  bleve.NewIndexAlias(indexPairs(t, open("pa"), some(odd), true), indexDocs(t, open("pb"), some(even))),
	}
}

// indexPairs indexes docs with their pairs of common words
// (pairs.AddFields), as index.AddToBatch does, and marks the index as
// holding them when mark is set.
func indexPairs(t testing.TB, idx bleve.Index, docs map[string]testDoc, mark bool) bleve.Index {
	t.Helper()
	t.Cleanup(func() { idx.Close() })
	if mark {
		if err := pairs.Mark(idx); err != nil {
			t.Fatal(err)
		}
	}
	b := idx.NewBatch()
	for id, d := range docs {
		if d.Type == "" {
			d.Type = "article"
		}
		doc := document.NewDocument(id)
		if err := idx.Mapping().MapDocument(doc, d); err != nil {
			t.Fatal(err)
		}
		pairs.AddFields(doc)
		if err := b.IndexAdvanced(doc); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	return idx
}

// TestPhrasePairsFilter shows that a marked index's pairs decide a phrase
// of common words: marked without holding them, the index finds no
// document for "foreign minister" (both words common), and still finds the
// phrases that have no pair of common words.
func TestPhrasePairsFilter(t *testing.T) {
	if !pairs.Common("foreign") || !pairs.Common("minist") || pairs.Common("kovac") {
		t.Fatal("the test assumes foreign and minister common, Kovač not")
	}
	docs := map[string]testDoc{
		"a": {Body: "The foreign minister met Minister Kovač."},
		"b": {Body: "Foreign Minister Kovač spoke."},
	}
	for _, c := range []struct {
		name          string
		withPairs     bool
		fm, mk, fmKov int // hits of "foreign minister", "minister kovač", "foreign minister kovač"
	}{
		{"marked, with pairs", true, 2, 2, 1},
		{"marked, without pairs", false, 0, 2, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			idx, err := bleve.NewMemOnly(testMapping())
			if err != nil {
				t.Fatal(err)
			}
			if c.withPairs {
				indexPairs(t, idx, docs, true)
			} else {
				if err := pairs.Mark(idx); err != nil {
					t.Fatal(err)
				}
				indexDocs(t, idx, docs)
			}
			for phrase, want := range map[string]int{"foreign minister": c.fm, "minister kovač": c.mk, "foreign minister kovač": c.fmKov} {
				if got := len(phraseHits(t, idx, NewPhraseQuery(phrase, "body"))); got != want {
					t.Errorf("%q: %d hits, want %d", phrase, got, want)
				}
			}
		})
	}
}

// phraseHit is what a phrase search gives of one hit: what it scores and
// what highlighting reads.
type phraseHit struct {
	ID        string
	Score     float64
	Locations search.FieldTermLocationMap
}

func phraseHits(t *testing.T, idx bleve.Index, q bq.Query) []phraseHit {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 1000, 0, false)
	req.IncludeLocations = true
	req.SortBy([]string{"-_score", "_id"})
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	out := []phraseHit{}
	for _, h := range res.Hits {
		out = append(out, phraseHit{h.ID, h.Score, h.Locations})
	}
	if int(res.Total) != len(out) {
		t.Fatalf("total %d, hits %d", res.Total, len(out))
	}
	return out
}

// samePhrase checks that PhraseQuery finds what Bleve's MatchPhraseQuery
// finds, with the same scores and term locations, for every phrase on
// every field.
func samePhrase(t *testing.T, indexes map[string]bleve.Index, phrases []string, fields []string) (matched int) {
	t.Helper()
	for name, idx := range indexes {
		for _, field := range fields {
			for _, p := range phrases {
				want := bq.NewMatchPhraseQuery(p)
				want.SetField(field)
				got := NewPhraseQuery(p, field)
				w, g := phraseHits(t, idx, want), phraseHits(t, idx, got)
				if !reflect.DeepEqual(g, w) {
					t.Errorf("%s: %s:%q: got\n%s\nwant Bleve's\n%s", name, field, p, dumpHits(g), dumpHits(w))
				}
				matched += len(w)
			}
		}
	}
	return matched
}

func dumpHits(hs []phraseHit) string {
	var b strings.Builder
	for _, h := range hs {
		fmt.Fprintf(&b, "  %s %v", h.ID, h.Score)
		for f, tlm := range h.Locations {
			for term, locs := range tlm {
				for _, l := range locs {
					fmt.Fprintf(&b, " %s:%s@%d[%d:%d]", f, term, l.Pos, l.Start, l.End)
				}
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestPhraseMatchesBleve(t *testing.T) {
	phrases := []string{
		"foreign minister", "the foreign minister", "minister of foreign affairs", "foreign minister of note",
		"new new", "new new deal", "the new deal", "new", "minister foreign",
		"peace talks", "talks of peace", "the talks", "of the talks", "talks in geneva", "talks on geneva",
		"de escalation", "de-escalation", "AT&T shares", "Kovač met", "kovac met xi's envoy",
		"the of", "nothing like this", "foreign trade minister",
	}
	if n := samePhrase(t, phraseIndexes(t, nil), phrases, []string{"body", "title", "text"}); n == 0 {
		t.Fatal("no phrase matched: the test compares nothing")
	}
}

// TestPhraseMatchesBleveReuters compares the two on real text: Reuters
// articles, and phrases taken from them (two to four words in a row, and
// the same words reversed, which rarely match).
func TestPhraseMatchesBleveReuters(t *testing.T) {
	if testing.Short() {
		t.Skip("real corpus test")
	}
	recs := readCandidates(t, testutil.Corpus(t, "reuters21578.jsonl.gz"), func(string) bool { return true }, "", 600)
	docs := map[string]testDoc{}
	rng := rand.New(rand.NewPCG(1, 2))
	var phrases []string
	for i, r := range recs {
		docs[fmt.Sprintf("r%04d", i)] = testDoc{Title: r.Title, Body: r.Body}
		words := strings.Fields(r.Body)
		if i%10 != 0 || len(words) < 8 {
			continue
		}
		n := 2 + rng.IntN(3)
		at := rng.IntN(len(words) - n)
		phrase := words[at : at+n]
		phrases = append(phrases, strings.Join(phrase, " "))
		rev := make([]string, n)
		for k := range phrase {
			rev[k] = phrase[n-1-k]
		}
		phrases = append(phrases, strings.Join(rev, " "))
	}
	if n := samePhrase(t, phraseIndexes(t, docs), phrases, []string{"body", "title"}); n < len(phrases)/2 {
		t.Fatalf("%d phrases matched %d hits: the test compares too little", len(phrases), n)
	}
}
