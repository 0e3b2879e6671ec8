// Attribution of a quotation inside its sentence: a partial quotation's
// subject, and the agent of "described by X as".

package quote

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// sentenceBefore returns the tokens of the sentence that segment idx, g,
// opens in, up to its opening mark, after any earlier quotation of its
// paragraph.
func (q *scanner) sentenceBefore(g *seg, idx int, buf []text.Token) []text.Token {
	lo := q.paras[g.para].Start
	if idx > 0 && q.segs[idx-1].para == g.para {
		lo = q.segs[idx-1].close + q.segs[idx-1].closeLen
	}
	return tokenize(q.body, text.SentenceStart(q.body, g.open, lo), g.open, buf)
}

// partialSubject is the subject of the sentence a partial quote sits in,
// when it resolves to a person.
func (q *scanner) partialSubject(g *seg, idx int) (attribution, bool) {
	if titleCase(strings.TrimRight(q.body[g.cs:g.ce], ".!?, ")) {
		// "He received the "Hero of the Harbour", the town's highest
		// honour": a title-cased span inside a sentence with no cue is a
		// name, no words of the subject's.
		return attribution{}, false
	}
	t := q.sentenceBefore(g, idx, nil)
	if who, n, ok := speechNounSource(t); ok {
		// "comments from former minister Lena Ortiz that "…"": the
		// comments' source speaks, not the sentence's subject.
		if a := q.makeAttr(t, subjCue{who: who, handle: -1, cue: n}, t[n].Lower, g.open); a.resolved && a.ent != nil && (a.ent.Type == news.TypePerson || a.ent.Type == news.TypeOrg) {
			return a, true
		}
	}
	a, ok := attribution{}, false
	if len(t) >= 3 {
		a, ok = q.subjectSpeaker(t, len(t), g.open)
	}
	if !ok && idx > 0 {
		// `Mira Lund has painted for years, her "passion" for it "came
		// from …"`: a scare quote earlier in the sentence, unattributed,
		// does not hide the sentence's subject.
		p := &q.segs[idx-1]
		ss := text.SentenceStart(q.body, p.open, q.paras[g.para].Start)
		if p.para == g.para && !p.attrOK && countWords(q.body[p.cs:p.ce], minBareWords) < minBareWords &&
			text.SentenceStop(q.body, p.close+p.closeLen, g.open) == g.open &&
			(idx < 2 || q.segs[idx-2].para != g.para || q.segs[idx-2].close+q.segs[idx-2].closeLen <= ss) {
			if t := tokenize(q.body, ss, p.open, nil); len(t) >= 3 && !titleCase(q.body[g.cs:g.ce]) {
				a, ok = q.subjectSpeaker(t, len(t), g.open)
				ok = ok && opensSentence(t, a.speaker.Start)
			}
		}
	}
	if !ok || !a.resolved || a.ent.Type != news.TypePerson {
		return attribution{}, false
	}
	return a, true
}

// speechNouns are nouns of things said whose source "from" or "by" names.
var speechNouns = map[string]bool{
	"comments": true, "comment": true, "remarks": true, "remark": true, "statement": true, "statements": true,
	"testimony": true, "words": true, "claim": true, "claims": true, "assurance": true, "assurances": true,
	"warning": true, "warnings": true, "pledge": true, "promise": true, "assertion": true, "admission": true,
}

// speechNounSource parses a sentence ending, before a quotation, with a
// noun of speech, "from" or "by", a name (descriptors allowed) and
// "that": "2013 comments from former minister Lena Ortiz that". It
// returns the name and the noun's index.
func speechNounSource(t []text.Token) (np, int, bool) {
	n := len(t)
	if n < 4 || t[n-1].Lower != "that" {
		return np{}, 0, false
	}
	for b := n - 3; b >= 1 && n-b <= 12; b-- {
		if lw := t[b].Lower; lw != "from" && lw != "by" {
			continue
		}
		if !speechNouns[t[b-1].Lower] || t[b-1].Is(text.Capitalised) {
			return np{}, 0, false
		}
		if who, ok := parseNP(t, b+1); ok && who.kind == npName && who.j == n-1 {
			return who, b - 1, true
		}
		if who, ok := describedName(t, b+1, n-1); ok {
			return who, b - 1, true
		}
		return np{}, 0, false
	}
	return np{}, 0, false
}

// sentenceEndSpeaker attributes a quotation inside its sentence, with no
// cue of its own, to the name that ends the sentence after its last comma
// with a verb of saying, also past a later quotation of the sentence,
// where the words after the mark stop ("Given X's success, his
// endorsements will carry "a great deal of weight" and help bring
// candidates the "grass-roots firepower" they need …, DFA spokesman Neil
// Sroka said."),
// when no verb of saying comes before the quotation in the sentence
// ("Trump called her "…," Berg said" reports Trump's words).
func (q *scanner) sentenceEndSpeaker(g *seg) (attribution, bool) {
	p := q.paras[g.para]
	ss := text.SentenceStart(q.body, g.open, p.Start)
	if strings.TrimSpace(q.body[ss:g.open]) == "" {
		return attribution{}, false // the quotation opens the sentence
	}
	for _, x := range tokenize(q.body, ss, g.open, nil) {
		if x.Is(text.QuoteMark) || x.Is(text.Word) && (text.CueVerbs[x.Lower] || text.ColonVerbs[x.Lower]) {
			return attribution{}, false
		}
	}
	from := g.close + g.closeLen
	end := text.SentenceStop(q.body, from, p.End)
	t := tokenize(q.body, from, end, nil)
	for c := len(t) - 2; c >= 0; c-- {
		if t[c].Raw != "," {
			continue
		}
		sc, ok := subjectThenCue(t, c+1)
		if !ok || sc.who.kind != npName || isPassive(t, sc.cue) || !shortTail(t, sc.cue+1, true) || takesObject(t, sc.cue) {
			return attribution{}, false
		}
		for _, x := range t[:c] {
			if x.Is(text.Word) && !x.Is(text.Capitalised) && text.CueVerbs[x.Lower] {
				return attribution{}, false // another verb of saying between
			}
		}
		a := q.makeAttr(t, sc, t[sc.cue].Lower, g.open)
		return a, a.resolved && a.ent != nil && (a.ent.Type == news.TypePerson || a.ent.Type == news.TypeOrg)
	}
	return attribution{}, false
}

