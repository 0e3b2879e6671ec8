package index

import (
	"slices"
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestResolveCountry: a country filter takes codes of any case, labels,
// and every name, alias, demonym and former code the gazetteer has,
// historical states included.
func TestResolveCountry(t *testing.T) {
	l := NewLabels()
	l.AddAnnotations(news.Annotations{Countries: []news.Country{
		{Code: "SU", Name: "Soviet Union"}, {Code: "RU", Name: "Russia"}, {Code: "MM", Name: "Myanmar"},
		{Code: "DD", Name: "East Germany"}, {Code: "GB", Name: "United Kingdom"},
	}})
	tests := []struct {
		typed string
		want  []string
	}{
		{"SU", []string{"SU"}},
		{"su", []string{"SU"}},
		{"SUHH", []string{"SU"}},
		{"USSR", []string{"SU"}},
		{"U.S.S.R.", []string{"SU"}},
		{"Soviet Union", []string{"SU"}},
		{"soviet union", []string{"SU"}},
		{"soviet-union", []string{"SU"}},
		{"Soviet", []string{"SU"}},
		{"Russia", []string{"RU"}},
		{"Russian Federation", []string{"RU"}},
		{"Burma", []string{"MM"}},
		{"BU", []string{"MM"}},
		{"GDR", []string{"DD"}},
		{"East German", []string{"DD"}},
		{"Yugoslavia", []string{"YU"}}, // no article has it: matches nothing
		{"uk", []string{"GB"}},
		{"Britain", []string{"GB"}},
		{"xx", []string{"XX"}},
		{"Atlantis", []string{"Atlantis"}},
	}
	for _, tt := range tests {
		if got := l.Resolve(FieldCountry, tt.typed); !slices.Equal(got, tt.want) {
			t.Errorf("Resolve(country, %q) = %v, want %v", tt.typed, got, tt.want)
		}
	}
}

// TestResolveEntityNames: person, organisation, place and speaker filters
// take any other name the gazetteer knows for an entity of the generation.
func TestResolveEntityNames(t *testing.T) {
	l := NewLabels()
	l.AddAnnotations(news.Annotations{
		Entities: []news.Entity{
			{ID: "kyiv", Name: "Kyiv", Type: news.TypePlace}, {ID: "beijing", Name: "Beijing", Type: news.TypePlace},
			{ID: "myanmar", Name: "Myanmar", Type: news.TypePlace},
		},
		Quotes: []news.Quote{{SpeakerID: "myanmar", SpeakerName: "Myanmar"}},
	})
	tests := []struct {
		field, typed string
		want         []string
	}{
		{FieldPlace, "Kiev", []string{"kyiv"}},
		{FieldPlace, "kiev", []string{"kyiv"}},
		{FieldPlace, "Kyiv", []string{"kyiv"}},
		{FieldPlace, "Peking", []string{"beijing"}},
		{FieldPlace, "Bombay", []string{"Bombay"}}, // Mumbai is in no article: matches nothing
		{FieldSpeaker, "Burma", []string{"myanmar"}},
		{FieldPerson, "Kiev", []string{"Kiev"}}, // not a person
	}
	for _, tt := range tests {
		if got := l.Resolve(tt.field, tt.typed); !slices.Equal(got, tt.want) {
			t.Errorf("Resolve(%s, %q) = %v, want %v", tt.field, tt.typed, got, tt.want)
		}
	}
}
