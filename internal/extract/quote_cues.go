// Attribution by cue: a speech verb and its subject after a quote or before it.

package extract

import (
	"strings"

	"github.com/readout/readout/internal/news"
)

// afterCue parses the attribution after a closing mark: `"…," Kovač said`,
// `"…," said the minister`, `"…," according to X`, `"…" — Name (@handle)`.
func (q *quoteScanner) afterCue(g *qseg, next int, buf []qTok) (qAttribution, int, bool, []qTok) {
	p := q.paras[g.para]
	hi := p.e
	if next < len(q.segs) && q.segs[next].para == g.para {
		hi = q.segs[next].open
	}
	lo := g.close + g.closeLen
	end := q.sentEnd(lo, hi)
	// A quote that ends its own sentence ("…?" Kovač asked.) takes only an
	// attribution that ends the sentence too; otherwise the words after it
	// are a new sentence ("…." Kovač said the talks failed).
	closes := strings.ContainsRune(".!?", rune(q.body[g.ce-1]))
	if closes && end == hi && hi < p.e {
		// The words run into the next quote: they introduce it, not this one
		// ("…." Kovač said on Friday "…").
		return qAttribution{}, end, false, buf
	}
	t := qTokenize(q.body, lo, end, buf)
	i := 0
	dash := false
	for i < len(t) && (t[i].raw == "," || t[i].raw == "—" || t[i].raw == "–" || t[i].raw == "-") {
		dash = dash || t[i].raw != ","
		i++
	}
	if sc, cue, ok := qCueThenSubject(t, i); ok && (qShortTail(t, sc.who.j, closes) || sc.who.j < len(t) && t[sc.who.j].raw == ",") {
		return q.makeAttr(t, sc, cue, g.open), end, true, t
	}
	for c := i; c < len(t) && c-i <= 16; c++ {
		x := t[c]
		if x.mark || !x.word && x.raw != "," && x.raw != "(" && x.raw != ")" {
			break
		}
		if !x.word || x.up || !qCueVerbs[x.lw] || qParticipleCue(x.lw) {
			continue
		}
		if qIsPassive(t, c) {
			break
		}
		if sc, ok := qSubjectEndingAt(t, i, c); ok && qShortTail(t, c+1, closes) && qAllWords(t[i:sc.who.i]) {
			return q.makeAttr(t, sc, x.lw, g.open), end, true, t
		}
		break
	}
	// `"…," the website quoted Ms. Simonyan, the editor, as saying`.
	for c := i; c+1 < len(t) && c-i <= 12; c++ {
		if t[c].mark || t[c].raw == "." {
			break
		}
		if t[c].lw != "quoted" || t[c].up {
			continue
		}
		if who, ok := qParseNP(t, c+1); ok && (who.kind == qNpName || who.kind == qNpPronoun) {
			for k := who.j; k+1 < len(t) && k-who.j <= 12; k++ {
				if t[k].lw == "as" && (t[k+1].lw == "saying" || t[k+1].lw == "telling") {
					return q.makeAttr(t, qSubjCue{who: who, handle: -1, cue: c}, "quoted", g.open), end, true, t
				}
			}
		}
		break
	}
	// `"…," Nate Silver, the polling guru who founded fivethirtyeight.com,
	// tweeted`: a name, a long appositive, then the cue.
	if who, ok := qParseNP(t, i); ok && who.kind == qNpName && who.j < len(t) && t[who.j].raw == "," {
		for c := who.j + 1; c < len(t) && c-who.j <= 25; c++ {
			x := t[c]
			if x.mark || x.raw == "." || x.raw == ";" {
				break
			}
			if x.word && !x.up && qCueVerbs[x.lw] && !qParticipleCue(x.lw) {
				if !qIsPassive(t, c) && qShortTail(t, c+1, closes) {
					return q.makeAttr(t, qSubjCue{who: who, handle: -1, cue: c}, x.lw, g.open), end, true, t
				}
				break
			}
		}
	}
	// An embedded post: "…" — Name (@handle) date.
	if dash {
		if who, ok := qParseNP(t, i); ok {
			if _, h := qSkipParen(t, who.j); h >= 0 {
				return q.makeAttr(t, qSubjCue{who: who, handle: h}, "posted", g.open), end, true, t
			}
		}
	}
	return qAttribution{}, end, false, t
}

