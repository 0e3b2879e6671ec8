package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/readout/readout/internal/index"
)

// Column tables: what the fast path of facets and the histogram (fast.go)
// counts from instead of each hit's doc values. A table is built once per
// index snapshot that never changes (a generation's base shard; the
// overlay's delta after each change) from its inverted index: for each
// keyword field the fast path reads, the term dictionary, each term's
// posting bitmap and a forward column from document to term ordinals.
//
// Documents are numbered as Bleve's scorch numbers them in the snapshot
// read: an internal id is the 8-byte big-endian global document number
// (bindex.IndexInternalID.Value), which term postings, searchers and
// InternalID all speak. A table holds its snapshot's reader open so that
// the numbering cannot move under it (see table.close). Other index types
// (upsidedown, which bleve.NewMemOnly makes: the overlay's delta, test
// fixtures) have the external ids as internal ids; their documents are
// numbered in internal id order, which is the order searchers return them
// in, through a map.

// column is one keyword field of a table.
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

// table is the column table of one index snapshot.
type table struct {
	reader bindex.IndexReader // held open: the snapshot the table numbers
	segs   *segments          // scorch: its segments, read directly
	// Not scorch: document number -> internal id, ascending, and back.
	ids  [][]byte
	num  map[string]uint32
	cols map[string]*column
	// articleOf maps a quote document to its article document (noDoc: none
	// in this snapshot), through the quote's article id.
	articleOf []uint32
	// rows are the rows of the forward columns quotes share with their
	// article (column.row). With them, articleOf is dropped and a quote's
	// article is its row's document (rowDoc): 13 MB less at a million
	// articles.
	rows   []uint32
	rowDoc []uint32
	// Scorch: the id order (idorder.go), once built, and the build's
	// cancel and end, which close waits for.
	order       atomic.Pointer[idOrder]
	orderCancel context.CancelFunc
	orderDone   chan struct{}
	// The norm groups of filter terms (topk.go), by field and term.
	normsMu sync.Mutex
	norms   map[string][]*roaring.Bitmap
	// The generation's groups of near-duplicates on this table
	// (collapse.go), made on first use.
	groupsOnce sync.Once
	groups     *tableGroups
}

// minForwardTerms: a field with at most this many terms gets no forward
// column (4 bytes a document): it is always counted by its postings.
const minForwardTerms = 64

// noDoc marks a quote whose article is not in the snapshot.
const noDoc = math.MaxUint32

// Fields of a table: every facet and filter field, the histogram's, the
// document type, and the article id linking quotes to their article.
// forwardFields are also counted per document.
var (
	tableFields   = append(filterIndexFields(), index.FieldDay, index.FieldDated, index.FieldPrecision, index.FieldType, index.FieldArticleID)
	forwardFields = append(filterIndexFields(), index.FieldDay)
)

// filterIndexFields are the index fields of the API filters and facets.
func filterIndexFields() []string {
	var out []string
	for _, name := range FilterNames {
		out = append(out, filterFields[name])
	}
	return out
}

// buildTable builds the table of idx's current snapshot. The caller closes
// the table (which releases the snapshot) when done with it.
func buildTable(ctx context.Context, idx bleve.Index) (*table, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("column table: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("column table: %w", err)
	}
	t := &table{reader: r, cols: map[string]*column{}}
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		t.segs = newSegments(snap)
	} else {
		if err := t.numberDocs(); err != nil {
			_ = r.Close()
			return nil, fmt.Errorf("column table: %w", err)
		}
	}
	// The fields are read in parallel, on as many goroutines as CPUs.
	cols := make([]*column, len(tableFields))
	errs := make([]error, len(tableFields))
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(tableFields)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(tableFields); i = int(next.Add(1)) - 1 {
				f := tableFields[i]
				cols[i], errs[i] = t.readColumn(ctx, f, slices.Contains(forwardFields, f))
			}
		})
	}
	wg.Wait()
	for i, f := range tableFields {
		if errs[i] != nil {
			_ = r.Close()
			return nil, fmt.Errorf("column table: field %s: %w", f, errs[i])
		}
		t.cols[f] = cols[i]
	}
	if err := t.linkArticles(); err != nil {
		_ = r.Close()
		return nil, fmt.Errorf("column table: %w", err)
	}
	// The article ids were read for articleOf alone: one term per article
	// with quotes, the table's largest column.
	delete(t.cols, index.FieldArticleID)
	docs := 0
	for _, bm := range t.cols[index.FieldType].post {
		if !bm.IsEmpty() {
			docs = max(docs, int(bm.Maximum())+1)
		}
	}
	row, rows := rowsOf(t.articleOf, docs)
	for _, f := range forwardFields {
		if !speakerField(f) && t.cols[f].inherit(t.articleOf, row, rows) {
			t.rows = row
		}
		t.cols[f].narrow()
	}
	if t.rows != nil {
		t.linkRows(rows)
	}
	return t, nil
}

