package extract

import (
	"testing"

	"github.com/readout/readout/internal/ingest"
)

func TestZZScratch(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	bodies := []string{
		"According to Pavel Holm, a detective for the Kent Sheriff's office was given material to build a case. Holm stated,\n\n\"Daniel was picked up by an investigator in a black car. Instead of a hotel, he was taken to an office tower.\n\n\"He was left in an office for hours.\"",
		"The prosecutor spoke for an hour, and in the words of the Crown prosecutor, Daniel Okafor, \"the child spent most of her last months in pain.\"",
		"Marta Lind noted that yields fell. As Lind told the Oslo Post, surface ozone has dropped by a quarter since 1990. \"Despite more traffic, ozone has declined across the country over three decades.\"",
	}
	for _, b := range bodies {
		ann := x.Extract(ingest.Article{ID: "x", Body: b})
		t.Logf("%s", b[:40])
		for _, q := range ann.Quotes {
			t.Logf("   %s %q → %q (%q) cue=%q", q.Kind, q.Text[:min(30, len(q.Text))], q.SpeakerName, q.SpeakerAsWritten, q.Cue)
		}
	}
}
