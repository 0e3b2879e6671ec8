package search

import (
	"context"
	"slices"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search/searchtest"
)

// forwardOf is the forward column postings imply: each document's
// ordinals, ascending.
func forwardOf(post []*roaring.Bitmap, docs int) [][]uint32 {
	out := make([][]uint32, docs)
	for o, bm := range post {
		it := bm.Iterator()
		for it.HasNext() {
			d := it.Next()
			out[d] = append(out[d], uint32(o))
		}
	}
	return out
}

// sampleTables builds the column table of each shard of the sample
// generation, closed when the test ends.
func sampleTables(t *testing.T) []*table {
	t.Helper()
	g := searchtest.Open(t, searchtest.SampleStore(t))
	t.Cleanup(func() { g.Close() })
	var out []*table
	for _, shard := range g.Shards() {
		tb, err := buildTable(context.Background(), shard)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { tb.close() })
		out = append(out, tb)
	}
	return out
}

// TestInherit: a quote's values are dropped and read through its article
// when every quote repeats its article's; one quote that differs leaves
// the column as it is.
func TestInherit(t *testing.T) {
	// Documents 0 and 3 are articles, 1 and 2 quotes of 0, 4 a quote of 3,
	// 5 a quote whose article is not in the snapshot.
	articleOf := []uint32{noDoc, 0, 0, noDoc, 3, noDoc}
	for _, c := range []struct {
		name    string
		docs    [][]uint32 // ordinals by document
		inherit bool
	}{
		{"quotes repeat", [][]uint32{{0, 2}, {0, 2}, {0, 2}, {1}, {1}, {0}}, true},
		{"no values", [][]uint32{{}, {}, {}, {1}, {1}, {}}, true},
		{"a quote differs", [][]uint32{{0, 2}, {0, 2}, {0}, {1}, {1}, {0}}, false},
		{"a quote has more", [][]uint32{{0}, {0}, {0}, {}, {1}, {}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			post := []*roaring.Bitmap{roaring.New(), roaring.New(), roaring.New()}
			for d, os := range c.docs {
				for _, o := range os {
					post[o].Add(uint32(d))
				}
			}
			col := &column{post: post}
			col.fillForward(uint32(len(c.docs)))
			before := len(col.vals)
			row, rows := rowsOf(articleOf, len(c.docs))
			if got := col.inherit(articleOf, row, rows); got != c.inherit || (col.row != nil) != c.inherit {
				t.Fatalf("inherited %v (rows %v), want %v", got, col.row != nil, c.inherit)
			}
			for d, want := range c.docs {
				if got := col.values(uint32(d)); !slices.Equal(got, want) && len(got)+len(want) > 0 {
					t.Errorf("document %d: values %v, want %v", d, got, want)
				}
			}
			if c.inherit && before > 0 && len(col.vals) >= before {
				t.Errorf("%d values kept of %d: nothing dropped", len(col.vals), before)
			}
			if c.inherit && len(col.start) != 3+1 {
				t.Errorf("%d starts, want one for each of 3 rows and the end", len(col.start))
			}
		})
	}
}

// TestForwardColumnsMatchPostings: on a generation as searchd opens it,
// every forward column gives each document the values its postings give
// it, quotes read through their article included. The sample's fields
// have too few values for forward columns (minForwardTerms): the test
// makes each, as buildTable makes those of larger fields.
func TestForwardColumnsMatchPostings(t *testing.T) {
	inherited := 0
	for _, tb := range sampleTables(t) {
		docs := tb.numbered()
		for _, f := range forwardFields {
			col := tb.cols[f]
			if !col.forward() {
				col.fillForward(uint32(docs))
				if !speakerField(f) {
					row, rows := rowsOf(tb.articleOf, docs)
					col.inherit(tb.articleOf, row, rows)
				}
				col.narrow()
			}
			if col.vals16 == nil {
				t.Fatalf("%s: forward column not narrowed to two bytes a value", f)
			}
			if col.row != nil {
				inherited++
			}
			want := forwardOf(col.post, docs)
			for d := range docs {
				if got := col.values(uint32(d)); !slices.Equal(got, want[d]) && len(got)+len(want[d]) > 0 {
					t.Fatalf("%s: document %d: values %v, postings %v", f, d, got, want[d])
				}
			}
		}
	}
	if inherited == 0 {
		t.Fatal("no column read quotes through their article: the test checks no inherited value")
	}
}

