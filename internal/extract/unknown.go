// A capitalised run no gazetteer entry covers: a person, a body or a place by its cues, or pending.

package extract

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// unknown handles a capitalised run [p,r) that is no known name.
func (d *doc) unknown(p, r int, honor string) {
	b := d.x.base
	if r <= p {
		return
	}
	start, end := d.toks[p].Start, d.toks[r-1].End
	n := 0
	stop := false
	for k := p; k < r; k++ {
		if d.toks[k].Is(text.Word) && d.toks[k].Is(text.Upper) {
			n++
			if d.in(b.stopwords, k) || d.in(b.titleWords, k) {
				stop = true
			}
		}
	}
	phrase := d.src[start:end]
	person := false
	role, country := "", ""
	if honor != "" {
		person = true
	}
	// "Its spokesman, Goran Vuković, said": a title, a comma, the name.
	if !person && !stop && p > 1 && n >= 2 && n <= 4 && d.src[d.toks[p-1].Start] == ',' && d.toks[p-2].Is(text.Word) && d.in(b.titleHeads, p-2) {
		role = d.tokText(p - 2)
		person = true
	}
	// Lower-case title words before: "defence ministry spokesperson Ivan Petrov".
	if !person && p > 0 {
		k := p - 1
		for k >= 0 && d.toks[k].Is(text.Word) && (d.in(b.titleWords, k) || d.toks[k].Is(text.Upper) && d.in(b.orgWords, k) && k < p-1) {
			k--
		}
		if k < p-1 && d.in(b.titleHeads, p-1) {
			role = d.src[d.toks[k+1].Start:d.toks[p-1].End]
			if k >= 0 {
				if m := d.longest(k, k+1, false); m.n == 1 && m.e.country != "" && m.e.kind != gkAlias {
					country = m.e.country
					role = d.src[d.toks[k].Start:d.toks[p-1].End]
				}
			}
			person = true
		}
	}
	next := ""
	if r < len(d.toks) && d.toks[r].Is(text.Word) {
		next = d.fold(r)
	}
	afterArticle := p > 0 && (d.is(p-1, "the") || d.is(p-1, "a") || d.is(p-1, "an"))
	if !person && !stop && !afterArticle && n >= 1 && n <= 3 && text.SpeechVerbs[next] && d.nameLike(p, r, n) {
		plural := n == 1 && d.toks[p].Is(text.SentStart) && strings.HasSuffix(phrase, "s")
		if n >= 2 || !d.seenLower(phrase) && !plural {
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
	if !person && !stop && n >= 2 && n <= 4 && r+2 < len(d.toks) && d.src[d.toks[r].Start] == ',' {
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
		for k < len(d.toks) && k < k1+5 && d.toks[k].Is(text.Word) && d.in(b.titleWords, k) {
			k++
		}
		if k > k1 && d.in(b.titleHeads, k-1) {
			role = d.src[d.toks[k1].Start:d.toks[k-1].End]
			_ = k0
			person = true
		}
	}
	// "Dominic Hare": a known given name and a surname, no cue needed.
	if !person && !stop && !afterArticle && n >= 2 && n <= 3 && d.toks[p].Is(text.Upper) && !d.toks[p].Is(text.AllUpper) &&
		!d.hasAcronym(p, r) && !d.hasLowerConnector(p, r) && !d.in(b.placeWords, r-1) {
		if g, ok := b.givenNames[d.fold(p)]; ok && !d.in(text.PlacePrefixes, p) {
			person = true
			if honor == "" && g != "-" {
				honor = g
			}
		}
	}
	// "North Kalimantan", "West Java": a region.
	if !person && n == 2 && d.in(text.PlacePrefixes, p) && !d.hasOrgWord(p, r) && !d.in(text.RegionAdjectives, r-1) {
		d.mention(d.entity(Slug(phrase), phrase, news.TypePlace), start, end)
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
		for p < r-1 && d.toks[p].Is(text.Upper) && (d.in(b.common, p) || d.in(b.titleWords, p)) && d.toks[p+1].Is(text.Upper) {
			if _, given := b.givenNames[d.fold(p)]; given {
				break
			}
			p++
			n--
		}
		start = d.toks[p].Start
		phrase = d.src[start:end]
		// "UCL said", "TfL said", "Transport for London said": bodies,
		// not people.
		if n == 1 && (d.toks[p].Is(text.AllUpper) || innerUpper(phrase)) || d.hasLowerConnector(p, r) || n > 1 && d.hasAcronym(p, r) {
			if role == "" && honor == "" {
				d.mention(d.entity(Slug(phrase), phrase, news.TypeOrg), start, end)
			}
			return
		}
		// A surname of someone already named resolves to them.
		if de := d.bySurname(phrase); de != nil {
			d.mention(de, start, end)
			if honor != "" && honor != "-" && de.gender == "" {
				de.gender = honor
			}
			return
		}
		if de := d.companyByFirstWord(phrase); de != nil && honor == "" && role == "" {
			d.mention(de, start, end) // "Brannock told reporters" after the Brannock Motor Company
			return
		}
		de := d.entity(Slug(phrase), phrase, news.TypePerson)
		if de.e.Type != news.TypePerson {
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
		d.mention(d.entity(Slug(phrase), phrase, news.TypePlace), start, end)
		return
	}
	// "in Apatin", "near Bačka Palanka": an unknown place.
	if n <= 3 && !stop && p > 0 && !d.toks[r-1].Is(text.Possessive) && !d.hasOrgWord(p, r) && d.bySurname(phrase) == nil {
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
				return
			}
		}
	}
	d.pend = append(d.pend, pending{field: d.field, start: start, end: end, phrase: phrase, honorific: honor, nTokens: n})
}
