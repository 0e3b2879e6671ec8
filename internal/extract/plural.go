// A capitalised plural after a quantifier: a group, no person.

package extract

import "github.com/readout/readout/internal/extract/text"

// groupQuantifiers before a capitalised plural make it a group of people
// ("many more Latinos said", "some Democrats say"), no person's name.
var groupQuantifiers = map[string]bool{
	"many": true, "more": true, "most": true, "some": true, "other": true, "several": true,
	"few": true, "all": true, "both": true, "these": true, "those": true, "fellow": true,
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "dozens": true, "hundreds": true, "thousands": true,
}

// afterQuantifier reports whether token p follows a lower-case group
// quantifier ("many more Latinos said"): speechCue takes a one-word plural
// there for a group, as at the start of a sentence.
func (d *doc) afterQuantifier(p int) bool {
	return p > 0 && !d.toks[p-1].Is(text.Upper) && groupQuantifiers[d.fold(p-1)]
}
