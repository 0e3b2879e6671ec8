package index

import "github.com/readout/readout/internal/schema"

// Document types. Every document in a generation is either an article or one
// quote of an article; the Type field tells them apart.
const (
	TypeArticle = "article"
	TypeQuote   = "quote"
)

// Field names of the Bleve mapping, from the schema table (internal/schema),
// where each field's type, document types and uses are given. Article
// documents have id = article id; quote documents have id =
// QuoteDocID(articleID, n) and carry the article's filter fields (published,
// date buckets, source, language, authors, entities, countries) so that
// quote-mode searches filter and facet on their own.
const (
	FieldType = schema.FieldType // keyword: TypeArticle or TypeQuote

	// Text fields (English analyzer, term vectors for phrases and
	// highlighting). Titles are stored, bodies as FieldLead and
	// FieldContent; a quote's text is shown from its article's annotations.
	FieldTitle = schema.FieldTitle // article title
	FieldBody  = schema.FieldBody  // article body
	FieldText  = schema.FieldText  // quote text (quote documents only)

	// Dates. Published is a datetime (sorting; see publishedField); FieldDay is
	// its UTC day as a keyword ("2022-02-15") that the date histogram facets
	// on, summing days into weeks, months and years. Undated documents have
	// neither, and FieldDated = "false".
	FieldPublished = schema.FieldPublished
	FieldDay       = schema.FieldDay
	FieldMonth     = schema.FieldMonth // "2022-02", for date ranges (DateRangeQuery)
	FieldYear      = schema.FieldYear  // "2022", for date ranges
	FieldDated     = schema.FieldDated // keyword "true" / "false"
	// FieldPrecision: "year" or "month" when the date is a whole year or
	// month (FieldPublished, FieldDay … hold its start); absent for days.
	FieldPrecision = schema.FieldPrecision

	// Keyword facets (doc values on), values as given.
	FieldSource   = schema.FieldSource
	FieldLanguage = schema.FieldLanguage
	FieldAuthors  = schema.FieldAuthors

	// Entity facets: values are entity ids (slugs), countries ISO alpha-2 codes.
	FieldPerson         = schema.FieldPerson
	FieldOrg            = schema.FieldOrg
	FieldPlace          = schema.FieldPlace
	FieldCountry        = schema.FieldCountry
	FieldSpeaker        = schema.FieldSpeaker        // on articles: every speaker quoted; on quotes: the quote's speaker
	FieldSpeakerKind    = schema.FieldSpeakerKind    // on articles: every kind of speaker quoted; on quotes: its speaker's
	FieldSpeakerCountry = schema.FieldSpeakerCountry // on articles: every country a quoted speaker speaks for; on quotes: its speaker's

	// Stored only (not indexed). An article's body is stored as its lead
	// (FieldLead) and the rest compressed with its annotations
	// (EncodeAnnotations, quotes included) as FieldContent (content.go);
	// generations written before store FieldBody and FieldAnnotations
	// (ArticleContent and StoredBody read both).
	FieldURL         = schema.FieldURL
	FieldLead        = schema.FieldLead
	FieldContent     = schema.FieldContent
	FieldAnnotations = schema.FieldAnnotations

	// Quote documents only: indexed, not stored (a quote hit is shown from
	// its article's annotations: ParseQuoteDocID gives the article and the
	// quote's number).
	FieldArticleID = schema.FieldArticleID // keyword
	// FieldSpeakerArticle pairs the quote's speaker with its article
	// (SpeakerArticle), so that a facet over quotes can count articles.
	FieldSpeakerArticle = schema.FieldSpeakerArticle // keyword
	FieldCue            = schema.FieldCue            // keyword
	FieldKind           = schema.FieldKind           // keyword: direct / indirect
)

// SpeakerArticleSep separates the speaker id from the article id in
// FieldSpeakerArticle values; speaker ids are slugs and never contain it.
const SpeakerArticleSep = "\x1f"

// SpeakerArticle is the FieldSpeakerArticle value of a quote.
func SpeakerArticle(speakerID, articleID string) string {
	return speakerID + SpeakerArticleSep + articleID
}