// TestForwardWidths: a forward column counts and lists the same ordinals
// in four bytes a value and narrowed to two, and stays four bytes wide
// for a field of more than 65,536 terms; its starts are narrowed to two
// levels, unless a block of documents holds 65,536 values or more.
func TestForwardWidths(t *testing.T) {
	for _, c := range []struct {
		name         string
		terms        int
		dense        int // documents from the 128th (a block's first) with every term
		narrow       bool
		narrowStarts bool
	}{
		{"few terms", 300, 0, true, true},
		{"65,536 terms", 1 << 16, 0, true, true},
		{"more than 65,536 terms", 1<<16 + 1, 0, false, true},
		// A document's start is counted from its block's first: the last
		// of the 64 is 63 documents' values from it.
		{"offsets up to 63×1,040", 1040, 64, true, true},
		{"offsets up to 63×1,041, more than two bytes", 1041, 64, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			const docs = 5000
			post := make([]*roaring.Bitmap, c.terms)
			for o := range post {
				post[o] = roaring.New()
			}
			for d := uint32(0); d < docs; d++ { // every 7th document has none
				if d >= 128 && d < 128+uint32(c.dense) {
					for o := range post {
						post[o].Add(d)
					}
				} else if d%7 != 0 {
					post[(d*7919)%uint32(c.terms)].Add(d)
					post[uint32(c.terms)-1-d%5].Add(d)
				}
			}
			col := &column{post: post, terms: make([]string, c.terms)}
			col.fillForward(docs)
			want := forwardOf(post, docs)
			all := make([]uint32, docs+10) // beyond the column too
			for d := range all {
				all[d] = uint32(d)
			}
			wantCounts := make([]uint32, c.terms)
			col.addCounts(wantCounts, all)
			col.narrow()
			if narrowed := col.vals16 != nil; narrowed != c.narrow {
				t.Fatalf("narrowed %v, want %v", narrowed, c.narrow)
			}
			if narrowed := col.off != nil; narrowed != c.narrowStarts || narrowed == (col.start != nil) {
				t.Fatalf("starts narrowed %v (kept %v), want %v", narrowed, col.start != nil, c.narrowStarts)
			}
			counts := make([]uint32, c.terms)
			col.addCounts(counts, all)
			if !slices.Equal(counts, wantCounts) {
				t.Error("counts differ once narrowed")
			}
			for o, bm := range post {
				if uint64(counts[o]) != bm.GetCardinality() {
					t.Fatalf("term %d counted %d, posting has %d", o, counts[o], bm.GetCardinality())
				}
			}
			for d := range all {
				var got []uint32
				col.each(uint32(d), func(o uint32) { got = append(got, o) })
				var w []uint32
				if d < docs {
					w = want[d]
				}
				if !slices.Equal(got, w) || !slices.Equal(col.values(uint32(d)), w) && len(w) > 0 {
					t.Fatalf("document %d: each %v, values %v, want %v", d, got, col.values(uint32(d)), w)
				}
			}
		})
	}
}

// TestGroupRanks: a document's rank in its group reads back as set, in
// two bytes below maxRank16 and from the map from it on.
func TestGroupRanks(t *testing.T) {
	tg := &tableGroups{rank: make([]uint16, 8)}
	ranks := []int32{0, 1, maxRank16 - 1, maxRank16, maxRank16 + 1, 1 << 20, 3, maxRank16}
	for d, r := range ranks {
		tg.setRank(uint32(d), r)
	}
	for d, want := range ranks {
		if got := tg.rankOf(uint32(d)); got != want {
			t.Errorf("document %d: rank %d, want %d", d, got, want)
		}
	}
	if len(tg.bigRank) != 4 {
		t.Errorf("%d ranks in the map, want the 4 from maxRank16 on", len(tg.bigRank))
	}
}

// TestLinkRows: once the rows replace articleOf, each document's article
// is what it was (a quote's its article's, every other none).
func TestLinkRows(t *testing.T) {
	linked := 0
	for _, tb := range sampleTables(t) {
		if tb.rows != nil {
			t.Fatal("the sample's table has rows: the test would not see them made")
		}
		docs := tb.numbered()
		want := make([]uint32, docs+3) // and beyond the table
		for d := range want {
			if want[d] = tb.articleOfQuote(uint32(d)); want[d] != noDoc {
				linked++
			}
		}
		row, rows := rowsOf(tb.articleOf, docs)
		tb.rows = row
		tb.linkRows(rows)
		if tb.articleOf != nil || len(tb.rowDoc) != rows {
			t.Fatalf("articleOf kept (%v), %d rows' documents for %d rows", tb.articleOf != nil, len(tb.rowDoc), rows)
		}
		for d, w := range want {
			if got := tb.articleOfQuote(uint32(d)); got != w {
				t.Errorf("document %d: article %d, want %d", d, got, w)
			}
		}
	}
	if linked == 0 {
		t.Fatal("no quote has its article: the test compares nothing")
	}
}

