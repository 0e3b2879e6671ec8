package quote

import (
	"strings"

	"github.com/readout/readout/internal/extract/text"
)

// Tokens and the small phrase grammar of attributions: a speaker noun phrase
// (a name, a pronoun, a description or an @handle) and a cue verb, in either
// order, with appositives, adverbs and temporal phrases in between.

// tokenize splits body[lo:hi] into tokens by the phrase rules of the one
// tokenizer (text.PhraseRules).
func tokenize(body string, lo, hi int, buf []text.Token) []text.Token {
	return text.Tokenize(body, lo, hi, text.PhraseRules, buf)
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
//
// It is long because it is one scan of the phrase grammar whose cases
// share the position and the last capitalised word.
func parseNP(t []text.Token, i int) (np, bool) {
	if i >= len(t) || !t[i].Is(text.Word) {
		return np{}, false
	}
	w := t[i]
	if _, ok := text.SubjectPronouns[w.Lower]; ok || w.Lower == "it" {
		return np{i, i + 1, npPronoun}, true // "it": an organisation speaking on (makeAttr)
	}
	if text.Partitives[w.Lower] && i+1 < len(t) && t[i+1].Lower == "of" {
		return np{}, false // "Part of the judge's statement reads": nobody named Part
	}
	if strings.HasPrefix(w.Raw, "@") {
		return np{i, i + 1, npHandle}, true
	}
	if text.Determiners[w.Lower] {
		j := descTail(t, i+1)
		if j == i+1 {
			return np{}, false
		}
		return np{i, j, npDesc}, true
	}
	if !w.Is(text.Capitalised) || text.FunctionWords[w.Lower] {
		return np{}, false
	}
	// A capitalised run with NameConnectors and lower-case role words inside.
	j, last := i, i
	for j < len(t) && t[j].Is(text.Word) {
		x := t[j]
		switch {
		case text.CueVerbs[x.Lower] && !x.Is(text.Capitalised):
			goto done
		case (x.Lower == "on" || x.Lower == "via") && j+1 < len(t) && text.Platforms[t[j+1].Lower]:
			goto done // "Joshua Wong on Twitter"
		case x.Is(text.Capitalised) && !text.FunctionWords[x.Lower]:
			last = j
		case x.Is(text.Capitalised) && j > i && (x.Lower == "the" || x.Lower == "of"):
			// "Organisation of the Islamic Cooperation"
		case x.Lower == "the" && j > i && text.SpeakerConnectors[t[j-1].Lower] && j+1 < len(t) && t[j+1].Is(text.Capitalised):
			// "Ambassador to the United Nations Nikki Haley"
		case x.Lower == "to" && j > i && !text.RoleWords[t[j-1].Lower] && !text.PersonTitles[t[j-1].Lower]:
			goto done // "said Dasbach to Wikinews": an addressee, not "Ambassador to Germany"
		case (text.SpeakerConnectors[x.Lower] || text.RoleWords[x.Lower]) && j+1 < len(t) && t[j+1].Is(text.Word) &&
			(t[j+1].Is(text.Capitalised) || text.RoleWords[t[j+1].Lower] || t[j+1].Lower == "the" || text.RoleWords[x.Lower] && t[j+1].Lower == "of"):
		default:
			goto done
		}
		if isPossessive(x.Raw) {
			// "Ines Kowalczyk of the University of Warsaw's physics
			// department": the possessive belongs to the affiliation; the
			// name before it speaks.
			for c := i + 2; c < j; c++ {
				if lw := t[c].Lower; (lw == "of" || lw == "from" || lw == "at") && t[c-1].Is(text.Capitalised) && t[c-2].Is(text.Capitalised) && !text.OrgHeads[t[c-1].Lower] && !text.RoleWords[t[c-1].Lower] && !text.PersonTitles[t[c-1].Lower] {
					return np{i, c, npName}, true
				}
			}
			// "Merkel's spokesperson": a description anchored on a name.
			k := descTail(t, j+1)
			if k > j+4 && (k > j+8 || !t[k-1].Is(text.Capitalised) || !t[k-2].Is(text.Capitalised)) {
				// Too long for "X's spokesman": a clause, unless a full name
				// ends it ("Clinton's top foreign policy aide Jake Sullivan").
				return np{}, false
			}
			if k > j+1 && !t[k-1].Is(text.Capitalised) && isDocument(t[k-1].Lower) {
				return np{i, k, npDesc}, true // "RIAA's DMCA notice": the possessor's document
			}
			if k > j+1 {
				for _, y := range t[j+1 : k] {
					if y.Is(text.Capitalised) {
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
	if last+1 < len(t) && text.RoleWords[t[last+1].Lower] && !t[last+1].Is(text.Capitalised) {
		k := last + 1
		for k < len(t) && text.RoleWords[t[k].Lower] && !t[k].Is(text.Capitalised) {
			k++
		}
		return np{i, k, npDesc}, true
	}
	return np{i, last + 1, npName}, true
}

func isPossessive(raw string) bool {
	return strings.HasSuffix(raw, "'s") || strings.HasSuffix(raw, "’s")
}

// possessor is s without its possessive ending: "Fleming's" → "Fleming".
func possessor(s string) string {
	return strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s"), "\u200b\u200c\u200d\u2060")
}

// descTail consumes the words of a description after its determiner:
// "(the) Russian Foreign Ministry", "(a) spokesman for the ministry",
// "(the) foreign minister". It stops at punctuation, a cue verb or a verb-like
// word.
func descTail(t []text.Token, i int) int {
	j, end := i, i
	for j < len(t) && j-i < 12 && t[j].Is(text.Word) {
		x := t[j]
		if x.Lower == "to" && j > i && text.Envoys[t[j-1].Lower] && j+1 < len(t) && (t[j+1].Is(text.Capitalised) || t[j+1].Lower == "the" && j+2 < len(t) && t[j+2].Is(text.Capitalised)) {
			j++ // "the delegate to the United Nations", "the envoy to Germany" (but "an adviser to Bill Clinton" is not Clinton)
			continue
		}
		if (text.CueVerbs[x.Lower] && !x.Is(text.Capitalised)) || text.PassiveAux[x.Lower] || text.Adverbs[x.Lower] && !x.Is(text.Capitalised) || text.SubjectPronouns[x.Lower] != "" || x.Lower == "they" || x.Lower == "that" {
			break
		}
		if (x.Lower == "on" || x.Lower == "via") && j+1 < len(t) && text.Platforms[t[j+1].Lower] {
			break // "… partner Erick Rowan on Instagram"
		}
		if !x.Is(text.Capitalised) && strings.HasSuffix(x.Lower, "ed") && j+1 < len(t) && (text.Determiners[t[j+1].Lower] || t[j+1].Lower == "by" || t[j+1].Lower == "to" || !t[j+1].Is(text.Word)) {
			break // a verb: "slammed a lawsuit"
		}
		if x.Lower == "of" || x.Lower == "for" || x.Lower == "from" || x.Lower == "at" || x.Lower == "the" || x.Lower == "by" {
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
func skipFiller(t []text.Token, i int) int {
	for i < len(t) && t[i].Is(text.Word) {
		switch {
		case text.Adverbs[t[i].Lower]:
			i++
		case !t[i].Is(text.Capitalised) && len(t[i].Lower) > 4 && strings.HasSuffix(t[i].Lower, "ly") && i+1 < len(t) && t[i+1].Is(text.Word) && text.CueVerbs[t[i+1].Lower]:
			i++ // "Cruz gingerly said"
		case t[i].Lower == "on" && i+1 < len(t) && text.Weekdays[t[i+1].Lower]:
			i += 2
		default:
			return i
		}
	}
	return i
}

// skipAppositive skips ", the foreign minister," or ", 45," at i and returns
// the index after the closing comma and the appositive's tokens.
func skipAppositive(t []text.Token, i int) (int, np, bool) {
	if i >= len(t) || t[i].Raw != "," {
		return i, np{}, false
	}
	for k := i + 1; k < len(t) && k-i <= 28; k++ {
		x := t[k]
		if x.Is(text.QuoteMark) || x.Raw == "." && !abbrevPeriod(t, k) || x.Raw == ";" || x.Raw == ":" || x.Raw == "!" || x.Raw == "?" {
			return i, np{}, false
		}
		if x.Raw == "," {
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
				if n, ok := describedName(t, i+1, k); ok {
					inner = n
				}
			}
			return k + 1, inner, true
		}
		if x.Is(text.Word) && text.CueVerbs[x.Lower] && !x.Is(text.Capitalised) && !strings.HasSuffix(x.Lower, "ing") && !(t[i+1].Lower == "which" && text.BeForms[t[k-1].Lower]) && !namingParticiple(t, k) {
			// (A passive cue in a "which" clause is no speech of the
			// appositive's own: "The statement, which was posted on
			// Twitter, announced". A "who" clause's may be the clue that
			// the name is not the subject: "An aide to Undersecretary
			// Tomas Berg, who is reported to oppose it, said".)
			return i, np{}, false
		}
	}
	return i, np{}, false
}

// abbrevPeriod reports whether the full stop t[k] ends an abbreviation
// inside a sentence: after a capitalised word of at most four letters and
// before a comma ("Allentown, Pa., said", "Lund Bros., said"), where no
// sentence ends.
func abbrevPeriod(t []text.Token, k int) bool {
	return t[k].Raw == "." && k > 0 && k+1 < len(t) && t[k+1].Raw == "," && t[k-1].Is(text.Word) && t[k-1].Is(text.Capitalised) && len(t[k-1].Raw) <= 4
}

// namingParticiple reports whether the cue verb t[k] names what the noun
// before it is called: "a consulting firm called Harbour Partners", no
// speech of the appositive's.
func namingParticiple(t []text.Token, k int) bool {
	return t[k].Lower == "called" && k > 0 && k+1 < len(t) && t[k-1].Is(text.Word) && !t[k-1].Is(text.Capitalised) && !text.FunctionWords[t[k-1].Lower] && t[k+1].Is(text.Capitalised)
}

// maxDescriptorWords is the most lower-case words describing a name in
// apposition ("civil and environmental engineering professor Julian
// Marshall").
const maxDescriptorWords = 6

// describedName parses an appositive of lower-case descriptors and a name,
// tokens [i,k): ", doctoral candidate Maninder Thind,". The descriptors are
// content words ("and" joins them), no adverb and no participle first: a
// name in any other phrase (", according to Smith,", ", seemingly Smith,",
// ", contradicting Smith,") is not in apposition.
func describedName(t []text.Token, i, k int) (np, bool) {
	m := i
	for m < k && m-i < maxDescriptorWords && t[m].Is(text.Word) && !t[m].Is(text.Capitalised) && (t[m].Lower == "and" || !text.FunctionWords[t[m].Lower]) && !text.CueVerbs[t[m].Lower] && !strings.HasSuffix(t[m].Lower, "ly") {
		m++
	}
	if m == i || m == k || t[m-1].Lower == "and" || strings.HasSuffix(t[i].Lower, "ing") {
		return np{}, false
	}
	if n, ok := parseNP(t, m); ok && n.kind == npName && n.j == k {
		return n, true
	}
	return np{}, false
}

// preferAppositive reports whether the appositive names the speaker better
// than the phrase before it: "a lawyer for the family, Marko Horvat," or
// "One of these groups, the Syrian Democratic Forces,"; or a possessor's
// title with a capitalised word inside, a name in apposition after it
// ("Vermont's Republican attorney general, Lena Dahl,": parseNP reads a
// capitalised word after a possessive as a name).
func preferAppositive(t []text.Token, who, app np) bool {
	if who.kind == npName && app.kind == npName && possessedTitle(t, who) {
		return true
	}
	if who.kind != npDesc {
		return false
	}
	return app.kind == npName || app.kind == npDesc && t[app.i].Lower == "the" && !definiteLW(t[who.i].Lower)
}

// possessedTitle reports whether who is a possessor and words ending with
// a lower-case one: "Vermont's Republican attorney general", no name.
func possessedTitle(t []text.Token, who np) bool {
	if who.j-who.i < 3 || who.j > len(t) || t[who.j-1].Is(text.Capitalised) || !t[who.j-1].Is(text.Word) {
		return false
	}
	for k := who.i; k < who.j-1; k++ {
		if isPossessive(t[k].Raw) {
			return true
		}
	}
	return false
}

func definiteLW(w string) bool { return w == "the" }

// maxAsideTokens is the most tokens of a parenthetical aside after a
// speaker's name: "Mira Lund (Harbour Tales, The Ice Queen) said".
const maxAsideTokens = 14

// skipAside skips a parenthetical aside after a name ("(Harbour Tales, The
// Ice Queen)", "(D-Maine)", "(pictured)"): up to maxAsideTokens tokens
// without a quotation mark, a sentence stop or another parenthesis, closed
// on the same sentence. It returns i when there is none.
func skipAside(t []text.Token, i int) int {
	if i >= len(t) || t[i].Raw != "(" {
		return i
	}
	for k := i + 1; k < len(t) && k-i <= maxAsideTokens; k++ {
		switch t[k].Raw {
		case ")":
			if k == i+1 {
				return i
			}
			return k + 1
		case "(", ".", ";", ":", "!", "?":
			return i
		}
		if t[k].Is(text.QuoteMark) {
			return i
		}
	}
	return i
}

// skipParen skips a parenthesised handle or acronym: "(@mfa_russia)".
func skipParen(t []text.Token, i int) (int, int) {
	if i >= len(t) || t[i].Raw != "(" {
		return i, -1
	}
	for k := i + 1; k < len(t) && k-i <= 6; k++ {
		if t[k].Raw == ")" {
			h := -1
			if k == i+2 && strings.HasPrefix(t[i+1].Raw, "@") {
				h = i + 1
			}
			return k + 1, h
		}
	}
	return i, -1
}
