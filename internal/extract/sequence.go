// Capitalised sequences: where one ends, the longest gazetteer match, and how one is analysed.

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// seqEnd returns the end (exclusive) of the capitalised sequence starting at
// token i: capitalised words, joined by NameConnectors, hyphens without spaces
// and the periods of initials.
func (d *doc) seqEnd(i int) int {
	toks := d.toks
	j := i + 1
	if toks[i].Is(text.Possessive) && !(j < len(toks) && toks[j].Is(text.Upper) && d.in(d.x.base.orgWords, j)) && !d.facilityAhead(i, i, j) {
		return j
	}
	for j < len(toks) {
		t := toks[j]
		if t.Is(text.Para) {
			break
		}
		if t.Is(text.Word) && !t.Is(text.Handle) {
			if t.Is(text.Upper) {
				if j-i >= 2 && text.PostNominals[d.src[t.Start:t.End]] && !(j+1 < len(toks) && toks[j+1].Is(text.Word) && toks[j+1].Is(text.Upper)) {
					break // "Durham Hall QC said": letters after the name, not part of it
				}
				j++
				if t.Is(text.Possessive) && !(j < len(toks) && toks[j].Is(text.Upper) && d.in(d.x.base.orgWords, j)) && !d.facilityAhead(i, j-1, j) {
					break // "Fishermen's Association", "St Mary's Hospital" go on
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
			// "Center for Strategic and International Studies", "Centers
			// for Disease Control and Prevention": and goes on inside the
			// name of a center, unless another name begins after it.
			if w == "and" && j+1 < len(toks) && toks[j+1].Is(text.Upper) && !toks[j+1].Is(text.Para) && d.centerFor(i, j) &&
				!d.in(d.x.base.stopwords, j+1) && !d.houseOf(j+1, len(toks)) && d.longest(j+1, len(toks), false).n == 0 {
				j++
				continue
			}
			// "on" joins only after an organisation word ("Council on
			// Foreign Relations"): "Muriel Bowser on Twitter" is two names.
			if text.NameConnectors[w] && j+1 < len(toks) && toks[j+1].Is(text.Upper) && !toks[j+1].Is(text.Para) && (w != "the" || d.is(j-1, "of")) &&
				(w != "on" || d.in(d.x.base.orgWords, j-1)) && !d.in(d.x.base.stopwords, j+1) {
				j++
				continue
			}
			if text.NameConnectors[w] && j+2 < len(toks) && d.src[toks[j+1].Start] == '-' && !toks[j+1].Is(text.Space) && toks[j+2].Is(text.Upper) {
				j++ // "al-Assad"
				continue
			}
			break
		}
		c := d.src[t.Start]
		if c == '&' && d.ampersandAcronym(j) {
			j += 2 // "PG&E", "AT&T", "S&P"
			continue
		}
		if c == '-' && !t.Is(text.Space) && j+1 < len(toks) && toks[j+1].Is(text.Word) && !toks[j+1].Is(text.Space) && (toks[j+1].Is(text.Upper) || toks[j-1].Is(text.Upper) && d.isNamePart(j+1)) {
			j++
			if !toks[j].Is(text.Upper) {
				j++ // "Moon Jae-in": the lower-case part belongs to the name
			}
			continue
		}
		if c == '.' && !t.Is(text.Space) && j+1 < len(toks) && toks[j+1].Is(text.Upper) && toks[j+1].Is(text.Space) && isInitial(d.tokText(j-1)) {
			j++
			continue
		}
		break
	}
	// Drop trailing NameConnectors and punctuation.
	for j > i+1 && (!toks[j-1].Is(text.Word) || !toks[j-1].Is(text.Upper)) && !d.attachedLower(j-1) {
		j--
	}
	return j
}

// hasLowerWord reports whether tokens [i,j) hold a lower-case word ("of"
// in "Sheriff of Milwaukee County", a title and its county).
func (d *doc) hasLowerWord(i, j int) bool {
	for k := i; k < j; k++ {
		if d.toks[k].Is(text.Word) && !d.toks[k].Is(text.Upper) {
			return true
		}
	}
	return false
}

// ampersandAcronym reports whether the "&" at token k joins two parts of
// an acronym written without spaces ("PG&E", "AT&T", "S&P").
func (d *doc) ampersandAcronym(k int) bool {
	return k > 0 && k+1 < len(d.toks) && !d.toks[k].Is(text.Space) && !d.toks[k+1].Is(text.Space) &&
		d.acronymPart(k-1) && d.acronymPart(k+1)
}

// acronymPart reports whether token k is capitals only, or one capital.
func (d *doc) acronymPart(k int) bool {
	t := d.toks[k]
	return t.Is(text.Word) && t.Is(text.Upper) && (t.Is(text.AllUpper) || t.End-t.Start == 1)
}

// orgAhead reports whether the capitalised words from k on end in an
// organisation word ("and Exchange Commission") and none of them is a known
// name (then "and" joins two names, as in "Russia and the EU").
func (d *doc) orgAhead(k int) bool {
	for n := 0; k < len(d.toks) && n < 4; k, n = k+1, n+1 {
		t := d.toks[k]
		if !t.Is(text.Word) || !t.Is(text.Upper) || t.Is(text.Para) {
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
	if t.End-t.Start > 4 {
		return false
	}
	if text.CompoundParts[d.tokText(k)] {
		return false
	}
	return k+1 >= len(d.toks) || d.toks[k+1].Is(text.Space) || !d.toks[k+1].Is(text.Word)
}

// attachedLower reports whether token k is the lower-case end of a
// hyphenated name ("in" of "Jae-in").
func (d *doc) attachedLower(k int) bool {
	return k >= 2 && d.toks[k].Is(text.Word) && !d.toks[k].Is(text.Upper) && !d.toks[k].Is(text.Space) &&
		d.src[d.toks[k-1].Start] == '-' && !d.toks[k-1].Is(text.Space) && d.toks[k-2].Is(text.Upper) && d.isNamePart(k)
}

func isInitial(s string) bool {
	r, w := utf8.DecodeRuneInString(s)
	if w == len(s) && unicode.IsUpper(r) {
		return true
	}
	return text.InitialAbbrevs[s]
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
		key = appendFold(key, d.src[t.Start:t.End])
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
		return d.tokText(i) == surface
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i && d.toks[k].Is(text.Space) {
			b.WriteByte(' ')
		}
		b.WriteString(d.tokText(k))
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

// sequence analyses the capitalised sequence [i,j).
func (d *doc) sequence(i, j int) {
	// "Sultan Qaboos Grand Mosque": a place word ends the name before an
	// honorific opening it is read as one.
	if j-i >= 3 && (d.in(text.FacilityWords, j-1) || d.militaryBase(i, j)) && d.toks[i].Is(text.Word) && !d.in(d.x.base.stopwords, i) &&
		(d.in(d.x.base.titleWords, i) || text.Honorifics[strings.TrimSuffix(d.fold(i), ".")] != "") && d.placeWordName(i, j) {
		return
	}
	i, honor := d.skipLeading(i, j)
	for i < j && !d.toks[i].Is(text.Word) {
		i++
	}
	if i >= j {
		return
	}
	// "EPA" after "Economic Planning Agency (EPA)": an acronym the article
	// defined names that organisation, whatever the alias table says.
	if j == i+1 && d.toks[i].Is(text.AllUpper) {
		if de := d.orgByForm(d.tokText(i)); de != nil {
			d.mention(de, d.toks[i].Start, d.toks[i].End)
			return
		}
	}
	// A known name spanning the whole rest.
	if m := d.longest(i, j, d.placeContext(i)); m.n == j-i {
		d.addMatch(m, i, honor)
		return
	}
	for p := i; p < j; {
		if !d.toks[p].Is(text.Word) || !d.toks[p].Is(text.Upper) {
			p++
			continue
		}
		// A place word ends the name before any title opens it: "Sultan
		// Qaboos Grand Mosque" is a mosque, not Sultan Qaboos.
		if d.placeWordName(p, j) {
			return
		}
		if q, ok := d.titled(p, j); ok {
			p = q
			continue
		}
		if q := d.org(p, j); q > p {
			p = q
			for p < j && (!d.toks[p].Is(text.Word) || !d.toks[p].Is(text.Upper)) {
				p++
			}
			continue
		}
		if m := d.longest(p, j, d.placeContext(p)); m.n > 0 && !d.partOfLongerName(m, p, j) {
			d.addMatch(m, p, honor)
			p += m.n
			if q, h := d.skipLeading(p, j); q > p && h != "" {
				// "New Jersey Gov. Chris Christie": an honorific after a
				// place opens the name, as it does a sequence.
				p, honor = q, h
			}
			continue
		}
		// An unknown run up to the next known name.
		r := p + 1
		for r < j {
			if m := d.longest(r, j, false); m.n > 0 && !(m.e.typ == news.TypePerson && m.n == 1) {
				// A city ending the run is a surname: "John R. Bolton"; so
				// is a demonym right after a known given name: "Mark
				// Cuban".
				if !(m.e.kind == gkPlace && r+m.n == j && !d.in(d.x.base.stopwords, p)) && !(r == p+1 && d.demonymSurname(m, r, j)) {
					break
				}
			}
			r++
		}
		for r > p+1 && !d.toks[r-1].Is(text.Upper) && !d.attachedLower(r-1) {
			r--
		}
		d.unknown(p, r, honor)
		p = r
		for p < j && (!d.toks[p].Is(text.Word) || !d.toks[p].Is(text.Upper)) {
			p++
		}
	}
}

// givenName reports whether token k is a known given name that is no
// stop word and opens no place name ("Mark", not "Will" opening "Will
// Irish voters …", not "North" of "North American").
func (d *doc) givenName(k int) bool {
	_, given := d.x.base.givenNames[d.fold(k)]
	return given && !d.in(d.x.base.stopwords, k) && !d.in(text.PlacePrefixes, k)
}

// demonymSurname reports whether the demonym or the country that is also
// a surname (text.SurnameCountries) at token k, ending a capitalised run
// that opens with a known given name at k-1, is that person's surname
// ("Mark Cuban", "Jim Jordan"; not "Shell Canada"): the run is the two
// words, and no slash or hyphen joins it to a longer name ("Royal
// Dutch/Shell").
func (d *doc) demonymSurname(m match, k, j int) bool {
	if m.e.kind != gkDemonym && !(m.e.kind == gkCountry && text.SurnameCountries[d.fold(k)]) || m.n != 1 || k+1 != j || !d.givenName(k-1) {
		return false
	}
	if d.in(d.x.base.common, k-1) {
		// A given name that is a common word ("Mark", "Major", "Royal")
		// names someone only after a lower-case word that is no function
		// word, or a comma ("owner Mark Cuban", "you know, Mark Cuban"),
		// not opening a sentence or a headline's run ("Major Japanese
		// automakers").
		if k < 2 {
			return false
		}
		if x := d.toks[k-2]; !(x.Is(text.Word) && !x.Is(text.Upper) && !d.in(text.FunctionWords, k-2) || d.tokText(k-2) == ",") {
			return false // nor after "to", "of", "by" ("sales by Royal Dutch")
		}
	}
	e := d.toks[k].End
	return e >= len(d.src) || d.src[e] != '/' && d.src[e] != '-' && d.src[e] != '&'
}

// skipLeading skips the honorifics ("Mr", "Ms.") and stop words ("The",
// "In") that open the capitalised sequence [i,j); it returns where the
// sequence starts and the gender the last honorific implies.
func (d *doc) skipLeading(i, j int) (int, string) {
	b := d.x.base
	honor := ""
	for i < j {
		w := strings.TrimSuffix(d.fold(i), ".")
		if (w == "right" || w == "rt") && i+2 < j {
			// "the Right Honourable Sir James Mitchell"
			k := i + 1
			if d.src[d.toks[k].Start] == '.' {
				k++
			}
			if k+1 < j && (d.is(k, "honourable") || d.is(k, "honorable") || d.is(k, "hon")) {
				i = k
				continue
			}
		}
		if i+3 < j && d.src[d.toks[i+1].Start] == '-' && d.toks[i].End == d.toks[i+1].Start && d.toks[i+1].End == d.toks[i+2].Start {
			if g := text.Honorifics[w+"-"+d.fold(i+2)]; g != "" {
				honor = g // "Al-Haj Omar Dibba", three tokens
				i += 3
				continue
			}
		}
		if g, ok := text.Honorifics[w]; ok && i+1 < j && !(d.src[d.toks[i+1].Start] == '-' && d.toks[i].End == d.toks[i+1].Start) && !(d.toks[i].Is(text.Upper) && w == d.fold(i) && d.in(d.x.base.orgWords, j-1) && j-i >= 3) {
			// (but "General Motors Corp" is a company, not a general)
			honor = g
			i++
			if i < j && d.src[d.toks[i].Start] == '.' {
				i++
			}
			continue
		}
		if b.stopwords[w] && !d.toks[i].Is(text.AllUpper) {
			if m := d.longest(i, j, false); m.n >= 2 {
				break // "May Day"? a known name beginning with a stopword
			}
			i++
			continue
		}
		break
	}
	return i, honor
}

// placeWordName adds the rest of the sequence, [p,j), as a place when a
// place word ends it ("Turkish Straits", "Arabian Sea") or opens it before
// "of" ("Strait of Hormuz", "Gulf of Aden").
func (d *doc) placeWordName(p, j int) bool {
	// "Turkish Straits", "Arabian Sea": a name ending in a place word.
	if j-p >= 2 && d.in(d.x.base.placeWords, j-1) && !d.hasOrgWord(p, j) {
		if m := d.longest(p, j, false); m.n == j-p {
			d.addMatch(m, p, "")
			return true
		}
		// "Arabian Sea" (a demonym), "Kuwait Maitree Hospital" (a
		// country), "London Bridge" (a city), "Kennedy Airport" (a
		// person): a known name opening it is part of the place, whose
		// country a country, demonym or city gives.
		if m := d.longest(p, j, false); m.n > 0 {
			start, end := d.toks[p].Start, d.toks[j-1].End
			de := d.entity(Slug(d.src[start:end]), d.src[start:end], news.TypePlace)
			if de.e.Type != news.TypePlace {
				return false
			}
			if de.e.Country == "" && (m.e.kind == gkDemonym || m.e.kind == gkCountry || m.e.kind == gkPlace) {
				de.e.Country = d.countryOf(m.e)
			}
			d.mention(de, start, end)
			return true
		}
	}
	// "Zenda State Prison": a facility's name no title or cue inside it
	// makes a person's.
	// An organisation's name inside is the facility's sponsor or owner:
	// "Chesapeake Energy Arena".
	if j-p >= 2 && j-p <= 6 && (d.in(text.FacilityWords, j-1) || d.militaryBase(p, j)) && !d.hasLowerWord(p, j-1) && !d.possessiveOfKnown(p, j) {
		start, end := d.toks[p].Start, d.toks[j-1].End
		if de := d.entity(Slug(d.src[start:end]), d.src[start:end], news.TypePlace); de.e.Type == news.TypePlace {
			d.mention(de, start, end)
			return true
		}
	}
	// "Strait of Hormuz", "Gulf of Aden": a place word and its name.
	if p+2 < j && d.in(d.x.base.placeWords, p) && d.is(p+1, "of") {
		if m := d.longest(p, j, false); m.n == j-p {
			d.addMatch(m, p, "")
		} else {
			start, end := d.toks[p].Start, d.toks[j-1].End
			d.mention(d.entity(Slug(d.src[start:end]), d.src[start:end], news.TypePlace), start, end)
		}
		return true
	}
	return false
}

// partOfLongerName reports whether the person or place matched at p is only
// the first word of a longer unknown name ("Deng Akol Mayen", "Paris Hilton").
func (d *doc) partOfLongerName(m match, p, j int) bool {
	if m.e.kind != gkAlias && m.e.kind != gkPlace || m.e.typ == news.TypeOrg {
		return false
	}
	q := p + m.n
	if q >= j || !d.toks[q].Is(text.Word) || !d.toks[q].Is(text.Upper) || d.toks[q].Is(text.Space) == false {
		return false
	}
	w := d.fold(q)
	if d.x.base.titleWords[w] || d.x.base.orgWords[w] || d.x.base.placeWords[w] || d.x.base.stopwords[w] {
		return false
	}
	if m2 := d.longest(q, j, false); m2.n > 0 {
		return false
	}
	return m.e.typ == news.TypePerson
}

// facilityAhead reports whether the capitalised words from k on, at most
// three, end in a facility word: the possessive at pos before them is part
// of the facility's name ("Grauman's Egyptian Theatre", "St Mary's
// Hospital") unless a known name ends at it ("Britain's Wembley Stadium",
// "Mexico City's Aldama Theater"); i is where the run began.
func (d *doc) facilityAhead(i, pos, k int) bool {
	if d.knownEndsAt(i, pos) {
		return false
	}
	for n := 0; k < len(d.toks) && n < 3; k, n = k+1, n+1 {
		t := d.toks[k]
		if !t.Is(text.Word) || !t.Is(text.Upper) || t.Is(text.Para) || t.Is(text.Possessive) {
			return false
		}
		if d.in(text.FacilityWords, k) {
			return k+1 >= len(d.toks) || !d.toks[k+1].Is(text.Word) || !d.toks[k+1].Is(text.Upper)
		}
	}
	return false
}

// militaryBase reports whether the run [p,j) ends in a capitalised "Base"
// of its own (no hyphen: "Miami-base" is Reuters' "Miami-based") after a
// service ("Ramstein Air Base", "McChord Air Force Base") or after a title
// opening the run ("General Bernardo O'Higgins Riquelme Base"). Alone,
// "Base" is too often the base rate ("U.K. Base rates").
func (d *doc) militaryBase(p, j int) bool {
	if j-p < 2 || !d.is(j-1, "base") || !d.toks[j-1].Is(text.Upper) || !d.toks[j-1].Is(text.Space) {
		return false
	}
	switch d.fold(j - 2) {
	case "air", "force", "naval", "army", "military", "marine", "navy", "missile", "space":
		return true
	}
	return d.in(d.x.base.titleWords, p)
}

// knownEndsAt reports whether a known name (ambiguous ones too) spans
// tokens [s,pos] for some s from i on.
func (d *doc) knownEndsAt(i, pos int) bool {
	for s := i; s <= pos; s++ {
		if m := d.longest(s, pos+1, true); m.n == pos+1-s {
			return true
		}
	}
	return false
}

// possessiveOfKnown reports whether a known name before a possessive
// stands inside [p,j) ("New York's Times Square": New York's square).
func (d *doc) possessiveOfKnown(p, j int) bool {
	for k := p; k < j; k++ {
		if d.toks[k].Is(text.Possessive) && d.knownEndsAt(p, k) {
			return true
		}
	}
	return false
}

// centerFor reports whether the run [i,j) holds a "Center for" ("House
// of") name that "and" may continue.
func (d *doc) centerFor(i, j int) bool {
	for k := i; k+2 < j; k++ {
		if d.houseOf(k, j) && d.is(k+1, "for") {
			return true
		}
	}
	return false
}
