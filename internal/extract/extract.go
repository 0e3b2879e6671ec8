package extract

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/ingest"
)

// Options configures an Extractor.
type Options struct {
	// Aliases are extra alias entries (user configuration, the invented
	// officials of the sample corpus). They win over the embedded table.
	Aliases []Alias
}

// Extractor finds entities, countries and quotes in articles. It is
// immutable after New and safe for concurrent use.
type Extractor struct {
	base *baseData
	gaz  *gazetteer
}

// New builds an Extractor from the embedded data and opts.
func New(opts Options) (*Extractor, error) {
	b, err := loadBase()
	if err != nil {
		return nil, err
	}
	x := &Extractor{base: b, gaz: b.gaz}
	if len(opts.Aliases) > 0 {
		user := make([]Alias, len(opts.Aliases))
		for i, a := range opts.Aliases {
			a.Aliases = append([]string(nil), a.Aliases...)
			if err := a.normalize(b.knownCountry); err != nil {
				return nil, fmt.Errorf("alias entry %d (%q): %w", i+1, a.Name, err)
			}
			user[i] = a
		}
		x.gaz = b.gaz.clone()
		addAliases(x.gaz, user)
	}
	return x, nil
}

// Extract returns the annotations of a: entities sorted by count (desc) then
// id, countries by count then code, quotes by offset. It never panics and is
// deterministic.
func (x *Extractor) Extract(a ingest.Article) (ann Annotations) {
	defer func() {
		if r := recover(); r != nil {
			// A bug must not take the indexer down; an article then has no
			// annotations rather than wrong ones.
			if panicHook != nil {
				panicHook(r)
			}
			ann = Annotations{Entities: []Entity{}, Countries: []Country{}, Quotes: []Quote{}}
		}
	}()
	// Invalid bytes become U+001A SUBSTITUTE one for one, so that offsets
	// still refer to the article as given; no name spans one.
	title, body := validUTF8(a.Title), validUTF8(a.Body)
	d := &doc{x: x, ents: map[string]*docEntity{}, countries: map[string]int{}}
	if a.Dated() {
		d.year = a.Published.UTC().Year()
	}
	d.run(fieldTitle, title)
	d.run(fieldBody, body)
	d.resolvePending()
	d.mergeSurnamePlaces()
	d.resolveDescriptions(body)
	ents, ctx := d.finish(body)
	quotes := findQuotes(body, ctx)
	if d.registerSpeakers(body, quotes) {
		ents, ctx = d.finish(body)
		quotes = findQuotes(body, ctx)
	}
	ents = d.addSpeakers(body, quotes, ents)
	return Annotations{Entities: ents, Countries: d.countryList(), Quotes: sortQuotes(quotes)}
}

// validUTF8 returns s with every byte that is not part of a valid UTF-8
// sequence replaced by U+001A SUBSTITUTE, a punctuation token.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		r, w := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && w == 1 {
			b[i] = 0x1a
		}
		i += w
	}
	return string(b)
}

// panicHook, when set (by tests), sees the panics Extract recovers from.
var panicHook func(any)

// docEntity is an entity being collected.
type docEntity struct {
	e      Entity
	gender string
	forms  []string // folded alias forms
	order  int
}

// pending is a capitalised run not yet known to be an entity: it becomes
// one if it names an entity found elsewhere in the article.
type pending struct {
	field      string
	start, end int
	text       string
	honorific  string // gender implied by an honorific before it, or "-"
	nTokens    int
}

// doc is the state of one Extract call.
type doc struct {
	x         *Extractor
	year      int // of the article's date; 0: undated
	ents      map[string]*docEntity
	order     int
	countries map[string]int
	pend      []pending
	toks      []token
	src       string
	field     string
	key       []byte
	fb        []byte
	list      []*docEntity // entities in order of creation

	inDateline bool // looking up a wire dateline: towns may match
}

func (d *doc) run(field, src string) {
	if src == "" {
		return
	}
	d.field, d.src = field, src
	d.toks = tokenize(src, d.toks)
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
		if t.is(tfPara) || i == start {
			// A paragraph in capitals (a heading): look up names only.
			k := i + 1
			for k < len(toks) && !toks[k].is(tfPara) {
				k++
			}
			if mostlyUpper(d.src[t.start:toks[k-1].end]) {
				d.scanUpperRange(i, k)
				i = k
				continue
			}
		}
		if t.is(tfHandle) {
			if e := d.lookupExact(i, 1); e != nil {
				d.addMention(e, t.start, t.end, "")
			}
			i++
			continue
		}
		if !t.is(tfWord) {
			i++
			continue
		}
		if !t.is(tfUpper) {
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
		i = j
	}
}

// acronymDefinition handles "Syrian Democratic Forces (SDF)": when the
// sequence [i,j) is an organisation's mention and "(ACRONYM)" follows, the
// acronym becomes a mention and a form of that organisation, so that a later
// "the SDF" resolves to it. It returns the token to go on from.
func (d *doc) acronymDefinition(i, j int) int {
	toks := d.toks
	if j+2 >= len(toks) || d.src[toks[j].start] != '(' || !toks[j+1].is(tfAllUpper) || d.src[toks[j+2].start] != ')' {
		return j
	}
	start, end := toks[i].start, toks[j-1].end
	for _, de := range d.list {
		if de.e.Type != TypeOrg {
			continue
		}
		for _, m := range de.e.Mentions {
			if m.Field == d.field && m.Start >= start && m.End == end {
				acr := toks[j+1]
				de.forms = append(de.forms[:len(de.forms):len(de.forms)], foldName(d.src[acr.start:acr.end]))
				d.mention(de, acr.start, acr.end)
				return j + 3
			}
		}
	}
	return j
}

// fold returns the folded text of token i.
func (d *doc) fold(i int) string {
	t := d.toks[i]
	return string(appendFold(d.key[:0], d.src[t.start:t.end]))
}

// in reports whether the folded text of token i is in set, without
// allocating.
func (d *doc) in(set map[string]bool, i int) bool {
	t := d.toks[i]
	d.fb = appendFold(d.fb[:0], d.src[t.start:t.end])
	return set[string(d.fb)]
}

// is reports whether the folded text of token i is w.
func (d *doc) is(i int, w string) bool {
	t := d.toks[i]
	if t.end-t.start != len(w) {
		return false
	}
	d.fb = appendFold(d.fb[:0], d.src[t.start:t.end])
	return string(d.fb) == w
}

func (d *doc) text(i int) string { return d.src[d.toks[i].start:d.toks[i].end] }

// connectors may join capitalised words into one name.
var connectors = map[string]bool{
	"of": true, "de": true, "du": true, "da": true, "do": true, "dos": true, "das": true,
	"der": true, "den": true, "van": true, "von": true, "bin": true, "ibn": true, "al": true,
	"el": true, "la": true, "le": true, "di": true, "del": true, "y": true, "for": true,
	"on": true, "the": true, "des": true, "et": true,
}

