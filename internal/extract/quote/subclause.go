// A partial quotation inside a subordinate clause with a subject of its own.

package quote

import (
	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// clauseSubordinators open an adverbial clause inside reported speech
// ("Trump said he was unlikely to … because the British prime minister cast
// him as "…"").
// Temporal ones ("since Reagan took office", "when Warren railed …,") too
// often end before the quotation or modify a noun.
var clauseSubordinators = map[string]bool{"because": true}

// clauseSubject returns the attribution of a quotation embedded after the
// cue at token c (t are its sentence's tokens before the opening mark) to
// the subject of a subordinate clause between the cue and the quotation,
// when that subject is a definite description or a name of a person or an
// organisation followed directly by its verb, and no cue verb and no
// comma comes after it: the clause's subject says the quoted words, not the reporting
// sentence's ("Berg said he left because the minister called the plan "a
// disaster for the harbour""). A clause whose subject is nobody ("because
// the harbour was closed") keeps the reporting sentence's speaker.
func (q *scanner) clauseSubject(t []text.Token, c, quoteAt int) (attribution, bool) {
	for s := len(t) - 1; s > c; s-- {
		x := t[s]
		if x.Raw == "," || x.Raw == ";" || x.Raw == ":" || x.Raw == "—" || x.Is(text.QuoteMark) {
			return attribution{}, false // the clause ended before the quotation
		}
		if !x.Is(text.Word) || x.Is(text.Capitalised) || !clauseSubordinators[x.Lower] {
			if x.Is(text.Word) && !x.Is(text.Capitalised) && text.CueVerbs[x.Lower] {
				return attribution{}, false // a cue of its own after the clause opens
			}
			continue
		}
		who, ok := parseNP(t, s+1)
		if !ok || who.kind == npPronoun || who.kind == npHandle || who.j >= len(t) {
			return attribution{}, false
		}
		if who.kind == npDesc && !text.Definite[t[who.i].Lower] {
			return attribution{}, false
		}
		if who.kind == npDesc {
			// "the British prime minister cast …": the description ends
			// at its first head noun followed by a lower-case word.
			for m := who.i + 2; m < who.j; m++ {
				if h := t[m-1].Lower; (text.DescriptorNoun(h) || text.RoleWords[h] || text.OrgHeads[h]) && t[m].Is(text.Word) && !t[m].Is(text.Capitalised) && !text.DescriptorNoun(t[m].Lower) && !text.RoleWords[t[m].Lower] {
					who.j = m
					break
				}
			}
		}
		v := t[who.j]
		if !v.Is(text.Word) || v.Is(text.Capitalised) || text.FunctionWords[v.Lower] || text.BeForms[v.Lower] || text.PassiveAux[v.Lower] {
			return attribution{}, false
		}
		a := q.makeAttr(t, subjCue{who: who, handle: -1, cue: who.j}, v.Lower, quoteAt)
		if !a.resolved || a.ent.Type != news.TypePerson && a.ent.Type != news.TypeOrg {
			return attribution{}, false
		}
		return a, true
	}
	return attribution{}, false
}
