// Attribution by cue: a speech verb and its subject after a quote or before it.

package quote

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
)

// afterCue parses the attribution after a closing mark: `"…," Kovač said`,
// `"…," said the minister`, `"…," according to X`, `"…" — Name (@handle)`.
//
// It is long because it is one forward scan over the cue forms after a
// quote, tried in an order that matters.
func (q *scanner) afterCue(g *seg, next int, buf []text.Token) (attribution, int, bool, []text.Token) {
	p := q.paras[g.para]
	hi := p.End
	if next < len(q.segs) && q.segs[next].para == g.para {
		hi = q.segs[next].open
	}
	lo := g.close + g.closeLen
	end := text.SentenceStop(q.body, lo, hi)
	// A quote that ends its own sentence ("…?" Kovač asked.) takes only an
	// attribution that ends the sentence too; otherwise the words after it
	// are a new sentence ("…." Kovač said the talks failed).
	closes := strings.ContainsRune(".!?", rune(q.body[g.ce-1]))
	if closes && end == hi && hi < p.End && !q.namedAfterPrep(next) {
		// The words run into the next quote: they introduce it, not this one
		// ("…." Kovač said on Friday "…"); but one after a preposition
		// is a name or a word the words hold ("…?" Kovač remarked,
		// alluding to the actor in "The Long Winter.").
		return attribution{}, end, false, buf
	}
	t := tokenize(q.body, lo, end, buf)
	i := 0
	dash := false
	for i < len(t) && (t[i].Raw == "," || t[i].Raw == "—" || t[i].Raw == "–" || t[i].Raw == "-") {
		dash = dash || t[i].Raw != ","
		i++
	}
	if sc, cue, ok := cueThenSubject(t, i); ok && (shortTail(t, sc.who.j, closes) || sc.who.j < len(t) && t[sc.who.j].Raw == ",") {
		return q.makeAttr(t, sc, cue, g.open), end, true, t
	}
	if i < len(t) && t[i].Lower == "as" {
		// `"ground to a halt" — as the Supreme Court decision put it —`,
		// `'…,'' as the host Steve Doocy said`: "as", the speaker and "put
		// it" or a cue verb, then nothing but a short tail.
		v := i + 2
		for v < len(t) && v-i <= 8 && t[v].Is(text.Word) && asPutIt(t, v) == v {
			v++ // the verb: a description's tail would take it in
		}
		if who, ok := parseNP(t, i+1); ok && who.kind != npHandle && v < len(t) && who.j >= v {
			who.j = v
			if k := asPutIt(t, v); k > v && (k == len(t) || t[k].Raw == "," || t[k].Raw == "—" || t[k].Raw == "–" || shortTail(t, k, closes)) {
				if a := q.makeAttr(t, subjCue{who: who, handle: -1, cue: v}, t[v].Lower, g.open); a.resolved || a.kind == npName {
					return a, end, true, t
				}
			}
		}
	}
	if m := phraseBeforeCue(t, i); m > i && !closes {
		// `''…,'' like the recent volatility of financial markets, said
		// Richard Curtin`: a phrase that goes on with the quotation, then
		// the inverted cue and a name.
		if sc, cue, ok := cueThenSubject(t, m); ok && cue != "according to" && sc.who.kind == npName && (shortTail(t, sc.who.j, closes) || sc.who.j < len(t) && t[sc.who.j].Raw == ",") {
			return q.makeAttr(t, sc, cue, g.open), end, true, t
		}
		// `"…" of the Clinton proposals, Mr. Holtz-Eakin said.`: the cue
		// after a name, ending the sentence. (Not after "he" or "she": the
		// pronoun of such a sentence too often goes to the wrong person.)
		if sc, ok := subjectThenCue(t, m); ok && (sc.who.kind == npName || placePhrase(t, i, m) && sc.who.kind == npPronoun && t[sc.who.i].Lower != "it") && !isPassive(t, sc.cue) && (endsSentence(t, sc.cue+1) || sc.who.kind == npPronoun && shortTail(t, sc.cue+1, true)) {
			// (and after "in", "on" or "at" and at most three more words,
			// `"…" in the legislature, he said in an interview.`)
			return q.makeAttr(t, sc, t[sc.cue].Lower, g.open), end, true, t
		}
	}
	for c := i; c < len(t) && c-i <= 16; c++ {
		x := t[c]
		if x.Is(text.QuoteMark) || !x.Is(text.Word) && x.Raw != "," && x.Raw != "(" && x.Raw != ")" && !abbrevPeriod(t, c) {
			break
		}
		// ""…," Trump went on, as if …": "went on" alone says he continued.
		on := x.Is(text.Word) && !x.Is(text.Capitalised) && wentOn(t, c)
		if !on && (!x.Is(text.Word) || x.Is(text.Capitalised) || !text.CueVerbs[x.Lower] || participleCue(x.Lower)) {
			continue
		}
		if isPassive(t, c) || calledFor(t, c) {
			// (`"…." Amnesty International has called for an inquiry.`:
			// a new sentence, no attribution.)
			break
		}
		cue, tail := x.Lower, c+1
		if on {
			cue, tail = x.Lower+" on", c+2
		}
		if sc, ok := subjectEndingAt(t, i, c); ok && (shortTail(t, tail, closes) || closes && q.asksOrExclaims(g) && questionTail(t, tail)) && allWords(t[i:sc.who.i]) && !(closes && postsThing(t, c)) && (!on || sc.who.kind == npName) {
			// (Not "he went on": the pronoun after a paragraph of quotation
			// too often goes to the wrong person.)
			return q.makeAttr(t, sc, cue, g.open), end, true, t
		}
		break
	}
	// `"…," the website quoted Ms. Simonyan, the editor, as saying`.
	for c := i; c+1 < len(t) && c-i <= 12; c++ {
		if t[c].Is(text.QuoteMark) || t[c].Raw == "." {
			break
		}
		if t[c].Lower != "quoted" || t[c].Is(text.Capitalised) {
			continue
		}
		if who, ok := parseNP(t, c+1); ok && (who.kind == npName || who.kind == npPronoun) {
			for k := who.j; k+1 < len(t) && k-who.j <= 12; k++ {
				if t[k].Lower == "as" && (t[k+1].Lower == "saying" || t[k+1].Lower == "telling") {
					return q.makeAttr(t, subjCue{who: who, handle: -1, cue: c}, "quoted", g.open), end, true, t
				}
			}
		}
		break
	}
	// `"…," Nate Silver, the polling guru who founded fivethirtyeight.com,
	// tweeted`: a name, a long appositive, then the cue.
	if who, ok := parseNP(t, i); ok && who.kind == npName && who.j < len(t) && t[who.j].Raw == "," {
		for c := who.j + 1; c < len(t) && c-who.j <= 25; c++ {
			x := t[c]
			if x.Is(text.QuoteMark) || x.Raw == "." || x.Raw == ";" {
				break
			}
			if x.Is(text.Word) && !x.Is(text.Capitalised) && text.CueVerbs[x.Lower] && !participleCue(x.Lower) {
				if !isPassive(t, c) && shortTail(t, c+1, closes) && !(closes && postsThing(t, c)) {
					return q.makeAttr(t, subjCue{who: who, handle: -1, cue: c}, x.Lower, g.open), end, true, t
				}
				break
			}
		}
	}
	// `"…!" the presumptive nominee, Donald Trump, tweeted Sunday after
	// …`: a description, the name in apposition to it, then the cue.
	if who, ok := parseNP(t, i); ok && who.kind == npDesc && who.j < len(t) && t[who.j].Raw == "," {
		if nm, ok := parseNP(t, who.j+1); ok && nm.kind == npName && nm.j+1 < len(t) && t[nm.j].Raw == "," {
			c := nm.j + 1
			if x := t[c]; x.Is(text.Word) && !x.Is(text.Capitalised) && text.CueVerbs[x.Lower] && !participleCue(x.Lower) &&
				!isPassive(t, c) && plainTail(t, c+1) && !(closes && postsThing(t, c)) {
				return q.makeAttr(t, subjCue{who: nm, handle: -1, cue: c}, x.Lower, g.open), end, true, t
			}
		}
	}
	// An embedded post: "…" — Name (@handle) date.
	if dash {
		if who, ok := parseNP(t, i); ok {
			if _, h := skipParen(t, who.j); h >= 0 {
				return q.makeAttr(t, subjCue{who: who, handle: h}, "posted", g.open), end, true, t
			}
		}
	}
	return attribution{}, end, false, t
}

