package search

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/readout/readout/internal/index"
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
// SearchRequest.Fields = fields sets them, and with hl their fragments, as
// Bleve's highlighting does (the hits carry their term locations).
func (l *fieldLoader) load(ctx context.Context, hits bsearch.DocumentMatchCollection, fields []string, hl *bleve.HighlightRequest) error {
	segsOf := make([]*segments, len(hits))
	for i, h := range hits {
		segsOf[i] = l.byName[h.Index]
	}
	return loadFields(ctx, hits, segsOf, fields, hl, l.s.mappingOf(), func(_ int, id string) (bindex.Document, error) {
		return l.s.gen.Index.Document(id) // Bleve's way, through the served index (the overlay)
	})
}

// loadFields sets the stored fields of each hit to fields, as Bleve's
// search with SearchRequest.Fields = fields sets them, and with hl their
// fragments (m: the mapping whose analyzers give term locations their
// offsets, fillOffsets): hits[i] from the segments segsOf[i] when it is
// there, else the document from other(i, id). An article's body, lead and
// annotations are read from how it stores them (articleBody).
func loadFields(ctx context.Context, hits bsearch.DocumentMatchCollection, segsOf []*segments, fields []string,
	hl *bleve.HighlightRequest, m mapping.IndexMapping, other func(i int, id string) (bindex.Document, error)) error {
	fs, err := newFieldSetter(fields, hl, m)
	if err != nil {
		return err
	}
	for i, h := range hits {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("stored fields: %w", err)
			}
		}
		var doc bindex.Document
		d, err := segsOf[i].document(h, fs.read)
		if err != nil {
			return fmt.Errorf("stored fields of %s: %w", h.ID, err)
		}
		if d != nil {
			doc = d
		} else if doc, err = other(i, h.ID); err != nil {
			return fmt.Errorf("stored fields of %s: %w", h.ID, err)
		}
		if err := fs.set(h, doc); err != nil {
			return err
		}
	}
	return nil
}

// fieldSetter sets hits' stored fields from their documents, as Bleve's
// search with SearchRequest.Fields sets them, and their fragments.
type fieldSetter struct {
	req         *bleve.SearchRequest
	highlighter highlight.Highlighter
	want        map[string]bool // the fields a hit gets (and highlights)
	read        map[string]bool // the stored fields read for them
	article     bool            // want holds an article's lead, body or annotations
	r           docReader
	m           mapping.IndexMapping // for fillOffsets
}

func newFieldSetter(fields []string, hl *bleve.HighlightRequest, m mapping.IndexMapping) (*fieldSetter, error) {
	fs := &fieldSetter{req: &bleve.SearchRequest{Fields: fields, Highlight: hl}, want: make(map[string]bool, len(fields)+4), m: m}
	for _, f := range fields {
		fs.want[f] = true
	}
	if hl != nil {
		style := bleve.Config.DefaultHighlighter
		if hl.Style != nil {
			style = *hl.Style
		}
		var err error
		if fs.highlighter, err = bleve.Config.Cache.HighlighterNamed(style); err != nil {
			return nil, fmt.Errorf("highlighter %s: %w", style, err)
		}
		for _, f := range hl.Fields {
			fs.want[f] = true
		}
	}
	// The stored fields read: a lead alone is read from FieldLead (or the
	// body of generations written before); the body or the annotations
	// from all four, decoding FieldContent.
	fs.read, fs.article = fs.want, fs.want[index.FieldLead] || fs.want[index.FieldBody] || fs.want[index.FieldAnnotations]
	if fs.article {
		fs.read = maps.Clone(fs.want)
		fs.read[index.FieldLead], fs.read[index.FieldBody] = true, true
		if fs.want[index.FieldBody] || fs.want[index.FieldAnnotations] {
			fs.read[index.FieldContent], fs.read[index.FieldAnnotations] = true, true
		}
	}
	return fs, nil
}

// set sets h's fields from doc, its document with the fields of fs.read
// (nil: a document gone, which has no fields, as in Bleve).
func (fs *fieldSetter) set(h *bsearch.DocumentMatch, doc bindex.Document) error {
	if doc == nil {
		return nil
	}
	if fs.article {
		var err error
		if doc, err = articleBody(doc, fs.want); err != nil {
			return fmt.Errorf("stored fields of %s: %w", h.ID, err)
		}
	}
	if fs.highlighter != nil {
		for _, f := range fs.req.Highlight.Fields {
			if len(h.Locations[f]) > 0 {
				fillOffsets(h, f, fieldText(doc, f), fs.m)
			}
		}
	}
	h.Fields = nil
	fs.r.doc = doc
	if err, _ := bleve.LoadAndHighlightFields(h, fs.req, "", &fs.r, fs.highlighter); err != nil {
		return fmt.Errorf("stored fields of %s: %w", h.ID, err)
	}
	return nil
}

// fieldText is the value of doc's field name (nil when it has none), not
// a copy.
func fieldText(doc bindex.Document, name string) []byte {
	var v []byte
	doc.VisitFields(func(f bindex.Field) {
		if v == nil && f.Name() == name {
			v = f.Value()
		}
	})
	return v
}

