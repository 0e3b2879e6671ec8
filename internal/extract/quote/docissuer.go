// "it" after a sentence about a document from an organisation.

package quote

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// documentIssuer returns the organisation that issued the document the
// sentence before byte offset before is about, when that sentence opens
// with the document ("Thursday's memo from the panel seemed aimed at …"),
// "from" or "by" and the organisation, named or described: "it" in the
// quotation's attribution is that document, and its issuer speaks
// ("…," it stated).
func (q *scanner) documentIssuer(before int) (*news.Entity, bool) {
	end := before
	for end > 0 && (q.body[end-1] == ' ' || q.body[end-1] == '\n' || q.body[end-1] == '\t') {
		end--
	}
	if end == 0 {
		return nil, false
	}
	start := text.SentenceStart(q.body, end-1, max(0, end-400))
	if head := q.body[start:min(end, start+80)]; !strings.Contains(head, " from ") && !strings.Contains(head, " by ") {
		return nil, false // (no document "from" or "by" anyone opens the sentence)
	}
	t := tokenize(q.body, start, end, nil)
	for k := 0; k < len(t) && k < 5; k++ {
		if t[k].Is(text.QuoteMark) {
			return nil, false
		}
		if !t[k].Is(text.Word) || !isDocument(t[k].Lower) {
			continue
		}
		if k+2 >= len(t) || t[k+1].Lower != "from" && t[k+1].Lower != "by" {
			return nil, false
		}
		who, ok := parseNP(t, k+2)
		if !ok || who.kind != npName && who.kind != npDesc {
			return nil, false
		}
		if who.kind == npDesc {
			// "the panel seemed aimed at …": the description ends at its
			// first head noun followed by a lower-case word.
			for m := who.i + 2; m < who.j; m++ {
				if h := t[m-1].Lower; (text.DescHeads[h] != nil || text.OrgHeads[h] || text.OrgDescHeads[h]) && t[m].Is(text.Word) && !t[m].Is(text.Capitalised) {
					who.j = m
					break
				}
			}
		}
		sp := text.Range{Start: t[who.i].Start, End: t[who.j-1].End}
		if e, ok := q.r.EntityAt(sp.Start, sp.End); ok && e != nil && e.Type == news.TypeOrg {
			return e, true
		}
		if who.kind == npDesc && text.Definite[t[who.i].Lower] {
			if e, ok := q.r.ResolveDescription(q.body[sp.Start:sp.End], sp.Start); ok && e != nil && e.Type == news.TypeOrg {
				return e, true
			}
		}
		return nil, false
	}
	return nil, false
}
