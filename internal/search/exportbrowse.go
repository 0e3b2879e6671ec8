package search

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/readout/readout/internal/index"
)

// An export of a browse sorted by relevance (no q, no date range) in one
// pass. Paged with cursors, each page of such an export searched again:
// the candidates of the page (topk.go byRelevance) walked every segment's
// _id dictionary from the cursor on, which made a 100,000-row export cost
// seconds. Here the order is computed once per side, on the view the
// export holds: a browse's score is the same for every document of a class
// of equal term frequency and norm for each filter value (see topk.go),
// so the order is the classes by score, each class in id order (Bleve's
// tie-break), and the sides merged by (score, id). Each page then loads
// its hits' stored fields (storedfields.go). The per-page search
// (Engine.run) stays the reference: export_equal_test.go holds these
// exports to it.

// browseExport yields the hits of one export in order.
type browseExport struct {
	e     *Engine
	p     *plan
	view  *fastView
	total int
	heads docHeap // each side's next document
	sides []*sideOrder
	// Sorted by date (newest first when desc): the order is the days of the
	// day column, each group of days read with its stored fields and sorted
	// by published time and id.
	byDate, desc bool
	fields       []string // the stored fields of the hits
	// One side: its order needs no ids (they break ties between sides).
	single bool
}

// sideOrder is the documents of one side in the export's order: the
// classes from the highest score, each sorted by id as it is reached.
type sideOrder struct {
	k       int
	classes []scoredClass
	next    int        // the class to sort next
	docs    []orderDoc // the current class (by date: group of days), sorted
	at      int
	// Sorted by date: the side's documents, the next day (ordinal of the
	// day column, in the sort's direction) and whether the undated ones,
	// which come last, were taken.
	set     *roaring.Bitmap
	day     int
	undated bool
	// With q: every document's score (classes is one, of every document).
	scored *docScores
	// Without q, with the table's id order: the current class, read into
	// docs exportChunk documents at a time (fill), so that an export reads
	// as much of the order as the rows it gives.
	cls *classWalk
}

// orderDoc is one document of a side. id refers to the segment's memory
// (held open by the view) or to the table's.
type orderDoc struct {
	id    []byte
	num   uint32
	score float64
	side  int
	// Sorted by date: the published time (UnixNano; undated: none, read
	// from the doc values or the stored record). The hit, with its stored
	// fields: dm (Bleve's way) or, for an article read from the segments,
	// hit (readArticle).
	date  int64
	dated bool
	dm    *bsearch.DocumentMatch
	hit   *Hit
}

// newBrowseExport returns the export of p in one pass on view v, or nil
// when p is not a browse (no q, no date range: they score otherwise) that
// the classes of equal score apply to.
func (e *Engine) newBrowseExport(ctx context.Context, p *plan, v *fastView) (*browseExport, error) {
	r := p.req
	if p.speakerSem || !r.From.IsZero() || !r.To.IsZero() {
		return nil, nil
	}
	x := &browseExport{e: e, p: p, view: v, byDate: r.Sort == SortNewest || r.Sort == SortOldest, desc: r.Sort == SortNewest}
	if !x.byDate && r.Sort != "" && r.Sort != SortRelevance {
		return nil, nil
	}
	f := &fastReq{s: p.s, view: v}
	if err := f.qSets(ctx, p); err != nil {
		return nil, err
	}
	sets, err := f.docs(ctx, p, "")
	if err != nil {
		return nil, err
	}
	x.fields = x.fieldsOf()
	x.heads.x = x
	x.single = len(sets) == 1
	p.fields = newFieldLoader(p.s, v) // for the quotes of article hits
	for k, set := range sets {
		x.total += int(set.GetCardinality())
		so := &sideOrder{k: k, set: set}
		if p.textQ == nil {
			if so.classes, err = f.scoreClasses(ctx, p, k, set); err != nil || so.classes == nil {
				return nil, err
			}
		} else {
			// Scored one by one, as one class sorted by score.
			if so.scored, err = f.scoreAll(ctx, p, k, set); err != nil {
				return nil, err
			}
			so.classes = []scoredClass{{docs: set}}
		}
		if x.desc {
			so.day = len(v.sides[k].t.cols[index.FieldDay].terms) - 1
		}
		x.sides = append(x.sides, so)
		d, ok, err := x.next(ctx, so)
		if err != nil {
			return nil, err
		}
		if ok {
			x.heads.docs = append(x.heads.docs, d)
		}
	}
	heap.Init(&x.heads)
	return x, nil
}

