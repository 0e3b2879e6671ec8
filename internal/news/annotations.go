package news

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
	Kind             string `json:"kind"`                         // KindDirect or KindIndirect
	Start            int    `json:"start"`
	End              int    `json:"end"`
	Paragraph        int    `json:"paragraph"` // 0-based paragraph index in the body
}
