package schema

import "slices"

// Type is how a field is indexed.
type Type uint8

// Field types.
const (
	Text    Type = iota + 1 // analyzed full text (English), term vectors for highlighting
	Keyword                 // exact values: ids, codes, names as given
	Date                    // a datetime: range filters, sorting
)

func (t Type) String() string {
	switch t {
	case Text:
		return "text"
	case Keyword:
		return "keyword"
	case Date:
		return "date"
	}
	return "invalid"
}

// Docs is a set of document types of a generation: every document is an
// article or one quote of an article.
type Docs uint8

// Document types.
const (
	Articles Docs = 1 << iota
	Quotes
	Both = Articles | Quotes
)

// Has reports whether d includes every document type of e.
func (d Docs) Has(e Docs) bool { return e != 0 && d&e == e }

// Field is one row of the table.
type Field struct {
	// Name is the field as the API (filter and facet names) and the query
	// language (name:value) spell it; empty for fields only the engine
	// uses.
	Name string
	// Aliases are other spellings accepted wherever Name is.
	Aliases []string
	// Index is the Bleve field the field maps to.
	Index string
	Type  Type
	// Indexed are the document types where the field is searchable;
	// Stored, where results can show its value. A field is in the mapping
	// of the document types of either.
	Indexed, Stored Docs
	// DocValues keeps the values by document, which facets, the histogram
	// and sorting read.
	DocValues bool
	// Facet: an API facet name (facets=, split=, /api/v1/facets/{field}).
	// DefaultFacet: computed when a search names no facets.
	Facet, DefaultFacet bool
	// Filter: an API filter parameter (name=value, repeatable).
	Filter bool
	// Query: the query language accepts name:value (and alias:value) in q.
	Query bool
	// Joined: an article's field that quote documents may leave to their
	// article (index.Documents, a generation's Meta.JoinedQuotes;
	// generations written before repeat it on every quote). Quote-mode
	// searches filter, facet and query on it through each quote's article,
	// with the same answers on either layout. Indexed stays Both: the API
	// and q accept it in quote mode.
	Joined bool
}

// Spellings returns Name followed by Aliases: every name the field is
// accepted under.
func (f Field) Spellings() []string {
	if f.Name == "" {
		return nil
	}
	return append([]string{f.Name}, f.Aliases...)
}

// Bleve field names, for the packages that name index fields directly.
const (
	FieldType = "type" // keyword: the document type

	FieldTitle = "title" // article title
	FieldBody  = "body"  // article body
	FieldText  = "text"  // quote text

	FieldPublished = "published"
	FieldDay       = "date_day"   // UTC day of published as a keyword, "2022-02-15"
	FieldMonth     = "date_month" // UTC month of published, "2022-02": date ranges
	FieldYear      = "date_year"  // UTC year of published, "2022": date ranges
	FieldDated     = "dated"      // "true" / "false"
	// FieldPrecision is "year" or "month" for a date that stands for a
	// whole year or month (published is then its start); absent for days.
	FieldPrecision = "date_precision"

	FieldSpeaker        = "speaker"
	FieldSpeakerKind    = "speaker_kind"    // person, organization, country (news.SpeakerKinds)
	FieldSpeakerCountry = "speaker_country" // the country a speaker speaks for (news.SpeakerCountries)
	FieldPerson         = "person"
	FieldOrg            = "org"
	FieldPlace          = "place"
	FieldCountry        = "country"
	FieldSource         = "source"
	FieldLanguage       = "language"
	FieldAuthors        = "authors"

	FieldURL         = "url"
	FieldLead        = "lead"
	FieldContent     = "content"
	FieldAnnotations = "annotations" // stored by generations written before FieldContent

	FieldArticleID      = "article_id"
	FieldSpeakerArticle = "speaker_article"
	FieldCue            = "cue"
	FieldKind           = "kind"
)