// next returns so's next document, sorting its next class (or group of
// days) when the current one is done; false when none is left.
func (x *browseExport) next(ctx context.Context, so *sideOrder) (orderDoc, bool, error) {
	for so.at >= len(so.docs) {
		if so.cls != nil {
			ok, err := so.fill()
			if err != nil {
				return orderDoc{}, false, err
			}
			if ok {
				continue
			}
			so.cls = nil
		}
		var (
			docs []orderDoc
			err  error
		)
		switch {
		case x.byDate:
			g := x.nextDays(so)
			if g == nil {
				return orderDoc{}, false, nil
			}
			docs, err = x.sortByDate(ctx, so, g)
		case so.next < len(so.classes):
			so.next++
			c := so.classes[so.next-1]
			if o := x.view.sides[so.k].t.order.Load(); o != nil && so.scored == nil {
				if so.cls, err = walkClass(o, c); err != nil {
					return orderDoc{}, false, err
				}
				continue
			}
			docs, err = x.sortByID(so, c.docs)
			if err == nil && so.scored != nil {
				slices.SortStableFunc(docs, x.compare) // by score, then id
			}
		default:
			return orderDoc{}, false, nil
		}
		if err != nil {
			return orderDoc{}, false, err
		}
		so.docs, so.at = docs, 0
	}
	d := &so.docs[so.at]
	so.at++
	if d.id == nil && !(x.single && x.direct(x.view.sides[d.side].t)) {
		// Read with the row's stored fields otherwise (readArticle).
		if err := x.idOf(d); err != nil {
			return orderDoc{}, false, err
		}
	}
	return *d, true, nil
}

// idOf reads d's external id (sortByID leaves it to be read when reached).
func (x *browseExport) idOf(d *orderDoc) error {
	t := x.view.sides[d.side].t
	if s := t.segs; s != nil {
		seg, local, ok := s.locate(uint64(d.num))
		if !ok {
			return fmt.Errorf("export: id of document %d: %w", d.num, errNoID)
		}
		id, err := s.segs[seg].DocID(local)
		if err != nil || id == nil {
			return fmt.Errorf("export: id of document %d: %w", d.num, errors.Join(err, errNoID))
		}
		d.id = id
		return nil
	}
	var buf [8]byte
	id, err := t.reader.ExternalID(t.internalID(buf[:], d.num))
	if err != nil {
		return fmt.Errorf("export: id of document %d: %w", d.num, err)
	}
	d.id = []byte(id)
	return nil
}

// dateGroup is how many documents a group of days sorted by date holds at
// least (a day's documents are never split).
const dateGroup = exportPageSize

// nextDays returns so's documents of the next days in the sort order, at
// least dateGroup of them while days are left, then the undated ones;
// nil when none are left.
func (x *browseExport) nextDays(so *sideOrder) *roaring.Bitmap {
	t := x.view.sides[so.k].t
	col := t.cols[index.FieldDay]
	g := roaring.New()
	for so.day >= 0 && so.day < len(col.terms) && g.GetCardinality() < dateGroup {
		g.Or(roaring.And(so.set, col.post[so.day]))
		if x.desc {
			so.day--
		} else {
			so.day++
		}
	}
	if g.IsEmpty() && !so.undated {
		so.undated = true
		g = roaring.And(so.set, t.cols[index.FieldDated].posting("false"))
	}
	if g.IsEmpty() {
		return nil
	}
	return g
}

