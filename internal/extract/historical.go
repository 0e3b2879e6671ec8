// Historical states: the Soviet Union, Yugoslavia, Czechoslovakia, East
// Germany, … (data/historical.tsv), chosen by the article's date where
// their names are today's countries' too.

package extract

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// histState is one line of historical.tsv.
type histState struct {
	code, name                     string
	from, to                       int
	codes, names, demonyms, places []string
	successors                     []string // "RU", "UA<1990"
	shared, kept, renamed          []string
	line                           int
}

// readHistorical parses data/historical.tsv.
func readHistorical() ([]histState, error) {
	var out []histState
	err := eachLine("data/historical.tsv", 12, func(f []string, line int) error {
		list := func(s string) []string {
			if s == "-" {
				return nil
			}
			return splitBar(s)
		}
		h := histState{code: f[0], name: f[1], codes: list(f[4]), names: list(f[5]), demonyms: list(f[6]),
			places: list(f[7]), successors: list(f[8]), shared: list(f[9]), kept: list(f[10]), renamed: list(f[11]), line: line}
		if h.name != "=" {
			var err1, err2 error
			h.from, err1 = strconv.Atoi(f[2])
			h.to, err2 = strconv.Atoi(f[3])
			if err1 != nil || err2 != nil || h.to < h.from {
				return fmt.Errorf("data/historical.tsv:%d: years %q-%q", line, f[2], f[3])
			}
		}
		out = append(out, h)
		return nil
	})
	return out, err
}

// loadHistorical registers the historical states: their display names,
// codes and names, and the years in which today's countries count for them
// (b.eras). It runs after the country names and before the curated places.
func (b *baseData) loadHistorical(states []histState) error {
	b.eras = map[int]map[string]string{}
	for _, h := range states {
		where := fmt.Sprintf("data/historical.tsv:%d", h.line)
		if h.name == "=" {
			if _, ok := b.names[h.code]; !ok {
				return fmt.Errorf("%s: unknown country %q", where, h.code)
			}
			for _, c := range h.codes {
				b.codes[c] = h.code
			}
			continue
		}
		if _, ok := b.names[h.code]; ok {
			return fmt.Errorf("%s: code %s is taken", where, h.code)
		}
		b.names[h.code] = h.name
		for _, c := range h.codes {
			b.codes[c] = h.code
		}
		e := &gazEntry{kind: gkCountry, id: Slug(h.name), name: h.name, typ: news.TypePlace, country: h.code}
		for _, n := range h.names {
			b.gaz.add(n, e)
			b.gaz.moveFront(n, e)
		}
		for i, dm := range h.demonyms {
			if i == 0 {
				b.demonymOf[h.code] = dm
			}
			b.addDemonym(dm, h.code)
			b.gaz.moveFront(dm, &gazEntry{kind: gkDemonym, country: h.code})
		}
		for _, p := range h.places {
			pe := &gazEntry{kind: gkPlace, id: Slug(p), name: p, typ: news.TypePlace, country: h.code}
			b.gaz.add(p, pe)
			b.gaz.moveFront(p, pe)
		}
		for _, s := range h.successors {
			code, last := s, h.to
			if c, y, ok := strings.Cut(s, "<"); ok {
				n, err := strconv.Atoi(y)
				if err != nil || n < h.from || n > h.to {
					return fmt.Errorf("%s: successor %q: year out of %d-%d", where, s, h.from, h.to)
				}
				code, last = c, n
			}
			if _, ok := b.names[code]; !ok {
				return fmt.Errorf("%s: unknown successor %q", where, code)
			}
			for y := h.from; y <= last; y++ {
				m := b.eras[y]
				if m == nil {
					m = map[string]string{}
					b.eras[y] = m
				}
				if old, ok := m[code]; ok && old != h.code {
					return fmt.Errorf("%s: %s counts for %s and %s in %d", where, code, old, h.code, y)
				}
				m[code] = h.code
			}
		}
	}
	return nil
}