// rowsOf numbers the rows of forward columns whose quotes repeat their
// article's values: one row for each of docs documents but the quotes of
// an article (articleOf: a quote's article, noDoc for none), which have
// their article's row.
func rowsOf(articleOf []uint32, docs int) (row []uint32, rows int) {
	row = make([]uint32, docs)
	quote := func(d int) bool { return d < len(articleOf) && articleOf[d] != noDoc }
	for d := range docs {
		if !quote(d) {
			row[d] = uint32(rows)
			rows++
		}
	}
	for d := range docs {
		if quote(d) {
			row[d] = row[articleOf[d]]
		}
	}
	return row, rows
}

// speakerField tells the fields whose values a quote document does not
// repeat from its article (index.Documents): its own speaker's.
func speakerField(f string) bool {
	return f == index.FieldSpeaker || f == index.FieldSpeakerKind || f == index.FieldSpeakerCountry
}

// inherit makes c's forward column one of rows (row, rowsOf): a quote of
// an article reads its article's values. Quote documents repeat their
// article's filter fields, so at a million articles, with three quotes an
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

// buildOrder builds the id order of a scorch table in the background;
// until it is there, firstByID walks the dictionaries.
func (t *table) buildOrder(logf func(error)) {
	if t.segs == nil || t.orderDone != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.orderCancel, t.orderDone = cancel, make(chan struct{})
	go func() {
		defer close(t.orderDone)
		o, err := t.segs.buildIDOrder(ctx)
		if err != nil {
			if ctx.Err() == nil {
				logf(err)
			}
			return
		}
		t.order.Store(o)
	}()
}

// close releases the table's snapshot, after stopping the build of its id
// order.
func (t *table) close() error {
	if t == nil || t.reader == nil {
		return nil
	}
	if t.orderDone != nil {
		t.orderCancel()
		<-t.orderDone
	}
	err := t.reader.Close()
	t.reader = nil
	return err
}

// numberDocs numbers the documents of a snapshot that is not scorch's.
func (t *table) numberDocs() error {
	dr, err := t.reader.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer dr.Close()
	t.num = map[string]uint32{}
	for {
		id, err := dr.Next()
		if err != nil {
			return err
		}
		if id == nil {
			break
		}
		id = slices.Clone(id)
		t.num[string(id)] = uint32(len(t.ids))
		t.ids = append(t.ids, id)
	}
	if !slices.IsSortedFunc(t.ids, bytes.Compare) {
		return errors.New("documents not in internal id order")
	}
	return nil
}

// docNum is the number of the document with internal id id.
func (t *table) docNum(id bindex.IndexInternalID) (uint32, bool) {
	if t.num != nil {
		n, ok := t.num[string(id)]
		return n, ok
	}
	if len(id) != 8 || id.Value() > math.MaxUint32-1 {
		return 0, false
	}
	return uint32(id.Value()), true
}

// internalID is the internal id of document number n, in buf.
func (t *table) internalID(buf []byte, n uint32) bindex.IndexInternalID {
	if t.ids != nil {
		return t.ids[n]
	}
	return bindex.NewIndexInternalID(buf, uint64(n))
}

// numAtOrAfter is the number of the first document whose internal id is
// id or after it (beyond the last: ok false).
func (t *table) numAtOrAfter(id bindex.IndexInternalID) (n uint32, ok bool) {
	if t.ids == nil {
		if len(id) != 8 || id.Value() > math.MaxUint32-1 {
			return 0, false
		}
		return uint32(id.Value()), true
	}
	i, _ := slices.BinarySearchFunc(t.ids, []byte(id), bytes.Compare)
	return uint32(i), i < len(t.ids)
}

// readColumn reads field's dictionary and postings, and with fwd its
// forward column.
func (t *table) readColumn(ctx context.Context, field string, fwd bool) (*column, error) {
	var (
		terms []string
		post  []*roaring.Bitmap
		err   error
	)
	if t.segs != nil {
		terms, post, err = t.segs.postings(ctx, field)
	} else {
		terms, post, err = t.readerPostings(ctx, field)
	}
	if err != nil {
		return nil, err
	}
	if !slices.IsSorted(terms) {
		return nil, errors.New("terms not in byte order")
	}
	c := &column{terms: terms, post: post}
	maxDoc := uint32(0)
	for o := range terms {
		if bm := post[o]; !bm.IsEmpty() {
			maxDoc = max(maxDoc, bm.Maximum()+1)
		}
	}
	if fwd && len(terms) > minForwardTerms {
		c.fillForward(maxDoc)
	}
	return c, nil
}

