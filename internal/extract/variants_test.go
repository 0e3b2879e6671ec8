package extract

import (
	"slices"
	"testing"

	"github.com/readout/readout/internal/news"
)

func TestEntityIDs(t *testing.T) {
	tests := []struct {
		name, typ string
		want      string // an id among the result; "" for none
	}{
		{"Kiev", news.TypePlace, "kyiv"},
		{"Kyiv", news.TypePlace, "kyiv"},
		{"kiev", "", "kyiv"},
		{"Peking", news.TypePlace, "beijing"},
		{"Bombay", news.TypePlace, "mumbai"},
		{"Burma", news.TypePlace, "myanmar"},
		{"Kiev", news.TypePerson, ""},
		{"Zeppelinium", "", ""},
	}
	for _, tt := range tests {
		got := EntityIDs(tt.name, tt.typ)
		if tt.want == "" && len(got) != 0 || tt.want != "" && !slices.Contains(got, tt.want) {
			t.Errorf("EntityIDs(%q, %q) = %q, want %q", tt.name, tt.typ, got, tt.want)
		}
	}
}

func TestNameVariants(t *testing.T) {
	tests := []struct {
		name    string
		want    []string // among the variants
		notWant []string
	}{
		{"Kiev", []string{"kyiv"}, []string{"kiev"}},
		{"Kyiv", []string{"kiev"}, nil},
		{"Burma", []string{"myanmar"}, nil},
		{"Myanmar", []string{"burma"}, nil},
		{"Bombay", []string{"mumbai"}, nil},
		{"Peking", []string{"beijing"}, nil},
		{"Turkey", []string{"turkiye"}, nil},
		{"Türkiye", []string{"turkey"}, nil},
		{"Britain", []string{"united kingdom", "great britain"}, nil},
		{"Iran", []string{"persia"}, []string{"islamic republic of iran"}},
		{"Russia", nil, []string{"russian federation"}},
		{"United States", nil, []string{"america", "united states of america"}},
		{"talks", nil, nil},
	}
	for _, tt := range tests {
		got := NameVariants(tt.name)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("NameVariants(%q) = %q, want %q among them", tt.name, got, w)
			}
		}
		for _, w := range tt.notWant {
			if slices.Contains(got, w) {
				t.Errorf("NameVariants(%q) = %q holds %q", tt.name, got, w)
			}
		}
		if tt.want == nil && tt.notWant == nil && got != nil {
			t.Errorf("NameVariants(%q) = %q, want none", tt.name, got)
		}
		if len(got) > maxVariants {
			t.Errorf("NameVariants(%q): %d variants", tt.name, len(got))
		}
	}
}
