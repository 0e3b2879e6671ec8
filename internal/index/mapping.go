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
	dm.AddFieldMappingsAt(FieldType, filterKeyword())
	dm.AddFieldMappingsAt(FieldTitle, textField())
	dm.AddFieldMappingsAt(FieldBody, textField())
	addShared(dm)
	dm.AddFieldMappingsAt(FieldAuthors, storedKeyword())
	dm.AddFieldMappingsAt(FieldAnnotations, storedOnly())
	disableAll(dm)
	return dm
}

func quoteMapping() *mapping.DocumentMapping {
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(FieldType, filterKeyword())
	dm.AddFieldMappingsAt(FieldText, textField())
	addShared(dm)
	// Filtered and faceted like the article's, not shown with a quote.
	dm.AddFieldMappingsAt(FieldAuthors, keywordField())
	// Faceted only: the articles of each speaker's matching quotes.
	dm.AddFieldMappingsAt(FieldSpeakerArticle, keywordField())
	// What a quote hit shows besides its text. The article id (to attach
	// quotes to article hits), cue: and kind: are searched, nothing facets
	// or sorts on them.
	for _, f := range []string{FieldArticleID, FieldCue, FieldKind} {
		dm.AddFieldMappingsAt(f, storedFilterKeyword())
	}
	dm.AddFieldMappingsAt(FieldArticleTitle, storedOnly())
	dm.AddFieldMappingsAt(FieldSpeakerName, storedOnly())
	dm.AddFieldMappingsAt(FieldSpeakerAs, storedOnly())
	dm.AddFieldMappingsAt(FieldParagraph, storedNumber())
	disableAll(dm)
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
		FieldDay, FieldDated,
		FieldPerson, FieldOrg, FieldPlace, FieldCountry,
	} {
		dm.AddFieldMappingsAt(f, keywordField())
	}
	// Shown in results, so also stored.
	for _, f := range []string{FieldSource, FieldLanguage, FieldSpeaker} {
		dm.AddFieldMappingsAt(f, storedKeyword())
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

// disableAll turns off Bleve's composite _all field: every search names its
// fields, and building _all costs a pass over every document's terms.
func disableAll(dm *mapping.DocumentMapping) {
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
}

// storedKeyword is a keyword field whose value results also show.
func storedKeyword() *mapping.FieldMapping {
	f := keywordField()
	f.Store = true
	return f
}

// keywordField is an exact-value facet field with doc values (what facets
// and sorting read), not stored: an article's entities are shown from its
// stored annotations.
func keywordField() *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = false
	f.DocValues = true
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	return f
}

// filterKeyword is an exact-value field that queries filter on but nothing
// facets or sorts on, so it has no doc values.
func filterKeyword() *mapping.FieldMapping {
	f := keywordField()
	f.DocValues = false
	return f
}

// storedFilterKeyword is a filterKeyword whose value results also show.
func storedFilterKeyword() *mapping.FieldMapping {
	f := filterKeyword()
	f.Store = true
	return f
}

// storedNumber is a number kept for display only: an indexed number costs
// a term per precision step, and nothing searches these.
func storedNumber() *mapping.FieldMapping {
	f := bleve.NewNumericFieldMapping()
	f.Index = false
	f.Store = true
	f.DocValues = false
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
