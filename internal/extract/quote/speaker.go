// Speaker phrases resolved to entities: pronouns, names without titles, documents, descriptions.

package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// makeAttr resolves the speaker of sc. before is the quote's opening mark:
// pronouns refer to someone mentioned before the quote.
func (q *scanner) makeAttr(t []text.Token, sc subjCue, cue string, quoteAt int) attribution {
	who := sc.who
	sp := text.Range{Start: t[who.i].Start, End: t[who.j-1].End}
	a := attribution{speaker: sp, cue: cue, kind: who.kind,
		definite: who.kind == npName || who.kind == npHandle || who.kind == npDesc && t[who.i].Lower == "the"}
	before := min(sp.Start, quoteAt)
	phrase := q.body[sp.Start:sp.End]
	var e *news.Entity
	var ok bool
	switch who.kind {
	case npPronoun:
		lw := t[who.i].Lower
		if lw == "it" {
			// ""…," the company wrote. It added, "…"": the organisation
			// that spoke last goes on, when it spoke just before.
			if s := q.lastSpeaker; s != nil && s.Type == news.TypeOrg && before-q.lastSpeakerEnd < itReach {
				e, ok = s, true
			} else if d, found := q.documentIssuer(quoteAt); found {
				e, ok = d, true // "The memo from the panel …. "…," it stated."
			}
		} else if lw == "they" {
			e, ok = q.lastOrg, q.lastOrg != nil
		} else {
			e, ok = q.r.LastPerson(before, text.SubjectPronouns[lw])
		}
	case npHandle:
		e, ok = q.r.ResolveName(phrase)
	case npName:
		ci, cj := nameCore(t, who, q.isAffiliation)
		core := text.Range{Start: t[ci].Start, End: t[cj-1].End}
		if q.personAndBefore(sp, core) {
			break // "Lena Dahl and Harbour Master Tomas Berg": two people, nobody in particular
		}
		a.speaker = core
		e, ok = q.nameEntity(sp, core)
		if !ok && sc.handle >= 0 {
			e, ok = q.r.ResolveName(t[sc.handle].Raw)
		}
	case npDesc:
		if s, e, ok := docAuthor(t, who); ok {
			// "an AEW press release", "a White House statement": the
			// capitalised name before the document wrote it, known or not.
			core := text.Range{Start: t[s].Start, End: t[e-1].End}
			a.speaker, a.kind, a.definite = core, npName, true
			if e, ok := q.nameEntity(sp, core); ok && e != nil && (e.Type == news.TypeOrg || e.Type == news.TypePerson) {
				a.ent, a.resolved = e, true
			}
			return a
		}
		if ci, cj := nameCore(t, who, q.isAffiliation); ci > who.i && (t[cj-1].Is(text.Capitalised) || text.Spokes[t[cj-1].Lower]) && !q.modifierName(t, cj, who.j) {
			// "the topmost Polish archbishop Wojciech Polak": a name after all;
			// "an Interpol spokesperson" speaks for the organisation; "one
			// Clinton aide", ending with its head noun, is nobody named.
			core := text.Range{Start: t[ci].Start, End: t[cj-1].End}
			if text.Spokes[t[cj-1].Lower] && cj-2 >= ci && t[cj-2].Is(text.Capitalised) && text.OrgHeads[t[cj-2].Lower] {
				// "A Hampshire Police spokesman": the organisation speaks,
				// known or not.
				s := cj - 2
				for s > who.i && t[s-1].Is(text.Capitalised) && t[s-1].Lower != "a" && t[s-1].Lower != "an" && t[s-1].Lower != "the" {
					s-- // the whole name: "Croatian Foreign Ministry"
				}
				core = text.Range{Start: t[s].Start, End: t[cj-2].End}
			}
			a.speaker, a.kind = core, npName
			e, ok = q.nameEntity(sp, core)
			if ok && (!t[cj-1].Is(text.Capitalised) && e.Type != news.TypeOrg || e.Type == news.TypePlace) {
				e, ok = nil, false // "a former U.S. law enforcement official" is not the US
			}
			break
		}
		e, ok = q.descEntity(t, who, sp, phrase, before)
	}
	if ok && e != nil && (e.Type == news.TypePerson || e.Type == news.TypeOrg || e.Type == news.TypePlace && who.kind == npName) {
		a.ent, a.resolved = e, true
	}
	return a
}

