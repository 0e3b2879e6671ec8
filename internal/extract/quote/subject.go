// Subject and cue patterns over quote tokens: "X said", "said X", a sentence's subject.

package quote

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
)

// subjCue is a speaker phrase followed by its cue.
type subjCue struct {
	who    np
	handle int // token index of a parenthesised @handle after the name, or -1
	cue    int // token index of the cue verb
}

// subjectThenCue parses "NP[, appositive,] [adverbs] cue" from token i.
func subjectThenCue(t []text.Token, i int) (subjCue, bool) {
	who, ok := parseNP(t, i)
	if !ok {
		return subjCue{}, false
	}
	k, handle := skipParen(t, who.j)
	if k2, app, ok := skipAppositive(t, k); ok {
		// A description followed by a name in apposition: the name speaks.
		if preferAppositive(t, who, app) {
			who = app
		}
		k = k2
		if k2 >= 2 && (t[k2-2].Is(text.Capitalised) || placeThenCue(t, k2-1)) {
			// "…, director at the University of Texas, Austin, said": the
			// place that finishes the affiliation; "…, who lives outside
			// the state capital, Sacramento, said", a place in apposition
			// right before the verb.
			if k3 := skipPlaceTail(t, k2-1); k3 > k2 {
				k = k3
				if who.kind == npDesc && k3-k2 >= 2 && t[k3-1].Raw != "," {
					// "His daughter, and member of the INC, Sharmistha
					// Mukherjee wrote": two or three capitalised words
					// right before the verb, after a description, are the
					// name in apposition, not a place.
					who = np{k2, k3, npName}
				}
			}
		}
	}
	if who.kind == npName && k < len(t) && text.PostModPreps[t[k].Lower] {
		// "Xiaogang Wei of the Beijing Institute commented"
		for m := k + 1; m < len(t) && m-k <= 8 && t[m].Is(text.Word); m++ {
			if (t[m].Lower == "and" || t[m].Lower == "but") && m+1 < len(t) && !t[m+1].Is(text.Capitalised) {
				break // "commended Biden for his empathy and said": a verb of the sentence's subject
			}
			if !t[m].Is(text.Capitalised) && text.CueVerbs[t[m].Lower] {
				k = m
				break
			}
		}
	}
	if who.kind == npName && !text.RoleWords[t[who.i].Lower] && hasConnector(t[who.i:who.j]) && k < len(t) && t[k].Is(text.Word) && !t[k].Is(text.Capitalised) && !text.CueVerbs[t[k].Lower] {
		// "Crystal C'Bearing of the Northern Arapaho tribal historic
		// preservation office told": lower-case words end the affiliation.
		for m := k; m < len(t) && m-k <= 4 && t[m].Is(text.Word) && !t[m].Is(text.Capitalised) && !text.FunctionWords[t[m].Lower]; m++ {
			if text.CueVerbs[t[m].Lower] {
				k = m
				break
			}
		}
	}
	k = skipFiller(t, k)
	if k+3 < len(t) && (t[k].Lower == "went" || t[k].Lower == "goes") && t[k+1].Lower == "on" && t[k+2].Lower == "to" && text.CueVerbs[t[k+3].Lower] {
		return subjCue{who: who, handle: handle, cue: k + 3}, true
	}
	if wentOn(t, k) {
		return subjCue{who: who, handle: handle, cue: k}, true // ""…," Trump went on, as if …": he continued
	}
	if k < len(t) && t[k].Is(text.Word) && !t[k].Is(text.Capitalised) && text.CueVerbs[t[k].Lower] && !participleCue(t[k].Lower) {
		return subjCue{who: who, handle: handle, cue: k}, true
	}
	return subjCue{}, false
}

// placeThenCue reports whether the comma k is followed by one to three
// capitalised words, a comma and a lower-case verb of saying: ",
// Sacramento, said".
func placeThenCue(t []text.Token, k int) bool {
	k3 := skipPlaceTail(t, k)
	return k3 > k+1 && t[k3-1].Raw == "," && k3 < len(t) && t[k3].Is(text.Word) && !t[k3].Is(text.Capitalised) && text.CueVerbs[t[k3].Lower]
}

// wentOn reports whether tokens k and k+1 are "went on" or "goes on" with
// no word after them: the speaker continued.
func wentOn(t []text.Token, k int) bool {
	return k+1 < len(t) && (t[k].Lower == "went" || t[k].Lower == "goes") && t[k+1].Lower == "on" && (k+2 == len(t) || !t[k+2].Is(text.Word))
}

