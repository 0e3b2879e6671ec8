package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokens and the small phrase grammar of attributions: a speaker noun phrase
// (a name, a pronoun, a description or an @handle) and a cue verb, in either
// order, with appositives, adverbs and temporal phrases in between.

// qTok is one word or punctuation mark of an qAttribution window.
type qTok struct {
	s, e int
	raw  string // as written
	lw   string // lower case
	word bool
	up   bool // starts with an upper-case letter (or is an @handle)
	mark bool // a quote mark
}

// qTokenize splits body[lo:hi] into tokens.
func qTokenize(body string, lo, hi int, buf []qTok) []qTok {
	out := buf[:0]
	for i := lo; i < hi; {
		c := body[i]
		if qIsSpaceByte(c) {
			i++
			continue
		}
		if k, n := qMarkAt(body, i); k != qMarkNone {
			out = append(out, qTok{s: i, e: i + n, raw: body[i : i+n], lw: body[i : i+n], mark: true})
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(body[i:])
		start := i
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if (r == '@' || r == '#') && i+1 < hi {
			r2, _ := utf8.DecodeRuneInString(body[i+1:])
			isWord = unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '_'
		}
		if !isWord {
			i += n
			if i > hi {
				i = hi
			}
			out = append(out, qTok{s: start, e: i, raw: body[start:i], lw: body[start:i]})
			continue
		}
		i += n
		for i < hi {
			r, n = utf8.DecodeRuneInString(body[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '_' {
				i += n
				continue
			}
			if (r == '\'' || r == '’' || r == '-' || r == '.' || r == '‑') && i+n < hi {
				r2, _ := utf8.DecodeRuneInString(body[i+n:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					i += n
					continue
				}
			}
			break
		}
		if i > hi {
			i = hi
		}
		// "Mr." and initials ("Yulia V. Tymoshenko") keep their period.
		if i < hi && body[i] == '.' && (i-start == 1 && body[start] >= 'A' && body[start] <= 'Z' || qAbbreviations[strings.ToLower(body[start:i])] || qDottedAbbrev(body[start:i])) {
			i++ // and "U.S.", "U.K.": a dotted abbreviation keeps its last period
		}
		raw := body[start:i]
		first, _ := utf8.DecodeRuneInString(raw)
		up := unicode.IsUpper(first) || first == '@'
		if !up {
			// "el-Sisi", "al-Assad", "bin-Salman": a lower-case particle
			// joined to a capitalised name.
			if h := strings.IndexByte(raw, '-'); h > 0 && h <= 3 && h+1 < len(raw) {
				r2, _ := utf8.DecodeRuneInString(raw[h+1:])
				up = unicode.IsUpper(r2)
			}
		}
		out = append(out, qTok{s: start, e: i, raw: raw, lw: strings.ToLower(raw), word: true, up: up})
	}
	return out
}

// qDottedAbbrev reports whether w is a dotted abbreviation without its last
// period: "U.S", "U.K", "E.U" (segments of one or two letters).
func qDottedAbbrev(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, seg := range strings.Split(w, ".") {
		if len(seg) == 0 || len(seg) > 2 {
			return false
		}
		for _, c := range seg {
			if !unicode.IsLetter(c) {
				return false
			}
		}
	}
	return true
}

// qCueVerbs maps a speech verb to itself; participles map to their own form.
var qCueVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "reads": true,
	"stressed": true, "insisted": true, "warned": true, "added": true,
	"noted": true, "wrote": true, "writes": true, "tweeted": true,
	"posted": true, "declared": true, "urged": true, "argued": true,
	"explained": true, "acknowledged": true, "asked": true, "replied": true,
	"continued": true, "stated": true, "remarked": true, "announced": true,
	"claimed": true, "commented": true, "emphasised": true, "emphasized": true,
	"reiterated": true, "responded": true, "answered": true, "observed": true,
	"admitted": true, "recalled": true, "suggested": true, "conceded": true,
	"maintained": true, "concluded": true, "confirmed": true, "underscored": true,
	"underlined": true, "highlighted": true, "cautioned": true, "promised": true,
	"vowed": true, "pledged": true, "testified": true, "alleged": true,
	"asserted": true, "contended": true, "shouted": true, "exclaimed": true,
	"stresses": true, "adds": true, "notes": true, "warns": true,
	"insists": true, "argues": true, "explains": true, "recounted": true,
	"quipped": true, "joked": true, "charged": true, "countered": true,
	"predicted": true, "told reporters": true, "informed": true, "assured": true,
	"demanded": true, "affirmed": true, "wondered": true, "reported": true,
	"saying": true, "adding": true, "noting": true, "writing": true,
	"telling": true, "insisting": true, "warning": true, "stressing": true,
	"arguing": true, "explaining": true, "declaring": true, "tweeting": true,
	"emphasising": true, "emphasizing": true, "speaking": true, "spoke": true,
	"elaborated": true, "pointed": true, "called": true, "calling": true,
	"opined": true, "opines": true, "urging": true, "recalling": true, "asking": true,
}

// qParticipleCue reports cue participles ("…, saying "…"") whose speaker is
// the subject of the sentence.
func qParticipleCue(w string) bool { return strings.HasSuffix(w, "ing") && qCueVerbs[w] }

// qIndirectCues are the verbs that introduce reported speech.
var qIndirectCues = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "stressed": true,
	"insisted": true, "warned": true, "noted": true, "argued": true,
	"explained": true, "acknowledged": true, "claimed": true, "stated": true,
	"announced": true, "confirmed": true, "reiterated": true,
	"emphasised": true, "emphasized": true, "underscored": true,
	"maintained": true, "conceded": true, "admitted": true, "wrote": true,
	"tweeted": true, "declared": true, "asserted": true, "alleged": true,
	"highlighted": true, "informed": true, "assured": true, "cautioned": true,
}

// qObjectCues take an addressee before the reported clause ("told reporters").
var qObjectCues = map[string]bool{
	"told": true, "informed": true, "assured": true, "tells": true, "telling": true,
	"warned": true, "reminded": true, "asked": true,
}

var qPronounGender = map[string]string{"he": "m", "she": "f", "they": ""}

var qDeterminers = map[string]bool{
	"the": true, "a": true, "an": true, "its": true, "his": true, "her": true,
	"their": true, "our": true, "another": true, "one": true,
}

// qFunctionWords are capitalised at the start of a sentence but never start a
// name.
var qFunctionWords = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true,
	"but": true, "and": true, "or": true, "however": true, "meanwhile": true,
	"after": true, "before": true, "when": true, "while": true, "as": true,
	"also": true, "then": true, "earlier": true, "later": true, "speaking": true,
	"asked": true, "this": true, "that": true, "these": true, "those": true,
	"it": true, "we": true, "i": true, "you": true, "if": true, "so": true,
	"yet": true, "still": true, "since": true, "during": true, "for": true,
	"from": true, "with": true, "by": true, "to": true, "of": true, "there": true,
	"here": true, "according": true, "what": true, "why": true, "how": true,
	"yes": true, "no": true, "not": true, "now": true, "today": true,
	"yesterday": true, "last": true, "next": true, "his": true, "her": true,
	"their": true, "its": true, "our": true, "my": true, "your": true,
	"he": true, "she": true, "they": true, "is": true, "was": true, "are": true,
	"were": true, "will": true, "would": true, "can": true, "could": true,
	"do": true, "did": true, "does": true, "instead": true, "although": true,
	"though": true, "because": true, "despite": true, "following": true,
	"under": true, "over": true, "about": true, "both": true, "all": true,
	"some": true, "many": true, "most": true, "other": true, "only": true,
	"even": true, "once": true, "where": true, "who": true, "which": true,
	"further": true, "furthermore": true, "moreover": true, "finally": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true,
}

// qNameConnectors join capitalised words of one name ("Ministry of Foreign
// Affairs", "Ursula von der Leyen").
var qNameConnectors = map[string]bool{
	"of": true, "de": true, "da": true, "del": true, "della": true, "van": true,
	"von": true, "der": true, "den": true, "al": true, "bin": true, "ibn": true,
	"la": true, "le": true, "du": true, "dos": true, "das": true, "y": true,
	"for": true, "and": true, "on": true, "ter": true, "el": true, "to": true,
}

// qRoleWords may appear in lower case inside a title before a name
// ("Foreign Ministry spokeswoman Maria Zakharova") or end a description.
var qRoleWords = map[string]bool{
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "minister": true,
	"secretary": true, "president": true, "official": true, "officials": true,
	"ambassador": true, "envoy": true, "chief": true, "leader": true,
	"adviser": true, "advisor": true, "aide": true, "director": true,
	"chairman": true, "chairwoman": true, "head": true, "governor": true,
	"mayor": true, "senator": true, "lawmaker": true, "diplomat": true,
	"commander": true, "general": true, "prosecutor": true, "lawyer": true,
	"attorney": true, "analyst": true, "expert": true, "researcher": true,
	"professor": true, "co-author": true, "author": true, "activist": true,
	"candidate": true, "deputy": true, "representative": true, "negotiator": true,
	"premier": true, "chancellor": true, "foreign": true, "defence": true,
	"defense": true, "prime": true, "vice": true, "economist": true,
	"scientist": true, "strategist": true, "pastor": true, "manager": true,
	"executive": true, "founder": true, "member": true, "campaign": true,
	"press": true, "state": true, "interior": true, "finance": true,
}

// qAdverbs may sit between a speaker and the cue ("Kovač later said").
var qAdverbs = map[string]bool{
	"also": true, "later": true, "then": true, "again": true, "further": true,
	"reportedly": true, "previously": true, "earlier": true, "yesterday": true,
	"today": true, "tonight": true, "recently": true, "separately": true,
	"subsequently": true, "once": true, "has": true, "had": true, "have": true,
	"would": true, "will": true, "could": true, "may": true, "might": true,
	"repeatedly": true, "publicly": true, "privately": true, "flatly": true,
	"simply": true, "only": true, "firmly": true, "bluntly": true, "openly": true,
	"initially": true, "first": true, "last": true, "twice": true, "even": true,
	"however": true, "too": true, "both": true, "jointly": true, "frankly": true,
	"explicitly": true, "angrily": true, "calmly": true, "quickly": true,
	"immediately": true, "directly": true, "specifically": true, "already": true,
	"this": true, "week": true, "morning": true, "evening": true, "afternoon": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "night": true, "month": true,
	"year": true,
}

// qPassiveAux before a cue makes it passive ("he was told").
var qPassiveAux = map[string]bool{
	"was": true, "were": true, "been": true, "being": true, "is": true,
	"are": true, "be": true, "not": true, "never": true, "to": true, "when": true,
	"if": true, "as": true, "unless": true, "what": true, "who": true,
}

// qClauseOpeners may precede a subject inside a sentence.
var qClauseOpeners = map[string]bool{
	"and": true, "but": true, "while": true, "as": true, "when": true,
	"because": true, "after": true, "before": true, "although": true,
	"though": true, "where": true, "since": true, "so": true, "yet": true,
	"whereas": true, "meanwhile": true, "however": true, "then": true,
	"which": true, "who": true, "whom": true, "that": true,
}

// qTitleWords directly before a quote mark name a work, not a quotation.
var qTitleWords = map[string]bool{
	"titled": true, "entitled": true, "called": true, "named": true, "dubbed": true,
	"nicknamed": true, "film": true, "movie": true, "book": true, "song": true,
	"album": true, "novel": true, "series": true, "show": true, "documentary": true,
	"play": true, "opera": true, "article": true, "headline": true, "column": true,
	"hashtag": true, "slogan": true, "campaign": true, "operation": true,
	"programme": true, "program": true, "magazine": true, "newspaper": true,
	"memoir": true, "autobiography": true, "poem": true, "painting": true,
	"exhibition": true, "report": true, "motto": true, "term": true, "word": true,
	"words": true, "phrase": true, "label": true, "tagline": true, "brand": true,
	"codenamed": true, "code-named": true, "so-called": true, "known": true,
}

// Noun phrase kinds.
const (
	qNpNone = iota
	qNpPronoun
	qNpHandle
	qNpName
	qNpDesc
)

// qNp is a parsed speaker phrase: tokens [i,j).
type qNp struct {
	i, j int
	kind int
}

// qParseNP parses a speaker noun phrase starting at token i.
func qParseNP(t []qTok, i int) (qNp, bool) {
	if i >= len(t) || !t[i].word {
		return qNp{}, false
	}
	w := t[i]
	if _, ok := qPronounGender[w.lw]; ok {
		return qNp{i, i + 1, qNpPronoun}, true
	}
	if strings.HasPrefix(w.raw, "@") {
		return qNp{i, i + 1, qNpHandle}, true
	}
	if qDeterminers[w.lw] {
		j := qDescTail(t, i+1)
		if j == i+1 {
			return qNp{}, false
		}
		return qNp{i, j, qNpDesc}, true
	}
	if !w.up || qFunctionWords[w.lw] {
		return qNp{}, false
	}
	// A capitalised run with connectors and lower-case role words inside.
	j, last := i, i
	for j < len(t) && t[j].word {
		x := t[j]
		switch {
		case qCueVerbs[x.lw] && !x.up:
			goto done
		case (x.lw == "on" || x.lw == "via") && j+1 < len(t) && qPlatforms[t[j+1].lw]:
			goto done // "Joshua Wong on Twitter"
		case x.up && !qFunctionWords[x.lw]:
			last = j
		case x.up && j > i && (x.lw == "the" || x.lw == "of"):
			// "Organisation of the Islamic Cooperation"
		case x.lw == "the" && j > i && qNameConnectors[t[j-1].lw] && j+1 < len(t) && t[j+1].up:
			// "Ambassador to the United Nations Nikki Haley"
		case x.lw == "to" && j > i && !qRoleWords[t[j-1].lw] && !qPersonTitles[t[j-1].lw]:
			goto done // "said Dasbach to Wikinews": an addressee, not "Ambassador to Germany"
		case (qNameConnectors[x.lw] || qRoleWords[x.lw]) && j+1 < len(t) && t[j+1].word &&
			(t[j+1].up || qRoleWords[t[j+1].lw] || t[j+1].lw == "the" || qRoleWords[x.lw] && t[j+1].lw == "of"):
		default:
			goto done
		}
		if qIsPossessive(x.raw) {
			// "Ines Kowalczyk of the University of Warsaw's physics
			// department": the possessive belongs to the affiliation; the
			// name before it speaks.
			for c := i + 2; c < j; c++ {
				if lw := t[c].lw; (lw == "of" || lw == "from" || lw == "at") && t[c-1].up && t[c-2].up && !qOrgHeads[t[c-1].lw] && !qRoleWords[t[c-1].lw] && !qPersonTitles[t[c-1].lw] {
					return qNp{i, c, qNpName}, true
				}
			}
			// "Merkel's spokesperson": a description anchored on a name.
			k := qDescTail(t, j+1)
			if k > j+4 && (k > j+8 || !t[k-1].up || !t[k-2].up) {
				// Too long for "X's spokesman": a clause, unless a full name
				// ends it ("Clinton's top foreign policy aide Jake Sullivan").
				return qNp{}, false
			}
			if k > j+1 {
				for _, y := range t[j+1 : k] {
					if y.up {
						return qNp{i, k, qNpName}, true // "Niger's president Mahamadou Issoufou"
					}
				}
				return qNp{i, k, qNpDesc}, true
			}
			return qNp{i, j + 1, qNpName}, true
		}
		j++
	}
done:
	if last < i {
		return qNp{}, false
	}
	// "Foreign Ministry spokeswoman" without a name is a description.
	if last+1 < len(t) && qRoleWords[t[last+1].lw] && !t[last+1].up {
		k := last + 1
		for k < len(t) && qRoleWords[t[k].lw] && !t[k].up {
			k++
		}
		return qNp{i, k, qNpDesc}, true
	}
	return qNp{i, last + 1, qNpName}, true
}

func qIsPossessive(raw string) bool {
	return strings.HasSuffix(raw, "'s") || strings.HasSuffix(raw, "’s")
}

// qDescTail consumes the words of a description after its determiner:
// "(the) Russian Foreign Ministry", "(a) spokesman for the ministry",
// "(the) foreign minister". It stops at punctuation, a cue verb or a verb-like
// word.
func qDescTail(t []qTok, i int) int {
	j, end := i, i
	for j < len(t) && j-i < 12 && t[j].word {
		x := t[j]
		if (qCueVerbs[x.lw] && !x.up) || qPassiveAux[x.lw] || qAdverbs[x.lw] && !x.up || qPronounGender[x.lw] != "" || x.lw == "they" || x.lw == "that" {
			break
		}
		if (x.lw == "on" || x.lw == "via") && j+1 < len(t) && qPlatforms[t[j+1].lw] {
			break // "… partner Erick Rowan on Instagram"
		}
		if !x.up && strings.HasSuffix(x.lw, "ed") && j+1 < len(t) && (qDeterminers[t[j+1].lw] || t[j+1].lw == "by" || t[j+1].lw == "to" || !t[j+1].word) {
			break // a verb: "slammed a lawsuit"
		}
		if x.lw == "of" || x.lw == "for" || x.lw == "from" || x.lw == "at" || x.lw == "the" || x.lw == "by" {
			j++
			continue
		}
		j++
		end = j
	}
	return end
}

// qSkipFiller skips qAdverbs and temporal phrases ("on Friday", "in a
// statement" is not skipped: it follows the cue) before a cue.
func qSkipFiller(t []qTok, i int) int {
	for i < len(t) && t[i].word {
		switch {
		case qAdverbs[t[i].lw]:
			i++
		case !t[i].up && len(t[i].lw) > 4 && strings.HasSuffix(t[i].lw, "ly") && i+1 < len(t) && t[i+1].word && qCueVerbs[t[i+1].lw]:
			i++ // "Cruz gingerly said"
		case t[i].lw == "on" && i+1 < len(t) && qWeekdays[t[i+1].lw]:
			i += 2
		default:
			return i
		}
	}
	return i
}

var qWeekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true,
}

