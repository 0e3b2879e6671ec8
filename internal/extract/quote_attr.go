package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// qMaxEmbedDistance is how many tokens a cue may stand before a quote that is
// embedded in its reported clause ("X said the plan was "reckless"") and
// still attribute it.
const qMaxEmbedDistance = 25

// qMinBareWords is the least number of words of a quote without any cue for
// it to count as a quotation rather than a scare quote or a term.
const qMinBareWords = 4

// attribute finds the speaker of every segment and decides which to keep.
func (q *quoteScanner) attribute() {
	var buf []qTok
	for gi := 0; gi < len(q.segs); {
		// A group is a segment and the paragraphs that continue it.
		ge := gi + 1
		for ge < len(q.segs) && q.segs[ge].cont {
			ge++
		}
		first, last := &q.segs[gi], &q.segs[ge-1]
		var after, before qAttribution
		var okAfter, okBefore, embed bool
		endAt := last.close + last.closeLen
		if last.closed {
			after, endAt, okAfter, buf = q.afterCue(last, ge, buf)
		}
		before, embed, okBefore, buf = q.beforeCue(first, gi, buf)

		var a qAttribution
		ok := true
		usedAfter := false
		switch {
		case okAfter && after.resolved:
			a, embed, usedAfter = after, false, true
		case okBefore && before.resolved:
			a = before
		case okAfter:
			a, embed, usedAfter = after, false, true
		case okBefore:
			a = before
		default:
			ok = false
		}
		if !usedAfter {
			endAt = last.close + last.closeLen
		} else if a.cue == "according to" && !first.startsPara {
			// `Pelosi called it a "breach …," according to NBC`: a partial
			// quote reported by a medium is the subject's.
			if sa, ok := q.partialSubject(first, gi); ok {
				a = sa
			}
		}
		inherit := false
		if !ok {
			a, ok = q.inherited(first, gi)
			inherit = ok
		}
		if !ok {
			// `The palace issued the following statement from the king: "…"`.
			a, ok = q.statementSpeaker(first, gi)
		}
		if !ok && q.sentenceLike(first) {
			// `McGurk also criticized the decision via Twitter. "The …"`.
			a, ok = q.previousSentenceSpeaker(first, gi)
		}
		if !ok && gi > 0 && qCountWords(q.body[first.cs:first.ce], qMinBareWords) >= qMinBareWords {
			// A second quotation in the sentence of an attributed one
			// ("… describing the "…" as making it "…"") is the same speaker's.
			if p := &q.segs[gi-1]; p.para == first.para && p.attrOK && p.attr.resolved && q.sentEnd(p.close+p.closeLen, first.open) == first.open {
				a, ok = p.attr, true
			}
		}
		if !ok && !first.startsPara && qCountWords(q.body[first.cs:first.ce], qMinBareWords) >= qMinBareWords {
			// `Trump characterized the call as "perfectly fine and
			// routine."`: without a cue, a quotation of a few words inside a
			// sentence is its subject's when the subject is a person (scare
			// quotes of one to three words stay unattributed).
			a, ok = q.partialSubject(first, gi)
		}
		keep := true
		if !inherit {
			keep = q.keepQuote(first, last, ok, embed)
		}
		for k := gi; k < ge; k++ {
			g := &q.segs[k]
			g.attr, g.attrOK, g.embed, g.inherit, g.keep, g.endAt = a, ok, embed, inherit, keep, endAt
		}
		if ok && a.ent != nil && a.ent.Type == TypeOrg {
			q.lastOrg = a.ent
		}
		gi = ge
	}
}

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
	if !ok || !a.resolved || a.ent.Type != TypePerson {
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
		if a, ok := q.subjectSpeaker(t, n-1, g.open); ok && (qColonVerbs[a.cue] || t[n-1].raw == ":" && q.sentenceLike(g) && a.resolved && a.ent.Type == TypePerson) {
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
				if a, ok := q.subjectSpeaker(pt, n-1, g.open); ok && (a.resolved && a.ent.Type == TypePerson || qColonVerbs[a.cue]) {
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

// qColonVerbs introduce with a colon what their subject said: `Berg reacted
// on Twitter: "…"`.
var qColonVerbs = map[string]bool{
	"reacted": true, "responded": true, "disagreed": true, "agreed": true,
	"criticised": true, "criticized": true, "condemned": true, "welcomed": true,
	"praised": true, "defended": true, "appealed": true, "pleaded": true,
	"thanked": true, "summarised": true, "summarized": true, "mourned": true,
	"rejected": true, "dismissed": true, "questioned": true, "reflected": true,
	"apologised": true, "apologized": true, "objected": true, "protested": true,
	"complained": true, "lamented": true, "boasted": true, "hit": true,
	"weighed": true, "chimed": true, "spoke": true, "tweeted": true, "wrote": true,
}

// sentenceLike reports whether a quoted span reads like a full sentence:
// a capital first letter and at least minBareWords words.
func (q *quoteScanner) sentenceLike(g *qseg) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(q.body[g.cs:g.ce], "[("))
	return unicode.IsUpper(r) && qCountWords(q.body[g.cs:g.ce], qMinBareWords) >= qMinBareWords
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

var qBridgePreps = map[string]bool{
	"on": true, "in": true, "to": true, "at": true, "during": true, "via": true,
	"through": true, "from": true, "after": true, "before": true, "with": true,
	"on x": true, "later": true, "for": true,
}

// makeAttr resolves the speaker of sc. before is the quote's opening mark:
// pronouns refer to someone mentioned before the quote.
func (q *quoteScanner) makeAttr(t []qTok, sc qSubjCue, cue string, quoteAt int) qAttribution {
	who := sc.who
	sp := qSpan{t[who.i].s, t[who.j-1].e}
	a := qAttribution{speaker: sp, cue: cue, kind: who.kind,
		definite: who.kind == qNpName || who.kind == qNpHandle || who.kind == qNpDesc && t[who.i].lw == "the"}
	before := min(sp.s, quoteAt)
	text := q.body[sp.s:sp.e]
	var e *Entity
	var ok bool
	switch who.kind {
	case qNpPronoun:
		lw := t[who.i].lw
		if lw == "they" {
			e, ok = q.lastOrg, q.lastOrg != nil
		} else {
			e, ok = q.r.lastPerson(before, qPronounGender[lw])
		}
	case qNpHandle:
		e, ok = q.r.resolveName(text)
	case qNpName:
		ci, cj := qNameCore(t, who, q.isAffiliation)
		core := qSpan{t[ci].s, t[cj-1].e}
		a.speaker = core
		e, ok = q.nameEntity(sp, core)
		if !ok && sc.handle >= 0 {
			e, ok = q.r.resolveName(t[sc.handle].raw)
		}
	case qNpDesc:
		if s, e, ok := qDocAuthor(t, who); ok {
			// "an AEW press release", "a White House statement": the
			// capitalised name before the document wrote it, known or not.
			core := qSpan{t[s].s, t[e-1].e}
			a.speaker, a.kind, a.definite = core, qNpName, true
			if e, ok := q.nameEntity(sp, core); ok && e != nil && (e.Type == TypeOrg || e.Type == TypePerson) {
				a.ent, a.resolved = e, true
			}
			return a
		}
		if ci, cj := qNameCore(t, who, q.isAffiliation); ci > who.i && (t[cj-1].up || qSpokes[t[cj-1].lw]) && !q.modifierName(t, cj, who.j) {
			// "the topmost Polish archbishop Wojciech Polak": a name after all;
			// "an Interpol spokesperson" speaks for the organisation; "one
			// Clinton aide", ending with its head noun, is nobody named.
			core := qSpan{t[ci].s, t[cj-1].e}
			if qSpokes[t[cj-1].lw] && cj-2 >= ci && t[cj-2].up && qOrgHeads[t[cj-2].lw] {
				// "A Hampshire Police spokesman": the organisation speaks,
				// known or not.
				s := cj - 2
				for s > who.i && t[s-1].up && t[s-1].lw != "a" && t[s-1].lw != "an" && t[s-1].lw != "the" {
					s-- // the whole name: "Croatian Foreign Ministry"
				}
				core = qSpan{t[s].s, t[cj-2].e}
			}
			a.speaker, a.kind = core, qNpName
			e, ok = q.nameEntity(sp, core)
			if ok && (!t[cj-1].up && e.Type != TypeOrg || e.Type == TypePlace) {
				e, ok = nil, false // "a former U.S. law enforcement official" is not the US
			}
			break
		}
		e, ok = q.descEntity(t, who, sp, text, before)
	}
	if ok && e != nil && (e.Type == TypePerson || e.Type == TypeOrg || e.Type == TypePlace && who.kind == qNpName) {
		a.ent, a.resolved = e, true
	}
	return a
}

// qNameCore returns the tokens of the name inside a speaker phrase, without
// the titles before it or the affiliation after it: "Emergencies Minister
// Yevgeny Zinichev" → "Yevgeny Zinichev", "US Ambassador to Germany Richard
// Grenell" → "Richard Grenell", "Jennifer Lu of Marriage Equality Coalition"
// → "Jennifer Lu". Organisation names ("Ministry of Foreign Affairs", "the
// Russian Foreign Ministry") stay whole. It returns who.i, who.j when there
// is no name inside.
func qNameCore(t []qTok, who qNp, affil func(qTok) bool) (int, int) {
	i, j := who.i, who.j
	// Titles: everything up to the last title word followed by a capital.
	for k := j - 2; k >= i; k-- {
		if !qRoleWords[t[k].lw] && !qPersonTitles[t[k].lw] {
			continue
		}
		if t[k+1].up && !qRoleWords[t[k+1].lw] && !qPersonTitles[t[k+1].lw] {
			if qOrgHeads[t[j-1].lw] && !qHasConnector(t[k+1:j]) {
				continue // "Croatian Foreign Ministry": an organisation, not a title
			}
			i = k + 1
			break
		}
		if k+3 < j && (t[k+1].lw == "to" || t[k+1].lw == "of" || t[k+1].lw == "for") && (t[k+2].up || t[k+2].lw == "the" && t[k+3].up) {
			i = k + 1 // "Ambassador to Germany Richard Grenell"
			break
		}
	}
	if i == who.i {
		for k := i; k < j-1; k++ {
			if qIsPossessive(t[k].raw) {
				i = k + 1
			}
		}
		for i < j && (!t[i].up || qArticleOrPossessive[t[i].lw]) {
			i++ // "the archbishop" before a name, "A Hampshire Police spokesman"
		}
		if i >= j {
			return who.i, who.j
		}
		if i > who.i && t[who.i].lw == "the" && i == who.i+1 {
			return who.i, who.j // "the Russian Foreign Ministry": no title to strip
		}
	}
	// "to Germany Richard Grenell", "to the United Nations Nikki Haley": an
	// affiliation between title and name, known places and organisations
	// (or, without that knowledge, all but the last three words).
	if i+2 < j && (t[i].lw == "to" || t[i].lw == "of" || t[i].lw == "for" || t[i].lw == "at") {
		k := i + 1
		if t[k].lw == "the" {
			k++
		}
		for k < j-1 && t[k].up && (affil(t[k]) || j-k > 3) {
			k++
		}
		if k > i+1 && k < j && t[k].up {
			i = k
		}
	}
	for i < j && !t[i].up {
		i++
	}
	// "Kovač of Croatia": cut the affiliation after a person's name.
	for k := i + 1; k < j-1; k++ {
		if lw := t[k].lw; (lw == "of" || lw == "from" || lw == "at") && !qOrgHeads[t[k-1].lw] && !qRoleWords[t[k-1].lw] && !qPersonTitles[t[k-1].lw] {
			j = k
			break
		}
	}
	if i >= j || !t[i].up || qOrgHeads[t[j-1].lw] {
		return who.i, who.j
	}
	return i, j
}

// qArticleOrPossessive open a description that a name may end ("A Hampshire
// Police spokesman", "His wife Mary"); unlike "one" or "another", they do
// not make it someone unnamed.
var qArticleOrPossessive = map[string]bool{"a": true, "an": true, "the": true, "his": true, "her": true, "their": true, "its": true, "our": true}

// qHasConnector reports whether ts hold "of", "from" or "at".
func qHasConnector(ts []qTok) bool {
	for _, x := range ts {
		if x.lw == "of" || x.lw == "from" || x.lw == "at" {
			return true
		}
	}
	return false
}

// isAffiliation reports whether a word of a speaker phrase is part of a
// known place or organisation ("Germany", "United Nations").
func (q *quoteScanner) isAffiliation(x qTok) bool {
	e, ok := q.r.entityAt(x.s, x.e)
	return ok && e != nil && (e.Type == TypePlace || e.Type == TypeOrg)
}

// qPersonTitles are titles before a name beyond qRoleWords.
var qPersonTitles = map[string]bool{
	"speaker": true, "archbishop": true, "bishop": true, "pope": true, "king": true,
	"queen": true, "prince": true, "princess": true, "emir": true, "sheikh": true,
	"judge": true, "justice": true, "rapporteur": true, "commandant": true,
	"admiral": true, "colonel": true, "captain": true, "lieutenant": true,
	"sergeant": true, "congressman": true, "congresswoman": true, "mp": true,
	"commissioner": true, "chairperson": true, "secretary-general": true,
	"president-elect": true, "cardinal": true, "rabbi": true, "imam": true,
	"ayatollah": true, "sultan": true, "marshal": true, "major": true,
	"legislator": true, "councillor": true, "councilor": true, "coach": true,
	"officer": true, "inspector": true, "superintendent": true, "sen": true,
	"rep": true, "gov": true, "gen": true, "lt": true, "col": true, "capt": true,
	"dr": true, "prof": true, "pastor": true, "reverend": true, "rev": true,
	"protester": true, "student": true, "witness": true, "eyewitness": true,
	"resident": true, "pseudonym": true, "nickname": true, "named": true,
	"affairs": true, "sheriff": true, "detective": true, "constable": true,
}

// qOrgHeads end the names of organisations.
var qOrgHeads = map[string]bool{
	"ministry": true, "department": true, "office": true, "council": true,
	"commission": true, "committee": true, "agency": true, "bank": true,
	"party": true, "union": true, "court": true, "forces": true, "army": true,
	"coalition": true, "institute": true, "university": true, "association": true,
	"organisation": true, "organization": true, "center": true, "centre": true,
	"league": true, "government": true, "service": true, "police": true,
	"navy": true, "guard": true, "parliament": true, "assembly": true,
	"senate": true, "house": true, "kremlin": true, "embassy": true,
	"foundation": true, "federation": true, "alliance": true, "group": true,
	"company": true, "corporation": true, "network": true, "board": true,
	"authority": true, "secretariat": true, "cabinet": true, "administration": true,
	"inc": true, "corp": true, "ltd": true, "times": true, "post": true,
	"press": true, "news": true, "agencies": true, "nations": true, "affairs": true,
	"defense": true, "defence": true, "state": true, "security": true,
}

// nameEntity resolves a capitalised speaker phrase: a mention inside it
// (preferring people, then organisations), else the name as written.
func (q *quoteScanner) nameEntity(sp, core qSpan) (*Entity, bool) {
	text := q.body[core.s:core.e]
	// The person named in the name itself, else in the whole phrase ("US
	// Ambassador to the UN Nikki Haley"); two people ("Biden and Sanders")
	// are nobody in particular.
	spans := []qSpan{core, sp}
	if pre := q.body[sp.s:core.s]; strings.Contains(pre, "'s ") || strings.Contains(pre, "’s ") {
		spans = spans[:1] // "Huber's tag team partner Erick Rowan" is not Huber
	}
	for _, r := range spans {
		var person *Entity
		n := 0
		for _, m := range q.r.mentionsIn(r.s, r.e) {
			if m.Type == TypePerson {
				person = m
				n++
			}
		}
		if n > 1 {
			return nil, false
		}
		if person != nil && r == core && otherGivenName(person.Name, strings.Fields(text)) {
			return nil, false // "Abdullah Kurdi" merged into "Alan Kurdi": a relative
		}
		if person != nil {
			return person, true
		}
	}
	// Only the name itself may be an organisation: in "Xiaogang Wei of the
	// Beijing Institute" the institute does not speak.
	if e, ok := q.r.entityAt(core.s, core.e); ok && e != nil {
		if e.Type == TypePerson || e.Type == TypeOrg {
			return e, true
		}
		for _, m := range q.r.mentionsIn(core.s, core.e) {
			if m.Type == TypeOrg {
				return m, true
			}
		}
		if !strings.Contains(text, " ") {
			return e, true // "Moscow said": a government by metonymy
		}
	}
	return q.r.resolveName(text)
}

// qDescStrip are heads of descriptions that stand for their complement:
// "a statement from the ministry" speaks for the ministry.
var qDescStrip = map[string]bool{
	"statement": true, "readout": true, "release": true, "post": true,
	"tweet": true, "communique": true, "communiqué": true, "transcript": true,
	"message": true, "letter": true, "note": true, "account": true,
}

// qDocAuthor finds, in a description ending with a document ("an AEW
// press release"), the capitalised name right before the document's
// words: tokens [s,e).
func qDocAuthor(t []qTok, who qNp) (int, int, bool) {
	h := t[who.j-1]
	if h.up || !qIsDocument(h.lw) {
		return 0, 0, false
	}
	e := who.j - 1
	for e-1 > who.i && !t[e-1].up && qDocModifiers[t[e-1].lw] {
		e--
	}
	if e-1 <= who.i || !t[e-1].up || qIsPossessive(t[e-1].raw) {
		return 0, 0, false
	}
	s := e - 1
	for s-1 > who.i && t[s-1].up && !qDeterminers[t[s-1].lw] {
		s--
	}
	if qDeterminers[t[s].lw] || !qDeterminers[t[who.i].lw] || s != who.i+1 {
		return 0, 0, false // "a statement" with nothing named, or more words before the name
	}
	return s, e, true
}

// qDocModifiers may stand between an author and the document: "an AEW
// press release", "a Kremlin official statement".
var qDocModifiers = map[string]bool{"press": true, "news": true, "official": true, "joint": true, "written": true}

// qIsDocument reports whether w is a document a speaker issues.
func qIsDocument(w string) bool { return qDescStrip[w] || qPossessedDocs[w] }

// qPossessedDocs are documents whose possessor wrote them ("Cornyn's
// statement", "PC World's analysis"), beyond qDescStrip.
var qPossessedDocs = map[string]bool{"analysis": true, "report": true, "memo": true, "blog": true, "speech": true}

// descEntity resolves a description: an entity mentioned inside it ("the
// Russian Foreign Ministry"), or the most recent fitting entity ("the
// minister"), or the complement of "a statement from …".
func (q *quoteScanner) descEntity(t []qTok, who qNp, sp qSpan, text string, before int) (*Entity, bool) {
	head := who.j - 1 // the head word: the last before "of", "for", "from", "by"
	for k := who.i + 1; k < who.j; k++ {
		if lw := t[k].lw; lw == "of" || lw == "for" || lw == "from" || lw == "by" {
			head = k - 1
			break
		}
	}
	hw := t[head].lw
	if head+2 < who.j && (qDescStrip[hw] || qSpokes[hw]) {
		// "a statement from the ministry", "a spokesman for the ministry":
		// the organisation speaks.
		inner := qSpan{t[head+2].s, sp.e}
		e, ok := q.r.entityAt(inner.s, inner.e)
		if !ok || e == nil {
			e, ok = q.r.resolveDescription(q.body[inner.s:inner.e], before)
		}
		if ok && e != nil && (e.Type == TypeOrg || qDescStrip[hw] && e.Type == TypePerson) {
			return e, true
		}
		return nil, false
	}
	if qIsDocument(hw) {
		// "an AEW press release", "a White House statement": the one
		// organisation or person named in it wrote it.
		var author *Entity
		n := 0
		for _, m := range q.r.mentionsIn(sp.s, sp.e) {
			if m.Type == TypeOrg || m.Type == TypePerson {
				author = m
				n++
			}
		}
		if n == 1 {
			return author, true
		}
	}
	for k := who.i; k < who.j; k++ {
		if !qIsPossessive(t[k].raw) {
			continue
		}
		if k-who.i > 3 || !t[k].up || head != who.j-1 || head-k > 2 || !qIsDocument(hw) {
			return nil, false // "Merkel's spokesperson": unnamed
		}
		for _, x := range t[who.i:k] {
			if !x.up {
				return nil, false
			}
		}
		// "Cornyn's statement added", "reads Judge Miller's statement":
		// the author of the document speaks.
		name := strings.TrimSuffix(strings.TrimSuffix(q.body[t[who.i].s:t[k].e], "'s"), "’s")
		if e, ok := q.r.entityAt(t[k].s, t[who.i].s+len(name)); ok && e != nil && (e.Type == TypePerson || e.Type == TypeOrg) {
			return e, true
		}
		return q.r.resolveName(name)
	}
	if !qDefinite[t[who.i].lw] {
		if who.j-who.i == 2 && qSpokes[hw] && (t[who.i].lw == "a" || t[who.i].lw == "an") {
			// "Britain's Treasury said …. "…," a spokeswoman said": the
			// organisation named just before speaks.
			spans := q.r.spansIn(max(0, before-300), before)
			for i := len(spans) - 1; i >= 0; i-- {
				if spans[i].ent.Type == TypeOrg && !q.inQuote(spans[i].start) {
					return spans[i].ent, true
				}
			}
		}
		return nil, false // "a government official": nobody named
	}
	if !qRoleWords[hw] && (head == who.j-1 || who.i+1 < who.j && t[who.i+1].up && t[head].up) {
		// "the Russian Foreign Ministry", "The U.S. Department of
		// Agriculture": the phrase names the speaker.
		if e, ok := q.r.entityAt(sp.s, sp.e); ok && e != nil && e.Type != TypePlace {
			return e, true
		}
	}
	return q.r.resolveDescription(text, before)
}

// personDesc reports whether a definite description ends with a noun for
// a person ("the retired neurosurgeon"), not for an organisation, a
// document or a group.
func (q *quoteScanner) personDesc(sp qSpan) bool {
	ws := strings.Fields(strings.ToLower(q.body[sp.s:sp.e]))
	if len(ws) < 2 || ws[0] != "the" {
		return false
	}
	h := strings.Trim(ws[len(ws)-1], ".,;:")
	if orgDescHeads[h] || qDescStrip[h] || qSpokes[h] || strings.HasSuffix(h, "s") && !strings.HasSuffix(h, "ss") {
		return false
	}
	switch h {
	case "ministry", "department", "government", "office", "council", "committee", "court", "police",
		"army", "military", "party", "campaign", "administration", "house", "state", "report", "document",
		"organizer", "organiser", "crowd", "audience", "board", "commission", "agency", "embassy", "website":
		return false
	}
	return true
}

var qSpokes = map[string]bool{"spokesman": true, "spokeswoman": true, "spokesperson": true}

// qDefinite determiners introduce a description that refers back.
var qDefinite = map[string]bool{"the": true}

// inherited gives a segment without a cue the speaker of the quote it
// directly follows: the same paragraph right after the previous quote's
// attribution sentence, or a paragraph opening with a quote right after a
// paragraph whose last sentence is attributed speech.
func (q *quoteScanner) inherited(g *qseg, idx int) (qAttribution, bool) {
	if idx == 0 {
		return q.inheritIndirect(g)
	}
	prev := &q.segs[idx-1]
	if prev.para == g.para {
		if !prev.attrOK || !prev.keep {
			return qAttribution{}, false
		}
		gap := q.body[max(prev.endAt, prev.close+prev.closeLen):max(g.open, max(prev.endAt, prev.close+prev.closeLen))]
		if g := strings.TrimFunc(gap, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '.' }); g == "" || g == "and" || g == "that" {
			return prev.attr, true
		}
		if ws := strings.Fields(strings.TrimLeft(gap, " ,")); len(ws) > 0 && strings.HasSuffix(ws[len(ws)-1], ".") && q.sentenceLike(g) &&
			(len(ws) <= 4 && qBridgePreps[strings.ToLower(ws[0])] || len(ws) <= 6 && strings.HasSuffix(ws[0], "ing")) {
			// `"…," writes X on Instagram. "I have lost …"`, `"…," X
			// wrote, recalling their first meeting. "He was calm …"`: the
			// rest of the attribution is a short phrase.
			return prev.attr, true
		}
		return q.inheritIndirect(g)
	}
	if !g.startsPara {
		return qAttribution{}, false
	}
	if prev.para == g.para-1 && prev.attrOK && prev.keep {
		p := q.paras[prev.para]
		lastSent := q.sentStart(p.e, p.s)
		if max(prev.endAt, prev.close) >= lastSent && q.lastSentenceNoOtherSpeech(p, max(prev.endAt, prev.close+prev.closeLen)) {
			return prev.attr, true
		}
	}
	return q.inheritIndirect(g)
}

// lastSentenceNoOtherSpeech reports whether nothing but punctuation and
// white space follows pos in paragraph p.
func (q *quoteScanner) lastSentenceNoOtherSpeech(p qSpan, pos int) bool {
	if pos >= p.e {
		return true
	}
	return strings.TrimSpace(strings.Trim(q.body[pos:p.e], ".,;:!? ")) == ""
}

// inheritIndirect lets a paragraph-opening quote continue the reported
// speech of the previous paragraph's last sentence ("Kovač said talks would
// go on.\n\n"We will not retreat."").
// statementSpeaker attributes a quotation introduced in its sentence by a
// statement, message or letter to its author: "a statement from the king",
// "a statement released by Erdogan's office" (Erdogan), "X's statement",
// "They released a statement which said" (the organisation they are).
func (q *quoteScanner) statementSpeaker(g *qseg, idx int) (qAttribution, bool) {
	lo := q.paras[g.para].s
	if idx > 0 && q.segs[idx-1].para == g.para {
		lo = q.segs[idx-1].close + q.segs[idx-1].closeLen
	}
	start := q.sentStart(g.open, lo)
	t := qTokenize(q.body, start, g.open, nil)
	for h := len(t) - 1; h >= 0; h-- {
		if t[h].mark {
			break
		}
		if !t[h].word || !qDescStrip[t[h].lw] || t[h].up {
			continue
		}
		k := h + 1
		if k < len(t) && (t[k].lw == "released" || t[k].lw == "issued" || t[k].lw == "published" || t[k].lw == "posted" || t[k].lw == "signed") {
			k++
		}
		if k+1 < len(t) && (t[k].lw == "from" || t[k].lw == "by") {
			if who, ok := qParseNP(t, k+1); ok && who.kind != qNpPronoun {
				if who.kind == qNpName && qIsPossessive(t[who.j-1].raw) || who.kind == qNpDesc && who.j-who.i <= 3 && qIsPossessive(t[who.i].raw) {
					// "Erdogan's office": the office speaks for Erdogan.
					who = qNp{who.i, who.i + 1, qNpName}
				}
				a := q.makeAttr(t, qSubjCue{who: who, handle: -1, cue: h}, "statement", g.open)
				if a.resolved {
					return a, true
				}
			}
			return qAttribution{}, false
		}
		if h >= 1 && qIsPossessive(t[h-1].raw) && t[h-1].up {
			who := qNp{h - 1, h, qNpName}
			if a := q.makeAttr(t, qSubjCue{who: who, handle: -1, cue: h}, "statement", g.open); a.resolved {
				return a, true
			}
			return qAttribution{}, false
		}
		// "They released a statement which said": the issuer of the statement.
		for v := h - 1; v >= 1 && h-v <= 3; v-- {
			if lw := t[v].lw; lw == "released" || lw == "issued" || lw == "published" || lw == "posted" {
				if t[v-1].lw == "they" && q.lastOrg != nil {
					return qAttribution{speaker: qSpan{t[v-1].s, t[v-1].e}, cue: "statement", kind: qNpPronoun, ent: q.lastOrg, resolved: true}, true
				}
				if who, ok := qSentenceSubject(t, 0, v); ok && who.kind == qNpName && who.j == v {
					if a := q.makeAttr(t, qSubjCue{who: who, handle: -1, cue: v}, lw, g.open); a.resolved {
						return a, true
					}
				}
				break
			}
		}
		return qAttribution{}, false
	}
	return qAttribution{}, false
}

// previousSentenceSpeaker attributes a quotation that opens a sentence,
// without a cue, to the subject of the sentence right before it (in its
// paragraph, or the last of the paragraph before) when that sentence holds
// no quotation and its verb is a speech verb ("McGurk also criticized the
// decision via Twitter.").
func (q *quoteScanner) previousSentenceSpeaker(g *qseg, idx int) (qAttribution, bool) {
	p := q.paras[g.para]
	if g.closed {
		// An attribution after the quotation that was not understood ("…,"
		// the website quoted X as saying) is not overruled.
		after := g.close + g.closeLen
		for _, w := range strings.Fields(q.body[after:q.sentEnd(after, p.e)]) {
			if qCueVerbs[strings.ToLower(strings.Trim(w, ".,;:!?"))] {
				return qAttribution{}, false
			}
		}
	}
	var lo, hi int
	if g.startsPara {
		if g.para == 0 {
			return qAttribution{}, false
		}
		pp := q.paras[g.para-1]
		lo, hi = pp.s, pp.e
	} else {
		lo, hi = p.s, g.open
		if strings.TrimSpace(q.body[lo:hi]) == "" {
			return qAttribution{}, false
		}
		if r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(q.body[lo:hi], " ")); r != '.' && r != '!' && r != '?' {
			return qAttribution{}, false // the quotation does not open a sentence
		}
	}
	end := strings.TrimRight(q.body[lo:hi], " \n")
	if len(end) < 2 {
		return qAttribution{}, false
	}
	ss := q.sentStart(lo+len(end)-1, lo) // before its own final stop
	if idx > 0 {
		if pr := &q.segs[idx-1]; pr.close+pr.closeLen > ss {
			return qAttribution{}, false // the sentence holds a quotation of its own
		}
	}
	t := qTokenize(q.body, ss, lo+len(end), nil)
	if len(t) < 3 {
		return qAttribution{}, false
	}
	a, ok := q.subjectSpeaker(t, len(t), g.open)
	if !ok || !a.resolved || a.ent == nil {
		return qAttribution{}, false
	}
	if !qCueVerbs[a.cue] && !qColonVerbs[a.cue] && (g.startsPara || a.kind != qNpName || a.ent.Type != TypePerson) {
		// Any verb only for a named person in the quotation's own
		// paragraph: "Betsy Ebeling shook her head. "…""
		return qAttribution{}, false
	}
	if a.kind == qNpPronoun || a.ent.Type != TypePerson && a.ent.Type != TypeOrg {
		return qAttribution{}, false
	}
	return a, true
}