// seqEnd returns the end (exclusive) of the capitalised sequence starting at
// token i: capitalised words, joined by connectors, hyphens without spaces
// and the periods of initials.
func (d *doc) seqEnd(i int) int {
	toks := d.toks
	j := i + 1
	if toks[i].is(tfPossessive) && !(j < len(toks) && toks[j].is(tfUpper) && d.in(d.x.base.orgWords, j)) {
		return j
	}
	for j < len(toks) {
		t := toks[j]
		if t.is(tfPara) {
			break
		}
		if t.is(tfWord) && !t.is(tfHandle) {
			if t.is(tfUpper) {
				j++
				if t.is(tfPossessive) && !(j < len(toks) && toks[j].is(tfUpper) && d.in(d.x.base.orgWords, j)) {
					break // "Fishermen's Association" goes on
				}
				continue
			}
			w := d.fold(j)
			// "Securities and Exchange Commission", "Savings and Loan
			// League": and joins when what comes before is no organisation
			// yet (no organisation word, or a lone one) and one follows.
			lone := j-1 == i || j-2 == i && d.is(i, "the")
			if w == "and" && (!d.in(d.x.base.orgWords, j-1) || lone) && d.orgAhead(j+1) {
				j++
				continue
			}
			if connectors[w] && j+1 < len(toks) && toks[j+1].is(tfUpper) && !toks[j+1].is(tfPara) && (w != "the" || d.is(j-1, "of")) && !d.in(d.x.base.stopwords, j+1) {
				j++
				continue
			}
			if connectors[w] && j+2 < len(toks) && d.src[toks[j+1].start] == '-' && !toks[j+1].is(tfSpace) && toks[j+2].is(tfUpper) {
				j++ // "al-Assad"
				continue
			}
			break
		}
		c := d.src[t.start]
		if c == '-' && !t.is(tfSpace) && j+1 < len(toks) && toks[j+1].is(tfWord) && !toks[j+1].is(tfSpace) && (toks[j+1].is(tfUpper) || toks[j-1].is(tfUpper) && d.isNamePart(j+1)) {
			j++
			if !toks[j].is(tfUpper) {
				j++ // "Moon Jae-in": the lower-case part belongs to the name
			}
			continue
		}
		if c == '.' && !t.is(tfSpace) && j+1 < len(toks) && toks[j+1].is(tfUpper) && toks[j+1].is(tfSpace) && isInitial(d.text(j-1)) {
			j++
			continue
		}
		break
	}
	// Drop trailing connectors and punctuation.
	for j > i+1 && (!toks[j-1].is(tfWord) || !toks[j-1].is(tfUpper)) && !d.attachedLower(j-1) {
		j--
	}
	return j
}

// orgAhead reports whether the capitalised words from k on end in an
// organisation word ("and Exchange Commission") and none of them is a known
// name (then "and" joins two names, as in "Russia and the EU").
func (d *doc) orgAhead(k int) bool {
	for n := 0; k < len(d.toks) && n < 4; k, n = k+1, n+1 {
		t := d.toks[k]
		if !t.is(tfWord) || !t.is(tfUpper) || t.is(tfPara) {
			return false
		}
		if d.in(d.x.base.orgWords, k) {
			return true
		}
		if m := d.longest(k, k+1, false); m.n > 0 {
			return false
		}
	}
	return false
}

// isNamePart reports whether the lower-case word k may end a hyphenated
// name ("Jae-in", "Mahn-je", "Jong-un"): short, and not a common English
// word of hyphenated compounds ("backed", "led", "based").
func (d *doc) isNamePart(k int) bool {
	t := d.toks[k]
	if t.end-t.start > 4 {
		return false
	}
	switch d.text(k) {
	case "led", "run", "era", "day", "year", "old", "like", "wide", "made", "born", "held", "free", "type", "ally", "far", "new", "up", "off", "out", "on", "at", "bloc", "war", "flag", "mp", "mps",
		"the", "and", "or", "to", "of", "for", "who", "it", "is", "was", "not", "but", "so", "its", "a", "an", "as", "by", "own", "rich", "poor", "only", "all", "any", "back", "down", "over", "side", "wise", "less", "ish":
		return false
	}
	return k+1 >= len(d.toks) || d.toks[k+1].is(tfSpace) || !d.toks[k+1].is(tfWord)
}

// attachedLower reports whether token k is the lower-case end of a
// hyphenated name ("in" of "Jae-in").
func (d *doc) attachedLower(k int) bool {
	return k >= 2 && d.toks[k].is(tfWord) && !d.toks[k].is(tfUpper) && !d.toks[k].is(tfSpace) &&
		d.src[d.toks[k-1].start] == '-' && !d.toks[k-1].is(tfSpace) && d.toks[k-2].is(tfUpper) && d.isNamePart(k)
}

func isInitial(s string) bool {
	r, w := utf8.DecodeRuneInString(s)
	if w == len(s) && unicode.IsUpper(r) {
		return true
	}
	switch s {
	case "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Lt", "Col", "Maj", "Gov", "Prof", "Jr", "Sr":
		return true
	}
	return false
}

// match is a gazetteer hit of n tokens at token i.
type match struct {
	e *gazEntry
	n int
}

// longest returns the longest gazetteer match starting at token i and ending
// at or before token end. ctx says whether a weak (ambiguous) entry may fire.
func (d *doc) longest(i, end int, ctx bool) match {
	g := d.x.gaz
	var best match
	key := d.key[:0]
	end = min(end, len(d.toks))
	for j := i; j < end && j < i+8; j++ {
		t := d.toks[j]
		if j > i {
			key = append(key, ' ')
		}
		key = appendFold(key, d.src[t.start:t.end])
		if list, ok := g.entries[string(key)]; ok {
			for _, e := range list {
				if e.exact != "" && !d.exactAt(i, j+1, e.exact) {
					continue
				}
				if e.weak && !ctx || e.town && !d.inDateline || e.outOfEra(d.year) {
					continue
				}
				best = match{e, j + 1 - i}
				break
			}
		}
		if !g.prefixes[string(key)] {
			break
		}
	}
	d.key = key
	return best
}

// exactAt reports whether tokens [i,j) are written exactly as surface (up to
// the spacing between them).
func (d *doc) exactAt(i, j int, surface string) bool {
	if j == i+1 {
		return d.text(i) == surface
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i && d.toks[k].is(tfSpace) {
			b.WriteByte(' ')
		}
		b.WriteString(d.text(k))
	}
	return b.String() == surface || strings.ReplaceAll(surface, " ", "") == strings.ReplaceAll(b.String(), " ", "")
}

func (d *doc) lookupExact(i, n int) *gazEntry {
	m := d.longest(i, i+n, true)
	if m.n == n {
		return m.e
	}
	return nil
}

// placeContext reports whether the token before i makes a place reading
// likely ("in Nice", "from Reading").
func (d *doc) placeContext(i int) bool {
	if i == 0 {
		return false
	}
	switch d.fold(i - 1) {
	case "in", "near", "from", "at", "outside", "across", "to", "into", "visited", "visit", "around":
		return true
	}
	return false
}