// Fields is the schema: the API's filters and facets in display order, then
// the other fields of q, then the fields only the engine uses. Quote
// documents repeat their article's date, source and language so that quote
// searches filter and facet on them on their own; the Joined fields
// (entities, countries, authors) they reach through their article.
var Fields = []Field{
	// Facets and filters, also fields of q.
	{Name: "speaker", Index: FieldSpeaker, Type: Keyword, Indexed: Both, DocValues: true,
		Facet: true, DefaultFacet: true, Filter: true, Query: true},
	// On quotes the quote's speaker's kind; on articles every kind of
	// speaker the article quotes. Not a default facet: three values.
	{Name: "speaker_kind", Index: FieldSpeakerKind, Type: Keyword, Indexed: Both, DocValues: true,
		Facet: true, Filter: true, Query: true},
	// The same for the country a speaker speaks for (ISO codes).
	{Name: "speaker_country", Index: FieldSpeakerCountry, Type: Keyword, Indexed: Both, DocValues: true,
		Facet: true, Filter: true, Query: true},
	{Name: "person", Index: FieldPerson, Type: Keyword, Indexed: Both, DocValues: true,
		Facet: true, DefaultFacet: true, Filter: true, Query: true, Joined: true},
	{Name: "org", Index: FieldOrg, Type: Keyword, Indexed: Both, DocValues: true,
		Facet: true, DefaultFacet: true, Filter: true, Query: true, Joined: true},
	{Name: "place", Index: FieldPlace, Type: Keyword, Indexed: Both, DocValues: true,
		Facet: true, DefaultFacet: true, Filter: true, Query: true, Joined: true},
	{Name: "country", Index: FieldCountry, Type: Keyword, Indexed: Both, DocValues: true,
		Facet: true, DefaultFacet: true, Filter: true, Query: true, Joined: true},
	{Name: "source", Index: FieldSource, Type: Keyword, Indexed: Both, Stored: Articles, DocValues: true,
		Facet: true, DefaultFacet: true, Filter: true, Query: true},
	{Name: "lang", Aliases: []string{"language"}, Index: FieldLanguage, Type: Keyword, Indexed: Both, Stored: Articles,
		DocValues: true, Facet: true, Filter: true, Query: true},
	// Filtered and faceted on quotes too, shown only with articles.
	{Name: "authors", Aliases: []string{"author"}, Index: FieldAuthors, Type: Keyword, Indexed: Both, Stored: Articles,
		DocValues: true, Facet: true, Filter: true, Query: true, Joined: true},

	// Text fields of q. Unfielded terms search the text fields of the
	// document type, in this order.
	{Name: "title", Index: FieldTitle, Type: Text, Indexed: Articles, Stored: Articles, Query: true},
	{Name: "body", Index: FieldBody, Type: Text, Indexed: Articles, Query: true},
	{Name: "text", Aliases: []string{"quote"}, Index: FieldText, Type: Text, Indexed: Quotes, Query: true},
	// Keyword fields of q in quote searches only; nothing facets on them.
	{Name: "cue", Index: FieldCue, Type: Keyword, Indexed: Quotes, Query: true},
	{Name: "kind", Index: FieldKind, Type: Keyword, Indexed: Quotes, Query: true},

	// The engine's fields. Published is sorted on; the API's from and to
	// filter on years, months and days, and on published for the rest of a
	// day (index.DateRangeQuery); the histogram facets on FieldDay.
	{Index: FieldType, Type: Keyword, Indexed: Both},
	{Index: FieldPublished, Type: Date, Indexed: Both, Stored: Articles, DocValues: true},
	{Index: FieldDay, Type: Keyword, Indexed: Both, DocValues: true},
	{Index: FieldMonth, Type: Keyword, Indexed: Both},
	{Index: FieldYear, Type: Keyword, Indexed: Both},
	{Index: FieldDated, Type: Keyword, Indexed: Both},
	// Year and month dates: date ranges match them when their span
	// overlaps (index.DateRangeQuery); the histogram counts them (doc
	// values); hits show it.
	{Index: FieldPrecision, Type: Keyword, Indexed: Both, Stored: Articles, DocValues: true},
	{Index: FieldURL, Type: Text, Stored: Articles},
	// An article's body is stored as its lead and the rest compressed
	// with the annotations (index.EncodeContent).
	{Index: FieldLead, Type: Text, Stored: Articles},
	{Index: FieldContent, Type: Text, Stored: Articles},
	// Quote documents only: the article a quote attaches to. Quote
	// documents store nothing: a quote hit is shown from its article's
	// stored annotations, title, url, source and date.
	{Index: FieldArticleID, Type: Keyword, Indexed: Quotes},
	{Index: FieldSpeakerArticle, Type: Keyword, Indexed: Quotes, DocValues: true},
}

// Lookup returns the field that name spells, as Name or as an alias.
// Fields only the engine uses have no name and are not found.
func Lookup(name string) (Field, bool) {
	if name == "" {
		return Field{}, false
	}
	for _, f := range Fields {
		if f.Name == name || slices.Contains(f.Aliases, name) {
			return f, true
		}
	}
	return Field{}, false
}

// Canonical returns the Name of the field that name spells, or name itself
// when no field has that spelling.
func Canonical(name string) string {
	if f, ok := Lookup(name); ok {
		return f.Name
	}
	return name
}

// JoinedIndexFields are the index fields of the Joined fields, in table
// order.
func JoinedIndexFields() []string {
	var out []string
	for _, f := range Fields {
		if f.Joined {
			out = append(out, f.Index)
		}
	}
	return out
}

// Select returns the fields for which keep is true, in table order.
func Select(keep func(Field) bool) []Field {
	var out []Field
	for _, f := range Fields {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out
}