// postsThing reports whether the cue at c has a thing for its object ("X
// posted a podcast", "X confirmed the plan"): after a quotation that ended
// its sentence, that is a new sentence of narrative, not the quote's
// attribution (`… "was a warm and gentle soul." Brady Haran, known for
// Numberphile, posted a podcast`).
func postsThing(t []text.Token, c int) bool {
	if takesObject(t, c) {
		return true
	}
	switch t[c].Lower {
	case "posted", "published", "released", "shared":
		return c+1 < len(t) && text.Determiners[t[c+1].Lower]
	}
	return false
}

// namedAfterPrep reports whether the quoted segment idx follows one of
// text.PostModPreps ("in "The Long Winter"", "instead of "boat""): the
// name of a work or a word, which no cue before it introduces.
func (q *scanner) namedAfterPrep(idx int) bool {
	g := &q.segs[idx]
	before := strings.TrimRight(q.body[q.paras[g.para].Start:g.open], " ")
	w := strings.ToLower(before[strings.LastIndexAny(before, " \n")+1:])
	return text.PostModPreps[w]
}

// shortTail reports whether t[k:] may follow an attribution: anything when
// the quote did not end its sentence, else a few words of time, place or
// manner ("in a statement on Friday").
func shortTail(t []text.Token, k int, closes bool) bool {
	if !closes {
		return true
	}
	n := 0
	rest := t[min(k, len(t)):]
	for i, x := range rest {
		if x.Raw == "," && i+1 < len(rest) && rest[i+1].Is(text.Word) && !rest[i+1].Is(text.Capitalised) && len(rest[i+1].Lower) > 4 && strings.HasSuffix(rest[i+1].Lower, "ing") {
			break // "…!" X wrote, adding that …: a clause of its own
		}
		if x.Is(text.Word) && (x.Lower == "that" || !x.Is(text.Capitalised) && text.CueVerbs[x.Lower]) {
			return false
		}
		if x.Raw != "." && x.Raw != "!" && x.Raw != "?" {
			n++
		}
	}
	return n <= 8
}