// qSkipAppositive skips ", the foreign minister," or ", 45," at i and returns
// the index after the closing comma and the appositive's tokens.
func qSkipAppositive(t []qTok, i int) (int, qNp, bool) {
	if i >= len(t) || t[i].raw != "," {
		return i, qNp{}, false
	}
	for k := i + 1; k < len(t) && k-i <= 28; k++ {
		x := t[k]
		if x.mark || x.raw == "." || x.raw == ";" || x.raw == ":" || x.raw == "!" || x.raw == "?" {
			return i, qNp{}, false
		}
		if x.raw == "," {
			if k == i+1 {
				return i, qNp{}, false
			}
			inner, ok := qParseNP(t, i+1)
			if ok {
				if k2, _ := qSkipParen(t, inner.j); k2 == k {
					ok = true
				} else {
					ok = inner.j == k
				}
			}
			if !ok {
				inner = qNp{i + 1, k, qNpNone}
			}
			return k + 1, inner, true
		}
		if x.word && qCueVerbs[x.lw] && !x.up && !strings.HasSuffix(x.lw, "ing") {
			return i, qNp{}, false
		}
	}
	return i, qNp{}, false
}

// qPreferAppositive reports whether the appositive names the speaker better
// than the phrase before it: "a lawyer for the family, Marko Horvat," or
// "One of these groups, the Syrian Democratic Forces,".
func qPreferAppositive(t []qTok, who, app qNp) bool {
	if who.kind != qNpDesc {
		return false
	}
	return app.kind == qNpName || app.kind == qNpDesc && t[app.i].lw == "the" && !qDefiniteLW(t[who.i].lw)
}

