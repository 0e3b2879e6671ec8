package search

import (
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// column is one keyword field of a column table (columns.go): its terms,
// each term's posting bitmap, and for the fields counted per document a
// forward column from document to term ordinals, narrowed once built.
type column struct {
	terms []string          // ordinal -> term, in byte order (the dictionary's; ord searches it)
	post  []*roaring.Bitmap // ordinal -> the documents with the term
	// Forward column (CSR), for the fields counted per document: the
	// ordinals of document d are vals[start[d]:start[d+1]], ascending,
	// or vals16's once narrowed (a field of at most 65,536 terms, every
	// field of the generated million articles: two bytes a value, 26 MB
	// less at a million articles).
	start  []uint32
	vals   []uint32
	vals16 []uint16
	// Once narrowed, start in two levels: the start of every
	// startBlock-th document (base) and each document's start from its
	// block's (off), two bytes a document instead of four (26 MB less at a
	// million articles).
	base []uint32
	off  []uint16
	// row, when set, maps each document to its range of the forward
	// column: a quote of an article to its article's, whose values it
	// repeats (inherit); shared by the table's columns.
	row []uint32
}

// forward reports whether c has its forward column.
func (c *column) forward() bool { return c.start != nil || c.off != nil }

// startBlock is the documents of a block of a narrowed start (a power of
// two: 1<<startBlockBits).
const startBlockBits = 6

// span is the range of the forward column's values that are document
// d's (empty beyond the column).
func (c *column) span(d uint32) (lo, hi uint32) {
	if c.row != nil {
		if int(d) >= len(c.row) {
			return 0, 0
		}
		d = c.row[d]
	}
	if c.off != nil {
		if int(d)+1 >= len(c.off) {
			return 0, 0
		}
		return c.base[d>>startBlockBits] + uint32(c.off[d]), c.base[(d+1)>>startBlockBits] + uint32(c.off[d+1])
	}
	if int(d)+1 >= len(c.start) {
		return 0, 0
	}
	return c.start[d], c.start[d+1]
}

// values returns the ordinals of document d (none beyond the column), a
// copy once the column is narrowed.
func (c *column) values(d uint32) []uint32 {
	lo, hi := c.span(d)
	if c.vals16 == nil {
		return c.vals[lo:hi]
	}
	out := make([]uint32, 0, hi-lo)
	for _, o := range c.vals16[lo:hi] {
		out = append(out, uint32(o))
	}
	return out
}

// each calls fn with each ordinal of document d.
func (c *column) each(d uint32, fn func(o uint32)) {
	lo, hi := c.span(d)
	if c.vals16 != nil {
		for _, o := range c.vals16[lo:hi] {
			fn(uint32(o))
		}
		return
	}
	for _, o := range c.vals[lo:hi] {
		fn(o)
	}
}

// addCounts adds one to n[o] for each ordinal o of each of docs: the
// forward column's counting loop, without a call per value.
func (c *column) addCounts(n []uint32, docs []uint32) {
	if c.vals16 != nil {
		addCounts(c, c.vals16, n, docs)
	} else {
		addCounts(c, c.vals, n, docs)
	}
}

func addCounts[T uint16 | uint32](c *column, vals []T, n []uint32, docs []uint32) {
	for _, d := range docs {
		lo, hi := c.span(d)
		for _, o := range vals[lo:hi] {
			n[o]++
		}
	}
}

// narrow keeps the forward column's ordinals in two bytes each when the
// field has at most 65,536 terms, and its starts in two levels when no
// block holds 65,536 values or more.
func (c *column) narrow() {
	if c.start == nil {
		return
	}
	if c.vals16 == nil && len(c.terms) <= math.MaxUint16+1 {
		c.vals16 = make([]uint16, len(c.vals))
		for i, o := range c.vals {
			c.vals16[i] = uint16(o)
		}
		c.vals = nil
	}
	base := make([]uint32, (len(c.start)+1<<startBlockBits-1)>>startBlockBits)
	off := make([]uint16, len(c.start))
	for i, st := range c.start {
		b := i >> startBlockBits
		if i&(1<<startBlockBits-1) == 0 {
			base[b] = st
		}
		if st-base[b] > math.MaxUint16 {
			return // a block of too many values: start stays as it is
		}
		off[i] = uint16(st - base[b])
	}
	c.base, c.off, c.start = base, off, nil
}

// union is the documents with any of terms (unknown terms match nothing).
func (c *column) union(terms []string) *roaring.Bitmap {
	bms := make([]*roaring.Bitmap, 0, len(terms))
	for _, t := range terms {
		if o, ok := c.ord(t); ok {
			bms = append(bms, c.post[o])
		}
	}
	switch len(bms) {
	case 0:
		return roaring.New()
	case 1:
		return bms[0].Clone()
	}
	return roaring.FastOr(bms...)
}

// posting is the documents with term t, shared (do not modify); empty when
// t is unknown.
func (c *column) posting(t string) *roaring.Bitmap {
	if o, ok := c.ord(t); ok {
		return c.post[o]
	}
	return roaring.New()
}

// ord is term t's ordinal, by binary search of the terms (a map from term
// to ordinal held 6 MB at a million articles).
func (c *column) ord(t string) (uint32, bool) {
	o, ok := slices.BinarySearch(c.terms, t)
	return uint32(o), ok
}

// inherit makes c's forward column one of rows (row, rowsOf): a quote of
// an article reads its article's values. Quotes have their article's
// filter fields (repeated on quote documents, or joined from the article's
// postings: table.joinQuotes), so at a million articles, with three quotes an
// article, three quarters of a forward column were copies, and its start
// array was 4 bytes for every document. It checks every quote first, and
// leaves c as it is (and reports false) if one quote's values differ from
// its article's.
func (c *column) inherit(articleOf, row []uint32, rows int) bool {
	if !c.forward() {
		return false
	}
	quote := func(d int) bool { return d < len(articleOf) && articleOf[d] != noDoc }
	n := 0
	for d := range row {
		switch {
		case !quote(d):
			n += len(c.values(uint32(d)))
		case !slices.Equal(c.values(uint32(d)), c.values(articleOf[d])):
			return false
		}
	}
	start, vals := make([]uint32, 1, rows+1), make([]uint32, 0, n)
	for d := range row {
		if !quote(d) {
			vals = append(vals, c.values(uint32(d))...)
			start = append(start, uint32(len(vals)))
		}
	}
	c.start, c.vals, c.vals16, c.row = start, vals, nil, row
	c.base, c.off = nil, nil
	return true
}

// fillForward builds c's forward column from its postings.
func (c *column) fillForward(maxDoc uint32) {
	c.start = make([]uint32, maxDoc+1)
	for _, bm := range c.post {
		it := bm.Iterator()
		for it.HasNext() {
			c.start[it.Next()+1]++
		}
	}
	for d := 1; d < len(c.start); d++ {
		c.start[d] += c.start[d-1]
	}
	c.vals = make([]uint32, c.start[maxDoc])
	next := slices.Clone(c.start[:maxDoc])
	for o, bm := range c.post {
		it := bm.Iterator()
		for it.HasNext() {
			d := it.Next()
			c.vals[next[d]] = uint32(o)
			next[d]++
		}
	}
}
