package schema

import (
	"slices"
	"testing"
)

// TestSpellings fixes every field name the API and the query language
// accept, with the index field it maps to: dropping a spelling fails here.
func TestSpellings(t *testing.T) {
	tests := []struct {
		spelling, name, index string
		facet, query          bool
	}{
		{"speaker", "speaker", "speaker", true, true},
		{"speaker_kind", "speaker_kind", "speaker_kind", true, true},
		{"speaker_country", "speaker_country", "speaker_country", true, true},
		{"person", "person", "person", true, true},
		{"org", "org", "org", true, true},
		{"place", "place", "place", true, true},
		{"country", "country", "country", true, true},
		{"source", "source", "source", true, true},
		{"lang", "lang", "language", true, true},
		{"language", "lang", "language", true, true},
		{"authors", "authors", "authors", true, true},
		{"author", "authors", "authors", true, true},
		{"title", "title", "title", false, true},
		{"body", "body", "body", false, true},
		{"text", "text", "text", false, true},
		{"quote", "text", "text", false, true},
		{"cue", "cue", "cue", false, true},
		{"kind", "kind", "kind", false, true},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		f, ok := Lookup(tt.spelling)
		if !ok {
			t.Errorf("Lookup(%q): not found", tt.spelling)
			continue
		}
		seen[tt.spelling] = true
		if f.Name != tt.name || f.Index != tt.index || f.Facet != tt.facet || f.Filter != tt.facet || f.Query != tt.query {
			t.Errorf("Lookup(%q) = name %q index %q facet %v filter %v query %v, want %q %q %v %v %v",
				tt.spelling, f.Name, f.Index, f.Facet, f.Filter, f.Query, tt.name, tt.index, tt.facet, tt.facet, tt.query)
		}
		if got := Canonical(tt.spelling); got != tt.name {
			t.Errorf("Canonical(%q) = %q, want %q", tt.spelling, got, tt.name)
		}
	}
	// And no more: a new spelling is added to this table on purpose.
	for _, f := range Fields {
		for _, s := range f.Spellings() {
			if !seen[s] {
				t.Errorf("spelling %q of %s is not in this test's table", s, f.Index)
			}
		}
	}
	for _, name := range []string{"", "published", "date_day", "type", "url", "Lang", "languages"} {
		if f, ok := Lookup(name); ok {
			t.Errorf("Lookup(%q) = %+v, want not found", name, f)
		}
		if got := Canonical(name); got != name {
			t.Errorf("Canonical(%q) = %q, want it unchanged", name, got)
		}
	}
}

// TestFields checks that the rows of the table make sense together.
func TestFields(t *testing.T) {
	spellings := map[string]string{}
	indexes := map[string]bool{}
	for _, f := range Fields {
		if indexes[f.Index] || f.Index == "" {
			t.Errorf("index field %q empty or in two rows", f.Index)
		}
		indexes[f.Index] = true
		for _, s := range f.Spellings() {
			if prev, ok := spellings[s]; ok {
				t.Errorf("spelling %q names both %s and %s", s, prev, f.Index)
			}
			spellings[s] = f.Index
		}
		if f.Type < Text || f.Type > Date || f.Type.String() == "invalid" {
			t.Errorf("%s: invalid type %d", f.Index, f.Type)
		}
		if f.Indexed|f.Stored == 0 || (f.Indexed|f.Stored)&^Both != 0 {
			t.Errorf("%s: in no document type, or an unknown one", f.Index)
		}
		if (f.Query || f.Facet || f.Filter || len(f.Aliases) > 0) && f.Name == "" {
			t.Errorf("%s: used by the API or q but has no name", f.Index)
		}
		if f.Name != "" && !f.Query && !f.Facet && !f.Filter {
			t.Errorf("%s: named %q but neither a facet, a filter nor a field of q", f.Index, f.Name)
		}
		if f.Query && f.Indexed == 0 {
			t.Errorf("%s: a field of q that nothing indexes", f.Index)
		}
		if f.Facet != f.Filter {
			t.Errorf("%s: facet %v but filter %v: the API selects a facet's values with its filter", f.Index, f.Facet, f.Filter)
		}
		if f.Facet && (f.Type != Keyword || !f.DocValues || f.Indexed != Both) {
			t.Errorf("%s: a facet must be a keyword with doc values on articles and quotes", f.Index)
		}
		if f.Joined && (!f.Facet || f.Indexed != Both || f.Stored&Quotes != 0) {
			t.Errorf("%s: a joined field must be a facet of both types, stored on no quote", f.Index)
		}
		if f.DefaultFacet && !f.Facet {
			t.Errorf("%s: a default facet that is not a facet", f.Index)
		}
		if f.DocValues && f.Type != Keyword && f.Type != Date {
			t.Errorf("%s: doc values on a %s field", f.Index, f.Type)
		}
	}
	// The display order of the API's filters.
	var filters []string
	for _, f := range Select(func(f Field) bool { return f.Filter }) {
		filters = append(filters, f.Name)
	}
	if want := []string{"speaker", "speaker_kind", "speaker_country", "person", "org", "place", "country", "source", "lang", "authors"}; !slices.Equal(filters, want) {
		t.Errorf("filters = %v, want %v", filters, want)
	}
}

// TestJoined fixes the fields quote documents leave to their article: the
// article's entities, countries and authors, not its date, source or
// language (which quote searches sort and filter on for every hit) nor the
// quote's own speaker.
func TestJoined(t *testing.T) {
	want := []string{"person", "org", "place", "country", "authors"}
	if got := JoinedIndexFields(); !slices.Equal(got, want) {
		t.Errorf("JoinedIndexFields() = %v, want %v", got, want)
	}
}

func TestDocsHas(t *testing.T) {
	tests := []struct {
		d, e Docs
		want bool
	}{
		{Both, Articles, true}, {Both, Quotes, true}, {Both, Both, true},
		{Articles, Quotes, false}, {Articles, Both, false}, {Quotes, Quotes, true},
		{Both, 0, false}, {0, Articles, false},
	}
	for _, tt := range tests {
		if got := tt.d.Has(tt.e); got != tt.want {
			t.Errorf("%b.Has(%b) = %v, want %v", tt.d, tt.e, got, tt.want)
		}
	}
}
