package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// This file registers speakers the entity stage missed, between two quote
// passes. A capitalised name in speaker position of a cue ("…," said
// Zinichev; Sarandon, 69, told MSNBC) names a person or organisation even
// when the recogniser did not produce it. Registered before the second
// pass, it takes part in attribution: a later "she said" resolves to it
// rather than to an earlier, better-known person, and a bare surname
// resolves to the full name given earlier in the article.

// speakerName returns the name-like part of a speaker as written ("the
// Turkish Ministry of Foreign Affairs" → "Turkish Ministry of Foreign
// Affairs", "France's Claire Dumont" → "Claire Dumont", "Ecologist Ryan
// Norris" → "Ryan Norris"), or false when it does not read like a name.
func (d *doc) speakerName(asWritten string) (string, bool) {
	name := strings.TrimSpace(asWritten)
	if strings.HasPrefix(name, "the ") || strings.HasPrefix(name, "The ") {
		name = name[4:]
	}
	if k := strings.LastIndex(name, "'s "); k >= 0 && !d.possessiveOrgName(name, k, "'s ") {
		name = name[k+3:]
	} else if k := strings.LastIndex(name, "’s "); k >= 0 && !d.possessiveOrgName(name, k, "’s ") {
		name = name[k+len("’s "):]
	}
	if !looksLikeName(name, d.x.base) || d.titleOnly(name) || d.countryGovernment(name) != "" {
		return "", false
	}
	if utf8.RuneCountInString(name) == 1 {
		return "", false // "X said": a letter standing for a name the text leaves out
	}
	for _, w := range strings.Fields(name) {
		if text.Scriptures[foldToken(w)] {
			return "", false // "The Holy Koran tells us": a book, no person
		}
	}
	for ws := strings.Fields(name); len(ws) > 1; ws = ws[1:] {
		f := foldToken(ws[0])
		if _, honorific := text.Honorifics[strings.TrimSuffix(f, ".")]; honorific {
			rest := strings.Join(ws[1:], " ")
			if de := d.bySurname(rest); len(ws) > 2 || de != nil && de.e.Type == news.TypePerson {
				name = rest // "the Rev. Al Sharpton"; "Mr. King" after Charlie King
				continue
			}
			name = strings.Join(ws, " ")
			break // "Lord Plumb", "Mr. Band": the name as written, a person's (speakerType)
		}
		if _, given := d.x.base.givenNames[f]; given || !d.x.base.common[f] && !d.x.base.titleWords[f] {
			name = strings.Join(ws, " ")
			break
		}
	}
	if ws := strings.Fields(name); len(ws) >= 4 {
		if _, given := d.x.base.givenNames[foldToken(ws[0])]; given {
			for k := 2; k < len(ws)-1; k++ {
				if ws[k] == "on" || ws[k] == "of" || ws[k] == "at" || ws[k] == "from" {
					name = strings.Join(ws[:k], " ") // "Larry Holm on Radio Harbour", "Bill Holm of Nordvik Securities"
					break
				}
			}
		}
	}
	return name, true
}

// possessiveOrgName reports whether the possessive mark at byte k of name
// is inside an organisation's name: one capitalised organisation word after
// it ("Alachua Sheriff's Office", "the Governor's Office"), capitalised
// words before it. Otherwise the possessor only owns what follows
// ("France's Claire Dumont").
func (d *doc) possessiveOrgName(name string, k int, mark string) bool {
	rest := name[k+len(mark):]
	if strings.Contains(rest, " ") || !d.x.base.orgWords[foldToken(rest)] || text.IsLowerWord(rest) {
		return false
	}
	for _, w := range strings.Fields(name[:k]) {
		if text.IsLowerWord(w) {
			return false
		}
	}
	return k > 0
}

// titleOnly reports whether name is a title and nothing else: "Prime
// Minister", "Prime Minister of India", "Foreign Minister of our Government"
// describe an office, not who held it, and would gather different people
// under one speaker.
func (d *doc) titleOnly(name string) bool {
	ws := strings.Fields(name)
	title := false
	for i := 0; i < len(ws); i++ {
		f := strings.TrimSuffix(foldToken(ws[i]), ".")
		switch {
		case d.x.base.titleWords[f]:
			title = true
		case text.GroupNouns[f]:
			title = true // "a U.S. Banker", "Japan Officials": a description, no name
		case f == "of" || f == "the" || f == "for" || f == "our" || f == "my" || f == "his" || f == "her" || f == "their" || f == "own" || f == "government":
		case d.x.base.demonyms[f] != "":
		case i < len(ws)-1 && titleOrGroupHead(ws[len(ws)-1]) && d.countryNamed(ws[i]) != "":
			// "U.S. Spokesman", "Japan Spokesman": a country before the
			// title describes the office, as a demonym does.
		default:
			if list := d.x.gaz.entries[text.FoldName(strings.Join(ws[i:], " "))]; len(list) > 0 && list[0].kind == gkCountry {
				return title // "Prime Minister of India"
			}
			return false
		}
	}
	return title
}

