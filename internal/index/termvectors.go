package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/readout/readout/internal/pairs"
)

// The text fields' term vectors keep each occurrence's position and no
// byte offsets. Phrase queries read positions only; highlighting and the
// other readers of offsets find them again by analysing the hit's text
// (search.fillOffsets), a few dozen microseconds for each of a page's
// hits. Zap writes an occurrence's start and end as two varints beside its
// position: without them a generation of the scale corpus is 5.6% smaller
// (docs/benchmarks.md). Generations built before keep their offsets, and
// so do the overlay's changes (Bleve's own indexing); readers use the
// offsets an occurrence has.

// positionsField is a text field whose term locations have their
// positions and no offsets (Start and End 0).
type positionsField struct{ *document.TextField }

func (f *positionsField) Analyze() {
	f.TextField.Analyze()
	for _, tf := range f.TextField.AnalyzedTokenFrequencies() {
		for _, l := range tf.Locations {
			l.Start, l.End = 0, 0
		}
	}
}

// AddToBatch adds the document of id to batch like batch.Index, as a
// generation's build indexes it: FieldPublished as its one full precision
// term (publishedField), the text fields' term vectors with positions
// only (positionsField), and the pairs of common words of a body or a
// quote's text (a shard whose every document is added here is
// pairs.Mark'ed).
func AddToBatch(batch *bleve.Batch, m mapping.IndexMapping, id string, data any) error {
	doc := document.NewDocument(id)
	if err := m.MapDocument(doc, data); err != nil {
		return err
	}
	for i, f := range doc.Fields {
		switch f := f.(type) {
		case *document.DateTimeField:
			if f.Name() == FieldPublished {
				doc.Fields[i] = &publishedField{DateTimeField: f}
			}
		case *document.TextField:
			if f.Options().IncludeTermVectors() {
				doc.Fields[i] = &positionsField{TextField: f}
			}
		}
	}
	pairs.AddFields(doc)
	return batch.IndexAdvanced(doc)
}
