package extract

import (
	"strings"
	"unicode"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// Document speakers. A speech, a statement or a readout is spoken whole by
// its speakers (news.Article.Speakers): each paragraph of its body is a
// quote of kind statement by each of them, so that quote search, the
// speaker facet and filter and the speaking country find the passages of
// speeches as they find quotations. A speaker is the article's entity of
// that name when there is one (the alias table's, or one the body
// mentions), else a new one: a country (a delegation named by its country:
// "China"), an organisation (a name ending in an organisation word:
// "Ministry of Foreign Affairs"), or a person, with the role and the
// country the corpus gives.

// statements returns the statement quotes of body by speakers, and ents
// with the speakers' entities added.
func (d *doc) statements(body string, speakers []news.DocSpeaker, ctx *docContext, ents []news.Entity) ([]news.Quote, []news.Entity) {
	var ids, names []string
	for _, sp := range speakers {
		e, more := d.docSpeaker(sp, ctx, ents)
		ents = more
		ids, names = append(ids, e.ID), append(names, e.Name)
	}
	var out []news.Quote
	for i, p := range text.Paragraphs(body) {
		s, e := p.Start, p.End
		for s < e && unicode.IsSpace(rune(body[s])) {
			s++
		}
		for e > s && unicode.IsSpace(rune(body[e-1])) {
			e--
		}
		if !strings.ContainsFunc(body[s:e], unicode.IsLetter) {
			continue
		}
		for k := range ids {
			out = append(out, news.Quote{Text: body[s:e], Kind: news.KindStatement, Start: s, End: e, Paragraph: i,
				SpeakerID: ids[k], SpeakerName: names[k], SpeakerAsWritten: speakers[k].Name})
		}
	}
	return out, ents
}

// docSpeaker is the entity of a document speaker, added to ents when new.
func (d *doc) docSpeaker(sp news.DocSpeaker, ctx *docContext, ents []news.Entity) (news.Entity, []news.Entity) {
	country := Alpha3Country(sp.Country)
	if codes := CountryCodes(sp.Country); country == "" && len(codes) == 1 {
		country = codes[0]
	}
	at := func(id string) int {
		for k := range ents {
			if ents[k].ID == id {
				return k
			}
		}
		return -1
	}
	fill := func(k int) (news.Entity, []news.Entity) {
		e := &ents[k]
		if e.Country == "" {
			e.Country = country
		}
		if e.Role == "" && e.Type == news.TypePerson {
			e.Role = sp.Role
		}
		return *e, ents
	}
	if e, ok := ctx.ResolveName(sp.Name); ok {
		if k := at(e.ID); k >= 0 {
			return fill(k)
		}
	}
	e := news.Entity{Name: sp.Name, Type: news.TypePerson, Country: country, Role: sp.Role, Mentions: []news.Mention{}}
	codes := CountryCodes(sp.Name)
	if c := Alpha3Country(sp.Name); c != "" {
		codes = []string{c}
	}
	if len(codes) == 1 {
		// A delegation named by its country (or its code) speaks as that
		// country.
		cn, _ := CountryName(codes[0])
		e = news.Entity{Name: cn, Type: news.TypePlace, Country: codes[0], Mentions: []news.Mention{}}
	} else if ws := strings.Fields(strings.ToLower(sp.Name)); len(ws) > 1 && (d.x.base.orgWords[ws[len(ws)-1]] || d.x.base.orgWords[ws[0]]) {
		e.Type, e.Role = news.TypeOrg, ""
	}
	e.ID = Slug(e.Name)
	if e.ID == "" {
		e.ID = Slug(sp.Name)
	}
	if k := at(e.ID); k >= 0 {
		return fill(k)
	}
	ents = append(ents, e)
	return e, ents
}
