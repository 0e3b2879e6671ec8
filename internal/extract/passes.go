// The state of one Extract call (doc) and its passes: over the tokens, then over what they found.

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// docEntity is an entity being collected.
type docEntity struct {
	e        news.Entity
	gender   string
	forms    []string // folded alias forms
	order    int
	absorbed bool // its mentions are another entity's now (absorb)
}

// pending is a capitalised run not yet known to be an entity: it becomes
// one if it names an entity found elsewhere in the article.
type pending struct {
	field      string
	start, end int
	phrase     string
	honorific  string // gender implied by an honorific before it, or "-"
	nTokens    int
	sentStart  bool // the run opens a sentence
}

// doc is the state of one Extract call.
type doc struct {
	x    *Extractor
	year int // of the article's date; 0: undated
	// era maps the codes of today's countries to the historical state
	// they count for at the article's date ("RU" -> "SU" in 1987); nil
	// when undated or no state applies. See countryOf.
	era       map[string]string
	ents      map[string]*docEntity
	order     int
	countries map[string]int
	pend      []pending
	toks      []text.Token
	src       string
	field     string
	key       []byte
	fb        []byte
	list      []*docEntity // entities in order of creation

	inDateline bool // looking up a wire dateline: towns may match

	// countryOut, when not nil, receives a mention of every country name
	// matched (ExtractWithCountryPlaces's place mentions; see extract).
	countryOut *[]countryMentionOf
}

func (d *doc) run(field, src string) {
	if src == "" {
		return
	}
	d.field, d.src = field, src
	d.toks = text.Tokenize(src, 0, len(src), text.NameRules, d.toks)
	if field == fieldTitle && mostlyUpper(src) {
		d.scanUpper()
		return
	}
	start := 0
	if field == fieldBody {
		start = d.dateline()
	}
	toks := d.toks
	for i := start; i < len(toks); {
		t := toks[i]
		if t.Is(text.Para) || i == start {
			// A paragraph in capitals (a heading): look up names only.
			k := i + 1
			for k < len(toks) && !toks[k].Is(text.Para) {
				k++
			}
			if mostlyUpper(d.src[t.Start:toks[k-1].End]) {
				d.scanUpperRange(i, k)
				i = k
				continue
			}
		}
		if t.Is(text.Handle) {
			if e := d.lookupExact(i, 1); e != nil {
				d.addMention(e, t.Start, t.End, "")
			}
			i++
			continue
		}
		if !t.Is(text.Word) {
			i++
			continue
		}
		if k := d.bracketedName(i); k > i {
			i = k
			continue
		}
		if !t.Is(text.Upper) {
			// Names that begin in lower case ("al-Qaeda", "border commission").
			if d.in(d.x.gaz.starts, i) {
				if m := d.longest(i, len(toks), false); m.n > 0 {
					d.addMatch(m, i, "")
					i += m.n
					continue
				}
			}
			i++
			continue
		}
		j := d.seqEnd(i)
		if j < len(toks) && d.is(j, "station") && !toks[j-1].Is(text.AllUpper) && !d.hasOrgWord(i, j) &&
			!(j == i+1 && toks[i].Is(text.SentStart) && d.in(d.x.base.common, i)) { // "Working station"
			j++ // "Waterloo station": the station's name
		} else if j < len(toks) && d.is(j, "airport") && !toks[j-1].Is(text.AllUpper) && !d.hasOrgWord(i, j) && !toks[i].Is(text.SentStart) {
			if m := d.longest(i, j, true); m.n == 0 && !(j == i+2 && d.is(i, "the")) {
				j++ // "Gillespie Field airport"; "the Moscow airport" is Moscow's
			}
		}
		if (j == i+1 || j == i+2 && d.is(i, "the")) && j < len(toks) && d.is(j, "party") && d.in(text.PartyAdjectives, j-1) {
			// "the Democratic party": the party, as "Democratic Party".
			start, end := toks[j-1].Start, toks[j].End
			d.mention(d.entity(Slug(d.src[start:end]), d.src[start:end], news.TypeOrg), start, end)
			i = j + 1
			continue
		}
		if d.tickerAt(j) && d.longest(i, j, false).n < j-i && !d.hasLowerWord(i, j) {
			// "AB Volvo <VOLV.ST>": the name before a ticker is a
			// listed company's.
			if d.addOrg(toks[i].Start, toks[j-1].End) {
				i = j
				continue
			}
		}
		if m := d.longest(i, min(len(toks), i+8), false); m.n > j-i {
			// A known name with lower-case words inside that the
			// capitalised run stops at: "Trinidad and Tobago", "S and P".
			d.addMatch(m, i, "")
			i += m.n
			continue
		}
		d.sequence(i, j)
		if j <= i {
			j = i + 1
		}
		j = d.acronymDefinition(i, j)
		if j-i >= 2 && j < len(toks) && text.PostNominals[d.tokText(j)] {
			j++ // "Durham Hall QC": the letters after a name are no name of their own
		}
		i = j
	}
}

