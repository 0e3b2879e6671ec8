package quote

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// afterAccordingTo reports whether the mention at byte offset pos follows
// "according to": the source of its sentence's statement, whom a "he" or
// "she" after it most likely means ("Fitness was a big factor according
// to Kidston. "…," he said").
func (q *scanner) afterAccordingTo(pos int) bool {
	const at = "according to "
	return pos >= len(at) && strings.EqualFold(q.body[pos-len(at):pos], at)
}

// absoluteSubject reports whether a person's mention is the subject of a
// participle clause after "with": "…, with Miller describing issues with
// the signal" (Miller speaks there, whom a "he" after it may mean).
func (q *scanner) absoluteSubject(sp Span) bool {
	const with = "with "
	if sp.Start < len(with) || !strings.EqualFold(q.body[sp.Start-len(with):sp.Start], with) {
		return false
	}
	ws := strings.Fields(q.body[sp.End:min(len(q.body), sp.End+30)])
	return len(ws) > 0 && q.body[sp.End] == ' ' && len(ws[0]) > 4 && text.IsLowerWord(ws[0]) && strings.HasSuffix(ws[0], "ing")
}

// frontedClauseSubject reports whether a person's mention is the subject
// of a clause fronted before its sentence's main clause, right after the
// conjunction and followed by its verb: "Though Ms. Olivieri has spent
// most of her life there, the influx … has led to …, she said" (she is
// the one the sentence is about when its main clause names no one).
func (q *scanner) frontedClauseSubject(sp Span) bool {
	p := 0
	for p+1 < len(q.paras) && q.paras[p+1].Start <= sp.Start {
		p++
	}
	start := text.SentenceStart(q.body, sp.Start, q.paras[p].Start)
	ws := strings.Fields(q.body[start:sp.Start])
	if len(ws) == 0 || len(ws) > 2 || !subordinators[strings.ToLower(ws[0])] {
		return false
	}
	if len(ws) == 2 && text.Honorifics[strings.ToLower(strings.TrimSuffix(ws[1], "."))] == "" {
		return false
	}
	after := q.body[sp.End:min(len(q.body), sp.End+40)]
	if !strings.HasPrefix(after, " ") {
		return false // "Though Smith's team …", "Though Smith, …"
	}
	ws = strings.Fields(after)
	if len(ws) < 2 || !text.IsLowerWord(ws[0]) || text.FunctionWords[ws[0]] || text.PostModPreps[ws[0]] {
		return false
	}
	// The clause ends at a comma, before any quotation mark, within the
	// sentence.
	rest := q.body[sp.End:min(len(q.body), sp.End+200)]
	c := strings.Index(rest, ", ")
	return c > 0 && !strings.ContainsAny(rest[:c], ".;:?!“”\"")
}

// clauseComma returns the offset in s of the first comma that ends a
// clause, followed by a space or by a closing quotation mark and a space
// ("When Kovač called it "a farce," Berg left"), and the length of the
// comma, mark and space; -1 when there is none.
func clauseComma(s string) (int, int) {
	for c := 0; c < len(s); c++ {
		if s[c] != ',' {
			continue
		}
		rest := s[c+1:]
		for _, m := range []string{"", "\"", "”", "’", "''"} {
			if strings.HasPrefix(rest, m+" ") {
				return c, 1 + len(m) + 1
			}
		}
	}
	return -1, 0
}

// frontedSubjectIn returns the person of a gender compatible with g who
// is the subject of a clause fronted at the start of the reported sentence
// [s,e), when no other person is named after them in it; nil otherwise.
func (q *scanner) frontedSubjectIn(s, e int, g string) *news.Entity {
	var found *news.Entity
	for _, sp := range q.r.SpansIn(s, e) {
		if sp.Ent.Type != news.TypePerson {
			continue
		}
		if found != nil && sp.Ent != found || found == nil && !q.frontedClauseSubject(sp) {
			return nil
		}
		found = sp.Ent
	}
	if found != nil {
		if mg := q.genderOf(found); mg != "" && mg != g {
			return nil
		}
	}
	return found
}

// subordinators open a clause fronted before a sentence's main clause.
var subordinators = map[string]bool{
	"although": true, "though": true, "while": true, "whereas": true, "because": true,
	"since": true, "as": true, "when": true, "once": true, "after": true, "before": true,
}

// appositiveSubject reports whether a person's mention is the name in
// apposition of a short description opening its sentence: "Another voice
// actor, Lauren Landa, would list …" (she then opened the sentence).
func (q *scanner) appositiveSubject(sp Span) bool {
	p := 0
	for p+1 < len(q.paras) && q.paras[p+1].Start <= sp.Start {
		p++
	}
	start := text.SentenceStart(q.body, sp.Start, q.paras[p].Start)
	pre, ok := strings.CutSuffix(q.body[start:sp.Start], ", ")
	if !ok || sp.End >= len(q.body) || q.body[sp.End] != ',' || strings.ContainsAny(pre, ",;:“”\"") {
		return false
	}
	ws := strings.Fields(pre)
	if len(ws) < 2 || len(ws) > 6 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(ws[0])
	return unicode.IsUpper(r) && text.DescOpeners[strings.ToLower(ws[0])]
}

// inQuote reports whether byte offset pos lies inside a kept quotation.
func (q *scanner) inQuote(pos int) bool {
	// The first segment ending after pos.
	i, _ := slices.BinarySearchFunc(q.segs, pos, func(g seg, pos int) int {
		if g.ce > pos {
			return 1
		}
		return -1
	})
	return i < len(q.segs) && q.segs[i].cs <= pos && q.segs[i].keep
}