// partialSubject is the subject of the sentence a partial quote sits in,
// when it resolves to a person.
func (q *quoteScanner) partialSubject(g *qseg, idx int) (qAttribution, bool) {
	lo := q.paras[g.para].s
	if idx > 0 && q.segs[idx-1].para == g.para {
		lo = q.segs[idx-1].close + q.segs[idx-1].closeLen
	}
	start := q.sentStart(g.open, lo)
	t := qTokenize(q.body, start, g.open, nil)
	if len(t) < 3 {
		return qAttribution{}, false
	}
	a, ok := q.subjectSpeaker(t, len(t), g.open)
	if !ok || !a.resolved || a.ent.Type != news.TypePerson {
		return qAttribution{}, false
	}
	return a, true
}

// qShortTail reports whether t[k:] may follow an attribution: anything when
// the quote did not end its sentence, else a few words of time, place or
// manner ("in a statement on Friday").
func qShortTail(t []qTok, k int, closes bool) bool {
	if !closes {
		return true
	}
	n := 0
	rest := t[min(k, len(t)):]
	for i, x := range rest {
		if x.raw == "," && i+1 < len(rest) && rest[i+1].word && !rest[i+1].up && len(rest[i+1].lw) > 4 && strings.HasSuffix(rest[i+1].lw, "ing") {
			break // "…!" X wrote, adding that …: a clause of its own
		}
		if x.word && (x.lw == "that" || !x.up && qCueVerbs[x.lw]) {
			return false
		}
		if x.raw != "." && x.raw != "!" && x.raw != "?" {
			n++
		}
	}
	return n <= 8
}

// qAllWords reports whether ts are all words (a title before a name).
func qAllWords(ts []qTok) bool {
	for _, x := range ts {
		if !x.word {
			return false
		}
	}
	return true
}

