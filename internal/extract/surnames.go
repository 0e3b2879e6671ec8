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

// mergeNameVariants makes one person of two that the article names with
// the same first and last word, one in these two words alone and the other
// with more between them ("Paul Ryan" and "Paul D. Ryan", "Nancy Reagan"
// and "Nancy Davis Reagan"): the one named first keeps both. A name of two
// words that more than one fuller name holds ("George Bush" beside "George
// H. W. Bush" and "George W. Bush") stays as it is, and so do two fuller
// names ("George W. Bush" is not "George H. W. Bush") and a fuller name
// that follows a noun of a relative ("her mother, Gloria Morgan
// Vanderbilt" is not Gloria Vanderbilt). title and body are the article's.
func (d *doc) mergeNameVariants(title, body string) {
	var people []*docEntity
	for _, de := range d.list {
		if de.e.Type == news.TypePerson && len(de.e.Mentions) > 0 && strings.Contains(de.e.Name, " ") {
			people = append(people, de)
		}
	}
	if len(people) < 2 {
		return
	}
	words := make(map[*docEntity][]string, len(people))
	for _, de := range people {
		words[de] = strings.Fields(text.FoldName(de.e.Name))
	}
	for _, short := range people {
		ws := words[short]
		if len(short.e.Mentions) == 0 || len(ws) != 2 {
			continue
		}
		var long *docEntity
		n := 0
		for _, de := range people {
			if de != short && len(de.e.Mentions) > 0 && middleVariant(ws, words[de]) && !kinNamed(de, title, body) {
				long = de
				n++
			}
		}
		if n != 1 {
			continue
		}
		keep, drop := long, short
		if short.order < long.order {
			keep, drop = short, long
		}
		d.absorb(keep, drop)
	}
}

// kinNamed reports whether a mention of de follows a noun of a relative,
// after at most one more word and a comma ("her widowed mother, Gloria
// Morgan Vanderbilt", "his son Hunter Biden").
func kinNamed(de *docEntity, title, body string) bool {
	for _, m := range de.e.Mentions {
		src := body
		if m.Field == fieldTitle {
			src = title
		}
		if m.Start > len(src) {
			continue
		}
		ws := strings.Fields(strings.ToLower(src[max(0, m.Start-40):m.Start]))
		for i := len(ws) - 1; i >= 0 && i >= len(ws)-2; i-- {
			if text.KinNouns[strings.Trim(ws[i], ",")] {
				return true
			}
		}
	}
	return false
}

// middleVariant reports whether the name long (folded words) has the
// first and last word of the two-word name short and more words between,
// or its last word and a given name of which short's first is a short
// form ("Ken Starr", "Kenneth W. Starr").
func middleVariant(short, long []string) bool {
	if len(short) != 2 || len(long) < 2 || short[1] != long[len(long)-1] {
		return false
	}
	if short[0] == long[0] {
		return len(long) > 2
	}
	return text.Nickname(short[0], long[0]) // "Ken Starr" and "Kenneth Starr"
}

// absorb makes every mention of drop a mention of keep, with drop's alias
// forms, and keep's role and gender where it has none; the country counts
// follow the mentions.
func (d *doc) absorb(keep, drop *docEntity) {
	keep.e.Mentions = append(keep.e.Mentions, drop.e.Mentions...)
	if drop.e.Country != "" {
		d.countries[drop.e.Country] -= len(drop.e.Mentions)
	}
	if keep.e.Country != "" {
		d.countries[keep.e.Country] += len(drop.e.Mentions)
	}
	keep.forms = append(keep.forms, drop.forms...)
	if keep.e.Role == "" {
		keep.e.Role = drop.e.Role
	}
	if keep.gender == "" {
		keep.gender = drop.gender
	}
	drop.e.Mentions = nil
	drop.absorbed = true
}