func (q *quoteScanner) inheritIndirect(g *qseg) (qAttribution, bool) {
	var prev qSpan // the sentence before the quote
	para := g.para
	if g.startsPara {
		if g.para == 0 {
			return qAttribution{}, false
		}
		para = g.para - 1
		p := q.paras[para]
		prev = qSpan{q.sentStart(p.e, p.s), p.e}
	} else {
		// "As Heald told the Post, ozone has dropped. "Despite …"": a
		// quotation opening a sentence continues the reported speech of
		// the sentence before it.
		p := q.paras[g.para]
		e := p.s + len(strings.TrimRight(q.body[p.s:g.open], " \t\n"))
		if e <= p.s || !strings.ContainsRune(".!?", rune(q.body[e-1])) || !q.sentenceLike(g) {
			return qAttribution{}, false
		}
		prev = qSpan{q.sentStart(e-1, p.s), e}
	}
	for _, s := range q.segs {
		if s.para == para && s.close >= prev.s && s.open < prev.e {
			return qAttribution{}, false // the sentence holds a quote of its own
		}
	}
	if iq, a, ok := q.parseIndirect(prev, nil); ok && iq.SpeakerID != "" {
		return a, true
	}
	return qAttribution{}, false
}

// keepQuote decides whether a quoted group is a quotation: attributed ones
// are, except titles of works; unattributed ones only when long enough and
// not a title.
func (q *quoteScanner) keepQuote(first, last *qseg, attributed, embed bool) bool {
	text := q.body[first.cs:last.ce]
	if first.cont == false && first == last && q.namesWork(first) {
		return false
	}
	if attributed && !embed {
		return true
	}
	if qTitleCase(text) {
		return false
	}
	if attributed {
		return true
	}
	return qCountWords(text, qMinBareWords) >= qMinBareWords
}

