package extract

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
	"golang.org/x/text/unicode/norm"
)

//go:embed data/countries.tsv data/cities.tsv data/places.tsv data/aliases.yaml data/titles.txt data/stopwords.txt data/city-stoplist.txt data/orgwords.txt data/placewords.txt data/given-names.tsv data/common-words.txt data/towns.tsv data/historical.tsv
var dataFS embed.FS

// gazKind says what a gazetteer entry stands for.
type gazKind uint8

const (
	gkAlias   gazKind = iota + 1 // an alias-table entity (person, org or place)
	gkCountry                    // a country: place entity, counts the country
	gkPlace                      // a region or city: place entity, counts the country
	gkMetonym                    // a seat of government: org entity, counts the country
	gkDemonym                    // a demonym: counts the country, no entity
)

// gazEntry is one name the gazetteer knows.
type gazEntry struct {
	kind    gazKind
	id      string
	name    string // canonical
	typ     string // entity type; "" for demonyms
	country string
	role    string
	gender  string
	exact   string   // when set, the surface must be written exactly so
	weak    bool     // an ambiguous city: needs a dateline or a preposition before it
	town    bool     // a small place: only in a wire dateline
	forms   []string // folded forms of an alias entry (for resolving short forms)
	from    int      // first and last year the entry applies (0: open)
	to      int
	// A place of today's country that counts for a historical state in
	// an article dated within its years (then, thenFrom, thenTo: "Leipzig"
	// is East Germany's from 1949 to 1990); see countryOf.
	then             string
	thenFrom, thenTo int
	keep             bool // counts for country whatever the date ("Russian Federation")
}

// outOfEra reports whether e does not apply to an article of year (0:
// undated, when every entry applies).
func (e *gazEntry) outOfEra(year int) bool {
	return year != 0 && (e.from != 0 && year < e.from || e.to != 0 && year > e.to)
}

// gazetteer maps folded token sequences (see appendKey) to entries.
type gazetteer struct {
	entries  map[string][]*gazEntry
	prefixes map[string]bool // folded proper prefixes of keys (in whole tokens)
	starts   map[string]bool // folded first tokens of keys that start in lower case ("al", "von")
}

// base is the embedded data, parsed once.
type baseData struct {
	gaz   *gazetteer
	names map[string]string // country code -> display name (historical states included)
	codes map[string]string // former or ISO 3166-3 code ("SUHH", "BU") -> country code
	// eras maps a year to the codes of today's countries that count for a
	// historical state in an article of that year ("RU" -> "SU" in 1987).
	eras       map[int]map[string]string
	demonymOf  map[string]string // country code -> demonym
	demonyms   map[string]string // folded demonym -> code
	titleWords map[string]bool
	titleHeads map[string]bool
	// titleInner are heads of title phrases that are no title alone:
	// "State" of "Secretary of State", "Affairs" of "Minister of Foreign
	// Affairs" ("a State Member of the United Nations" names nobody).
	titleInner map[string]bool
	stopwords  map[string]bool
	orgWords   map[string]bool
	placeWords map[string]bool
	givenNames map[string]string // folded given name -> "m", "f" or "-"
	common     map[string]bool   // common English words (lower case)
}

var loadBase = sync.OnceValues(func() (*baseData, error) {
	b := &baseData{
		gaz:        newGazetteer(),
		names:      map[string]string{},
		codes:      map[string]string{},
		demonymOf:  map[string]string{},
		demonyms:   map[string]string{},
		titleWords: map[string]bool{},
		titleHeads: map[string]bool{},
		titleInner: map[string]bool{},
		stopwords:  map[string]bool{},
		orgWords:   map[string]bool{},
		placeWords: map[string]bool{},
		givenNames: map[string]string{},
		common:     map[string]bool{},
	}
	if err := b.load(); err != nil {
		return nil, err
	}
	return b, nil
})

// CountryName returns the display name of an ISO 3166-1 alpha-2 code (any
// case), or of a historical state's former code ("SU": "Soviet Union",
// data/historical.tsv), for country facet labels.
func CountryName(code string) (string, bool) {
	b, err := loadBase()
	if err != nil {
		return "", false
	}
	n, ok := b.names[strings.ToUpper(code)]
	return n, ok
}

func newGazetteer() *gazetteer {
	return &gazetteer{entries: map[string][]*gazEntry{}, prefixes: map[string]bool{}, starts: map[string]bool{}}
}

