package extract

import (
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestDescriptionOfPersonNoOrg checks that a description ending with a noun
// of a person ("the president", "the CNN host") never resolves to an
// organisation, even one whose name holds that noun (ext19 round).
func TestDescriptionOfPersonNoOrg(t *testing.T) {
	x := newTestExtractor(t)
	body := "President Anna Kovač spoke in Zagreb on Monday. " +
		"Presidents Club Corp and Host Marine Corp issued a note on the talks. " +
		"Later the talks ended."
	d := &doc{x: x, ents: map[string]*docEntity{}, countries: map[string]int{}}
	d.run(fieldBody, body)
	d.resolvePending()
	d.resolveDescriptions(body)
	_, ctx := d.finish(body)
	before := strings.Index(body, "Later")
	id := func(e *news.Entity, ok bool) string {
		if !ok || e == nil {
			return ""
		}
		return e.ID
	}
	for _, tt := range []struct{ desc, want string }{
		{"the president", "anna-kovac"},
		{"the Croatian president", "anna-kovac"},
		{"the host", ""},
		{"the company", "host-marine-corp"}, // no person noun: the organisation as before
	} {
		if got := id(ctx.ResolveDescription(tt.desc, before)); got != tt.want {
			t.Errorf("ResolveDescription(%q) = %q, want %q", tt.desc, got, tt.want)
		}
	}
}
