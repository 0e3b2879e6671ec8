package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/quote"
	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// docContext is built once per article by the entity stage and handed to
// findQuotes. It answers "who is this?" for names, descriptions and pronouns
// at a given place in the body. All offsets are byte offsets into the body.
//
// It is read-only after construction; the *Entity values it returns point
// into the article's entity list, so callers must not modify them.
type docContext struct {
	body     string
	ents     []*news.Entity          // every entity of the article, in order of first mention
	spans    []quote.Span            // body mentions, sorted by start
	names    map[string]*news.Entity // folded name forms (full, surname, alias, @handle) -> entity
	info     map[*news.Entity]*entInfo
	demonyms map[string]string // folded demonym ("russian") -> country code
	era      map[string]string // country code -> the historical state it counts for at the article's date (see doc.era)
	common   map[string]bool   // common English words (baseData.common), folded
}

// entInfo is what the entity stage knows about an entity beyond Entity.
type entInfo struct {
	gender string   // "m", "f" or "" (unknown)
	words  []string // folded words of role and name, used to match descriptions
}

// newDocContext indexes ents for the resolution methods. genders maps an
// entity id to "m" or "f" where known; keys maps extra folded name forms
// (aliases, handles, surnames) to entity ids.
func newDocContext(body string, ents []*news.Entity, genders map[string]string, keys map[string]string, demonyms map[string]string) *docContext {
	d := &docContext{
		body:     body,
		demonyms: demonyms,
		ents:     ents,
		names:    make(map[string]*news.Entity, 4*len(ents)),
		info:     make(map[*news.Entity]*entInfo, len(ents)),
	}
	byID := make(map[string]*news.Entity, len(ents))
	for _, e := range ents {
		byID[e.ID] = e
		inf := &entInfo{gender: genders[e.ID]}
		inf.words = append(inf.words, text.FoldWords(e.Role)...)
		if e.Type != news.TypePerson {
			inf.words = append(inf.words, text.FoldWords(e.Name)...)
		}
		d.info[e] = inf
		d.addName(text.FoldName(e.Name), e)
		for _, m := range e.Mentions {
			if m.Field == fieldBody {
				d.spans = append(d.spans, quote.Span{Start: m.Start, End: m.End, Ent: e})
				if e.Type == news.TypePerson {
					if r := honorificRole(body, m.Start); r != "" && !text.ContainsAny(inf.words, []string{r}) {
						inf.words = append(inf.words, r) // "Sen. Bernie Sanders" is "the senator"
					}
				}
			}
			d.addName(text.FoldName(m.Text), e)
		}
	}
	for k, id := range keys {
		if e, ok := byID[id]; ok {
			d.addName(k, e)
		}
	}
	// "Ford" for the Ford Motor Company: a company's first word, when the
	// rest is only a corporate suffix and nothing else goes by that word.
	for _, e := range ents {
		if w, ok := corporateFirstWord(e); ok {
			d.addName(text.FoldName(w), e)
		}
	}
	sort.Slice(d.spans, func(i, j int) bool {
		if d.spans[i].Start != d.spans[j].Start {
			return d.spans[i].Start < d.spans[j].Start
		}
		return d.spans[i].End > d.spans[j].End
	})
	return d
}

func (d *docContext) addName(k string, e *news.Entity) {
	if k == "" {
		return
	}
	if _, taken := d.names[k]; !taken {
		d.names[k] = e
	}
}

// entityAt returns the entity one of whose body mentions overlaps
// [start,end); when several do, the one with the largest overlap.
func (d *docContext) EntityAt(start, end int) (*news.Entity, bool) {
	if d == nil || end <= start {
		return nil, false
	}
	var best *news.Entity
	bestOv := 0
	for _, s := range d.spans {
		if s.Start >= end {
			break
		}
		ov := min(s.End, end) - max(s.Start, start)
		if ov > bestOv {
			best, bestOv = s.Ent, ov
		}
	}
	return best, best != nil
}

