// Quotes with no cue of their own: the previous quote's speaker, a statement's author and the like.

package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// inherited gives a segment without a cue the speaker of the quote it
// directly follows: the same paragraph right after the previous quote's
// attribution sentence, or a paragraph opening with a quote right after a
// paragraph whose last sentence is attributed speech.
func (q *scanner) inherited(g *seg, idx int) (attribution, bool) {
	if idx == 0 {
		return q.inheritIndirect(g)
	}
	prev := &q.segs[idx-1]
	if prev.para == g.para {
		if !prev.attrOK || !prev.keep {
			return attribution{}, false
		}
		gap := q.body[max(prev.endAt, prev.close+prev.closeLen):max(g.open, max(prev.endAt, prev.close+prev.closeLen))]
		if g := strings.TrimFunc(gap, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '.' }); g == "" || g == "and" || g == "that" || g == "But" || g == "And" || g == "Yet" {
			// (`"…," he said outside the building. But "…"`: a
			// conjunction opening the next sentence goes on with him.)
			return prev.attr, true
		}
		if ws := strings.Fields(strings.TrimLeft(gap, " ,")); len(ws) > 0 && strings.HasSuffix(ws[len(ws)-1], ".") && q.sentenceLike(g) &&
			(len(ws) <= 4 && text.BridgePreps[strings.ToLower(ws[0])] || len(ws) <= 6 && strings.HasSuffix(ws[0], "ing")) {
			// `"…," writes X on Instagram. "I have lost …"`, `"…," X
			// wrote, recalling their first meeting. "He was calm …"`: the
			// rest of the attribution is a short phrase.
			return prev.attr, true
		}
		if q.sentenceLike(g) && q.lowerSentenceRest(prev, max(prev.endAt, prev.close+prev.closeLen), gap) {
			// `"…," Clinton responded, remarking that she is "looking for
			// a team" and that the member would be her running mate. "And
			// I'm not ruling anybody out."`: the rest of the sentence of a
			// partial quotation names no one else.
			return prev.attr, true
		}
		return q.inheritIndirect(g)
	}
	if !g.startsPara {
		// The previous quote is paragraphs back: only the reported speech
		// of the sentence before ("…, Zapata said, adding …. "It's …"").
		return q.inheritIndirect(g)
	}
	if prev.para == g.para-1 && prev.attrOK && prev.keep {
		p := q.paras[prev.para]
		lastSent := text.SentenceStart(q.body, p.End, p.Start)
		if max(prev.endAt, prev.close) >= lastSent && q.lastSentenceNoOtherSpeech(p, max(prev.endAt, prev.close+prev.closeLen)) {
			return prev.attr, true
		}
	}
	return q.inheritIndirect(g)
}

// lowerSentenceRest reports whether gap, the words between the quotation
// prev and the next one, is the rest of prev's sentence: at most 25
// words, no one else named (capitalsNameNoOne), ending the sentence;
// and prev's speaker is named in that sentence, before it.
func (q *scanner) lowerSentenceRest(prev *seg, lo int, gap string) bool {
	ws := strings.Fields(gap)
	if len(ws) == 0 || len(ws) > 25 || !strings.HasSuffix(ws[len(ws)-1], ".") || strings.ContainsAny(gap, "\"“”;:?!") {
		return false
	}
	if !q.capitalsNameNoOne(lo, lo+len(gap)) {
		return false
	}
	ss := text.SentenceStart(q.body, prev.open, q.paras[prev.para].Start)
	return prev.attr.speaker.Start >= ss && prev.attr.speaker.End <= prev.open
}

// lastSentenceNoOtherSpeech reports whether nothing but punctuation and
// white space follows pos in paragraph p.
func (q *scanner) lastSentenceNoOtherSpeech(p text.Range, pos int) bool {
	if pos >= p.End {
		return true
	}
	return strings.TrimSpace(strings.Trim(q.body[pos:p.End], ".,;:!? ")) == ""
}

