package extract

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// The embedded data, parsed once into the base gazetteer and word lists
// (doc.go lists the files).

//go:embed data/countries.tsv data/alpha3.tsv data/cities.tsv data/places.tsv data/aliases.yaml data/titles.txt data/stopwords.txt data/city-stoplist.txt data/orgwords.txt data/placewords.txt data/given-names.tsv data/given-names-news.tsv data/common-words.txt data/towns.tsv data/historical.tsv
var dataFS embed.FS

// base is the embedded data, parsed once.
type baseData struct {
	gaz   *gazetteer
	names map[string]string // country code -> display name (historical states included)
	codes map[string]string // former or ISO 3166-3 code ("SUHH", "BU") -> country code
	// alpha3 maps ISO 3166-1 alpha-3 codes, current (alpha3.tsv) and
	// withdrawn (formerAlpha3), to country codes.
	alpha3 map[string]string
	// capitals maps the gazetteer key of a capital to its country code.
	capitals map[string]string
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
		capitals:   map[string]string{},
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
	if err := b.loadAlpha3(); err != nil {
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
			b.capitals[gazKey(c)] = code
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
	// The generated English list, then the names news uses otherwise.
	for _, file := range []string{"data/given-names.tsv", "data/given-names-news.tsv"} {
		if err := eachLine(file, 2, func(f []string, _ int) error {
			if f[1] == "x" {
				delete(b.givenNames, foldToken(f[0])) // a word, not a name, in news
				return nil
			}
			b.givenNames[foldToken(f[0])] = f[1]
			return nil
		}); err != nil {
			return err
		}
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

// formerAlpha3 are the withdrawn ISO 3166-1 alpha-3 codes (ISO 3166-3) of
// the historical states of historical.tsv, as archives such as the UN
// General Debate corpus write them.
var formerAlpha3 = map[string]string{"ANT": "AN", "CSK": "CS", "DDR": "DD", "SUN": "SU", "YMD": "YD", "YUG": "YU", "ZAR": "ZR"}

// loadAlpha3 reads alpha3.tsv, whose codes must be countries of
// countries.tsv, and adds formerAlpha3.
func (b *baseData) loadAlpha3() error {
	b.alpha3 = map[string]string{}
	if err := eachLine("data/alpha3.tsv", 2, func(f []string, line int) error {
		if _, ok := b.names[f[1]]; !ok {
			return fmt.Errorf("data/alpha3.tsv:%d: unknown country %q", line, f[1])
		}
		b.alpha3[f[0]] = f[1]
		return nil
	}); err != nil {
		return err
	}
	for a3, code := range formerAlpha3 {
		if _, ok := b.names[code]; !ok {
			return fmt.Errorf("formerAlpha3: unknown country %q", code)
		}
		b.alpha3[a3] = code
	}
	return nil
}