// acronymDefinition handles "Syrian Democratic Forces (SDF)": when the
// sequence [i,j) is an organisation's mention and "(ACRONYM)" follows, the
// acronym becomes a mention and a form of that organisation, so that a later
// "the SDF" resolves to it. It returns the token to go on from.
func (d *doc) acronymDefinition(i, j int) int {
	toks := d.toks
	if j+2 >= len(toks) || d.src[toks[j].Start] != '(' || !toks[j+1].Is(text.AllUpper) {
		return j
	}
	a := j + 2 // the token after the acronym: "(SDF)", "(PG&E)"
	for a+1 < len(toks) && d.src[toks[a].Start] == '&' && d.ampersandAcronym(a) {
		a += 2
	}
	if a >= len(toks) || d.src[toks[a].Start] != ')' {
		return j
	}
	start, end := toks[i].Start, toks[j-1].End
	for _, de := range d.list {
		if de.e.Type != news.TypeOrg {
			continue
		}
		for _, m := range de.e.Mentions {
			if m.Field == d.field && m.Start >= start && m.End == end {
				acrStart, acrEnd := toks[j+1].Start, toks[a-1].End
				de.forms = append(de.forms[:len(de.forms):len(de.forms)], text.FoldName(d.src[acrStart:acrEnd]))
				d.mention(de, acrStart, acrEnd)
				return a + 1
			}
		}
	}
	return j
}

// fold returns the folded text of token i.
func (d *doc) fold(i int) string {
	t := d.toks[i]
	return string(appendFold(d.key[:0], d.src[t.Start:t.End]))
}

// in reports whether the folded text of token i is in set, without
// allocating.
func (d *doc) in(set map[string]bool, i int) bool {
	t := d.toks[i]
	d.fb = appendFold(d.fb[:0], d.src[t.Start:t.End])
	return set[string(d.fb)]
}

// is reports whether the folded text of token i is w.
func (d *doc) is(i int, w string) bool {
	t := d.toks[i]
	if t.End-t.Start != len(w) {
		return false
	}
	d.fb = appendFold(d.fb[:0], d.src[t.Start:t.End])
	return string(d.fb) == w
}

// bracketedName reads "<Airbus Industrie>" at i: wire copy (Reuters)
// puts the name of a company in angle brackets, "<AB Catena>", and its
// ticker after a listed one's name, "AB Volvo <VOLV.ST>". A capitalised
// name closed by ">" on its paragraph is an organisation, unless it is a
// name the gazetteer knows whole; a name in capitals only is a ticker
// ("<VOLV.ST>", "<ERIC ST>"), no name. It returns the token after ">",
// or i when there is no such name.
func (d *doc) bracketedName(i int) int {
	toks := d.toks
	if i == 0 || !toks[i].Is(text.Upper) || d.src[toks[i-1].Start] != '<' || toks[i-1].End != toks[i].Start {
		return i
	}
	k := i
	for k < len(toks) && k-i < 12 && !toks[k].Is(text.Para) {
		c := d.src[toks[k].Start]
		if c == '>' {
			break
		}
		if !toks[k].Is(text.Word) && !strings.ContainsRune(".,-&/'()", rune(c)) {
			return i // "<", a control character, a quotation mark
		}
		k++
	}
	if k == i || k >= len(toks) || d.src[toks[k].Start] != '>' || toks[k].Start != toks[k-1].End {
		return i
	}
	start, end := toks[i].Start, toks[k-1].End
	if m := d.longest(i, k, false); m.n == k-i {
		d.addMatch(m, i, "")
		return k + 1
	}
	if strings.IndexFunc(d.src[start:end], unicode.IsLower) < 0 {
		return k + 1 // "<VOLV.ST>", "<C>", "<ERIC ST>": a ticker, no name
	}
	if !d.addOrg(start, end) {
		return i
	}
	return k + 1
}

