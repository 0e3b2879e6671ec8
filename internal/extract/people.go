// People: a title before a name, a person "of" an organisation, and whether words read as a name.

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// titled recognises "[Country|Demonym] Title Words Name" at p: a person with
// a role. It returns the token after the name.
func (d *doc) titled(p, j int) (int, bool) {
	b := d.x.base
	country, role := "", ""
	q := p
	head := false
	// The countries, demonyms and organisations inside the title, each
	// with the token it starts at.
	var places []struct {
		m  match
		at int
	}
	var roleStart, roleEnd int = -1, -1
	for q < j {
		t := d.toks[q]
		if !t.Is(text.Word) {
			c := d.src[t.Start]
			if c == '-' || c == '.' {
				q++
				continue
			}
			break
		}
		w := strings.TrimSuffix(d.fold(q), ".")
		if b.titleWords[w] && !d.houseOf(q, j) {
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
			if m := d.longest(q, j, false); m.n > 0 && (m.e.kind == gkCountry || m.e.kind == gkDemonym || m.e.kind == gkMetonym || (m.e.kind == gkAlias && m.e.typ == news.TypeOrg)) {
				if country == "" {
					country = d.countryOf(m.e)
				}
				places = append(places, struct {
					m  match
					at int
				}{m, q})
				q += m.n
				continue
			}
		}
		// A portfolio before the title: "Industry Minister", "Mines and
		// Energy Minister"; not a company's "Corp" ("Baker International
		// Corp treasurer Eric Mattson").
		if !head && t.Is(text.Upper) && (!text.CorporateSuffix[strings.TrimSuffix(d.fold(q), ".")] || d.is(q, "group")) && q+1 < j && (d.in(b.titleHeads, q+1) || q+2 < j && d.in(b.titleWords, q+1) && d.in(b.titleHeads, q+2)) {
			if roleStart < 0 {
				roleStart = q
			}
			q++
			continue
		}
		break
	}
	// Trailing "of"/"the" belong to the name, not the title.
	for q > p && !d.toks[q-1].Is(text.Upper) && d.toks[q-1].Is(text.Word) {
		q--
	}
	if !head || q >= j || roleStart < 0 || !d.toks[q].Is(text.Upper) {
		return p, false
	}
	if roleEnd == roleStart+1 && d.in(b.titleInner, roleStart) {
		return p, false // "State Member of the United Nations"
	}
	// "President Sir Pensia Ganilau", "President Al-Haj Omar Dibba": an
	// honorific after the title, before a given name and a surname, is no
	// part of the name.
	for q+1 < j && d.toks[q].Is(text.Upper) {
		k := q + 1
		if _, ok := text.Honorifics[strings.TrimSuffix(d.fold(q), ".")]; ok {
			if d.src[d.toks[k].Start] == '.' {
				k++
			}
		} else if k+1 < j && d.src[d.toks[k].Start] == '-' && d.toks[k].End == d.toks[k+1].Start && text.Honorifics[d.fold(q)+"-"+d.fold(k+1)] != "" {
			k += 2 // "Al-Haj", three tokens
		} else {
			break
		}
		if k >= j || !d.toks[k].Is(text.Upper) || d.upperWords(k, d.nameAfterTitle(k, j)) < 2 {
			break // "Foreign Secretary Lord Carrington": a peer's name is his title
		}
		q = k
	}
	r := d.nameAfterTitle(q, j)
	if r <= q || d.hasOrgWord(q, r) {
		return p, false
	}
	role = d.src[d.toks[roleStart].Start:d.toks[roleEnd-1].End]
	for _, pm := range places {
		// All of "United States" in "United States Senator Kay Hagan",
		// not its first word.
		d.addMatch(pm.m, pm.at, "")
	}
	if roleStart == q-1 {
		// "King Fahd of Saudi Arabia": a person the alias table knows by
		// title and name is that person, as "King Fahd said" is.
		if m := d.longest(roleStart, r, false); m.n == r-roleStart && m.e.typ == news.TypePerson {
			d.addMention(m.e, d.toks[roleStart].Start, d.toks[r-1].End, role)
			return r, true
		}
	}
	if !d.addTitled(q, r, role, country) {
		return p, false
	}
	return r, true
}

// upperWords counts the capitalised words of [p,r).
func (d *doc) upperWords(p, r int) int {
	n := 0
	for ; p < r; p++ {
		if d.toks[p].Is(text.Word) && d.toks[p].Is(text.Upper) {
			n++
		}
	}
	return n
}