// sortByDate sorts group g of so's documents by published time (undated
// last), then id, as Bleve's sort by date does, reading each one's time
// from the doc values Bleve sorts on, and reads their stored fields.
func (x *browseExport) sortByDate(ctx context.Context, so *sideOrder, g *roaring.Bitmap) ([]orderDoc, error) {
	docs, err := x.sortByID(so, g)
	if err != nil {
		return nil, err
	}
	t := x.view.sides[so.k].t
	if x.direct(t) {
		if err := x.readByDate(ctx, t, docs); err != nil {
			return nil, err
		}
		slices.SortStableFunc(docs, x.compare)
		return docs, nil
	}
	for i := range docs {
		if docs[i].id == nil {
			if err := x.idOf(&docs[i]); err != nil {
				return nil, err
			}
		}
	}
	dms := make(bsearch.DocumentMatchCollection, len(docs))
	segsOf := make([]*segments, len(docs))
	var buf [8]byte
	for i, d := range docs {
		dms[i] = &bsearch.DocumentMatch{ID: string(d.id), Score: d.score, IndexInternalID: slices.Clone(t.internalID(buf[:], d.num))}
		segsOf[i] = t.segs
		docs[i].dm = dms[i]
	}
	dvr, err := t.reader.DocValueReader([]string{index.FieldPublished})
	if err != nil {
		return nil, fmt.Errorf("export: dates: %w", err)
	}
	for i := range docs {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("export: dates: %w", err)
			}
		}
		d := &docs[i]
		err := dvr.VisitDocValues(d.dm.IndexInternalID, func(_ string, term []byte) {
			if ok, shift := numeric.ValidPrefixCodedTermBytes(term); ok && shift == 0 && !d.dated {
				if n, err := numeric.PrefixCoded(term).Int64(); err == nil {
					d.date, d.dated = n, true
				}
			}
		})
		if err != nil {
			return nil, fmt.Errorf("export: date of %s: %w", d.dm.ID, err)
		}
	}
	if len(x.fields) > 0 {
		err = loadFields(ctx, dms, segsOf, x.fields, nil, nil, func(_ int, id string) (bindex.Document, error) {
			return t.reader.Document(id) // the view's, as the order
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(docs, x.compare) // stable: docs are in id order
	return docs, nil
}

// readByDate reads each of docs (articles of table t, whose segments are
// known) from one pass over its stored record: its id, its published time
// (the stored value is the doc value Bleve sorts on) and its hit. It
// costs a fraction of reading the id, the doc values and the stored
// fields each on their own (each decodes the record or a chunk of doc
// values again) and of Bleve's document and field map.
func (x *browseExport) readByDate(ctx context.Context, t *table, docs []orderDoc) error {
	for i := range docs {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
		if err := x.readArticle(t, &docs[i]); err != nil {
			return err
		}
	}
	return nil
}

// readArticle reads d's id, date and hit (readByDate).
func (x *browseExport) readArticle(t *table, d *orderDoc) error {
	a, ok, err := t.segs.article(uint64(d.num))
	if err != nil || !ok {
		return fmt.Errorf("export: document %d: %w", d.num, errors.Join(err, errNoID))
	}
	d.id, d.date, d.dated = []byte(a.id), a.date, a.dated
	hit := a.shown.hit(a.id, d.score, nil)
	d.hit = &hit
	return nil
}

var errNoID = errors.New("no id")

// direct reports whether the export reads the hits of table t from its
// segments itself (readArticle): article hits (an export never highlights)
// of a base shard.
func (x *browseExport) direct(t *table) bool {
	return t.segs != nil && x.p.req.Mode == ModeArticles && !x.p.req.Highlight
}

// page returns the next size hits, with the export's total; no hits when
// none are left.
func (x *browseExport) page(ctx context.Context, size int) (*Response, error) {
	p := x.p
	resp := &Response{Total: x.total, Mode: p.req.Mode, Query: p.printed, Generation: p.s.gen.Name, Hits: []Hit{}}
	docs := make([]orderDoc, 0, min(size, x.heads.Len()))
	for len(docs) < size && x.heads.Len() > 0 {
		if len(docs)%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("export: %w", err)
			}
		}
		d := heap.Pop(&x.heads).(orderDoc)
		docs = append(docs, d)
		nd, ok, err := x.next(ctx, x.sides[d.side])
		if err != nil {
			return nil, err
		}
		if ok {
			heap.Push(&x.heads, nd)
		}
	}
	if len(docs) == 0 {
		return resp, nil
	}
	var err error
	if resp.Hits, err = x.hits(ctx, docs); err != nil {
		return nil, err
	}
	return resp, nil
}

