package quote

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// Indirect (reported) speech: "Kovač said (that) talks would continue",
// "Kovač told reporters …", "according to the ministry, …". The quote's text
// is the reported clause up to the end of the sentence.

// minIndirectWords is the least number of words of a reported clause.
const minIndirectWords = 3

// findIndirect looks for reported speech in every sentence that holds no
// direct quote.
func (q *scanner) findIndirect() {
	var buf []text.Token
	si := 0 // first segment not before the current sentence
	for _, p := range q.paras {
		for pos := p.Start; pos < p.End; {
			end := q.sentEndOutside(pos, p.End, si)
			for si < len(q.segs) && q.segs[si].close < pos {
				si++
			}
			if !q.overlapsSpeech(pos, end, si) {
				var iq news.Quote
				var ok bool
				var a attribution
				iq, a, ok = q.parseIndirectBuf(text.Range{Start: pos, End: end}, &buf)
				if ok {
					q.ind = append(q.ind, iq)
					q.indAttr = append(q.indAttr, a)
				}
			}
			pos = end
			for pos < p.End && text.IsSpaceByte(q.body[pos]) {
				pos++
			}
		}
	}
}

// sentEndOutside is sentEnd ignoring sentence ends inside quoted text other
// than at its very end.
func (q *scanner) sentEndOutside(pos, hi, si int) int {
	s := q.body
	for k := pos; k < hi; k++ {
		for si < len(q.segs) && q.segs[si].close+q.segs[si].closeLen <= k {
			si++
		}
		if si < len(q.segs) {
			g := &q.segs[si]
			if k >= g.cs && k < g.ce-1 {
				k = g.ce - 2 // the loop's k++ lands on the last character
				continue
			}
		}
		if (s[k] == '.' || s[k] == '!' || s[k] == '?') && text.SentenceEnd(s, k) {
			return k + 1
		}
	}
	return hi
}

// overlapsSpeech reports whether [s,e) holds a kept or attributed direct quote.
func (q *scanner) overlapsSpeech(s, e, si int) bool {
	for k := si; k < len(q.segs) && q.segs[k].open < e; k++ {
		g := &q.segs[k]
		if g.close+g.closeLen > s && (g.keep || g.attrOK) {
			return true
		}
	}
	return false
}

func (q *scanner) parseIndirect(sent text.Range, buf []text.Token) (news.Quote, attribution, bool) {
	return q.parseIndirectBuf(sent, &buf)
}

// parseIndirectBuf parses one sentence as reported speech.
func (q *scanner) parseIndirectBuf(sent text.Range, buf *[]text.Token) (news.Quote, attribution, bool) {
	t := tokenize(q.body, sent.Start, sent.End, *buf)
	*buf = t
	if len(t) < 4 {
		return news.Quote{}, attribution{}, false
	}
	// "According to X, clause."
	if t[0].Lower == "according" && t[1].Lower == "to" {
		if sc, cue, ok := cueThenSubject(t, 0); ok && sc.who.j < len(t) && t[sc.who.j].Raw == "," {
			return q.indirectQuote(t, sc.who.j+1, len(t), sc, cue)
		}
		return news.Quote{}, attribution{}, false
	}
	// "Clause, X said." and "Clause, said X." after the last comma.
	for c, tries := len(t)-2, 0; c > 2 && tries < 3; c-- {
		if t[c].Raw != "," {
			continue
		}
		tries++
		if sc, ok := subjectThenCue(t, c+1); ok && !itSubject(t, sc) && text.IndirectCues[t[sc.cue].Lower] && !isPassive(t, sc.cue) && shortTail(t, sc.cue+1, true) && !takesObject(t, sc.cue) {
			return q.indirectQuote(t, 0, c, sc, t[sc.cue].Lower)
		}
		if sc, cue, ok := cueThenSubject(t, c+1); ok && text.IndirectCues[cue] && (shortTail(t, sc.who.j, true) && (sc.who.kind != npPronoun || endsSentence(t, sc.who.j)) || sc.who.j < len(t) && t[sc.who.j].Raw == ",") {
			// ("X, who …, said he also may …": "said he" and a clause is
			// the subject's verb and the clause's subject, no inverted cue)
			return q.indirectQuote(t, 0, c, sc, cue)
		}
	}
	lo := 0 // the subject is after a wire dateline ("BRISTOL, Va, March 23 - ")
	if d := skipDateline(q.body, t[0].Start, t[len(t)-1].End); d > t[0].Start {
		for lo < len(t) && t[lo].Start < d {
			lo++
		}
	}
	for c := 1; c < len(t); c++ {
		x := t[c]
		if !x.Is(text.Word) || x.Is(text.Capitalised) {
			continue
		}
		// "clause, according to X."
		if x.Lower == "according" && c+1 < len(t) && t[c+1].Lower == "to" && t[c-1].Raw == "," {
			if sc, cue, ok := cueThenSubject(t, c); ok {
				return q.indirectQuote(t, 0, c-1, sc, cue)
			}
			return news.Quote{}, attribution{}, false
		}
		if !text.IndirectCues[x.Lower] || isPassive(t, c) {
			continue
		}
		if c <= lo {
			continue
		}
		sc, ok := subjectEndingAt(t, lo, c)
		if !ok || itSubject(t, sc) {
			continue
		}
		k := skipReportBridge(t, c+1, text.ObjectCues[x.Lower])
		if text.NeedsThat[x.Lower] && (k == 0 || t[k-1].Lower != "that") {
			return news.Quote{}, attribution{}, false // "announced three days of mourning": an object
		}
		return q.indirectQuote(t, k, len(t), sc, x.Lower)
	}
	return news.Quote{}, attribution{}, false
}