func qDefiniteLW(w string) bool { return w == "the" }

// qSkipParen skips a parenthesised handle or acronym: "(@mfa_russia)".
func qSkipParen(t []qTok, i int) (int, int) {
	if i >= len(t) || t[i].raw != "(" {
		return i, -1
	}
	for k := i + 1; k < len(t) && k-i <= 6; k++ {
		if t[k].raw == ")" {
			h := -1
			if k == i+2 && strings.HasPrefix(t[i+1].raw, "@") {
				h = i + 1
			}
			return k + 1, h
		}
	}
	return i, -1
}

// qSubjCue is a speaker phrase followed by its cue.
type qSubjCue struct {
	who    qNp
	handle int // token index of a parenthesised @handle after the name, or -1
	cue    int // token index of the cue verb
}

// qSubjectThenCue parses "NP[, appositive,] [adverbs] cue" from token i.
func qSubjectThenCue(t []qTok, i int) (qSubjCue, bool) {
	who, ok := qParseNP(t, i)
	if !ok {
		return qSubjCue{}, false
	}
	k, handle := qSkipParen(t, who.j)
	if k2, app, ok := qSkipAppositive(t, k); ok {
		// A description followed by a name in apposition: the name speaks.
		if qPreferAppositive(t, who, app) {
			who = app
		}
		k = k2
		if k2 >= 2 && t[k2-2].up {
			// "…, director at the University of Texas, Austin, said": the
			// place that finishes the affiliation.
			if k3 := qSkipPlaceTail(t, k2-1); k3 > k2 {
				k = k3
			}
		}
	}
	if who.kind == qNpName && k < len(t) && qPostModPreps[t[k].lw] {
		// "Xiaogang Wei of the Beijing Institute commented"
		for m := k + 1; m < len(t) && m-k <= 8 && t[m].word; m++ {
			if !t[m].up && qCueVerbs[t[m].lw] {
				k = m
				break
			}
		}
	}
	k = qSkipFiller(t, k)
	if k+3 < len(t) && (t[k].lw == "went" || t[k].lw == "goes") && t[k+1].lw == "on" && t[k+2].lw == "to" && qCueVerbs[t[k+3].lw] {
		return qSubjCue{who: who, handle: handle, cue: k + 3}, true
	}
	if k < len(t) && t[k].word && !t[k].up && qCueVerbs[t[k].lw] && !qParticipleCue(t[k].lw) {
		return qSubjCue{who: who, handle: handle, cue: k}, true
	}
	return qSubjCue{}, false
}