// namesWork reports whether the word before the opening mark introduces a
// title or a term ("the film "…"", "so-called "…"").
func (q *quoteScanner) namesWork(g *qseg) bool {
	lo := max(g.open-40, q.paras[g.para].s)
	for lo > 0 && lo < g.open && !utf8.RuneStart(q.body[lo]) {
		lo++
	}
	t := qTokenize(q.body, lo, g.open, q.tbuf)
	q.tbuf = t
	if len(t) == 0 {
		return false
	}
	x := t[len(t)-1]
	if x.raw == "," && len(t) > 1 && qTitleWords[t[len(t)-2].lw] && t[len(t)-2].lw != "called" {
		return true // "his memoir, "…""
	}
	if x.word && qTitleWords[x.lw] {
		return true
	}
	if x.lw == "as" && len(t) > 1 && (t[len(t)-2].lw == "known" || t[len(t)-2].lw == "described") {
		return true
	}
	return false
}

// qTitleCase reports whether every word of a short text is capitalised and
// it has no sentence punctuation: a title, a name or a slogan.
func qTitleCase(s string) bool {
	n := 0
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		n++
		if unicode.IsLower(r) && !qSmallTitleWords[w] {
			return false
		}
	}
	if n == 0 || n > 8 {
		return false
	}
	s = strings.TrimRight(s, " ")
	return !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?")
}

var qSmallTitleWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "and": true, "in": true,
	"on": true, "for": true, "to": true, "at": true, "by": true, "or": true,
	"with": true, "from": true,
}

// qCountWords counts words of s, stopping at limit.
func qCountWords(s string, limit int) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
			if n >= limit {
				return n
			}
		}
		in = w || (in && (r == '\'' || r == '’' || r == '-'))
	}
	return n
}

// result assembles the kept direct quotes and the indirect ones, by offset,
// and settles "he" and "she": a pronoun right after an identified speaker
// the entity stage could not resolve ("UN rapporteur Jane Roe said … She
// added") stays unresolved rather than falling to another person.
func (q *quoteScanner) result() []Quote {
	type item struct {
		qt Quote
		a  qAttribution
		ok bool
	}
	var items []item
	for i := range q.segs {
		g := &q.segs[i]
		if !g.keep {
			continue
		}
		items = append(items, item{Quote{Text: q.body[g.cs:g.ce], Kind: KindDirect, Start: g.cs, End: g.ce, Paragraph: g.para}, g.attr, g.attrOK})
	}
	for i, qt := range q.ind {
		items = append(items, item{qt, q.indAttr[i], true})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].qt.Start < items[j].qt.Start })
	var last struct {
		ent        *Entity // the last speaker, when resolved
		unresolved bool    // the last speaker is identified but not resolved
		para       int
		pos        int // end of the last attributed quote or speaker
		valid      bool
	}
	out := make([]Quote, 0, len(items))
	for _, it := range items {
		qt := it.qt
		if it.ok {
			a := it.a
			if g, isHeShe := qPronounGender[strings.ToLower(q.body[a.speaker.s:a.speaker.e])]; isHeShe && a.kind == qNpPronoun && g != "" {
				switch {
				case last.valid && last.ent != nil && last.ent.Type == TypePerson && q.pronounChain(last.para, qt.Paragraph, g) &&
					(q.genderOf(last.ent) == "" || q.genderOf(last.ent) == g) &&
					!q.otherPersonBetween(last.ent, last.pos, min(qt.Start, a.speaker.s), g):
					a.ent, a.resolved = last.ent, true // the current speaker goes on
				case last.valid && last.unresolved && qt.Paragraph == last.para:
					a.ent, a.resolved = nil, false // someone the entity stage missed
				default:
					// The subject of a recent sentence rather than whoever
					// was named last ("Sarandon told MSNBC when asked
					// whether Clinton … "…," she said").
					if e := q.recentSubject(min(qt.Start, a.speaker.s), qt.Paragraph, g); e != nil {
						a.ent, a.resolved = e, true
					}
				}
			}
			if a.kind == qNpDesc && a.definite && !a.resolved && last.valid && last.ent != nil && last.ent.Type == TypePerson &&
				qt.Paragraph-last.para <= 1 && q.personDesc(a.speaker) && !qTitleCase(qt.Text) &&
				!q.otherPersonBetween(last.ent, last.pos, min(qt.Start, a.speaker.s), q.genderOf(last.ent)) {
				// "the retired neurosurgeon told REVOLT TV": a description of
				// nobody else is the current speaker.
				a.ent, a.resolved = last.ent, true
			}
			last.valid, last.para, last.pos = true, qt.Paragraph, max(qt.End, a.speaker.e)
			if a.speaker.s >= qt.End && qt.Paragraph < len(q.paras) {
				// People named in the rest of the attribution sentence ("…,"
				// said X, an adviser to Y) are not new subjects for "he".
				last.pos = max(last.pos, q.sentEnd(a.speaker.e, min(q.paras[qt.Paragraph].e, a.speaker.e+300)))
			}
			last.ent, last.unresolved = nil, false
			if a.resolved {
				last.ent = a.ent
			} else {
				last.unresolved = a.definite || a.kind == qNpPronoun
			}
			q.fill(&qt, a)
		}
		out = append(out, qt)
	}
	return out
}