// addOrg adds the text [start,end) as a mention of the organisation it
// names; false, adding nothing, when the article already has an entity
// of another type by that name.
func (d *doc) addOrg(start, end int) bool {
	name := d.src[start:end]
	de := d.entity(Slug(name), name, news.TypeOrg)
	if de.e.Type != news.TypeOrg {
		return false
	}
	d.mention(de, start, end)
	return true
}

// tickerAt reports whether a ticker in angle brackets, "<VOLV.ST>",
// "<AMO>", opens at token i after a space.
func (d *doc) tickerAt(i int) bool {
	toks := d.toks
	if i+2 >= len(toks) || d.src[toks[i].Start] != '<' || !toks[i].Is(text.Space) {
		return false
	}
	k := i + 1
	for k < len(toks) && k-i <= 4 && !toks[k].Is(text.Para) && toks[k].Start == toks[k-1].End {
		c := d.src[toks[k].Start]
		if c == '>' {
			return k > i+1
		}
		if !tickerText(d.tokText(k)) {
			return false
		}
		k++
	}
	return false
}

// tickerText reports whether s is written as a ticker: capital letters,
// digits and periods only.
func tickerText(s string) bool {
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.') {
			return false
		}
	}
	return s != ""
}

func (d *doc) tokText(i int) string { return d.src[d.toks[i].Start:d.toks[i].End] }

// resolvePending turns pending runs into mentions of entities named
// elsewhere in the article; honorific runs become people of their own.
func (d *doc) resolvePending() {
	if len(d.pend) == 0 {
		return
	}
	ents := d.sortedEnts()
	idx := map[string]*docEntity{}
	amb := map[string]bool{}
	put := func(k string, de *docEntity) {
		if k == "" {
			return
		}
		if old, ok := idx[k]; ok && old != de {
			amb[k] = true
			return
		}
		idx[k] = de
	}
	for _, de := range ents {
		put(text.FoldName(de.e.Name), de)
		for _, f := range de.forms {
			put(f, de)
		}
		if de.e.Type == news.TypePerson {
			ws := strings.Fields(text.FoldName(de.e.Name))
			if len(ws) >= 2 {
				put(ws[len(ws)-1], de)
			}
		}
	}
	for _, p := range d.pend {
		f := text.FoldName(p.phrase)
		de, ok := idx[f]
		byLast := false
		if !ok || amb[f] {
			// "Secretary Blinken" leftovers: try the last word.
			ws := strings.Fields(f)
			if len(ws) > 1 {
				de, ok = idx[ws[len(ws)-1]]
				ok = ok && !amb[ws[len(ws)-1]] && de.e.Type == news.TypePerson
				byLast = ok
				if ok && d.anotherGivenName(de.e.Name, strings.Fields(p.phrase)) {
					// "Abdullah Kurdi" after Alan Kurdi: another given name
					// and the same surname is another person, a relative.
					de = d.entity(Slug(p.phrase), p.phrase, news.TypePerson)
					ok = de.e.Type == news.TypePerson
				}
			}
		}
		if !ok || de == nil {
			if p.honorific != "" && p.nTokens <= 4 && !d.allCommonText(p.phrase) {
				de = d.entity(Slug(p.phrase), p.phrase, news.TypePerson)
				if de.e.Type != news.TypePerson {
					continue
				}
				if p.honorific != "-" {
					de.gender = p.honorific
				}
			} else {
				continue
			}
		}
		d.field = p.field
		d.src = "" // mention text comes from p
		start, phrase := p.start, p.phrase
		if lead, last := leadingCommon(d.x.base, phrase); lead > 0 && byLast && p.sentStart && de.e.Type == news.TypePerson &&
			!strings.Contains(" "+text.FoldName(de.e.Name)+" ", " "+text.FoldName(phrase[:lead-1])+" ") {
			// "Following Sanders on MSNBC" opening a sentence: Sanders
			// (but "Mitt Romney" after "Romney" stays whole).
			start, phrase = p.start+lead, last
		}
		de.e.Mentions = append(de.e.Mentions, news.Mention{Field: p.field, Start: start, End: p.end, Text: phrase})
		if de.e.Country != "" {
			d.countries[de.e.Country]++
		}
	}
}

