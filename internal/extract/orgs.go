// Organisations: a sequence holding an organisation word ("Foreign Ministry", "Bank of England").

package extract

import (
	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// hasOrgWord reports whether tokens [i,j) hold an organisation word.
func (d *doc) hasOrgWord(i, j int) bool {
	for k := i; k < j; k++ {
		if d.toks[k].Is(text.Word) && d.in(d.x.base.orgWords, k) {
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
//
// It is long because it is one left-to-right reading of an organisation
// name whose cases share their running state; split, each part would need
// all of it.
func (d *doc) org(p, j int) int {
	orgAt := -1
	for k := p; k < j; k++ {
		if d.toks[k].Is(text.Word) && d.toks[k].Is(text.Upper) && (d.in(d.x.base.orgWords, k) || d.houseOf(k, j)) {
			orgAt = k
		}
	}
	if orgAt < 0 {
		return p
	}
	// "Bangladesh's Institute of Epidemiology": the country before the
	// possessive is a name of its own; the organisation begins after it.
	for k := p; k < orgAt; k++ {
		if !d.toks[k].Is(text.Possessive) {
			continue
		}
		if m := d.longest(p, k+1, false); m.n == k+1-p && (m.e.kind == gkCountry || m.e.kind == gkPlace) {
			d.addMatch(m, p, "")
			p = k + 1
		}
		break
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
	if end < j && d.toks[end].Is(text.Word) && !d.toks[end].Is(text.Upper) && d.in(text.NameConnectors, end) {
		end = j // "Bank of England", "Force for Abyei"
		if h := d.titleAfterOrg(orgAt+2, j); h > 0 {
			end = h
			for end > orgAt+1 && !d.toks[end-1].Is(text.Upper) {
				end-- // "Labour Party of Prime Minister Tom Blake"
			}
		}
	}
	words := 0
	for k := p; k < end; k++ {
		if d.toks[k].Is(text.Word) {
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
				country = d.matchCountry(m, k)
			}
			d.countries[d.matchCountry(m, k)]++
		}
		k += m.n
	}
	start, end := d.toks[p].Start, d.toks[j-1].End
	name := d.src[start:end]
	// "Russia's Foreign Ministry": the possessive country names it.
	if p > 0 && d.toks[p-1].Is(text.Possessive) && country == "" {
		if m := d.longest(p-1, p, false); m.n == 1 && m.e.kind == gkCountry {
			country = d.countryOf(m.e)
			if dem := d.x.base.demonymOf[country]; dem != "" {
				name = dem + " " + name
			}
		}
	}
	// "the Foreign Ministry in Khartoum": the capital names it.
	if country == "" && j+1 < len(d.toks) && d.is(j, "in") && d.in(text.GenericOrg, p) {
		if m := d.longest(j+1, len(d.toks), false); m.n > 0 && m.e.kind == gkPlace && m.e.country != "" {
			country = d.countryOf(m.e)
			if dem := d.x.base.demonymOf[country]; dem != "" {
				name = dem + " " + name
			}
		}
	}
	// "the U.S. Government", "the British Administration": a country's
	// government is the country (as "the British government" is), not an
	// organisation of its own; the country was counted above.
	if j-p >= 2 && (d.is(j-1, "government") || d.is(j-1, "administration")) {
		if m := d.longest(p, j-1, false); m.n == j-1-p && (m.e.kind == gkCountry || m.e.kind == gkDemonym) {
			d.countryMention(m.e, start, d.toks[j-2].End)
			return j
		}
	}
	id := Slug(name)
	if list, ok := d.x.gaz.entries[text.FoldName(name)]; ok && len(list) > 0 && list[0].kind == gkAlias {
		d.addMention(list[0], start, end, "")
		return j
	}
	de := d.entity(id, name, news.TypeOrg)
	if de.e.Country == "" {
		de.e.Country = country
	}
	d.mentionNoCount(de, start, end)
	return j
}

// houseOf reports whether token k is the "House" of a chamber named by
// "House of" and a capitalised word before j ("House of Representatives",
// "House of Commons", "House of Lords"), or the "Center" of a body named
// by "Center for" ("Center for American Progress", "Centers for Disease
// Control", "Centre for Economic Policy Research"). Alone, neither is an
// organisation word: "White House", "Opera House", "Rockefeller Center"
// are buildings.
func (d *doc) houseOf(k, j int) bool {
	if k+2 >= j || !d.toks[k+2].Is(text.Upper) {
		return false
	}
	if d.is(k+1, "of") {
		// "National Conference of State Legislatures", "Chamber of Commerce"
		return d.is(k, "house") || d.is(k, "conference") || d.is(k, "chamber")
	}
	return d.is(k+1, "for") && (d.is(k, "center") || d.is(k, "centre") || d.is(k, "centers") || d.is(k, "centres"))
}

// titleAfterOrg returns where a title opens, from k on, after the name of
// an organisation that "of" or "for" continues, when a name follows the
// title ("House of Representatives Speaker Nancy Pelosi", "University of
// Zenda Professor Tom Blake"), or 0.
func (d *doc) titleAfterOrg(k, j int) int {
	b := d.x.base
	for h := k + 1; h+1 < j; h++ {
		if !d.toks[h].Is(text.Word) || !d.toks[h].Is(text.Upper) || !d.in(b.titleHeads, h) || d.in(b.titleInner, h) {
			continue // "Affairs" of "Office of Immigrant Affairs" is no title alone
		}
		if !d.toks[h+1].Is(text.Word) || !d.toks[h+1].Is(text.Upper) || d.in(b.titleWords, h+1) || d.hasOrgWord(h+1, j) {
			return 0
		}
		for h-1 >= k && titleModifiers[d.fold(h-1)] {
			h-- // "Senate Majority Leader", "Managing Director": all of the title
		}
		return h
	}
	return 0
}

// titleModifiers open a title before its head ("Majority Leader",
// "Managing Director", "Deputy Governor"); other title words before a head
// may end an organisation's name ("Institute of International Finance").
var titleModifiers = map[string]bool{
	"majority": true, "minority": true, "deputy": true, "vice": true, "assistant": true, "acting": true,
	"executive": true, "chief": true, "prime": true, "senior": true, "associate": true, "managing": true, "presiding": true, "interim": true,
}
