// Attribution by cue before a quote: the speech verb and its subject before the opening mark, and the forms that introduce a quotation.

package quote

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

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
