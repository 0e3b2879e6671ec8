package extract

// Countries as places, for output that lists every named place: the
// entity recogniser counts a country in Annotations.Countries (the index's
// country facet) and makes it a place entity only when it speaks.

import (
	"slices"

	"github.com/readout/readout/internal/news"
)

// countryMentionOf is a mention of a country's name, with the country it
// names (its historical state in an article of that state's years).
type countryMentionOf struct {
	code string
	news.Mention
}

// ExtractWithCountryPlaces is Extract with every country the article names
// also among the entities as a place entity (its Country the code), with
// the offsets of its names in the title and body: what `indexer extract`
// prints, so that a country reads as the place it is ("Ukraine" is a place
// to a reader, as to annotated corpora such as GUM). A country that speaks
// is a place entity already; it gains the mentions of its names it lacked.
// Demonyms ("Ukrainian") are counted in Countries but are no mention of a
// place.
func (x *Extractor) ExtractWithCountryPlaces(a news.Article) news.Annotations {
	var cms []countryMentionOf
	ann := x.extract(a, &cms)
	return withCountryPlaces(ann, cms)
}

// withCountryPlaces adds the mentions cms to ann's entities as places.
func withCountryPlaces(ann news.Annotations, cms []countryMentionOf) news.Annotations {
	if len(cms) == 0 {
		return ann
	}
	at := make(map[string]int, len(ann.Entities))
	for i, e := range ann.Entities {
		at[e.ID] = i
	}
	ents := slices.Clone(ann.Entities)
	gained := map[int]bool{}
	for _, cm := range cms {
		name, ok := CountryName(cm.code)
		if !ok {
			continue
		}
		id := Slug(name)
		k, have := at[id]
		if !have {
			ents = append(ents, news.Entity{ID: id, Name: name, Type: news.TypePlace, Country: cm.code})
			k = len(ents) - 1
			at[id] = k
		}
		e := &ents[k]
		if e.Type != news.TypePlace || slices.ContainsFunc(e.Mentions, func(m news.Mention) bool {
			return m.Field == cm.Field && m.Start == cm.Start
		}) {
			continue // an organisation or a person of that name; or this mention already
		}
		e.Mentions = append(e.Mentions, cm.Mention)
		e.Count++
		gained[k] = true
	}
	for i := range gained {
		slices.SortStableFunc(ents[i].Mentions, func(a, b news.Mention) int {
			if a.Field != b.Field {
				if a.Field == fieldTitle {
					return -1
				}
				return 1
			}
			return a.Start - b.Start
		})
	}
	sortEntities(ents)
	ann.Entities = ents
	return ann
}