// titleOrGroupHead reports whether w, after a country, heads a description
// of someone unnamed: a one-word title ("Spokesman", "Ambassador") or a
// group noun ("Officials", "Banker"); not "Treasury" or "Home" of "U.S.
// Home". (text.PersonHead leaves spokespeople out: they speak for an
// organisation named around them.)
func titleOrGroupHead(w string) bool {
	f := strings.TrimSuffix(foldToken(w), ".")
	return text.TitleHeads[f] || text.GroupNouns[f]
}

// plainWordName reports whether a one-word name is rather a plural, a
// common, title or organisation word ("Mediators", "Association").
func (d *doc) plainWordName(name string) bool {
	if strings.Contains(name, " ") {
		return false
	}
	f := foldToken(name)
	return strings.HasSuffix(name, "s") || d.seenLower(name) || d.x.base.orgWords[f] || d.x.base.titleWords[f] || d.x.base.common[f]
}

// speakerType guesses whether a speaker name the recogniser missed is a
// person or an organisation.
func (d *doc) speakerType(name string) string {
	words := strings.Fields(name)
	if g := text.Honorifics[strings.TrimSuffix(foldToken(words[0]), ".")]; len(words) > 1 && (g == "m" || g == "f") {
		return news.TypePerson // "Mr. King", "Lord Plumb", not "Bankers Trust"
	}
	if len(words) == 1 && utf8.RuneCountInString(name) >= 4 && strings.ToUpper(name) == name {
		if _, given := d.x.base.givenNames[foldToken(name)]; given {
			return news.TypePerson // "WALLACE:" labelling a transcript's turns
		}
	}
	if d.x.base.orgWords[foldToken(words[len(words)-1])] || len(words) == 1 && (innerUpper(name) || strings.ToUpper(name) == name) {
		return news.TypeOrg
	}
	_, givenFirst := d.x.base.givenNames[foldToken(words[0])]
	for _, w := range words {
		if w == "for" || w == "on" || w == "the" || w == "of" && !givenFirst {
			return news.TypeOrg // "Writers Guild of America"
		}
	}
	if len(words) > 1 && !givenFirst && d.x.base.common[foldToken(words[len(words)-1])] {
		return news.TypeOrg // "Bankers Trust", "Georgia Power"
	}
	return news.TypePerson
}

// registerSpeakers adds to the article's entities the speakers of quotes
// that the first quote pass could not resolve but that read like names,
// with a body mention at every occurrence of the name, and links a bare
// surname to the one person of the article with that surname. It reports
// whether anything was added, in which case the quote pass is run again.
func (d *doc) registerSpeakers(body string, quotes []news.Quote) bool {
	if body == "" {
		return false
	}
	d.field, d.src = fieldBody, body
	added := false
	for i := range quotes {
		q := &quotes[i]
		if w := strings.ToLower(q.SpeakerAsWritten); w == "he" || w == "she" {
			added = d.registerSubject(body, q.Start) || added
			continue
		}
		if q.SpeakerID != "" || q.SpeakerAsWritten == "" {
			continue
		}
		if d.registerCampaign(body, q.SpeakerAsWritten) {
			added = true // "the Clinton campaign said"
			continue
		}
		name, ok := d.speakerName(q.SpeakerAsWritten)
		if !ok {
			continue
		}
		if de := d.ents[Slug(name)]; de != nil && len(de.e.Mentions) > 0 {
			continue // known under another form: the second pass will not do better
		}
		if list := d.x.gaz.entries[text.FoldName(name)]; len(list) > 0 && list[0].kind != gkAlias {
			if list[0].kind == gkCountry && list[0].country != "" {
				// "Iran said": the country speaks, as "Moscow said" does
				// for the city; a place entity, its country counted once.
				added = d.registerCountry(list[0], name) || added
			}
			continue
		}
		if d.plainWordName(name) {
			continue
		}
		added = d.registerName(name) || added
	}
	return added
}

// registerName registers a speaker name the recogniser missed: a new
// entity, or a surname form of the one person with that surname, with a
// mention at every occurrence. It reports whether anything was added.
func (d *doc) registerName(name string) bool {
	if !nameChars(name) {
		return false // "A\x1a": invalid bytes are in no name
	}
	added := false
	{
		de := d.bySurname(name)
		if de == nil {
			de = d.companyByFirstWord(name)
		}
		if de == nil {
			de = d.bySurnameMisspelt(name)
		}
		if de != nil && len(de.e.Mentions) > 0 {
			f := text.FoldName(name)
			known := false
			for _, form := range de.forms {
				known = known || form == f
			}
			if !known {
				de.forms = append(de.forms, f)
				added = true
			}
		} else {
			id := Slug(name)
			if id == "" {
				return false
			}
			de = d.entity(id, name, d.speakerType(name))
			added = true
		}
		n := len(de.e.Mentions)
		d.mentionAll(de, name, true)
		added = added || len(de.e.Mentions) > n
	}
	return added
}