// TestMergeCounts: the sides' counts summed by term, walking their
// sorted terms, are the sums a map of terms gives, for sides with terms
// of their own, shared terms, uncounted terms and no terms.
func TestMergeCounts(t *testing.T) {
	col := func(terms ...string) *column { return &column{terms: terms} }
	for _, c := range []struct {
		name string
		cols []*column
		per  [][]uint32
	}{
		{"shared and own terms", []*column{col("a", "c", "e"), col("b", "c", "d", "f")}, [][]uint32{{1, 2, 3}, {4, 5, 6, 7}}},
		{"uncounted terms", []*column{col("a", "b", "c"), col("a", "b", "c")}, [][]uint32{{0, 2, 0}, {1, 0, 0}}},
		{"one side empty", []*column{col(), col("x", "y")}, [][]uint32{{}, {3, 1}}},
		{"three sides", []*column{col("m"), col("a", "m", "z"), col("b", "z")}, [][]uint32{{2}, {1, 1, 1}, {5, 5}}},
		{"nothing counted", []*column{col("a"), col("b")}, [][]uint32{{0}, {0}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := map[string]int{}
			for k, col := range c.cols {
				for o, v := range c.per[k] {
					if v > 0 {
						want[col.terms[o]] += int(v)
					}
				}
			}
			got := mergeCounts(c.cols, c.per)
			if !slices.IsSorted(got.terms) || len(got.terms) != len(want) {
				t.Fatalf("terms %v, want the %d of %v in order", got.terms, len(want), want)
			}
			for term, n := range want {
				if got.of(term) != n {
					t.Errorf("%s counted %d, want %d", term, got.of(term), n)
				}
			}
			if got.of("none") != 0 {
				t.Error("a term of no side counted")
			}
			keyed := got.keyed()
			if len(keyed) != len(want) {
				t.Errorf("keyed %v, want %v", keyed, want)
			}
		})
	}
}

// TestJoinedColumns: the tables of a generation whose quote documents
// leave the Joined fields to their article (index.Documents) and of one
// whose quotes repeat them (generations built before) hold the same postings and forward values
// for those fields, document for document (by external id): joinQuotes
// gives each quote its article's.
func TestJoinedColumns(t *testing.T) {
	type docTerms map[string][]string // external id -> its terms, in ordinal order
	layoutTerms := func(l searchtest.Layout) (map[string]map[string][]string, map[string]docTerms) {
		g := searchtest.Open(t, searchtest.SampleStoreLayout(t, l))
		defer g.Close()
		post := map[string]map[string][]string{}
		fwd := map[string]docTerms{}
		for _, shard := range g.Shards() {
			tb, err := buildTable(context.Background(), shard)
			if err != nil {
				t.Fatal(err)
			}
			ext := func(d uint32) string {
				var buf [8]byte
				id, err := tb.reader.ExternalID(tb.internalID(buf[:], d))
				if err != nil {
					t.Fatal(err)
				}
				return id
			}
			for _, f := range joinedFields {
				c := tb.cols[f]
				if post[f] == nil {
					post[f], fwd[f] = map[string][]string{}, docTerms{}
				}
				for o, term := range c.terms {
					it := c.post[o].Iterator()
					for it.HasNext() {
						d := it.Next()
						post[f][term] = append(post[f][term], ext(d))
						if c.forward() {
							var vals []string
							for _, v := range c.values(d) {
								vals = append(vals, c.terms[v])
							}
							fwd[f][ext(d)] = vals
						}
					}
				}
			}
			tb.close()
		}
		for _, byTerm := range post {
			for _, ids := range byTerm {
				slices.Sort(ids)
			}
		}
		return post, fwd
	}
	for _, shards := range []int{1, 3} {
		wantPost, wantFwd := layoutTerms(searchtest.Layout{Shards: shards, Repeated: true})
		gotPost, gotFwd := layoutTerms(searchtest.Layout{Shards: shards})
		quotes := 0
		for _, f := range joinedFields {
			for term, want := range wantPost[f] {
				if got := gotPost[f][term]; !slices.Equal(got, want) {
					t.Errorf("shards %d: %s %q: joined postings %d documents, want %d", shards, f, term, len(got), len(want))
				}
				for _, id := range want {
					if _, _, ok := index.ParseQuoteDocID(id); ok {
						quotes++
					}
				}
			}
			if len(gotPost[f]) != len(wantPost[f]) {
				t.Errorf("shards %d: %s: %d terms, want %d", shards, f, len(gotPost[f]), len(wantPost[f]))
			}
			for id, want := range wantFwd[f] {
				if got := gotFwd[f][id]; !slices.Equal(got, want) {
					t.Errorf("shards %d: %s of %s: forward %v, want %v", shards, f, id, got, want)
				}
			}
		}
		if quotes == 0 {
			t.Errorf("shards %d: no quote in the joined fields' postings", shards)
		}
	}
}
