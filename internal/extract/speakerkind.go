package extract

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// Country speakers. A country speaks through its government, and an
// article names that speaker in several ways: "the United States said",
// "the U.S. said", "Washington said". countrySpeakers makes all of them one
// speaker, the country's own entity (id and name of its display name, type
// place), so that the speaker facet counts one "United States" and the
// speaker filter finds every such quote; news.Annotations.SpeakerKind then
// calls it a country speaker. A country is named by any of the gazetteer's
// country names (alternative spellings and acronyms included) or by its
// capital. A seat of government ("the Kremlin", "the White House") stays
// the organisation it is.

// capitalShortForms are capitals as news names them when they speak
// ("Washington said"), where countries.tsv gives a longer name.
var capitalShortForms = map[string]string{"washington": "US"}

// speakerCountry returns the code of the country a speaker's name stands
// for ("U.S.", "United States", "Washington"; "Moscow" in 1987 is the
// Soviet Union), or "".
func (d *doc) speakerCountry(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	key := gazKey(name)
	if code := d.countryByKey(key, name); code != "" {
		return code
	}
	if code, ok := d.x.base.capitals[key]; ok {
		return d.countryOf(&gazEntry{country: code})
	}
	if code, ok := capitalShortForms[key]; ok {
		return d.countryOf(&gazEntry{country: code})
	}
	return ""
}

// countryGovernment returns the code of the country whose government name
// is ("U.S. Government", "British Administration", "the Japan
// Government"), or "".
func (d *doc) countryGovernment(name string) string {
	ws := strings.Fields(strings.TrimSpace(name))
	if len(ws) > 0 && (ws[0] == "the" || ws[0] == "The") {
		ws = ws[1:]
	}
	if len(ws) < 2 {
		return ""
	}
	if h := foldToken(ws[len(ws)-1]); h != "government" && h != "administration" {
		return ""
	}
	country := strings.Join(ws[:len(ws)-1], " ")
	if code := d.countryNamed(country); code != "" {
		return code
	}
	if c, ok := d.x.base.demonyms[foldToken(country)]; ok && len(ws) == 2 {
		return d.countryOf(&gazEntry{country: c})
	}
	return ""
}

// countryNamed returns the code of the country name is one of the names
// of (not a capital: "the Seoul government" may be the city's), or "".
func (d *doc) countryNamed(name string) string { return d.countryByKey(gazKey(name), name) }

// countryByKey is countryNamed for the gazetteer key of name.
func (d *doc) countryByKey(key, name string) string {
	for _, e := range d.x.gaz.entries[key] {
		if e.kind == gkCountry && (e.exact == "" || e.exact == name) {
			return d.countryOf(e)
		}
	}
	return ""
}

// countrySpeakers re-points every quote whose speaker names a country to
// that country's entity, adding it to ents when the article has none, and
// drops the organisations the speaker stage made of a country's name ("U.S."
// as an organisation) when they speak for that country alone. People are
// never country speakers ("Chad said").
func (d *doc) countrySpeakers(body string, quotes []news.Quote, ents []news.Entity) []news.Entity {
	at := make(map[string]int, len(ents))
	for i, e := range ents {
		at[e.ID] = i
	}
	replaced := map[string]bool{}
	added := false
	for i := range quotes {
		q := &quotes[i]
		if q.SpeakerID == "" {
			// "the government said", "The Burundian government statement
			// said": the country whose government that is.
			if code, m, ok := d.governmentCountry(body, q); ok {
				ents = d.countrySpeaker(q, code, m, ents, at)
				added = true
			}
			continue
		}
		k, ok := at[q.SpeakerID]
		if !ok {
			continue
		}
		e := ents[k]
		if e.Type == news.TypePerson {
			continue // "Chad said", "Victoria said": a person of that name
		}
		code := d.speakerCountry(e.Name)
		if code == "" {
			continue
		}
		name, ok := CountryName(code)
		if !ok {
			continue
		}
		id := Slug(name)
		if id == e.ID {
			continue // the country's own entity already
		}
		_, have := at[id]
		if !have && len(e.Mentions) == 0 {
			continue // nothing to anchor the country's entity on
		}
		q.SpeakerID, q.SpeakerName = id, name
		if e.Type != news.TypePlace {
			replaced[e.ID] = true // an organisation made of the country's name
		}
		if have {
			continue
		}
		// The country's entity is mentioned where the name it spoke under
		// is: the organisation made of that name goes below, a capital
		// stays the place it also is.
		ms := append([]news.Mention{}, e.Mentions...)
		ents = append(ents, news.Entity{ID: id, Name: name, Type: news.TypePlace, Country: code, Count: len(ms), Mentions: ms})
		at[id] = len(ents) - 1
		added = true
	}
	if len(replaced) > 0 {
		// An organisation made of a country's name that still speaks
		// elsewhere in the article is kept.
		for _, q := range quotes {
			delete(replaced, q.SpeakerID)
		}
		out := ents[:0]
		for _, e := range ents {
			if !replaced[e.ID] {
				out = append(out, e)
			}
		}
		ents = out
	}
	if added || len(replaced) > 0 {
		sortEntities(ents)
	}
	return ents
}