// pronounChain reports whether a pronoun of gender g in paragraph to can
// still refer to the speaker of paragraph from: the next paragraph, or a
// later one when every paragraph in between opens with that pronoun ("She
// appeared to imply …").
func (q *quoteScanner) pronounChain(from, to int, g string) bool {
	if to-from <= 1 {
		return true
	}
	if to-from > 3 {
		return false
	}
	for p := from + 1; p < to; p++ {
		ws := strings.Fields(q.body[q.paras[p].s:min(q.paras[p].e, q.paras[p].s+40)])
		if len(ws) == 0 || qPronounGender[strings.ToLower(ws[0])] != g {
			return false
		}
	}
	return true
}

// otherPersonBetween reports whether a person other than e, of a gender
// compatible with g, is mentioned in [s,e2) as the subject of a sentence
// and outside quotation marks: "he" may then be them. People named inside
// a sentence ("asked whether Clinton would win") do not take over.
func (q *quoteScanner) otherPersonBetween(e *Entity, s, e2 int, g string) bool {
	if e2 <= s {
		return false
	}
	for _, sp := range q.personSpans(s, e2) {
		if sp.ent != e {
			if mg := q.genderOf(sp.ent); mg == "" || mg == g {
				return true
			}
		}
	}
	return false
}

// recentSubject returns the person of a gender compatible with g who is
// the subject of the latest sentence before pos that has a person as its
// subject, looking back to the start of the paragraph before para; nil
// when there is none.
func (q *quoteScanner) recentSubject(pos, para int, g string) *Entity {
	lo := q.paras[max(0, para-1)].s
	sps := q.personSpans(lo, pos)
	for i := len(sps) - 1; i >= 0; i-- {
		if mg := q.genderOf(sps[i].ent); mg == "" || mg == g {
			return sps[i].ent
		}
	}
	return nil
}

