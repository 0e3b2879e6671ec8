package search

import (
	"testing"

	"github.com/readout/readout/internal/query"
)

func TestWithVariants(t *testing.T) {
	tests := []struct{ q, want string }{
		{"Kiev", "(OR Kiev kyiv)"},
		{"Kiev talks", "(AND (OR Kiev kyiv) talks)"},
		{"talks in Burma", "(AND talks in (OR Burma myanmar))"},
		{"Great Britain trade", `(AND (OR "Great Britain" britain "united kingdom") trade)`},
		{`"Kiev talks"`, `"Kiev talks"`},               // quoted: as typed
		{"place:Kiev", "place:Kiev"},                   // a field value: as typed
		{"Kie*", "Kie*"},                               // a prefix: as typed
		{"-Kiev talks", "(AND -(OR Kiev kyiv) talks)"}, // excluded with its variants
		{"Kiev OR Odesa", "(OR (OR Kiev kyiv) (OR Odesa odessa))"},
		{"ceasefire talks", "(AND ceasefire talks)"},
	}
	for _, tt := range tests {
		n, err := query.Parse(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := withVariants(n).String(); got != tt.want {
			t.Errorf("withVariants(%s) = %s, want %s", tt.q, got, tt.want)
		}
	}
}
