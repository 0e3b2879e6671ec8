package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoldName is the lookup key of a name: lower case, curly apostrophes
// straightened, a possessive 's and surrounding punctuation removed, inner
// space collapsed.
func FoldName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ".,;:!?\"')]”’")
	s = strings.TrimLeft(s, "\"'([“‘")
	s = strings.ReplaceAll(s, "’", "'")
	s = strings.TrimSuffix(s, "'s")
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// FoldWords splits s into lower-case words of letters and digits.
func FoldWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// IsLowerWord reports whether w starts with a lower-case letter.
func IsLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// ContainsAny reports whether words holds any of want.
func ContainsAny(words, want []string) bool {
	for _, w := range want {
		for _, x := range words {
			if x == w {
				return true
			}
		}
	}
	return false
}

// ContainsAll reports whether words holds every word of want.
func ContainsAll(words, want []string) bool {
	for _, w := range want {
		if !ContainsAny(words, []string{w}) {
			return false
		}
	}
	return true
}

// MiddleName reports whether a name as written ("Hillary Rodham Clinton")
// is a person's two-word full name ("Hillary Clinton") with a middle name
// between its words: the same person, not a relative.
func MiddleName(full string, written []string) bool {
	fw := strings.Fields(FoldName(full))
	n := len(written)
	if len(fw) != 2 || n < 3 {
		return false
	}
	return FoldName(written[n-3]) == fw[0] && FoldName(written[n-1]) == fw[1]
}

// OtherGivenName reports whether a name as written ("Abdullah Kurdi")
// gives another name before the surname than the person's full name ("Alan
// Kurdi"): a relative, not the same person.
func OtherGivenName(full string, written []string) bool {
	fw := strings.Fields(FoldName(full))
	if len(fw) < 2 || len(written) < 2 {
		return false
	}
	// The words before the surname: "Abdullah" against "Alan"; "US envoy for
	// Iran Brian Hook" keeps "Brian".
	w := strings.TrimSuffix(FoldName(written[len(written)-2]), ".")
	if len(w) <= 1 || Honorifics[w] != "" || TitleHeads[w] {
		return false // an initial, "Ms Kovač", "President Biden"
	}
	for _, f := range fw[:len(fw)-1] {
		if w == f || strings.HasPrefix(f, w) || strings.HasPrefix(w, f) {
			return false // "Hillary Clinton" for "Hillary Rodham Clinton"
		}
	}
	return true
}
