package index

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/news"
)

// Labels maps facet values back to display names: entity ids to canonical
// names, country codes to country names. Sources, languages and authors are
// their own labels. It also resolves what a user types ("Blinken", "antony
// blinken", "Ukraine") to facet values. Safe for concurrent use.
type Labels struct {
	mu     sync.RWMutex
	fields map[string]map[string]string // field -> value -> label
}

// NewLabels returns an empty label table.
func NewLabels() *Labels {
	return &Labels{fields: map[string]map[string]string{}}
}

// Add records the label of a facet value.
func (l *Labels) Add(field, value, label string) {
	if value == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	m := l.fields[field]
	if m == nil {
		m = map[string]string{}
		l.fields[field] = m
	}
	if label == "" {
		label = value
	}
	m[value] = label
}

// AddAnnotations records the labels of everything an article mentions.
func (l *Labels) AddAnnotations(ann news.Annotations) {
	for _, e := range ann.Entities {
		if f := entityField(e.Type); f != "" {
			l.Add(f, e.ID, e.Name)
		}
	}
	for _, c := range ann.Countries {
		l.Add(FieldCountry, c.Code, c.Name)
	}
	for _, q := range ann.Quotes {
		if q.SpeakerID != "" {
			l.Add(FieldSpeaker, q.SpeakerID, q.SpeakerName)
		}
	}
	for _, c := range ann.SpeakerCountries() {
		if c != "" {
			name, _ := extract.CountryName(c)
			l.Add(FieldSpeakerCountry, c, name)
		}
	}
}

// Label returns the display name of a facet value (the value itself when
// unknown).
func (l *Labels) Label(field, value string) string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if s, ok := l.fields[field][value]; ok {
		return s
	}
	if field == FieldCountry || field == FieldSpeakerCountry {
		if name, ok := extract.CountryName(value); ok {
			return name
		}
	}
	return value
}

// Count returns how many distinct values a field has labels for.
func (l *Labels) Count(field string) int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.fields[field])
}

// Resolve maps what a user typed to facet values of field: an exact value,
// a value whose slug matches, a label equal to it (case- and
// accent-insensitive), or — for people and speakers — a surname that matches.
// Country codes match case-insensitively, and a country's names, aliases,
// demonyms and former codes resolve to its code (extract.CountryCodes:
// "USSR", "Soviet Union" and "Soviet" are SU); and a person, organisation or
// place by any other name the gazetteer knows for it (extract.EntityIDs:
// "Kiev" is kyiv, "Peking" beijing). When nothing matches, the value is
// returned as typed, so the filter simply matches nothing.
func (l *Labels) Resolve(field, typed string) []string {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return nil
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	m := l.fields[field]
	if _, ok := m[typed]; ok {
		return []string{typed}
	}
	if field == FieldCountry || field == FieldSpeakerCountry {
		// Any name, alias, demonym or code of a country, historical states
		// included ("USSR", "Soviet Union", "su", "Burma", "uk").
		if codes := extract.CountryCodes(typed); len(codes) > 0 {
			return codes
		}
		if up := strings.ToUpper(typed); len(up) == 2 {
			return []string{up}
		}
	}
	key := extract.Slug(typed)
	if key == "" {
		return []string{typed}
	}
	if _, ok := m[key]; ok {
		return []string{key}
	}
	var exact, surname []string
	for v, label := range m {
		ls := extract.Slug(label)
		switch {
		case ls == key || strings.EqualFold(v, typed):
			exact = append(exact, v)
		case (field == FieldPerson || field == FieldSpeaker) && strings.HasSuffix(ls, "-"+key):
			surname = append(surname, v)
		}
	}
	out := exact
	if len(out) == 0 {
		out = surname
	}
	if len(out) == 0 {
		// Another name the gazetteer knows for an entity of the field:
		// place=Kiev is the place kyiv, org=… an alias-table acronym.
		if typ, ok := entityTypes[field]; ok {
			for _, id := range extract.EntityIDs(typed, typ) {
				if _, ok := m[id]; ok {
					out = append(out, id)
				}
			}
		}
	}
	if len(out) == 0 {
		return []string{typed}
	}
	sort.Strings(out)
	return out
}

// MarshalJSON writes the table as {"field": {"value": "label"}}.
func (l *Labels) MarshalJSON() ([]byte, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return json.Marshal(l.fields)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (l *Labels) UnmarshalJSON(b []byte) error {
	m := map[string]map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fields = m
	return nil
}

func readLabels(path string) (*Labels, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read labels: %w", err)
	}
	l := NewLabels()
	if err := json.Unmarshal(b, l); err != nil {
		return nil, fmt.Errorf("parse labels %s: %w", path, err)
	}
	return l, nil
}

// entityTypes are the fields whose values are entity ids, with the
// entity type ("" for speakers, who are of any).
var entityTypes = map[string]string{
	FieldPerson: news.TypePerson, FieldOrg: news.TypeOrg, FieldPlace: news.TypePlace, FieldSpeaker: "",
}
