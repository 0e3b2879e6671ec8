package extract

import (
	"strings"

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
	for _, e := range d.x.gaz.entries[key] {
		if e.kind == gkCountry && (e.exact == "" || e.exact == name) {
			return d.countryOf(e)
		}
	}
	if code, ok := d.x.base.capitals[key]; ok {
		return d.countryOf(&gazEntry{country: code})
	}
	if code, ok := capitalShortForms[key]; ok {
		return d.countryOf(&gazEntry{country: code})
	}
	return ""
}

// countrySpeakers re-points every quote whose speaker names a country to
// that country's entity, adding it to ents when the article has none, and
// drops the organisations the speaker stage made of a country's name ("U.S."
// as an organisation) when they speak for that country alone. People are
// never country speakers ("Chad said").
func (d *doc) countrySpeakers(quotes []news.Quote, ents []news.Entity) []news.Entity {
	at := make(map[string]int, len(ents))
	for i, e := range ents {
		at[e.ID] = i
	}
	replaced := map[string]bool{}
	added := false
	for i := range quotes {
		q := &quotes[i]
		k, ok := at[q.SpeakerID]
		if q.SpeakerID == "" || !ok {
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
