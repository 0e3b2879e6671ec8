package search

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// The order of a browse export (exportbrowse.go): each side's classes of
// equal score read in id order, a chunk at a time, and the sides merged
// by the export's compare.

// classWalk is a class of equal score read in id order a chunk at a time:
// a class of at least 1/8 of the table walks the table's id order and
// keeps its members; a smaller one sorts its members' ranks once.
type classWalk struct {
	o     *idOrder
	set   *roaring.Bitmap
	score float64
	ranks []uint32 // sorted (a small class); nil: walk o.byRank
	at    int      // the next of ranks, or the next position of o.byRank
	left  uint64   // members not reached yet
}

// exportChunk is how many documents of a class classWalk reads at a time.
const exportChunk = 4096

// walkClass starts reading class c in the id order o.
func walkClass(o *idOrder, c scoredClass) (*classWalk, error) {
	w := &classWalk{o: o, set: c.docs, score: c.score, left: c.docs.GetCardinality()}
	if w.left*8 >= uint64(len(o.byRank)) {
		return w, nil
	}
	ranks, err := o.ranksOf(c.docs)
	if err != nil {
		return nil, err
	}
	slices.Sort(ranks)
	w.ranks = ranks
	return w, nil
}

// ranksOf is the positions in o of set's documents, unsorted.
func (o *idOrder) ranksOf(set *roaring.Bitmap) ([]uint32, error) {
	ranks := make([]uint32, 0, set.GetCardinality())
	it := set.Iterator()
	for it.HasNext() {
		n := it.Next()
		if int(n) >= len(o.rank) || o.rank[n] == noDoc {
			return nil, fmt.Errorf("export: document %d: %w", n, errNoID)
		}
		ranks = append(ranks, o.rank[n])
	}
	return ranks, nil
}

// fill reads the next chunk of so's class into so.docs; false when the
// class is done.
func (so *sideOrder) fill() (bool, error) {
	w := so.cls
	so.docs, so.at = so.docs[:0], 0
	if w.ranks != nil {
		for ; w.at < len(w.ranks) && len(so.docs) < exportChunk; w.at++ {
			so.docs = append(so.docs, orderDoc{num: w.o.byRank[w.ranks[w.at]], side: so.k, score: w.score})
		}
		return len(so.docs) > 0, nil
	}
	for ; w.at < len(w.o.byRank) && len(so.docs) < exportChunk && w.left > 0; w.at++ {
		if n := w.o.byRank[w.at]; w.set.Contains(n) {
			so.docs = append(so.docs, orderDoc{num: n, side: so.k, score: w.score})
			w.left--
		}
	}
	if len(so.docs) == 0 && w.left > 0 {
		// A member the id order does not hold: it has no id.
		return false, fmt.Errorf("export: %d documents of a class: %w", w.left, errNoID)
	}
	return len(so.docs) > 0, nil
}

// sortByID returns the documents set of so's side in id order, each with
// its score. With the table's id order the documents are sorted by rank
// and their ids are read as they are reached (idOf), so an export reads
// the ids of the rows it gives, not of every match.
func (x *browseExport) sortByID(so *sideOrder, set *roaring.Bitmap) ([]orderDoc, error) {
	k := so.k
	t := x.view.sides[k].t
	if o := t.order.Load(); o != nil {
		ranks, err := o.ranksOf(set)
		if err != nil {
			return nil, err
		}
		slices.Sort(ranks)
		docs := make([]orderDoc, len(ranks))
		for i, r := range ranks {
			n := o.byRank[r]
			docs[i] = orderDoc{num: n, side: k, score: so.scoreOf(n)}
		}
		return docs, nil
	}
	docs := make([]orderDoc, 0, set.GetCardinality())
	it := set.Iterator()
	for it.HasNext() {
		n := it.Next()
		d := orderDoc{num: n, side: k, score: so.scoreOf(n)}
		if err := x.idOf(&d); err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	slices.SortFunc(docs, func(a, b orderDoc) int { return bytes.Compare(a.id, b.id) })
	return docs, nil
}

// compare orders documents as the export's sort: by score, highest first,
// or by published time (undated last), then by id.
func (x *browseExport) compare(a, b orderDoc) int {
	if !x.byDate {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return bytes.Compare(a.id, b.id)
	}
	switch {
	case a.dated != b.dated:
		if a.dated {
			return -1
		}
		return 1
	case a.date != b.date:
		if (a.date > b.date) == x.desc {
			return -1
		}
		return 1
	}
	return bytes.Compare(a.id, b.id)
}

// docHeap orders documents by the export's compare.
type docHeap struct {
	x    *browseExport
	docs []orderDoc
}

func (h docHeap) Len() int           { return len(h.docs) }
func (h docHeap) Less(i, j int) bool { return h.x.compare(h.docs[i], h.docs[j]) < 0 }
func (h docHeap) Swap(i, j int)      { h.docs[i], h.docs[j] = h.docs[j], h.docs[i] }
func (h *docHeap) Push(v any)        { h.docs = append(h.docs, v.(orderDoc)) }
func (h *docHeap) Pop() any {
	v := h.docs[len(h.docs)-1]
	h.docs = h.docs[:len(h.docs)-1]
	return v
}