// itReach is how many bytes before its quotation the quotation of an
// organisation may end for "it" to go on with that organisation.
const itReach = 400

// nameCore returns the tokens of the name inside a speaker phrase, without
// the titles before it or the affiliation after it: "Emergencies Minister
// Yevgeny Zinichev" → "Yevgeny Zinichev", "US Ambassador to Germany Richard
// Grenell" → "Richard Grenell", "Jennifer Lu of Marriage Equality Coalition"
// → "Jennifer Lu". Organisation names ("Ministry of Foreign Affairs", "the
// Russian Foreign Ministry") stay whole. It returns who.i, who.j when there
// is no name inside.
func nameCore(t []text.Token, who np, affil func(text.Token) bool) (int, int) {
	i, j := who.i, who.j
	// Titles: everything up to the last title word followed by a capital.
	for k := j - 2; k >= i; k-- {
		if !text.RoleWords[t[k].Lower] && !text.PersonTitles[t[k].Lower] {
			continue
		}
		if t[k+1].Is(text.Capitalised) && !text.RoleWords[t[k+1].Lower] && !text.PersonTitles[t[k+1].Lower] {
			if text.OrgHeads[t[j-1].Lower] && !hasConnector(t[k+1:j]) {
				continue // "Croatian Foreign Ministry": an organisation, not a title
			}
			i = k + 1
			break
		}
		if k+3 < j && (t[k+1].Lower == "to" || t[k+1].Lower == "of" || t[k+1].Lower == "for") && (t[k+2].Is(text.Capitalised) || t[k+2].Lower == "the" && t[k+3].Is(text.Capitalised)) {
			i = k + 1 // "Ambassador to Germany Richard Grenell"
			break
		}
	}
	if i == who.i {
		for k := i; k < j-1; k++ {
			if isPossessive(t[k].Raw) {
				i = k + 1
			}
		}
		for i < j && (!t[i].Is(text.Capitalised) || text.ArticleOrPossessive[t[i].Lower]) {
			i++ // "the archbishop" before a name, "A Hampshire Police spokesman"
		}
		if i >= j {
			return who.i, who.j
		}
		if i > who.i && t[who.i].Lower == "the" && i == who.i+1 {
			return who.i, who.j // "the Russian Foreign Ministry": no title to strip
		}
	}
	// "to Germany Richard Grenell", "to the United Nations Nikki Haley": an
	// affiliation between title and name, known places and organisations
	// (or, without that knowledge, all but the last three words).
	if i+2 < j && (t[i].Lower == "to" || t[i].Lower == "of" || t[i].Lower == "for" || t[i].Lower == "at") {
		k := i + 1
		if t[k].Lower == "the" {
			k++
		}
		for k < j-1 && t[k].Is(text.Capitalised) && (affil(t[k]) || j-k > 3) {
			k++
		}
		if k > i+1 && k < j && t[k].Is(text.Capitalised) {
			i = k
		}
	}
	for i < j && !t[i].Is(text.Capitalised) {
		i++
	}
	// "Kovač of Croatia": cut the affiliation after a person's name.
	for k := i + 1; k < j-1; k++ {
		if lw := t[k].Lower; (lw == "of" || lw == "from" || lw == "at") && !text.OrgHeads[t[k-1].Lower] && !text.RoleWords[t[k-1].Lower] && !text.PersonTitles[t[k-1].Lower] {
			j = k
			break
		}
		// "Lydia Buchtmann for Food Standards Australia": a name of two
		// words or more, then the body it speaks for ("Physicians for Human
		// Rights" and "Concerned Veterans for America" stay whole).
		if t[k].Lower == "for" && k-i >= 2 && !strings.HasSuffix(t[k-1].Lower, "s") && t[k+1].Is(text.Capitalised) && !text.OrgHeads[t[k-1].Lower] && !text.RoleWords[t[k-1].Lower] {
			j = k
			break
		}
	}
	if j-i >= 3 && text.PostNominals[t[j-1].Raw] {
		j-- // "Durham Hall QC": letters after the name
	}
	if i >= j || !t[i].Is(text.Capitalised) || text.OrgHeads[t[j-1].Lower] {
		return who.i, who.j
	}
	return i, j
}