// opensSentence reports whether the speaker starting at byte pos opens the
// sentence t, or follows its first comma ("On Friday, Berg …"), so that it
// is no subject of a clause inside an opening phrase ("In June, after Berg
// fell ill, Ortiz …").
func opensSentence(t []text.Token, pos int) bool {
	if len(t) == 0 || t[0].Start == pos {
		return len(t) > 0
	}
	for k := 1; k+1 < len(t); k++ {
		if t[k].Raw == "," {
			return t[k+1].Start == pos
		}
	}
	return false
}

// namingVerbs end a relative clause whose object is the thing a
// quotation right after names: "which the BBC describes as "…"", "what
// Berg called "…"". "call", "dub" and "term" take the quotation without
// "as"; the others need it.
var namingVerbs = map[string]bool{
	"describes": true, "described": true, "describe": true,
	"characterizes": true, "characterized": true, "characterises": true, "characterised": true,
	"calls": true, "called": true, "call": true, "dubs": true, "dubbed": true, "terms": true, "termed": true,
}

// namingVerbsBare take the quotation without "as".
var namingVerbsBare = map[string]bool{"calls": true, "called": true, "call": true, "dubs": true, "dubbed": true, "terms": true, "termed": true}

// relativeAgent attributes a quotation right after a relative clause
// "which X describes as", "what X called" to X when X is a name: `the
// legal system, which the Harbour Gazette describes as "marred by …"`. The
// subject of the sentence is the thing named, not the speaker.
func (q *scanner) relativeAgent(g *seg, idx int) (attribution, bool) {
	t := q.sentenceBefore(g, idx, q.tbuf)
	q.tbuf = t
	n := len(t)
	v := n - 1
	if n >= 2 && t[n-1].Lower == "as" {
		v = n - 2
	}
	if v < 2 || !namingVerbs[t[v].Lower] || v == n-1 && !namingVerbsBare[t[v].Lower] {
		return attribution{}, false
	}
	who, ok := relativeName(t, v)
	if !ok {
		return attribution{}, false
	}
	a := q.makeAttr(t, subjCue{who: who, handle: -1, cue: v}, t[v].Lower, g.open)
	if !a.resolved {
		return a, true // a name, known or not, as with describedBy
	}
	return a, a.ent != nil && (a.ent.Type == news.TypePerson || a.ent.Type == news.TypeOrg)
}

// relativeName returns the name between a relative "which", "what" or
// "whom" and the verb at v ("which the BBC describes"), "the" left out.
func relativeName(t []text.Token, v int) (np, bool) {
	for b := v - 1; b >= 0 && v-b <= maxAgentWords+1; b-- {
		if lw := t[b].Lower; lw != "which" && lw != "what" && lw != "whom" {
			continue
		}
		i := b + 1
		if i+1 < v && t[i].Lower == "the" && t[i+1].Is(text.Capitalised) {
			i++
		}
		who, ok := parseNP(t, i)
		return who, ok && who.j == v && who.kind == npName
	}
	return np{}, false
}

// describingVerbs introduce an agent and "as" before a partial quotation:
// "described by the CBCP as "…"".
var describingVerbs = map[string]bool{"described": true, "characterized": true, "characterised": true, "labelled": true, "labeled": true, "branded": true}

// maxAgentWords is the most tokens of the agent between "by" and "as".
const maxAgentWords = 8

// describedBy attributes a quotation right after "described by X as" to X:
// `Gutierrez was described by the CBCP as "a strong advocate …"`, `a
// pattern described by Marine Bulletin as "rather hectic …"`. The subject
// of the sentence is the one described, not the speaker.
func (q *scanner) describedBy(g *seg, idx int) (attribution, bool) {
	t := q.sentenceBefore(g, idx, q.tbuf)
	q.tbuf = t
	n := len(t)
	if n < 4 || t[n-1].Lower != "as" {
		return attribution{}, false
	}
	for b := n - 2; b >= 1 && n-1-b <= maxAgentWords+1; b-- {
		if t[b].Lower != "by" {
			continue
		}
		if !describingVerbs[t[b-1].Lower] {
			return attribution{}, false
		}
		who, ok := parseNP(t, b+1)
		if !ok || who.j != n-1 || who.kind == npPronoun {
			return attribution{}, false
		}
		a := q.makeAttr(t, subjCue{who: who, handle: -1, cue: b - 1}, t[b-1].Lower, g.open)
		return a, a.resolved || who.kind == npName // a name, known or not

	}
	return attribution{}, false
}