// beforeCue parses the attribution before an opening mark: `Kovač said: "…"`,
// `according to X, "…"`, `X told reporters the talks were "…"`.
func (q *quoteScanner) beforeCue(g *qseg, idx int, buf []qTok) (qAttribution, bool, bool, []qTok) {
	p := q.paras[g.para]
	lo := p.s
	if idx > 0 && q.segs[idx-1].para == g.para {
		lo = q.segs[idx-1].close + q.segs[idx-1].closeLen
	}
	start := q.sentStart(g.open, lo)
	t := qTokenize(q.body, start, g.open, buf)
	inDash := false // inside a "— … —" aside, scanning backwards
	nDash := 0
	for _, x := range t {
		if x.raw == "—" || x.raw == "–" {
			nDash++
		}
	}
	for c := len(t) - 1; c >= 0 && len(t)-c <= qMaxEmbedDistance; c-- {
		x := t[c]
		if x.mark {
			break
		}
		if x.raw == "—" || x.raw == "–" {
			if inDash {
				inDash = false
			} else if nDash >= 2 {
				inDash = true
			}
			nDash--
			continue
		}
		if !x.word || x.up && (c > 0 || !qCueVerbs[x.lw] && x.lw != "according") || inDash {
			continue // a capitalised cue only opening the sentence ("Said Lavrov: "…"")
		}
		if qCueVerbs[x.lw] && c+1 < len(t) && t[c+1].lw == "by" && c > 0 && qPassiveAux[t[c-1].lw] {
			// "he was told by Emergencies Minister Yevgeny Zinichev of "…""
			if who, ok := qParseNP(t, c+2); ok && who.kind == qNpName {
				return q.makeAttr(t, qSubjCue{who: who, handle: -1, cue: c}, x.lw, g.open), true, true, t
			}
		}
		if x.lw == "according" && c+1 < len(t) && t[c+1].lw == "to" {
			sc, cue, ok := qCueThenSubject(t, c)
			if ok {
				if a := q.makeAttr(t, sc, cue, g.open); a.resolved || !x.up || a.kind == qNpName {
					// "According to a statement released by …" opening the
					// sentence names nobody yet; later rules may.
					return a, sc.who.j < len(t)-2, true, t
				}
			}
			continue
		}
		if qParticipleCue(x.lw) || x.lw == "describing" {
			// "…, with Zinichev describing the "…"": the participle's own
			// subject speaks.
			for k := c - 1; k >= 1 && c-k <= 4; k-- {
				if t[k-1].lw != "with" {
					continue
				}
				if who, ok := qParseNP(t, k); ok && who.j == c && who.kind != qNpHandle {
					return q.makeAttr(t, qSubjCue{who: who, handle: -1, cue: c}, x.lw, g.open), !qAttachedBridge(t, c+1), true, t
				}
				break
			}
		}
		if qCueVerbs[x.lw] && !qParticipleCue(x.lw) && c >= 3 && t[c-1].lw == "who" && t[c-2].raw == "," {
			// "led by Mark Hay, a marine ecologist at GT, who said "…"":
			// the relative pronoun's antecedent speaks.
			if who, ok := qRelativeAntecedent(t, c-2); ok {
				return q.makeAttr(t, qSubjCue{who: who, handle: -1, cue: c}, x.lw, g.open), !qAttachedBridge(t, c+1), true, t
			}
		}
		if !qCueVerbs[x.lw] || qIsPassive(t, c) {
			continue
		}
		if x.lw == "called" && c+1 < len(t) && (t[c+1].lw == "for" || t[c+1].lw == "on" || t[c+1].lw == "off" || t[c+1].lw == "up" || t[c+1].lw == "upon") {
			continue // "called for a "pragmatic dialogue"" is no speech
		}
		embed := !qAttachedBridge(t, c+1)
		if qParticipleCue(x.lw) || c > 0 && t[c-1].lw == "and" {
			// "…, saying "…"", "X cited Article 5 and said "…"": the
			// sentence's subject speaks.
			if _, ok := qSubjectEndingAt(t, 0, c); !ok {
				if who, ok := qSentenceSubject(t, 0, c); ok {
					return q.makeAttr(t, qSubjCue{who: who, handle: -1, cue: c}, x.lw, g.open), embed, true, t
				}
				continue
			}
		}
		if sc, ok := qSubjectEndingAt(t, 0, c); ok {
			return q.makeAttr(t, sc, x.lw, g.open), embed, true, t
		}
		// An inverted cue before the quote: `said Kovač: "…"`.
		if sc, cue, ok := qCueThenSubject(t, c); ok && c == 0 && qAttachedBridge(t, sc.who.j) {
			return q.makeAttr(t, sc, cue, g.open), false, true, t
		}
	}
	// `X reacted on Twitter: "…"`: a colon introduces the quote and the
	// sentence's subject speaks; after a colon, a full sentence is a
	// person subject's whatever the verb ("he paid tribute: "…"").
	if n := len(t); n >= 3 && (t[n-1].raw == ":" || t[n-1].raw == "," && q.sentenceLike(g)) {
		if a, ok := q.subjectSpeaker(t, n-1, g.open); ok && (qColonVerbs[a.cue] || t[n-1].raw == ":" && q.sentenceLike(g) && a.resolved && a.ent.Type == news.TypePerson) {
			return a, false, true, t
		}
	}
	if len(t) == 0 && g.startsPara && g.para > 0 && q.sentenceLike(g) {
		// `AIP chairman Markham Robinson writes: ¶ "It's a long shot …"`: the
		// paragraph before ends by introducing the quotation.
		p := q.paras[g.para-1]
		if end := strings.TrimRight(q.body[p.s:p.e], " \t\n"); strings.HasSuffix(end, ":") || strings.HasSuffix(end, ",") {
			e := p.s + len(end)
			pt := qTokenize(q.body, q.sentStart(e-1, p.s), e, nil)
			if n := len(pt); n >= 3 && pt[n-2].word && !pt[n-2].up && qCueVerbs[pt[n-2].lw] && !qParticipleCue(pt[n-2].lw) && !qIsPassive(pt, n-2) {
				// "Rathbun stated, ¶", "Mark Seidenberg commented: ¶"
				if sc, ok := qSubjectEndingAt(pt, 0, n-2); ok {
					return q.makeAttr(pt, sc, pt[n-2].lw, g.open), false, true, t
				}
			}
			if n := len(pt); n >= 3 && pt[n-1].raw == ":" {
				if a, ok := q.subjectSpeaker(pt, n-1, g.open); ok && (a.resolved && a.ent.Type == news.TypePerson || qColonVerbs[a.cue]) {
					return a, false, true, t
				}
			}
		}
	}
	return qAttribution{}, false, false, t
}

