// A quotation signed in the paragraph after it: "-President Obama, tweeting after the speech."

package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// signature returns the attribution of a quotation that fills its
// paragraph, marks and final punctuation aside, and whose next paragraph
// opens with a dash and the name of a person or an organisation, after at
// most a few capitalised titles: the signature of a pull quote or of a
// quoted tweet ("“Great speech. …”" then "-President Obama, tweeting after
// Clinton's speech."; "-Michelle Marks, Philadelphia.").
func (q *scanner) signature(qt news.Quote) (attribution, bool) {
	if qt.Paragraph+1 >= len(q.paras) {
		return attribution{}, false
	}
	p := q.paras[qt.Paragraph]
	if strings.Trim(q.body[p.Start:qt.Start], " \"“”'‘’") != "" || strings.Trim(q.body[qt.End:p.End], " .,!?\"“”'‘’") != "" {
		return attribution{}, false
	}
	n := q.paras[qt.Paragraph+1]
	s := n.Start
	for s < n.End && q.body[s] == ' ' {
		s++
	}
	r, size := utf8.DecodeRuneInString(q.body[s:])
	if r != '-' && r != '–' && r != '—' {
		return attribution{}, false
	}
	s += size
	for s < n.End && q.body[s] == ' ' {
		s++
	}
	stop := strings.IndexAny(q.body[s:n.End], ",.;:(")
	if stop < 0 {
		stop = n.End - s
	}
	for _, sp := range q.r.SpansIn(s, s+stop) {
		if sp.Ent.Type != news.TypePerson && sp.Ent.Type != news.TypeOrg {
			continue
		}
		for _, w := range strings.Fields(q.body[s:sp.Start]) {
			if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
				return attribution{}, false // "-a reader in Philadelphia"
			}
		}
		return attribution{speaker: text.Range{Start: sp.Start, End: sp.End}, kind: npName, ent: sp.Ent, resolved: true, definite: true}, true
	}
	return attribution{}, false
}
