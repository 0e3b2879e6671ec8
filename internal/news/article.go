package news

import "time"

// Article is one news article as read from a corpus, before extraction.
type Article struct {
	ID        string    `json:"id"`
	Title     string    `json:"title,omitempty"`
	Body      string    `json:"body,omitempty"`
	Published time.Time `json:"published,omitzero"` // zero: undated
	Source    string    `json:"source,omitempty"`
	URL       string    `json:"url,omitempty"`
	Authors   []string  `json:"authors,omitempty"`
	Language  string    `json:"language,omitempty"`

	// Origin says where the article was read, "path:line" for JSON Lines
	// records, "path: item N" for feed items and the file path otherwise.
	// It is for diagnostics only.
	Origin string `json:"-"`
}

// Dated reports whether the article has a publication date.
func (a Article) Dated() bool { return !a.Published.IsZero() }
