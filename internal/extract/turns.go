package extract

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// Transcripts. A document whose paragraphs open with speaker labels is
// read as turns: each turn (the labelled paragraph and the unlabelled ones
// after it) is the labelled speaker's words, a quote of kind turn. Three
// label styles are read:
//
//   - press briefings: the name in capitals ("MR. PRICE:", "SECRETARY
//     BLINKEN:", "QUESTION:");
//   - UN records: "Mr. Nebenzia (Russian Federation):", "The PRESIDENT:";
//   - interviews: "Interviewer:", "Q:", "A:", or a name ("Wikinews:",
//     "Kovač:").
//
// A label is resolved through the article's entities, so the first full
// mention of a name binds later short labels ("Spokesperson Ned Price" …
// "MR. PRICE:"); an unknown name becomes a person of the document (with
// the delegation's country for a UN label). Questions from the floor
// ("QUESTION", "Q", "Interviewer") are attributed to no named speaker.
// Quotes inside a turn keep their own speaker. A document needs at least
// minTurns labelled paragraphs to be a transcript, so that one "NOTE:"
// line or a "Washington:" dateline does not make turns.
const minTurns = 3

var (
	// "MR. PRICE:", "SECRETARY BLINKEN:", "AMBASSADOR THOMAS-GREENFIELD:"
	capsLabel = regexp.MustCompile(`^((?:[A-Z][A-Z'’.\-]*\s){0,4}[A-Z][A-Z'’.\-]*[A-Z.])\s*:\s+\S`)
	// "Mr. Nebenzia (Russian Federation):", "Ms. Thomas-Greenfield (United States of America):"
	unLabel = regexp.MustCompile(`^((?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord)\.?\s+(?:\p{Lu}[\p{L}'’\-]*\s+){0,3}\p{Lu}[\p{L}'’\-]*)\s*\(([^()]{2,60})\)\s*:\s+\S`)
	// "The PRESIDENT:", "The President:"
	chairLabel = regexp.MustCompile(`^(The\s+(?:PRESIDENT|President|CHAIR|Chair|CHAIRMAN|Chairman|CHAIRPERSON|Chairperson))\s*:\s+\S`)
	// "Interviewer:", "Wikinews:", "Kovač:", "Anna Kovač:"
	nameLabel = regexp.MustCompile(`^(\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,2})\s*:\s+\S`)
)

// floorLabels are the questioners of a briefing or an interview: no named
// speaker.
var floorLabels = map[string]bool{
	"question": true, "questioner": true, "q": true, "interviewer": true, "reporter": true, "participant": true,
	"audience member": true, "moderator": true, "operator": true, "voice": true, "journalist": true,
}

// turnLabel is a paragraph's label: the speaker as written, the
// delegation of a UN label ("" else), and where the label ends and the
// words begin.
type turnLabel struct {
	speaker, delegation string
	start, end          int // the label's speaker text in the body
	words               int // the turn's words start here
	floor               bool
}

// labelAt reads the label that opens the paragraph at p, if any.
func labelAt(body string, p text.Range) (turnLabel, bool) {
	s := body[p.Start:p.End]
	if strings.IndexByte(s[:min(len(s), 100)], ':') < 0 {
		return turnLabel{}, false // no label: most paragraphs, without a regexp
	}
	if m := unLabel.FindStringSubmatchIndex(s); m != nil {
		return turnLabel{speaker: s[m[2]:m[3]], delegation: strings.TrimSpace(s[m[4]:m[5]]),
			start: p.Start + m[2], end: p.Start + m[3], words: p.Start + m[1] - 1}, true
	}
	if m := chairLabel.FindStringSubmatchIndex(s); m != nil {
		return turnLabel{speaker: s[m[2]:m[3]], start: p.Start + m[2], end: p.Start + m[3], words: p.Start + m[1] - 1}, true
	}
	for _, re := range []*regexp.Regexp{capsLabel, nameLabel} {
		m := re.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		sp := strings.TrimSpace(s[m[2]:m[3]])
		low := strings.ToLower(strings.TrimSuffix(sp, "."))
		if text.NotSpeakerLabels[low] || len(sp) < 1 {
			return turnLabel{}, false
		}
		return turnLabel{speaker: sp, start: p.Start + m[2], end: p.Start + m[2] + len(sp), words: p.Start + m[1] - 1, floor: floorLabels[low]}, true
	}
	return turnLabel{}, false
}

