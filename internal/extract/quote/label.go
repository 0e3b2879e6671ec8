// A quotation printed after its speaker's name and a colon, as in a transcript.

package quote

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// leadLabel attributes the quotation g when its paragraph opens with a
// speaker's name (titles before it, a parenthesis after it), a colon and
// the quotation, with no verb: `Rep. Tomas Berg (L-Oslo):"Who told you
// that?"` in an exchange printed as a transcript. The name must resolve to
// a person.
func (q *scanner) leadLabel(g *seg) (attribution, bool) {
	if g.startsPara || g.cont {
		return attribution{}, false
	}
	lo := q.paras[g.para].Start
	if g.open-lo > 120 {
		return attribution{}, false
	}
	if !strings.HasSuffix(strings.TrimRight(q.body[lo:g.open], " \t"), ":") {
		return attribution{}, false // (most quotations: nothing tokenized)
	}
	t := tokenize(q.body, lo, g.open, nil)
	n := len(t)
	if n < 3 || t[n-1].Raw != ":" {
		return attribution{}, false
	}
	n--
	if t[n-1].Raw == ")" {
		// "(R-S.C.)": the party and state after the name.
		k := n - 2
		for k > 0 && t[k].Raw != "(" && n-k <= 8 {
			k--
		}
		if k <= 0 || t[k].Raw != "(" {
			return attribution{}, false
		}
		n = k
	}
	if who, ok := parseNP(t[:n], 0); ok && who.kind == npName && who.j == n {
		if a := q.makeAttr(t[:n], subjCue{who: who, handle: -1, cue: -1}, "", g.open); a.resolved && a.ent.Type == news.TypePerson {
			return a, true
		}
	}
	// "Former secretary of state Hillary Rodham Clinton": lower-case
	// descriptors, then the name that ends the label.
	k := n
	for k > 0 && t[k-1].Is(text.Word) && t[k-1].Is(text.Capitalised) {
		k--
	}
	if k == 0 || k == n || k > 6 || !descriptorWords(t[:k]) {
		return attribution{}, false
	}
	who, ok := parseNP(t[:n], k)
	if !ok || who.kind != npName || who.j != n {
		return attribution{}, false
	}
	a := q.makeAttr(t[:n], subjCue{who: who, handle: -1, cue: -1}, "", g.open)
	if !a.resolved || a.ent.Type != news.TypePerson {
		return attribution{}, false
	}
	return a, true
}

// descriptorWords reports whether ts are words of a descriptor ("Former
// secretary of state"): no verb of saying, no determiner after the first
// word, no punctuation; a cue verb only after "of" ("secretary of state").
func descriptorWords(ts []text.Token) bool {
	for i, x := range ts {
		cue := text.CueVerbs[x.Lower] && (i == 0 || ts[i-1].Lower != "of") // ("secretary of state")
		if !x.Is(text.Word) || cue || i > 0 && text.Determiners[x.Lower] || text.BeForms[x.Lower] {
			return false
		}
	}
	return true
}