// hits are the hits of docs: read from the segments where the export
// reads them itself (readArticle; by date, as the days were sorted), the
// others loaded and decoded as a search's hits.
func (x *browseExport) hits(ctx context.Context, docs []orderDoc) ([]Hit, error) {
	var read, other []int // the indexes of docs of each kind
	for i := range docs {
		d := &docs[i]
		t := x.view.sides[d.side].t
		if d.hit == nil && d.dm == nil && x.direct(t) {
			if err := x.readArticle(t, d); err != nil {
				return nil, err
			}
		}
		if d.hit != nil {
			read = append(read, i)
		} else {
			other = append(other, i)
		}
	}
	out := make([]Hit, len(docs))
	if len(other) == 0 { // every hit read: no copy
		for i := range docs {
			out[i] = *docs[i].hit
		}
		return out, x.e.completeArticleHits(ctx, x.p, out)
	}
	if len(read) > 0 {
		hits := make([]Hit, len(read))
		for j, i := range read {
			hits[j] = *docs[i].hit
		}
		if err := x.e.completeArticleHits(ctx, x.p, hits); err != nil {
			return nil, err
		}
		for j, i := range read {
			out[i] = hits[j]
		}
	}
	dms := make(bsearch.DocumentMatchCollection, len(other))
	var load bsearch.DocumentMatchCollection // those whose stored fields are not read yet
	var loadSegs []*segments
	var loadSides []int
	var buf [8]byte
	for j, i := range other {
		d := &docs[i]
		if d.dm == nil {
			t := x.view.sides[d.side].t
			d.dm = &bsearch.DocumentMatch{ID: string(d.id), Score: d.score, IndexInternalID: slices.Clone(t.internalID(buf[:], d.num))}
			load, loadSegs, loadSides = append(load, d.dm), append(loadSegs, t.segs), append(loadSides, d.side)
		}
		dms[j] = d.dm
	}
	if len(load) > 0 {
		err := loadFields(ctx, load, loadSegs, x.fields, nil, nil, func(k int, id string) (bindex.Document, error) {
			return x.view.sides[loadSides[k]].t.reader.Document(id) // the view's, as the order
		})
		if err != nil {
			return nil, err
		}
	}
	hits, err := x.e.hits(ctx, x.p, &bleve.SearchResult{Hits: dms})
	if err != nil {
		return nil, err
	}
	for j, i := range other {
		out[i] = hits[j]
	}
	return out, nil
}

// admittedPage is page under the cost budget of the export's request, as
// Engine.run admits each page of a paged export; more reports whether
// documents are left.
func (x *browseExport) admittedPage(ctx context.Context, size int) (resp *Response, more bool, err error) {
	release, err := x.e.admit(ctx, x.e.estimate(x.p))
	if err != nil {
		return nil, false, err
	}
	defer release()
	if resp, err = x.page(ctx, size); err != nil {
		return nil, false, err
	}
	return resp, x.heads.Len() > 0, nil
}

// fieldsOf is the stored fields of the export's hits.
func (x *browseExport) fieldsOf() []string {
	main := &bleve.SearchRequest{}
	x.p.setHitFields(main)
	return main.Fields
}
