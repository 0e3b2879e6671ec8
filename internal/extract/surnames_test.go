package extract

import (
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestAliasSurnames checks mergeAliasSurnames: a surname written alone goes
// to the article's person named in full with it, not to the known person
// of the alias table the article never names.
func TestAliasSurnames(t *testing.T) {
	x, err := New(Options{Aliases: append(testAliases[:len(testAliases):len(testAliases)],
		Alias{Name: "Tomas Lindqvist", Type: news.TypePerson, Country: "SE", Role: "Prime Minister", Aliases: []string{"Lindqvist", "Lindquist"}})})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, body, want string
	}{
		{"the article's person named in full, an alias spelling of the known person", "Harbour councillor Marta Lindquist opened the session on Monday.\n\n\"We will reopen the port in May,\" Lindquist said.", "marta-lindquist"},
		{"the known person named in full stays", "Tomas Lindqvist met the harbour council. Councillor Marta Lindquist was there too.\n\n\"We will reopen the port in May,\" Lindquist said.", "tomas-lindqvist"},
		{"the known person's own surname stays the known person's", "Harbour councillor Marta Lindqvist opened the session on Monday.\n\n\"We will reopen the port in May,\" Lindqvist said.", "tomas-lindqvist"},
		{"no other person of that surname: the known person", "The harbour council met on Monday.\n\n\"We will reopen the port in May,\" Lindqvist said.", "tomas-lindqvist"},
		{"two people of that surname in the article: unchanged", "Harbour councillors Marta Lindquist and Jon Lindquist opened the session.\n\n\"We will reopen the port in May,\" Lindquist said.", "tomas-lindqvist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDirectSpeaker(t, x, tt.body, tt.want)
		})
	}
}