// registerSubject registers the subject of the sentence before a quotation
// attributed to "he" or "she" when it is a capitalised name of one or two
// words that no entity covers, followed by a lower-case word ("Cruz openly
// admitted …. "…," he said."): the pronoun most likely refers to it.
func (d *doc) registerSubject(body string, quoteAt int) bool {
	start := lastSentenceStart(body, quoteAt)
	if start < 0 {
		return false
	}
	ws := strings.Fields(body[start:min(len(body), start+120)])
	n := 0
	for n < len(ws) && n < 2 && looksLikeName(ws[n], d.x.base) && !strings.ContainsAny(ws[n], ",.;:\"“”'’") {
		n++
	}
	next := n // the word after the name (and its appositive)
	if n == 1 && n < len(ws) && strings.HasSuffix(ws[n], ",") && looksLikeName(strings.TrimSuffix(ws[n], ","), d.x.base) {
		// "Dewayne Smithy, 33, of Baldwin, Miss., dismisses …": an age or
		// a home town in apposition before the verb.
		ws[n] = strings.TrimSuffix(ws[n], ",")
		n++
		next = -1
		for k := n + 1; k < len(ws) && k-n <= 6; k++ {
			w := ws[k-1]
			r, _ := utf8.DecodeRuneInString(w)
			if w != "of" && w != "from" && !unicode.IsUpper(r) && !unicode.IsDigit(r) {
				break
			}
			if strings.HasSuffix(w, ",") {
				if r2, _ := utf8.DecodeRuneInString(ws[k]); unicode.IsLower(r2) {
					next = k
					break
				}
			}
		}
		if next < 0 {
			return false
		}
	}
	if n == 0 || next >= len(ws) {
		return false
	}
	if r := []rune(ws[next]); len(r) == 0 || !unicode.IsLower(r[0]) {
		return false
	}
	name := strings.Join(ws[:n], " ")
	f := foldToken(ws[0])
	if d.x.base.common[f] || d.x.base.titleWords[f] || d.x.base.orgWords[f] || text.Honorifics[f] != "" || d.plainWordName(name) {
		return false
	}
	_, given := d.x.base.givenNames[f]
	for _, e := range d.x.gaz.entries[text.FoldName(name)] {
		if e.typ != news.TypePerson && !(given && n == 1 && e.kind == gkPlace) {
			// A place, an organisation, a demonym; but a town's name that
			// is also a given name, opening the sentence before "he said",
			// is a person's ("Carson defied the question").
			return false
		}
	}
	if d.ents[Slug(name)] != nil {
		return false
	}
	for _, de := range d.list {
		for _, m := range de.e.Mentions {
			if m.Field == fieldBody && m.Start < start+len(name) && start < m.End {
				return false // an entity the recogniser found
			}
		}
	}
	return d.registerName(name)
}

// lastSentenceStart returns the byte offset where the sentence before pos
// begins: the last sentence of the text before the quotation at pos in its
// paragraph, or of the paragraph before when the quotation opens its own;
// -1 when there is none.
func lastSentenceStart(body string, pos int) int {
	if pos > len(body) {
		return -1
	}
	end := pos
	for end > 0 && strings.ContainsRune(" \n\"“‘'", rune(body[end-1])) {
		end--
	}
	// Skip back over the opening mark of the quotation.
	if strings.HasSuffix(body[:end], "“") {
		end -= len("“")
	}
	for end > 0 && (body[end-1] == ' ' || body[end-1] == '\n') {
		end--
	}
	if end == 0 {
		return -1
	}
	return text.SentenceStart(body, end-1, text.ParagraphStart(body, end))
}

// mentionAll adds a mention of de at every word-bounded occurrence of name
// in the body that no other entity's mention overlaps; count says whether
// each mention counts de's country (a country speaking was counted as a
// country already).
func (d *doc) mentionAll(de *docEntity, name string, count bool) {
	body := d.src
	for from := 0; from < len(body); {
		k := strings.Index(body[from:], name)
		if k < 0 {
			return
		}
		start := from + k
		end := start + len(name)
		from = end
		if isWordByteBefore(body, start) || end < len(body) && isWordByteAt(body, end) {
			continue
		}
		if d.mentionedElsewhere(de, start, end) {
			continue
		}
		if count {
			d.mention(de, start, end)
		} else {
			d.mentionNoCount(de, start, end)
		}
	}
}