// sequence analyses the capitalised sequence [i,j).
func (d *doc) sequence(i, j int) {
	b := d.x.base
	honor := ""
	// Leading honorifics ("Mr", "Ms.") and stopwords ("The", "In").
	for i < j {
		w := strings.TrimSuffix(d.fold(i), ".")
		if g, ok := honorifics[w]; ok && i+1 < j && !(d.toks[i].is(tfUpper) && w == d.fold(i) && d.in(d.x.base.orgWords, j-1) && j-i >= 3) {
			// (but "General Motors Corp" is a company, not a general)
			honor = g
			i++
			if i < j && d.src[d.toks[i].start] == '.' {
				i++
			}
			continue
		}
		if b.stopwords[w] && !d.toks[i].is(tfAllUpper) {
			if m := d.longest(i, j, false); m.n >= 2 {
				break // "May Day"? a known name beginning with a stopword
			}
			i++
			continue
		}
		break
	}
	for i < j && !d.toks[i].is(tfWord) {
		i++
	}
	if i >= j {
		return
	}
	// A known name spanning the whole rest.
	if m := d.longest(i, j, d.placeContext(i)); m.n == j-i {
		d.addMatch(m, i, honor)
		return
	}
	for p := i; p < j; {
		if !d.toks[p].is(tfWord) || !d.toks[p].is(tfUpper) {
			p++
			continue
		}
		if q, ok := d.titled(p, j); ok {
			p = q
			continue
		}
		// "Turkish Straits", "Arabian Sea": a name ending in a place word.
		if j-p >= 2 && d.in(d.x.base.placeWords, j-1) && !d.hasOrgWord(p, j) {
			if m := d.longest(p, j, false); m.n == j-p {
				d.addMatch(m, p, "")
				return
			}
			if m := d.longest(p, j, false); m.n > 0 && m.e.kind == gkDemonym {
				start, end := d.toks[p].start, d.toks[j-1].end
				de := d.entity(Slug(d.src[start:end]), d.src[start:end], TypePlace)
				if de.e.Country == "" {
					de.e.Country = m.e.country
				}
				d.mention(de, start, end)
				return
			}
		}
		// "Strait of Hormuz", "Gulf of Aden": a place word and its name.
		if p+2 < j && d.in(d.x.base.placeWords, p) && d.is(p+1, "of") {
			if m := d.longest(p, j, false); m.n == j-p {
				d.addMatch(m, p, "")
			} else {
				start, end := d.toks[p].start, d.toks[j-1].end
				d.mention(d.entity(Slug(d.src[start:end]), d.src[start:end], TypePlace), start, end)
			}
			return
		}
		if q := d.org(p, j); q > p {
			p = q
			for p < j && (!d.toks[p].is(tfWord) || !d.toks[p].is(tfUpper)) {
				p++
			}
			continue
		}
		if m := d.longest(p, j, d.placeContext(p)); m.n > 0 && !d.partOfLongerName(m, p, j) {
			d.addMatch(m, p, honor)
			p += m.n
			continue
		}
		// An unknown run up to the next known name.
		r := p + 1
		for r < j {
			if m := d.longest(r, j, false); m.n > 0 && !(m.e.typ == TypePerson && m.n == 1) {
				// A city ending the run is a surname: "John R. Bolton".
				if !(m.e.kind == gkPlace && r+m.n == j && !d.in(d.x.base.stopwords, p)) {
					break
				}
			}
			r++
		}
		for r > p+1 && !d.toks[r-1].is(tfUpper) && !d.attachedLower(r-1) {
			r--
		}
		d.unknown(p, r, honor)
		p = r
		for p < j && (!d.toks[p].is(tfWord) || !d.toks[p].is(tfUpper)) {
			p++
		}
	}
}

// partOfLongerName reports whether the person or place matched at p is only
// the first word of a longer unknown name ("Deng Akol Mayen", "Paris Hilton").
func (d *doc) partOfLongerName(m match, p, j int) bool {
	if m.e.kind != gkAlias && m.e.kind != gkPlace || m.e.typ == TypeOrg {
		return false
	}
	q := p + m.n
	if q >= j || !d.toks[q].is(tfWord) || !d.toks[q].is(tfUpper) || d.toks[q].is(tfSpace) == false {
		return false
	}
	w := d.fold(q)
	if d.x.base.titleWords[w] || d.x.base.orgWords[w] || d.x.base.placeWords[w] || d.x.base.stopwords[w] {
		return false
	}
	if m2 := d.longest(q, j, false); m2.n > 0 {
		return false
	}
	return m.e.typ == TypePerson
}

// addMatch records a gazetteer match of tokens [i, i+m.n).
func (d *doc) addMatch(m match, i int, honor string) {
	start, end := d.toks[i].start, d.toks[i+m.n-1].end
	e := m.e
	if e.kind == gkDemonym || e.kind == gkCountry {
		d.countries[e.country]++
		return
	}
	de := d.addMention(e, start, end, "")
	if de != nil && honor != "" && honor != "-" && de.gender == "" {
		de.gender = honor
	}
}

// addMention adds a mention of a gazetteer entity.
func (d *doc) addMention(e *gazEntry, start, end int, role string) *docEntity {
	if e.kind == gkDemonym || e.kind == gkCountry {
		d.countries[e.country]++
		return nil
	}
	de := d.aliasEntity(e)
	if role != "" && (e.role == "" || de.e.Role == e.role) {
		de.e.Role = role
	}
	d.mention(de, start, end)
	return de
}

// aliasEntity returns the entity of a gazetteer entry, creating it with the
// entry's country, role, gender and forms.
func (d *doc) aliasEntity(e *gazEntry) *docEntity {
	de := d.entity(e.id, e.name, e.typ)
	if de.e.Country == "" {
		de.e.Country = e.country
	}
	if de.e.Role == "" {
		de.e.Role = e.role
	}
	if de.gender == "" {
		de.gender = e.gender
	}
	if de.forms == nil {
		de.forms = e.forms
	}
	return de
}

// aliasByEnds finds the alias-table person whose name is the first and last
// word of name when name has middle words the table does not know: a
// patronymic or a middle name ("Leonid Ilyich Brezhnev", "Mikhail
// Sergeyevich Gorbachev").
func (d *doc) aliasByEnds(name string) *gazEntry {
	w := strings.Fields(name)
	if len(w) < 3 || len(w) > 5 {
		return nil
	}
	for _, e := range d.x.gaz.entries[foldName(w[0]+" "+w[len(w)-1])] {
		if e.kind == gkAlias && e.typ == TypePerson && !e.outOfEra(d.year) {
			return e
		}
	}
	return nil
}

// entity returns the entity of id, creating it. A new person whose first
// and last word name an alias-table person is that person.
func (d *doc) entity(id, name, typ string) *docEntity {
	if typ == TypePerson && d.ents[id] == nil {
		if e := d.aliasByEnds(name); e != nil && e.id != id {
			return d.aliasEntity(e)
		}
	}
	de, ok := d.ents[id]
	if !ok {
		d.order++
		de = &docEntity{e: Entity{ID: id, Name: name, Type: typ}, order: d.order}
		d.ents[id] = de
		d.list = append(d.list, de)
	}
	return de
}

// mention adds one mention of de at [start,end) of the current field and
// counts its country.
func (d *doc) mention(de *docEntity, start, end int) {
	for _, m := range de.e.Mentions {
		if m.Field == d.field && m.Start < end && start < m.End {
			return // already covered
		}
	}
	de.e.Mentions = append(de.e.Mentions, Mention{Field: d.field, Start: start, End: end, Text: d.src[start:end]})
	if de.e.Country != "" {
		d.countries[de.e.Country]++
	}
}

