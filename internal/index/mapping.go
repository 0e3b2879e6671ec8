package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/readout/readout/internal/fold"
	"github.com/readout/readout/internal/schema"
)

// TextAnalyzer is the analyzer of the text fields of new generations:
// Bleve's English analyzer with accent folding (internal/fold), so that
// Stanković, Stankovic and stankovic are one term. Generations built before
// it keep their stored mapping and Bleve's "en"; importing this package
// registers the analyzer in every process that opens either.
const TextAnalyzer = fold.AnalyzerName

// buildMapping is the mapping of the generations Build makes; tests set it
// to build generations as older versions did.
var buildMapping = NewMapping

// NewMapping returns the explicit Bleve mapping of a generation: two
// document types (articles and quotes, told apart by FieldType), no dynamic
// fields. Every field comes from the schema table (internal/schema).
func NewMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	im.TypeField = FieldType
	im.DefaultAnalyzer = TextAnalyzer
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	// Documents of no known type are not indexed at all.
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()

	im.AddDocumentMapping(TypeArticle, documentMapping(schema.Articles))
	im.AddDocumentMapping(TypeQuote, documentMapping(schema.Quotes))
	return im
}

// documentMapping maps the schema fields of one document type.
func documentMapping(d schema.Docs) *mapping.DocumentMapping {
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range schema.Fields {
		if fm := fieldMapping(f, d); fm != nil {
			dm.AddFieldMappingsAt(f.Index, fm)
		}
	}
	disableAll(dm)
	return dm
}

// fieldMapping is the mapping of field f in documents of type d, nil when
// they neither index nor store it.
func fieldMapping(f schema.Field, d schema.Docs) *mapping.FieldMapping {
	indexed, stored := f.Indexed.Has(d), f.Stored.Has(d)
	if !indexed && !stored {
		return nil
	}
	var fm *mapping.FieldMapping
	switch {
	case f.Type == schema.Text && indexed:
		fm = textField()
	case f.Type == schema.Keyword && indexed:
		fm = keywordField()
	case f.Type == schema.Date && indexed:
		fm = bleve.NewDateTimeFieldMapping()
		fm.IncludeInAll = false
	default: // text or keyword kept for display only
		fm = storedOnly()
	}
	fm.Store = stored
	if f.Type != schema.Text {
		fm.DocValues = f.DocValues
	}
	return fm
}

// textField is English full text, accents folded, with the term vectors
// that phrase queries and highlighting need.
func textField() *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = TextAnalyzer
	f.Store = true
	f.IncludeTermVectors = true
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// disableAll turns off Bleve's composite _all field: every search names its
// fields, and building _all costs a pass over every document's terms.
func disableAll(dm *mapping.DocumentMapping) {
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
}

// keywordField is an exact-value field. Its doc values are what facets and
// sorting read; fields that are only filtered on go without them. Entities
// are not stored: an article's are shown from its stored annotations.
func keywordField() *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = false
	f.DocValues = true
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	return f
}

// storedOnly is text or a keyword kept for display and never searched.
func storedOnly() *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Index = false
	f.Store = true
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	f.DocValues = false
	return f
}
