// Antecedents: the person a pronoun or a description after or before a quotation stands for, by the subjects of the sentences around it.

package quote

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// recentSubject returns the person of a gender compatible with g who is
// the subject of the latest sentence before pos that has a person as its
// subject, looking back to the start of the paragraph before para; nil
// when there is none.
func (q *scanner) recentSubject(pos, para int, g string) *news.Entity {
	lo := q.paras[max(0, para-1)].Start
	sps := q.personSpans(lo, pos)
	for i := len(sps) - 1; i >= 0; i-- {
		if mg := q.genderOf(sps[i].Ent); mg == "" || mg == g {
			return sps[i].Ent
		}
	}
	return nil
}

// setSubject records e as the subject a description at sp stands for,
// making the map on first use.
func setSubject(m map[text.Range]*news.Entity, sp text.Range, e *news.Entity) map[text.Range]*news.Entity {
	if m == nil {
		m = map[text.Range]*news.Entity{}
	}
	m[sp] = e
	return m
}

// ownSubject returns the person whose name opens the sentence holding
// the direct quotation qt, when the attribution a follows the quotation
// ("Berg defends his plan in an advert: "…," the senator says"); nil when
// the quotation opens its sentence or no name opens it.
func (q *scanner) ownSubject(qt news.Quote, a attribution) *news.Entity {
	if qt.Kind != news.KindDirect || a.speaker.Start < qt.End || qt.Paragraph >= len(q.paras) {
		return nil
	}
	s := text.SentenceStart(q.body, qt.Start, q.paras[qt.Paragraph].Start)
	return q.nameSubject(s, qt.Start, false)
}

// previousSubject returns the person whose name opens the sentence right
// before the one holding the direct quotation qt, in its paragraph, when
// the attribution a follows the quotation ("Holm blasted the
// plan. "…," the Senate minority leader said"), or comes first in a
// sentence that its description opens, after at most a short fronted
// phrase ("Holm toured the port. Sooner or later, the senator told
// reporters, "…""); nil when no name opens it. A sentence that opens its
// paragraph takes the last sentence of the paragraph before, whose name
// may have an appositive after it ("Tomas Berg, the harbour's owner,
// listed his plans." ¶ ""…," the shipping magnate told Reuters"), when
// no other person is the subject of a sentence of that paragraph.
func (q *scanner) previousSubject(qt news.Quote, a attribution) *news.Entity {
	if qt.Kind != news.KindDirect || qt.Paragraph >= len(q.paras) {
		return nil
	}
	p := q.paras[qt.Paragraph]
	anchor := qt.Start
	if a.speaker.Start < qt.End {
		if a.speaker.Start < p.Start {
			return nil
		}
		// "The Florida senator told reporters …, and "…"": a
		// description opening its sentence, after at most a short
		// fronted phrase ("Sooner or later, the governor told …").
		ss := text.SentenceStart(q.body, a.speaker.Start, p.Start)
		pre := strings.TrimSpace(q.body[ss:a.speaker.Start])
		if pre != "" && (!strings.HasSuffix(pre, ",") || strings.Count(pre, ",") > 1 || len(strings.Fields(pre)) > 4) {
			return nil
		}
		anchor = ss
	}
	end := text.SentenceStart(q.body, anchor, p.Start)
	for end > p.Start && text.IsSpaceByte(q.body[end-1]) {
		end--
	}
	if end <= p.Start {
		if qt.Paragraph == 0 || strings.TrimSpace(q.body[p.Start:anchor]) != "" && !isOpeningMark(q.body[p.Start:anchor]) {
			return nil
		}
		pp := q.paras[qt.Paragraph-1]
		end = pp.End
		for end > pp.Start && text.IsSpaceByte(q.body[end-1]) {
			end--
		}
		if end <= pp.Start || q.inQuote(end-1) {
			return nil
		}
		e := q.nameSubject(text.SentenceStart(q.body, end-1, pp.Start), end, true)
		for _, sp := range q.personSpans(pp.Start, end) {
			if sp.Ent != e {
				return nil // "Trump called upon de Blasio …. De Blasio disbanded …": either
			}
		}
		return e
	}
	return q.nameSubject(text.SentenceStart(q.body, end-1, p.Start), end, false)
}

// isOpeningMark reports whether s is only a quotation mark that opens
// a quotation.
func isOpeningMark(s string) bool {
	s = strings.TrimSpace(s)
	return s == "\"" || s == "“" || s == "''" || s == "‘"
}

