package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"golang.org/x/text/unicode/norm"
)

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
	roleIn  []yearSpan // the years role holds (nil: always)
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

// roleFor returns e's role in an article of year (0: undated, when the
// role holds): "" when the article is dated outside the years the role
// was held.
func (e *gazEntry) roleFor(year int) string {
	if year == 0 || e.roleIn == nil {
		return e.role
	}
	for _, s := range e.roleIn {
		if s.has(year) {
			return e.role
		}
	}
	return ""
}

// gazetteer maps folded token sequences (see appendKey) to entries.
type gazetteer struct {
	entries  map[string][]*gazEntry
	prefixes map[string]bool // folded proper prefixes of keys (in whole tokens)
	starts   map[string]bool // folded first tokens of keys that start in lower case ("al", "von")
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

// addAliases registers alias entries in front of entries of the same key
// already present: aliases win over places, later tables over earlier ones.
func addAliases(g *gazetteer, aliases []Alias) {
	for _, a := range aliases {
		e := &gazEntry{kind: gkAlias, id: Slug(a.Name), name: a.Name, typ: a.Type, country: a.Country, role: a.Role, gender: a.Gender}
		e.from, e.to, _ = a.years() // validated when loaded
		e.roleIn, _ = a.roleSpans()
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
