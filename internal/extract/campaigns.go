// A candidate's campaign as a speaker: "the Clinton campaign said".

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// campaignName returns the campaign a speaker as written names: "the
// Clinton campaign", "a Clinton campaign spokesman" → "Clinton campaign":
// one to three capitalised words, no possessive ("His campaign" names
// no one), then "campaign", and at
// most a spokesperson word after it (a spokesperson speaks for the
// campaign; an aide or an official does not).
func campaignName(asWritten string) (string, bool) {
	if !strings.Contains(asWritten, "campaign") {
		return "", false
	}
	ws := strings.Fields(asWritten)
	if len(ws) > 0 {
		switch strings.ToLower(ws[0]) {
		case "the", "a", "an":
			ws = ws[1:]
		}
	}
	if len(ws) > 0 && text.Spokes[strings.ToLower(ws[len(ws)-1])] {
		ws = ws[:len(ws)-1]
	}
	if len(ws) < 2 || len(ws) > 4 || ws[len(ws)-1] != "campaign" {
		return "", false
	}
	for _, w := range ws[:len(ws)-1] {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) || strings.ContainsAny(w, "'’") || text.PossessiveDeterminers[strings.ToLower(w)] || text.Determiners[strings.ToLower(w)] {
			return "", false
		}
	}
	return strings.Join(ws, " "), true
}

// registerCampaign adds the campaign a speaker as written names as an
// organisation, with a mention at every occurrence of its name in the
// body, which takes the place of the candidate's mention inside it ("the
// Clinton campaign" is no mention of Clinton speaking). It reports whether
// anything was added.
func (d *doc) registerCampaign(body, asWritten string) bool {
	name, ok := campaignName(asWritten)
	if !ok {
		return false
	}
	id := Slug(name)
	if id == "" {
		return false
	}
	de := d.ents[id]
	if de == nil {
		de = d.entity(id, name, news.TypeOrg)
	}
	n := len(de.e.Mentions)
	for from := 0; from < len(body); {
		k := strings.Index(body[from:], name)
		if k < 0 {
			break
		}
		start, end := from+k, from+k+len(name)
		from = end
		if isWordByteBefore(body, start) || end < len(body) && isWordByteAt(body, end) {
			continue
		}
		d.dropMentionsIn(de, start, end)
		d.mention(de, start, end)
	}
	return len(de.e.Mentions) > n
}

// dropMentionsIn removes the body mentions of entities other than de that
// lie inside [start,end), uncounting their countries.
func (d *doc) dropMentionsIn(de *docEntity, start, end int) {
	for _, o := range d.list {
		if o == de {
			continue
		}
		kept := o.e.Mentions[:0]
		for _, m := range o.e.Mentions {
			if m.Field == fieldBody && m.Start >= start && m.End <= end {
				if o.e.Country != "" {
					d.countries[o.e.Country]--
				}
				continue
			}
			kept = append(kept, m)
		}
		o.e.Mentions = kept
	}
}
