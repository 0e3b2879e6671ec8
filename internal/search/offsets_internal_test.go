package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/news"
)

// TestFillOffsets: the term locations of an index built as generations are
// (positions only, index.AddToBatch), given their offsets by fillOffsets,
// are the locations Bleve's own indexing keeps, offsets included, for
// every occurrence: accents folded, stems, possessives, hyphens, stop
// words, repeated words, curly quotes, letters of two and three bytes
// before, phrases.
func TestFillOffsets(t *testing.T) {
	a := news.Article{
		ID:        "a1",
		Title:     "Stanković’s de-escalation plan: the ministers’ talks",
		Body:      "The Foreign Minister, Ana Stanković, said “de-escalation is the only road” on Monday.\n\nMinisters of the region met; the minister’s office said talks on de-escalation would resume. Ĉu ĝi? Δ talks, talks — talking.",
		Published: time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC),
		Source:    "wire",
	}
	ann := news.Annotations{Quotes: []news.Quote{{Text: "De-escalation is the only road, and the ministers’ talks are how", SpeakerName: "Ana Stanković", Kind: news.KindDirect}}}
	art, quotes := index.Documents(a, ann)
	if len(quotes) != 1 {
		t.Fatalf("%d quote documents, want 1", len(quotes))
	}

	m := index.NewMapping()
	withOffsets, positions := newMem(t), newMem(t)
	b, p := withOffsets.NewBatch(), positions.NewBatch()
	add := func(id string, doc any) {
		if err := b.Index(id, doc); err != nil {
			t.Fatal(err)
		}
		if err := index.AddToBatch(p, m, id, doc); err != nil {
			t.Fatal(err)
		}
	}
	add(a.ID, art)
	add(quotes[0].ID, quotes[0].Fields)
	if err := withOffsets.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := positions.Batch(p); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{index.FieldTitle: a.Title, index.FieldBody: a.Body, index.FieldText: ann.Quotes[0].Text}

	tests := []struct {
		field, q    string
		occurrences int // in the field, over the query's terms
	}{
		{index.FieldTitle, "stankovic", 1},
		{index.FieldTitle, `"de-escalation plan"`, 3},
		{index.FieldTitle, "minister", 1},
		{index.FieldBody, "stankovic", 1},
		{index.FieldBody, "minister", 3},
		{index.FieldBody, "talks", 4},
		{index.FieldBody, `"only road"`, 1}, // "only" is a stop word
		{index.FieldBody, "cu", 1},
		{index.FieldBody, "δ", 1},
		{index.FieldText, "de-escalation", 2},
		{index.FieldText, `"ministers talks"`, 2},
	}
	for _, tt := range tests {
		q := bleve.NewQueryStringQuery(tt.field + ":" + tt.q)
		want, got := hitsWithLocations(t, withOffsets, q), hitsWithLocations(t, positions, q)
		if len(want) != 1 || len(got) != 1 {
			t.Fatalf("%s:%s: %d hits with offsets, %d with positions; want 1", tt.field, tt.q, len(want), len(got))
		}
		g := got[0].Locations[tt.field]
		if !lacksOffsets(g) {
			t.Fatalf("%s:%s: the positions-only index kept offsets: %s", tt.field, tt.q, dumpLocs(g))
		}
		fillOffsets(got[0], tt.field, []byte(texts[tt.field]), m)
		w := want[0].Locations[tt.field]
		if dumpLocs(g) != dumpLocs(w) {
			t.Errorf("%s:%s:\n got %s\nwant %s", tt.field, tt.q, dumpLocs(g), dumpLocs(w))
		}
		if n := strings.Count(dumpLocs(w), "@"); n != tt.occurrences {
			t.Errorf("%s:%s: %d occurrences, want %d: %s", tt.field, tt.q, n, tt.occurrences, dumpLocs(w))
		}
	}

	// Locations that have offsets keep them: the text is not read.
	h := hitsWithLocations(t, withOffsets, bleve.NewQueryStringQuery("body:talks"))[0]
	before := dumpLocs(h.Locations[index.FieldBody])
	fillOffsets(h, index.FieldBody, []byte("a text of other words"), m)
	if after := dumpLocs(h.Locations[index.FieldBody]); after != before {
		t.Errorf("offsets changed:\n got %s\nwant %s", after, before)
	}
}

// lacksOffsets reports whether a location of terms has no offsets (End 0).
func lacksOffsets(terms bsearch.TermLocationMap) bool {
	for _, locs := range terms {
		for _, l := range locs {
			if l.End == 0 {
				return true
			}
		}
	}
	return false
}

func newMem(t *testing.T) bleve.Index {
	t.Helper()
	idx, err := bleve.NewMemOnly(index.NewMapping())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	return idx
}

func hitsWithLocations(t *testing.T, idx bleve.Index, q bquery.Query) bsearch.DocumentMatchCollection {
	t.Helper()
	r := bleve.NewSearchRequest(q)
	r.IncludeLocations = true
	res, err := idx.Search(r)
	if err != nil {
		t.Fatal(err)
	}
	return res.Hits
}

// dumpLocs lists term locations in a stable order: term@pos[start:end].
func dumpLocs(terms bsearch.TermLocationMap) string {
	var out []string
	for term, locs := range terms {
		for _, l := range locs {
			out = append(out, fmt.Sprintf("%s@%d[%d:%d]%v", term, l.Pos, l.Start, l.End, l.ArrayPositions))
		}
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// wrapped hides an analyzer's type, so that tokenSpans analyses in full.
type wrapped struct{ analysis.Analyzer }

// TestTokenSpans: the unicode tokenizer segmented up to a position gives
// the spans the whole analysis gives at every position it keeps (it drops
// stop words, whose positions no location has), for the text analyzers of
// new and old generations, which are both streamed.
func TestTokenSpans(t *testing.T) {
	texts := []string{
		"The Foreign Minister, Ana Stanković, said “de-escalation is the only road” on Monday.",
		"Ministers’ talks — 3.5% of the region's 2,000 people; Ĉu ĝi? 東京 and Δ x",
		"",
		"a an the of",
	}
	for _, name := range []string{index.TextAnalyzer, "en"} {
		an, err := bleve.Config.Cache.AnalyzerNamed(name)
		if err != nil {
			t.Fatal(err)
		}
		if !streamable(an) {
			t.Fatalf("%s: not streamed", name)
		}
		for _, text := range texts {
			for _, last := range []int{1, 3, 40} {
				b := []byte(text)
				got, want := tokenSpans(an, b, last), tokenSpans(wrapped{an}, b, last)
				if string(b) != text {
					t.Fatalf("%s: the text was rewritten: %q", name, b) // the stored field's own bytes
				}
				if len(got) != last+1 || len(want) != last+1 {
					t.Fatalf("%s %q up to %d: %d and %d spans", name, text, last, len(got), len(want))
				}
				for pos, w := range want {
					if w.end > 0 && got[pos] != w {
						t.Errorf("%s %q at %d: %v, want %v", name, text, pos, got[pos], w)
					}
				}
			}
		}
	}
}
