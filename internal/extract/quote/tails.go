// The words after the cue of a quotation that ends with a question or an exclamation.

package quote

import "github.com/readout/readout/internal/extract/text"

// maxQuestionTail is the most words after the cue of a quotation ending
// with "?" or "!" that questionTail accepts before a subordinate clause.
const maxQuestionTail = 16

// tailSubordinators open a subordinate clause after an attribution ("…
// told ITV in an interview when asked how …"): questionTail stops there.
var tailSubordinators = map[string]bool{
	"when": true, "while": true, "as": true, "after": true, "before": true, "if": true, "because": true,
}

// questionTail reports whether t[k:], the words after the cue of a
// quotation that ends with a question or exclamation mark ("…?" Kovač told
// Norway's NRK television in an interview aired on Monday), are the rest of
// its attribution rather than a sentence of reported speech of their own:
// a preposition or a capitalised object first (not "said the talks had
// failed"), then at most maxQuestionTail words before a subordinate
// clause, with no "that" and no other cue. A quotation ending with a full
// stop keeps shortTail's few words: the words after it more often open a
// new sentence ("…." Kovač said the talks had failed).
func questionTail(t []text.Token, k int) bool {
	rest := t[min(k, len(t)):]
	if len(rest) == 0 || rest[0].Raw == "." {
		return true
	}
	x := rest[0]
	if _, pronoun := text.SubjectPronouns[x.Lower]; !x.Is(text.Word) || !text.BridgePreps[x.Lower] && (!x.Is(text.Capitalised) || text.FunctionWords[x.Lower] || pronoun) {
		return false
	}
	n := 0
	for _, x := range rest {
		if x.Is(text.Word) && tailSubordinators[x.Lower] {
			break
		}
		if x.Is(text.QuoteMark) || x.Is(text.Word) && (x.Lower == "that" || !x.Is(text.Capitalised) && text.CueVerbs[x.Lower]) {
			return false
		}
		if x.Raw != "." {
			n++
		}
	}
	return n <= maxQuestionTail
}

// asksOrExclaims reports whether the quotation g ends with a question or
// an exclamation mark.
func (q *scanner) asksOrExclaims(g *seg) bool {
	c := q.body[g.ce-1]
	return c == '?' || c == '!'
}
