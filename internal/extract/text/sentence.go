package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SentenceEnd reports whether the punctuation at byte k of s ends a
// sentence: . ! or ? followed (after closing quotes or brackets) by white
// space or the end, and for "." not after an abbreviation or an initial,
// and not followed by a lower-case word.
func SentenceEnd(s string, k int) bool {
	c := s[k]
	if c != '.' && c != '!' && c != '?' {
		return false
	}
	j := k + 1
	for j < len(s) {
		if r, n := utf8.DecodeRuneInString(s[j:]); isQuoteMark(r) || r == '’' {
			j += n
			continue
		}
		if s[j] == ')' || s[j] == '\'' || s[j] == ']' {
			j++
			continue
		}
		break
	}
	if j < len(s) && !isSpaceByte(s[j]) {
		return false
	}
	for j < len(s) && isSpaceByte(s[j]) {
		j++
	}
	if j < len(s) {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if unicode.IsLower(r) {
			return false
		}
	}
	if c == '.' {
		w := k
		for w > 0 {
			r, n := utf8.DecodeLastRuneInString(s[:w])
			if !unicode.IsLetter(r) && r != '.' {
				break
			}
			w -= n
		}
		word := s[w:k]
		if utf8.RuneCountInString(word) == 1 {
			r, _ := utf8.DecodeRuneInString(word)
			if unicode.IsUpper(r) {
				return false // an initial
			}
		}
		if Abbreviations[strings.ToLower(word)] || strings.Contains(word, ".") {
			return false
		}
	}
	return true
}

// isSpaceByte reports ASCII white space of the kind that separates words
// and sentences.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r'
}