// unnamedLabels are the answers of an interview whose interviewee the label
// does not name: turns, but attributed to no one.
var unnamedLabels = map[string]bool{"a": true, "answer": true}

// captionWords end a label that is a caption or a credit, not a speaker
// ("Susan Rice Image:").
var captionWords = map[string]bool{"image": true, "photo": true, "picture": true, "video": true, "caption": true, "credit": true, "file": true, "map": true, "chart": true}

// speakerLabel reports whether a label can name who speaks: a questioner,
// a UN delegate or chair, an honorific or a title with a name, or a name
// that is neither a place nor a common word ("South Carolina:", "Due:",
// "Secondly:" head lists, not turns).
func (d *doc) speakerLabel(ctx *docContext, l *turnLabel) bool {
	low := strings.ToLower(l.speaker)
	if l.floor || l.delegation != "" || strings.HasPrefix(low, "the ") {
		return true
	}
	if unnamedLabels[low] {
		l.floor = true // no one named: no speaker
		return true
	}
	words := strings.Fields(strings.ToLower(strings.ReplaceAll(l.speaker, ".", " ")))
	if len(words) == 0 || captionWords[words[len(words)-1]] || strings.HasSuffix(low, "image") {
		return false
	}
	titled := false
	for len(words) > 1 && (text.Honorifics[words[0]] != "" || text.TitleHeads[words[0]] || d.x.base.titleWords[words[0]]) {
		words, titled = words[1:], true
	}
	name := titleCase(l.speaker)
	if e, ok := ctx.ResolveName(name); ok {
		return e.Type != news.TypePlace
	}
	if len(EntityIDs(name, news.TypePlace)) > 0 || len(CountryCodes(name)) > 0 {
		return false
	}
	if !titled && len(words) == 1 {
		w := words[0]
		if _, given := d.x.base.givenNames[w]; !given && (d.x.base.common[w] || d.x.base.stopwords[w]) {
			return false
		}
	}
	return true
}

// turns returns the turns of a transcript body as quotes of kind turn
// (none when the body is not a transcript), with the entities their
// speakers resolve to added to ents.
func (d *doc) turns(body string, ctx *docContext, ents []news.Entity) ([]news.Quote, []news.Entity) {
	paras := text.Paragraphs(body)
	labels := make([]*turnLabel, len(paras))
	n := 0
	speakers := map[string]bool{}
	for i, p := range paras {
		if l, ok := labelAt(body, p); ok && d.speakerLabel(ctx, &l) {
			labels[i] = &l
			n++
			speakers[strings.ToLower(l.speaker)] = true
		}
	}
	if n < minTurns || len(speakers) < 2 {
		return nil, ents // a list ("Nevada: …", "First: …") or a single labelled voice
	}
	// The people the labels introduce, by full name and surname: the
	// first full label binds the later short ones ("JAKE TAPPER:" then
	// "TAPPER:").
	local := map[string]string{}
	for i := range paras {
		if l := labels[i]; l != nil && !l.floor && !strings.HasPrefix(strings.ToLower(l.speaker), "the ") {
			if ws := strings.Fields(labelName(d, l.speaker)); len(ws) > 1 {
				local[text.FoldName(ws[len(ws)-1])] = strings.Join(ws, " ")
			}
		}
	}
	var out []news.Quote
	for i := 0; i < len(paras); i++ {
		l := labels[i]
		if l == nil {
			continue
		}
		end := paras[i].End
		j := i + 1
		for j < len(paras) && labels[j] == nil {
			end = paras[j].End
			j++
		}
		start := l.words
		for start < end && unicode.IsSpace(rune(body[start])) {
			start++
		}
		if start >= end {
			continue
		}
		q := news.Quote{Text: body[start:end], Kind: news.KindTurn, Start: start, End: end, Paragraph: i, SpeakerAsWritten: l.speaker}
		if !l.floor {
			if full, ok := local[text.FoldName(labelName(d, l.speaker))]; ok {
				l.speaker = full // a short label of a name given in full by another
			}
			q.SpeakerID, q.SpeakerName = d.turnSpeaker(ctx, l, body, &ents)
		}
		out = append(out, q)
	}
	return out, ents
}

