package search

import (
	"context"
	"fmt"
	"reflect"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// bitmapQuery matches a set of documents given, for each side of a view,
// as a bitmap of internal document numbers: the articles a speaker filter
// with q selects, however many (a DocIDQuery would list their ids). Its
// searcher iterates the bitmap of the side whose snapshot it searches (the
// table's reader, which a read-only index hands to every search); on any
// other snapshot (the delta changed since the view was made) it matches
// the same documents by fallback, when set, else by id. Scores are
// constant, as a DocIDQuery's.
type bitmapQuery struct {
	sides    []side
	bits     []*roaring.Bitmap // per side
	fallback bquery.Query      // the same documents on any snapshot
}

// Searcher returns the searcher of the bitmap of i's side.
func (q *bitmapQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	for k, sd := range q.sides {
		if sd.t.reader == i {
			return newBitmapSearcher(sd.t, q.bits[k], options), nil
		}
	}
	if q.fallback != nil {
		return q.fallback.Searcher(ctx, i, m, options)
	}
	var ids []string
	for k, sd := range q.sides {
		it := q.bits[k].Iterator()
		var buf [8]byte
		for it.HasNext() {
			id, err := sd.t.reader.ExternalID(sd.t.internalID(buf[:], it.Next()))
			if err != nil {
				return nil, fmt.Errorf("speaker articles: %w", err)
			}
			ids = append(ids, id)
		}
	}
	return searcher.NewDocIDSearcher(ctx, i, ids, 1.0, options)
}

// bitmapSearcher iterates a bitmap of internal document numbers.
type bitmapSearcher struct {
	t      *table
	bits   *roaring.Bitmap
	it     roaring.IntPeekable
	scorer *scorer.ConstantScorer
	buf    [8]byte
}

func newBitmapSearcher(t *table, bits *roaring.Bitmap, options bsearch.SearcherOptions) *bitmapSearcher {
	return &bitmapSearcher{t: t, bits: bits, it: bits.Iterator(), scorer: scorer.NewConstantScorer(1.0, 1.0, options)}
}

func (s *bitmapSearcher) match(ctx *bsearch.SearchContext) *bsearch.DocumentMatch {
	if !s.it.HasNext() {
		return nil
	}
	return s.scorer.Score(ctx, s.t.internalID(s.buf[:], s.it.Next()))
}

// Next returns the next document of the bitmap.
func (s *bitmapSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return s.match(ctx), nil
}

// Advance returns the first document at or after id.
func (s *bitmapSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	n, ok := s.t.numAtOrAfter(id)
	if !ok {
		return nil, nil
	}
	s.it.AdvanceIfNeeded(n)
	return s.match(ctx), nil
}

// Close does nothing: the bitmap is shared.
func (s *bitmapSearcher) Close() error { return nil }

// Weight is the constant scorer's.
func (s *bitmapSearcher) Weight() float64 { return s.scorer.Weight() }

// SetQueryNorm sets the constant scorer's.
func (s *bitmapSearcher) SetQueryNorm(qnorm float64) { s.scorer.SetQueryNorm(qnorm) }

// Count is the number of documents.
func (s *bitmapSearcher) Count() uint64 { return s.bits.GetCardinality() }

// Min is 0, as a DocIDSearcher's.
func (s *bitmapSearcher) Min() int { return 0 }

// DocumentMatchPoolSize is 1, as a DocIDSearcher's.
func (s *bitmapSearcher) DocumentMatchPoolSize() int { return 1 }

var reflectStaticSizeBitmapSearcher = int(reflect.TypeOf(bitmapSearcher{}).Size())

// Size estimates the searcher's memory.
func (s *bitmapSearcher) Size() int {
	return reflectStaticSizeBitmapSearcher + s.scorer.Size()
}
