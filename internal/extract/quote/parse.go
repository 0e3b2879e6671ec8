package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
)

// Tokens and the small phrase grammar of attributions: a speaker noun phrase
// (a name, a pronoun, a description or an @handle) and a cue verb, in either
// order, with appositives, adverbs and temporal phrases in between.

// tok is one word or punctuation mark of an attribution window.
type tok struct {
	s, e int
	raw  string // as written
	lw   string // lower case
	word bool
	up   bool // starts with an upper-case letter (or is an @handle)
	mark bool // a quote mark
}

// tokenize splits body[lo:hi] into tokens.
func tokenize(body string, lo, hi int, buf []tok) []tok {
	out := buf[:0]
	for i := lo; i < hi; {
		c := body[i]
		if isSpaceByte(c) {
			i++
			continue
		}
		if k, n := markAt(body, i); k != markNone {
			out = append(out, tok{s: i, e: i + n, raw: body[i : i+n], lw: body[i : i+n], mark: true})
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
			out = append(out, tok{s: start, e: i, raw: body[start:i], lw: body[start:i]})
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
		if i < hi && body[i] == '.' && (i-start == 1 && body[start] >= 'A' && body[start] <= 'Z' || text.Abbreviations[strings.ToLower(body[start:i])] || dottedAbbrev(body[start:i])) {
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
		out = append(out, tok{s: start, e: i, raw: raw, lw: strings.ToLower(raw), word: true, up: up})
	}
	return out
}

// dottedAbbrev reports whether w is a dotted abbreviation without its last
// period: "U.S", "U.K", "E.U" (segments of one or two letters).
func dottedAbbrev(w string) bool {
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

// participleCue reports cue participles ("…, saying "…"") whose speaker is
// the subject of the sentence.
func participleCue(w string) bool { return strings.HasSuffix(w, "ing") && text.CueVerbs[w] }

// Noun phrase kinds.
const (
	npNone = iota
	npPronoun
	npHandle
	npName
	npDesc
)

// np is a parsed speaker phrase: tokens [i,j).
type np struct {
	i, j int
	kind int
}

// parseNP parses a speaker noun phrase starting at token i.
func parseNP(t []tok, i int) (np, bool) {
	if i >= len(t) || !t[i].word {
		return np{}, false
	}
	w := t[i]
	if _, ok := text.SubjectPronouns[w.lw]; ok {
		return np{i, i + 1, npPronoun}, true
	}
	if strings.HasPrefix(w.raw, "@") {
		return np{i, i + 1, npHandle}, true
	}
	if text.Determiners[w.lw] {
		j := descTail(t, i+1)
		if j == i+1 {
			return np{}, false
		}
		return np{i, j, npDesc}, true
	}
	if !w.up || text.FunctionWords[w.lw] {
		return np{}, false
	}
	// A capitalised run with NameConnectors and lower-case role words inside.
	j, last := i, i
	for j < len(t) && t[j].word {
		x := t[j]
		switch {
		case text.CueVerbs[x.lw] && !x.up:
			goto done
		case (x.lw == "on" || x.lw == "via") && j+1 < len(t) && text.Platforms[t[j+1].lw]:
			goto done // "Joshua Wong on Twitter"
		case x.up && !text.FunctionWords[x.lw]:
			last = j
		case x.up && j > i && (x.lw == "the" || x.lw == "of"):
			// "Organisation of the Islamic Cooperation"
		case x.lw == "the" && j > i && text.SpeakerConnectors[t[j-1].lw] && j+1 < len(t) && t[j+1].up:
			// "Ambassador to the United Nations Nikki Haley"
		case x.lw == "to" && j > i && !text.RoleWords[t[j-1].lw] && !text.PersonTitles[t[j-1].lw]:
			goto done // "said Dasbach to Wikinews": an addressee, not "Ambassador to Germany"
		case (text.SpeakerConnectors[x.lw] || text.RoleWords[x.lw]) && j+1 < len(t) && t[j+1].word &&
			(t[j+1].up || text.RoleWords[t[j+1].lw] || t[j+1].lw == "the" || text.RoleWords[x.lw] && t[j+1].lw == "of"):
		default:
			goto done
		}
		if isPossessive(x.raw) {
			// "Ines Kowalczyk of the University of Warsaw's physics
			// department": the possessive belongs to the affiliation; the
			// name before it speaks.
			for c := i + 2; c < j; c++ {
				if lw := t[c].lw; (lw == "of" || lw == "from" || lw == "at") && t[c-1].up && t[c-2].up && !text.OrgHeads[t[c-1].lw] && !text.RoleWords[t[c-1].lw] && !text.PersonTitles[t[c-1].lw] {
					return np{i, c, npName}, true
				}
			}
			// "Merkel's spokesperson": a description anchored on a name.
			k := descTail(t, j+1)
			if k > j+4 && (k > j+8 || !t[k-1].up || !t[k-2].up) {
				// Too long for "X's spokesman": a clause, unless a full name
				// ends it ("Clinton's top foreign policy aide Jake Sullivan").
				return np{}, false
			}
			if k > j+1 {
				for _, y := range t[j+1 : k] {
					if y.up {
						return np{i, k, npName}, true // "Niger's president Mahamadou Issoufou"
					}
				}
				return np{i, k, npDesc}, true
			}
			return np{i, j + 1, npName}, true
		}
		j++
	}
done:
	if last < i {
		return np{}, false
	}
	// "Foreign Ministry spokeswoman" without a name is a description.
	if last+1 < len(t) && text.RoleWords[t[last+1].lw] && !t[last+1].up {
		k := last + 1
		for k < len(t) && text.RoleWords[t[k].lw] && !t[k].up {
			k++
		}
		return np{i, k, npDesc}, true
	}
	return np{i, last + 1, npName}, true
}

func isPossessive(raw string) bool {
	return strings.HasSuffix(raw, "'s") || strings.HasSuffix(raw, "’s")
}

// descTail consumes the words of a description after its determiner:
// "(the) Russian Foreign Ministry", "(a) spokesman for the ministry",
// "(the) foreign minister". It stops at punctuation, a cue verb or a verb-like
// word.
func descTail(t []tok, i int) int {
	j, end := i, i
	for j < len(t) && j-i < 12 && t[j].word {
		x := t[j]
		if (text.CueVerbs[x.lw] && !x.up) || text.PassiveAux[x.lw] || text.Adverbs[x.lw] && !x.up || text.SubjectPronouns[x.lw] != "" || x.lw == "they" || x.lw == "that" {
			break
		}
		if (x.lw == "on" || x.lw == "via") && j+1 < len(t) && text.Platforms[t[j+1].lw] {
			break // "… partner Erick Rowan on Instagram"
		}
		if !x.up && strings.HasSuffix(x.lw, "ed") && j+1 < len(t) && (text.Determiners[t[j+1].lw] || t[j+1].lw == "by" || t[j+1].lw == "to" || !t[j+1].word) {
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

// skipFiller skips Adverbs and temporal phrases ("on Friday", "in a
// statement" is not skipped: it follows the cue) before a cue.
func skipFiller(t []tok, i int) int {
	for i < len(t) && t[i].word {
		switch {
		case text.Adverbs[t[i].lw]:
			i++
		case !t[i].up && len(t[i].lw) > 4 && strings.HasSuffix(t[i].lw, "ly") && i+1 < len(t) && t[i+1].word && text.CueVerbs[t[i+1].lw]:
			i++ // "Cruz gingerly said"
		case t[i].lw == "on" && i+1 < len(t) && text.Weekdays[t[i+1].lw]:
			i += 2
		default:
			return i
		}
	}
	return i
}

// skipAppositive skips ", the foreign minister," or ", 45," at i and returns
// the index after the closing comma and the appositive's tokens.
func skipAppositive(t []tok, i int) (int, np, bool) {
	if i >= len(t) || t[i].raw != "," {
		return i, np{}, false
	}
	for k := i + 1; k < len(t) && k-i <= 28; k++ {
		x := t[k]
		if x.mark || x.raw == "." || x.raw == ";" || x.raw == ":" || x.raw == "!" || x.raw == "?" {
			return i, np{}, false
		}
		if x.raw == "," {
			if k == i+1 {
				return i, np{}, false
			}
			inner, ok := parseNP(t, i+1)
			if ok {
				if k2, _ := skipParen(t, inner.j); k2 == k {
					ok = true
				} else {
					ok = inner.j == k
				}
			}
			if !ok {
				inner = np{i + 1, k, npNone}
			}
			return k + 1, inner, true
		}
		if x.word && text.CueVerbs[x.lw] && !x.up && !strings.HasSuffix(x.lw, "ing") {
			return i, np{}, false
		}
	}
	return i, np{}, false
}

// preferAppositive reports whether the appositive names the speaker better
// than the phrase before it: "a lawyer for the family, Marko Horvat," or
// "One of these groups, the Syrian Democratic Forces,".
func preferAppositive(t []tok, who, app np) bool {
	if who.kind != npDesc {
		return false
	}
	return app.kind == npName || app.kind == npDesc && t[app.i].lw == "the" && !definiteLW(t[who.i].lw)
}

func definiteLW(w string) bool { return w == "the" }

// skipParen skips a parenthesised handle or acronym: "(@mfa_russia)".
func skipParen(t []tok, i int) (int, int) {
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
