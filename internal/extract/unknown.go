// A capitalised run no gazetteer entry covers: a person, a body or a place by its cues, or pending.

package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// unknown handles a capitalised run [p,r) that is no known name.
func (d *doc) unknown(p, r int, honor string) {
	if r <= p {
		return
	}
	start, end := d.toks[p].Start, d.toks[r-1].End
	n, stop := d.runWords(p, r)
	phrase := d.src[start:end]
	// "PG&E said" after "Pacific Gas and Electric Company (PG&E)": an
	// acronym defined earlier is that organisation, whatever cue follows.
	if d.toks[p].Is(text.AllUpper) {
		if de := d.orgByForm(phrase); de != nil {
			d.mention(de, start, end)
			return
		}
	}
	// "Republican Cory Gardner", "Democrat Tom Blake": a party word before
	// a known given name is the person's party, no part of the name.
	if n >= 3 && (d.in(text.PartyAdjectives, p) || d.is(p, "democrat")) && d.toks[p+1].Is(text.Upper) && d.givenName(p+1) {
		d.unknown(p+1, r, honor)
		return
	}
	if n == 1 && r == p+1 && d.institution(p) {
		d.mention(d.entity(Slug(phrase), phrase, news.TypeOrg), start, end)
		return
	}
	c := d.personCues(p, r, n, stop, honor)
	if !c.person && stop {
		if k, ok := d.titledName(p, r); ok {
			// "Undersecretary for Political Affairs Wendy Sherman".
			n2, stop2 := d.runWords(k, r)
			d.cuedPerson(k, r, n2, stop2, unknownCue{person: true, role: d.src[start:d.toks[k-1].End]})
			return
		}
	}
	// "North Kalimantan", "West Java": a region.
	if !c.person && n == 2 && d.in(text.PlacePrefixes, p) && !d.hasOrgWord(p, r) && !d.in(text.RegionAdjectives, r-1) {
		d.mention(d.entity(Slug(phrase), phrase, news.TypePlace), start, end)
		return
	}
	// "Phil Bryant of Mississippi", "Lydia Buchtmann for Food Standards
	// Australia New Zealand": the person ends before "of" or "for".
	if c.person {
		for k := p + 1; k < r-1; k++ {
			if d.is(k, "of") || d.is(k, "for") {
				d.unknown(p, k, c.honor)
				d.sequence(k+1, r)
				return
			}
		}
	}
	if c.person && n >= 1 && n <= 5 && !d.hasOrgWord(p, r) {
		d.cuedPerson(p, r, n, stop, c)
		return
	}
	if stop && n == 1 {
		return
	}
	if d.unknownPlace(p, r, n, stop) {
		return
	}
	d.pend = append(d.pend, pending{field: d.field, start: start, end: end, phrase: phrase, honorific: c.honor, nTokens: n, sentStart: d.toks[p].Is(text.SentStart)})
}

// institution reports whether the one capitalised word at p names an
// institution: "the Senate", "the House", "the Court", "run for Senate".
func (d *doc) institution(p int) bool {
	if d.toks[p].Is(text.AllUpper) || !d.in(text.Institutions, p) {
		return false
	}
	if p > 0 && d.is(p-1, "the") {
		return true
	}
	if p > 0 && d.toks[p-1].Is(text.Possessive) && d.toks[p-1].Is(text.Upper) {
		return true // "Britain's Treasury", "Israel's Knesset"
	}
	return !d.toks[p].Is(text.SentStart) && d.in(text.InstitutionsAnywhere, p)
}

// hasPatronymic reports whether a lower-case bin, ibn or bint stands
// between two capitalised words of [p,r).
func (d *doc) hasPatronymic(p, r int) bool {
	for k := p + 1; k < r-1; k++ {
		if d.toks[k].Is(text.Word) && !d.toks[k].Is(text.Upper) && (d.is(k, "bin") || d.is(k, "ibn") || d.is(k, "bint")) {
			return true
		}
	}
	return false
}

