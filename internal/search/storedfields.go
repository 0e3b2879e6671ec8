package search

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Stored fields of an export's hits, read straight from the segments.
//
// Bleve loads a hit's stored fields (SearchRequest.Fields) with the index
// reader's Document: a lookup of the external id in every segment's _id
// dictionary, then every stored field of the document copied into a new
// document, the body and the annotations JSON included, of which a hit
// keeps a few small fields. An export of many rows spent most of its time
// there. fieldLoader reads a hit of a base shard from its internal id
// instead (the document's number in the shard's snapshot, which the
// column table reads too), keeping only the fields asked for, and gives
// them to Bleve's own LoadAndHighlightFields, so that the values are what
// Bleve gives. A hit it cannot place (the overlay's delta, a shard that is
// not scorch, a document whose _id is not the hit's) is loaded by Bleve
// as before.

// fieldLoader loads the stored fields of hits on one view.
type fieldLoader struct {
	s      *served
	byName map[string]*segments // a base shard's index name -> its segments; nil: ambiguous
}

// newFieldLoader places hits of v's base shards by the name of the index
// that found them (bsearch.DocumentMatch.Index).
func newFieldLoader(s *served, v *fastView) *fieldLoader {
	l := &fieldLoader{s: s, byName: map[string]*segments{}}
	for i, sh := range s.gen.Shards() {
		if i >= len(v.sides) || v.sides[i].t == v.delta {
			break
		}
		name := sh.Name()
		if name == "" {
			continue // the name of an index in memory, such as the delta
		}
		if _, dup := l.byName[name]; dup {
			l.byName[name] = nil
			continue
		}
		l.byName[name] = v.sides[i].t.segs // nil when not scorch
	}
	return l
}

// load sets the stored fields of each hit to fields, as Bleve's search with
// SearchRequest.Fields = fields sets them.
func (l *fieldLoader) load(ctx context.Context, hits bsearch.DocumentMatchCollection, fields []string) error {
	segsOf := make([]*segments, len(hits))
	for i, h := range hits {
		segsOf[i] = l.byName[h.Index]
	}
	return loadFields(ctx, hits, segsOf, fields, func(_ int, id string) (bindex.Document, error) {
		return l.s.gen.Index.Document(id) // Bleve's way, through the served index (the overlay)
	}, nil)
}

// loadFields sets the stored fields of each hit to fields, as Bleve's
// search with SearchRequest.Fields = fields sets them: hits[i] from the
// segments segsOf[i] when it is there, else the document from other(i, id).
// seen, when not nil, is shown each hit's document (its fields of fields).
func loadFields(ctx context.Context, hits bsearch.DocumentMatchCollection, segsOf []*segments, fields []string,
	other func(i int, id string) (bindex.Document, error), seen func(i int, doc bindex.Document)) error {
	req := &bleve.SearchRequest{Fields: fields}
	want := make(map[string]bool, len(fields))
	for _, f := range fields {
		want[f] = true
	}
	r := &docReader{}
	for i, h := range hits {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("stored fields: %w", err)
			}
		}
		var doc bindex.Document
		d, err := segsOf[i].document(h, want)
		if err != nil {
			return fmt.Errorf("stored fields of %s: %w", h.ID, err)
		}
		if d != nil {
			doc = d
		} else if doc, err = other(i, h.ID); err != nil {
			return fmt.Errorf("stored fields of %s: %w", h.ID, err)
		}
		if doc == nil {
			continue // as Bleve: a document gone has no fields
		}
		if seen != nil {
			seen(i, doc)
		}
		h.Fields = nil
		r.doc = doc
		if err, _ := bleve.LoadAndHighlightFields(h, req, "", r, nil); err != nil {
			return fmt.Errorf("stored fields of %s: %w", h.ID, err)
		}
	}
	return nil
}

// document reads the fields of want of hit h from segs (nil: none); nil
// when h is not there.
func (segs *segments) document(h *bsearch.DocumentMatch, want map[string]bool) (*document.Document, error) {
	if segs == nil || len(h.IndexInternalID) != 8 {
		return nil, nil
	}
	k, local, ok := segs.locate(h.IndexInternalID.Value())
	if !ok {
		return nil, nil
	}
	doc := document.NewDocument(h.ID)
	placed := false
	err := segs.segs[k].VisitDocument(local, func(name string, typ byte, val []byte, pos []uint64) bool {
		if name == "_id" {
			placed = string(val) == h.ID
			return placed
		}
		if !want[name] {
			return true
		}
		// Copied, as Bleve copies them: val lives in the segment's buffer.
		val, pos = slices.Clone(val), slices.Clone(pos)
		switch typ {
		case 't':
			doc.AddField(document.NewTextField(name, pos, val))
		case 'n':
			doc.AddField(document.NewNumericFieldFromBytes(name, pos, val))
		case 'd':
			doc.AddField(document.NewDateTimeFieldFromBytes(name, pos, val))
		case 'b':
			doc.AddField(document.NewBooleanFieldFromBytes(name, pos, val))
		default:
			placed = false // a type exports do not read: Bleve's way
			return false
		}
		return true
	})
	if err != nil || !placed {
		return nil, err
	}
	return doc, nil
}

// docReader is an index reader whose Document is one prepared document,
// for bleve.LoadAndHighlightFields (which calls nothing else without a
// highlighter).
type docReader struct {
	bindex.IndexReader
	doc bindex.Document
}

// Document returns the prepared document.
func (r *docReader) Document(string) (bindex.Document, error) { return r.doc, nil }
