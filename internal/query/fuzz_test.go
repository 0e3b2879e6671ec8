package query

import (
	"errors"
	"testing"
)

// FuzzParse checks that Parse never panics, that errors are *SyntaxError
// with a position inside the input, that every tree prints in a form that
// parses to the same print, and that ToBleve accepts every tree whose
// fields are known.
func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	f.Add(`(AND "de escalation" (OR speaker:antony-blinken speaker:anna-kovac) -word)`)
	f.Add("title:(-war OR peace*) body:Zelensky~2 -(a b) \u201cx\u201d")
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q): error %T %v; want *SyntaxError", s, err, err)
			}
			if se.Pos < 0 || se.Pos > len(s) {
				t.Fatalf("Parse(%q): error position %d outside [0, %d]", s, se.Pos, len(s))
			}
			return
		}
		checkRoundTrip(t, s, n)
		_ = Terms(n)
		if _, err := ToBleve(n, ArticleFields()); err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("ToBleve(%q): %v", s, err)
			}
		}
	})
}
