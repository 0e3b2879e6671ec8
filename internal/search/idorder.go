package search

import (
	"container/heap"
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The id order of a scorch table: a browse sorted by relevance breaks ties
// by external id, so its page is the first documents by id of each class
// of equal score (topk.go). Walking each segment's _id dictionary for them
// costs a postings list a document, which for a small class means most of
// the dictionary. The id order, built once per table in the background
// after the table (a few seconds at a million articles, 8 bytes a
// document), answers from the class's own documents instead.

// idOrder is the documents of a table in external id order.
type idOrder struct {
	rank   []uint32 // document number -> position in id order; noDoc: deleted
	byRank []uint32 // position -> document number
}

// buildIDOrder merges the segments' _id dictionaries, each in id order.
func (s *segments) buildIDOrder(ctx context.Context) (*idOrder, error) {
	total := 0
	if n := len(s.offs); n > 0 {
		total = int(s.offs[n-1]) + int(s.segs[n-1].FullSize())
	}
	o := &idOrder{rank: make([]uint32, total)}
	for i := range o.rank {
		o.rank[i] = noDoc
	}
	h := make(idHeap, 0, len(s.segs))
	for k, ss := range s.segs {
		dict, err := ss.Segment().Dictionary("_id")
		if err != nil {
			return nil, fmt.Errorf("id order: segment %d: %w", k, err)
		}
		c := &idCursor{seg: k, ss: ss, dict: dict, it: dict.AutomatonIterator(nil, nil, nil)}
		if ok, err := c.next(); err != nil {
			return nil, fmt.Errorf("id order: segment %d: %w", k, err)
		} else if ok {
			h = append(h, c)
		}
	}
	heap.Init(&h)
	for n := 0; len(h) > 0; n++ {
		if n%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("id order: %w", err)
			}
		}
		c := h[0]
		doc, live, err := c.doc(s.offs[c.seg])
		if err != nil {
			return nil, fmt.Errorf("id order: segment %d: %w", c.seg, err)
		}
		if live {
			o.rank[doc] = uint32(len(o.byRank))
			o.byRank = append(o.byRank, doc)
		}
		if ok, err := c.next(); err != nil {
			return nil, fmt.Errorf("id order: segment %d: %w", c.seg, err)
		} else if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	o.byRank = slices.Clip(o.byRank)
	return o, nil
}

// idCursor walks one segment's _id dictionary.
type idCursor struct {
	seg  int
	ss   interface{ Deleted() *roaring.Bitmap }
	dict segment.TermDictionary
	it   segment.DictionaryIterator
	term string
	pl   segment.PostingsList
	pi   segment.PostingsIterator
}

func (c *idCursor) next() (bool, error) {
	de, err := c.it.Next()
	if err != nil || de == nil {
		return false, err
	}
	c.term = de.Term
	return true, nil
}

// doc is the live document of the current id, if any.
func (c *idCursor) doc(off uint32) (uint32, bool, error) {
	var err error
	if c.pl, err = c.dict.PostingsList([]byte(c.term), c.ss.Deleted(), c.pl); err != nil {
		return 0, false, err
	}
	c.pi = c.pl.Iterator(false, false, false, c.pi)
	if opt, ok := c.pi.(segment.OptimizablePostingsIterator); ok {
		if d, ok := opt.DocNum1Hit(); ok {
			return uint32(d) + off, true, nil
		}
	}
	p, err := c.pi.Next()
	if err != nil || p == nil {
		return 0, false, err
	}
	return uint32(p.Number()) + off, true, nil
}

type idHeap []*idCursor

func (h idHeap) Len() int           { return len(h) }
func (h idHeap) Less(i, j int) bool { return h[i].term < h[j].term }
func (h idHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *idHeap) Push(x any)        { *h = append(*h, x.(*idCursor)) }
func (h *idHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// firstByID returns the first k documents of set whose external id is
// after or equal to after; externalID reads a document's id.
func (o *idOrder) firstByID(set *roaring.Bitmap, after string, k int, externalID func(uint32) (string, error)) (*roaring.Bitmap, error) {
	from := 0
	if after != "" {
		// The first position whose id is at or after after.
		var ferr error
		from = sort.Search(len(o.byRank), func(i int) bool {
			id, err := externalID(o.byRank[i])
			if err != nil && ferr == nil {
				ferr = err
			}
			return id >= after
		})
		if ferr != nil {
			return nil, fmt.Errorf("id order: %w", ferr)
		}
	}
	out := roaring.New()
	if k <= 0 {
		return out, nil
	}
	n := set.GetCardinality()
	if n == 0 {
		return out, nil
	}
	if uint64(len(o.byRank)-from) <= 32*n {
		// A dense set: its next documents in id order come soon.
		for i := from; i < len(o.byRank) && int(out.GetCardinality()) < k; i++ {
			if d := o.byRank[i]; set.Contains(d) {
				out.Add(d)
			}
		}
		return out, nil
	}
	// A sparse set: the k smallest ranks among its documents.
	ranks := make([]uint32, 0, min(n, 1<<16))
	it := set.Iterator()
	for it.HasNext() {
		d := it.Next()
		if int(d) < len(o.rank) {
			if r := o.rank[d]; r != noDoc && int(r) >= from {
				ranks = append(ranks, r)
			}
		}
	}
	slices.Sort(ranks)
	for _, r := range ranks[:min(k, len(ranks))] {
		out.Add(o.byRank[r])
	}
	return out, nil
}
