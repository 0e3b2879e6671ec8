// Entities and mentions: matches and mentions added, entities created, one found by surname.

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// addMatch records a gazetteer match of tokens [i, i+m.n).
func (d *doc) addMatch(m match, i int, honor string) {
	start, end := d.toks[i].Start, d.toks[i+m.n-1].End
	e := m.e
	if e.kind == gkDemonym && m.n == 1 {
		if de := d.personBySurname(d.tokText(i)); de != nil {
			// "Cuban said" after "Mark Cuban": the person, not Cuba.
			d.mention(de, start, end)
			return
		}
	}
	if e.kind == gkDemonym || e.kind == gkCountry {
		d.countries[d.matchCountry(m, i)]++
		d.countryMention(e, start, end)
		return
	}
	de := d.addMention(e, start, end, "")
	if de != nil && honor != "" && honor != "-" && de.gender == "" {
		de.gender = honor
	}
}

// personBySurname returns the one person of the article so far whose
// name has two words or more and ends with the word w (in any case), or
// nil.
func (d *doc) personBySurname(w string) *docEntity {
	var found *docEntity
	for _, de := range d.list {
		if de.e.Type != news.TypePerson {
			continue
		}
		k := strings.LastIndexByte(de.e.Name, ' ')
		if k <= 0 || !strings.EqualFold(de.e.Name[k+1:], w) {
			continue
		}
		if found != nil && found != de {
			return nil // two people of that surname
		}
		found = de
	}
	return found
}

// addMention adds a mention of a gazetteer entity.
func (d *doc) addMention(e *gazEntry, start, end int, role string) *docEntity {
	if e.kind == gkDemonym || e.kind == gkCountry {
		d.countries[d.countryOf(e)]++
		d.countryMention(e, start, end)
		return nil
	}
	de := d.aliasEntity(e)
	if role != "" && (e.role == "" || de.e.Role == "" || de.e.Role == e.role) {
		de.e.Role = role
	}
	d.mention(de, start, end)
	return de
}

// countryMention hands the match [start,end) of a country name (not a
// demonym) to d.countryOut when ExtractWithCountryPlaces asked for it.
func (d *doc) countryMention(e *gazEntry, start, end int) {
	if d.countryOut != nil && e.kind == gkCountry {
		*d.countryOut = append(*d.countryOut, countryMentionOf{d.countryOf(e), news.Mention{Field: d.field, Start: start, End: end, Text: d.src[start:end]}})
	}
}