// statementSpeaker attributes a quotation introduced in its sentence by a
// statement, message or letter to its author: "a statement from the king",
// "a statement released by Erdogan's office" (Erdogan), "X's statement",
// "They released a statement which said" (the organisation they are).
func (q *scanner) statementSpeaker(g *seg, idx int) (attribution, bool) {
	t := q.sentenceBefore(g, idx, nil)
	for h := len(t) - 1; h >= 0; h-- {
		if t[h].Is(text.QuoteMark) {
			break
		}
		if !t[h].Is(text.Word) || !text.DescStrip[t[h].Lower] && !text.Findings[t[h].Lower] || t[h].Is(text.Capitalised) {
			continue
		}
		if text.Findings[t[h].Lower] {
			if !findingVerb(t, h) || countWords(q.body[g.cs:g.ce], minBareWords) < minBareWords {
				continue
			}
			// "PC World's recent analysis of its traffic concluded, "…"": a
			// report, analysis or memo speaks for its possessor only.
			p := h - 1
			for p > 0 && h-p <= 2 && t[p].Is(text.Word) && !t[p].Is(text.Capitalised) && !isPossessive(t[p].Raw) {
				p-- // "recent", "latest"
			}
			plural := p > 0 && (t[p].Raw == "'" || t[p].Raw == "’") && strings.HasSuffix(t[p-1].Lower, "s")
			if p < 0 || !(t[p].Is(text.Word) && isPossessive(t[p].Raw) && t[p].Is(text.Capitalised) || plural) {
				continue
			}
			i := p
			if plural {
				i = p - 1
			}
			for i > 0 && t[i-1].Is(text.Capitalised) && !text.Determiners[t[i-1].Lower] {
				i--
			}
			name := possessor(q.body[t[i].Start:t[p].End])
			name = strings.TrimRight(name, "'’")
			e, ok := q.r.ResolveName(name)
			if !ok || e == nil || e.Type != news.TypeOrg && e.Type != news.TypePerson {
				return attribution{}, false
			}
			return attribution{speaker: text.Range{Start: t[i].Start, End: t[i].Start + len(name)}, cue: "statement", kind: npName, ent: e, resolved: true, definite: true}, true
		}
		k := h + 1
		if k < len(t) && (t[k].Lower == "released" || t[k].Lower == "issued" || t[k].Lower == "published" || t[k].Lower == "posted" || t[k].Lower == "signed") {
			k++
		}
		if k+1 < len(t) && (t[k].Lower == "from" || t[k].Lower == "by") {
			if who, ok := parseNP(t, k+1); ok && who.kind != npPronoun {
				if who.kind == npName && isPossessive(t[who.j-1].Raw) || who.kind == npDesc && who.j-who.i <= 3 && isPossessive(t[who.i].Raw) {
					// "Erdogan's office": the office speaks for Erdogan.
					who = np{who.i, who.i + 1, npName}
				}
				a := q.makeAttr(t, subjCue{who: who, handle: -1, cue: h}, "statement", g.open)
				if a.resolved {
					return a, true
				}
			}
			return attribution{}, false
		}
		if h >= 1 && isPossessive(t[h-1].Raw) && t[h-1].Is(text.Capitalised) {
			who := np{h - 1, h, npName}
			if a := q.makeAttr(t, subjCue{who: who, handle: -1, cue: h}, "statement", g.open); a.resolved {
				return a, true
			}
			return attribution{}, false
		}
		if h >= 2 && isPossessive(t[h-1].Raw) && t[h-2].Lower == "the" {
			// "the judge's statement reads": the judge the article named.
			noun := possessor(t[h-1].Lower)
			if e, ok := q.r.ResolveDescription("the "+noun, t[h-2].Start); ok && e != nil && (e.Type == news.TypePerson || e.Type == news.TypeOrg) {
				sp := text.Range{Start: t[h-2].Start, End: t[h-1].Start + len(noun)}
				return attribution{speaker: sp, cue: "statement", kind: npDesc, ent: e, resolved: true, definite: true}, true
			}
			return attribution{}, false
		}
		if h >= 1 && (t[h-1].Lower == "its" || t[h-1].Lower == "their") {
			// "Its statement also read": the organisation that last spoke
			// (the one named last is often another: "decided by Congress").
			org := q.lastOrg
			if org == nil {
				return attribution{}, false
			}
			return attribution{speaker: text.Range{Start: t[h-1].Start, End: t[h-1].End}, cue: "statement", kind: npPronoun, ent: org, resolved: true}, true
		}
		if h >= 1 && t[h-1].Lower == "the" && h >= 2 && (t[h-2].Lower == "included" || t[h-2].Lower == "includes" || t[h-2].Lower == "contained") {
			continue // "Trump's tweet included the statement, "…"": its author is earlier
		}
		// "They released a statement which said": the issuer of the statement.
		for v := h - 1; v >= 1 && h-v <= 3; v-- {
			if lw := t[v].Lower; lw == "released" || lw == "issued" || lw == "published" || lw == "posted" {
				if t[v-1].Lower == "they" {
					org := q.lastOrg
					if org == nil {
						org = q.previousOrgSubject(t[0].Start, g.para)
					}
					if org != nil {
						return attribution{speaker: text.Range{Start: t[v-1].Start, End: t[v-1].End}, cue: "statement", kind: npPronoun, ent: org, resolved: true}, true
					}
				}
				if who, ok := sentenceSubject(t, 0, v); ok && who.kind == npName && who.j == v {
					if a := q.makeAttr(t, subjCue{who: who, handle: -1, cue: v}, lw, g.open); a.resolved {
						return a, true
					}
				}
				break
			}
		}
		return attribution{}, false
	}
	return attribution{}, false
}

// findingVerb reports whether a reporting verb ("concluded", "found")
// follows the document noun at h within its phrase: "X's analysis of its
// traffic concluded, "…"".
func findingVerb(t []text.Token, h int) bool {
	for k := h + 1; k < len(t) && k-h <= 8; k++ {
		if t[k].Is(text.QuoteMark) || t[k].Raw == "." || t[k].Raw == ";" {
			return false
		}
		if t[k].Is(text.Word) && !t[k].Is(text.Capitalised) && (text.CueVerbs[t[k].Lower] || t[k].Lower == "concluded" || t[k].Lower == "found") {
			return true
		}
	}
	return false
}

