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

// qParticipleCue reports cue participles ("…, saying "…"") whose speaker is
// the subject of the sentence.
func qParticipleCue(w string) bool { return strings.HasSuffix(w, "ing") && qCueVerbs[w] }

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
