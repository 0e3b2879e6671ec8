// Attribution by cue: a speech verb and its subject after a quote or before it.

package quote

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
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

// beforeCue parses the attribution before an opening mark: `Kovač said: "…"`,
// `according to X, "…"`, `X told reporters the talks were "…"`.
//
// It is long because it is one backward scan over the cue forms before a
// quote, tried in an order that matters (each branch is one form).
func (q *scanner) beforeCue(g *seg, idx int, buf []text.Token) (attribution, bool, bool, []text.Token) {
	t := q.sentenceBefore(g, idx, buf)
	inDash := false // inside a "— … —" aside, scanning backwards
	nDash := 0
	for _, x := range t {
		if x.Raw == "—" || x.Raw == "–" {
			nDash++
		}
	}
	for c := len(t) - 1; c >= 0 && len(t)-c <= maxEmbedDistance; c-- {
		x := t[c]
		if x.Is(text.QuoteMark) {
			break
		}
		if x.Raw == "—" || x.Raw == "–" {
			if inDash {
				inDash = false
			} else if nDash >= 2 {
				inDash = true
			}
			nDash--
			continue
		}
		if !x.Is(text.Word) || x.Is(text.Capitalised) && !inTheWordsOf(t, c) && (c > 0 || !text.CueVerbs[x.Lower] && x.Lower != "according") || inDash {
			continue // a capitalised cue only opening the sentence ("Said Lavrov: "…"")
		}
		if text.CueVerbs[x.Lower] && c+1 < len(t) && t[c+1].Lower == "by" && c > 0 && text.PassiveAux[t[c-1].Lower] {
			// "he was told by Emergencies Minister Yevgeny Zinichev of "…""
			if who, ok := parseNP(t, c+2); ok && who.kind == npName {
				return q.makeAttr(t, subjCue{who: who, handle: -1, cue: c}, x.Lower, g.open), true, true, t
			}
		}
		if inTheWordsOf(t, c) {
			// "in the words of the Crown prosecutor, Mark Tedeschi, "…"".
			if sc, cue, ok := cueThenSubject(t, c); ok {
				if a := q.makeAttr(t, sc, cue, g.open); a.resolved || a.kind == npName {
					return a, false, true, t
				}
			}
			continue
		}
		if x.Lower == "according" && c+1 < len(t) && t[c+1].Lower == "to" {
			sc, cue, ok := cueThenSubject(t, c)
			if ok {
				if a := q.makeAttr(t, sc, cue, g.open); a.resolved || !x.Is(text.Capitalised) || a.kind == npName {
					// "According to a statement released by …" opening the
					// sentence names nobody yet; later rules may.
					return a, sc.who.j < len(t)-2, true, t
				}
			}
			continue
		}
		if participleCue(x.Lower) || x.Lower == "describing" {
			// "…, with Zinichev describing the "…"": the participle's own
			// subject speaks.
			for k := c - 1; k >= 1 && c-k <= 4; k-- {
				if t[k-1].Lower != "with" {
					continue
				}
				if who, ok := parseNP(t, k); ok && who.j == c && who.kind != npHandle {
					return q.makeAttr(t, subjCue{who: who, handle: -1, cue: c}, x.Lower, g.open), !attachedBridge(t, c+1), true, t
				}
				break
			}
		}
		if text.CueVerbs[x.Lower] && !participleCue(x.Lower) && c >= 3 && t[c-1].Lower == "who" && t[c-2].Raw == "," {
			// "led by Mark Hay, a marine ecologist at GT, who said "…"":
			// the relative pronoun's antecedent speaks.
			if who, ok := relativeAntecedent(t, c-2); ok {
				return q.makeAttr(t, subjCue{who: who, handle: -1, cue: c}, x.Lower, g.open), !attachedBridge(t, c+1), true, t
			}
		}
		if text.CueVerbs[x.Lower] && !participleCue(x.Lower) && c >= 3 && t[c-1].Lower == "who" && t[c-2].Is(text.Capitalised) {
			// "drafted by Alex Greenwich who said on the floor, "…"": a
			// name right before the relative pronoun speaks.
			if who, ok := relativeAntecedent(t, c-1); ok && who.j == c-1 {
				return q.makeAttr(t, subjCue{who: who, handle: -1, cue: c}, x.Lower, g.open), !attachedBridge(t, c+1), true, t
			}
		}
		if !text.CueVerbs[x.Lower] || isPassive(t, c) {
			continue
		}
		if calledFor(t, c) && !callOnTo(t, c) {
			continue // "called for a "pragmatic dialogue"" is no speech
		}
		embed := !attachedBridge(t, c+1)
		if participleCue(x.Lower) || c > 0 && t[c-1].Lower == "and" {
			// "…, saying "…"", "X cited Article 5 and said "…"": the
			// sentence's subject speaks.
			if _, ok := subjectEndingAt(t, 0, c); !ok {
				if who, ok := sentenceSubject(t, 0, c); ok {
					return q.makeAttr(t, subjCue{who: who, handle: -1, cue: c}, x.Lower, g.open), embed, true, t
				}
				continue
			}
		}
		if sc, ok := subjectEndingAt(t, 0, c); ok {
			if a, ok := q.clauseSubject(t, c, g.open); ok && embed {
				return a, embed, true, t // `X said … because the minister called it "…"`
			}
			return q.makeAttr(t, sc, x.Lower, g.open), embed, true, t
		}
		// An inverted cue before the quote: `said Kovač: "…"`.
		if sc, cue, ok := cueThenSubject(t, c); ok && c == 0 && attachedBridge(t, sc.who.j) {
			return q.makeAttr(t, sc, cue, g.open), false, true, t
		}
	}
	if a, ok := q.introducedBefore(g, t); ok {
		return a, false, true, t
	}
	return attribution{}, false, false, t
}

