package extract

import (
	"slices"
	"strings"
	"sync"

	"github.com/readout/readout/internal/news"
)

// Names as a user types them: the ids of the entities a name stands for
// (filters: place=Kiev is the place kyiv), and the other names of the same
// places, countries and alias-table entities (queries: Kiev also finds
// Kyiv). Both read the base gazetteer: countries and their alternative
// spellings, curated places, cities and the bundled alias table.

// EntityIDs returns the ids of the people, organisations and places of
// type typ ("" for any) that name denotes in the gazetteer, in its order:
// "Kiev" and "Kyiv" are kyiv, "Peking" is beijing, "Turkey" is türkiye's
// id. Nil when the gazetteer does not know the name.
func EntityIDs(name, typ string) []string {
	b, err := loadBase()
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range b.gaz.entries[gazKey(strings.TrimSpace(name))] {
		if e.id == "" || e.typ == "" || typ != "" && e.typ != typ || e.exact != "" && e.exact != strings.TrimSpace(name) {
			continue
		}
		if !slices.Contains(out, e.id) {
			out = append(out, e.id)
		}
	}
	return out
}

// maxVariants bounds the names a query word expands to.
const maxVariants = 6

// NameVariants returns the other names, folded and lower-cased as the
// gazetteer keys them ("kyiv" for "Kiev"; "myanmar" for "Burma"), of the
// countries, places and alias-table entities that name denotes: at most
// maxVariants, only plain ones (plainVariant: no acronym, official long form
// or native script), without name itself. Nil when there are none.
func NameVariants(name string) []string {
	b, err := loadBase()
	if err != nil {
		return nil
	}
	key := gazKey(strings.TrimSpace(name))
	rev := variantKeys()
	var out []string
	for _, e := range b.gaz.entries[key] {
		if e.id == "" || e.exact != "" || e.kind != gkCountry && e.kind != gkPlace && e.kind != gkAlias || e.weak || e.town {
			continue
		}
		if e.kind == gkAlias && e.typ == news.TypePerson {
			continue // a person's names differ in how much they say, not in spelling
		}
		for _, k := range rev[e.kind][e.id] {
			if k != key && plainVariant(k) && !slices.Contains(out, k) && len(out) < maxVariants {
				out = append(out, k)
			}
		}
	}
	return out
}

// plainVariant reports whether a gazetteer key is a name worth searching
// as a variant: four letters or more, Latin letters and spaces only (no
// handle, no native script, no "Congo - Kinshasa"), at most three words,
// not an official long form ("Islamic Republic of Iran", "Russian
// Federation") and not a name that is also part of others ("America").
func plainVariant(k string) bool {
	if len(k) < 4 || strings.Count(k, " ") > 2 {
		return false
	}
	for _, r := range k {
		if r != ' ' && (r < 'a' || r > 'z') {
			return false
		}
	}
	for _, w := range strings.Fields(k) {
		switch w {
		case "republic", "federation", "of", "the", "democratic", "islamic", "federative", "socialist":
			return false
		}
	}
	return !ambiguousVariants[k]
}

// ambiguousVariants are names of a country that also name something larger.
var ambiguousVariants = map[string]bool{"america": true}

// variantKeys maps, per entry kind, an entity id to the gazetteer keys of
// its entries: every way the gazetteer spells it, folded.
var variantKeys = sync.OnceValue(func() map[gazKind]map[string][]string {
	m := map[gazKind]map[string][]string{}
	b, err := loadBase()
	if err != nil {
		return m
	}
	for k, list := range b.gaz.entries {
		for _, e := range list {
			if e.id == "" || e.exact != "" {
				continue
			}
			byID := m[e.kind]
			if byID == nil {
				byID = map[string][]string{}
				m[e.kind] = byID
			}
			if !slices.Contains(byID[e.id], k) {
				byID[e.id] = append(byID[e.id], k)
			}
		}
	}
	for _, byID := range m {
		for _, ks := range byID {
			slices.Sort(ks)
		}
	}
	return m
})
