// A spokesperson of a person, named again as "the spokesman".

package quote

import (
	"strings"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// spokesReach is how many bytes before a quotation the article is read
// for the spokesperson that "the spokesman" names again.
const spokesReach = 3000

// personsSpokes reports whether the spokesperson last introduced before
// byte offset before, skipping definite mentions of one ("the
// spokesman"), is a person's: "Kovač's spokeswoman said …. "…," the
// spokeswoman said" speaks for a person the article does not name as
// speaker, not for the organisation mentioned last (descEntity leaves it
// unresolved, as "Kovač's spokeswoman" itself). "A council spokeswoman",
// "a spokeswoman for the council" and "the ministry's spokeswoman" are no
// person's.
func (q *scanner) personsSpokes(before int) bool {
	lo := max(0, before-spokesReach)
	for hi := before; hi > lo; {
		k := strings.LastIndex(q.body[lo:hi], "spokes")
		if k < 0 {
			return false
		}
		k += lo
		hi = k
		// The word before it, on a few bytes only (no tokenizing of the
		// whole reach).
		from := max(lo, k-60)
		for from < k && !utf8.RuneStart(q.body[from]) {
			from++
		}
		t := tokenize(q.body, from, min(before, k+len("spokesperson")), nil)
		n := len(t)
		for n > 0 && t[n-1].Start > k {
			n--
		}
		if n < 2 || t[n-1].Start != k || !text.Spokes[t[n-1].Lower] {
			continue
		}
		p := t[n-2]
		if text.Definite[p.Lower] {
			continue // "the spokesman" again
		}
		if !p.Is(text.Word) || !isPossessive(p.Raw) {
			return false
		}
		if p.Is(text.Capitalised) {
			e, ok := q.r.EntityAt(p.Start, p.Start+len(possessor(p.Raw)))
			return ok && e != nil && e.Type == news.TypePerson
		}
		w := possessor(p.Lower) // "the prime minister's spokesman"
		return text.RoleWords[w] || text.PersonTitles[w]
	}
	return false
}

// orgNamedBy returns the organisation mentioned at the speaker phrase sp
// whose name ends with the phrase's head word hw, the last word (last):
// "the Clinton campaign" where the article names a "Clinton campaign".
// (Role words such as "campaign" otherwise send a description to
// ResolveDescription, which knows no such name.)
func (q *scanner) orgNamedBy(sp text.Range, hw string, last bool) (*news.Entity, bool) {
	if !last {
		return nil, false
	}
	e, ok := q.r.EntityAt(sp.Start, sp.End)
	if !ok || e == nil || e.Type != news.TypeOrg || !strings.HasSuffix(strings.ToLower(e.Name), " "+hw) {
		return nil, false
	}
	return e, true
}