// plainTail reports whether the tokens from k on, to the sentence's end,
// are at most 16 and hold no "that" and no cue verb: when and where the
// words were said, no clause of their own.
func plainTail(t []text.Token, k int) bool {
	rest := t[min(k, len(t)):]
	if len(rest) > 16 {
		return false
	}
	for _, x := range rest {
		if x.Is(text.QuoteMark) || x.Is(text.Word) && (x.Lower == "that" || !x.Is(text.Capitalised) && text.CueVerbs[x.Lower]) {
			return false
		}
	}
	return true
}

// endsSentence reports whether only a full stop, or nothing, follows
// token k.
func endsSentence(t []text.Token, k int) bool {
	return k == len(t) || k == len(t)-1 && t[k].Raw == "."
}

// maxPhraseBeforeCue is the most words of a phrase between a quotation and
// its inverted cue.
const maxPhraseBeforeCue = 10

// phraseBeforeCue returns the token after the comma that ends a short
// phrase at i, opening with a lower-case word and holding no cue verb
// ("like the recent volatility of financial markets,"), or i when there is
// none.
func phraseBeforeCue(t []text.Token, i int) int {
	if i >= len(t) || !t[i].Is(text.Word) || t[i].Is(text.Capitalised) || text.SubjectPronouns[t[i].Lower] != "" || text.Determiners[t[i].Lower] {
		return i
	}
	for k := i; k < len(t) && k-i <= maxPhraseBeforeCue; k++ {
		x := t[k]
		if x.Raw == "," {
			return k + 1
		}
		if !x.Is(text.Word) || text.CueVerbs[x.Lower] || x.Lower == "that" {
			return i
		}
	}
	return i
}

// placePhrase reports whether tokens [i,m) are "in", "on" or "at", one to
// three words and a comma: where the quotation's words apply.
func placePhrase(t []text.Token, i, m int) bool {
	if m-i < 3 || m-i > 5 || t[m-1].Raw != "," {
		return false
	}
	switch t[i].Lower {
	case "in", "on", "at":
	default:
		return false
	}
	return allWords(t[i+1 : m-1])
}

// allWords reports whether ts are all words (a title before a name).
func allWords(ts []text.Token) bool {
	for _, x := range ts {
		if !x.Is(text.Word) {
			return false
		}
	}
	return true
}