// itSubject reports whether the subject of sc is "it", which speaks only
// for the organisation of a direct quotation just before (makeAttr): no
// subject of reported speech.
func itSubject(t []text.Token, sc subjCue) bool {
	return sc.who.kind == npPronoun && t[sc.who.i].Lower == "it"
}

// takesObject reports whether the cue at c is a verb that takes an object
// (text.NeedsThat: "confirmed", "announced") followed by one ("…, Berg
// confirmed the plan of a visit"): a narrative clause, not an attribution
// of the clause before it.
func takesObject(t []text.Token, c int) bool {
	return text.NeedsThat[t[c].Lower] && c+1 < len(t) && text.Determiners[t[c+1].Lower]
}

// skipReportBridge skips what stands between a cue and its reported clause:
// an addressee ("told reporters"), time and place ("on Friday", "in a
// statement") and "that".
func skipReportBridge(t []text.Token, k int, object bool) int {
	// A "that" close by marks the clause start exactly.
	for j := k; j < len(t) && j-k < 9; j++ {
		if t[j].Lower == "that" {
			ok := true
			for _, x := range t[k:j] {
				if !x.Is(text.Word) && x.Raw != "," {
					ok = false
				}
			}
			if ok {
				return j + 1
			}
			break
		}
		if !t[j].Is(text.Word) && t[j].Raw != "," {
			break
		}
	}
	if object && k < len(t) {
		if who, ok := parseNP(t, k); ok && who.kind != npPronoun {
			k = who.j
		} else if text.Addressees[t[k].Lower] {
			k++
		}
	}
	for n := 0; n < 3 && k < len(t); n++ {
		x := t[k]
		switch {
		case x.Raw == ",":
			k++
		case x.Is(text.Word) && text.Adverbs[x.Lower] && !text.BridgePreps[x.Lower]:
			k++
		case x.Is(text.Word) && text.BridgePreps[x.Lower] && x.Lower != "to" || x.Lower == "to" && object:
			k++
			if k < len(t) && text.Determiners[t[k].Lower] {
				k++
			}
			if k < len(t) && t[k].Is(text.Capitalised) {
				for k < len(t) && t[k].Is(text.Capitalised) && t[k].Is(text.Word) {
					k++
				}
			} else {
				for m := 0; m < 3 && k < len(t) && t[k].Is(text.Word) && !text.Determiners[t[k].Lower] && t[k].Lower != "that" &&
					text.SubjectPronouns[t[k].Lower] == "" && t[k].Lower != "they" && t[k].Lower != "it"; m++ {
					k++
				}
			}
		default:
			n = 3
		}
	}
	if k < len(t) && t[k].Lower == "that" {
		k++
	}
	return k
}

// indirectQuote builds the reported clause t[k:e] into a quote.
func (q *scanner) indirectQuote(t []text.Token, k, e int, sc subjCue, cue string) (news.Quote, attribution, bool) {
	if k >= e || e > len(t) || !t[k].Is(text.Word) || text.NotClauseStart[t[k].Lower] {
		return news.Quote{}, attribution{}, false
	}
	words := 0
	for _, x := range t[k:e] {
		if x.Is(text.Word) {
			words++
		}
		if x.Is(text.QuoteMark) {
			return news.Quote{}, attribution{}, false // partly quoted: left to the direct pass
		}
	}
	if words < minIndirectWords {
		return news.Quote{}, attribution{}, false
	}
	s, end := trimSpan(q.body, skipDateline(q.body, t[k].Start, t[e-1].End), t[e-1].End, ".!?,;:")
	if end <= s {
		return news.Quote{}, attribution{}, false
	}
	a := q.makeAttr(t, sc, cue, s)
	if a.ent != nil && a.ent.Type == news.TypeOrg {
		q.lastOrg = a.ent
	}
	qt := news.Quote{Text: q.body[s:end], Kind: news.KindIndirect, Start: s, End: end, Paragraph: q.paraOf(s)}
	q.fill(&qt, a)
	return qt, a, true
}

// skipDateline returns the offset after a wire dateline opening body[s:e]
// ("ZAGREB - ", "SALVADOR, Feb 26 - "), or s when there is none.
func skipDateline(body string, s, e int) int {
	lim := min(e, s+48)
	d := -1
	for _, sep := range []string{" - ", " — ", " – "} {
		if k := strings.Index(body[s:lim], sep); k > 0 && (d < 0 || k < d) {
			d = k
		}
	}
	if d < 0 {
		return s
	}
	first := strings.FieldsFunc(body[s:s+d], func(r rune) bool { return r == ' ' || r == ',' })
	if len(first) == 0 || len(first[0]) < 2 || strings.ToUpper(first[0]) != first[0] {
		return s
	}
	n := s + d + 1
	for n < e && body[n] != ' ' {
		n++
	}
	return min(n+1, e)
}

// paraOf returns the index of the paragraph holding byte offset pos.
func (q *scanner) paraOf(pos int) int {
	lo, hi := 0, len(q.paras)
	for lo < hi {
		m := (lo + hi) / 2
		if q.paras[m].End <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return min(lo, max(len(q.paras)-1, 0))
}