// turnSpeaker resolves a label to an entity and returns its id and name:
// an entity of the article by the label's name ("MR. PRICE" is Ned Price),
// else a person named as the label writes it without its honorific or
// title, in title case for a label in capitals, added to ents (or given
// the label as one more mention). A delegate speaks for the delegation's
// country. The chair of a UN meeting stays unresolved ("").
func (d *doc) turnSpeaker(ctx *docContext, l *turnLabel, body string, ents *[]news.Entity) (id, name string) {
	if strings.HasPrefix(strings.ToLower(l.speaker), "the ") {
		return "", "" // "The PRESIDENT": the chair, whoever holds it
	}
	country := ""
	if l.delegation != "" {
		if codes := CountryCodes(l.delegation); len(codes) == 1 {
			country = codes[0]
		}
	}
	at := func(id string) *news.Entity {
		if k := slices.IndexFunc(*ents, func(e news.Entity) bool { return e.ID == id }); k >= 0 {
			return &(*ents)[k]
		}
		return nil
	}
	if e, ok := ctx.ResolveName(titleCase(l.speaker)); ok {
		if en := at(e.ID); en != nil && en.Country == "" {
			en.Country = country
		}
		return e.ID, e.Name
	}
	clean := labelName(d, l.speaker)
	if id = Slug(clean); id == "" {
		return "", ""
	}
	m := news.Mention{Field: fieldBody, Start: l.start, End: l.end, Text: body[l.start:l.end]}
	e := at(id)
	if e == nil {
		*ents = append(*ents, news.Entity{ID: id, Name: clean, Type: news.TypePerson, Country: country, Count: 1, Mentions: []news.Mention{m}})
		return id, clean
	}
	e.Mentions = append(e.Mentions, m)
	slices.SortFunc(e.Mentions, func(a, b news.Mention) int { // the title's first, as finish sorts them
		rank := func(m news.Mention) int {
			if m.Field == fieldTitle {
				return 0
			}
			return 1
		}
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Start, b.Start))
	})
	e.Count = len(e.Mentions)
	if e.Country == "" {
		e.Country = country
	}
	return e.ID, e.Name
}

// labelName is the name a label gives, as a name is written: without its
// honorifics and titles, in title case when the label is in capitals
// ("MR. PRICE" -> "Price", "SECRETARY BLINKEN" -> "Blinken").
func labelName(d *doc, label string) string {
	words := strings.Fields(titleCase(label))
	for len(words) > 1 {
		w := strings.ToLower(strings.TrimSuffix(words[0], "."))
		if text.Honorifics[w] == "" && !text.TitleHeads[w] && !d.x.base.titleWords[w] {
			break
		}
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// titleCase writes a label in capitals as a name ("MR. PRICE" -> "Mr. Price");
// a label in mixed case is kept.
func titleCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		for k := 1; k < len(r); k++ {
			if r[k-1] == '-' || r[k-1] == '\'' || r[k-1] == '’' {
				r[k] = unicode.ToUpper(r[k])
			}
		}
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}