// aliasEntity returns the entity of a gazetteer entry, creating it with the
// entry's country, role, gender and forms.
func (d *doc) aliasEntity(e *gazEntry) *docEntity {
	de := d.entity(e.id, e.name, e.typ)
	if de.e.Country == "" {
		de.e.Country = d.countryOf(e)
	}
	if de.e.Role == "" {
		de.e.Role = e.roleFor(d.year)
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
// Sergeyevich Gorbachev"). A person the table knows by the whole name
// wins: "George W. Bush" is not "George Bush", George H. W. Bush.
func (d *doc) aliasByEnds(name string) *gazEntry {
	w := strings.Fields(name)
	if len(w) < 3 || len(w) > 5 || generational[w[len(w)-1]] {
		return nil // "Charles Elliott III" is not Charles III
	}
	for _, e := range d.x.gaz.entries[text.FoldName(w[0]+" "+w[len(w)-1])] {
		if e.kind == gkAlias && e.typ == news.TypePerson && !e.outOfEra(d.year) {
			if whole := d.aliasPerson(gazKey(name)); whole != nil {
				return whole
			}
			return e
		}
	}
	return nil
}

// aliasPerson is the alias-table person of gazetteer key k, or nil.
func (d *doc) aliasPerson(k string) *gazEntry {
	for _, e := range d.x.gaz.entries[k] {
		if e.kind == gkAlias && e.typ == news.TypePerson && !e.outOfEra(d.year) {
			return e
		}
	}
	return nil
}

// entity returns the entity of id, creating it. A new person whose first
// and last word name an alias-table person is that person.
func (d *doc) entity(id, name, typ string) *docEntity {
	if typ == news.TypePerson && d.ents[id] == nil {
		if e := d.aliasByEnds(name); e != nil && e.id != id {
			return d.aliasEntity(e)
		}
	}
	de, ok := d.ents[id]
	if !ok {
		d.order++
		de = &docEntity{e: news.Entity{ID: id, Name: name, Type: typ}, order: d.order}
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
	de.e.Mentions = append(de.e.Mentions, news.Mention{Field: d.field, Start: start, End: end, Text: d.src[start:end]})
	if de.e.Country != "" {
		d.countries[de.e.Country]++
	}
}

// mentionNoCount adds a mention without counting the entity's country (the
// caller counted the countries named inside it).
func (d *doc) mentionNoCount(de *docEntity, start, end int) {
	c := de.e.Country
	de.e.Country = ""
	d.mention(de, start, end)
	de.e.Country = c
}

// bySurname finds a person of the article whose name ends with text (or
// is text), or who has it among alias forms.
func (d *doc) bySurname(phrase string) *docEntity {
	f := text.FoldName(phrase)
	var found *docEntity
	for _, de := range d.sortedEnts() {
		if de.e.Type != news.TypePerson {
			continue
		}
		name := text.FoldName(de.e.Name)
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
	if found == nil && !strings.Contains(f, " ") {
		found = d.byFirstSurname(f)
	}
	return found
}

// surnameOfGender returns the one person of ents named in two words or
// more whose last word is the folded surname f and whose gender (known,
// or from a given name) is not other than g; nil when none or several
// are (a person of unknown gender stays a candidate).
func (d *doc) surnameOfGender(ents []*docEntity, f, g string) *docEntity {
	var found *docEntity
	for _, de := range ents {
		if de.e.Type != news.TypePerson {
			continue
		}
		ws := strings.Fields(text.FoldName(de.e.Name))
		if len(ws) < 2 || ws[len(ws)-1] != f {
			continue
		}
		dg := de.gender
		if dg == "" {
			dg = d.givenNameGender(de.e.Name)
		}
		if dg != "" && dg != g {
			continue
		}
		if found != nil && found != de {
			return nil
		}
		found = de
	}
	return found
}

// byFirstSurname returns the one person of the article, named with three
// words or more, whose second-to-last word is the folded one-word phrase f:
// a Spanish or Portuguese name by its first surname ("Rosselló" for
// Ricardo Rosselló Nevares, "López Obrador" aside), or nil.
func (d *doc) byFirstSurname(f string) *docEntity {
	if utf8.RuneCountInString(f) < 3 {
		return nil
	}
	var found *docEntity
	for _, de := range d.sortedEnts() {
		if de.e.Type != news.TypePerson || strings.Count(de.e.Name, " ") < 2 {
			continue // one or two words: no first surname before a last
		}
		ws := strings.Fields(text.FoldName(de.e.Name))
		if len(ws) < 3 || ws[len(ws)-2] != f {
			continue
		}
		if found != nil && found != de {
			return nil // ambiguous
		}
		found = de
	}
	return found
}

// bySurnameFirst returns the one person of the article named with two
// words, the second a hyphenated given name whose second part is
// lower-case, whose first word, the surname, is the one word w ("Tong" for
// Tong Yung-soo, "Moon" for Moon Jae-in), or nil.
func (d *doc) bySurnameFirst(w string) *docEntity {
	f := text.FoldName(w)
	if f == "" || strings.Contains(f, " ") {
		return nil
	}
	var found *docEntity
	for _, de := range d.sortedEnts() {
		if de.e.Type != news.TypePerson {
			continue
		}
		ws := strings.Fields(de.e.Name)
		if len(ws) != 2 || text.FoldName(ws[0]) != f || !hyphenatedGiven(ws[1]) {
			continue
		}
		if found != nil && found != de {
			return nil // ambiguous
		}
		found = de
	}
	return found
}

// hyphenatedGiven reports whether w is a romanised given name of two
// syllables joined by a hyphen, the second lower-case ("Yung-soo",
// "Jae-in").
func hyphenatedGiven(w string) bool {
	a, b, ok := strings.Cut(w, "-")
	if !ok || a == "" || b == "" || len(b) > 4 || strings.Contains(b, "-") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(a)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, c := range b {
		if !unicode.IsLower(c) {
			return false
		}
	}
	return true
}

// bySurnameMisspelt returns the one person of the article, named in full,
// whose surname the one-word phrase misspells: at most two edits on a
// surname of six letters or more, the same first letter ("Ms Bauchtman"
// for Lydia Buchtmann). Articles misspell names they spelled right a
// paragraph earlier; a new person of that name is the less likely reading.
// A known given name two edits away is no misspelling ("Francis", a pope's
// name, is not Massimo Franco): a person of that name is the likelier
// reading; one edit away it still is ("Gasper" for George Gaspar).
func (d *doc) bySurnameMisspelt(phrase string) *docEntity {
	f := text.FoldName(phrase)
	if strings.Contains(f, " ") || utf8.RuneCountInString(f) < 6 {
		return nil
	}
	_, given := d.x.base.givenNames[foldToken(f)]
	var found *docEntity
	for _, de := range d.sortedEnts() {
		ws := strings.Fields(text.FoldName(de.e.Name))
		if de.e.Type != news.TypePerson || len(ws) < 2 || len(de.e.Mentions) == 0 {
			continue
		}
		sur := ws[len(ws)-1]
		if sur == f || utf8.RuneCountInString(sur) < 6 || sur[0] != f[0] {
			continue
		}
		if ed := text.EditDistance(sur, f); ed > 2 || given && ed > 1 {
			continue
		}
		if found != nil && found != de {
			return nil // ambiguous
		}
		found = de
	}
	return found
}

// companyByFirstWord returns the one company of the article whose name is
// the one word text plus a corporate suffix ("Brannock" for the Brannock
// Motor Company), or nil.
func (d *doc) companyByFirstWord(phrase string) *docEntity {
	if strings.Contains(phrase, " ") {
		return nil
	}
	f := text.FoldName(phrase)
	var found *docEntity
	for _, de := range d.list {
		ws := strings.Fields(de.e.Name)
		if de.e.Type != news.TypeOrg || len(ws) < 2 || text.FoldName(ws[0]) != f {
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