// personSpans returns the body mentions of people in [s,e) that open their
// sentence (after at most a few capitalised or title words: "And Clinton
// campaign chairman John Podesta") and are not inside a kept quotation.
func (q *quoteScanner) personSpans(s, e int) []ctxSpan {
	var out []ctxSpan
	for _, sp := range q.r.spansIn(s, e) {
		if sp.ent.Type != TypePerson || q.inQuote(sp.start) || !q.opensSentence(sp.start) {
			continue
		}
		out = append(out, sp)
	}
	return out
}

// inQuote reports whether byte offset pos lies inside a kept quotation.
func (q *quoteScanner) inQuote(pos int) bool {
	i := sort.Search(len(q.segs), func(i int) bool { return q.segs[i].ce > pos })
	return i < len(q.segs) && q.segs[i].cs <= pos && q.segs[i].keep
}

// opensSentence reports whether only a few words, none of them a verb-like
// lower-case word or a comma, stand between the start of the sentence and
// byte offset pos.
func (q *quoteScanner) opensSentence(pos int) bool {
	p := 0
	for p+1 < len(q.paras) && q.paras[p+1].s <= pos {
		p++
	}
	start := q.sentStart(pos, q.paras[p].s)
	// Or the clause a reporting verb introduces with "that", after an
	// introductory phrase: "PBS revealed that in December, Crown Prince X
	// accepted" (not "in the event that X …").
	if k := strings.LastIndex(q.body[start:pos], " that "); k >= 0 {
		ws := strings.Fields(q.body[start : start+k])
		if len(ws) > 0 && qPronounGender[strings.ToLower(ws[0])] != "" {
			// "She appeared to imply that Trump …": the sentence is still
			// the pronoun's, whoever its clause names.
			ws = nil
		}
		if v := ""; len(ws) > 0 {
			v = strings.ToLower(ws[len(ws)-1])
			if strings.HasSuffix(v, "ed") || qCueVerbs[v] {
				start += k + len(" that ")
				if c := strings.LastIndex(q.body[start:pos], ", "); c >= 0 && c < 25 {
					start += c + 2
				}
			}
		}
	}
	if pos-start > 60 {
		return false
	}
	n := 0
	for _, w := range strings.Fields(q.body[start:pos]) {
		n++
		r, _ := utf8.DecodeRuneInString(w)
		lw := strings.ToLower(w)
		if n > 5 || strings.ContainsAny(w, ",;:“”\"") || !unicode.IsUpper(r) && !qSubjectLeadWords[lw] && !qRoleWords[lw] {
			return false
		}
	}
	return true
}