// hasConnector reports whether ts hold "of", "from" or "at".
func hasConnector(ts []text.Token) bool {
	for _, x := range ts {
		if x.Lower == "of" || x.Lower == "from" || x.Lower == "at" {
			return true
		}
	}
	return false
}

// isAffiliation reports whether a word of a speaker phrase is part of a
// known place or organisation ("Germany", "United Nations").
func (q *scanner) isAffiliation(x text.Token) bool {
	e, ok := q.r.EntityAt(x.Start, x.End)
	return ok && e != nil && (e.Type == news.TypePlace || e.Type == news.TypeOrg)
}

// nameEntity resolves a capitalised speaker phrase: a mention inside it
// (preferring people, then organisations), else the name as written.
func (q *scanner) nameEntity(sp, core text.Range) (*news.Entity, bool) {
	phrase := q.body[core.Start:core.End]
	// The person named in the name itself, else in the whole phrase ("US
	// Ambassador to the UN Nikki Haley"); two people ("Biden and Sanders")
	// are nobody in particular.
	spans := []text.Range{core, sp}
	if pre := q.body[sp.Start:core.Start]; strings.Contains(pre, "'s ") || strings.Contains(pre, "’s ") {
		spans = spans[:1] // "Huber's tag team partner Erick Rowan" is not Huber
	}
	for _, r := range spans {
		var person *news.Entity
		n := 0
		for _, m := range q.r.MentionsIn(r.Start, r.End) {
			if m.Type == news.TypePerson {
				person = m
				n++
			}
		}
		if n > 1 {
			return nil, false
		}
		if person != nil && r == core && text.OtherGivenName(person.Name, strings.Fields(phrase)) && !text.MiddleName(person.Name, strings.Fields(phrase)) {
			return nil, false // "Abdullah Kurdi" merged into "Alan Kurdi": a relative
		}
		if person != nil {
			return person, true
		}
	}
	// Only the name itself may be an organisation: in "Xiaogang Wei of the
	// Beijing Institute" the institute does not speak.
	if e, ok := q.r.EntityAt(core.Start, core.End); ok && e != nil {
		if e.Type == news.TypePerson || e.Type == news.TypeOrg {
			return e, true
		}
		for _, m := range q.r.MentionsIn(core.Start, core.End) {
			if m.Type == news.TypeOrg {
				return m, true
			}
		}
		if !strings.Contains(phrase, " ") {
			return e, true // "Moscow said": a government by metonymy
		}
	}
	return q.r.ResolveName(phrase)
}

// personAndBefore reports whether a person's mention followed by "and"
// or "&" stands before the name core inside the speaker phrase sp: "Lena
// Dahl and Harbour Master Tomas Berg", whose titles nameCore strips from
// the second name. One or two capitalised words after "and", then a
// lower-case one, may end a firm's name ("Carroll Lund and Berg analyst
// Tomas Holm", "… and Berg Futures analyst"): not two people for sure.
func (q *scanner) personAndBefore(sp, core text.Range) bool {
	if core.Start <= sp.Start {
		return false
	}
	for _, m := range q.r.SpansIn(sp.Start, core.Start) {
		if m.Ent == nil || m.Ent.Type != news.TypePerson || m.End > core.Start {
			continue
		}
		rest := q.body[m.End:core.Start]
		if !strings.HasPrefix(rest, " and ") && !strings.HasPrefix(rest, " & ") {
			continue
		}
		if firmEnd(strings.Fields(rest)[1:]) {
			continue
		}
		return true
	}
	return false
}