// clone copies g so that New can add user aliases without touching the base.
func (g *gazetteer) clone() *gazetteer {
	c := &gazetteer{
		entries:  make(map[string][]*gazEntry, len(g.entries)),
		prefixes: make(map[string]bool, len(g.prefixes)),
		starts:   make(map[string]bool, len(g.starts)),
	}
	for k, v := range g.entries {
		c.entries[k] = v[:len(v):len(v)]
	}
	for k := range g.prefixes {
		c.prefixes[k] = true
	}
	for k := range g.starts {
		c.starts[k] = true
	}
	return c
}

// add registers surface for e, and its spelling without accents
// ("Bogotá", "Bogota"). Entries added first win on equal keys.
func (g *gazetteer) add(surface string, e *gazEntry) {
	g.add1(surface, e)
	if a := asciiFold(surface); a != surface {
		g.add1(a, e)
	}
}

func (g *gazetteer) add1(surface string, e *gazEntry) {
	toks := text.Tokenize(surface, 0, len(surface), text.NameRules, nil)
	if len(toks) == 0 {
		return
	}
	var key []byte
	for i, t := range toks {
		if i > 0 {
			g.prefixes[string(key)] = true
			key = append(key, ' ')
		}
		key = appendFold(key, surface[t.Start:t.End])
	}
	if !toks[0].Is(text.Upper) && !toks[0].Is(text.Handle) && !toks[0].Is(text.Digit) {
		g.starts[string(appendFold(nil, surface[toks[0].Start:toks[0].End]))] = true
	}
	ee := e
	if isAcronym(surface) {
		c := *e
		c.exact = surface
		ee = &c
	}
	k := string(key)
	for _, old := range g.entries[k] {
		if old.id == ee.id && old.kind == ee.kind && old.country == ee.country && old.exact == ee.exact {
			return
		}
	}
	g.entries[k] = append(g.entries[k], ee)
}

// isAcronym reports whether s is written in capitals only with at most five
// letters ("US", "U.N.", "WHO", "G7"): such names match only as written.
func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n > 0 && n <= 5
}

