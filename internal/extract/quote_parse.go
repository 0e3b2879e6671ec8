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