// articleBody returns doc's fields of want, with FieldLead, FieldBody and
// FieldAnnotations as they were given: from the lead and the content of
// an article (index.StoredBody), or the body and annotations that
// generations written before them store (the lead cut from the body).
func articleBody(doc bindex.Document, want map[string]bool) (bindex.Document, error) {
	var lead, content, body, ann []byte
	out := document.NewDocument(doc.ID())
	doc.VisitFields(func(f bindex.Field) {
		switch f.Name() {
		case index.FieldLead:
			lead = f.Value()
		case index.FieldContent:
			content = f.Value()
		case index.FieldBody:
			body = f.Value()
		case index.FieldAnnotations:
			ann = f.Value()
		default:
			if df, ok := f.(document.Field); ok && want[f.Name()] {
				out.AddField(df)
			}
		}
	})
	if lead == nil && content == nil && body == nil && ann == nil {
		return out, nil // not an article
	}
	if want[index.FieldLead] {
		if lead == nil { // a generation written before: cut from the body
			l, _ := index.SplitLead(string(body))
			lead = []byte(l)
		}
		out.AddField(document.NewTextField(index.FieldLead, nil, lead))
	}
	if want[index.FieldBody] || want[index.FieldAnnotations] {
		b, a, err := index.StoredBody(lead, content, body, ann)
		if err != nil {
			return nil, err
		}
		if want[index.FieldBody] {
			out.AddField(document.NewTextField(index.FieldBody, nil, []byte(b)))
		}
		if want[index.FieldAnnotations] && a != nil {
			out.AddField(document.NewTextField(index.FieldAnnotations, nil, a))
		}
	}
	return out, nil
}

// document reads the fields of want of hit h from segs (nil: none); nil
// when h is not there.
func (segs *segments) document(h *bsearch.DocumentMatch, want map[string]bool) (*document.Document, error) {
	if segs == nil || len(h.IndexInternalID) != 8 {
		return nil, nil
	}
	id, doc, err := segs.record(h.IndexInternalID.Value(), want)
	if err != nil || doc == nil || id != h.ID {
		return nil, err
	}
	return doc, nil
}

// record reads document num of segs' snapshot from one pass over its
// stored record: its id and its fields of want; no document when it is
// not there or holds a field of a type exports do not read (Bleve's way).
func (segs *segments) record(num uint64, want map[string]bool) (string, *document.Document, error) {
	k, local, ok := segs.locate(num)
	if !ok {
		return "", nil, nil
	}
	var doc *document.Document
	err := segs.segs[k].VisitDocument(local, func(name string, typ byte, val []byte, pos []uint64) bool {
		if name == "_id" { // zap's first stored field
			doc = document.NewDocument(string(val))
			return true
		}
		if doc == nil {
			return false
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
			doc = nil
			return false
		}
		return true
	})
	if err != nil || doc == nil {
		return "", nil, err
	}
	return doc.ID(), doc, nil
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

// exportArticle is an article read for an export's row: what its hit
// shows, and its published time as the doc values hold it (to the
// nanosecond; what an export sorted by date sorts on).
type exportArticle struct {
	id    string
	shown storedArticle
	date  int64 // UnixNano
	dated bool
}

// article reads article document num of segs from one pass over its stored
// record: what articleHit reads from the stored fields Bleve loads (the
// same values: text as it is stored, the published time to the second as
// Bleve formats it), without the Bleve document and field map of each
// row. ok is false when num is not there.
func (segs *segments) article(num uint64) (a exportArticle, ok bool, err error) {
	k, local, found := segs.locate(num)
	if !found {
		return a, false, nil
	}
	var body []byte // of a generation written before FieldLead
	lead := false
	err = segs.segs[k].VisitDocument(local, func(name string, typ byte, val []byte, _ []uint64) bool {
		switch name {
		case "_id":
			a.id, ok = string(val), true
		case index.FieldTitle:
			a.shown.title = firstText(a.shown.title, val)
		case index.FieldSource:
			a.shown.source = firstText(a.shown.source, val)
		case index.FieldPrecision:
			a.shown.precision = firstText(a.shown.precision, val)
		case index.FieldURL:
			a.shown.url = firstText(a.shown.url, val)
		case index.FieldLead:
			a.shown.lead, lead = firstText(a.shown.lead, val), true
		case index.FieldBody:
			if body == nil {
				body = slices.Clone(val)
			}
		case index.FieldPublished:
			if typ == 'd' && !a.dated {
				t, layout, err := document.NewDateTimeFieldFromBytes(name, nil, val).DateTime()
				if err == nil {
					a.date, a.dated = t.UnixNano(), true
					a.shown.published = shownDate(t, layout)
				}
			}
		}
		return ok // _id is the first stored field
	})
	if err != nil || !ok {
		return exportArticle{}, false, err
	}
	if !lead && body != nil {
		l, _ := index.SplitLead(string(body))
		a.shown.lead = l
	}
	return a, true, nil
}

// firstText is the value of a text field: its first (hits show the first
// of several).
func firstText(cur string, val []byte) string {
	if cur != "" {
		return cur
	}
	return string(val)
}

// shownDate is a stored datetime as a hit shows it: Bleve's stored fields
// give it formatted with its layout (RFC3339 for a time.Time, to the
// second), which articleHit parses.
func shownDate(t time.Time, layout string) time.Time {
	if layout == "" || layout == time.RFC3339 {
		return t.Truncate(time.Second)
	}
	return date(map[string]any{"": t.Format(layout)}, "")
}