// firmEnd reports whether ws open with one or two firmWords and a
// lower-case word.
func firmEnd(ws []string) bool {
	for n := 1; n <= 2 && n < len(ws); n++ {
		if !firmWord(ws[n-1]) {
			return false
		}
		if !unicode.IsUpper(firstRune(ws[n])) {
			return true
		}
	}
	return false
}

// firmWord reports whether w is capitalised, not in capitals, and no title
// or role word: "Berg" in "Lund and Berg analyst", not "HBV" or "Trade".
func firmWord(w string) bool {
	r := firstRune(w)
	lw := strings.ToLower(w)
	return unicode.IsUpper(r) && strings.ToUpper(w) != w && !text.RoleWords[lw] && !text.PersonTitles[lw]
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// docAuthor finds, in a description ending with a document ("an AEW
// press release"), the capitalised name right before the document's
// words: tokens [s,e).
func docAuthor(t []text.Token, who np) (int, int, bool) {
	h := t[who.j-1]
	if h.Is(text.Capitalised) || !isDocument(h.Lower) {
		return 0, 0, false
	}
	e := who.j - 1
	for e-1 > who.i && !t[e-1].Is(text.Capitalised) && text.DocModifiers[t[e-1].Lower] {
		e--
	}
	if e-1 <= who.i || !t[e-1].Is(text.Capitalised) || isPossessive(t[e-1].Raw) {
		return 0, 0, false
	}
	s := e - 1
	for s-1 > who.i && t[s-1].Is(text.Capitalised) && !text.Determiners[t[s-1].Lower] {
		s--
	}
	if text.Determiners[t[s].Lower] || !text.Determiners[t[who.i].Lower] || s != who.i+1 {
		return 0, 0, false // "a statement" with nothing named, or more words before the name
	}
	for k := s; k < e; k++ {
		if isPossessive(t[k].Raw) {
			return 0, 0, false // "the UN's DMCA notice": the possessor wrote it
		}
	}
	return s, e, true
}

// isDocument reports whether w is a document a speaker issues.
func isDocument(w string) bool { return text.DescStrip[w] || text.PossessedDocs[w] }

// descEntity resolves a description: an entity mentioned inside it ("the
// Russian Foreign Ministry"), or the most recent fitting entity ("the
// minister"), or the complement of "a statement from …".
func (q *scanner) descEntity(t []text.Token, who np, sp text.Range, phrase string, before int) (*news.Entity, bool) {
	head := who.j - 1 // the head word: the last before "of", "for", "from", "by"
	for k := who.i + 1; k < who.j; k++ {
		if lw := t[k].Lower; lw == "of" || lw == "for" || lw == "from" || lw == "by" {
			head = k - 1
			break
		}
	}
	hw := t[head].Lower
	if head+2 < who.j && (text.DescStrip[hw] || text.Spokes[hw]) {
		// "a statement from the ministry", "a spokesman for the ministry":
		// the organisation speaks.
		inner := text.Range{Start: t[head+2].Start, End: sp.End}
		e, ok := q.r.EntityAt(inner.Start, inner.End)
		if !ok || e == nil {
			e, ok = q.r.ResolveDescription(q.body[inner.Start:inner.End], before)
		}
		if ok && e != nil && (e.Type == news.TypeOrg || text.DescStrip[hw] && e.Type == news.TypePerson) {
			return e, true
		}
		return nil, false
	}
	if isDocument(hw) {
		// "an AEW press release", "a White House statement": the one
		// organisation or person named in it wrote it.
		var author *news.Entity
		n := 0
		for _, m := range q.r.MentionsIn(sp.Start, sp.End) {
			if m.Type == news.TypeOrg || m.Type == news.TypePerson {
				author = m
				n++
			}
		}
		if n == 1 {
			return author, true
		}
	}
	for k := who.i; k < who.j; k++ {
		if !isPossessive(t[k].Raw) {
			continue
		}
		if text.OrgHeads[hw] && head == who.j-1 && k == who.i && k+1 < who.j && t[k].Is(text.Capitalised) {
			// "Day's animal foundation": the organisation whose name holds
			// the possessor and the words after it ("Doris Day Animal
			// Foundation").
			want := []string{possessor(t[k].Lower)}
			for _, x := range t[k+1 : who.j] {
				want = append(want, x.Lower)
			}
			return q.orgNamed(want)
		}
		if k-who.i > 3 || !t[k].Is(text.Capitalised) || head != who.j-1 || head-k > 2 || !isDocument(hw) {
			return nil, false // "Merkel's spokesperson": unnamed
		}
		for _, x := range t[who.i:k] {
			if !x.Is(text.Capitalised) {
				return nil, false
			}
		}
		// "Cornyn's statement added", "reads Judge Miller's statement":
		// the author of the document speaks.
		name := possessor(q.body[t[who.i].Start:t[k].End])
		if e, ok := q.r.EntityAt(t[k].Start, t[who.i].Start+len(name)); ok && e != nil && (e.Type == news.TypePerson || e.Type == news.TypeOrg) {
			return e, true
		}
		return q.r.ResolveName(name)
	}
	if who.j-who.i == 2 && text.Definite[t[who.i].Lower] && isDocument(hw) {
		// "X released a statement on Monday. "…," the statement said",
		// "The warning issued by X applied to …. "…", read the warning":
		// the issuer named just before.
		if e, ok := q.issuerOf(hw, before); ok {
			return e, true
		}
	}
	if !text.Definite[t[who.i].Lower] {
		if who.j-who.i == 2 && text.Spokes[hw] && (t[who.i].Lower == "a" || t[who.i].Lower == "an") {
			// "Britain's Treasury said …. "…," a spokeswoman said": the
			// organisation named just before speaks.
			spans := q.r.SpansIn(max(0, before-300), before)
			for i := len(spans) - 1; i >= 0; i-- {
				if spans[i].Ent.Type == news.TypeOrg && !q.inQuote(spans[i].Start) {
					return spans[i].Ent, true
				}
			}
		}
		return nil, false // "a government official": nobody named
	}
	person := personHeaded(t, who) // "the CNN host" is not CNN
	if !text.RoleWords[hw] && !person && (head == who.j-1 || who.i+1 < who.j && t[who.i+1].Is(text.Capitalised) && t[head].Is(text.Capitalised)) {
		// "the Russian Foreign Ministry", "The U.S. Department of
		// Agriculture": the phrase names the speaker.
		if e, ok := q.r.EntityAt(sp.Start, sp.End); ok && e != nil && e.Type != news.TypePlace {
			return e, true
		}
	}
	if e, ok := q.orgNamedBy(sp, hw, head == who.j-1); ok {
		return e, true // "the Clinton campaign": an organisation of that name
	}
	if who.j-who.i == 2 && text.Spokes[hw] && q.personsSpokes(before) {
		return nil, false // "Kovač's spokeswoman said …. "…," the spokeswoman said"
	}
	return q.r.ResolveDescription(phrase, before)
}

// issuerOf returns the organisation or person last named, in the 400
// bytes before byte offset before and outside quotations, as the issuer of
// a document called doc: "X issued a statement", "X released an
// updated statement", "the statement issued by X", "the warning released
// by the X".
func (q *scanner) issuerOf(doc string, before int) (*news.Entity, bool) {
	spans := q.r.SpansIn(max(0, before-400), before)
	for i := len(spans) - 1; i >= 0; i-- {
		sp := spans[i]
		if sp.Ent.Type != news.TypeOrg && sp.Ent.Type != news.TypePerson || q.inQuote(sp.Start) {
			continue
		}
		// "<doc> issued by [the] X"
		ws := strings.Fields(strings.ToLower(q.body[max(0, sp.Start-40):sp.Start]))
		if n := len(ws); n > 0 && ws[n-1] == "the" {
			ws = ws[:n-1]
		}
		if n := len(ws); n >= 3 && ws[n-1] == "by" && text.IssueVerbs[ws[n-2]] && ws[n-3] == doc {
			return sp.Ent, true
		}
		// "X issued a[n] [up to three words] <doc>"
		ws = strings.Fields(strings.ToLower(q.body[sp.End:min(len(q.body), sp.End+60)]))
		if len(ws) >= 3 && text.IssueVerbs[ws[0]] && (ws[1] == "a" || ws[1] == "an") {
			for k := 2; k < len(ws) && k <= 5; k++ {
				if strings.Trim(ws[k], ".,;:") == doc {
					return sp.Ent, true
				}
				if strings.ContainsAny(ws[k], ".,;:\"“”") {
					break
				}
			}
		}
	}
	return nil, false
}

// orgNamed returns the one organisation of the article whose name holds
// all of the (lower-case) words want.
func (q *scanner) orgNamed(want []string) (*news.Entity, bool) {
	var found *news.Entity
	for _, sp := range q.r.SpansIn(0, len(q.body)) {
		if sp.Ent.Type != news.TypeOrg || sp.Ent == found {
			continue
		}
		if !text.ContainsAll(text.FoldWords(sp.Ent.Name), want) {
			continue
		}
		if found != nil {
			return nil, false // two of them: nobody in particular
		}
		found = sp.Ent
	}
	return found, found != nil
}

// personDesc reports whether a definite description ends with a noun for
// a person ("the retired neurosurgeon"), not for an organisation, a
// document or a group.
func (q *scanner) personDesc(sp text.Range) bool {
	ws := strings.Fields(strings.ToLower(q.body[sp.Start:sp.End]))
	if len(ws) < 2 || ws[0] != "the" {
		return false
	}
	h := personDescHead(ws)
	if text.OrgDescHeads[h] || text.DescStrip[h] || text.Spokes[h] || strings.HasSuffix(h, "s") && !strings.HasSuffix(h, "ss") {
		return false
	}
	if strings.HasSuffix(h, "men") {
		return false // "the committee chairmen", "the congresswomen": more than one
	}
	return !text.NotPersonHeads[h]
}

// otherPortfolio reports whether the description sp ("the health
// minister"), in lower case but for its article, names a role whose head
// the capitalised title before a mention of e shares, with a modifier that
// title lacks ("Transport Minister Ravi Mehra"): another minister, not e.
func (q *scanner) otherPortfolio(sp text.Range, e *news.Entity) bool {
	ws := strings.Fields(q.body[sp.Start:sp.End])
	if len(ws) < 3 {
		return false
	}
	head := strings.ToLower(strings.Trim(ws[len(ws)-1], ".,;:"))
	if !text.RoleWords[head] {
		return false
	}
	var mods []string
	for _, w := range ws[1 : len(ws)-1] {
		if w != strings.ToLower(w) {
			return false // "the Senate Democratic leader": a name's words, no portfolio
		}
		if !text.DescFiller[w] && !localWords[w] {
			mods = append(mods, w)
		}
	}
	if len(mods) == 0 {
		return false
	}
	for _, s := range q.r.SpansIn(0, sp.Start) {
		if s.Ent != e {
			continue
		}
		lo := max(0, s.Start-80)
		title := tokenize(q.body, text.SentenceStart(q.body, s.Start, lo), s.Start, nil)
		k := len(title)
		for k > 0 && title[k-1].Is(text.Word) && title[k-1].Is(text.Capitalised) {
			k--
		}
		var tw []string
		for _, x := range title[k:] {
			tw = append(tw, x.Lower)
		}
		if !text.ContainsAny(tw, []string{head}) {
			continue
		}
		return !text.ContainsAll(tw, mods)
	}
	return false
}

// localWords place a role without naming its portfolio: "the local health
// minister" is a health minister.
var localWords = map[string]bool{"local": true, "then": true, "current": true, "former": true, "new": true, "acting": true}

// modifierName reports whether the name ending before token cj only
// modifies the description's head noun after it ("a former U.S. law
// enforcement official").
func (q *scanner) modifierName(t []text.Token, cj, j int) bool {
	for cj < j && t[cj].Raw == "." {
		cj++
	}
	return cj < j && t[cj].Is(text.Word) && !t[cj].Is(text.Capitalised) && (text.RoleWords[t[cj].Lower] || text.DescNouns[t[cj].Lower])
}