// titled recognises "[Country|Demonym] Title Words Name" at p: a person with
// a role. It returns the token after the name.
func (d *doc) titled(p, j int) (int, bool) {
	b := d.x.base
	country, role := "", ""
	q := p
	head := false
	var places []match
	var roleStart, roleEnd int = -1, -1
	for q < j {
		t := d.toks[q]
		if !t.is(tfWord) {
			c := d.src[t.start]
			if c == '-' || c == '.' {
				q++
				continue
			}
			break
		}
		w := strings.TrimSuffix(d.fold(q), ".")
		if b.titleWords[w] {
			if roleStart < 0 {
				roleStart = q
			}
			roleEnd = q + 1
			if b.titleHeads[w] {
				head = true
			}
			q++
			continue
		}
		if (w == "of" || w == "for" || w == "the") && roleStart >= 0 {
			q++
			continue
		}
		if !head || q > p && d.is(q-1, "of") {
			if m := d.longest(q, j, false); m.n > 0 && (m.e.kind == gkCountry || m.e.kind == gkDemonym || m.e.kind == gkMetonym || (m.e.kind == gkAlias && m.e.typ == TypeOrg)) {
				if country == "" {
					country = m.e.country
				}
				places = append(places, match{m.e, q})
				q += m.n
				continue
			}
		}
		// A portfolio before the title: "Industry Minister", "Mines and
		// Energy Minister".
		if !head && t.is(tfUpper) && q+1 < j && (d.in(b.titleHeads, q+1) || q+2 < j && d.in(b.titleWords, q+1) && d.in(b.titleHeads, q+2)) {
			if roleStart < 0 {
				roleStart = q
			}
			q++
			continue
		}
		break
	}
	// Trailing "of"/"the" belong to the name, not the title.
	for q > p && !d.toks[q-1].is(tfUpper) && d.toks[q-1].is(tfWord) {
		q--
	}
	if !head || q >= j || roleStart < 0 || !d.toks[q].is(tfUpper) {
		return p, false
	}
	if roleEnd == roleStart+1 && d.in(b.titleInner, roleStart) {
		return p, false // "State Member of the United Nations"
	}
	// The name: up to four capitalised words.
	r := q
	n := 0
	for r < j && n < 5 {
		t := d.toks[r]
		if t.is(tfWord) && t.is(tfUpper) {
			n++
		} else if t.is(tfWord) && !d.attachedLower(r) && (d.is(r, "of") || d.is(r, "for") || d.is(r, "on") || d.is(r, "the")) {
			break // "Gov. Phil Bryant of Mississippi"
		}
		r++
		if t.is(tfPossessive) {
			break
		}
	}
	for r > q && !d.toks[r-1].is(tfUpper) && !d.attachedLower(r-1) {
		r--
	}
	if r <= q || d.hasOrgWord(q, r) {
		return p, false
	}
	role = d.src[d.toks[roleStart].start:d.toks[roleEnd-1].end]
	for _, pm := range places {
		d.addMatch(match{pm.e, 1}, pm.n, "")
	}
	start, end := d.toks[q].start, d.toks[r-1].end
	if m := d.longest(q, r, false); m.n == r-q && m.e.typ == TypePerson {
		d.addMention(m.e, start, end, role)
		return r, true
	}
	name := d.src[start:end]
	de := d.entity(Slug(name), name, TypePerson)
	if de.e.Type != TypePerson {
		return p, false
	}
	if de.e.Role == "" {
		de.e.Role = role
	}
	if de.e.Country == "" {
		de.e.Country = country
	}
	d.mention(de, start, end)
	return r, true
}

// hasOrgWord reports whether tokens [i,j) hold an organisation word.
func (d *doc) hasOrgWord(i, j int) bool {
	for k := i; k < j; k++ {
		if d.toks[k].is(tfWord) && d.in(d.x.base.orgWords, k) {
			return true
		}
	}
	return false
}

// org recognises an organisation at p when the sequence holds an
// organisation word ("Russian Foreign Ministry", "Bank of England",
// "Interim Security Force for Abyei"). The organisation ends at its last
// organisation word or the connector phrase after it; org returns that end,
// or p when there is none.
func (d *doc) org(p, j int) int {
	orgAt := -1
	for k := p; k < j; k++ {
		if d.toks[k].is(tfWord) && d.toks[k].is(tfUpper) && d.in(d.x.base.orgWords, k) {
			orgAt = k
		}
	}
	if orgAt < 0 {
		return p
	}
	// "Robert Gordon of Shearson Lehman Brothers Inc": a person of an org.
	for k := p + 1; k < orgAt; k++ {
		if !d.is(k, "of") {
			continue
		}
		q := p
		for q < k && (d.in(d.x.base.titleWords, q) || d.in(d.x.base.common, q)) {
			q++ // "Analyst Robert Gordon"
		}
		if _, given := d.x.base.givenNames[d.fold(q)]; given && q < k-1 && !d.hasOrgWord(q, k) {
			d.unknownPerson(q, k)
			return d.org(k+1, j)
		}
		break
	}
	end := orgAt + 1
	if end < j && d.toks[end].is(tfWord) && !d.toks[end].is(tfUpper) && d.in(connectors, end) {
		end = j // "Bank of England", "Force for Abyei"
	}
	words := 0
	for k := p; k < end; k++ {
		if d.toks[k].is(tfWord) {
			words++
		}
	}
	if words < 2 {
		return p
	}
	// "Foreign Ministry spokesman Omer Haroun": part of a person's role.
	if end == j && d.titleThenName(j) {
		return p
	}
	j = end
	country := ""
	// Countries named inside count; the first gives the org its country.
	for k := p; k < j; {
		m := d.longest(k, j, false)
		if m.n == 0 || m.n == j-p {
			k++
			continue
		}
		if m.e.country != "" && (m.e.kind == gkCountry || m.e.kind == gkDemonym || m.e.kind == gkPlace) {
			// A country or demonym names the org's country; a city in its
			// name only counts ("Butterworth Group" is no Malaysian firm).
			if country == "" && m.e.kind != gkPlace {
				country = m.e.country
			}
			d.countries[m.e.country]++
		}
		k += m.n
	}
	start, end := d.toks[p].start, d.toks[j-1].end
	name := d.src[start:end]
	// "Russia's Foreign Ministry": the possessive country names it.
	if p > 0 && d.toks[p-1].is(tfPossessive) && country == "" {
		if m := d.longest(p-1, p, false); m.n == 1 && m.e.kind == gkCountry {
			country = m.e.country
			if dem := d.x.base.demonymOf[country]; dem != "" {
				name = dem + " " + name
			}
		}
	}
	// "the Foreign Ministry in Khartoum": the capital names it.
	if country == "" && j+1 < len(d.toks) && d.is(j, "in") && d.in(genericOrg, p) {
		if m := d.longest(j+1, len(d.toks), false); m.n > 0 && m.e.kind == gkPlace && m.e.country != "" {
			country = m.e.country
			if dem := d.x.base.demonymOf[country]; dem != "" {
				name = dem + " " + name
			}
		}
	}
	id := Slug(name)
	if list, ok := d.x.gaz.entries[foldName(name)]; ok && len(list) > 0 && list[0].kind == gkAlias {
		d.addMention(list[0], start, end, "")
		return j
	}
	de := d.entity(id, name, TypeOrg)
	if de.e.Country == "" {
		de.e.Country = country
	}
	d.mentionNoCount(de, start, end)
	return j
}