// leadingCommon returns, when every word of phrase but the last is a common
// English word and no title ("Following Sanders", "Footage of Al-Awlaki";
// but also "Mitt Romney", so the caller asks for more),
// the byte offset of the last word and that word; 0 otherwise.
func leadingCommon(b *baseData, phrase string) (int, string) {
	i := strings.LastIndexByte(phrase, ' ')
	if i < 0 {
		return 0, ""
	}
	for _, w := range strings.Fields(phrase[:i]) {
		w = foldToken(w)
		if !b.common[w] || b.titleWords[w] {
			return 0, ""
		}
	}
	return i + 1, phrase[i+1:]
}

// anotherGivenName reports whether written ends with the surname of full
// after a different capitalised first word that is not a title or a role
// ("Abdullah Kurdi" against "Alan Kurdi"; not "Secretary Blinken").
func (d *doc) anotherGivenName(full string, written []string) bool {
	if len(written) < 2 {
		return false
	}
	w := foldToken(strings.TrimSuffix(written[len(written)-2], "."))
	if d.x.base.titleWords[w] || d.x.base.common[w] {
		return false
	}
	return text.OtherGivenName(full, written)
}

// mergeSurnamePlaces turns a one-word place or person that is the surname
// of a person of the article ("Bolton" after "John R. Bolton"), or a
// one-word person that is a first name ("Pramual" for "Pramual Sabhavasu"),
// into mentions of that person, taking back the country it counted; so is
// a one-word person whose name misspells the surname (bySurnameMisspelt).
func (d *doc) mergeSurnamePlaces() {
	surname := map[string]*docEntity{}
	first := map[string]*docEntity{}
	amb := map[string]bool{}
	for _, de := range d.list {
		if de.e.Type != news.TypePerson || de.absorbed {
			continue
		}
		ws := strings.Fields(text.FoldName(de.e.Name))
		if len(ws) < 2 {
			continue
		}
		k := ws[len(ws)-1]
		if old, ok := surname[k]; ok && old != de {
			amb[k] = true
		}
		surname[k] = de
		if old, ok := first[ws[0]]; ok && old != de {
			amb["first:"+ws[0]] = true
		}
		first[ws[0]] = de
	}
	if len(surname) == 0 {
		return
	}
	for _, de := range d.list {
		if de.e.Type != news.TypePlace && de.e.Type != news.TypePerson || strings.Contains(de.e.Name, " ") || len(de.e.Mentions) == 0 || de.forms != nil {
			continue
		}
		k := text.FoldName(de.e.Name)
		per, ok := surname[k]
		if !ok && de.e.Type == news.TypePerson {
			per, ok = first[k] // "Pramual" for "Pramual Sabhavasu"
			ok = ok && !amb["first:"+k]
		}
		if !ok && de.e.Type == news.TypePerson {
			per = d.bySurnameMisspelt(de.e.Name) // "Bauchtman" for "Lydia Buchtmann"
			ok = per != nil
		}
		if !ok || amb[k] || per == de {
			continue
		}
		for _, m := range de.e.Mentions {
			if text.FoldName(m.Text) != k {
				continue
			}
			per.e.Mentions = append(per.e.Mentions, m)
			if de.e.Country != "" {
				d.countries[de.e.Country]--
			}
			if per.e.Country != "" {
				d.countries[per.e.Country]++
			}
		}
		de.e.Mentions = nil
	}
}

