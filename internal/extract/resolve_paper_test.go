package extract

import (
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestDescriptionOfNewspaper checks that "the newspaper", "the paper" and
// "the editorial board" are the newspaper named last, not the organisation
// named last (ext19 round).
func TestDescriptionOfNewspaper(t *testing.T) {
	x := newTestExtractor(t)
	id := func(e *news.Entity, ok bool) string {
		if !ok || e == nil {
			return ""
		}
		return e.ID
	}
	for _, tt := range []struct{ body, desc, want string }{
		{"The Washington Post said that Host Marine Corp would close. Later it closed.", "the newspaper", "washington-post"},
		{"The Washington Post said that Host Marine Corp would close. Later it closed.", "the paper", "washington-post"},
		{"The Washington Post said that Host Marine Corp would close. Later it closed.", "the editorial board", "washington-post"},
		// No newspaper named: "the newspaper" is the organisation named
		// last, as before; "the paper" nobody, as before.
		{"Host Marine Corp said it would close. Later it closed.", "the newspaper", "host-marine-corp"},
		{"Host Marine Corp said it would close. Later it closed.", "the paper", ""},
	} {
		d := &doc{x: x, ents: map[string]*docEntity{}, countries: map[string]int{}}
		d.run(fieldBody, tt.body)
		d.resolvePending()
		d.resolveDescriptions(tt.body)
		_, ctx := d.finish(tt.body)
		if got := id(ctx.ResolveDescription(tt.desc, strings.Index(tt.body, "Later"))); got != tt.want {
			t.Errorf("%q: ResolveDescription(%q) = %q, want %q", tt.body, tt.desc, got, tt.want)
		}
	}
}
