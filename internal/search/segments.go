package search

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// segments reads a scorch snapshot's segments directly to build column
// tables: each field's dictionary is opened once per segment and each
// term's postings are taken as the segment's bitmap, where the index
// reader's API would open the dictionaries of every segment and walk the
// postings for every term (a table of the Reuters generation: 2.0 s that
// way). A document's number is its segment's offset (the documents of the
// segments before it, deleted ones included, as scorch numbers them) plus
// its number in the segment.
type segments struct {
	segs []*scorch.SegmentSnapshot
	offs []uint32
	ids  []segment.TermDictionary // each segment's _id dictionary, opened by docOf
	pl   segment.PostingsList
	pi   segment.PostingsIterator
}

func newSegments(snap *scorch.IndexSnapshot) *segments {
	s := &segments{segs: snap.Segments()}
	off := uint32(0)
	for _, ss := range s.segs {
		s.offs = append(s.offs, off)
		off += uint32(ss.FullSize())
	}
	return s
}

// locate is the segment of document number num and its number there
// (false: before the first segment).
func (s *segments) locate(num uint64) (seg int, local uint64, ok bool) {
	seg = sort.Search(len(s.offs), func(i int) bool { return uint64(s.offs[i]) > num }) - 1
	if seg < 0 {
		return 0, 0, false
	}
	return seg, num - uint64(s.offs[seg]), true
}

// postings returns field's terms in order and each one's documents.
func (s *segments) postings(ctx context.Context, field string) ([]string, []*roaring.Bitmap, error) {
	var (
		terms []string
		post  []*roaring.Bitmap
		merge = len(s.segs) > 1
		byKey map[string]*roaring.Bitmap
	)
	if merge {
		byKey = map[string]*roaring.Bitmap{}
	}
	for k, ss := range s.segs {
		dict, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, nil, fmt.Errorf("segment %d: %w", k, err)
		}
		var (
			pl segment.PostingsList
			pi segment.PostingsIterator
		)
		it := dict.AutomatonIterator(nil, nil, nil)
		for n := 0; ; n++ {
			if n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, nil, err
				}
			}
			de, err := it.Next()
			if err != nil {
				return nil, nil, fmt.Errorf("segment %d: %w", k, err)
			}
			if de == nil {
				break
			}
			if pl, err = dict.PostingsList([]byte(de.Term), ss.Deleted(), pl); err != nil {
				return nil, nil, fmt.Errorf("segment %d: term %q: %w", k, de.Term, err)
			}
			pi = pl.Iterator(false, false, false, pi)
			bm, err := docsOf(pi, s.offs[k])
			if err != nil {
				return nil, nil, fmt.Errorf("segment %d: term %q: %w", k, de.Term, err)
			}
			if bm.IsEmpty() {
				continue
			}
			if !merge {
				terms, post = append(terms, de.Term), append(post, bm)
			} else if prev := byKey[de.Term]; prev != nil {
				prev.Or(bm)
			} else {
				byKey[de.Term] = bm
			}
		}
	}
	if merge {
		terms = make([]string, 0, len(byKey))
		for t := range byKey {
			terms = append(terms, t)
		}
		slices.Sort(terms)
		post = make([]*roaring.Bitmap, len(terms))
		for i, t := range terms {
			post[i] = byKey[t]
		}
	}
	for i, bm := range post {
		post[i] = compact(bm)
	}
	return terms, post, nil
}

// compact returns bm in run containers where they are smaller, every
// container and slice at its length. Or-ing a segment's postings into
// another's grows an array container to twice what it may need (roaring
// keeps room for more), and shifting a segment's bitmap by its offset
// grows the container list: at a million articles a quarter of the
// posting bitmaps' memory was spare capacity.
func compact(bm *roaring.Bitmap) *roaring.Bitmap {
	bm.RunOptimize()
	return bm.Clone()
}