// quotingVerbs introduce another's words with their speaker as object.
var quotingVerbs = map[string]bool{"quotes": true, "quoted": true, "quoting": true, "cites": true, "cited": true, "citing": true}

// quotedObject parses the speaker named right after a quoting verb at c,
// up to the colon, the quotation mark or "as saying" that ends the
// sentence before the quote: "quotes former adviser Anna Kovač:", "cited
// Anna Kovač as saying". Only a name: "quoted a report:" is no speaker.
func quotedObject(t []text.Token, c int) (np, bool) {
	if !quotingVerbs[t[c].Lower] || c+1 >= len(t) {
		return np{}, false
	}
	e := c + 1
	for e < len(t) && e-c <= 10 && t[e].Raw != ":" && t[e].Raw != "," && !t[e].Is(text.QuoteMark) && t[e].Lower != "as" {
		e++
	}
	if e == len(t) || e-c > 10 || e == c+1 {
		return np{}, false
	}
	if t[e].Lower == "as" && !asSaying(t, e) {
		return np{}, false
	}
	if t[e].Raw == "," {
		// "quoted Oil Minister Lena Ortiz, who returned Sunday, as
		// saying": an appositive, then "as saying".
		k := e + 1
		for k < len(t) && !asSaying(t, k) {
			k++
		}
		if k == len(t) {
			return np{}, false
		}
	}
	if who, ok := parseNP(t, c+1); ok && who.kind == npName && who.j == e {
		return who, true
	}
	if who, ok := describedName(t, c+1, e); ok {
		return who, true
	}
	return np{}, false
}

// asSaying reports whether "as saying" or "as telling" starts at k.
func asSaying(t []text.Token, k int) bool {
	return k+1 < len(t) && t[k].Lower == "as" && (t[k+1].Lower == "saying" || t[k+1].Lower == "telling")
}

