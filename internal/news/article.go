package news

import "time"

// Article is one news article as read from a corpus, before extraction.
type Article struct {
	ID        string    `json:"id"`
	Title     string    `json:"title,omitempty"`
	Body      string    `json:"body,omitempty"`
	Published time.Time `json:"published,omitzero"` // zero: undated
	// DatePrecision is how much of Published the corpus gives: "" (a day
	// or a time), PrecisionMonth or PrecisionYear. Published is then the
	// start of that month or year, and the article is dated by the whole
	// span.
	DatePrecision string   `json:"date_precision,omitempty"`
	Source        string   `json:"source,omitempty"`
	URL           string   `json:"url,omitempty"`
	Authors       []string `json:"authors,omitempty"`
	Language      string   `json:"language,omitempty"`
	// Speakers speak the whole document: a speech, a statement, a readout
	// (several for a joint statement). Its paragraphs are their words.
	Speakers []DocSpeaker `json:"speakers,omitempty"`

	// Origin says where the article was read, "path:line" for JSON Lines
	// records, "path: item N" for feed items and the file path otherwise.
	// It is for diagnostics only.
	Origin string `json:"-"`
}

// Date precisions coarser than a day (Article.DatePrecision).
const (
	PrecisionMonth = "month"
	PrecisionYear  = "year"
)

// Dated reports whether the article has a publication date.
func (a Article) Dated() bool { return !a.Published.IsZero() }

// DocSpeaker is who speaks a document: a person, an organisation or a
// country's delegation, with the role and the country (a code or a name)
// the corpus gives.
type DocSpeaker struct {
	Name    string `json:"name"`
	Role    string `json:"role,omitempty"`
	Country string `json:"country,omitempty"`
}
