// The quotes returned, in order, with "he" and "she" settled against the people before them.

package quote

import (
	"cmp"
	"slices"
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// result assembles the kept direct quotes and the indirect ones, by offset,
// and settles "he" and "she": a pronoun right after an identified speaker
// the entity stage could not resolve ("UN rapporteur Jane Roe said … She
// added") stays unresolved rather than falling to another person.
func (q *scanner) result() []news.Quote {
	type item struct {
		qt news.Quote
		a  attribution
		ok bool
	}
	var items []item
	for i := range q.segs {
		g := &q.segs[i]
		if !g.keep {
			continue
		}
		items = append(items, item{news.Quote{Text: q.body[g.cs:g.ce], Kind: news.KindDirect, Start: g.cs, End: g.ce, Paragraph: g.para}, g.attr, g.attrOK})
	}
	for i, qt := range q.ind {
		items = append(items, item{qt, q.indAttr[i], true})
	}
	slices.SortStableFunc(items, func(a, b item) int { return cmp.Compare(a.qt.Start, b.qt.Start) })
	var last struct {
		ent        *news.Entity // the last speaker, when resolved
		unresolved bool         // the last speaker is identified but not resolved
		unnamed    string       // head noun of the last speaker when one the article does not name ("A Western banker")
		para       int
		pos        int // end of the last attributed quote or speaker
		valid      bool
	}
	out := make([]news.Quote, 0, len(items))
	var descSubject map[text.Range]*news.Entity // a description's subject, by the description's span
	var unnamedHeads map[string]bool            // heads of the unnamed speakers so far (unnamedHead)
	for _, it := range items {
		qt := it.qt
		if !it.ok && qt.Kind == news.KindDirect {
			it.a, it.ok = q.signature(qt) // "“…”" then "-President Obama, tweeting"
		}
		if it.ok {
			a := it.a
			unnamedHe := false // a.speaker is the unnamed person speaking last
			if g, isHeShe := text.SubjectPronouns[strings.ToLower(q.body[a.speaker.Start:a.speaker.End])]; isHeShe && a.kind == npPronoun && g != "" {
				var fronted *news.Entity
				if qt.Kind == news.KindIndirect && a.speaker.Start >= qt.End {
					fronted = q.frontedSubjectIn(qt.Start, qt.End, g)
				}
				switch {
				case q.unnamedAntecedent(min(qt.Start, a.speaker.Start), qt.Paragraph, g):
					a.ent, a.resolved = nil, false // "One of the victims decided …. She said"
					unnamedHe = true
				case fronted != nil:
					// "Though Ms. Olivieri has spent most of her life there,
					// the influx has led to …, she said."
					a.ent, a.resolved = fronted, true
				case last.valid && last.unnamed != "" && qt.Paragraph-last.para <= 1 && !text.GenderClash(last.unnamed, g) &&
					!q.otherPersonBetween(nil, last.pos, min(qt.Start, a.speaker.Start), g):
					// "A Western banker said …. "…," he said": the unnamed
					// speaker goes on, not someone named paragraphs before.
					a.ent, a.resolved = nil, false
					unnamedHe = true
				case last.valid && last.ent != nil && last.ent.Type == news.TypePerson && q.pronounChain(last.para, qt.Paragraph, g) &&
					(q.genderOf(last.ent) == "" || q.genderOf(last.ent) == g) &&
					!q.otherPersonBetween(last.ent, last.pos, min(qt.Start, a.speaker.Start), g):
					a.ent, a.resolved = last.ent, true // the current speaker goes on
				case last.valid && last.unresolved && qt.Paragraph == last.para:
					a.ent, a.resolved = nil, false // someone the entity stage missed
				default:
					// The subject of a recent sentence rather than whoever
					// was named last ("Sarandon told MSNBC when asked
					// whether Clinton … "…," she said").
					if e := q.recentSubject(min(qt.Start, a.speaker.Start), qt.Paragraph, g); e != nil {
						a.ent, a.resolved = e, true
					}
					if a.resolved && q.unknownNameAntecedent(min(qt.Start, a.speaker.Start), qt.Paragraph, a.ent) {
						// "Nogales said he does not expect …. "…," he
						// said": someone the entity stage did not find
						// speaks, not the one it would have.
						a.ent, a.resolved = nil, false
					}
				}
				if a.resolved && a.ent != nil && q.cueObject(a.speaker.End, a.ent) {
					a.ent, a.resolved = nil, false // "he told Rubio" is not Rubio
				}
				if a.resolved && a.ent != nil && q.genderOf(a.ent) != "" && q.genderOf(a.ent) != g {
					a.ent, a.resolved = nil, false // the last person was called "he": not this "she"
				}
				if a.resolved && a.ent != nil && q.genderOf(a.ent) == "" && qt.Kind == news.KindDirect {
					// (from direct quotations only: the referent of an
					// indirect one's pronoun is the less certain)
					// "she" does not go on with a speaker the article called "he".
					q.learned[a.ent] = g
				}
			}
			if a.kind == npDesc && a.definite && !a.resolved && last.valid && last.ent != nil && last.ent.Type == news.TypePerson &&
				qt.Paragraph-last.para <= 1 && q.personDesc(a.speaker) && !titleCase(qt.Text) && !q.otherPortfolio(a.speaker, last.ent) &&
				!q.otherGender(a.speaker, last.ent) &&
				!q.otherPersonBetween(last.ent, last.pos, min(qt.Start, a.speaker.Start), q.genderOf(last.ent)) {
				// "the retired neurosurgeon told REVOLT TV": a description of
				// nobody else is the current speaker.
				a.ent, a.resolved = last.ent, true
			}
			if a.kind == npDesc && a.definite && q.personDesc(a.speaker) && !titleCase(qt.Text) {
				// "Berg defends his plan in an advert: "…," the senator
				// says": a description is the person whose sentence it ends,
				// rather than whoever last held its title; unresolved, it
				// is the subject of the sentence before ("Holm blasted the
				// plan. "…," the Senate minority leader said").
				if s := q.ownSubject(qt, a); s != nil && q.descFits(a.speaker, s) {
					a.ent, a.resolved = s, true
					descSubject = setSubject(descSubject, a.speaker, s)
				} else if s, ok := descSubject[a.speaker]; ok {
					// The quotation after it that goes on with the same
					// attribution ("…," the senator says. "…") is the same
					// person's.
					a.ent, a.resolved = s, true
				} else if !a.resolved {
					if s := q.previousSubject(qt, a); s != nil && q.descFits(a.speaker, s) {
						a.ent, a.resolved = s, true
						descSubject = setSubject(descSubject, a.speaker, s)
					}
				}
			}
			if a.kind == npDesc && a.definite && last.valid && last.unnamed != "" && qt.Paragraph-last.para <= 1 &&
				unnamedHeads[q.descHead(a.speaker)] && len(q.personSpans(last.pos, min(qt.Start, a.speaker.Start))) == 0 {
				// "A Western banker said …. "…," he said. The banker
				// said …": the same unnamed person.
				a.ent, a.resolved = nil, false
				unnamedHe = true
			}
			last.valid, last.para, last.pos = true, qt.Paragraph, max(qt.End, a.speaker.End)
			if a.speaker.Start >= qt.End && qt.Paragraph < len(q.paras) {
				// People named in the rest of the attribution sentence ("…,"
				// said X, an adviser to Y) are not new subjects for "he".
				last.pos = max(last.pos, text.SentenceStop(q.body, a.speaker.End, min(q.paras[qt.Paragraph].End, a.speaker.End+300)))
			}
			chain := last.unnamed
			last.ent, last.unresolved, last.unnamed = nil, false, ""
			if a.resolved {
				last.ent = a.ent
			} else {
				last.unresolved = a.definite || a.kind == npPronoun
				if unnamedHe {
					last.unnamed = chain
				} else if a.kind == npDesc {
					if h := q.unnamedHead(a.speaker); h != "" {
						last.unnamed = h
						unnamedHeads = setHead(unnamedHeads, h)
					}
				}
			}
			q.fill(&qt, a)
		}
		out = append(out, qt)
	}
	return out
}

// objectCues are the verbs of an attribution whose object is the one
// spoken to: "he told Rubio", "she asked Berg".
var objectCues = map[string]bool{"told": true, "asked": true, "tells": true, "asks": true, "assured": true, "reminded": true, "warned": true, "urged": true}

// cueObject reports whether e is named right after the pronoun ending at
// byte offset end and one verb of objectCues: "…," he told Rubio. The
// one spoken to is not the speaker.
func (q *scanner) cueObject(end int, e *news.Entity) bool {
	for _, sp := range q.r.SpansIn(end, min(len(q.body), end+60)) {
		if sp.Ent != e {
			continue
		}
		ws := strings.Fields(q.body[end:sp.Start])
		return len(ws) == 1 && objectCues[strings.ToLower(ws[0])]
	}
	return false
}

// unnamedAntecedent reports whether the sentence right before the one
// holding byte offset pos (in paragraph para, or the last of the paragraph
// before when pos's sentence opens its own) is about someone the article
// does not name, who is then what "he" or "she" (gender g) means: it opens
// with "One of the", "A", "An" or "Another" and a noun for a person
// (text.PersonNouns, a role word, a noun in -ist or -ian: "One
// of the victims decided to allow her name to be made public. She said …",
// "A woman who saw the crash called the police. She said …"), or with
// "The" and a noun of text.PersonNouns or conversationNouns, no role word
// ("The driver stopped …", not "The minister"), that subject also after a fronted clause's comma ("When one
// analyst said …, the questioner quickly cut her off. "…," he said"), and
// names no person.
func (q *scanner) unnamedAntecedent(pos, para int, g string) bool {
	p := q.paras[para]
	s := text.SentenceStart(q.body, pos, p.Start)
	lo := p.Start
	if strings.TrimSpace(q.body[p.Start:s]) == "" {
		if para == 0 {
			return false
		}
		lo, s = q.paras[para-1].Start, q.paras[para-1].End
	}
	end := s
	for end > lo && (q.body[end-1] == ' ' || q.body[end-1] == '\n') {
		end--
	}
	if end <= lo {
		return false
	}
	ps := text.SentenceStart(q.body, end-1, lo)
	ws := strings.Fields(q.body[ps:end])
	if len(ws) < 3 {
		return false
	}
	k, the := 1, false
	if subordinators[strings.ToLower(ws[0])] {
		// "When one analyst said …, the questioner cut her off": the
		// main clause's subject after the fronted clause's comma.
		c := 1
		for c < len(ws)-1 && !strings.HasSuffix(ws[c], ",") {
			c++
		}
		if c >= len(ws)-2 || strings.ToLower(ws[c+1]) != "the" {
			return false
		}
		ws = ws[c+1:]
	}
	switch lw := strings.ToLower(ws[0]); {
	case lw == "one" && ws[1] == "of":
		k = 2
		if k < len(ws) && text.ArticleOrPossessive[ws[k]] {
			k++
		}
	case lw == "a" || lw == "an" || lw == "another":
	case lw == "the":
		the = true
	default:
		return false
	}
	person := false
	for i := k; i < len(ws) && i < k+3; i++ {
		w := strings.Trim(ws[i], ",.;:")
		if !text.IsLowerWord(w) || text.Adverbs[w] || text.SubjectLeadWords[w] || w == "earlier" {
			return false // "A day later, Kovač said", "A Kovač aide said"
		}
		h := strings.TrimSuffix(w, "s")
		if the && (text.PersonNouns[w] || conversationNouns[w]) {
			// "The driver stopped …": someone the article need not have
			// named, unlike "the minister", a role a named person holds.
			person = !text.GenderClash(w, g)
			break
		}
		if !the && (text.PersonNouns[w] || text.PersonNouns[h] || text.RoleWords[w] || text.RoleWords[h] || strings.HasSuffix(h, "ist") || strings.HasSuffix(h, "ian")) {
			person = !text.GenderClash(h, g)
			break
		}
		if strings.ContainsAny(ws[i], ",.;:") {
			return false // the phrase ended without a person: "A year ago, …"
		}
	}
	if !person {
		return false
	}
	for _, sp := range q.r.SpansIn(ps, end) {
		if sp.Ent.Type == news.TypePerson {
			return false
		}
	}
	return true
}

// conversationNouns are the people of an exchange a report seldom names:
// "the questioner quickly cut her off".
var conversationNouns = map[string]bool{"questioner": true, "interviewer": true, "caller": true}

// pronounChain reports whether a pronoun of gender g in paragraph to can
// still refer to the speaker of paragraph from: the next paragraph, or a
// later one when every paragraph in between opens with that pronoun ("She
// appeared to imply …").
func (q *scanner) pronounChain(from, to int, g string) bool {
	if to-from <= 1 {
		return true
	}
	if to-from > 3 {
		return false
	}
	for p := from + 1; p < to; p++ {
		if !q.opensWithPronoun(p, g) {
			return false
		}
	}
	return true
}

// otherPersonBetween reports whether a person other than e, of a gender
// compatible with g, is mentioned in [s,e2) as the subject of a sentence
// and outside quotation marks: "he" may then be them. People named inside
// a sentence ("asked whether Clinton would win") do not take over.
func (q *scanner) otherPersonBetween(e *news.Entity, s, e2 int, g string) bool {
	if e2 <= s {
		return false
	}
	for _, sp := range q.personSpans(s, e2) {
		if sp.Ent != e {
			if mg := q.genderOf(sp.Ent); mg == "" || mg == g {
				return true
			}
		}
	}
	return false
}

func (q *scanner) fill(qt *news.Quote, a attribution) {
	qt.Cue = a.cue
	qt.SpeakerAsWritten = q.body[a.speaker.Start:a.speaker.End]
	if a.resolved && a.ent != nil {
		qt.SpeakerID, qt.SpeakerName = a.ent.ID, a.ent.Name
	}
}