// allGiven reports whether the two or more capitalised words of [p,r) are
// all known given names ("Mike Lee": common words too, but a name).
func (d *doc) allGiven(p, r int) bool {
	n := 0
	for k := p; k < r; k++ {
		if d.toks[k].Is(text.Word) && d.toks[k].Is(text.Upper) {
			if _, ok := d.x.base.givenNames[d.fold(k)]; !ok {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// orgByForm returns the organisation of the article that has phrase among
// its forms (an acronym defined in brackets), or nil.
func (d *doc) orgByForm(phrase string) *docEntity {
	f := ""
	for _, de := range d.list {
		if de.e.Type != news.TypeOrg || len(de.forms) == 0 {
			continue
		}
		if f == "" {
			f = text.FoldName(phrase)
		}
		for _, form := range de.forms {
			if form == f {
				return de
			}
		}
	}
	return nil
}

// runWords counts the capitalised words of [p,r) and reports whether one of
// them is a stop word or a title word.
func (d *doc) runWords(p, r int) (n int, stop bool) {
	b := d.x.base
	for k := p; k < r; k++ {
		if d.toks[k].Is(text.Word) && d.toks[k].Is(text.Upper) {
			n++
			if d.in(b.stopwords, k) && !d.middleInitial(p, k) || d.in(b.titleWords, k) {
				stop = true
			}
		}
	}
	return n, stop
}

// middleInitial reports whether token k, after the first word of a run
// starting at p, is a one-letter initial with its period ("A." of "Roberta
// A. Kaplan"), not the stop word it spells.
func (d *doc) middleInitial(p, k int) bool {
	t := d.toks[k]
	return k > p && t.End-t.Start == 1 && k+1 < len(d.toks) && d.src[d.toks[k+1].Start] == '.' && !d.toks[k+1].Is(text.Space)
}

// unknownCue is what the words around an unknown run say of it: a person
// (with the role, country and gender, "m", "f" or "-", they give), or not.
type unknownCue struct {
	person               bool
	role, country, honor string
}

// personCues looks for the cues that make the unknown run [p,r) of n
// capitalised words a person: an honorific, a title before it, a speech
// verb, an appositive or a known given name.
func (d *doc) personCues(p, r, n int, stop bool, honor string) unknownCue {
	b := d.x.base
	c := unknownCue{person: honor != "", honor: honor}
	if !c.person {
		c.role, c.country, c.person = d.titleBefore(p, n, stop)
	}
	afterArticle := p > 0 && (d.is(p-1, "the") || d.is(p-1, "a") || d.is(p-1, "an"))
	if !c.person && !stop {
		c.person = d.speechCue(p, r, n, afterArticle)
	}
	// Appositive: "John Smith, the foreign minister," / "John Smith, a spokesman".
	if !c.person && !stop && n >= 2 && n <= 4 && r+2 < len(d.toks) && d.src[d.toks[r].Start] == ',' {
		c.role, c.country, c.person = d.appositiveRole(r + 1)
	}
	// "Beto O'Rourke, who was a candidate": a relative "who" after the name.
	if !c.person && !stop && !afterArticle && n >= 2 && n <= 3 && r+1 < len(d.toks) && d.src[d.toks[r].Start] == ',' && d.is(r+1, "who") &&
		!d.hasAcronym(p, r) && !d.hasLowerConnector(p, r) && d.nameLike(p, r, n) {
		c.person = true
	}
	// "Qaboos bin Said", "Haitham bin Tariq Al Said": bin, ibn or bint
	// between capitalised words makes a person's name.
	if !c.person && !stop && n >= 2 && n <= 5 && d.hasPatronymic(p, r) {
		c.person = true
	}
	// "Sergey M.", "Maria G.": a name and the initial of a surname, the form
	// news gives people it names only so, whether or not the name is a
	// known given name.
	if !c.person && !stop && !afterArticle && n == 2 && r == p+2 && d.surnameInitial(p) {
		c.person = true
	}
	// "Dominic Hare": a known given name and a surname, no cue needed; also
	// before "of" or "for" and an affiliation ("Doug Miller of Milltech
	// Marine", "Lydia Buchtmann for Food Standards Australia").
	gr, gn := r, n
	for k := p + 2; k < r-1; k++ {
		if d.is(k, "of") || d.is(k, "for") {
			gr = k
			gn, _ = d.runWords(p, k)
			break
		}
	}
	if gr == r && gn == 4 && generational[d.tokText(r-1)] {
		gn-- // "Joseph R. Murray II": the generation is no word of the name's count
	}
	if !c.person && !stop && !afterArticle && gn >= 2 && gn <= 3 && d.toks[p].Is(text.Upper) && !d.toks[p].Is(text.AllUpper) &&
		!d.hasAcronym(p, gr) && !d.hasLowerConnector(p, gr) && !d.in(b.placeWords, gr-1) && (gr == r || !d.hasOrgWord(p, gr)) {
		if g, ok := b.givenNames[d.fold(p)]; ok && !d.in(text.PlacePrefixes, p) {
			c.person = true
			if c.honor == "" && g != "-" {
				c.honor = g
			}
		}
	}
	return c
}

// surnameInitial reports whether tokens p and p+1 are a name and the
// initial of a surname with its period ("Sergey M.", also written with a
// one-dot leader, "Sergey M․"): the name no common English word, title or
// place prefix ("Vitamin C.", "Plan B.", "North K." stay as they are).
func (d *doc) surnameInitial(p int) bool {
	b := d.x.base
	if p+2 >= len(d.toks) {
		return false
	}
	name, ini, dot := d.toks[p], d.toks[p+1], d.toks[p+2]
	if !name.Is(text.Upper) || name.Is(text.AllUpper) || name.End-name.Start < 3 || !ini.Is(text.Upper) || ini.End-ini.Start != 1 || ini.Is(text.Para) || dot.Is(text.Para) {
		return false
	}
	if s := d.src[dot.Start:dot.End]; s != "." && s != "\u2024" || dot.Start != ini.End {
		return false
	}
	return !d.in(b.common, p) && !d.in(b.titleWords, p) && !d.in(text.PlacePrefixes, p) && !d.in(b.placeWords, p)
}

// titleBefore finds a title before the unknown run at p: "Its spokesman,
// Goran Vuković, said" (a title, a comma, the name) or lower-case title
// words, "defence ministry spokesperson Ivan Petrov".
func (d *doc) titleBefore(p, n int, stop bool) (role, country string, ok bool) {
	b := d.x.base
	if !stop && p > 1 && n >= 2 && n <= 4 && d.src[d.toks[p-1].Start] == ',' && d.toks[p-2].Is(text.Word) && d.in(b.titleHeads, p-2) {
		return d.tokText(p - 2), "", true
	}
	if p == 0 {
		return "", "", false
	}
	k := p - 1
	for k >= 0 && d.toks[k].Is(text.Word) && (d.in(b.titleWords, k) || d.toks[k].Is(text.Upper) && d.in(b.orgWords, k) && !text.CorporateSuffix[strings.TrimSuffix(d.fold(k), ".")] && k < p-1) {
		k--
	}
	if k >= p-1 || !d.in(b.titleHeads, p-1) {
		return "", "", false
	}
	role = d.src[d.toks[k+1].Start:d.toks[p-1].End]
	if k >= 0 {
		if m := d.longest(k, k+1, false); m.n == 1 && m.e.country != "" && m.e.kind != gkAlias {
			country = d.countryOf(m.e)
			role = d.src[d.toks[k].Start:d.toks[p-1].End]
		}
	}
	return role, country, true
}

// speechCue reports whether a speech verb makes the unknown run [p,r) a
// person: "Varga said", "..., said John Smith", "according to John Smith".
func (d *doc) speechCue(p, r, n int, afterArticle bool) bool {
	next := ""
	if r < len(d.toks) && d.toks[r].Is(text.Word) {
		next = d.fold(r)
	}
	if !afterArticle && n >= 1 && n <= 3 && text.SpeechVerbs[next] && d.nameLike(p, r, n) {
		phrase := d.src[d.toks[p].Start:d.toks[r-1].End]
		plural := n == 1 && (d.toks[p].Is(text.SentStart) || d.afterQuantifier(p)) && strings.HasSuffix(phrase, "s")
		if n >= 2 || !d.seenLower(phrase) && !plural {
			return true
		}
	}
	if n >= 2 && n <= 3 && p > 0 && d.nameLike(p, r, n) {
		prev := d.fold(p - 1)
		if prev == "said" || prev == "says" || (prev == "to" && p > 1 && d.is(p-2, "according")) {
			return true
		}
	}
	return false
}

// appositiveRole reads the appositive after a name, from its token k after
// the comma: "the foreign minister", "a spokesman", "the Hungarian foreign
// minister". The country of a country or demonym word is returned even when
// no title follows it.
func (d *doc) appositiveRole(k int) (role, country string, ok bool) {
	b := d.x.base
	if w := d.fold(k); w == "the" || w == "a" || w == "an" {
		k++
	}
	if k < len(d.toks) {
		if m := d.longest(k, k+3, false); m.n > 0 && (m.e.kind == gkCountry || m.e.kind == gkDemonym) {
			country = d.matchCountry(m, k)
			k += m.n
		}
	}
	k1 := k
	for k < len(d.toks) && k < k1+5 && d.toks[k].Is(text.Word) && d.in(b.titleWords, k) {
		k++
	}
	if k > k1 && d.in(b.titleHeads, k-1) {
		return d.src[d.toks[k1].Start:d.toks[k-1].End], country, true
	}
	return "", country, false
}

// cuedPerson adds the unknown run [p,r), which cues made a person, as a
// person (or as the body or the earlier person it turns out to be).
func (d *doc) cuedPerson(p, r, n int, stop bool, c unknownCue) {
	b := d.x.base
	end := d.toks[r-1].End
	// "Mr Tong" after Tong Yung-soo: the surname, written first, of a
	// name with a hyphenated given name, even when it is a common word.
	if n == 1 && r == p+1 && !stop && d.in(b.common, p) {
		if de := d.bySurnameFirst(d.tokText(p)); de != nil {
			d.mention(de, d.toks[p].Start, end)
			return
		}
	}
	if n == 1 && stop || d.allCommon(p, r) && !d.allGiven(p, r) && !d.surnameFirstName(p, r) {
		return // "Mr. Secretary-General", "Madam President"; but "Mike Lee"
	}
	// "Ecologist Ryan Norris", "Democrat Spearman": a common noun before
	// the name is no part of it; but "Tong Yung-soo", a surname written
	// before a hyphenated given name, is.
	for p < r-1 && d.toks[p].Is(text.Upper) && (d.in(b.common, p) || d.in(b.titleWords, p)) && d.toks[p+1].Is(text.Upper) && !d.surnameFirstName(p, r) {
		if _, given := b.givenNames[d.fold(p)]; given {
			break
		}
		p++
		n--
	}
	start := d.toks[p].Start
	phrase := d.src[start:end]
	if n == 1 && r == p+1 && utf8.RuneCountInString(phrase) == 1 {
		return // "X said": a letter standing for a name the text leaves out
	}
	// A surname of someone already named resolves to them, whatever its
	// capitals ("DuVernay" after Ava DuVernay).
	if de := d.bySurname(phrase); de != nil {
		d.mention(de, start, end)
		if c.honor != "" && c.honor != "-" && de.gender == "" {
			de.gender = c.honor
		}
		return
	}
	// "UCL said", "TfL said", "Transport for London said": bodies,
	// not people.
	if n == 1 && (d.toks[p].Is(text.AllUpper) || innerUpper(phrase)) || d.hasLowerConnector(p, r) || n > 1 && d.hasAcronym(p, r) {
		if c.role == "" && c.honor == "" {
			d.mention(d.entity(Slug(phrase), phrase, news.TypeOrg), start, end)
		}
		return
	}
	if c.honor == "m" || c.honor == "f" {
		// "Mrs. Clinton" where Hillary and Bill Clinton are both named:
		// the one of them the honorific's gender fits.
		if de := d.surnameOfGender(d.sortedEnts(), text.FoldName(phrase), c.honor); de != nil {
			d.mention(de, start, end)
			return
		}
	}
	if de := d.bySurnameMisspelt(phrase); de != nil && (c.honor != "" && c.honor != "-" || c.role != "") {
		d.mention(de, start, end) // "Ms Bauchtman" after Lydia Buchtmann
		return
	}
	if de := d.companyByFirstWord(phrase); de != nil && c.honor == "" && c.role == "" {
		d.mention(de, start, end) // "Brannock told reporters" after the Brannock Motor Company
		return
	}
	de := d.entity(Slug(phrase), phrase, news.TypePerson)
	if de.e.Type != news.TypePerson {
		return
	}
	if de.e.Role == "" {
		de.e.Role = c.role
	}
	if de.e.Country == "" {
		de.e.Country = c.country
	}
	if c.honor != "" && c.honor != "-" && de.gender == "" {
		de.gender = c.honor
	}
	if de.gender == "" && n >= 2 {
		if g := b.givenNames[d.fold(p)]; g == "m" || g == "f" {
			de.gender = g
		}
	}
	d.mention(de, start, end)
}

// unknownPlace makes the unknown run [p,r) a place when its last word is a
// place word ("Kiir River", "Donetsk Oblast") or a preposition of place
// comes before it ("in Apatin", "near Bačka Palanka").
func (d *doc) unknownPlace(p, r, n int, stop bool) bool {
	start, end := d.toks[p].Start, d.toks[r-1].End
	phrase := d.src[start:end]
	if n >= 2 && n <= 4 && d.in(d.x.base.placeWords, r-1) {
		d.mention(d.entity(Slug(phrase), phrase, news.TypePlace), start, end)
		return true
	}
	if n > 3 || stop || p == 0 || d.toks[r-1].Is(text.Possessive) || d.hasOrgWord(p, r) || d.bySurname(phrase) != nil {
		return false
	}
	// "Cambridgeshire, England", "Bhera, Bangladesh": a name before a
	// comma and a country or known place that ends the clause.
	if r+2 < len(d.toks) && d.src[d.toks[r].Start] == ',' && d.toks[r+1].Is(text.Upper) {
		if m := d.longest(r+1, r+5, false); m.n > 0 && (m.e.kind == gkCountry || m.e.kind == gkPlace) &&
			(r+1+m.n >= len(d.toks) || !d.toks[r+1+m.n].Is(text.Word)) {
			if n > 1 && d.toks[p].Is(text.SentStart) && d.in(d.x.base.common, p) {
				start = d.toks[p+1].Start // "Visiting Richmond, Virginia"
				for k := p + 1; k < r && !d.toks[k].Is(text.Word); k++ {
					start = d.toks[k+1].Start
				}
				phrase = d.src[start:end]
			}
			d.mention(d.entity(Slug(phrase), phrase, news.TypePlace), start, end)
			return true
		}
	}
	if d.pairedWithPlace(p, r) {
		d.mention(d.entity(Slug(phrase), phrase, news.TypePlace), start, end)
		return true
	}
	prev := d.fold(p - 1)
	if prev == "of" && p > 1 {
		if text.PlaceNouns[d.fold(p-2)] {
			prev = "in" // "the village of Apatin"
		}
	}
	if prev == "in" && p > 1 && d.in(text.FinanceNouns, p-2) || d.toks[p].Is(text.AllUpper) {
		prev = "" // "a stake in Investor", "shares in SKF"
	}
	switch prev {
	case "in", "near", "outside":
		if r >= len(d.toks) || !d.toks[r].Is(text.Upper) {
			d.mention(d.entity(Slug(phrase), phrase, news.TypePlace), start, end)
			return true
		}
	}
	return false
}

// surnameFirstName reports whether [p,r) is a short capitalised word (no
// title word) and a hyphenated given name whose second part is lower-case
// and ends the run: the form of Korean and many Chinese names, surname
// first ("Tong Yung-soo", "Moon Jae-in"), whatever the surname means in
// English.
func (d *doc) surnameFirstName(p, r int) bool {
	if r != p+4 || d.in(d.x.base.titleWords, p) || d.toks[p].Is(text.AllUpper) || d.toks[p].End-d.toks[p].Start > 5 {
		return false
	}
	return d.toks[p+1].Is(text.Word) && d.toks[p+1].Is(text.Upper) && !d.toks[p+1].Is(text.AllUpper) &&
		d.src[d.toks[p+2].Start] == '-' && d.attachedLower(p+3)
}

// pairedWithPlace reports whether the unknown run [p,r) and a known place
// or country are the two ends of "from … to …" or "between … and …"
// ("from Baracoa to Havana", "between Baracoa and Guantanamo", "from
// Havana to Baracoa"): the run is a place too.
func (d *doc) pairedWithPlace(p, r int) bool {
	known := func(i, j int) bool {
		m := d.longest(i, j, true)
		return m.n == j-i && (m.e.kind == gkPlace || m.e.kind == gkCountry)
	}
	if p < 1 || d.toks[p].Is(text.AllUpper) || d.in(text.PlacePrefixes, p) {
		return false // "between Mexico and GTE", "between North and South Korea"
	}
	// The run ends a noun phrase: "between U.S. and European banks" pairs
	// no places.
	if r < len(d.toks) && d.toks[r].Is(text.Word) && !d.in(text.FunctionWords, r) {
		return false
	}
	first, second := "", ""
	switch d.fold(p - 1) {
	case "from":
		first, second = "from", "to"
	case "between":
		first, second = "between", "and"
	case "to":
		first, second = "from", "to"
	case "and":
		first, second = "between", "and"
	}
	if first == "" {
		return false
	}
	if d.is(p-1, first) {
		// The known place after: "from Baracoa to Havana".
		if r+1 >= len(d.toks) || !d.is(r, second) || !d.toks[r+1].Is(text.Upper) {
			return false
		}
		for j := r + 2; j <= r+5 && j <= len(d.toks); j++ {
			if (j == len(d.toks) || !d.toks[j].Is(text.Upper)) && known(r+1, j) {
				return true
			}
		}
		return false
	}
	// The known place before: "from Havana to Baracoa".
	for i := p - 2; i >= 1 && i >= p-5; i-- {
		if d.is(i-1, first) && known(i, p-1) {
			return true
		}
	}
	return false
}