// docsOf returns the documents of a postings iterator, shifted by off: from
// the iterator's bitmap or single document when it exposes them, else
// one posting at a time.
func docsOf(pi segment.PostingsIterator, off uint32) (*roaring.Bitmap, error) {
	if opt, ok := pi.(segment.OptimizablePostingsIterator); ok {
		if d, ok := opt.DocNum1Hit(); ok {
			return roaring.BitmapOf(uint32(d) + off), nil
		}
		if bm := opt.ActualBitmap(); bm != nil {
			if off == 0 {
				return bm.Clone(), nil
			}
			return roaring.AddOffset(bm, off), nil
		}
	}
	bm := roaring.New()
	for {
		p, err := pi.Next()
		if err != nil {
			return nil, err
		}
		if p == nil {
			return bm, nil
		}
		bm.Add(uint32(p.Number()) + off)
	}
}

// docOf is the number of the live document with external id id. It is
// not safe for concurrent use.
func (s *segments) docOf(id string) (uint32, bool, error) {
	if s.ids == nil {
		for _, ss := range s.segs {
			dict, err := ss.Segment().Dictionary("_id")
			if err != nil {
				return 0, false, err
			}
			s.ids = append(s.ids, dict)
		}
	}
	var err error
	for k, ss := range s.segs {
		if s.pl, err = s.ids[k].PostingsList([]byte(id), ss.Deleted(), s.pl); err != nil {
			return 0, false, err
		}
		s.pi = s.pl.Iterator(false, false, false, s.pi)
		if opt, ok := s.pi.(segment.OptimizablePostingsIterator); ok {
			if d, ok := opt.DocNum1Hit(); ok {
				return uint32(d) + s.offs[k], true, nil
			}
		}
		p, err := s.pi.Next()
		if err != nil {
			return 0, false, err
		}
		if p != nil {
			return uint32(p.Number()) + s.offs[k], true, nil
		}
	}
	return 0, false, nil
}

// firstByID returns, from each segment, the first k documents of set whose
// external id is after or equal to after, walking the segment's ids in
// order: the first k of all segments are among them.
func (s *segments) firstByID(set *roaring.Bitmap, after string, k int) (*roaring.Bitmap, error) {
	out := roaring.New()
	var (
		pl segment.PostingsList
		pi segment.PostingsIterator
	)
	for i, ss := range s.segs {
		dict, err := ss.Segment().Dictionary("_id")
		if err != nil {
			return nil, err
		}
		var start []byte
		if after != "" {
			start = []byte(after)
		}
		it := dict.AutomatonIterator(nil, start, nil)
		for found := 0; found < k; {
			de, err := it.Next()
			if err != nil {
				return nil, err
			}
			if de == nil {
				break
			}
			if pl, err = dict.PostingsList([]byte(de.Term), ss.Deleted(), pl); err != nil {
				return nil, err
			}
			pi = pl.Iterator(false, false, false, pi)
			docs, err := docsOf(pi, s.offs[i])
			if err != nil {
				return nil, err
			}
			if docs.Intersects(set) {
				out.Or(docs)
				found++
			}
		}
	}
	out.And(set)
	return out, nil
}

// normGroups splits the documents with term in field by the term's
// frequency and norm in each (see table.normGroups).
func (s *segments) normGroups(field, term string) ([]*roaring.Bitmap, error) {
	type group struct {
		freq uint64
		norm float64
		docs []uint32
	}
	var groups []group
	var (
		pl segment.PostingsList
		pi segment.PostingsIterator
	)
	for k, ss := range s.segs {
		dict, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, err
		}
		if pl, err = dict.PostingsList([]byte(term), ss.Deleted(), pl); err != nil {
			return nil, err
		}
		pi = pl.Iterator(true, true, false, pi)
		last := -1
		for {
			p, err := pi.Next()
			if err != nil {
				return nil, err
			}
			if p == nil {
				break
			}
			f, n := p.Frequency(), p.Norm()
			if last < 0 || groups[last].freq != f || groups[last].norm != n {
				last = slices.IndexFunc(groups, func(g group) bool { return g.freq == f && g.norm == n })
				if last < 0 {
					groups = append(groups, group{freq: f, norm: n})
					last = len(groups) - 1
				}
			}
			groups[last].docs = append(groups[last].docs, uint32(p.Number())+s.offs[k])
		}
	}
	out := make([]*roaring.Bitmap, len(groups))
	for i, g := range groups {
		out[i] = roaring.BitmapOf(g.docs...)
	}
	return out, nil
}