// resolveName resolves a name as written ("Blinken", "Mr Lavrov",
// "@SecBlinken", "the Russian Foreign Ministry") to an entity of the
// article. Descriptions ("the minister") resolve as by resolveDescription
// at the end of the body.
func (d *docContext) ResolveName(s string) (*news.Entity, bool) {
	if d == nil {
		return nil, false
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	if e, ok := d.names[text.FoldName(s)]; ok {
		return e, true
	}
	words := strings.Fields(s)
	// Strip a leading article, Honorifics and titles: "the", "Mr", "President".
	for len(words) > 1 {
		w := strings.ToLower(strings.TrimSuffix(words[0], "."))
		if w == "the" || text.Honorifics[w] != "" || text.TitleHeads[w] {
			words = words[1:]
			continue
		}
		break
	}
	if e, ok := d.names[text.FoldName(strings.Join(words, " "))]; ok {
		return e, true
	}
	if len(words) > 0 && text.IsLowerWord(words[len(words)-1]) {
		return d.ResolveDescription(s, len(d.body))
	}
	// Last resort: the last word as a surname of a person.
	if len(words) > 1 {
		if e, ok := d.names[text.FoldName(words[len(words)-1])]; ok && e.Type == news.TypePerson && !text.OtherGivenName(e.Name, words) {
			return e, true
		}
	}
	return nil, false
}

// resolveDescription resolves a description ("the minister", "the
// spokesperson", "the ministry", "the Russian foreign minister") to the most
// recent fitting entity mentioned before the byte offset before. A
// spokesperson with no fitting person resolves to the most recent
// organisation: they speak for it.
func (d *docContext) ResolveDescription(desc string, before int) (*news.Entity, bool) {
	if d == nil {
		return nil, false
	}
	var kept []string
	for _, w := range strings.Fields(desc) {
		if !strings.Contains(strings.Trim(w, "-"), "-") {
			kept = append(kept, w) // "two-term" says nothing about who is meant
		}
	}
	words := text.FoldWords(strings.Join(kept, " "))
	for len(words) > 0 && (words[0] == "the" || words[0] == "a" || words[0] == "an" || words[0] == "its" || words[0] == "his" || words[0] == "her" || words[0] == "their") {
		words = words[1:]
	}
	if len(words) == 0 {
		return nil, false
	}
	head := words[len(words)-1]
	wantCountry := ""
	var mods []string
	for _, w := range words[:len(words)-1] {
		if cc, ok := d.demonyms[w]; ok && wantCountry == "" {
			if h, ok := d.era[cc]; ok {
				cc = h // "the Russian minister" of a Soviet ministry in 1987
			}
			wantCountry = cc
			continue
		}
		if text.DescFiller[w] {
			continue // "the embattled minister"
		}
		mods = append(mods, w)
	}
	heads := text.DescHeads[head]
	if heads == nil {
		heads = []string{head}
	}
	// "the CNN host", "the GOP front-runner": a person, whatever
	// organisation the description names ("The Guardian" is no guardian).
	person := len(kept) > 0 && lowerWord(kept[len(kept)-1]) && text.PersonHead(head)
	for i := len(d.spans) - 1; i >= 0; i-- {
		s := d.spans[i]
		if s.Start >= before {
			continue
		}
		e := s.Ent
		if wantCountry != "" && e.Country != wantCountry || person && e.Type == news.TypeOrg {
			continue
		}
		inf := d.info[e]
		if inf == nil || !text.ContainsAny(inf.words, heads) {
			continue
		}
		if !text.ContainsAll(inf.words, mods) {
			continue
		}
		return e, true
	}
	if head == "newspaper" || head == "paper" || head == "board" && len(mods) == 1 && mods[0] == "editorial" {
		// "The newspaper", "the paper", "the editorial board": the
		// newspaper named last ("the Wall Street Journal"), not any
		// organisation ("GOP").
		for i := len(d.spans) - 1; i >= 0; i-- {
			s := d.spans[i]
			if s.Start < before && s.Ent.Type == news.TypeOrg && text.NewspaperName(s.Ent.Name) {
				return s.Ent, true
			}
		}
	}
	// "the spokesperson" of no named person speaks for the organisation
	// mentioned last ("Interpol ... the spokesperson said"); "the company"
	// and "the network" are the organisation mentioned last.
	if head == "spokesperson" || head == "spokesman" || head == "spokeswoman" || text.OrgDescHeads[head] && len(mods) == 0 {
		if name := properModifiers(kept, d.common); name != "" && !text.OrgDescHeads[head] {
			// "The GM spokesman", "a UAW spokeswoman": the organisation
			// the description names, or nobody; not whichever came last.
			return d.orgNamedBy(name, before)
		}
		for i := len(d.spans) - 1; i >= 0; i-- {
			s := d.spans[i]
			if s.Start < before && s.Ent.Type == news.TypeOrg && (wantCountry == "" || s.Ent.Country == wantCountry) {
				return s.Ent, true
			}
		}
	}
	return nil, false
}

// properModifiers returns the words of a description's kept words (as
// written) before its head that name something, joined by spaces:
// capitalised ("The GM spokesman", "the J.P. Morgan spokesman", "UAW
// spokesman"), but not a common word first, capitalised as it may be for
// opening a sentence ("Company spokesman"); "" when none does. Determiners
// are no names.
func properModifiers(kept []string, common map[string]bool) string {
	var out []string
	for i, w := range kept[:max(0, len(kept)-1)] {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			continue
		}
		if text.Determiners[text.FoldName(w)] {
			continue
		}
		if i == 0 && strings.ToUpper(w) != w && common[strings.ToLower(w)] {
			continue // "Company spokesman" opening a sentence
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// orgNamedBy returns the organisation that the name as written gives: the
// one of that name or form ("GM"), else the most recent before the byte
// offset before whose name holds all its words ("J.P. Morgan" of "J.P.
// Morgan and Co").
func (d *docContext) orgNamedBy(name string, before int) (*news.Entity, bool) {
	if e, ok := d.names[text.FoldName(name)]; ok && e.Type == news.TypeOrg {
		return e, true
	}
	words := text.FoldWords(name)
	for i := len(d.spans) - 1; i >= 0; i-- {
		s := d.spans[i]
		if s.Start >= before || s.Ent.Type != news.TypeOrg {
			continue
		}
		if inf := d.info[s.Ent]; inf != nil && text.ContainsAll(inf.words, words) {
			return s.Ent, true
		}
	}
	if len(words) == 1 && len(name) >= 2 && strings.ToUpper(name) == name {
		// "ADB spokeswoman" after the African Development Bank: an acronym
		// of the initials of a name the article gives.
		for i := len(d.spans) - 1; i >= 0; i-- {
			s := d.spans[i]
			if s.Start < before && s.Ent.Type == news.TypeOrg && initials(s.Ent.Name) == name {
				return s.Ent, true
			}
		}
	}
	return nil, false
}

// initials returns the first letters, upper-cased, of a name's words but
// "of", "and", "the", "for" ("ADB" of "African Development Bank").
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		switch strings.ToLower(w) {
		case "of", "and", "the", "for", "&":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// corporateFirstWord returns the first word of an organisation whose name
// is that word and a corporate suffix ("Ford" of "Ford Motor Company").
func corporateFirstWord(e *news.Entity) (string, bool) {
	ws := strings.Fields(e.Name)
	if e.Type != news.TypeOrg || len(ws) < 2 {
		return "", false
	}
	for _, w := range ws[1:] {
		if !text.CorporateSuffix[strings.ToLower(strings.Trim(w, ".,"))] {
			return "", false
		}
	}
	return ws[0], true
}

// speakerGender returns the gender the entity stage knows for e: "m", "f"
// or "" (unknown). The quote detector uses it to keep "he" and "she" on the
// current speaker.
func (d *docContext) SpeakerGender(e *news.Entity) string {
	if d == nil || d.info[e] == nil {
		return ""
	}
	return d.info[e].gender
}

// lastPerson returns the most recent person mentioned before the byte offset
// before. gender "m" or "f" skips persons known to be of the other gender;
// "" accepts any.
func (d *docContext) LastPerson(before int, gender string) (*news.Entity, bool) {
	if d == nil {
		return nil, false
	}
	for i := len(d.spans) - 1; i >= 0; i-- {
		s := d.spans[i]
		if s.Start >= before || s.Ent.Type != news.TypePerson {
			continue
		}
		if g := d.info[s.Ent].gender; gender != "" && g != "" && g != gender {
			continue
		}
		return s.Ent, true
	}
	return nil, false
}

// spansIn returns the body mentions overlapping [start,end), in order.
func (d *docContext) SpansIn(start, end int) []quote.Span {
	if d == nil {
		return nil
	}
	var out []quote.Span
	for _, s := range d.spans {
		if s.Start >= end {
			break
		}
		if s.End > start {
			out = append(out, s)
		}
	}
	return out
}

// mentionsIn returns the entities with a body mention overlapping
// [start,end), each once, in order of first mention in the span.
func (d *docContext) MentionsIn(start, end int) []*news.Entity {
	if d == nil {
		return nil
	}
	var out []*news.Entity
	seen := map[*news.Entity]bool{}
	for _, s := range d.spans {
		if s.Start >= end {
			break
		}
		if s.End <= start || seen[s.Ent] {
			continue
		}
		seen[s.Ent] = true
		out = append(out, s.Ent)
	}
	return out
}

// honorificRole returns the role implied by the title word right before
// byte offset at of body ("Sen. Bernie Sanders" → "senator"), or "".
func honorificRole(body string, at int) string {
	if at <= 0 || at > len(body) {
		return ""
	}
	lo := max(0, at-12)
	w := strings.TrimRight(body[lo:at], " ")
	if k := strings.LastIndexAny(w, " \n(\"“"); k >= 0 {
		w = w[k+1:]
	}
	return text.HonorificRoles[strings.ToLower(strings.TrimSuffix(w, "."))]
}

// lowerWord reports whether w starts with a lower-case letter.
func lowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}