// qSkipPlaceTail skips ", Place" (one to three capitalised words, and the
// comma after them if any) at the comma k and returns the index after it,
// or k when there is no such place.
func qSkipPlaceTail(t []qTok, k int) int {
	if k >= len(t) || t[k].raw != "," {
		return k
	}
	m := k + 1
	for m < len(t) && m-k <= 3 && t[m].word && t[m].up && !qFunctionWords[t[m].lw] {
		m++
	}
	if m == k+1 || m-k > 3 {
		return k
	}
	if m < len(t) && t[m].raw == "," {
		return m + 1
	}
	return m
}

// qPostModPreps start a phrase that may follow a speaker's name
// ("Kovač of the Croatian Foreign Ministry said").
var qPostModPreps = map[string]bool{
	"of": true, "from": true, "at": true, "with": true, "for": true, "in": true,
}

// qCueThenSubject parses "cue NP" (inverted: `said Kovač`, `according to the
// ministry`) from token i.
func qCueThenSubject(t []qTok, i int) (qSubjCue, string, bool) {
	if i >= len(t) || !t[i].word || t[i].up && t[i].lw != "according" && (i > 0 || !qCueVerbs[t[i].lw]) {
		return qSubjCue{}, "", false // a capitalised cue only opening the sentence: "Said Lavrov: "…""
	}
	cue := t[i].lw
	k := i + 1
	switch {
	case cue == "according" && k < len(t) && t[k].lw == "to":
		cue = "according to"
		k++
	case qCueVerbs[cue] && !qParticipleCue(cue):
	default:
		return qSubjCue{}, "", false
	}
	k = qSkipFiller(t, k)
	who, ok := qParseNP(t, k)
	if !ok && cue == "according to" && k < len(t) && (t[k].lw == "him" || t[k].lw == "her") {
		who, ok = qNp{k, k + 1, qNpPronoun}, true // "According to him, …"
	}
	if !ok {
		// "wrote student protester Joshua Wong": lower-case descriptors before a name.
		for m := k; m < len(t) && m-k < 4 && t[m].word && !t[m].up && !qDeterminers[t[m].lw] && !qCueVerbs[t[m].lw]; m++ {
			if m+1 < len(t) && t[m+1].up {
				if who, ok = qParseNP(t, m+1); ok && who.kind == qNpName {
					break
				}
			}
		}
		if !ok || who.kind != qNpName {
			return qSubjCue{}, "", false
		}
	}
	if who.kind == qNpName {
		// "said Lisbon harbour master Rui Tavares", "according to Leiden
		// University political scientist Hanne Vos": lower-case descriptors
		// between an affiliation and the name that ends the phrase.
		if later, ok := qNameAfterDescriptors(t, who.j); ok {
			who = later
		}
	}
	if who.kind == qNpDesc && who.j+1 < len(t) && t[who.j].raw == "," {
		// "said his father, Abdullah Kurdi, …": the name in apposition.
		if app, ok := qParseNP(t, who.j+1); ok && app.kind == qNpName && (app.j == len(t) || t[app.j].raw == "," || t[app.j].raw == "." || t[app.j].raw == "(") {
			who = app
		}
	}
	if cue != "according to" && who.kind == qNpPronoun && t[who.i].lw == "they" {
		return qSubjCue{}, "", false
	}
	_, handle := qSkipParen(t, who.j)
	return qSubjCue{who: who, handle: handle, cue: i}, cue, true
}