// introducedBefore attributes a quote whose sentence, or the paragraph
// before, ends by introducing it with a colon or a comma; t are the
// tokens of its sentence before the opening mark.
func (q *scanner) introducedBefore(g *seg, t []text.Token) (attribution, bool) {
	// `X reacted on Twitter: "…"`: a colon introduces the quote and the
	// sentence's subject speaks; after a colon, a full sentence is a
	// person subject's whatever the verb ("he paid tribute: "…"").
	if n := len(t); n >= 3 && (t[n-1].Raw == ":" || t[n-1].Raw == "," && q.sentenceLike(g)) {
		if a, ok := q.subjectSpeaker(t, n-1, g.open); ok && (text.ColonVerbs[a.cue] || t[n-1].Raw == ":" && q.sentenceLike(g) && a.resolved && a.ent.Type == news.TypePerson) {
			return a, true
		}
	}
	if n := len(t); n >= 5 && (t[n-1].Raw == "," || t[n-1].Raw == ":") && putIt(t, n-3) {
		// "As Anna Kovač, a lecturer at the port, put it, "…"": the name
		// after "as" speaks, past its appositive (nyt1 round); an unnamed
		// one ("as one banker put it") stays unattributed.
		if who, ok := asNamePutIt(t, n-3); ok {
			if a := q.makeAttr(t, subjCue{who: who, handle: -1, cue: n - 3}, t[n-3].Lower, g.open); a.resolved {
				return a, true
			}
		}
	}
	if len(t) == 0 && g.startsPara && g.para > 0 && q.sentenceLike(g) {
		// `AIP chairman Markham Robinson writes: ¶ "It's a long shot …"`: the
		// paragraph before ends by introducing the quotation.
		p := q.paras[g.para-1]
		if end := strings.TrimRight(q.body[p.Start:p.End], " \t\n"); strings.HasSuffix(end, ":") || strings.HasSuffix(end, ",") {
			e := p.Start + len(end)
			pt := tokenize(q.body, text.SentenceStart(q.body, e-1, p.Start), e, nil)
			if n := len(pt); n >= 3 && pt[n-2].Is(text.Word) && !pt[n-2].Is(text.Capitalised) && text.CueVerbs[pt[n-2].Lower] && !participleCue(pt[n-2].Lower) && !isPassive(pt, n-2) {
				// "Rathbun stated, ¶", "Mark Seidenberg commented: ¶"
				if sc, ok := subjectEndingAt(pt, 0, n-2); ok {
					return q.makeAttr(pt, sc, pt[n-2].Lower, g.open), true
				}
			}
			if n := len(pt); n >= 3 && pt[n-1].Raw == ":" {
				if a, ok := q.subjectSpeaker(pt, n-1, g.open); ok && (a.resolved && a.ent.Type == news.TypePerson || text.ColonVerbs[a.cue]) {
					return a, true
				}
			}
		}
	}
	return attribution{}, false
}

// relativeAntecedent finds the name before ", who" at comma k, skipping
// one appositive: "Mark Hay, a marine ecologist at GT, who".
func relativeAntecedent(t []text.Token, k int) (np, bool) {
	ends := []int{k}
	for p := k - 1; p > 0 && k-p <= 24; p-- {
		if t[p].Is(text.QuoteMark) || !t[p].Is(text.Word) && t[p].Raw != "," && t[p].Raw != "-" {
			break
		}
		if t[p].Raw == "," {
			if x := t[p+1]; x.Is(text.Word) && (!x.Is(text.Capitalised) || text.Determiners[x.Lower]) {
				// The appositive describes the name before it.
				ends = []int{p, k}
			}
			break
		}
	}
	for _, end := range ends {
		s := end
		for s > 0 && t[s-1].Is(text.Word) && (t[s-1].Is(text.Capitalised) || t[s-1].Lower == "of" || t[s-1].Lower == "de" || t[s-1].Lower == "van") && end-s < 5 {
			s--
		}
		for s < end && !t[s].Is(text.Capitalised) {
			s++
		}
		if s == end {
			continue
		}
		if who, ok := parseNP(t, s); ok && who.kind == npName && who.j == end {
			return who, true
		}
	}
	return np{}, false
}

