package quote

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// maxEmbedDistance is how many tokens a cue may stand before a quote that is
// embedded in its reported clause ("X said the plan was "reckless"") and
// still attribute it.
const maxEmbedDistance = 25

// minBareWords is the least number of words of a quote without any cue for
// it to count as a quotation rather than a scare quote or a term.
const minBareWords = 4

// attribute finds the speaker of every segment and decides which to keep.
//
// It is long because it is the order in which attributions are tried for
// each segment; each step is short and commented.
func (q *scanner) attribute() {
	var buf []text.Token
	for gi := 0; gi < len(q.segs); {
		// A group is a segment and the paragraphs that continue it.
		ge := gi + 1
		for ge < len(q.segs) && q.segs[ge].cont && !q.hasLabel(ge) {
			ge++ // (a speaker label opens a new turn of a quoted transcript)
		}
		first, last := &q.segs[gi], &q.segs[ge-1]
		var after, before attribution
		var okAfter, okBefore, embed bool
		endAt := last.close + last.closeLen
		if last.closed {
			after, endAt, okAfter, buf = q.afterCue(last, ge, buf)
		}
		before, embed, okBefore, buf = q.beforeCue(first, gi, buf)

		var a attribution
		ok := true
		usedAfter := false
		switch {
		case q.hasLabel(gi):
			// `"WALLACE: Let's start with …`: a quoted transcript's
			// turn is the labelled speaker's.
			a = q.labelAttr(gi)
		case okAfter && after.resolved && okBefore && before.resolved && (after.cue == "reported" || after.cue == "reports") &&
			before.ent.Type == news.TypePerson && after.ent.Type == news.TypeOrg:
			// `Trump said: "There will always be exceptions," the Times
			// reported`: the medium reports the person's words.
			a = before
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
		if !ok {
			// `Rep. Tomas Berg (L-Oslo):"Who told you that?"`.
			a, ok = q.leadLabel(first)
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
		if !ok && gi > 0 && countWords(q.body[first.cs:first.ce], minBareWords) >= minBareWords {
			// A second quotation in the sentence of an attributed one
			// ("… describing the "…" as making it "…"") is the same speaker's.
			if p := &q.segs[gi-1]; p.para == first.para && p.attrOK && p.attr.resolved && text.SentenceStop(q.body, p.close+p.closeLen, first.open) == first.open {
				a, ok = p.attr, true
			}
		}
		if !ok && gi > 0 && !first.startsPara {
			// `The ministry gave its "deepest sympathies" and said the
			// cases were given "…"`: a verb of saying joined by "and" after
			// an earlier quotation of the sentence shares its subject.
			a, ok = q.coordinatedCue(first, gi)
		}
		if !ok && !first.startsPara {
			// `Gutierrez was described by the CBCP as "…"`.
			a, ok = q.describedBy(first, gi)
		}
		if !ok && !first.startsPara {
			// `the legal system, which the BBC describes as "…"`.
			a, ok = q.relativeAgent(first, gi)
		}
		if !ok && !first.startsPara && countWords(q.body[first.cs:first.ce], minBareWords) >= minBareWords {
			// `Trump characterized the call as "perfectly fine and
			// routine."`: without a cue, a quotation of a few words inside a
			// sentence is its subject's when the subject is a person (scare
			// quotes of one to three words stay unattributed).
			a, ok = q.partialSubject(first, gi)
		}
		if !ok && !first.startsPara && first == last && first.closed && countWords(q.body[first.cs:first.ce], minBareWords) >= minBareWords {
			a, ok = q.sentenceEndSpeaker(first)
		}
		keep := true
		if !inherit {
			keep = q.keepQuote(first, last, ok, embed)
		}
		for k := gi; k < ge; k++ {
			g := &q.segs[k]
			g.attr, g.attrOK, g.embed, g.inherit, g.keep, g.endAt = a, ok, embed, inherit, keep, endAt
		}
		if ok && a.ent != nil && a.ent.Type == news.TypeOrg {
			q.lastOrg = a.ent
		}
		if ok {
			q.lastSpeaker, q.lastSpeakerEnd = nil, endAt
			if a.resolved {
				q.lastSpeaker = a.ent
			}
		}
		gi = ge
	}
}

// minQuotedTurns is how many quoted paragraphs must open with a speaker
// label, with two labels at least, for the labels to be read as a quoted
// transcript's turns (one "UPDATE:" inside a quotation makes none).
const minQuotedTurns = 3

// turnLabel matches a speaker label in capitals opening a quotation:
// "WALLACE: ", "SEN. BERG: ".
var turnLabel = regexp.MustCompile(`^(\p{Lu}[\p{Lu}.'’\-]*[\p{Lu}.](?: \p{Lu}[\p{Lu}.'’\-]*[\p{Lu}.]){0,2}):\s+\S`)

// hasLabel reports whether segment idx opens its paragraph with a speaker
// label of a quoted transcript (see minQuotedTurns).
func (q *scanner) hasLabel(idx int) bool {
	if !q.labelsRead {
		q.labelsRead = true
		var labels map[int]string
		first, two := "", false
		for i := range q.segs {
			g := &q.segs[i]
			if !g.startsPara || g.ce <= g.cs {
				continue
			}
			head := q.body[g.cs:min(g.ce, g.cs+60)]
			if c := head[0]; c < 'A' || c > 'Z' && c < utf8.RuneSelf || strings.IndexByte(head, ':') < 0 {
				continue // (most quotations: no regexp)
			}
			if m := turnLabel.FindStringSubmatch(head); m != nil && !text.NotSpeakerLabels[strings.ToLower(strings.TrimSuffix(m[1], "."))] {
				if labels == nil {
					labels, first = map[int]string{}, m[1]
				}
				two = two || m[1] != first
				labels[i] = m[1]
			}
		}
		if len(labels) >= minQuotedTurns && two {
			q.labels = labels // else not a transcript
		}
	}
	_, ok := q.labels[idx]
	return ok
}

// labelAttr is the attribution of a quoted transcript's turn, segment
// idx, to its label, resolved by the label's name in title case ("PENCE" is Mike
// Pence when the article names him).
func (q *scanner) labelAttr(idx int) attribution {
	g := &q.segs[idx]
	label := q.labels[idx]
	a := attribution{speaker: text.Range{Start: g.cs, End: g.cs + len(label)}, kind: npName, definite: true}
	ws := strings.Fields(strings.ToLower(label))
	for i, w := range ws {
		r, n := utf8.DecodeRuneInString(w)
		ws[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	for len(ws) > 1 && text.Honorifics[strings.TrimSuffix(strings.ToLower(ws[0]), ".")] != "" {
		ws = ws[1:]
	}
	if e, ok := q.r.ResolveName(strings.Join(ws, " ")); ok && e != nil && e.Type == news.TypePerson {
		a.ent, a.resolved = e, true
	}
	return a
}

// coordinatedCue attributes the quotation g (segment idx) to the subject
// of its sentence when an earlier quotation of the same sentence is
// followed by "and" and a verb of saying before g: `X gave its "deepest
// sympathies" and said the cases were given "…"`. The subject is looked
// for before the earlier quotation, so it must open the sentence and
// resolve to a person or an organisation.
func (q *scanner) coordinatedCue(g *seg, idx int) (attribution, bool) {
	p := &q.segs[idx-1]
	if p.para != g.para || !p.closed {
		return attribution{}, false
	}
	pe := p.close + p.closeLen
	if text.SentenceStop(q.body, pe, g.open) != g.open {
		return attribution{}, false // a new sentence since the earlier quotation
	}
	mid := tokenize(q.body, pe, g.open, nil)
	k := 0
	if k < len(mid) && mid[k].Raw == "," {
		k++
	}
	if k+1 >= len(mid) || mid[k].Lower != "and" {
		return attribution{}, false
	}
	k = skipFiller(mid, k+1)
	if k >= len(mid) || !mid[k].Is(text.Word) || mid[k].Is(text.Capitalised) || !text.CueVerbs[mid[k].Lower] || participleCue(mid[k].Lower) {
		return attribution{}, false
	}
	if countWords(q.body[g.cs:g.ce], minBareWords) < minBareWords {
		return attribution{}, false // a scare quote: `called it "propaganda"`
	}
	ss := text.SentenceStart(q.body, p.open, q.paras[g.para].Start)
	if idx > 1 && q.segs[idx-2].para == g.para && q.segs[idx-2].close+q.segs[idx-2].closeLen > ss {
		return attribution{}, false // a third quotation: the subject may be in a reported clause
	}
	t := tokenize(q.body, ss, p.open, nil)
	if len(t) < 2 {
		return attribution{}, false
	}
	a, ok := q.subjectSpeaker(t, len(t), g.open)
	if !ok || !a.resolved || a.ent == nil || a.ent.Type != news.TypePerson && a.ent.Type != news.TypeOrg {
		return attribution{}, false
	}
	a.cue = mid[k].Lower
	return a, true
}

// sentenceLike reports whether a quoted span reads like a full sentence:
// a capital first letter and at least minBareWords words.
func (q *scanner) sentenceLike(g *seg) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(q.body[g.cs:g.ce], "[("))
	return unicode.IsUpper(r) && countWords(q.body[g.cs:g.ce], minBareWords) >= minBareWords
}

// keepQuote decides whether a quoted group is a quotation: attributed ones
// are, except titles of works; unattributed ones only when long enough and
// not a title.
func (q *scanner) keepQuote(first, last *seg, attributed, embed bool) bool {
	phrase := q.body[first.cs:last.ce]
	if first.cont == false && first == last && q.namesWork(first) {
		return false
	}
	if first.cont == false && first == last && titleCaseUpTo(phrase, maxTitleWords) && q.possessedOrNamedWork(first) {
		return false // "E. J. Fleming's "The Fixers: …"", "his event, "Storm …""
	}
	if first.cont == false && first == last && titleCaseUpTo(phrase, maxTitleWords) && q.nameBeforeNoun(first) {
		return false // "a "Talk Bernie to Me" tote bag": a name on a thing
	}
	if attributed && !embed {
		return true
	}
	if titleCase(phrase) {
		return false
	}
	if attributed {
		return true
	}
	return countWords(phrase, minBareWords) >= minBareWords
}

// namesWork reports whether the word before the opening mark introduces a
// title or a term ("the film "…"", "so-called "…"").
func (q *scanner) namesWork(g *seg) bool {
	lo := max(g.open-40, q.paras[g.para].Start)
	for lo > 0 && lo < g.open && !utf8.RuneStart(q.body[lo]) {
		lo++
	}
	t := tokenize(q.body, lo, g.open, q.tbuf)
	q.tbuf = t
	if len(t) == 0 {
		return false
	}
	x := t[len(t)-1]
	if x.Raw == "," && len(t) > 1 && text.TitleWords[t[len(t)-2].Lower] && t[len(t)-2].Lower != "called" && (!cueBefore(t, len(t)-2) || titleCase(strings.TrimRight(q.body[g.cs:g.ce], ".!? "))) {
		// "his memoir, "…"", "she wrote in her memoir, "Tough Choices."",
		// but not "Day said in her autobiography, "so I'm afraid …"".
		return true
	}
	if x.Is(text.Word) && text.TitleWords[x.Lower] {
		if namingVerbsBare[x.Lower] && !titleCase(strings.TrimRight(q.body[g.cs:g.ce], ".!? ")) {
			if _, ok := relativeName(t, len(t)-1); ok {
				return false // "which the Gazette called "the coldest …"": words, no title
			}
		}
		// "The program "is gaining …"": the noun is the subject of the
		// quoted predicate, no title; nor is a phrase all in lower case
		// ("release a report "as soon as possible"").
		return !q.opensWithAuxiliary(g) && !lowerPhraseAfterNoun(q.body[g.cs:g.ce])
	}
	if x.Lower == "as" && len(t) > 1 && (t[len(t)-2].Lower == "known" || t[len(t)-2].Lower == "described") {
		return true
	}
	return false
}

// opensWithAuxiliary reports whether the quoted text of g opens with a
// lower-case finite auxiliary ("is", "has", "will"): a predicate, which no
// title or term does.
func (q *scanner) opensWithAuxiliary(g *seg) bool {
	w, _, _ := strings.Cut(q.body[g.cs:g.ce], " ")
	return text.FiniteAuxiliaries[w]
}

// nameBeforeNoun reports whether the closed quotation g stands between an
// article and a lower-case word that is no function word, verb of saying
// or auxiliary ("a "Talk Bernie to Me" tote bag", "the "Red Neck Country
// Club" honkytonk"): the name of a thing, used as its modifier.
func (q *scanner) nameBeforeNoun(g *seg) bool {
	if !g.closed || g.cs != g.open+g.openLen {
		return false
	}
	before := strings.TrimRight(q.body[q.paras[g.para].Start:g.open], " ")
	if a := strings.ToLower(before[strings.LastIndexAny(before, " \n")+1:]); a != "a" && a != "an" && a != "the" {
		return false
	}
	after := q.body[g.close+g.closeLen : min(len(q.body), g.close+g.closeLen+40)]
	if !strings.HasPrefix(after, " ") {
		return false // "…," or "…." after the mark
	}
	w, _, _ := strings.Cut(strings.TrimPrefix(after, " "), " ")
	if w == "" || !text.IsLowerWord(w) || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) >= 0 {
		return false
	}
	return !text.FunctionWords[w] && !text.CueVerbs[w] && !text.FiniteAuxiliaries[w]
}

// cueBefore reports whether a cue verb stands among the few words before
// token k: the work at k is where something was said, not a title in
// apposition.
func cueBefore(t []text.Token, k int) bool {
	for i := k - 1; i >= 0 && k-i <= 4; i-- {
		if t[i].Is(text.Word) && !t[i].Is(text.Capitalised) && text.CueVerbs[t[i].Lower] {
			return true
		}
		if !t[i].Is(text.Word) {
			return false
		}
	}
	return false
}

// possessedOrNamedWork reports whether the opening mark follows a
// possessive ("Fleming's "…"") or a comma after a noun that names a work or
// an event ("his event, "…"").
func (q *scanner) possessedOrNamedWork(g *seg) bool {
	lo := max(g.open-40, q.paras[g.para].Start)
	for lo > 0 && lo < g.open && !utf8.RuneStart(q.body[lo]) {
		lo++
	}
	t := tokenize(q.body, lo, g.open, q.tbuf)
	q.tbuf = t
	n := len(t)
	switch {
	case n == 0:
		return false
	case t[n-1].Is(text.Word) && isPossessive(t[n-1].Raw):
		return true
	case (t[n-1].Raw == "'" || t[n-1].Raw == "’") && n > 1 && strings.HasSuffix(t[n-2].Lower, "s"):
		return true
	case t[n-1].Raw == "," && n > 1 && (text.TitleWords[t[n-2].Lower] || text.NamedWorks[t[n-2].Lower]) && t[n-2].Lower != "called":
		return true
	}
	return false
}

// maxTitleWords is the most words of a title-cased span read as the title
// of a work after a possessive or its noun.
const maxTitleWords = 16

// titleCase reports whether every word of a short text is capitalised and
// it has no sentence punctuation: a title, a name or a slogan.
func titleCase(s string) bool { return titleCaseUpTo(s, 8) }

// titleCaseUpTo is titleCase for texts of at most limit words.
func titleCaseUpTo(s string, limit int) bool {
	n := 0
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		n++
		if unicode.IsLower(r) && !text.SmallTitleWords[w] {
			return false
		}
	}
	if n == 0 || n > limit {
		return false
	}
	s = strings.TrimRight(s, " ")
	return !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?")
}

// countWords counts words of s, stopping at limit.
func countWords(s string, limit int) int {
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
