package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
)

// NewMapping returns the explicit Bleve mapping of a generation: two
// document types (articles and quotes, told apart by FieldType), no dynamic
// fields.
func NewMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	im.TypeField = FieldType
	im.DefaultAnalyzer = en.AnalyzerName
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	// Documents of no known type are not indexed at all.
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()

	im.AddDocumentMapping(TypeArticle, articleMapping())
	im.AddDocumentMapping(TypeQuote, quoteMapping())
	return im
}

func articleMapping() *mapping.DocumentMapping {
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(FieldType, keywordField())
	dm.AddFieldMappingsAt(FieldTitle, textField())
	dm.AddFieldMappingsAt(FieldBody, textField())
	addShared(dm)
	dm.AddFieldMappingsAt(FieldAuthors, keywordField())
	dm.AddFieldMappingsAt(FieldAnnotations, storedOnly())
	return dm
}

func quoteMapping() *mapping.DocumentMapping {
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(FieldType, keywordField())
	dm.AddFieldMappingsAt(FieldText, textField())
	addShared(dm)
	dm.AddFieldMappingsAt(FieldArticleID, keywordField())
	dm.AddFieldMappingsAt(FieldArticleTitle, storedOnly())
	dm.AddFieldMappingsAt(FieldSpeakerName, storedOnly())
	dm.AddFieldMappingsAt(FieldSpeakerAs, storedOnly())
	dm.AddFieldMappingsAt(FieldCue, keywordField())
	dm.AddFieldMappingsAt(FieldKind, keywordField())
	dm.AddFieldMappingsAt(FieldParagraph, numericField())
	dm.AddFieldMappingsAt(FieldQuoteStart, numericField())
	return dm
}

// addShared adds the filter and facet fields that articles and quotes share.
func addShared(dm *mapping.DocumentMapping) {
	published := bleve.NewDateTimeFieldMapping()
	published.Store = true
	published.DocValues = true
	published.IncludeInAll = false
	dm.AddFieldMappingsAt(FieldPublished, published)
	for _, f := range []string{
		FieldDay, FieldWeek, FieldMonth, FieldYear, FieldDated,
		FieldSource, FieldLanguage,
		FieldPerson, FieldOrg, FieldPlace, FieldCountry, FieldSpeaker,
	} {
		dm.AddFieldMappingsAt(f, keywordField())
	}
	dm.AddFieldMappingsAt(FieldURL, storedOnly())
}

// textField is English full text, stored, with the term vectors that phrase
// queries and highlighting need.
func textField() *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = en.AnalyzerName
	f.Store = true
	f.IncludeTermVectors = true
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// keywordField is an exact-value facet field with doc values (what facets
// and sorting read).
func keywordField() *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = true
	f.DocValues = true
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	return f
}

func numericField() *mapping.FieldMapping {
	f := bleve.NewNumericFieldMapping()
	f.Store = true
	f.DocValues = true
	f.IncludeInAll = false
	return f
}

// storedOnly is kept for display and never searched.
func storedOnly() *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Index = false
	f.Store = true
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	f.DocValues = false
	return f
}