// subjectSpeaker attributes a quote to the subject of the sentence t[:c]
// when it is a name, a pronoun or a description that resolves; the cue is
// the verb after it.
func (q *scanner) subjectSpeaker(t []text.Token, c, quoteAt int) (attribution, bool) {
	who, ok := sentenceSubject(t, 0, c)
	if !ok || who.kind == npHandle {
		return attribution{}, false
	}
	v := who.j
	if who.kind == npName {
		// "Comic artist Mira Lund (Harbour Tales) told of …": an aside
		// after the name.
		v = skipAside(t[:c], v)
	}
	if v+1 < c && t[v].Raw == "," && t[v+1].Lower == "who" {
		// "McGurk, who was Trump's envoy until December, also criticized"
		for k := v + 2; k+1 < c && k-v < 30; k++ {
			if t[k].Is(text.QuoteMark) {
				break
			}
			if t[k].Raw == "," && t[k+1].Is(text.Word) && !t[k+1].Is(text.Capitalised) {
				v = k + 1
				break
			}
		}
	}
	if v < c && t[v].Raw == "," {
		if k2, _, ok := skipAppositive(t, v); ok && k2 < c && t[k2].Is(text.Word) && !t[k2].Is(text.Capitalised) {
			v = k2
		} else if k2 := skipPlaceTail(t, v); k2 > v && k2 < c && hasConnector(t[who.i:who.j]) && t[k2].Is(text.Word) && !t[k2].Is(text.Capitalised) {
			v = k2 // "Lena Ortiz of the University of Zagreb, Croatia disagreed"
		} else if v+1 < c && t[v+1].Is(text.Word) && !t[v+1].Is(text.Capitalised) {
			v++ // after an appositive subject: "…, the SDF, said"
		}
	}
	v = skipFiller(t, v)
	if v+1 < c && (t[v].Lower == "has" || t[v].Lower == "had" || t[v].Lower == "have") {
		// "Clinton has since apologized: "…""
		v = skipFiller(t, v+1)
		if v+1 < c && (t[v].Lower == "since" || t[v].Lower == "already") {
			v++
		}
	}
	if v >= c || !t[v].Is(text.Word) || t[v].Is(text.Capitalised) {
		return attribution{}, false
	}
	if t[v].Lower == "as" {
		for k := who.i + 1; k < who.j-1; k++ {
			if describingVerbs[t[k].Lower] && t[k+1].Is(text.Capitalised) {
				// "The Harbour campaign described Tollund as "…"": the
				// phrase ran on over the verb and its object; the words
				// before the verb speak.
				sub, ok := parseNP(t, who.i)
				if !ok || sub.j != k {
					return attribution{}, false
				}
				a := q.makeAttr(t, subjCue{who: sub, handle: -1, cue: k}, t[k].Lower, quoteAt)
				return a, a.resolved
			}
		}
	}
	if obj, ok := quotedObject(t[:min(c+1, len(t))], v); ok {
		// "Berg quotes former adviser Anna Kovač: "…"": the person quoted
		// speaks, not the one quoting.
		return q.makeAttr(t, subjCue{who: obj, handle: -1, cue: v}, t[v].Lower, quoteAt), true
	}
	a := q.makeAttr(t, subjCue{who: who, handle: -1, cue: v}, t[v].Lower, quoteAt)
	if who.kind == npDesc && !a.resolved {
		return attribution{}, false
	}
	return a, true
}

// putIt reports whether "put it" or "puts it" starts at k.
func putIt(t []text.Token, k int) bool {
	return k >= 0 && k+1 < len(t) && (t[k].Lower == "put" || t[k].Lower == "puts") && t[k+1].Lower == "it"
}

// asNamePutIt parses the name of an "as X, an appositive, put it" aside
// whose "put" is at p: "as" opens the sentence or follows a comma, a name
// follows it, then one appositive between commas and an adverb at most
// ("As Anna Kovač, a lecturer at the port, recently put it"). Without the
// appositive the sentence's subject already speaks (subjectSpeaker).
func asNamePutIt(t []text.Token, p int) (np, bool) {
	for a := p - 1; a >= 0 && p-a <= 40; a-- {
		if t[a].Lower != "as" {
			continue
		}
		if a > 0 && t[a-1].Raw != "," {
			return np{}, false
		}
		who, ok := parseNP(t, a+1)
		if !ok || who.kind != npName || who.j >= p || t[who.j].Raw != "," || who.j+1 >= p || t[who.j+1].Is(text.Capitalised) && !text.Determiners[t[who.j+1].Lower] {
			return np{}, false
		}
		v := p
		if v-1 > who.j && !t[v-1].Is(text.Capitalised) && strings.HasSuffix(t[v-1].Lower, "ly") {
			v-- // "recently put it"
		}
		if t[v-1].Raw != "," || v-1 == who.j {
			return np{}, false
		}
		return who, true
	}
	return np{}, false
}