// qRelativeAntecedent finds the name before ", who" at comma k, skipping
// one appositive: "Mark Hay, a marine ecologist at GT, who".
func qRelativeAntecedent(t []qTok, k int) (qNp, bool) {
	ends := []int{k}
	for p := k - 1; p > 0 && k-p <= 24; p-- {
		if t[p].mark || !t[p].word && t[p].raw != "," && t[p].raw != "-" {
			break
		}
		if t[p].raw == "," {
			if x := t[p+1]; x.word && (!x.up || qDeterminers[x.lw]) {
				// The appositive describes the name before it.
				ends = []int{p, k}
			}
			break
		}
	}
	for _, end := range ends {
		s := end
		for s > 0 && t[s-1].word && (t[s-1].up || t[s-1].lw == "of" || t[s-1].lw == "de" || t[s-1].lw == "van") && end-s < 5 {
			s--
		}
		for s < end && !t[s].up {
			s++
		}
		if s == end {
			continue
		}
		if who, ok := qParseNP(t, s); ok && who.kind == qNpName && who.j == end {
			return who, true
		}
	}
	return qNp{}, false
}

// subjectSpeaker attributes a quote to the subject of the sentence t[:c]
// when it is a name, a pronoun or a description that resolves; the cue is
// the verb after it.
func (q *quoteScanner) subjectSpeaker(t []qTok, c, quoteAt int) (qAttribution, bool) {
	who, ok := qSentenceSubject(t, 0, c)
	if !ok || who.kind == qNpHandle {
		return qAttribution{}, false
	}
	v := who.j
	if v+1 < c && t[v].raw == "," && t[v+1].lw == "who" {
		// "McGurk, who was Trump's envoy until December, also criticized"
		for k := v + 2; k+1 < c && k-v < 30; k++ {
			if t[k].mark {
				break
			}
			if t[k].raw == "," && t[k+1].word && !t[k+1].up {
				v = k + 1
				break
			}
		}
	}
	if v < c && t[v].raw == "," {
		if k2, _, ok := qSkipAppositive(t, v); ok && k2 < c && t[k2].word && !t[k2].up {
			v = k2
		} else if v+1 < c && t[v+1].word && !t[v+1].up {
			v++ // after an appositive subject: "…, the SDF, said"
		}
	}
	v = qSkipFiller(t, v)
	if v+1 < c && (t[v].lw == "has" || t[v].lw == "had" || t[v].lw == "have") {
		// "Clinton has since apologized: "…""
		v = qSkipFiller(t, v+1)
		if v+1 < c && (t[v].lw == "since" || t[v].lw == "already") {
			v++
		}
	}
	if v >= c || !t[v].word || t[v].up {
		return qAttribution{}, false
	}
	a := q.makeAttr(t, qSubjCue{who: who, handle: -1, cue: v}, t[v].lw, quoteAt)
	if who.kind == qNpDesc && !a.resolved {
		return qAttribution{}, false
	}
	return a, true
}

// qAttachedBridge reports whether t[i:] only links a cue to the quote that
// follows: punctuation, "that", and short prepositional phrases ("on
// Twitter", "in a statement", "to reporters", "on Friday").
func qAttachedBridge(t []qTok, i int) bool {
	if len(t)-i > 10 {
		return false
	}
	for k := i; k < len(t); k++ {
		x := t[k]
		switch {
		case x.raw == "," || x.raw == ":" || x.raw == "—" || x.raw == "–" || x.raw == "-":
		case x.lw == "that":
		case k == i && x.word && (x.up || x.lw == "reporters" || x.lw == "journalists" || x.lw == "me" || x.lw == "us"):
			// an addressee: "told Wikinews", "told reporters"
		case qBridgePreps[x.lw]:
			// a prepositional phrase: skip its words
			for k+1 < len(t) && t[k+1].word && t[k+1].lw != "that" {
				k++
			}
		case qAdverbs[x.lw]:
		default:
			return false
		}
	}
	return true
}
