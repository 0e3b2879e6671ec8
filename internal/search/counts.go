package search

import (
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/readout/readout/internal/index"
)

// Counting a facet's values over the fast path's bitmaps (fast.go): by
// posting intersections for fields with few values, else document by
// document with the forward column; and picking the top values.

// counts are the counts of a facet's values summed over the sides: by
// ordinal of the only side, by term in byte order (the sides' columns
// merged), or by term in a map.
type counts struct {
	col   *column  // one side: the side's column
	byOrd []uint32 // one side: count per ordinal
	// Several sides' columns merged: the terms counted, ascending, and
	// their counts.
	terms []string
	n     []int
	byKey map[string]int // counted by term
}

func (c *counts) of(term string) int {
	switch {
	case c.byKey != nil:
		return c.byKey[term]
	case c.terms != nil:
		if i, ok := slices.BinarySearch(c.terms, term); ok {
			return c.n[i]
		}
		return 0
	}
	if o, ok := c.col.ord(term); ok {
		return int(c.byOrd[o])
	}
	return 0
}

// keyed returns c's counts by term, c's own map when it has one.
func (c *counts) keyed() map[string]int {
	if c.byKey != nil {
		return c.byKey
	}
	out := map[string]int{}
	for _, tc := range c.all() {
		out[tc.Term] = tc.Count
	}
	return out
}

// all returns every value c counted at least once.
func (c *counts) all() []termCount {
	var out []termCount
	switch {
	case c.byKey != nil:
		out = make([]termCount, 0, len(c.byKey))
		for t, n := range c.byKey {
			if n > 0 {
				out = append(out, termCount{t, n})
			}
		}
	case c.terms != nil:
		out = make([]termCount, 0, len(c.terms))
		for i, t := range c.terms {
			out = append(out, termCount{t, c.n[i]})
		}
	default:
		for o, n := range c.byOrd {
			if n > 0 {
				out = append(out, termCount{c.col.terms[o], int(n)})
			}
		}
	}
	return out
}

// mergeCounts sums the counts of each side (per[k], by ordinal of cols[k])
// by term, walking the sides' terms in their byte order: at a million
// articles in two shards, summing them in a map of terms took a sixth of
// an uncached filter-only request's CPU.
func mergeCounts(cols []*column, per [][]uint32) *counts {
	var terms []string
	var n []int
	for k, col := range cols {
		side := per[k]
		out := make([]string, 0, len(terms)+len(side))
		outN := make([]int, 0, cap(out))
		i := 0
		for o, v := range side {
			if v == 0 {
				continue
			}
			t := col.terms[o]
			for i < len(terms) && terms[i] < t {
				out, outN = append(out, terms[i]), append(outN, n[i])
				i++
			}
			if i < len(terms) && terms[i] == t {
				out, outN = append(out, t), append(outN, n[i]+int(v))
				i++
				continue
			}
			out, outN = append(out, t), append(outN, int(v))
		}
		out, outN = append(out, terms[i:]...), append(outN, n[i:]...)
		terms, n = out, outN
	}
	return &counts{terms: terms, n: n}
}

// top returns the k values of c counted most, then by term, as Bleve's
// terms facet orders them.
func (c *counts) top(k int) []termCount { return topTerms(c.all(), k) }

// topTerms sorts the k first of all by count, then by term.
func topTerms(all []termCount, k int) []termCount {
	cmp := func(a, b termCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Term, b.Term)
	}
	if k < len(all) && k < len(all)/8 {
		all = selectTop(all, k, cmp)
	}
	slices.SortFunc(all, cmp)
	return all[:min(k, len(all))]
}

// selectTop keeps the k first of all in cmp's order, unsorted.
func selectTop(all []termCount, k int, cmp func(a, b termCount) int) []termCount {
	if k <= 0 {
		return nil
	}
	h := slices.Clone(all[:k])
	slices.SortFunc(h, cmp)
	for _, t := range all[k:] {
		if cmp(t, h[k-1]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(h, t, cmp)
		copy(h[i+1:], h[i:k-1])
		h[i] = t
	}
	return h
}

// postingsRatio, postingsShare: a field with fewer values than the
// documents counted over, divided by postingsRatio, is counted value by
// value (the size of each posting's intersection with the set) when the
// set also holds at least 1/postingsShare of the table's documents; else
// document by document with the forward column. On Reuters
// (BenchmarkFacetCountReuters) the postings win for the whole archive on
// country (0.77 against 1.65 ms), source and days, the forward column on
// person and on small sets. At a million articles an intersection walks
// the whole posting, quotes' documents included (they carry their
// article's values), so the postings only win for a set of most of the
// table: 28 queries of 2,600-270,000 articles with six facets and the
// histogram, uncached, took 4.9 s with the ratio alone and 2.3 s always by
// the forward column; every quote of the archive, 150 against 270 ms.
const (
	postingsRatio = 8
	postingsShare = 2
)

// count counts field's values over sets (one per side).
func (f *fastReq) count(field string, sets []*roaring.Bitmap) *counts {
	per := make([][]uint32, len(sets))
	_ = perSide(len(sets), func(k int) error {
		set := sets[k]
		col := f.view.sides[k].t.cols[field]
		n := make([]uint32, len(col.terms))
		per[k] = n
		card := set.GetCardinality()
		if !col.forward() || uint64(len(col.terms))*postingsRatio < card && card*postingsShare >= f.view.sides[k].t.docs() {
			for o, p := range col.post {
				n[o] = uint32(set.AndCardinality(p))
			}
			return nil
		}
		it := set.ManyIterator()
		var buf [512]uint32
		for m := it.NextMany(buf[:]); m > 0; m = it.NextMany(buf[:]) {
			col.addCounts(n, buf[:m])
		}
		return nil
	})
	if len(sets) == 1 {
		return &counts{col: f.view.sides[0].t.cols[field], byOrd: per[0]}
	}
	cols := make([]*column, len(sets))
	for k := range sets {
		cols[k] = f.view.sides[k].t.cols[field]
	}
	return mergeCounts(cols, per)
}

// articlesPerSpeaker counts, over quote sets (one per side), the distinct
// articles of each speaker.
func (f *fastReq) articlesPerSpeaker(sets []*roaring.Bitmap) *counts {
	c := &counts{byKey: map[string]int{}}
	for k, set := range sets {
		sd := f.view.sides[k]
		col := sd.t.cols[index.FieldSpeaker]
		var pairs []uint64
		add := func(o, q uint32) {
			if a := sd.t.articleOfQuote(q); a != noDoc {
				pairs = append(pairs, uint64(o)<<32|uint64(a))
			}
		}
		if col.forward() {
			it := set.Iterator()
			for it.HasNext() {
				q := it.Next()
				col.each(q, func(o uint32) { add(o, q) })
			}
		} else {
			for o, p := range col.post {
				it := roaring.And(set, p).Iterator()
				for it.HasNext() {
					add(uint32(o), it.Next())
				}
			}
		}
		slices.Sort(pairs)
		pairs = slices.Compact(pairs)
		for _, pr := range pairs {
			c.byKey[col.terms[pr>>32]]++
		}
	}
	return c
}