// titleThenName reports whether lower-case title words ending in a title
// head start at token k and a capitalised word follows them.
func (d *doc) titleThenName(k int) bool {
	b := d.x.base
	n := 0
	for k < len(d.toks) && n < 4 && d.toks[k].is(tfWord) && !d.toks[k].is(tfUpper) && d.in(b.titleWords, k) {
		k++
		n++
	}
	return n > 0 && d.in(b.titleHeads, k-1) && k < len(d.toks) && d.toks[k].is(tfUpper)
}

// unknownPerson adds the capitalised words [p,r) as a person, or as a
// mention of a person of the article whose surname they are.
func (d *doc) unknownPerson(p, r int) {
	start, end := d.toks[p].start, d.toks[r-1].end
	text := d.src[start:end]
	if de := d.bySurname(text); de != nil {
		d.mention(de, start, end)
		return
	}
	if de := d.companyByFirstWord(text); de != nil {
		d.mention(de, start, end)
		return
	}
	de := d.entity(Slug(text), text, TypePerson)
	if de.e.Type == TypePerson {
		if g := d.x.base.givenNames[d.fold(p)]; de.gender == "" && (g == "m" || g == "f") {
			de.gender = g
		}
		d.mention(de, start, end)
	}
}

// genericOrg are first words of government bodies that every country has.
var genericOrg = map[string]bool{
	"foreign": true, "defence": true, "defense": true, "interior": true, "finance": true,
	"justice": true, "ministry": true, "health": true, "economy": true, "trade": true,
}

// mentionNoCount adds a mention without counting the entity's country (the
// caller counted the countries named inside it).
func (d *doc) mentionNoCount(de *docEntity, start, end int) {
	c := de.e.Country
	de.e.Country = ""
	d.mention(de, start, end)
	de.e.Country = c
}

// speechVerbs follow a speaker's name.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "stated": true, "announced": true,
	"warned": true, "insisted": true, "stressed": true, "noted": true, "argued": true,
	"wrote": true, "tweeted": true, "explained": true, "declared": true, "claimed": true,
	"asserted": true, "urged": true, "acknowledged": true, "replied": true, "responded": true,
	"commented": true, "emphasised": true, "emphasized": true, "underlined": true, "confirmed": true,
	"denied": true, "asked": true, "called": true, "spoke": true, "met": true,
}

// unknown handles a capitalised run [p,r) that is no known name.
func (d *doc) unknown(p, r int, honor string) {
	b := d.x.base
	if r <= p {
		return
	}
	start, end := d.toks[p].start, d.toks[r-1].end
	n := 0
	stop := false
	for k := p; k < r; k++ {
		if d.toks[k].is(tfWord) && d.toks[k].is(tfUpper) {
			n++
			if d.in(b.stopwords, k) || d.in(b.titleWords, k) {
				stop = true
			}
		}
	}
	text := d.src[start:end]
	person := false
	role, country := "", ""
	if honor != "" {
		person = true
	}
	// "Its spokesman, Goran Vuković, said": a title, a comma, the name.
	if !person && !stop && p > 1 && n >= 2 && n <= 4 && d.src[d.toks[p-1].start] == ',' && d.toks[p-2].is(tfWord) && d.in(b.titleHeads, p-2) {
		role = d.text(p - 2)
		person = true
	}
	// Lower-case title words before: "defence ministry spokesperson Ivan Petrov".
	if !person && p > 0 {
		k := p - 1
		for k >= 0 && d.toks[k].is(tfWord) && (d.in(b.titleWords, k) || d.toks[k].is(tfUpper) && d.in(b.orgWords, k) && k < p-1) {
			k--
		}
		if k < p-1 && d.in(b.titleHeads, p-1) {
			role = d.src[d.toks[k+1].start:d.toks[p-1].end]
			if k >= 0 {
				if m := d.longest(k, k+1, false); m.n == 1 && m.e.country != "" && m.e.kind != gkAlias {
					country = m.e.country
					role = d.src[d.toks[k].start:d.toks[p-1].end]
				}
			}
			person = true
		}
	}
	next := ""
	if r < len(d.toks) && d.toks[r].is(tfWord) {
		next = d.fold(r)
	}
	afterArticle := p > 0 && (d.is(p-1, "the") || d.is(p-1, "a") || d.is(p-1, "an"))
	if !person && !stop && !afterArticle && n >= 1 && n <= 3 && speechVerbs[next] && next != "met" && next != "called" && d.nameLike(p, r, n) {
		plural := n == 1 && d.toks[p].is(tfSentStart) && strings.HasSuffix(text, "s")
		if n >= 2 || !d.seenLower(text) && !plural {
			person = true
		}
	}
	// "..., said John Smith" / "according to John Smith".
	if !person && !stop && n >= 2 && n <= 3 && p > 0 && d.nameLike(p, r, n) {
		prev := d.fold(p - 1)
		if prev == "said" || prev == "says" || (prev == "to" && p > 1 && d.is(p-2, "according")) {
			person = true
		}
	}
	// Appositive: "John Smith, the foreign minister," / "John Smith, a spokesman".
	if !person && !stop && n >= 2 && n <= 4 && r+2 < len(d.toks) && d.src[d.toks[r].start] == ',' {
		k := r + 1
		if w := d.fold(k); w == "the" || w == "a" || w == "an" {
			k++
		}
		k0 := k
		if k < len(d.toks) {
			if m := d.longest(k, k+3, false); m.n > 0 && (m.e.kind == gkCountry || m.e.kind == gkDemonym) {
				country = m.e.country
				k += m.n
			}
		}
		k1 := k
		for k < len(d.toks) && k < k1+5 && d.toks[k].is(tfWord) && d.in(b.titleWords, k) {
			k++
		}
		if k > k1 && d.in(b.titleHeads, k-1) {
			role = d.src[d.toks[k1].start:d.toks[k-1].end]
			_ = k0
			person = true
		}
	}
	// "Dominic Hare": a known given name and a surname, no cue needed.
	if !person && !stop && !afterArticle && n >= 2 && n <= 3 && d.toks[p].is(tfUpper) && !d.toks[p].is(tfAllUpper) &&
		!d.hasAcronym(p, r) && !d.hasLowerConnector(p, r) && !d.in(b.placeWords, r-1) {
		if g, ok := b.givenNames[d.fold(p)]; ok && !d.in(placePrefixes, p) {
			person = true
			if honor == "" && g != "-" {
				honor = g
			}
		}
	}
	// "North Kalimantan", "West Java": a region.
	if !person && n == 2 && d.in(placePrefixes, p) && !d.hasOrgWord(p, r) && !d.in(regionAdjectives, r-1) {
		d.mention(d.entity(Slug(text), text, TypePlace), start, end)
		return
	}
	// "Phil Bryant of Mississippi": the person ends before "of".
	if person {
		for k := p + 1; k < r-1; k++ {
			if d.is(k, "of") {
				d.unknown(p, k, honor)
				d.sequence(k+1, r)
				return
			}
		}
	}
	if person && n >= 1 && n <= 5 && !d.hasOrgWord(p, r) {
		if n == 1 && stop || d.allCommon(p, r) {
			return // "Mr. Secretary-General", "Madam President"
		}
		// "Ecologist Ryan Norris", "Democrat Spearman": a common noun before
		// the name is no part of it.
		for p < r-1 && d.toks[p].is(tfUpper) && (d.in(b.common, p) || d.in(b.titleWords, p)) && d.toks[p+1].is(tfUpper) {
			if _, given := b.givenNames[d.fold(p)]; given {
				break
			}
			p++
			n--
		}
		start = d.toks[p].start
		text = d.src[start:end]
		// "UCL said", "TfL said", "Transport for London said": bodies,
		// not people.
		if n == 1 && (d.toks[p].is(tfAllUpper) || innerUpper(text)) || d.hasLowerConnector(p, r) || n > 1 && d.hasAcronym(p, r) {
			if role == "" && honor == "" {
				d.mention(d.entity(Slug(text), text, TypeOrg), start, end)
			}
			return
		}
		// A surname of someone already named resolves to them.
		if de := d.bySurname(text); de != nil {
			d.mention(de, start, end)
			if honor != "" && honor != "-" && de.gender == "" {
				de.gender = honor
			}
			return
		}
		if de := d.companyByFirstWord(text); de != nil && honor == "" && role == "" {
			d.mention(de, start, end) // "Brannock told reporters" after the Brannock Motor Company
			return
		}
		de := d.entity(Slug(text), text, TypePerson)
		if de.e.Type != TypePerson {
			return
		}
		if de.e.Role == "" {
			de.e.Role = role
		}
		if de.e.Country == "" {
			de.e.Country = country
		}
		if honor != "" && honor != "-" && de.gender == "" {
			de.gender = honor
		}
		if de.gender == "" && n >= 2 {
			if g := b.givenNames[d.fold(p)]; g == "m" || g == "f" {
				de.gender = g
			}
		}
		d.mention(de, start, end)
		return
	}
	if stop && n == 1 {
		return
	}
	// "Kiir River", "Donetsk Oblast": a place by its last word.
	if n >= 2 && n <= 4 && d.in(d.x.base.placeWords, r-1) {
		d.mention(d.entity(Slug(text), text, TypePlace), start, end)
		return
	}
	// "in Apatin", "near Bačka Palanka": an unknown place.
	if n <= 3 && !stop && p > 0 && !d.toks[r-1].is(tfPossessive) && !d.hasOrgWord(p, r) && d.bySurname(text) == nil {
		prev := d.fold(p - 1)
		if prev == "of" && p > 1 {
			switch d.fold(p - 2) {
			case "village", "town", "city", "port", "region", "province", "district", "area", "island", "islands", "capital", "villages", "towns", "cities", "ports":
				prev = "in"
			}
		}
		if prev == "in" && p > 1 && d.in(financeNouns, p-2) || d.toks[p].is(tfAllUpper) {
			prev = "" // "a stake in Investor", "shares in SKF"
		}
		switch prev {
		case "in", "near", "outside":
			if r >= len(d.toks) || !d.toks[r].is(tfUpper) {
				d.mention(d.entity(Slug(text), text, TypePlace), start, end)
				return
			}
		}
	}
	d.pend = append(d.pend, pending{field: d.field, start: start, end: end, text: text, honorific: honor, nTokens: n})
}

