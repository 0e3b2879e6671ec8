package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

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
	spans    []ctxSpan               // body mentions, sorted by start
	names    map[string]*news.Entity // folded name forms (full, surname, alias, @handle) -> entity
	info     map[*news.Entity]*entInfo
	demonyms map[string]string // folded demonym ("russian") -> country code
}

// ctxSpan is one body mention of an entity.
type ctxSpan struct {
	start, end int
	ent        *news.Entity
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
		inf.words = append(inf.words, foldWords(e.Role)...)
		if e.Type != news.TypePerson {
			inf.words = append(inf.words, foldWords(e.Name)...)
		}
		d.info[e] = inf
		d.addName(foldName(e.Name), e)
		for _, m := range e.Mentions {
			if m.Field == fieldBody {
				d.spans = append(d.spans, ctxSpan{m.Start, m.End, e})
				if e.Type == news.TypePerson {
					if r := honorificRole(body, m.Start); r != "" && !containsAny(inf.words, []string{r}) {
						inf.words = append(inf.words, r) // "Sen. Bernie Sanders" is "the senator"
					}
				}
			}
			d.addName(foldName(m.Text), e)
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
			d.addName(foldName(w), e)
		}
	}
	sort.Slice(d.spans, func(i, j int) bool {
		if d.spans[i].start != d.spans[j].start {
			return d.spans[i].start < d.spans[j].start
		}
		return d.spans[i].end > d.spans[j].end
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
func (d *docContext) entityAt(start, end int) (*news.Entity, bool) {
	if d == nil || end <= start {
		return nil, false
	}
	var best *news.Entity
	bestOv := 0
	for _, s := range d.spans {
		if s.start >= end {
			break
		}
		ov := min(s.end, end) - max(s.start, start)
		if ov > bestOv {
			best, bestOv = s.ent, ov
		}
	}
	return best, best != nil
}

// resolveName resolves a name as written ("Blinken", "Mr Lavrov",
// "@SecBlinken", "the Russian Foreign Ministry") to an entity of the
// article. Descriptions ("the minister") resolve as by resolveDescription
// at the end of the body.
func (d *docContext) resolveName(s string) (*news.Entity, bool) {
	if d == nil {
		return nil, false
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	if e, ok := d.names[foldName(s)]; ok {
		return e, true
	}
	words := strings.Fields(s)
	// Strip a leading article, honorifics and titles: "the", "Mr", "President".
	for len(words) > 1 {
		w := strings.ToLower(strings.TrimSuffix(words[0], "."))
		if w == "the" || honorifics[w] != "" || titleHeads[w] {
			words = words[1:]
			continue
		}
		break
	}
	if e, ok := d.names[foldName(strings.Join(words, " "))]; ok {
		return e, true
	}
	if len(words) > 0 && isLowerWord(words[len(words)-1]) {
		return d.resolveDescription(s, len(d.body))
	}
	// Last resort: the last word as a surname of a person.
	if len(words) > 1 {
		if e, ok := d.names[foldName(words[len(words)-1])]; ok && e.Type == news.TypePerson && !otherGivenName(e.Name, words) {
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
func (d *docContext) resolveDescription(desc string, before int) (*news.Entity, bool) {
	if d == nil {
		return nil, false
	}
	var kept []string
	for _, w := range strings.Fields(desc) {
		if !strings.Contains(strings.Trim(w, "-"), "-") {
			kept = append(kept, w) // "two-term" says nothing about who is meant
		}
	}
	words := foldWords(strings.Join(kept, " "))
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
			wantCountry = cc
			continue
		}
		if descFiller[w] {
			continue // "the embattled minister"
		}
		mods = append(mods, w)
	}
	heads := descHeads[head]
	if heads == nil {
		heads = []string{head}
	}
	for i := len(d.spans) - 1; i >= 0; i-- {
		s := d.spans[i]
		if s.start >= before {
			continue
		}
		e := s.ent
		if wantCountry != "" && e.Country != wantCountry {
			continue
		}
		inf := d.info[e]
		if inf == nil || !containsAny(inf.words, heads) {
			continue
		}
		if !containsAll(inf.words, mods) {
			continue
		}
		return e, true
	}
	// "the spokesperson" of no named person speaks for the organisation
	// mentioned last ("Interpol ... the spokesperson said"); "the company"
	// and "the network" are the organisation mentioned last.
	if head == "spokesperson" || head == "spokesman" || head == "spokeswoman" || orgDescHeads[head] && len(mods) == 0 {
		for i := len(d.spans) - 1; i >= 0; i-- {
			s := d.spans[i]
			if s.start < before && s.ent.Type == news.TypeOrg && (wantCountry == "" || s.ent.Country == wantCountry) {
				return s.ent, true
			}
		}
	}
	return nil, false
}

// corporateFirstWord returns the first word of an organisation whose name
// is that word and a corporate suffix ("Ford" of "Ford Motor Company").
func corporateFirstWord(e *news.Entity) (string, bool) {
	ws := strings.Fields(e.Name)
	if e.Type != news.TypeOrg || len(ws) < 2 {
		return "", false
	}
	for _, w := range ws[1:] {
		if !corporateSuffix[strings.ToLower(strings.Trim(w, ".,"))] {
			return "", false
		}
	}
	return ws[0], true
}

// lastPerson returns the most recent person mentioned before the byte offset
// before. gender "m" or "f" skips persons known to be of the other gender;
// "" accepts any.
func (d *docContext) lastPerson(before int, gender string) (*news.Entity, bool) {
	if d == nil {
		return nil, false
	}
	for i := len(d.spans) - 1; i >= 0; i-- {
		s := d.spans[i]
		if s.start >= before || s.ent.Type != news.TypePerson {
			continue
		}
		if g := d.info[s.ent].gender; gender != "" && g != "" && g != gender {
			continue
		}
		return s.ent, true
	}
	return nil, false
}

// spansIn returns the body mentions overlapping [start,end), in order.
func (d *docContext) spansIn(start, end int) []ctxSpan {
	if d == nil {
		return nil
	}
	var out []ctxSpan
	for _, s := range d.spans {
		if s.start >= end {
			break
		}
		if s.end > start {
			out = append(out, s)
		}
	}
	return out
}

// mentionsIn returns the entities with a body mention overlapping
// [start,end), each once, in order of first mention in the span.
func (d *docContext) mentionsIn(start, end int) []*news.Entity {
	if d == nil {
		return nil
	}
	var out []*news.Entity
	seen := map[*news.Entity]bool{}
	for _, s := range d.spans {
		if s.start >= end {
			break
		}
		if s.end <= start || seen[s.ent] {
			continue
		}
		seen[s.ent] = true
		out = append(out, s.ent)
	}
	return out
}

// foldName is the lookup key of a name: lower case, curly apostrophes
// straightened, a possessive 's and surrounding punctuation removed, inner
// space collapsed.
func foldName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ".,;:!?\"')]”’")
	s = strings.TrimLeft(s, "\"'([“‘")
	s = strings.ReplaceAll(s, "’", "'")
	s = strings.TrimSuffix(s, "'s")
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// foldWords splits s into lower-case words of letters and digits.
func foldWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

func containsAny(words, want []string) bool {
	for _, w := range want {
		for _, x := range words {
			if x == w {
				return true
			}
		}
	}
	return false
}

func containsAll(words, want []string) bool {
	for _, w := range want {
		if !containsAny(words, []string{w}) {
			return false
		}
	}
	return true
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
	return honorificRoles[strings.ToLower(strings.TrimSuffix(w, "."))]
}

// otherGivenName reports whether a name as written ("Abdullah Kurdi")
// gives another name before the surname than the person's full name ("Alan
// Kurdi"): a relative, not the same person.
func otherGivenName(full string, written []string) bool {
	fw := strings.Fields(foldName(full))
	if len(fw) < 2 || len(written) < 2 {
		return false
	}
	// The words before the surname: "Abdullah" against "Alan"; "US envoy for
	// Iran Brian Hook" keeps "Brian".
	w := strings.TrimSuffix(foldName(written[len(written)-2]), ".")
	if len(w) <= 1 || honorifics[w] != "" || titleHeads[w] {
		return false // an initial, "Ms Kovač", "President Biden"
	}
	for _, f := range fw[:len(fw)-1] {
		if w == f || strings.HasPrefix(f, w) || strings.HasPrefix(w, f) {
			return false // "Hillary Clinton" for "Hillary Rodham Clinton"
		}
	}
	return true
}