// countrySpeaker gives q to the country of code, adding the country's
// entity, mentioned at m, when ents has none; at indexes ents by id.
func (d *doc) countrySpeaker(q *news.Quote, code string, m news.Mention, ents []news.Entity, at map[string]int) []news.Entity {
	name, ok := CountryName(code)
	if !ok {
		return ents
	}
	id := Slug(name)
	q.SpeakerID, q.SpeakerName = id, name
	if k, have := at[id]; have {
		if ents[k].Type != news.TypePlace {
			q.SpeakerID, q.SpeakerName = "", "" // an organisation or a person of that name: not the country
		}
		return ents
	}
	ents = append(ents, news.Entity{ID: id, Name: name, Type: news.TypePlace, Country: code, Count: 1, Mentions: []news.Mention{m}})
	at[id] = len(ents) - 1
	return ents
}

// governmentCountry returns the country of an unattributed speaker written
// as a government, a definite description whose head is "government",
// alone or before a document (text.DescStrip: "the government statement"):
// the country its words name ("the Burundian government", "the Norway
// government"), or else the country of the latest government the article
// names before the quotation ("the government of Burundi", "Burundi's
// government", "the Burundian government"). m is the mention of the
// country's name the code comes from.
func (d *doc) governmentCountry(body string, q *news.Quote) (code string, m news.Mention, ok bool) {
	if !strings.Contains(q.SpeakerAsWritten, "overnment") && !strings.Contains(q.SpeakerAsWritten, "dministration") {
		return "", m, false
	}
	words := text.FoldWords(q.SpeakerAsWritten)
	if len(words) < 2 || words[0] != "the" {
		return "", m, false
	}
	words = words[1:]
	if text.DescStrip[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	// "The U.S. Government", "the British Administration": the country
	// the words name, found at its mention near the quotation below.
	named := d.countryGovernment(q.SpeakerAsWritten)
	if len(words) == 0 || words[len(words)-1] != "government" && named == "" || len(words) > 3 {
		return "", m, false
	}
	toks := d.toks // run(body) came last: the body's tokens
	if d.src != body {
		toks = text.Tokenize(body, 0, len(body), text.NameRules, nil)
	}
	if len(words) > 1 {
		// The country in the description: its mention nearest the quotation.
		for i := range toks {
			if toks[i].Lower != words[len(words)-1] || toks[i].Start < q.Start-300 || toks[i].Start > q.End+300 {
				continue
			}
			if c, mm, ok := d.governmentOf(body, toks, i); ok && (foldToken(mm.Text) == strings.Join(words[:len(words)-1], " ") || c == named) {
				return c, mm, true
			}
		}
		return "", m, false
	}
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].Start >= q.Start || toks[i].Lower != "government" {
			continue
		}
		if c, mm, ok := d.governmentOf(body, toks, i); ok {
			return c, mm, true
		}
	}
	return "", m, false
}

// governmentOf returns the country whose government the word "government"
// at toks[i] is, when the words around it name it: "government of X",
// "X's government", "X government" or "the <demonym> government".
func (d *doc) governmentOf(body string, toks []text.Token, i int) (string, news.Mention, bool) {
	mention := func(a, b int) news.Mention {
		return news.Mention{Field: fieldBody, Start: a, End: b, Text: body[a:b]}
	}
	if i+2 < len(toks) && toks[i+1].Lower == "of" {
		// "the government of Burundi", "the government of the United States".
		j := i + 2
		if toks[j].Lower == "the" && j+1 < len(toks) {
			j++
		}
		for n := min(len(toks)-j, 4); n >= 1; n-- {
			a, b := toks[j].Start, toks[j+n-1].End
			if !toks[j+n-1].Is(text.Capitalised) {
				continue
			}
			if c := d.countryNamed(body[a:b]); c != "" {
				return c, mention(a, b), true
			}
		}
	}
	for n := 1; n <= 3 && i-n >= 0; n++ {
		// "Burundi's government", "the Burundian government", "the United States government".
		a, b := toks[i-n].Start, toks[i-1].End
		if !toks[i-n].Is(text.Capitalised) {
			break
		}
		name := strings.TrimSuffix(strings.TrimSuffix(body[a:b], "'s"), "’s")
		if c := d.countryNamed(name); c != "" {
			return c, mention(a, a+len(name)), true
		}
		if n == 1 {
			if c, ok := d.x.base.demonyms[foldToken(name)]; ok {
				return d.countryOf(&gazEntry{country: c}), mention(a, b), true
			}
		}
	}
	return "", news.Mention{}, false
}
