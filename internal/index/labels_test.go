package index

import (
	"encoding/json"
	"math/rand/v2"
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

func TestLabelSpellings(t *testing.T) {
	tests := []struct {
		name  string
		adds  []string
		label string
	}{
		{"one spelling", []string{"Kenya"}, "Kenya"},
		{"the most written", []string{"Democratic party", "Democratic Party", "Democratic Party"}, "Democratic Party"},
		{"capitals lose to any other case", []string{"WEST BERLIN", "WEST BERLIN", "WEST BERLIN", "West Berlin"}, "West Berlin"},
		{"an acronym in capitals only", []string{"ISTAT", "ISTAT"}, "ISTAT"},
		{"a tie: the smaller in byte order", []string{"Fox News", "FOX News"}, "FOX News"},
		{"a typo written once", []string{"New YOrk STock Exchange", "New York Stock Exchange", "New York Stock Exchange"}, "New York Stock Exchange"},
		{"one letter is not capitals", []string{"X", "x"}, "X"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// every order of the same additions gives the same label
			for seed := range uint64(20) {
				adds := append([]string(nil), tc.adds...)
				rand.New(rand.NewPCG(seed, 1)).Shuffle(len(adds), func(i, j int) { adds[i], adds[j] = adds[j], adds[i] })
				l := NewLabels()
				for _, a := range adds {
					l.Add(FieldOrg, "v", a)
				}
				if got := l.Label(FieldOrg, "v"); got != tc.label {
					t.Fatalf("added %q: label %q, want %q", adds, got, tc.label)
				}
			}
		})
	}
}

// Tables of parts of a corpus, their counts merged, label every value as
// the table of the whole.
func TestLabelsMergeCounts(t *testing.T) {
	spellings := []string{"Association of South East Asian Nations", "Association of South-East Asian Nations", "ASSOCIATION OF SOUTH EAST ASIAN NATIONS", "Association of South-east Asian Nations"}
	r := rand.New(rand.NewPCG(7, 7))
	whole := NewLabels()
	parts := []*Labels{NewLabels(), NewLabels(), NewLabels()}
	for i := range 500 {
		value := []string{"asean", "un", "eu"}[i%3]
		label := spellings[r.IntN(len(spellings))]
		whole.Add(FieldOrg, value, label)
		parts[r.IntN(len(parts))].Add(FieldOrg, value, label)
	}
	merged := NewLabels()
	for _, p := range parts {
		// through JSON, as a distributed build's parts travel
		b, err := json.Marshal(p.Counts())
		if err != nil {
			t.Fatal(err)
		}
		var c map[string]map[string]map[string]int32
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		merged.MergeCounts(c)
	}
	wb, _ := json.Marshal(whole)
	mb, _ := json.Marshal(merged)
	if string(wb) != string(mb) {
		t.Fatalf("merged labels\n%s\nwant\n%s", mb, wb)
	}
}

// A generation's labels.json holds each value's best label; read back, it
// stays the label unless a change writes the value in a better case.
func TestLabelsLoaded(t *testing.T) {
	l := NewLabels()
	l.Add(FieldPlace, "west-berlin", "West Berlin")
	l.Add(FieldPlace, "columbus", "COLUMBUS")
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	back := NewLabels()
	if err := json.Unmarshal(b, back); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		back.Add(FieldPlace, "west-berlin", "West berlin")
	}
	back.Add(FieldPlace, "columbus", "Columbus")
	if got := back.Label(FieldPlace, "west-berlin"); got != "West Berlin" {
		t.Errorf("loaded label replaced by %q", got)
	}
	if got := back.Label(FieldPlace, "columbus"); got != "Columbus" {
		t.Errorf("loaded label in capitals kept over %q", got)
	}
}