// isWordByteAt reports whether the rune at byte i of s is a letter or digit.
func isWordByteAt(s string, i int) bool {
	for _, r := range s[i:] {
		return text.IsWordRune(r)
	}
	return false
}

// mentionedElsewhere reports whether a body mention of an entity other
// than de overlaps [start,end).
func (d *doc) mentionedElsewhere(de *docEntity, start, end int) bool {
	for _, o := range d.list {
		if o == de {
			continue
		}
		for _, m := range o.e.Mentions {
			if m.Field == fieldBody && m.Start < end && start < m.End {
				return true
			}
		}
	}
	return false
}

// nameChars reports whether s holds only letters, digits, spaces and the
// marks names use (. - ' ’).
func nameChars(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '.' && r != '-' && r != '\'' && r != '’' {
			return false
		}
	}
	return true
}

// registerCountry makes the country named name a place entity with a body
// mention at every occurrence of name, without counting the country again
// (the country facet counted it already). It reports whether anything was
// added.
func (d *doc) registerCountry(e *gazEntry, name string) bool {
	code := d.countryOf(e)
	cname, ok := CountryName(code)
	if !ok {
		return false
	}
	de := d.entity(Slug(cname), cname, news.TypePlace)
	if de.e.Type != news.TypePlace {
		return false
	}
	de.e.Country = code
	n := len(de.e.Mentions)
	d.mentionAll(de, name, false)
	return len(de.e.Mentions) > n
}

// addSpeakers makes sure every quoted speaker is an entity: a speaker named
// only as written (no entity) becomes one when it reads like a name.
func (d *doc) addSpeakers(body string, quotes []news.Quote, ents []news.Entity) []news.Entity {
	have := map[string]bool{}
	for _, e := range ents {
		have[e.ID] = true
	}
	added := false
	// speaks makes de the speaker of q, and one of ents.
	speaks := func(q *news.Quote, de *docEntity) {
		q.SpeakerID, q.SpeakerName = de.e.ID, de.e.Name
		if !have[de.e.ID] {
			ents = append(ents, de.e)
			have[de.e.ID] = true
			added = true
		}
	}
	for i := range quotes {
		q := &quotes[i]
		if q.SpeakerID != "" {
			if !have[q.SpeakerID] {
				// Resolved through the context but unseen: add it.
				if de := d.ents[q.SpeakerID]; de != nil && len(de.e.Mentions) > 0 {
					ents = append(ents, de.e)
					have[q.SpeakerID] = true
					added = true
				} else {
					q.SpeakerID, q.SpeakerName = "", "" // resolved below, or not at all
				}
			}
			if q.SpeakerID != "" {
				continue
			}
		}
		name, ok := d.speakerName(q.SpeakerAsWritten)
		if !ok {
			continue
		}
		if de := d.ents[Slug(name)]; de != nil && len(de.e.Mentions) > 0 {
			speaks(q, de)
			continue
		}
		if list := d.x.gaz.entries[text.FoldName(name)]; len(list) > 0 && list[0].kind != gkAlias {
			continue // "Iran said": a country, not a person
		}
		if d.plainWordName(name) {
			continue // "Mediators", "Fishermen", "Association"
		}
		if de := d.bySurname(name); de != nil && len(de.e.Mentions) > 0 {
			speaks(q, de)
			continue
		}
		id := Slug(name)
		if id == "" {
			continue
		}
		start := strings.Index(body, name)
		if start < 0 {
			continue
		}
		q.SpeakerID, q.SpeakerName = id, name
		if have[id] {
			continue
		}
		typ := d.speakerType(name)
		ents = append(ents, news.Entity{ID: id, Name: name, Type: typ, Count: 1,
			Mentions: []news.Mention{{Field: fieldBody, Start: start, End: start + len(name), Text: name}}})
		have[id] = true
		added = true
	}
	if added {
		sortEntities(ents)
	}
	return ents
}

// looksLikeName reports whether s is one to five capitalised words, not
// a stopword or pronoun.
func looksLikeName(s string, b *baseData) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 5 {
		return false
	}
	if len(ws) == 1 && text.Honorifics[strings.ToLower(strings.TrimSuffix(s, "."))] != "" {
		return false // "Gov."
	}
	for i, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			if i > 0 && text.NameConnectors[strings.ToLower(w)] {
				continue
			}
			return false
		}
		if i > 0 && i < len(ws)-1 && strings.HasSuffix(w, ".") && isInitial(strings.TrimSuffix(w, ".")) {
			continue // "Wayne A. I. Frederick": initials, not the words "a" and "I"
		}
		if b.stopwords[foldToken(strings.Trim(w, ".,"))] {
			return false
		}
	}
	return true
}