// skipPlaceTail skips ", Place" (one to three capitalised words, an
// abbreviation's full stop and the comma after them if any) at the comma k and returns the index after it,
// or k when there is no such place.
func skipPlaceTail(t []text.Token, k int) int {
	if k >= len(t) || t[k].Raw != "," {
		return k
	}
	m := k + 1
	for m < len(t) && m-k <= 3 && t[m].Is(text.Word) && t[m].Is(text.Capitalised) && !text.FunctionWords[t[m].Lower] {
		m++
	}
	if m == k+1 || m-k > 3 {
		return k
	}
	if m < len(t) && abbrevPeriod(t, m) {
		m++ // "Allentown, Pa., said": a state's abbreviation
	}
	if m < len(t) && t[m].Raw == "," {
		return m + 1
	}
	return m
}

// cueThenSubject parses "cue NP" (inverted: `said Kovač`, `according to the
// ministry`) from token i.
func cueThenSubject(t []text.Token, i int) (subjCue, string, bool) {
	if i >= len(t) || !t[i].Is(text.Word) || t[i].Is(text.Capitalised) && t[i].Lower != "according" && !inTheWordsOf(t, i) && (i > 0 || !text.CueVerbs[t[i].Lower]) {
		return subjCue{}, "", false // a capitalised cue only opening the sentence: "Said Lavrov: "…""
	}
	cue := t[i].Lower
	k := i + 1
	switch {
	case cue == "according" && k < len(t) && t[k].Lower == "to":
		cue = "according to"
		k++
	case inTheWordsOf(t, i):
		cue = "in the words of"
		k += 3
	case text.CueVerbs[cue] && !participleCue(cue):
	default:
		return subjCue{}, "", false
	}
	k = skipFiller(t, k)
	who, ok := parseNP(t, k)
	if !ok && cue == "according to" && k < len(t) && (t[k].Lower == "him" || t[k].Lower == "her") {
		who, ok = np{k, k + 1, npPronoun}, true // "According to him, …"
	}
	if !ok {
		// "wrote student protester Joshua Wong": lower-case descriptors before a name.
		for m := k; m < len(t) && m-k < 4 && t[m].Is(text.Word) && !t[m].Is(text.Capitalised) && !text.Determiners[t[m].Lower] && !text.CueVerbs[t[m].Lower]; m++ {
			if m+1 < len(t) && t[m+1].Is(text.Capitalised) {
				if who, ok = parseNP(t, m+1); ok && who.kind == npName {
					break
				}
			}
		}
		if !ok || who.kind != npName {
			return subjCue{}, "", false
		}
	}
	if who.kind == npName {
		// "said Lisbon harbour master Rui Tavares", "according to Leiden
		// University political scientist Hanne Vos": lower-case descriptors
		// between an affiliation and the name that ends the phrase.
		if later, ok := nameAfterDescriptors(t, who.j); ok {
			who = later
		}
	}
	if who.kind == npDesc && who.j+1 < len(t) && t[who.j].Raw == "," {
		// "said his father, Abdullah Kurdi, …": the name in apposition.
		if app, ok := parseNP(t, who.j+1); ok && app.kind == npName && (app.j == len(t) || t[app.j].Raw == "," || t[app.j].Raw == "." || t[app.j].Raw == "(") {
			who = app
		}
	}
	if who.kind != npPronoun {
		// "said University of California, San Diego's chancellor, Pradeep
		// Khosla": the name after an institution's title in apposition.
		if app, ok := possessedTitleName(t, who.i); ok {
			who = app
		}
	}
	if cue != "according to" && who.kind == npPronoun && t[who.i].Lower == "they" {
		return subjCue{}, "", false
	}
	_, handle := skipParen(t, who.j)
	return subjCue{who: who, handle: handle, cue: i}, cue, true
}

// nameAfterDescriptors parses, at k, one to three lower-case descriptor
// words ("harbour master", "political scientist") and then a name of two or
// more capitalised words that ends the phrase (punctuation, the end, or an
// affiliation with "of", "from" or "at").
func nameAfterDescriptors(t []text.Token, k int) (np, bool) {
	m := k
	for m < len(t) && m-k < 3 && t[m].Is(text.Word) && !t[m].Is(text.Capitalised) && !text.FunctionWords[t[m].Lower] &&
		!text.Determiners[t[m].Lower] && !text.CueVerbs[t[m].Lower] && !text.Adverbs[t[m].Lower] && !text.PassiveAux[t[m].Lower] && !text.PostModPreps[t[m].Lower] &&
		!text.BridgePreps[t[m].Lower] && !text.SourcePreps[t[m].Lower] {
		m++
	}
	if m == k || m >= len(t) || !t[m].Is(text.Capitalised) {
		return np{}, false
	}
	who, ok := parseNP(t, m)
	if !ok || who.kind != npName || who.j-who.i < 2 {
		return np{}, false
	}
	if who.j < len(t) && t[who.j].Is(text.Word) && !(t[who.j].Lower == "of" || t[who.j].Lower == "from" || t[who.j].Lower == "at") {
		return np{}, false
	}
	return who, true
}

