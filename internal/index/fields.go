package index

// Document types. Every document in a generation is either an article or one
// quote of an article; the Type field tells them apart.
const (
	TypeArticle = "article"
	TypeQuote   = "quote"
)

// Field names of the Bleve mapping. Article documents have id = article id;
// quote documents have id = QuoteDocID(articleID, n) and carry the article's
// filter fields (published, date buckets, source, language, entities,
// countries) so that quote-mode searches filter and facet on their own.
const (
	FieldType = "type" // keyword: TypeArticle or TypeQuote

	// Text fields (English analyzer, stored, term vectors for highlighting).
	FieldTitle = "title" // article title; also stored on quotes (not indexed there)
	FieldBody  = "body"  // article body
	FieldText  = "text"  // quote text (quote documents only)

	// Dates. Published is a datetime (range filters, sorting); FieldDay is
	// its UTC day as a keyword ("2022-02-15") that the date histogram facets
	// on, summing days into weeks, months and years. Undated documents have
	// neither, and FieldDated = "false".
	FieldPublished = "published"
	FieldDay       = "date_day"
	FieldDated     = "dated" // keyword "true" / "false"

	// Keyword facets (doc values on), values as given.
	FieldSource   = "source"
	FieldLanguage = "language"
	FieldAuthors  = "authors"

	// Entity facets: values are entity ids (slugs), countries ISO alpha-2 codes.
	FieldPerson  = "person"
	FieldOrg     = "org"
	FieldPlace   = "place"
	FieldCountry = "country"
	FieldSpeaker = "speaker" // on articles: every speaker quoted; on quotes: the quote's speaker

	// Stored only (not indexed).
	FieldURL         = "url"
	FieldAnnotations = "annotations" // article: JSON of extract.Annotations

	// Quote documents only.
	FieldArticleID = "article_id" // keyword, stored
	// FieldSpeakerArticle pairs the quote's speaker with its article
	// (SpeakerArticle), so that a facet over quotes can count articles.
	FieldSpeakerArticle = "speaker_article"    // keyword
	FieldSpeakerName    = "speaker_name"       // stored
	FieldSpeakerAs      = "speaker_as_written" // stored
	FieldCue            = "cue"                // keyword, stored
	FieldKind           = "kind"               // keyword, stored: direct / indirect
	FieldParagraph      = "paragraph"          // stored number
)

// SpeakerArticleSep separates the speaker id from the article id in
// FieldSpeakerArticle values; speaker ids are slugs and never contain it.
const SpeakerArticleSep = "\x1f"

// SpeakerArticle is the FieldSpeakerArticle value of a quote.
func SpeakerArticle(speakerID, articleID string) string {
	return speakerID + SpeakerArticleSep + articleID
}

// Stored-only fields of quote documents that repeat their article's metadata
// for display.
const (
	FieldArticleTitle = "article_title"
)
