// A surname written alone that the alias table gives to someone the article never names.

package extract

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// mergeAliasSurnames turns the mentions of a known person (an alias-table
// entry) that the article only ever writes as a one-word surname
// ("Schroeder", which the alias table gives to Gerhard Schröder) into
// mentions of the one person of the article named in full with that
// surname ("former Colorado Rep. Pat Schroeder"): the article's own
// person, not the famous one it never names.
func (d *doc) mergeAliasSurnames() {
	for _, de := range d.list {
		if de.e.Type != news.TypePerson || len(de.e.Mentions) == 0 || !strings.Contains(de.e.Name, " ") {
			continue
		}
		w := ""
		for _, m := range de.e.Mentions {
			if strings.ContainsAny(m.Text, " \u00a0") || w != "" && text.FoldName(m.Text) != w {
				w = ""
				break
			}
			w = text.FoldName(m.Text)
		}
		if w == "" || strings.HasSuffix(text.FoldName(de.e.Name), " "+w) {
			continue // (named in full, or written as its own surname: mergeSurnamePlaces's case)
		}
		per := d.personBySurname(w)
		if per == nil || per == de || !namedInFull(per) {
			continue
		}
		per.e.Mentions = append(per.e.Mentions, de.e.Mentions...)
		if de.e.Country != "" {
			d.countries[de.e.Country] -= len(de.e.Mentions)
		}
		if per.e.Country != "" {
			d.countries[per.e.Country] += len(de.e.Mentions)
		}
		de.e.Mentions = nil
	}
}

// namedInFull reports whether the article writes a person's name with
// two words or more at least once.
func namedInFull(de *docEntity) bool {
	for _, m := range de.e.Mentions {
		if strings.Contains(m.Text, " ") {
			return true
		}
	}
	return false
}