// appendFold appends the lookup form of one token: lower case, curly
// apostrophes straightened.
func appendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if r == '’' || r == '‘' {
			dst = append(dst, '\'')
			continue
		}
		if r >= 0xC0 && r < 0x250 {
			dst = append(dst, latinFold[r-0xC0]...)
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// latinFold spells the Latin-1 and Latin Extended-A/B letters in lower case
// without accents ("Ț" -> "t", "ł" -> "l"), so that "Constanța",
// "Constanţa" and "Constanta" are one key.
var latinFold = func() [0x250 - 0xC0]string {
	var t [0x250 - 0xC0]string
	for r := rune(0xC0); r < 0x250; r++ {
		lr := unicode.ToLower(r)
		s := ""
		if f, ok := foldSpecial[r]; ok {
			s = f
		} else {
			for _, c := range norm.NFD.String(string(lr)) {
				if !unicode.Is(unicode.Mn, c) {
					s += string(c)
				}
			}
		}
		t[r-0xC0] = s
	}
	return t
}()

func foldToken(s string) string { return string(appendFold(nil, s)) }

// load reads the embedded data into b, in an order that matters: the
// country names are the canonical place names, historical states and
// curated places win over them, cities are weak where a stop word, a given
// name or a common word is spelt the same, and the historical states'
// shared and kept names are marked on whatever entries hold them.
func (b *baseData) load() error {
	weak, err := b.loadStopwords()
	if err != nil {
		return err
	}
	if err := b.loadCountries(weak); err != nil {
		return err
	}
	states, err := readHistorical()
	if err != nil {
		return err
	}
	if err := b.loadHistorical(states); err != nil {
		return err
	}
	if err := b.loadPlaces(); err != nil {
		return err
	}
	if err := b.loadWords(); err != nil {
		return err
	}
	if err := b.loadCities(weak); err != nil {
		return err
	}
	raw, err := dataFS.ReadFile("data/aliases.yaml")
	if err != nil {
		return err
	}
	aliases, err := loadAliases(bytes.NewReader(raw), "data/aliases.yaml", b.knownCountry)
	if err != nil {
		return err
	}
	// Aliases go in front of places of the same spelling.
	addAliases(b.gaz, aliases)
	return b.markHistorical(states)
}

// loadStopwords reads the stop words and returns the city names that are
// common words or names (city-stoplist.txt), folded.
func (b *baseData) loadStopwords() (map[string]bool, error) {
	weak := map[string]bool{}
	if err := eachLine("data/city-stoplist.txt", 1, func(f []string, _ int) error {
		weak[foldToken(f[0])] = true
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachLine("data/stopwords.txt", 1, func(f []string, _ int) error {
		b.stopwords[foldToken(f[0])] = true
		return nil
	}); err != nil {
		return nil, err
	}
	return weak, nil
}

// loadCountries reads countries.tsv: names, alternative spellings,
// demonyms and capitals.
func (b *baseData) loadCountries(weak map[string]bool) error {
	if err := eachLine("data/countries.tsv", 6, func(f []string, _ int) error {
		code, name := f[0], f[1]
		b.names[code] = name
		e := &gazEntry{kind: gkCountry, id: Slug(name), name: name, typ: news.TypePlace, country: code}
		b.gaz.add(name, e)
		b.gaz.add(f[2], e)
		for _, a := range splitBar(f[3]) {
			if weak[foldToken(a)] {
				continue // "Island" for Iceland, "Mann" for the Isle of Man
			}
			if len([]rune(a)) > 2 || a == "UK" {
				b.gaz.add(a, e)
			}
		}
		for i, d := range splitBar(f[4]) {
			if i == 0 {
				b.demonymOf[code] = d
			}
			b.addDemonym(d, code)
		}
		for _, c := range splitBar(f[5]) {
			k := foldToken(c)
			b.gaz.add(c, &gazEntry{kind: gkPlace, id: Slug(c), name: c, typ: news.TypePlace, country: code, weak: weak[k] || b.stopwords[k]})
		}
		return nil
	}); err != nil {
		return err
	}
	return nil
}

// loadPlaces reads the curated places.tsv, whose entries go in front of
// generated ones of the same spelling.
func (b *baseData) loadPlaces() error {
	if err := eachLine("data/places.tsv", 4, func(f []string, line int) error {
		code := f[1]
		if code == "-" {
			code = ""
		} else if _, ok := b.names[code]; !ok {
			return fmt.Errorf("data/places.tsv:%d: unknown country %q", line, code)
		}
		var e *gazEntry
		switch f[2] {
		case "country":
			e = &gazEntry{kind: gkCountry, id: Slug(f[3]), name: f[3], typ: news.TypePlace, country: code}
		case "place":
			e = &gazEntry{kind: gkPlace, id: Slug(f[3]), name: f[3], typ: news.TypePlace, country: code}
		case "metonym":
			e = &gazEntry{kind: gkMetonym, id: Slug(f[3]), name: f[3], typ: news.TypeOrg, country: code}
		case "demonym":
			e = &gazEntry{kind: gkDemonym, country: code}
			b.demonyms[foldToken(f[0])] = code
		default:
			return fmt.Errorf("data/places.tsv:%d: unknown kind %q", line, f[2])
		}
		// Curated entries win over generated ones of the same spelling.
		b.gaz.add(f[0], e)
		b.gaz.moveFront(f[0], e)
		if a := asciiFold(f[0]); a != f[0] {
			b.gaz.moveFront(a, e)
		}
		return nil
	}); err != nil {
		return err
	}
	return nil
}

// loadWords reads the word lists of data/: organisation and place words,
// common words, given names and titles.
func (b *baseData) loadWords() error {
	if err := eachLine("data/orgwords.txt", 1, func(f []string, _ int) error {
		b.orgWords[foldToken(f[0])] = true
		return nil
	}); err != nil {
		return err
	}
	if err := eachLine("data/placewords.txt", 1, func(f []string, _ int) error {
		b.placeWords[foldToken(f[0])] = true
		return nil
	}); err != nil {
		return err
	}
	if err := eachLine("data/common-words.txt", 1, func(f []string, _ int) error {
		b.common[f[0]] = true
		return nil
	}); err != nil {
		return err
	}
	if err := eachLine("data/given-names.tsv", 2, func(f []string, _ int) error {
		b.givenNames[foldToken(f[0])] = f[1]
		return nil
	}); err != nil {
		return err
	}
	alone := map[string]bool{}
	if err := eachLine("data/titles.txt", 1, func(f []string, _ int) error {
		ws := strings.Fields(foldToken(f[0]))
		for _, w := range ws {
			if w != "of" && w != "the" && w != "for" {
				b.titleWords[strings.TrimSuffix(w, ".")] = true
			}
		}
		h := strings.TrimSuffix(ws[len(ws)-1], ".")
		b.titleHeads[h] = true
		if len(ws) == 1 {
			alone[h] = true
		} else {
			b.titleInner[h] = true
		}
		return nil
	}); err != nil {
		return err
	}
	for h := range b.titleInner {
		if alone[h] || text.TitleHeads[h] {
			delete(b.titleInner, h)
		}
	}
	return nil
}

// loadCities reads cities.tsv and towns.tsv; a city is weak (found only in
// context) when its name is a stop word, a given name, a common word or
// three letters or fewer, and every town is.
func (b *baseData) loadCities(weak map[string]bool) error {
	if err := eachLine("data/cities.tsv", 3, func(f []string, line int) error {
		name, code := f[0], f[1]
		if _, ok := b.names[code]; !ok {
			return nil // a territory without an entry of its own
		}
		pop, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("data/cities.tsv:%d: population %q: %w", line, f[2], err)
		}
		k := foldToken(name)
		e := &gazEntry{kind: gkPlace, id: Slug(name), name: name, typ: news.TypePlace, country: code}
		_, given := b.givenNames[k]
		if weak[k] || b.stopwords[k] || utf8.RuneCountInString(name) <= 3 || given && pop < 300000 || b.common[k] {
			e.weak = true // "Nancy", "Hassan", "Reading": only in context
		}
		b.gaz.add(name, e)
		return nil
	}); err != nil {
		return err
	}
	if err := eachLine("data/towns.tsv", 2, func(f []string, _ int) error {
		if _, ok := b.names[f[1]]; !ok {
			return nil
		}
		b.gaz.add(f[0], &gazEntry{kind: gkPlace, id: Slug(f[0]), name: f[0], typ: news.TypePlace, country: f[1], weak: true, town: true})
		return nil
	}); err != nil {
		return err
	}
	return nil
}

func (b *baseData) knownCountry(code string) bool {
	_, ok := b.names[code]
	return ok
}

func (b *baseData) addDemonym(d, code string) {
	if d == "" {
		return
	}
	e := &gazEntry{kind: gkDemonym, country: code}
	b.gaz.add(d, e)
	b.demonyms[foldToken(d)] = code
	if strings.HasSuffix(d, "n") || strings.HasSuffix(d, "i") {
		b.gaz.add(d+"s", e) // "Russians", "Israelis"
		b.demonyms[foldToken(d+"s")] = code
	}
}

// addAliases registers alias entries in front of entries of the same key
// already present: aliases win over places, later tables over earlier ones.
func addAliases(g *gazetteer, aliases []Alias) {
	for _, a := range aliases {
		e := &gazEntry{kind: gkAlias, id: Slug(a.Name), name: a.Name, typ: a.Type, country: a.Country, role: a.Role, gender: a.Gender}
		e.from, e.to, _ = a.years() // validated when loaded
		e.forms = append(e.forms, text.FoldName(a.Name))
		for _, s := range a.Aliases {
			e.forms = append(e.forms, text.FoldName(s))
		}
		for _, s := range append([]string{a.Name}, a.Aliases...) {
			g.add(s, e)
			g.moveFront(s, e)
			if f := asciiFold(s); f != s {
				g.moveFront(f, e)
			}
		}
	}
}

// moveFront puts the entries for e (the same kind and id) first under the
// key of surface.
func (g *gazetteer) moveFront(surface string, e *gazEntry) {
	toks := text.Tokenize(surface, 0, len(surface), text.NameRules, nil)
	var key []byte
	for i, t := range toks {
		if i > 0 {
			key = append(key, ' ')
		}
		key = appendFold(key, surface[t.Start:t.End])
	}
	same := func(x *gazEntry) bool { return x.kind == e.kind && x.id == e.id && x.country == e.country }
	list := g.entries[string(key)]
	out := make([]*gazEntry, 0, len(list))
	for _, x := range list {
		if same(x) {
			out = append(out, x)
		}
	}
	for _, x := range list {
		if !same(x) {
			out = append(out, x)
		}
	}
	g.entries[string(key)] = out
}

// asciiFold removes accents from Latin letters, keeping case and
// punctuation; other scripts are kept as they are.
func asciiFold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if f, ok := foldSpecial[r]; ok {
			if unicode.IsUpper(r) {
				f = strings.ToUpper(f[:1]) + f[1:]
			}
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

func splitBar(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// eachLine calls fn with the tab-separated fields of every non-comment line
// of an embedded file, requiring at least n fields.
func eachLine(path string, n int, fn func(f []string, line int) error) error {
	raw, err := dataFS.ReadFile(path)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) < n {
			return fmt.Errorf("%s:%d: want %d tab-separated fields, have %d", path, line, n, len(f))
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if err := fn(f, line); err != nil {
			return err
		}
	}
	return sc.Err()
}