// previousOrgSubject returns the organisation that opens the sentence
// before the one starting at pos, in the same paragraph ("The Commission
// also criticized the move. They released a statement …"), or nil.
func (q *scanner) previousOrgSubject(pos, para int) *news.Entity {
	ps := q.paras[para].Start
	if pos <= ps {
		return nil
	}
	end := pos
	for end > ps && (q.body[end-1] == ' ' || q.body[end-1] == '\n') {
		end--
	}
	if end <= ps {
		return nil
	}
	start := text.SentenceStart(q.body, end-1, ps) // the sentence ending at end
	for _, sp := range q.r.SpansIn(start, end) {
		lead := strings.TrimSpace(q.body[start:sp.Start])
		if sp.Ent == nil || sp.Ent.Type != news.TypeOrg || lead != "" && lead != "The" && lead != "the" {
			return nil
		}
		return sp.Ent
	}
	return nil
}

// previousSentenceSpeaker attributes a quotation that opens a sentence,
// without a cue, to the subject of the sentence right before it (in its
// paragraph, or the last of the paragraph before) when that sentence holds
// no quotation and its verb is a speech verb ("McGurk also criticized the
// decision via Twitter.").
func (q *scanner) previousSentenceSpeaker(g *seg, idx int) (attribution, bool) {
	p := q.paras[g.para]
	if g.closed {
		// An attribution after the quotation that was not understood ("…,"
		// the website quoted X as saying) is not overruled.
		after := g.close + g.closeLen
		for _, w := range strings.Fields(q.body[after:text.SentenceStop(q.body, after, p.End)]) {
			if text.CueVerbs[strings.ToLower(strings.Trim(w, ".,;:!?"))] {
				return attribution{}, false
			}
		}
	}
	var lo, hi int
	if g.startsPara {
		if g.para == 0 {
			return attribution{}, false
		}
		pp := q.paras[g.para-1]
		lo, hi = pp.Start, pp.End
	} else {
		lo, hi = p.Start, g.open
		if strings.TrimSpace(q.body[lo:hi]) == "" {
			return attribution{}, false
		}
		if r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(q.body[lo:hi], " ")); r != '.' && r != '!' && r != '?' {
			return attribution{}, false // the quotation does not open a sentence
		}
	}
	end := strings.TrimRight(q.body[lo:hi], " \n")
	if len(end) < 2 {
		return attribution{}, false
	}
	ss := text.SentenceStart(q.body, lo+len(end)-1, lo) // before its own final stop
	if idx > 0 {
		if pr := &q.segs[idx-1]; pr.close+pr.closeLen > ss {
			return attribution{}, false // the sentence holds a quotation of its own
		}
	}
	t := tokenize(q.body, ss, lo+len(end), nil)
	if len(t) < 3 {
		return attribution{}, false
	}
	a, ok := q.subjectSpeaker(t, len(t), g.open)
	if !ok || !a.resolved || a.ent == nil {
		return attribution{}, false
	}
	if !text.CueVerbs[a.cue] && !text.ColonVerbs[a.cue] && (g.startsPara || a.kind != npName || a.ent.Type != news.TypePerson) {
		// Any verb only for a named person in the quotation's own
		// paragraph: "Betsy Ebeling shook her head. "…""
		return attribution{}, false
	}
	if a.kind == npPronoun || a.ent.Type != news.TypePerson && a.ent.Type != news.TypeOrg {
		return attribution{}, false
	}
	return a, true
}

// inheritIndirect lets a paragraph-opening quote continue the reported
// speech of the previous paragraph's last sentence ("Kovač said talks would
// go on.\n\n"We will not retreat."").
func (q *scanner) inheritIndirect(g *seg) (attribution, bool) {
	var prev text.Range // the sentence before the quote
	para := g.para
	if g.startsPara {
		if g.para == 0 {
			return attribution{}, false
		}
		para = g.para - 1
		p := q.paras[para]
		prev = text.Range{Start: text.SentenceStart(q.body, p.End, p.Start), End: p.End}
	} else {
		// "As Heald told the Post, ozone has dropped. "Despite …"": a
		// quotation opening a sentence continues the reported speech of
		// the sentence before it.
		p := q.paras[g.para]
		e := p.Start + len(strings.TrimRight(q.body[p.Start:g.open], " \t\n"))
		if e <= p.Start || !strings.ContainsRune(".!?", rune(q.body[e-1])) || !q.sentenceLike(g) {
			return attribution{}, false
		}
		prev = text.Range{Start: text.SentenceStart(q.body, e-1, p.Start), End: e}
	}
	for _, s := range q.segs {
		if s.para == para && s.close >= prev.Start && s.open < prev.End {
			return attribution{}, false // the sentence holds a quote of its own
		}
	}
	if iq, a, ok := q.parseIndirect(prev, nil); ok && iq.SpeakerID != "" {
		return a, true
	}
	return attribution{}, false
}