// allCommon reports whether every capitalised word of [p,r) is a title
// word or a common English word.
func (d *doc) allCommon(p, r int) bool {
	b := d.x.base
	for k := p; k < r; k++ {
		if d.toks[k].is(tfWord) && d.toks[k].is(tfUpper) && !d.in(b.titleWords, k) && !d.in(b.common, k) {
			return false
		}
	}
	return true
}

// allCommonText is allCommon for a text.
func (d *doc) allCommonText(s string) bool {
	b := d.x.base
	for _, w := range foldWords(s) {
		if !b.titleWords[w] && !b.common[w] {
			return false
		}
	}
	return true
}

// nameLike reports whether the n capitalised words [p,r) can be a person's
// name on a speech cue alone: not a common English word on its own
// ("Officials said"), and not a common word after a word that is no given
// name ("Bankers Trust said", "Georgia Power said").
func (d *doc) nameLike(p, r, n int) bool {
	b := d.x.base
	last := r - 1
	for last > p && !d.toks[last].is(tfUpper) {
		last--
	}
	if n == 1 {
		return !d.in(b.common, p)
	}
	if _, given := b.givenNames[d.fold(p)]; given {
		return true
	}
	return !d.in(b.common, last)
}

// innerUpper reports whether a capital follows a lower-case letter in s
// ("TfL", "CitiCorp"), except after name prefixes ("McDonald").
func innerUpper(s string) bool {
	prevLower := false
	for i, r := range s {
		if unicode.IsUpper(r) && prevLower {
			switch s[:i] {
			case "Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Al", "El":
				return false // "McDonald", "DiMaggio", "LaGuardia"
			}
			return true
		}
		prevLower = unicode.IsLower(r)
	}
	return false
}

// hasAcronym reports whether tokens [p,r) hold an all-capital word ("PT
// Tambang Timah", "Forvaltnings AB"): company names, not people.
func (d *doc) hasAcronym(p, r int) bool {
	for k := p; k < r; k++ {
		if d.toks[k].is(tfAllUpper) && !strings.Contains(d.text(k), ".") {
			return true
		}
	}
	return false
}

// hasLowerConnector reports whether tokens [p,r) hold "for", "on" or "the"
// (names of bodies, not people; "of", "de", "bin", "al" occur in names).
func (d *doc) hasLowerConnector(p, r int) bool {
	for k := p; k < r; k++ {
		if d.toks[k].is(tfWord) && !d.toks[k].is(tfUpper) && (d.is(k, "for") || d.is(k, "on") || d.is(k, "the")) {
			return true
		}
	}
	return false
}

// placePrefixes begin place names, not given names ("North Kalimantan").
var placePrefixes = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "central": true, "new": true,
	"upper": true, "lower": true, "greater": true, "saint": true, "st": true, "san": true,
	"santa": true, "port": true, "fort": true, "mount": true, "lake": true, "cape": true,
	"northern": true, "southern": true, "eastern": true, "western": true,
}

// regionAdjectives end adjectives, not places ("East African").
var regionAdjectives = map[string]bool{
	"african": true, "asian": true, "european": true, "american": true, "arab": true,
	"atlantic": true, "pacific": true, "mediterranean": true, "caribbean": true,
}

// financeNouns before "in" make the next name a company ("a stake in X").
var financeNouns = map[string]bool{
	"stake": true, "stakes": true, "interest": true, "interests": true, "shares": true,
	"investment": true, "investments": true, "holding": true, "holdings": true,
	"invest": true, "invested": true, "investing": true, "position": true, "unit": true,
	"subsidiary": true, "merger": true, "partner": true, "job": true, "jobs": true,
	"role": true, "career": true, "work": true, "working": true, "worked": true,
}

// seenLower reports whether the lower-case form of word occurs in the text
// as a word: then the capitalised form is probably a common word.
func (d *doc) seenLower(word string) bool {
	lw := strings.ToLower(word)
	if lw == word {
		return true
	}
	s := d.src
	for off := 0; ; {
		k := strings.Index(s[off:], lw)
		if k < 0 {
			return false
		}
		k += off
		e := k + len(lw)
		if (k == 0 || !isWordByteBefore(s, k)) && (e >= len(s) || !isWordByte(s, e)) {
			return true
		}
		off = k + 1
	}
}

func isWordByteBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}

