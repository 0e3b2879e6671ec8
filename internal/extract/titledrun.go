// A title with a connector before a person's name, in one capitalised run.

package extract

import "github.com/readout/readout/internal/extract/text"

// titledName returns the first token of the name that ends the unknown
// capitalised run [p,r) when the run opens with a title word, holds a
// lower-case connector ("of", "for", "to") and ends with a known given name
// and one or two capitalised words: "Undersecretary for Political Affairs
// Wendy Sherman", "Chief of Staff Denis McDonough". The title with its
// connector is one phrase of title words, which runWords marks as a stop,
// so the run was read as no person.
func (d *doc) titledName(p, r int) (int, bool) {
	b := d.x.base
	if !d.in(b.titleWords, p) {
		return 0, false
	}
	connector := false
	for k := p + 1; k < r-1; k++ {
		x := d.toks[k]
		if !x.Is(text.Word) {
			return 0, false
		}
		if !x.Is(text.Upper) {
			connector = connector || d.is(k, "of") || d.is(k, "for") || d.is(k, "to")
			continue
		}
		if !connector || r-k < 2 || r-k > 3 || !d.toks[k-1].Is(text.Upper) {
			continue
		}
		if _, given := b.givenNames[d.fold(k)]; !given || d.in(b.titleWords, k) {
			continue
		}
		for m := k + 1; m < r; m++ {
			if !d.toks[m].Is(text.Word) || !d.toks[m].Is(text.Upper) || d.in(b.titleWords, m) {
				return 0, false
			}
		}
		return k, true
	}
	return 0, false
}