// qNameAfterDescriptors parses, at k, one to three lower-case descriptor
// words ("harbour master", "political scientist") and then a name of two or
// more capitalised words that ends the phrase (punctuation, the end, or an
// affiliation with "of", "from" or "at").
func qNameAfterDescriptors(t []qTok, k int) (qNp, bool) {
	m := k
	for m < len(t) && m-k < 3 && t[m].word && !t[m].up && !qFunctionWords[t[m].lw] &&
		!qDeterminers[t[m].lw] && !qCueVerbs[t[m].lw] && !qAdverbs[t[m].lw] && !qPassiveAux[t[m].lw] && !qPostModPreps[t[m].lw] {
		m++
	}
	if m == k || m >= len(t) || !t[m].up {
		return qNp{}, false
	}
	who, ok := qParseNP(t, m)
	if !ok || who.kind != qNpName || who.j-who.i < 2 {
		return qNp{}, false
	}
	if who.j < len(t) && t[who.j].word && !(t[who.j].lw == "of" || t[who.j].lw == "from" || t[who.j].lw == "at") {
		return qNp{}, false
	}
	return who, true
}

// qIsPassive reports whether the cue at c is passive or non-finite.
func qIsPassive(t []qTok, c int) bool {
	if c >= 3 && t[c-1].lw == "to" && t[c-2].lw == "on" && (t[c-3].lw == "went" || t[c-3].lw == "goes") {
		return false // "went on to say"
	}
	return c > 0 && t[c-1].word && qPassiveAux[t[c-1].lw]
}