// isPassive reports whether the cue at c is passive or non-finite.
func isPassive(t []text.Token, c int) bool {
	if c >= 3 && t[c-1].Lower == "to" && t[c-2].Lower == "on" && (t[c-3].Lower == "went" || t[c-3].Lower == "goes") {
		return false // "went on to say"
	}
	return c > 0 && t[c-1].Is(text.Word) && text.PassiveAux[t[c-1].Lower]
}

// preamble reports whether ts only set the scene before a subject: "This
// Wednesday", "On Monday,", "Yesterday".
func preamble(ts []text.Token) bool {
	for _, x := range ts {
		if x.Is(text.Word) && !text.FunctionWords[x.Lower] && !text.Months[x.Lower] && !isNumber(x.Raw) {
			return false
		}
		if !x.Is(text.Word) && x.Raw != "," {
			return false
		}
	}
	return true
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// subjectEndingAt finds the leftmost speaker phrase in t[lo:c] whose cue is
// the token c; it starts a clause (at lo, after punctuation or a clause
// opener).
func subjectEndingAt(t []text.Token, lo, c int) (subjCue, bool) {
	if c-1 >= lo && (t[c-1].Lower == "he" || t[c-1].Lower == "she") {
		// "On live television he said": a pronoun right before the cue is
		// its subject whatever precedes it.
		if sc, ok := subjectThenCue(t, c-1); ok && sc.cue == c {
			return sc, true
		}
	}
	for j := lo; j < c; j++ {
		if j > lo && t[j-1].Is(text.Word) && !text.ClauseOpeners[t[j-1].Lower] && (t[j-1].Is(text.Capitalised) || !t[j].Is(text.Capitalised) || text.PostModPreps[t[j-1].Lower] || text.Determiners[t[j-1].Lower] || t[j-1].Lower == "to" || t[j-1].Lower == "by") {
			continue // neither a clause start nor a name after a lower-case word (not a preposition's object)
		}
		if j > lo && t[j-1].Is(text.QuoteMark) {
			continue
		}
		if sc, ok := subjectThenCue(t, j); ok && sc.cue == c {
			if n, ok := nameBeforeTitleOf(t, lo, sc.who); ok {
				// "Erwin Chemerinsky, Dean of UC Berkeley School of Law
				// called it": the appositive's closing comma left out.
				sc.who = n
				return sc, true
			}
			if sc.who.kind == npDesc && sc.who.j-sc.who.i > 6 {
				// "The phone call between A and B comes after the
				// minister announced": a shorter subject nearer the cue.
				if sc2, ok := subjectEndingAt(t, j+1, c); ok && sc2.who.i > 0 && text.ClauseOpeners[t[sc2.who.i-1].Lower] {
					return sc2, true
				}
			}
			return sc, true
		}
	}
	return subjCue{}, false
}

// sentenceSubject finds the subject of a sentence for participle cues:
// the first speaker phrase at its start or after a leading adverbial.
func sentenceSubject(t []text.Token, lo, c int) (np, bool) {
	lo = skipTimeAdverbial(t, lo, c)
	if lo < c && text.IntroWords[t[lo].Lower] {
		// "In a press release issued on Monday, the ministry …": the
		// subject follows the introductory phrase.
		comma := false
		for k := lo + 1; k < c && k-lo < 25; k++ {
			if t[k].Raw == "," && k < c-1 {
				if n := placeApposition(t, k+1, c); n > 0 {
					k += n // "Speaking in Salem, New Hampshire, Trump …": the place's state goes with the phrase
					continue
				}
				lo, comma = k+1, true
				break
			}
			if t[k].Is(text.QuoteMark) {
				break
			}
		}
		if !comma {
			// "In the filing itself Ford also made this point, writing":
			// without a comma, a name after the phrase's last lower-case
			// word (not a preposition's object) followed by its verb.
			for k := lo + 2; k < c && k-lo <= 6; k++ {
				p := t[k-1]
				if !t[k].Is(text.Capitalised) || !p.Is(text.Word) || p.Is(text.Capitalised) || text.PostModPreps[p.Lower] || text.Determiners[p.Lower] || text.BridgePreps[p.Lower] || p.Lower == "of" || p.Lower == "by" {
					continue
				}
				if who, ok := parseNP(t, k); ok && who.kind == npName && who.j < c && t[who.j].Is(text.Word) && !t[who.j].Is(text.Capitalised) {
					return who, true
				}
				break
			}
		}
	}
	for k := lo; k < c && k-lo < 16; k++ {
		if k > lo && t[k-1].Is(text.Word) && !text.ClauseOpeners[t[k-1].Lower] && !preamble(t[lo:k]) {
			continue // not a clause start
		}
		if k > lo && text.PossessiveDeterminers[t[k-1].Lower] {
			continue // "on his Facebook page, writing": a possessor's thing, no subject
		}
		if who, ok := parseNP(t, k); ok && who.kind != npHandle {
			if n, ok := descriptorsThenName(t, who, c); ok {
				return n, true // "Fashion designer Mary Quant described"
			}
			if who.j < len(t) && t[who.j].Is(text.Word) && !t[who.j].Is(text.Capitalised) {
				return who, true // followed by its verb
			}
			if who.kind == npName {
				// "Mira Lund (Harbour Tales) told": an aside, then the verb.
				if k2 := skipAside(t[:c], who.j); k2 > who.j && k2 < c && t[k2].Is(text.Word) && !t[k2].Is(text.Capitalised) && !text.FunctionWords[t[k2].Lower] {
					return who, true
				}
			}
			if who.j < len(t) && t[who.j].Raw == "," && hasConnector(t[who.i:who.j]) {
				// "Elena Sorensen of the University of Copenhagen, Denmark
				// disagreed": the place finishes the affiliation.
				if k2 := skipPlaceTail(t, who.j); k2 > who.j && k2 < len(t) && t[k2].Is(text.Word) && !t[k2].Is(text.Capitalised) {
					return who, true
				}
			}
			if who.j < len(t) && t[who.j].Raw == "," {
				if k2, app, ok := skipAppositive(t, who.j); ok && k2 < len(t) && t[k2].Is(text.Word) && !t[k2].Is(text.Capitalised) {
					if preferAppositive(t, who, app) {
						return app, true
					}
					return who, true
				}
			}
		}
	}
	return np{}, false
}

// timeUnits and timeRelations make a fronted time adverbial: "a few days
// later", "Two weeks ago", "a year earlier" ("Four days before Clinton
// jumped in": "before" and "after" open a clause with its own subject).
var (
	timeUnits     = map[string]bool{"day": true, "days": true, "week": true, "weeks": true, "month": true, "months": true, "year": true, "years": true, "hour": true, "hours": true, "minutes": true, "decades": true}
	timeRelations = map[string]bool{"later": true, "earlier": true, "ago": true}
)

// skipTimeAdverbial returns the index after a time adverbial opening
// t[lo:c] (at most three words of quantity, a time unit, "later",
// "earlier" or "ago", and a comma), or lo: "But a few days later, Berg
// reversed himself, telling …" has Berg for subject, not "a few days".
func skipTimeAdverbial(t []text.Token, lo, c int) int {
	k := lo
	if k < c && (t[k].Lower == "but" || t[k].Lower == "and" || t[k].Lower == "then") {
		k++
	}
	for u := k + 1; u+1 < c && u-k <= 3; u++ {
		if !t[u-1].Is(text.Word) {
			return lo
		}
		if timeUnits[t[u].Lower] && timeRelations[t[u+1].Lower] {
			e := u + 2
			if e < c && t[e].Raw == "," {
				e++
			}
			return e
		}
	}
	return lo
}

// placeApposition returns how many tokens from k, before c, are one to
// three capitalised words followed by a comma and a capitalised word
// ("New Hampshire, Trump" after "Salem,"): the place a place before the
// comma is in, then the subject; 0 otherwise.
func placeApposition(t []text.Token, k, c int) int {
	n := 0
	for k+n < c && n < 3 && t[k+n].Is(text.Word) && t[k+n].Is(text.Capitalised) {
		n++
	}
	if n == 0 || k+n >= c-1 || t[k+n].Raw != "," || !t[k+n+1].Is(text.Capitalised) {
		return 0 // (a lower-case word after the comma: "In Split, Berg, the minister, said")
	}
	return n
}

// possessedTitleName parses, from i, an institution with a possessive, one
// to four lower-case title words, a comma and a name that ends the phrase
// ("San Diego's chancellor, Pradeep Khosla", "the ministry's spokeswoman,
// Lena Ortiz"), and returns the name.
func possessedTitleName(t []text.Token, i int) (np, bool) {
	for k := i; k < len(t) && k-i <= 10; k++ {
		x := t[k]
		if x.Is(text.QuoteMark) || x.Raw == "." || x.Raw == ";" || x.Raw == ":" || relativeClause(t, k) {
			return np{}, false
		}
		plural := (x.Raw == "'" || x.Raw == "’") && k > i && strings.HasSuffix(t[k-1].Lower, "s")
		if !plural && (!x.Is(text.Word) || !isPossessive(x.Raw)) {
			continue
		}
		m := k + 1
		for m < len(t) && m-k <= 4 && t[m].Is(text.Word) && !t[m].Is(text.Capitalised) && !text.CueVerbs[t[m].Lower] {
			m++
		}
		if m == k+1 || m+1 >= len(t) || t[m].Raw != "," {
			return np{}, false
		}
		app, ok := parseNP(t, m+1)
		if !ok || app.kind != npName {
			return np{}, false
		}
		if app.j < len(t) && t[app.j].Raw != "," && t[app.j].Raw != "." && t[app.j].Raw != "(" {
			return np{}, false
		}
		return app, true
	}
	return np{}, false
}

// relativeClause reports whether token k opens a relative clause after a
// comma (", who does not back Kovač's rival, Halvorsen"): a name in
// apposition after it belongs to the clause, not to the speaker before it.
func relativeClause(t []text.Token, k int) bool {
	switch t[k].Lower {
	case "who", "whom", "whose", "which":
		return k > 0 && t[k-1].Raw == ","
	}
	return false
}

// inTheWordsOf reports whether "in the words of" starts at token i.
func inTheWordsOf(t []text.Token, i int) bool {
	return i+3 < len(t) && t[i].Lower == "in" && t[i+1].Lower == "the" && t[i+2].Lower == "words" && t[i+3].Lower == "of"
}

// descriptorsThenName reads a capitalised phrase who of up to four words,
// lower-case descriptor nouns after it and a name followed by its verb
// (after an appositive, too), before c, as that name: "Fashion designer
// Mary Quant described", "Special effects costumer Ian Campbell",
// "Washington Post columnist Michael Gerson, a speechwriter, calls". The word before the name must be a role or an
// agent noun (text.DescriptorNoun), so that "Trump criticized Biden" keeps
// its subject.
func descriptorsThenName(t []text.Token, who np, c int) (np, bool) {
	if who.kind != npName || who.j-who.i > 4 {
		return np{}, false // (a name of up to four words: "Washington Post columnist Michael Gerson")
	}
	m := who.j
	for m < c && m-who.j < 4 && t[m].Is(text.Word) && !t[m].Is(text.Capitalised) && (t[m].Lower == "and" || !text.FunctionWords[t[m].Lower]) && !text.CueVerbs[t[m].Lower] {
		m++
	}
	if m == who.j || m >= c || !text.DescriptorNoun(t[m-1].Lower) {
		return np{}, false
	}
	n, ok := parseNP(t, m)
	if !ok || n.kind != npName || n.j >= c {
		return np{}, false
	}
	v := skipAside(t[:c], n.j) // "Comic artist Mira Lund (Harbour Tales) told"
	if v < c && t[v].Raw == "," {
		// "Gazette columnist Tomas Berg, a former speechwriter, calls"
		if k2, _, ok := skipAppositive(t, v); ok {
			v = k2
		}
	}
	if v >= c || !t[v].Is(text.Word) || t[v].Is(text.Capitalised) || v > n.j && text.FunctionWords[t[v].Lower] {
		return np{}, false
	}
	return n, true
}

// nameBeforeTitleOf returns the name that opens a clause at or after lo
// and ends right before ", " and who, when who is a capitalised title and
// "of" ("Dean of UC Berkeley School of Law"): the name's appositive, whose
// closing comma the writer left out, not the speaker.
func nameBeforeTitleOf(t []text.Token, lo int, who np) (np, bool) {
	i := who.i
	if who.kind == npPronoun || i < lo+2 || i+1 >= len(t) || t[i-1].Raw != "," || !t[i].Is(text.Capitalised) || t[i+1].Lower != "of" {
		return np{}, false
	}
	for k := max(lo, i-5); k < i-1; k++ {
		if k > lo && t[k-1].Is(text.Word) && !text.ClauseOpeners[t[k-1].Lower] {
			continue
		}
		if n, ok := parseNP(t, k); ok && n.kind == npName && n.j == i-1 && n.j-n.i >= 2 {
			return n, true
		}
	}
	return np{}, false
}
