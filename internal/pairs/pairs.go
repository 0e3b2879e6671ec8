// Package pairs indexes the adjacent pairs of common words of a text field,
// so that a phrase of common words ("foreign minister") finds its
// candidates in one posting list instead of the intersection of two long
// ones. It is Elasticsearch's index_phrases and Lucene's common grams,
// limited to Words: at a million articles "foreign" and "minister" are in
// hundreds of thousands of bodies, and checking the positions of every body
// holding both was most of a phrase query's time; the pair is in the few
// thousand that hold the phrase.
//
// A pair is a necessary condition, never a score: the phrase searcher
// (internal/query) adds a pair's postings to its conjunction with no
// weight, and still checks every candidate's positions, so that a phrase
// finds exactly the documents, scores and locations it finds without the
// pairs. An index holds pairs only when every one of its documents was
// indexed with them (Mark, Marked): generations built before, and the
// overlay's changes, are searched without.
//
// The package is a leaf: Bleve's index API and the field names of
// internal/schema.
package pairs

import (
	_ "embed"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/readout/readout/internal/schema"
)

// Version names Words and the pairs' spelling. An index marked with
// another version (or none) is searched without pairs; a change of Words
// or of Term must change it.
const Version = "1"

// markerKey is the index's internal key that Mark sets to Version.
var markerKey = []byte("readout.pairs")

// words.txt is the 1,000 terms (as the English analyzer writes them) in the
// most article bodies of the scale benchmark's million-article corpus,
// whose paragraphs are real news (docs/benchmarks.md). It is written again
// from a generation of that corpus with
//
//	go test ./internal/pairs -run TestWords -args -update -words-from INDEX/gen-NNNNNN/shards
//
//go:embed words.txt
var wordsFile string

var words = func() map[string]struct{} {
	m := map[string]struct{}{}
	for w := range strings.FieldsSeq(wordsFile) {
		m[w] = struct{}{}
	}
	return m
}()

// Common reports whether term (analysed) is one of Words.
func Common(term string) bool {
	_, ok := words[term]
	return ok
}

// fields maps a text field to its pairs field: an article's body and a
// quote's text. Titles are short, and a phrase's candidates in titles few.
var fields = map[string]string{schema.FieldBody: schema.FieldBody + "_pairs", schema.FieldText: schema.FieldText + "_pairs"}

// Field returns the pairs field of a text field, if it has one.
func Field(field string) (string, bool) {
	f, ok := fields[field]
	return f, ok
}

// Term is the pairs field's term for a then b at the next position.
func Term(a, b string) string { return a + " " + b }

// Internal is what Marked needs of an index reader.
type Internal interface {
	GetInternal(key []byte) ([]byte, error)
}

// Marked reports whether every document of the index behind r was indexed
// with its pairs (Mark).
func Marked(r Internal) bool {
	v, err := r.GetInternal(markerKey)
	return err == nil && string(v) == Version
}

// Mark records in an index that its documents are indexed with their
// pairs. Only an index whose every document goes through AddFields may be
// marked.
func Mark(idx interface{ SetInternal(key, val []byte) error }) error {
	return idx.SetInternal(markerKey, []byte(Version))
}

// AddFields appends to doc the pairs field of each of its text fields that
// has one. They must come after the text fields: Bleve analyses a
// document's fields in order, and a pairs field reads its text field's
// analysis.
func AddFields(doc *document.Document) {
	for _, f := range doc.Fields {
		// Pairs come from the text field's positions: without term
		// vectors it has none, and no phrase query works on it either.
		if pf, ok := fields[f.Name()]; ok && f.Options().IsIndexed() && f.Options().IncludeTermVectors() {
			doc.Fields = append(doc.Fields, &field{name: pf, src: f})
		}
	}
}

// field is a pairs field: the pairs of its source's analysis, indexed with
// no frequency, norm or location (zap then writes a posting as its document
// number and one byte), neither stored nor with doc values.
type field struct {
	name string
	src  document.Field
	tfs  bindex.TokenFrequencies
}

func (f *field) Name() string                         { return f.name }
func (f *field) ArrayPositions() []uint64             { return nil }
func (f *field) Options() bindex.FieldIndexingOptions { return bindex.IndexField }
func (f *field) Value() []byte                        { return nil }
func (f *field) NumPlainTextBytes() uint64            { return 0 }
func (f *field) Size() int                            { return 64 + 48*len(f.tfs) }
func (f *field) EncodedFieldType() byte               { return 't' }
func (f *field) AnalyzedLength() int                  { return len(f.tfs) }
func (f *field) AnalyzedTokenFrequencies() bindex.TokenFrequencies {
	return f.tfs
}

func (f *field) Analyze() { f.tfs = Of(f.src.AnalyzedTokenFrequencies()) }

type occurrence struct {
	pos  int
	term string
}

// Of returns the pairs of an analysed field: each common term followed at
// the next position by a common term, with a frequency of 0 (a TokenFreq
// made outside Bleve's analysis has none) and no locations.
func Of(tfs bindex.TokenFrequencies) bindex.TokenFrequencies {
	var occ []occurrence
	for term, tf := range tfs {
		if !Common(term) {
			continue
		}
		for _, l := range tf.Locations {
			occ = append(occ, occurrence{l.Position, term})
		}
	}
	out := bindex.TokenFrequencies{}
	if len(occ) < 2 {
		return out
	}
	slices.SortFunc(occ, func(a, b occurrence) int { return a.pos - b.pos })
	// For each run of occurrences at one position, pair it with each
	// occurrence at the next (several terms can share a position).
	for i, j := 0, 0; i < len(occ); i = j {
		for j = i + 1; j < len(occ) && occ[j].pos == occ[i].pos; j++ {
		}
		for k := j; k < len(occ) && occ[k].pos == occ[i].pos+1; k++ {
			for _, a := range occ[i:j] {
				t := Term(a.term, occ[k].term)
				if _, ok := out[t]; !ok {
					out[t] = &bindex.TokenFreq{Term: []byte(t)}
				}
			}
		}
	}
	return out
}