// resolveDescriptions adds "the minister"-style mentions of people named
// before them in the body.
func (d *doc) resolveDescriptions(body string) {
	if body == "" || len(d.ents) == 0 {
		return
	}
	// run(body) came last: d.toks are the body's tokens.
	d.field, d.src = fieldBody, body
	var ctx *docContext
	for i := 0; i+1 < len(d.toks); i++ {
		if !d.is(i, "the") {
			continue
		}
		k := i + 1
		for k < len(d.toks) && k < i+5 && d.toks[k].Is(text.Word) && !d.in(text.DescriptionHeads, k) {
			// "the Russian foreign minister": demonyms and title words.
			if _, dem := d.x.base.demonyms[d.fold(k)]; !dem && (d.toks[k].Is(text.Upper) || !d.in(d.x.base.titleWords, k)) {
				break
			}
			k++
		}
		if k >= len(d.toks) || !d.toks[k].Is(text.Word) || d.toks[k].Is(text.Upper) || !d.in(text.DescriptionHeads, k) {
			continue
		}
		if k+1 < len(d.toks) && (d.toks[k+1].Is(text.Upper) || d.is(k+1, "of") || d.is(k+1, "and")) {
			continue
		}
		start, end := d.toks[i].Start, d.toks[k].End
		if ctx == nil {
			ctx = d.context(body)
		}
		if i >= 2 && d.src[d.toks[i-1].Start] == ',' {
			if _, ok := ctx.EntityAt(d.toks[i-2].Start, d.toks[i-2].End); ok {
				continue // "Varga, the Hungarian foreign minister,": an appositive
			}
		}
		e, ok := ctx.ResolveDescription(body[start:end], start)
		if !ok || e.Type != news.TypePerson {
			continue
		}
		if de := d.ents[e.ID]; de != nil {
			d.mention(de, start, end)
		}
	}
}

// context builds the docContext of the body from the entities so far.
func (d *doc) context(body string) *docContext {
	ents := make([]*news.Entity, 0, len(d.ents))
	genders := map[string]string{}
	keys := map[string]string{}
	for _, de := range d.sortedEnts() {
		if len(de.e.Mentions) == 0 {
			continue // merged into another
		}
		e := de.e // a copy: Mentions shared read-only
		ents = append(ents, &e)
		if de.gender == "" && e.Type == news.TypePerson {
			de.gender = d.givenNameGender(e.Name)
		}
		if de.gender == "" && e.Type == news.TypePerson {
			de.gender = pronounGender(body, e.Mentions)
		}
		if de.gender != "" {
			genders[e.ID] = de.gender
		}
		for _, f := range de.forms {
			keys[f] = e.ID
		}
		if e.Type == news.TypePerson {
			if ws := strings.Fields(text.FoldName(e.Name)); len(ws) >= 2 {
				keys[ws[len(ws)-1]] = e.ID
			}
		}
	}
	ctx := newDocContext(body, ents, genders, keys, d.x.base.demonyms)
	ctx.era = d.era
	ctx.common = d.x.base.common
	return ctx
}

// mostlyUpper reports whether s is written in capitals (wire headlines).
func mostlyUpper(s string) bool {
	up, low := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				up++
			} else if 'a' <= c && c <= 'z' {
				low++
			}
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w - 1
		if unicode.IsUpper(r) {
			up++
		} else if unicode.IsLower(r) {
			low++
		}
	}
	return up > 8 && low*4 < up
}

// scanUpper looks up places and organisations in an all-capitals text:
// only unambiguous names of four letters or more, and acronyms.
func (d *doc) scanUpper() { d.scanUpperRange(0, len(d.toks)) }

func (d *doc) scanUpperRange(from, to int) {
	for i := from; i < to; {
		t := d.toks[i]
		if !t.Is(text.Word) {
			i++
			continue
		}
		m := d.longest(i, to, false)
		if m.n > 0 && m.e.exact != "" && d.x.base.stopwords[foldToken(m.e.exact)] {
			i += m.n // "WHO" in a heading is the pronoun
			continue
		}
		if m.n > 0 && m.e.kind != gkAlias || m.n > 0 && m.e.exact != "" {
			phrase := d.src[t.Start:d.toks[i+m.n-1].End]
			if utf8.RuneCountInString(phrase) >= 4 || m.e.exact != "" {
				d.addMatch(m, i, "")
			}
			i += m.n
			continue
		}
		i++
	}
}