// markHistorical sets the shared, kept and renamed names of the historical
// states on the gazetteer's entries: it runs when every place is loaded. An entry
// is copied under the name's key, since other keys may hold it ("Russian
// Federation" is the official name of the entry "Russia" also stands for).
func (b *baseData) markHistorical(states []histState) error {
	for _, h := range states {
		where := fmt.Sprintf("data/historical.tsv:%d", h.line)
		for _, s := range h.shared {
			n := b.gaz.mark(s, func(e *gazEntry) bool {
				if e.kind == gkAlias || e.country == "" || e.country == h.code {
					return false
				}
				e.then, e.thenFrom, e.thenTo = h.code, h.from, h.to
				return true
			})
			if n == 0 {
				return fmt.Errorf("%s: shared name %q is in no country", where, s)
			}
		}
		for _, s := range h.kept {
			n := b.gaz.mark(s, func(e *gazEntry) bool {
				if e.kind == gkAlias || e.country == "" || e.country == h.code {
					return false
				}
				e.keep = true
				return true
			})
			if n == 0 {
				return fmt.Errorf("%s: kept name %q is in no country (add it to places.tsv)", where, s)
			}
		}
		succ := map[string]bool{}
		for _, s := range h.successors {
			c, _, _ := strings.Cut(s, "<")
			succ[c] = true
		}
		for _, s := range h.renamed {
			n := b.gaz.mark(s, func(e *gazEntry) bool {
				// Only the successor's place: St. Petersburg, Florida, kept
				// its name.
				if e.kind == gkAlias || !succ[e.country] || e.from != 0 {
					return false
				}
				e.from = h.to // the name is back in the state's last year
				return true
			})
			if n == 0 {
				return fmt.Errorf("%s: renamed place %q is in no country", where, s)
			}
		}
	}
	return nil
}

// mark replaces every entry under the key of surface (and of its spelling
// without accents) for which set, called on a copy, returns true by that
// copy, and returns how many it replaced.
func (g *gazetteer) mark(surface string, set func(*gazEntry) bool) int {
	n := 0
	for _, s := range []string{surface, asciiFold(surface)} {
		if s != surface && n > 0 {
			continue // the same key
		}
		list := g.entries[gazKey(s)]
		for i, e := range list {
			c := *e
			if set(&c) {
				list[i] = &c
				n++
			}
		}
	}
	return n
}

// countryOf returns the country e counts for in this article: the
// historical state whose years hold the article's date when e is a name of
// its successor or a shared place ("Moscow" is the Soviet Union in 1987),
// else e's country. An undated article, and a kept name ("Russian
// Federation"), take e's own country.
func (d *doc) countryOf(e *gazEntry) string {
	if d.year == 0 || e.keep {
		return e.country
	}
	if e.then != "" && d.year >= e.thenFrom && d.year <= e.thenTo {
		return e.then
	}
	if h, ok := d.era[e.country]; ok {
		return h
	}
	return e.country
}

// matchCountry is countryOf for a match at token i: a demonym before
// "republic" names the republic, not the union it belonged to ("the Russian
// republic" in 1990 is Russia).
func (d *doc) matchCountry(m match, i int) string {
	if d.era != nil && m.e.kind == gkDemonym && i+m.n < len(d.toks) {
		if w := d.fold(i + m.n); w == "republic" || w == "republics" {
			return m.e.country
		}
	}
	return d.countryOf(m.e)
}

// Alpha3Country returns the country code of an ISO 3166-1 alpha-3 code
// written in capitals ("USA": "US"; a withdrawn code gives its historical
// state, "YUG": "YU"), "" when s is none. Corpora write them in their
// metadata (a speech's speaker); as words of a text they would be
// ambiguous ("CAN", "AND"), so CountryCodes does not take them.
func Alpha3Country(s string) string {
	b, err := loadBase()
	if err != nil || len(s) != 3 {
		return ""
	}
	return b.alpha3[s]
}

// CountryCodes returns the country codes a user's name for a country
// stands for: a code of any case ("su", "GB"), a former code ("SUHH",
// "BU"), a name, alias or demonym the gazetteer counts for a country
// ("USSR", "Soviet Union", "Soviet", "Burma", "uk"), or a display name.
// Historical states give their own code. It returns nil when s names no
// country.
func CountryCodes(s string) []string {
	b, err := loadBase()
	if err != nil {
		return nil
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	up := strings.ToUpper(s)
	if _, ok := b.names[up]; ok {
		return []string{up}
	}
	if c, ok := b.codes[strings.ReplaceAll(up, ".", "")]; ok {
		return []string{c}
	}
	var out []string
	add := func(c string) {
		for _, o := range out {
			if o == c {
				return
			}
		}
		out = append(out, c)
	}
	// The first country or demonym entry of the name, as extraction would
	// count it (an acronym matched whatever its case: "uk", "ussr").
	for _, e := range b.gaz.entries[gazKey(s)] {
		if (e.kind == gkCountry || e.kind == gkDemonym) && e.country != "" {
			add(e.country)
			break
		}
	}
	if len(out) == 0 {
		slug := Slug(s)
		for code, name := range b.names {
			if Slug(name) == slug {
				add(code)
			}
		}
	}
	return out
}

// gazKey returns the gazetteer key of surface: its tokens folded, joined by
// spaces.
func gazKey(surface string) string {
	toks := text.Tokenize(surface, 0, len(surface), text.NameRules, nil)
	var key []byte
	for i, t := range toks {
		if i > 0 {
			key = append(key, ' ')
		}
		key = appendFold(key, surface[t.Start:t.End])
	}
	return string(key)
}