// bySurname finds a person of the article whose name ends with text (or
// is text), or who has it among alias forms.
func (d *doc) bySurname(text string) *docEntity {
	f := foldName(text)
	var found *docEntity
	for _, de := range d.sortedEnts() {
		if de.e.Type != TypePerson {
			continue
		}
		name := foldName(de.e.Name)
		if name == f || strings.HasSuffix(name, " "+f) {
			if found != nil && found != de {
				return nil // ambiguous
			}
			found = de
			continue
		}
		for _, form := range de.forms {
			if form == f {
				if found != nil && found != de {
					return nil
				}
				found = de
			}
		}
	}
	return found
}

// companyByFirstWord returns the one company of the article whose name is
// the one word text plus a corporate suffix ("Brannock" for the Brannock
// Motor Company), or nil.
func (d *doc) companyByFirstWord(text string) *docEntity {
	if strings.Contains(text, " ") {
		return nil
	}
	f := foldName(text)
	var found *docEntity
	for _, de := range d.list {
		ws := strings.Fields(de.e.Name)
		if de.e.Type != TypeOrg || len(ws) < 2 || foldName(ws[0]) != f {
			continue
		}
		if _, ok := corporateFirstWord(&de.e); !ok || found != nil {
			return nil // "the Ford Foundation" too: ambiguous
		}
		found = de
	}
	return found
}

