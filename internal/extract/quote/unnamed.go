// Speakers the article does not name, and the "he" and "the banker" after them.

package quote

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// unnamedHead returns the head noun of the speaker as written at sp when it
// is one person the article does not name: an indefinite description ("A
// Western banker", "a senior official", "another analyst") or a definite
// one with an indefinite complement ("The Peking representative of a
// Japanese securities house"), or one counted out of a group ("One pastor
// supporting Kovač", "one trader"), its head a singular noun of a person
// (text.PersonNouns, text.GroupNouns, text.DescriptorNoun). "" otherwise:
// a plural ("Officials"), a name, a description without a determiner
// ("Trade official"), or one of the article's known roles ("the minister").
func (q *scanner) unnamedHead(sp text.Range) string {
	ws := strings.Fields(strings.ToLower(q.body[sp.Start:sp.End]))
	if len(ws) < 2 {
		return ""
	}
	the := false
	switch ws[0] {
	case "a", "an", "another", "one":
	case "the":
		the = true
	default:
		return ""
	}
	h := ""
	of := -1
	for i := 1; i < len(ws); i++ {
		w := strings.Trim(ws[i], ".,;:")
		if w == "of" || w == "for" || w == "at" || w == "from" || w == "with" || w == "in" {
			of = i
			break
		}
		if (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed")) && h != "" && (text.PersonNouns[h] || text.DescriptorNoun(h)) {
			break // "One pastor supporting Kovač": the head is before the participle
		}
		h = w
		if strings.HasSuffix(ws[i], ",") {
			break
		}
	}
	if the && (of < 0 || of+1 >= len(ws) || ws[of+1] != "a" && ws[of+1] != "an") {
		return "" // "the banker" is someone the article may have named
	}
	if h == "" || strings.HasSuffix(h, "s") && !strings.HasSuffix(h, "ss") || strings.HasSuffix(h, "men") ||
		text.NotPersonHeads[h] || text.OrgDescHeads[h] || text.Spokes[h] {
		// (a spokesman speaks for the organisation or person named
		// around him, whom the description may not name)
		return ""
	}
	if !text.PersonNouns[h] && !text.GroupNouns[h] && !text.DescriptorNoun(h) {
		return ""
	}
	if conversationNouns[h] {
		return "" // "one questioner claimed …. "You're right," he said": the one answering
	}
	if q.appositiveOfName(sp) {
		return "" // "Steve Roe, a supply manager with a gas broker, said"
	}
	return h
}

// appositiveOfName reports whether the description at sp is set off by a
// comma right after or right before the name of a person: "Steve Roe, a
// supply manager, said", "a supply manager, Steve Roe, said".
func (q *scanner) appositiveOfName(sp text.Range) bool {
	for _, n := range q.r.SpansIn(max(0, sp.Start-80), min(len(q.body), sp.End+80)) {
		if n.Ent == nil || n.Ent.Type != news.TypePerson {
			continue
		}
		if n.End <= sp.Start && strings.TrimSpace(q.body[n.End:sp.Start]) == "," ||
			n.Start >= sp.End && strings.TrimSpace(q.body[sp.End:n.Start]) == "," {
			return true
		}
	}
	return false
}

// descHead returns the head noun of a definite description ("the banker",
// "The Western banker" → "banker"), "" when sp is no such description.
func (q *scanner) descHead(sp text.Range) string {
	ws := strings.Fields(strings.ToLower(q.body[sp.Start:sp.End]))
	if len(ws) < 2 || ws[0] != "the" {
		return ""
	}
	return strings.Trim(ws[len(ws)-1], ".,;:")
}

// setHead adds h to m, making the map on first use.
func setHead(m map[string]bool, h string) map[string]bool {
	if m == nil {
		m = map[string]bool{}
	}
	m[h] = true
	return m
}

// personHeaded reports whether the description who ends with a lower-case
// noun of a person (text.PersonHead: "the CNN host", "The USDA
// meteorologist", "the Bank of Japan official"): the organisation named
// inside it is then not the speaker.
func personHeaded(t []text.Token, who np) bool {
	last := t[who.j-1]
	return !last.Is(text.Capitalised) && text.PersonHead(last.Lower)
}

// personDescHead returns the head noun of the words ws of a description
// of a person: the last word, or the noun of a person before "of" ("the
// 34-year-old mother of three" → "mother", "the head of the agency" →
// "head").
func personDescHead(ws []string) string {
	for i := 2; i < len(ws); i++ {
		if strings.ToLower(ws[i]) == "of" {
			if w := strings.ToLower(ws[i-1]); text.PersonNouns[w] || text.RoleWords[w] {
				return ws[i-1]
			}
			break
		}
	}
	return strings.Trim(ws[len(ws)-1], ".,;:")
}

// otherGender reports whether the description at sp names a person of the
// other gender than e: "the mother of three" is not the man who spoke last.
func (q *scanner) otherGender(sp text.Range, e *news.Entity) bool {
	h := strings.ToLower(personDescHead(strings.Fields(q.body[sp.Start:sp.End])))
	return text.GenderClash(h, q.genderOf(e))
}

// opensWithPronoun reports whether paragraph p's first sentence has the
// pronoun of gender g for subject: opening with it ("She appeared to imply
// …") or right after a fronted clause's comma ("When the interview turned
// to Kovač, he offered his thoughts on …").
func (q *scanner) opensWithPronoun(p int, g string) bool {
	ws := strings.Fields(q.body[q.paras[p].Start:min(q.paras[p].End, q.paras[p].Start+300)])
	if len(ws) == 0 {
		return false
	}
	if text.SubjectPronouns[strings.ToLower(ws[0])] == g {
		return true
	}
	if !subordinators[strings.ToLower(ws[0])] {
		return false
	}
	for i := 1; i+1 < len(ws); i++ {
		if strings.ContainsAny(ws[i], ".;:!?") {
			return false
		}
		if strings.HasSuffix(ws[i], ",") {
			return text.SubjectPronouns[strings.ToLower(ws[i+1])] == g
		}
	}
	return false
}