// nameAfterTitle returns the end of the name at q after a title: up to
// four capitalised words, not past "of", "for", "on" or "the" ("Gov. Phil
// Bryant of Mississippi") or a possessive.
func (d *doc) nameAfterTitle(q, j int) int {
	r := q
	n := 0
	for r < j && n < 5 {
		t := d.toks[r]
		if t.Is(text.Word) && t.Is(text.Upper) {
			n++
		} else if t.Is(text.Word) && !d.attachedLower(r) && (d.is(r, "of") || d.is(r, "for") || d.is(r, "on") || d.is(r, "the")) {
			break
		}
		r++
		if t.Is(text.Possessive) {
			break
		}
	}
	for r > q && !d.toks[r-1].Is(text.Upper) && !d.attachedLower(r-1) {
		r--
	}
	return r
}

// addTitled adds the name [q,r) after a title as a person with that role
// and country; false when the name is an entity of another type.
func (d *doc) addTitled(q, r int, role, country string) bool {
	start, end := d.toks[q].Start, d.toks[r-1].End
	if m := d.longest(q, r, false); m.n == r-q && m.e.typ == news.TypePerson {
		d.addMention(m.e, start, end, role)
		return true
	}
	// "Vice President Joseph R. Biden Jr.": the name ends before the
	// period, the alias table's form after it.
	if r < len(d.toks) && d.src[d.toks[r].Start] == '.' && d.toks[r].Start == end {
		if m := d.longest(q, r+1, false); m.n == r+1-q && m.e.typ == news.TypePerson {
			d.addMention(m.e, start, d.toks[r].End, role)
			return true
		}
	}
	name := d.src[start:end]
	de := d.entity(Slug(name), name, news.TypePerson)
	if de.e.Type != news.TypePerson {
		return false
	}
	if de.e.Role == "" {
		de.e.Role = role
	}
	if de.e.Country == "" {
		de.e.Country = country
	}
	d.mention(de, start, end)
	return true
}

// titleThenName reports whether lower-case title words ending in a title
// head start at token k and a capitalised word follows them.
func (d *doc) titleThenName(k int) bool {
	b := d.x.base
	n := 0
	for k < len(d.toks) && n < 4 && d.toks[k].Is(text.Word) && !d.toks[k].Is(text.Upper) && d.in(b.titleWords, k) {
		k++
		n++
	}
	return n > 0 && d.in(b.titleHeads, k-1) && k < len(d.toks) && d.toks[k].Is(text.Upper)
}

// unknownPerson adds the capitalised words [p,r) as a person, or as a
// mention of a person of the article whose surname they are.
func (d *doc) unknownPerson(p, r int) {
	start, end := d.toks[p].Start, d.toks[r-1].End
	phrase := d.src[start:end]
	if de := d.bySurname(phrase); de != nil {
		d.mention(de, start, end)
		return
	}
	if de := d.companyByFirstWord(phrase); de != nil {
		d.mention(de, start, end)
		return
	}
	de := d.entity(Slug(phrase), phrase, news.TypePerson)
	if de.e.Type == news.TypePerson {
		if g := d.x.base.givenNames[d.fold(p)]; de.gender == "" && (g == "m" || g == "f") {
			de.gender = g
		}
		d.mention(de, start, end)
	}
}

// allCommon reports whether every capitalised word of [p,r) is a title
// word or a common English word.
func (d *doc) allCommon(p, r int) bool {
	b := d.x.base
	for k := p; k < r; k++ {
		if d.toks[k].Is(text.Word) && d.toks[k].Is(text.Upper) && !d.in(b.titleWords, k) && !d.in(b.common, k) {
			return false
		}
	}
	return true
}

// allCommonText is allCommon for a text.
func (d *doc) allCommonText(s string) bool {
	b := d.x.base
	for _, w := range text.FoldWords(s) {
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
	for last > p && !d.toks[last].Is(text.Upper) {
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
			if text.InnerCapPrefixes[s[:i]] {
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
		if k == r-1 && k > p && generational[d.tokText(k)] {
			continue // "Joseph R. Murray II": a generation, no acronym
		}
		if d.toks[k].Is(text.AllUpper) && !strings.Contains(d.tokText(k), ".") {
			return true
		}
	}
	return false
}

// generational are the roman numerals that end a person's name after the
// surname ("Joseph R. Murray II").
var generational = map[string]bool{"II": true, "III": true, "IV": true}

// hasLowerConnector reports whether tokens [p,r) hold "for", "on" or "the"
// (names of bodies, not people; "of", "de", "bin", "al" occur in names).
func (d *doc) hasLowerConnector(p, r int) bool {
	for k := p; k < r; k++ {
		if d.toks[k].Is(text.Word) && !d.toks[k].Is(text.Upper) && (d.is(k, "for") || d.is(k, "on") || d.is(k, "the")) {
			return true
		}
	}
	return false
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
		if (k == 0 || !isWordByteBefore(s, k)) && (e >= len(s) || !text.IsWordByte(s, e)) {
			return true
		}
		off = k + 1
	}
}

func isWordByteBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return text.IsWordRune(r)
}