// sortedEnts returns the entities in order of creation (deterministic).
func (d *doc) sortedEnts() []*docEntity { return d.list }

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
		put(foldName(de.e.Name), de)
		for _, f := range de.forms {
			put(f, de)
		}
		if de.e.Type == TypePerson {
			ws := strings.Fields(foldName(de.e.Name))
			if len(ws) >= 2 {
				put(ws[len(ws)-1], de)
			}
		}
	}
	for _, p := range d.pend {
		f := foldName(p.text)
		de, ok := idx[f]
		if !ok || amb[f] {
			// "Secretary Blinken" leftovers: try the last word.
			ws := strings.Fields(f)
			if len(ws) > 1 {
				de, ok = idx[ws[len(ws)-1]]
				ok = ok && !amb[ws[len(ws)-1]] && de.e.Type == TypePerson
				if ok && d.anotherGivenName(de.e.Name, strings.Fields(p.text)) {
					// "Abdullah Kurdi" after Alan Kurdi: another given name
					// and the same surname is another person, a relative.
					de = d.entity(Slug(p.text), p.text, TypePerson)
					ok = de.e.Type == TypePerson
				}
			}
		}
		if !ok || de == nil {
			if p.honorific != "" && p.nTokens <= 4 && !d.allCommonText(p.text) {
				de = d.entity(Slug(p.text), p.text, TypePerson)
				if de.e.Type != TypePerson {
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
		de.e.Mentions = append(de.e.Mentions, Mention{Field: p.field, Start: p.start, End: p.end, Text: p.text})
		if de.e.Country != "" {
			d.countries[de.e.Country]++
		}
	}
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
	return otherGivenName(full, written)
}

// mergeSurnamePlaces turns a one-word place or person that is the surname
// of a person of the article ("Bolton" after "John R. Bolton"), or a
// one-word person that is a first name ("Pramual" for "Pramual Sabhavasu"),
// into mentions of that person, taking back the country it counted.
func (d *doc) mergeSurnamePlaces() {
	surname := map[string]*docEntity{}
	first := map[string]*docEntity{}
	amb := map[string]bool{}
	for _, de := range d.list {
		if de.e.Type != TypePerson {
			continue
		}
		ws := strings.Fields(foldName(de.e.Name))
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
		if de.e.Type != TypePlace && de.e.Type != TypePerson || strings.Contains(de.e.Name, " ") || len(de.e.Mentions) == 0 || de.forms != nil {
			continue
		}
		k := foldName(de.e.Name)
		per, ok := surname[k]
		if !ok && de.e.Type == TypePerson {
			per, ok = first[k] // "Pramual" for "Pramual Sabhavasu"
			ok = ok && !amb["first:"+k]
		}
		if !ok || amb[k] || per == de {
			continue
		}
		for _, m := range de.e.Mentions {
			if foldName(m.Text) != k {
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

// descriptionHeads are the nouns of "the minister"-style references.
var descriptionHeads = map[string]bool{
	"minister": true, "secretary": true, "president": true, "chancellor": true, "premier": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "ambassador": true, "envoy": true,
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
		for k < len(d.toks) && k < i+5 && d.toks[k].is(tfWord) && !d.in(descriptionHeads, k) {
			// "the Russian foreign minister": demonyms and title words.
			if _, dem := d.x.base.demonyms[d.fold(k)]; !dem && (d.toks[k].is(tfUpper) || !d.in(d.x.base.titleWords, k)) {
				break
			}
			k++
		}
		if k >= len(d.toks) || !d.toks[k].is(tfWord) || d.toks[k].is(tfUpper) || !d.in(descriptionHeads, k) {
			continue
		}
		if k+1 < len(d.toks) && (d.toks[k+1].is(tfUpper) || d.is(k+1, "of") || d.is(k+1, "and")) {
			continue
		}
		start, end := d.toks[i].start, d.toks[k].end
		if ctx == nil {
			ctx = d.context(body)
		}
		if i >= 2 && d.src[d.toks[i-1].start] == ',' {
			if _, ok := ctx.entityAt(d.toks[i-2].start, d.toks[i-2].end); ok {
				continue // "Varga, the Hungarian foreign minister,": an appositive
			}
		}
		e, ok := ctx.resolveDescription(body[start:end], start)
		if !ok || e.Type != TypePerson {
			continue
		}
		if de := d.ents[e.ID]; de != nil {
			d.mention(de, start, end)
		}
	}
}

// context builds the docContext of the body from the entities so far.
func (d *doc) context(body string) *docContext {
	ents := make([]*Entity, 0, len(d.ents))
	genders := map[string]string{}
	keys := map[string]string{}
	for _, de := range d.sortedEnts() {
		if len(de.e.Mentions) == 0 {
			continue // merged into another
		}
		e := de.e // a copy: Mentions shared read-only
		ents = append(ents, &e)
		if de.gender == "" && e.Type == TypePerson {
			de.gender = pronounGender(body, e.Mentions)
		}
		if de.gender != "" {
			genders[e.ID] = de.gender
		}
		for _, f := range de.forms {
			keys[f] = e.ID
		}
		if e.Type == TypePerson {
			if ws := strings.Fields(foldName(e.Name)); len(ws) >= 2 {
				keys[ws[len(ws)-1]] = e.ID
			}
		}
	}
	return newDocContext(body, ents, genders, keys, d.x.base.demonyms)
}

// pronounGender guesses a person's gender from the first personal pronoun
// in the 120 bytes after one of their body mentions ("Kovač said she ...").
func pronounGender(body string, ms []Mention) string {
	for _, m := range ms {
		if m.Field != fieldBody || m.End > len(body) {
			continue
		}
		end := min(len(body), m.End+120)
		for _, w := range strings.Fields(body[m.End:end]) {
			switch strings.Trim(strings.ToLower(w), ".,;:!?\"'“”’") {
			case "he", "his", "him", "himself":
				return "m"
			case "she", "her", "hers", "herself":
				return "f"
			case "they", "it", "its", "i", "we":
				return ""
			}
		}
	}
	return ""
}

// finish sorts mentions and entities and builds the docContext handed to
// the quote detector.
func (d *doc) finish(body string) ([]Entity, *docContext) {
	for _, de := range d.ents {
		sort.Slice(de.e.Mentions, func(i, j int) bool {
			a, b := de.e.Mentions[i], de.e.Mentions[j]
			if a.Field != b.Field {
				return a.Field == fieldTitle
			}
			return a.Start < b.Start
		})
		de.e.Count = len(de.e.Mentions)
	}
	ctx := d.context(body)
	out := make([]Entity, 0, len(d.ents))
	for _, de := range d.sortedEnts() {
		if len(de.e.Mentions) == 0 {
			continue
		}
		out = append(out, de.e)
	}
	sortEntities(out)
	return out, ctx
}

func sortEntities(es []Entity) {
	sort.Slice(es, func(i, j int) bool {
		if es[i].Count != es[j].Count {
			return es[i].Count > es[j].Count
		}
		return es[i].ID < es[j].ID
	})
}

// addSpeakers makes sure every quoted speaker is an entity: a speaker named
// only as written (no entity) becomes one when it reads like a name.
func (d *doc) addSpeakers(body string, quotes []Quote, ents []Entity) []Entity {
	have := map[string]bool{}
	for _, e := range ents {
		have[e.ID] = true
	}
	added := false
	for i := range quotes {
		q := &quotes[i]
		if q.SpeakerID != "" {
			if !have[q.SpeakerID] {
				// Resolved through the context but unseen: add it.
				if de := d.ents[q.SpeakerID]; de != nil && len(de.e.Mentions) > 0 {
					ents = append(ents, de.e)
					have[q.SpeakerID] = true
					added = true
				} else {
					q.SpeakerID, q.SpeakerName = "", "" // resolved below, or not at all
				}
			}
			if q.SpeakerID != "" {
				continue
			}
		}
		name, ok := d.speakerName(q.SpeakerAsWritten)
		if !ok {
			continue
		}
		if de := d.ents[Slug(name)]; de != nil && len(de.e.Mentions) > 0 {
			q.SpeakerID, q.SpeakerName = de.e.ID, de.e.Name
			if !have[de.e.ID] {
				ents = append(ents, de.e)
				have[de.e.ID] = true
				added = true
			}
			continue
		}
		if list := d.x.gaz.entries[foldName(name)]; len(list) > 0 && list[0].kind != gkAlias {
			continue // "Iran said": a country, not a person
		}
		if d.plainWordName(name) {
			continue // "Mediators", "Fishermen", "Association"
		}
		if de := d.bySurname(name); de != nil && len(de.e.Mentions) > 0 {
			q.SpeakerID, q.SpeakerName = de.e.ID, de.e.Name
			if !have[de.e.ID] {
				ents = append(ents, de.e)
				have[de.e.ID] = true
				added = true
			}
			continue
		}
		id := Slug(name)
		if id == "" {
			continue
		}
		start := strings.Index(body, name)
		if start < 0 {
			continue
		}
		q.SpeakerID, q.SpeakerName = id, name
		if have[id] {
			continue
		}
		typ := d.speakerType(name)
		ents = append(ents, Entity{ID: id, Name: name, Type: typ, Count: 1,
			Mentions: []Mention{{Field: fieldBody, Start: start, End: start + len(name), Text: name}}})
		have[id] = true
		added = true
	}
	if added {
		sortEntities(ents)
	}
	return ents
}

// looksLikeName reports whether s is one to five capitalised words, not
// a stopword or pronoun.
func looksLikeName(s string, b *baseData) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 5 {
		return false
	}
	if len(ws) == 1 && honorifics[strings.ToLower(strings.TrimSuffix(s, "."))] != "" {
		return false // "Gov."
	}
	for i, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			if i > 0 && connectors[strings.ToLower(w)] {
				continue
			}
			return false
		}
		if i > 0 && i < len(ws)-1 && strings.HasSuffix(w, ".") && isInitial(strings.TrimSuffix(w, ".")) {
			continue // "Wayne A. I. Frederick": initials, not the words "a" and "I"
		}
		if b.stopwords[foldToken(strings.Trim(w, ".,"))] {
			return false
		}
	}
	return true
}

func sortQuotes(qs []Quote) []Quote {
	if qs == nil {
		return []Quote{}
	}
	sort.SliceStable(qs, func(i, j int) bool {
		if qs[i].Start != qs[j].Start {
			return qs[i].Start < qs[j].Start
		}
		return qs[i].End < qs[j].End
	})
	return qs
}

// countryList returns the countries counted, by count then code.
func (d *doc) countryList() []Country {
	out := make([]Country, 0, len(d.countries))
	for code, n := range d.countries {
		name, ok := d.x.base.names[code]
		if !ok || n <= 0 {
			continue
		}
		out = append(out, Country{Code: code, Name: name, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Code < out[j].Code
	})
	return out
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
		if !t.is(tfWord) {
			i++
			continue
		}
		m := d.longest(i, to, false)
		if m.n > 0 && m.e.exact != "" && d.x.base.stopwords[foldToken(m.e.exact)] {
			i += m.n // "WHO" in a heading is the pronoun
			continue
		}
		if m.n > 0 && m.e.kind != gkAlias || m.n > 0 && m.e.exact != "" {
			text := d.src[t.start:d.toks[i+m.n-1].end]
			if utf8.RuneCountInString(text) >= 4 || m.e.exact != "" {
				d.addMatch(m, i, "")
			}
			i += m.n
			continue
		}
		i++
	}
}

// dateline recognises a wire dateline at the start of the body ("CLEVELAND,
// March 3 -", "SALVADOR, Feb 26 -", "MOSCOW (Reuters) -") and returns the
// first token after it.
func (d *doc) dateline() int {
	toks := d.toks
	k := 0
	for k < len(toks) && k < 6 && (toks[k].is(tfWord) && (toks[k].is(tfAllUpper) || isInitial(d.text(k))) ||
		k > 0 && !toks[k].is(tfSpace) && (d.src[toks[k].start] == '.' || d.src[toks[k].start] == '-') && k+1 < len(toks) && toks[k+1].is(tfAllUpper)) {
		k++ // "ST. LOUIS", "WINSTON-SALEM"
	}
	if k == 0 || k >= len(toks) || toks[k].is(tfWord) {
		return 0
	}
	c := d.src[toks[k].start]
	if c != ',' && c != '(' && c != '-' && !strings.HasPrefix(d.src[toks[k].start:], "—") {
		return 0
	}
	found := false
	d.inDateline = true
	defer func() { d.inDateline = false }()
	for i := 0; i < k; {
		m := d.longest(i, k, true)
		if m.n == 0 {
			i++
			continue
		}
		if m.e.kind == gkPlace || m.e.kind == gkCountry {
			d.addMatch(m, i, "")
			found = true
		}
		i += m.n
	}
	if !found {
		return k
	}
	// Skip ", Croatia, March 5 (Meridian Daily) -" up to the dash: the
	// source in brackets is no entity of the article.
	for e := k; e < len(toks) && e < k+16; e++ {
		if toks[e].is(tfPara) {
			break
		}
		if c := d.src[toks[e].start]; c == '-' && toks[e].is(tfSpace) || strings.HasPrefix(d.src[toks[e].start:], "—") {
			// Countries named in the dateline count.
			for i := k; i < e; i++ {
				if m := d.longest(i, e, false); m.n > 0 && (m.e.kind == gkCountry || m.e.kind == gkPlace) {
					d.addMatch(m, i, "")
					i += m.n - 1
				}
			}
			return e + 1
		}
	}
	return k
}