// qIntroWords open an introductory phrase that ends at a comma.
var qIntroWords = map[string]bool{
	"in": true, "on": true, "at": true, "after": true, "during": true,
	"following": true, "speaking": true, "despite": true, "for": true,
	"from": true, "with": true, "by": true, "under": true, "before": true,
	"since": true, "while": true, "when": true, "as": true, "although": true,
	"though": true, "because": true, "asked": true, "responding": true,
	"addressing": true, "writing": true, "according": true,
}

// qPreamble reports whether ts only set the scene before a subject: "This
// Wednesday", "On Monday,", "Yesterday".
func qPreamble(ts []qTok) bool {
	for _, x := range ts {
		if x.word && !qFunctionWords[x.lw] && !qMonths[x.lw] && !qIsNumber(x.raw) {
			return false
		}
		if !x.word && x.raw != "," {
			return false
		}
	}
	return true
}

var qMonths = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "week": true, "month": true, "year": true,
	"morning": true, "afternoon": true, "evening": true, "night": true,
}

func qIsNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// qSubjectEndingAt finds the leftmost speaker phrase in t[lo:c] whose cue is
// the token c; it starts a clause (at lo, after punctuation or a clause
// opener).
func qSubjectEndingAt(t []qTok, lo, c int) (qSubjCue, bool) {
	if c-1 >= lo && (t[c-1].lw == "he" || t[c-1].lw == "she") {
		// "On live television he said": a pronoun right before the cue is
		// its subject whatever precedes it.
		if sc, ok := qSubjectThenCue(t, c-1); ok && sc.cue == c {
			return sc, true
		}
	}
	for j := lo; j < c; j++ {
		if j > lo && t[j-1].word && !qClauseOpeners[t[j-1].lw] && (t[j-1].up || !t[j].up || qPostModPreps[t[j-1].lw] || qDeterminers[t[j-1].lw] || t[j-1].lw == "to" || t[j-1].lw == "by") {
			continue // neither a clause start nor a name after a lower-case word (not a preposition's object)
		}
		if j > lo && t[j-1].mark {
			continue
		}
		if sc, ok := qSubjectThenCue(t, j); ok && sc.cue == c {
			if sc.who.kind == qNpDesc && sc.who.j-sc.who.i > 6 {
				// "The phone call between A and B comes after the
				// minister announced": a shorter subject nearer the cue.
				if sc2, ok := qSubjectEndingAt(t, j+1, c); ok && sc2.who.i > 0 && qClauseOpeners[t[sc2.who.i-1].lw] {
					return sc2, true
				}
			}
			return sc, true
		}
	}
	return qSubjCue{}, false
}