// nameSubject returns the person whose mention opens the sentence that
// starts at s (after at most three capitalised words: "New Jersey Gov.
// Chris Christie") and is followed, past a parenthesis, by a lower-case
// word that is no possessive, no passive's "was" or "is"
// (text.PassiveAux), no "of" or "and": the subject of an active verb.
// nil otherwise. With appos, an appositive between commas may stand
// between the name and its verb ("Tomas Berg, the harbour's owner and a
// former sailor, listed …").
func (q *scanner) nameSubject(s, end int, appos bool) *news.Entity {
	for _, sp := range q.r.SpansIn(s, end) {
		if sp.Ent.Type != news.TypePerson || q.inQuote(sp.Start) {
			continue
		}
		pre := strings.Fields(q.body[s:sp.Start])
		if r, _ := utf8.DecodeRuneInString(q.body[sp.Start:]); len(pre) > 3 || !unicode.IsUpper(r) {
			return nil // "Nothing the president said …": no name opens it
		}
		for _, w := range pre {
			if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) || text.FunctionWords[strings.ToLower(w)] || appos && text.Determiners[strings.ToLower(w)] {
				return nil // (and "One Reagan administration official said")
			}
		}
		reach := 80
		if appos {
			reach = 240
		}
		rest := strings.TrimLeft(q.body[sp.End:min(end, sp.End+reach)], " ")
		if strings.HasPrefix(rest, "(") {
			if k := strings.IndexByte(rest, ')'); k > 0 {
				rest = strings.TrimLeft(rest[k+1:], " ")
			}
		}
		if r, ok := strings.CutPrefix(rest, ", "); ok && appos {
			c, n := clauseComma(r)
			if c < 0 || strings.ContainsAny(r[:c], ".;:?!") {
				return nil
			}
			rest = r[c+n:]
		}
		w, _, _ := strings.Cut(rest, " ")
		if !text.IsLowerWord(w) || text.PassiveAux[w] || text.PostModPreps[w] || w == "and" {
			return nil
		}
		return sp.Ent
	}
	return nil
}

// descFits reports whether the description sp may stand for the person
// e: its head is a lower-case noun of a person ("the Smithsonian
// Institution" is a name, "the lawsuit" no person), of no gender other
// than e's ("the mother" is not a man), and names no other portfolio
// than e's titles.
func (q *scanner) descFits(sp text.Range, e *news.Entity) bool {
	h := personDescHead(strings.Fields(q.body[sp.Start:sp.End]))
	if !text.IsLowerWord(h) || !text.DescriptorNoun(h) && !text.PersonTitles[h] && !text.PersonNouns[h] && !strings.HasSuffix(h, "man") {
		return false
	}
	g := q.genderOf(e)
	if text.GenderClash(h, g) || g == "" && (text.FemaleNouns[h] || text.MaleNouns[h]) {
		return false
	}
	return !q.otherPortfolio(sp, e)
}

// personSpans returns the body mentions of people in [s,e) that open their
// sentence (after at most a few capitalised or title words: "And Clinton
// campaign chairman John Podesta") and are not inside a kept quotation.
func (q *scanner) personSpans(s, e int) []Span {
	var out []Span
	for _, sp := range q.r.SpansIn(s, e) {
		if sp.Ent.Type != news.TypePerson || q.inQuote(sp.Start) || !q.opensSentence(sp.Start) && !q.appositiveSubject(sp) && !q.afterAccordingTo(sp.Start) && !q.absoluteSubject(sp) && q.possessiveAppositive(sp) == nil || q.modifierPerson(sp) {
			continue
		}
		out = append(out, sp)
	}
	return out
}

// priorSentence returns the span of the sentence right before the one
// holding byte offset pos in paragraph para: the one before it in the
// paragraph, or the last of the paragraph before when pos's sentence opens
// its own.
func (q *scanner) priorSentence(pos, para int) (int, int, bool) {
	p := q.paras[para]
	s := text.SentenceStart(q.body, pos, p.Start)
	lo := p.Start
	if strings.TrimSpace(q.body[p.Start:s]) == "" {
		if para == 0 {
			return 0, 0, false
		}
		lo, s = q.paras[para-1].Start, q.paras[para-1].End
	}
	end := s
	for end > lo && (q.body[end-1] == ' ' || q.body[end-1] == '\n') {
		end--
	}
	if end <= lo {
		return 0, 0, false
	}
	return text.SentenceStart(q.body, end-1, lo), end, true
}