// opensSentence reports whether only a few words, none of them a verb-like
// lower-case word or a comma, stand between the start of the sentence and
// byte offset pos.
func (q *scanner) opensSentence(pos int) bool {
	p := 0
	for p+1 < len(q.paras) && q.paras[p+1].Start <= pos {
		p++
	}
	start := text.SentenceStart(q.body, pos, q.paras[p].Start)
	// Or the clause a reporting verb introduces with "that", after an
	// introductory phrase: "PBS revealed that in December, Crown Prince X
	// accepted" (not "in the event that X …").
	if k := strings.LastIndex(q.body[start:pos], " that "); k >= 0 {
		ws := strings.Fields(q.body[start : start+k])
		if len(ws) > 0 && text.SubjectPronouns[strings.ToLower(ws[0])] != "" {
			// "She appeared to imply that Trump …": the sentence is still
			// the pronoun's, whoever its clause names.
			ws = nil
		}
		if v := ""; len(ws) > 0 {
			v = strings.ToLower(ws[len(ws)-1])
			if strings.HasSuffix(v, "ed") || text.CueVerbs[v] {
				start += k + len(" that ")
				if c := strings.LastIndex(q.body[start:pos], ", "); c >= 0 && c < 25 {
					start += c + 2
				}
			}
		}
	}
	// Or the main clause after a fronted phrase: "With one foot on her
	// board, Ms. Gil gazed out", "After the vote, Berg left".
	if w, rest, _ := strings.Cut(q.body[start:pos], " "); frontingWords[strings.ToLower(w)] || strings.HasSuffix(w, ",") && text.SentenceAdverbs[strings.ToLower(strings.TrimSuffix(w, ","))] || frontedParticiple(w, rest) {
		// (or a sentence adverb and its comma: "Nevertheless, Berg said";
		// or a past participle's phrase: "Reached by phone, Berg declined")
		if c, n := clauseComma(q.body[start:pos]); c >= 0 && c < 160 {
			start += c + n
			// and an appositive of the fronted phrase's noun: "Like
			// Makaeff, the former customer, Roffman doesn't want …"
			if w, _, _ := strings.Cut(q.body[start:pos], " "); text.Determiners[w] && w != "this" && w != "that" {
				if c, n := clauseComma(q.body[start:pos]); c >= 0 && c < 80 && !strings.ContainsAny(q.body[start:start+c], ".;:?!\"“”") && len(strings.Fields(q.body[start:start+c])) <= 6 {
					start += c + n
				}
			}
		}
	}
	if pos-start > 60 {
		return false
	}
	ws := strings.Fields(q.body[start:pos])
	maxWords, titleRun := 5, false
	if n := len(ws); n > 0 && text.IsLowerWord(ws[n-1]) && text.DescriptorNoun(ws[n-1]) {
		// A title run right before the name: "Former Trump adviser and
		// retired general Michael Flynn".
		maxWords, titleRun = 7, true
	}
	for n, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		lw := strings.ToLower(w)
		if n >= maxWords || strings.ContainsAny(w, ",;:“”\"") || !unicode.IsUpper(r) && !text.SubjectLeadWords[lw] && !text.RoleWords[lw] && !(titleRun && text.DescriptorNoun(lw)) {
			return false
		}
	}
	return true
}

// modifierPerson reports whether a person's mention only modifies a title
// run that ends with another name: "Trump" in "Former Trump adviser and
// retired general Michael Flynn was on stage" is not the subject.
func (q *scanner) modifierPerson(sp Span) bool {
	ws := strings.Fields(q.body[sp.End:min(len(q.body), sp.End+60)])
	for i, w := range ws {
		if i >= 5 || !text.IsLowerWord(w) {
			return i > 0 && text.DescriptorNoun(ws[i-1]) && !strings.ContainsAny(ws[i-1], ",;:.") && unicode.IsUpper([]rune(w)[0])
		}
		if !text.SubjectLeadWords[w] && !text.RoleWords[w] && !text.DescriptorNoun(w) {
			return false
		}
	}
	return false
}

// frontedParticiple reports whether the sentence's first word w, and rest
// after it, open a past participle's phrase fronted before the subject:
// "Reached by phone, …", "Contacted by POLITICO, …", "Informed of the
// vote, …", "Pressed on the issue, …".
func frontedParticiple(w, rest string) bool {
	lw := strings.ToLower(w)
	if len(lw) < 5 || !strings.HasSuffix(lw, "ed") || text.IsLowerWord(w) {
		return false
	}
	next, _, _ := strings.Cut(rest, " ")
	return participlePreps[next]
}

// participlePreps follow a fronted participle: "Reached by", "Asked
// about", "Informed of", "Pressed on".
var participlePreps = map[string]bool{"by": true, "about": true, "of": true, "on": true, "for": true, "over": true}

// frontingWords open a phrase fronted before a sentence's subject.
var frontingWords = map[string]bool{
	"with": true, "after": true, "before": true, "during": true, "despite": true,
	"in": true, "on": true, "at": true, "for": true, "from": true, "like": true,
	"unlike": true, "following": true, "since": true, "while": true, "when": true,
	"as": true, "although": true, "though": true, "because": true, "if": true,
	"once": true, "until": true, "earlier": true, "later": true, "last": true,
	"speaking": true, "asked": true, "standing": true, "sitting": true,
	"amid": true, "amidst": true, "throughout": true,
	"under": true, "upon": true, "within": true, "through": true, "over": true,
}
