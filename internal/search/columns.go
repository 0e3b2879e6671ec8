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
	"github.com/readout/readout/internal/schema"
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
				// A joined field's forward column is filled once its
				// postings have their quotes (joinQuotes).
				cols[i], errs[i] = t.readColumn(ctx, f, slices.Contains(forwardFields, f) && !joinedField(f))
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
	if err := t.joinQuotes(ctx); err != nil {
		_ = r.Close()
		return nil, fmt.Errorf("column table: %w", err)
	}
	row, rows := rowsOf(t.articleOf, t.numbered())
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

// joinedField tells the fields quote documents may leave to their article
// (schema.Field.Joined), whose postings the table gives them (joinQuotes).
func joinedField(f string) bool { return slices.Contains(joinedFields, f) }

var joinedFields = schema.JoinedIndexFields()

// joinQuotes adds to each joined field's postings the quotes of the
// articles in them, then fills their forward columns: a quote has its
// article's values whether its document carries them (generations built
// before the join, index.DocumentsRepeated, where the union changes
// nothing) or not (index.Documents).
// The quotes of each article are found through an index built once from
// articleOf (CSR: the quotes of article a are quotes[start[a]:start[a+1]]).
func (t *table) joinQuotes(ctx context.Context) error {
	docs := t.numbered()
	start := make([]uint32, docs+1)
	for _, a := range t.articleOf {
		if a != noDoc {
			start[a+1]++
		}
	}
	for d := 1; d < len(start); d++ {
		start[d] += start[d-1]
	}
	quotes := make([]uint32, start[docs])
	next := slices.Clone(start[:docs])
	for q, a := range t.articleOf {
		if a != noDoc {
			quotes[next[a]] = uint32(q)
			next[a]++
		}
	}
	next = nil
	var buf []uint32
	for _, f := range joinedFields {
		c := t.cols[f]
		if c == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		maxDoc := uint32(0)
		for o, bm := range c.post {
			buf = buf[:0]
			it := bm.Iterator()
			for it.HasNext() {
				if d := it.Next(); int(d) < docs && start[d] < start[d+1] {
					buf = append(buf, quotes[start[d]:start[d+1]]...)
				}
			}
			if len(buf) > 0 {
				bm = bm.Clone()
				bm.AddMany(buf)
				bm.RunOptimize()
				c.post[o] = bm
			}
			if !bm.IsEmpty() {
				maxDoc = max(maxDoc, bm.Maximum()+1)
			}
		}
		if slices.Contains(forwardFields, f) && len(c.terms) > minForwardTerms {
			c.fillForward(maxDoc)
		}
	}
	return nil
}

// speakerField tells the fields whose values a quote document does not
// repeat from its article (index.Documents): its own speaker's.
func speakerField(f string) bool {
	return f == index.FieldSpeaker || f == index.FieldSpeakerKind || f == index.FieldSpeakerCountry
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

// numbered is one more than the table's highest document number: the
// length of an array by document.
func (t *table) numbered() int {
	n := 0
	for _, bm := range t.cols[index.FieldType].post {
		if !bm.IsEmpty() {
			n = max(n, int(bm.Maximum())+1)
		}
	}
	return n
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
