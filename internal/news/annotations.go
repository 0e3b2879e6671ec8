package news

import "unicode"

// Entity types.
const (
	TypePerson = "person"
	TypeOrg    = "org"
	TypePlace  = "place"
)

// Quote kinds.
const (
	KindDirect   = "direct"
	KindIndirect = "indirect"
	// KindTurn is a speaker's turn in a transcript (a briefing, a UN
	// record, an interview): the words after the speaker's label.
	KindTurn = "turn"
	// KindStatement is a paragraph of a document its speakers speak whole
	// (Article.Speakers): a speech, a statement, a readout.
	KindStatement = "statement"
)

// Annotations is everything extraction finds in one article.
type Annotations struct {
	Entities  []Entity  `json:"entities"`
	Countries []Country `json:"countries"`
	Quotes    []Quote   `json:"quotes"`
}

// Entity is a person, organization or place mentioned in an article.
type Entity struct {
	ID       string    `json:"id"`                // stable slug of the canonical name, e.g. "antony-blinken"
	Name     string    `json:"name"`              // canonical name, e.g. "Antony Blinken"
	Type     string    `json:"type"`              // TypePerson, TypeOrg or TypePlace
	Country  string    `json:"country,omitempty"` // ISO 3166-1 alpha-2, upper case
	Role     string    `json:"role,omitempty"`    // e.g. "Secretary of State"
	Count    int       `json:"count"`             // number of mentions
	Mentions []Mention `json:"mentions"`
}

// Mention is one occurrence of an entity. Offsets are byte offsets into the
// field named (the article's title or body), End exclusive.
type Mention struct {
	Field string `json:"field"` // "title" or "body"
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"` // as written
}

// Country is a country an article is about, with how often it is referred to
// (directly, through places, demonyms, capitals, metonyms or people).
type Country struct {
	Code  string `json:"code"` // ISO 3166-1 alpha-2, upper case
	Name  string `json:"name"` // display name, e.g. "Ukraine"
	Count int    `json:"count"`
}

// Quote is a quotation attributed (or not) to a speaker. Offsets are byte
// offsets into the body, End exclusive, covering the quoted text.
type Quote struct {
	Text             string `json:"text"`
	SpeakerID        string `json:"speaker_id,omitempty"` // entity id; empty when no confident speaker
	SpeakerName      string `json:"speaker_name,omitempty"`
	SpeakerAsWritten string `json:"speaker_as_written,omitempty"` // e.g. "the minister", "he", "@SecBlinken"
	Cue              string `json:"cue,omitempty"`                // cue verb or phrase, e.g. "said", "according to"
	Kind             string `json:"kind"`                         // KindDirect, KindIndirect, KindTurn or KindStatement
	Start            int    `json:"start"`
	End              int    `json:"end"`
	Paragraph        int    `json:"paragraph"` // 0-based paragraph index in the body
}

// MaxScareWords is the most words a scare quote has: a direct quotation
// of one or two words ("a "pragmatic" step", called the vote "rigged") is
// a word the article keeps at a distance, not something a speaker said at
// length. It stays in the article's annotations (highlighted in the
// article) but is not searchable as a quotation on its own.
const MaxScareWords = 2

// Scare reports whether q is a scare quote: a direct quotation of at most
// MaxScareWords words (runs of letters or digits).
func (q Quote) Scare() bool {
	if q.Kind != KindDirect {
		return false
	}
	words, in := 0, false
	for _, r := range q.Text {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			words++
			if words > MaxScareWords {
				return false
			}
		}
		in = w || in && (r == '\'' || r == '’' || r == '-')
	}
	return true
}

// Speaker kinds: who speaks a quote, from its speaker entity's type.
const (
	SpeakerPerson       = "person"
	SpeakerOrganization = "organization"
	// SpeakerCountry is a country or another place speaking as its
	// government ("the United States said", "Washington said", "Texas
	// said").
	SpeakerCountry = "country"
)

// SpeakerKinds returns the kind of the speaker of each quote of a, in
// order ("" for a quote without a speaker or whose speaker is not one of
// a's entities).
func (a Annotations) SpeakerKinds() []string {
	if len(a.Quotes) == 0 {
		return nil
	}
	types := make(map[string]string, len(a.Entities))
	for _, e := range a.Entities {
		types[e.ID] = e.Type
	}
	out := make([]string, len(a.Quotes))
	for i, q := range a.Quotes {
		if q.SpeakerID == "" {
			continue
		}
		switch types[q.SpeakerID] {
		case TypePerson:
			out[i] = SpeakerPerson
		case TypeOrg:
			out[i] = SpeakerOrganization
		case TypePlace:
			out[i] = SpeakerCountry
		}
	}
	return out
}

// SpeakerCountries returns the country each quote of a is spoken for, in
// order: the ISO code of its speaker entity's country (a person's or an
// organisation's, as the alias table or the article gives it: "Croatian
// Foreign Minister Anna Kovač" speaks for HR; a country speaker is its own
// country), "" when the speaker has none or there is no speaker.
func (a Annotations) SpeakerCountries() []string {
	if len(a.Quotes) == 0 {
		return nil
	}
	countries := make(map[string]string, len(a.Entities))
	for _, e := range a.Entities {
		countries[e.ID] = e.Country
	}
	out := make([]string, len(a.Quotes))
	for i, q := range a.Quotes {
		if q.SpeakerID != "" {
			out[i] = countries[q.SpeakerID]
		}
	}
	return out
}
