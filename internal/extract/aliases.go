package extract

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/readout/readout/internal/news"
	"gopkg.in/yaml.v3"
)

// Alias is one entry of an alias table: an entity with its canonical name
// and the other ways articles write it. Users extend the embedded default
// table through configuration (YAML, a list of these).
type Alias struct {
	Name    string   `yaml:"name" json:"name"`                           // canonical name
	Type    string   `yaml:"type" json:"type"`                           // TypePerson, TypeOrg or TypePlace
	Aliases []string `yaml:"aliases,omitempty" json:"aliases,omitempty"` // other spellings, acronyms, @handles
	Country string   `yaml:"country,omitempty" json:"country,omitempty"` // ISO 3166-1 alpha-2; empty for international bodies
	Role    string   `yaml:"role,omitempty" json:"role,omitempty"`       // e.g. "Foreign Minister"
	Gender  string   `yaml:"gender,omitempty" json:"gender,omitempty"`   // "m", "f" or empty; helps resolve he/she
	// Active is the span of years the entity is in the news under these
	// names, "1965-1992", "2000-" or "-1999"; empty: always. An article
	// dated outside it does not resolve the names to this entry, so that
	// "Stoltenberg" in 1987 is not the NATO chief of 2014.
	Active string `yaml:"active,omitempty" json:"active,omitempty"`
	// RoleYears are the years the person held Role, "2017-2021, 2025-":
	// spans as in Active, separated by commas. An article dated outside
	// them gets no role from the table (the text may still give one), so
	// that a 2015 article does not call a candidate "President"; empty:
	// the role holds in every article.
	RoleYears string `yaml:"role_years,omitempty" json:"role_years,omitempty"`
}

// yearSpan is a span of years, both ends inclusive (0: open).
type yearSpan struct{ from, to int }

// has reports whether year falls in s.
func (s yearSpan) has(year int) bool {
	return (s.from == 0 || year >= s.from) && (s.to == 0 || year <= s.to)
}

// roleSpans parses RoleYears (nil when empty).
func (a Alias) roleSpans() ([]yearSpan, error) {
	s := strings.TrimSpace(a.RoleYears)
	if s == "" {
		return nil, nil
	}
	var out []yearSpan
	for _, part := range strings.Split(s, ",") {
		from, to, err := parseYears(part)
		if err != nil {
			return nil, fmt.Errorf("role_years %q: %w", a.RoleYears, err)
		}
		out = append(out, yearSpan{from, to})
	}
	return out, nil
}

// years parses Active into its first and last year (0: open).
func (a Alias) years() (from, to int, err error) {
	if strings.TrimSpace(a.Active) == "" {
		return 0, 0, nil
	}
	from, to, err = parseYears(a.Active)
	if err != nil {
		return 0, 0, fmt.Errorf("active %q: %w", a.Active, err)
	}
	return from, to, nil
}

// parseYears parses one span of years: "1965-1992", "2000-" or "-1999".
func parseYears(s string) (from, to int, err error) {
	f, t, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return 0, 0, errors.New("want FROM-TO, FROM- or -TO in years")
	}
	year := func(v string) (int, error) {
		v = strings.TrimSpace(v)
		if v == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 || n > 9999 {
			return 0, fmt.Errorf("%q is not a year", v)
		}
		return n, nil
	}
	if from, err = year(f); err != nil {
		return 0, 0, err
	}
	if to, err = year(t); err != nil {
		return 0, 0, err
	}
	if from == 0 && to == 0 {
		return 0, 0, errors.New("give a year")
	}
	if to != 0 && from > to {
		return 0, 0, errors.New("ends before it starts")
	}
	return from, to, nil
}

// LoadAliases reads an alias table: a YAML list of entries
// {name, type, aliases, country, role, role_years, gender, active}. name names the source in
// errors (a file name), which also name the entry (its number and line).
func LoadAliases(r io.Reader, name string) ([]Alias, error) {
	b, err := loadBase()
	if err != nil {
		return nil, err
	}
	return loadAliases(r, name, b.knownCountry)
}

// loadAliases is LoadAliases with the test of country codes given.
func loadAliases(r io.Reader, name string, known func(string) bool) ([]Alias, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	list := doc.Content[0]
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: alias table must be a list of entries", name, list.Line)
	}
	out := make([]Alias, 0, len(list.Content))
	for i, n := range list.Content {
		var a Alias
		if n.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s:%d: entry %d: must be a mapping with name and type", name, n.Line, i+1)
		}
		if err := checkKeys(n); err != nil {
			return nil, fmt.Errorf("%s:%d: entry %d: %w", name, n.Line, i+1, err)
		}
		if err := n.Decode(&a); err != nil {
			return nil, fmt.Errorf("%s:%d: entry %d: %w", name, n.Line, i+1, err)
		}
		if err := a.normalize(known); err != nil {
			return nil, fmt.Errorf("%s:%d: entry %d (%q): %w", name, n.Line, i+1, a.Name, err)
		}
		out = append(out, a)
	}
	return out, nil
}

var aliasKeys = map[string]bool{"name": true, "type": true, "aliases": true, "country": true, "role": true, "role_years": true, "gender": true, "active": true}

func checkKeys(n *yaml.Node) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i].Value; !aliasKeys[k] {
			return fmt.Errorf("unknown field %q", k)
		}
	}
	return nil
}

// normalize trims and validates an entry in place.
func (a *Alias) normalize(known func(string) bool) error {
	a.Name = strings.TrimSpace(a.Name)
	if a.Name == "" {
		return errors.New("name is empty")
	}
	if Slug(a.Name) == "" {
		return fmt.Errorf("name %q has no letters or digits", a.Name)
	}
	a.Type = strings.ToLower(strings.TrimSpace(a.Type))
	switch a.Type {
	case news.TypePerson, news.TypeOrg, news.TypePlace:
	case "organization", "organisation":
		a.Type = news.TypeOrg
	case "":
		return errors.New("type is empty (want person, org or place)")
	default:
		return fmt.Errorf("type %q unknown (want person, org or place)", a.Type)
	}
	a.Country = strings.ToUpper(strings.TrimSpace(a.Country))
	if a.Country != "" {
		if !known(a.Country) {
			return fmt.Errorf("country %q is not an ISO 3166-1 alpha-2 code", a.Country)
		}
	}
	a.Role = strings.TrimSpace(a.Role)
	a.Gender = strings.ToLower(strings.TrimSpace(a.Gender))
	switch a.Gender {
	case "", "m", "f":
	case "male":
		a.Gender = "m"
	case "female":
		a.Gender = "f"
	default:
		return fmt.Errorf("gender %q unknown (want m or f)", a.Gender)
	}
	a.Active = strings.TrimSpace(a.Active)
	if _, _, err := a.years(); err != nil {
		return err
	}
	a.RoleYears = strings.TrimSpace(a.RoleYears)
	if a.RoleYears != "" && a.Role == "" {
		return fmt.Errorf("role_years %q: no role", a.RoleYears)
	}
	if _, err := a.roleSpans(); err != nil {
		return err
	}
	al := a.Aliases[:0]
	for j, s := range a.Aliases {
		s = strings.TrimSpace(s)
		if s == "" {
			return fmt.Errorf("alias %d is empty", j+1)
		}
		if s[0] == '@' && len(s) == 1 {
			return fmt.Errorf("alias %d: handle %q has no name", j+1, s)
		}
		al = append(al, s)
	}
	a.Aliases = al
	return nil
}