// readerPostings reads field's terms and postings through the index
// reader's API: any index type, one term at a time.
func (t *table) readerPostings(ctx context.Context, field string) ([]string, []*roaring.Bitmap, error) {
	r := t.reader
	dict, err := r.FieldDict(field)
	if err != nil {
		return nil, nil, err
	}
	var terms []string
	for {
		de, err := dict.Next()
		if err != nil {
			_ = dict.Close()
			return nil, nil, err
		}
		if de == nil {
			break
		}
		terms = append(terms, de.Term)
	}
	if err := dict.Close(); err != nil {
		return nil, nil, err
	}
	var tfd bindex.TermFieldDoc
	post := make([]*roaring.Bitmap, 0, len(terms))
	for _, term := range terms {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
		if err != nil {
			return nil, nil, err
		}
		bm := roaring.New()
		for {
			tfd.ID = tfd.ID[:0] // some readers append to it
			d, err := tfr.Next(&tfd)
			if err != nil {
				_ = tfr.Close()
				return nil, nil, err
			}
			if d == nil {
				break
			}
			n, ok := t.docNum(d.ID)
			if !ok {
				_ = tfr.Close()
				return nil, nil, fmt.Errorf("document %x not numbered", d.ID)
			}
			bm.Add(n)
		}
		if err := tfr.Close(); err != nil {
			return nil, nil, err
		}
		bm.RunOptimize()
		post = append(post, bm)
	}
	return terms, post, nil
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

// linkArticles fills articleOf: for each article id that quotes carry, the
// article document with that id.
func (t *table) linkArticles() error {
	ids := t.cols[index.FieldArticleID]
	articles := t.cols[index.FieldType].posting(index.TypeArticle)
	size := uint32(0)
	for _, bm := range ids.post {
		if !bm.IsEmpty() {
			size = max(size, bm.Maximum()+1)
		}
	}
	t.articleOf = make([]uint32, size)
	for i := range t.articleOf {
		t.articleOf[i] = noDoc
	}
	lookup := t.docOfID
	if t.segs != nil {
		lookup = t.segs.docOf
	}
	for o, id := range ids.terms {
		a, ok, err := lookup(id)
		if err != nil {
			return fmt.Errorf("article %q: %w", id, err)
		}
		if !ok || !articles.Contains(a) {
			continue // the article is not in this snapshot
		}
		it := ids.post[o].Iterator()
		for it.HasNext() {
			t.articleOf[it.Next()] = a
		}
	}
	return nil
}

// docs is the number of the table's documents, articles and quotes.
func (t *table) docs() uint64 {
	n := uint64(0)
	for _, bm := range t.cols[index.FieldType].post {
		n += bm.GetCardinality()
	}
	return n
}

// bytes estimates the memory the table holds.
func (t *table) bytes() int {
	n := 4*(len(t.articleOf)+len(t.rows)+len(t.rowDoc)) + 16*len(t.ids)
	for _, c := range t.cols {
		n += 4*(len(c.start)+len(c.vals)+len(c.base)) + 2*(len(c.vals16)+len(c.off)) + 16*len(c.post)
		for o, term := range c.terms {
			n += 2*len(term) + 48 + int(c.post[o].GetSizeInBytes())
		}
	}
	return n
}

// docOfID is the number of the document with external id id.
func (t *table) docOfID(id string) (uint32, bool, error) {
	iid, err := t.reader.InternalID(id)
	if err != nil || iid == nil {
		return 0, false, err
	}
	n, ok := t.docNum(iid)
	return n, ok, nil
}

// linkRows replaces articleOf by rowDoc, the document of each of rows
// rows (t.rows, rowsOf): an article's, or a quote's whose article is not
// in the snapshot.
func (t *table) linkRows(rows int) {
	rowDoc := make([]uint32, rows)
	for d, r := range t.rows {
		if t.articleOfQuote(uint32(d)) == noDoc {
			rowDoc[r] = uint32(d)
		}
	}
	t.rowDoc, t.articleOf = rowDoc, nil
}

// articleOfQuote is the article document of quote document q, or noDoc.
func (t *table) articleOfQuote(q uint32) uint32 {
	if t.rowDoc != nil {
		if int(q) >= len(t.rows) {
			return noDoc
		}
		if a := t.rowDoc[t.rows[q]]; a != q {
			return a
		}
		return noDoc
	}
	if int(q) >= len(t.articleOf) {
		return noDoc
	}
	return t.articleOf[q]
}
