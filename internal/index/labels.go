package index

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/news"
)

// Labels maps facet values back to display names: entity ids to canonical
// names, country codes to country names. Sources, languages and authors are
// their own labels. It also resolves what a user types ("Blinken", "antony
// blinken", "Ukraine") to facet values. Safe for concurrent use.
//
// One value may be written several ways ("Democratic Party" and
// "Democratic party", "WEST BERLIN" in a dateline and "West Berlin"): the
// table counts each spelling and labels the value with the best one
// (spelling.better), whatever the order the spellings came in. A build
// adds articles in the order its extraction workers finish them, and a
// distributed build on several machines: both pick the same label, and
// the counts of several tables add up (MergeCounts).
type Labels struct {
	mu     sync.RWMutex
	fields map[string]map[string][]spelling // field -> value -> its spellings, the best first
}

// spelling is one way a value was written, and how many times.
type spelling struct {
	label string
	n     int32
}

// loadedWeight is the count given to a label read from a generation's
// labels.json: the build's choice stays the label unless an incremental
// change writes the value in a better case (not all capitals).
const loadedWeight = 1 << 30

// better reports whether a is the better label: one not all in capitals
// (the style of datelines and headlines, not the name's spelling), then
// the one written more often, then the smaller in byte order.
func (a spelling) better(b spelling) bool {
	if ca, cb := allCaps(a.label), allCaps(b.label); ca != cb {
		return cb
	}
	if a.n != b.n {
		return a.n > b.n
	}
	return a.label < b.label
}

// allCaps reports whether s has two letters or more and no lower-case one.
func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// NewLabels returns an empty label table.
func NewLabels() *Labels {
	return &Labels{fields: map[string]map[string][]spelling{}}
}

// Add records one writing of a facet value's label.
func (l *Labels) Add(field, value, label string) {
	l.add(field, value, label, 1)
}

func (l *Labels) add(field, value, label string, n int32) {
	if value == "" {
		return
	}
	if label == "" {
		label = value
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	m := l.fields[field]
	if m == nil {
		m = map[string][]spelling{}
		l.fields[field] = m
	}
	sp := m[value]
	i := 0
	for i < len(sp) && sp[i].label != label {
		i++
	}
	if i == len(sp) {
		sp = append(sp, spelling{label: label})
	}
	sp[i].n = min(sp[i].n+n, loadedWeight) // a loaded label stays one
	// keep the best first: only the one counted can have overtaken it
	if i > 0 && sp[i].better(sp[0]) {
		sp[0], sp[i] = sp[i], sp[0]
	}
	m[value] = sp
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
	if sp, ok := l.fields[field][value]; ok {
		return sp[0].label
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
	for v, sp := range m {
		ls := extract.Slug(sp[0].label)
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

// MarshalJSON writes the table as {"field": {"value": "label"}}, each
// value with its best label.
func (l *Labels) MarshalJSON() ([]byte, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make(map[string]map[string]string, len(l.fields))
	for f, m := range l.fields {
		o := make(map[string]string, len(m))
		for v, sp := range m {
			o[v] = sp[0].label
		}
		out[f] = o
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (l *Labels) UnmarshalJSON(b []byte) error {
	m := map[string]map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	fields := make(map[string]map[string][]spelling, len(m))
	for f, vals := range m {
		o := make(map[string][]spelling, len(vals))
		for v, label := range vals {
			o[v] = []spelling{{label: label, n: loadedWeight}}
		}
		fields[f] = o
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fields = fields
	return nil
}

// Counts returns every spelling of every value with how many times it was
// added: {"field": {"value": {"label": n}}}.
func (l *Labels) Counts() map[string]map[string]map[string]int32 {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make(map[string]map[string]map[string]int32, len(l.fields))
	for f, m := range l.fields {
		o := make(map[string]map[string]int32, len(m))
		for v, sp := range m {
			c := make(map[string]int32, len(sp))
			for _, s := range sp {
				c[s.label] = s.n
			}
			o[v] = c
		}
		out[f] = o
	}
	return out
}

// MergeCounts adds counts as Counts returns them: a table built from
// several parts of a corpus, each part's counts merged, labels every value
// as one table built from the whole corpus would.
func (l *Labels) MergeCounts(counts map[string]map[string]map[string]int32) {
	for f, m := range counts {
		for v, c := range m {
			for label, n := range c {
				l.add(f, v, label, n)
			}
		}
	}
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
