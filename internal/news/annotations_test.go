package news

import (
	"slices"
	"testing"
)

func TestQuoteScare(t *testing.T) {
	tests := []struct {
		text, kind string
		want       bool
	}{
		{"rigged", KindDirect, true},
		{"pragmatic dialogue", KindDirect, true},
		{"don't panic", KindDirect, true},     // an apostrophe inside a word
		{"al-Assad's men", KindDirect, true},  // a hyphen inside a word
		{"not this year", KindDirect, false},  // three words
		{"U.S. interests", KindDirect, false}, // "U", "S", "interests"
		{"rigged", KindIndirect, false},       // reported speech is never a scare quote
		{"", KindDirect, true},                // no words at all
		{"We will not retreat", KindDirect, false},
		{"2024 elections", KindDirect, true},
	}
	for _, tt := range tests {
		if got := (Quote{Text: tt.text, Kind: tt.kind}).Scare(); got != tt.want {
			t.Errorf("Quote{%q, %s}.Scare() = %v, want %v", tt.text, tt.kind, got, tt.want)
		}
	}
}

func TestSpeakerKinds(t *testing.T) {
	a := Annotations{
		Entities: []Entity{{ID: "anna-kovac", Type: TypePerson}, {ID: "croatian-foreign-ministry", Type: TypeOrg}, {ID: "united-states", Type: TypePlace}},
		Quotes: []Quote{
			{SpeakerID: "anna-kovac"}, {SpeakerID: "croatian-foreign-ministry"}, {SpeakerID: "united-states"},
			{}, {SpeakerID: "not-an-entity"},
		},
	}
	want := []string{SpeakerPerson, SpeakerOrganization, SpeakerCountry, "", ""}
	if got := a.SpeakerKinds(); !slices.Equal(got, want) {
		t.Errorf("SpeakerKinds() = %q, want %q", got, want)
	}
	if got := (Annotations{}).SpeakerKinds(); got != nil {
		t.Errorf("no quotes: %q", got)
	}
}

func TestSpeakerCountries(t *testing.T) {
	a := Annotations{
		Entities: []Entity{{ID: "anna-kovac", Type: TypePerson, Country: "HR"}, {ID: "united-states", Type: TypePlace, Country: "US"}, {ID: "marko-horvat", Type: TypePerson}},
		Quotes:   []Quote{{SpeakerID: "anna-kovac"}, {SpeakerID: "united-states"}, {SpeakerID: "marko-horvat"}, {}, {SpeakerID: "gone"}},
	}
	if got, want := a.SpeakerCountries(), []string{"HR", "US", "", "", ""}; !slices.Equal(got, want) {
		t.Errorf("SpeakerCountries() = %q, want %q", got, want)
	}
}