// qSentenceSubject finds the subject of a sentence for participle cues:
// the first speaker phrase at its start or after a leading adverbial.
func qSentenceSubject(t []qTok, lo, c int) (qNp, bool) {
	if lo < c && qIntroWords[t[lo].lw] {
		// "In a press release issued on Monday, the ministry …": the
		// subject follows the introductory phrase.
		for k := lo + 1; k < c && k-lo < 25; k++ {
			if t[k].raw == "," {
				lo = k + 1
				break
			}
			if t[k].mark {
				break
			}
		}
	}
	for k := lo; k < c && k-lo < 16; k++ {
		if k > lo && t[k-1].word && !qClauseOpeners[t[k-1].lw] && !qPreamble(t[lo:k]) {
			continue // not a clause start
		}
		if who, ok := qParseNP(t, k); ok && who.kind != qNpHandle {
			if who.j < len(t) && t[who.j].word && !t[who.j].up {
				return who, true // followed by its verb
			}
			if who.j < len(t) && t[who.j].raw == "," && qHasConnector(t[who.i:who.j]) {
				// "Elena Sorensen of the University of Copenhagen, Denmark
				// disagreed": the place finishes the affiliation.
				if k2 := qSkipPlaceTail(t, who.j); k2 > who.j && k2 < len(t) && t[k2].word && !t[k2].up {
					return who, true
				}
			}
			if who.j < len(t) && t[who.j].raw == "," {
				if k2, app, ok := qSkipAppositive(t, who.j); ok && k2 < len(t) && t[k2].word && !t[k2].up {
					if qPreferAppositive(t, who, app) {
						return app, true
					}
					return who, true
				}
			}
		}
	}
	return qNp{}, false
}

// qPlatforms are media a speaker speaks on: "X on Twitter" names X.
var qPlatforms = map[string]bool{
	"twitter": true, "facebook": true, "instagram": true, "telegram": true,
	"youtube": true, "weibo": true, "wechat": true, "tiktok": true, "x": true,
	"television": true, "radio": true, "cnn": true, "msnbc": true, "fox": true,
	"abc": true, "cbs": true, "nbc": true, "bbc": true,
}