// unknownNameAntecedent reports whether the sentence right before the one
// holding byte offset pos opens with a name the entity stage did not find
// (one to five capitalised words, no mention of anyone or anything known
// among them, not a function word first) and then a verb of speech: "Nogales
// said he does not expect …", "Zoran Popov, a research fellow …, said". A
// "he" or "she" after it most likely means that person, whom the quote
// cannot name.
func (q *scanner) unknownNameAntecedent(pos, para int, cand *news.Entity) bool {
	ps, end, ok := q.priorSentence(pos, para)
	if !ok {
		return false
	}
	ws := strings.Fields(q.body[ps:end])
	k := 0
	for k < len(ws) && k < 5 {
		w := ws[k]
		r, _ := utf8.DecodeRuneInString(w)
		bare := strings.TrimRight(w, ",")
		if !unicode.IsUpper(r) || k == 0 && (text.FunctionWords[strings.ToLower(bare)] || text.Determiners[strings.ToLower(bare)]) {
			break
		}
		k++
		if bare != w {
			break
		}
	}
	if k == 0 || k >= len(ws) {
		return false
	}
	runEnd := ps + strings.Index(q.body[ps:end], ws[k-1]) + len(ws[k-1])
	run := strings.TrimRight(q.body[ps:runEnd], ",")
	if len(q.r.SpansIn(ps, runEnd)) > 0 {
		return false
	}
	if cand != nil && slices.Contains(strings.Fields(cand.Name), strings.TrimRight(ws[k-1], ",")) {
		return false // "Ms. Sherry said": a mention of the one "he" goes to that the entity stage left out
	}
	if k == 1 && !q.nameElsewhere(run) {
		return false // "Nobody asked", "Allies say", "Republicans told Gray"
	}
	next := ws[k]
	if strings.HasSuffix(ws[k-1], ",") {
		// "Zoran Popov, senior research fellow at …, said": past one
		// appositive to the verb.
		rest := q.body[runEnd:end]
		c, n := clauseComma(rest[1:])
		if c < 0 {
			return false
		}
		next, _, _ = strings.Cut(rest[1+c+n:], " ")
	}
	return text.CueVerbs[next]
}

// nameElsewhere reports whether the capitalised word w stands somewhere
// in the body inside a sentence, where only a name is capitalised: after a
// lower-case word, a comma or another capitalised word ("said Nogales",
// "Finance Minister Nogales"); not a group's plural ("Republicans",
// "Democrats", "Americans").
func (q *scanner) nameElsewhere(w string) bool {
	lw := strings.ToLower(w)
	if h, ok := strings.CutSuffix(lw, "s"); ok && (strings.HasSuffix(h, "an") || strings.HasSuffix(h, "crat") || strings.HasSuffix(h, "ist")) {
		return false
	}
	for off := 0; ; {
		i := strings.Index(q.body[off:], w)
		if i < 0 {
			return false
		}
		at := off + i
		off = at + len(w)
		if r, _ := utf8.DecodeRuneInString(q.body[off:]); at < 2 || unicode.IsLetter(r) || r == '-' || q.body[at-1] != ' ' {
			continue
		}
		prev := q.body[:at-1]
		pw := prev[strings.LastIndexAny(prev, " \n")+1:]
		if t := strings.TrimRight(pw, "\"”'’"); t != pw && strings.HasSuffix(t, ",") {
			return true // "…," Nogales said
		}
		if r, _ := utf8.DecodeLastRuneInString(pw); pw == "" || strings.ContainsRune(".!?\"”'’:;", r) {
			continue // a sentence's first word
		}
		if r, _ := utf8.DecodeRuneInString(pw); unicode.IsLower(r) || strings.HasSuffix(pw, ",") || unicode.IsUpper(r) && !text.FunctionWords[strings.ToLower(pw)] {
			return true
		}
	}
}

// possessiveAppositive returns the person whose possessive opens the
// sentence of the mention sp and heads the description sp is in
// apposition to, when sp is followed by a comma: "Sanders's campaign
// manager, Jeff Weaver, appeared on MSNBC" (Weaver is the subject, not
// Sanders); nil otherwise.
func (q *scanner) possessiveAppositive(sp Span) *news.Entity {
	if sp.End >= len(q.body) || q.body[sp.End] != ',' || sp.Start < 2 || q.body[sp.Start-2:sp.Start] != ", " {
		return nil
	}
	lo := max(0, sp.Start-80)
	for _, o := range q.r.SpansIn(lo, sp.Start) {
		if o.Ent.Type != news.TypePerson || o.Ent == sp.Ent || !q.opensSentence(o.Start) {
			continue
		}
		rest, ok := strings.CutPrefix(q.body[o.End:sp.Start-2], "'s ")
		if !ok {
			rest, ok = strings.CutPrefix(q.body[o.End:sp.Start-2], "’s ")
		}
		if ws := strings.Fields(rest); ok && len(ws) >= 1 && len(ws) <= 4 && !strings.ContainsAny(rest, ",.;:\"“”") && text.IsLowerWord(ws[len(ws)-1]) {
			return o.Ent
		}
	}
	return nil
}