// qSubjectLeadWords may stand before a sentence's subject.
var qSubjectLeadWords = map[string]bool{
	"the": true, "and": true, "but": true, "former": true, "then": true,
	"so": true, "also": true, "now": true, "later": true, "top": true,
}

func (q *quoteScanner) fill(qt *Quote, a qAttribution) {
	qt.Cue = a.cue
	qt.SpeakerAsWritten = q.body[a.speaker.s:a.speaker.e]
	if a.resolved && a.ent != nil {
		qt.SpeakerID, qt.SpeakerName = a.ent.ID, a.ent.Name
	}
}

// modifierName reports whether the name ending before token cj only
// modifies the description's head noun after it ("a former U.S. law
// enforcement official").
func (q *quoteScanner) modifierName(t []qTok, cj, j int) bool {
	for cj < j && t[cj].raw == "." {
		cj++
	}
	return cj < j && t[cj].word && !t[cj].up && (qRoleWords[t[cj].lw] || qDescNouns[t[cj].lw])
}

// qDescNouns are heads of descriptions that a capitalised modifier may
// precede ("a former U.S. law enforcement official").
var qDescNouns = map[string]bool{
	"law": true, "enforcement": true, "intelligence": true, "security": true,
	"military": true, "government": true, "administration": true, "campaign": true,
	"veteran": true, "staffer": true, "insider": true, "source": true, "sources": true,
	"officer": true, "worker": true, "employee": true, "resident": true, "voter": true,
}
