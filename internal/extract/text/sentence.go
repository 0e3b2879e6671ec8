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
	if j < len(s) && !IsSpaceByte(s[j]) {
		return false
	}
	for j < len(s) && IsSpaceByte(s[j]) {
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

// IsSpaceByte reports ASCII white space of the kind that separates words
// and sentences.
func IsSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r'
}

// Range is a half-open byte range [Start, End) of a text.
type Range struct{ Start, End int }

// Paragraphs returns the paragraphs of body: maximal runs of lines that
// are not blank (IsBlank), as Tokenize flags them with Para. Their index in
// the slice is news.Quote.Paragraph.
func Paragraphs(body string) []Range {
	var ps []Range
	start, lastEnd := -1, 0
	for i := 0; i <= len(body); {
		j := strings.IndexByte(body[i:], '\n')
		if j < 0 {
			j = len(body)
		} else {
			j += i
		}
		if IsBlank(body[i:j]) {
			if start >= 0 {
				ps = append(ps, Range{Start: start, End: lastEnd})
				start = -1
			}
		} else {
			if start < 0 {
				start = i
			}
			lastEnd = j
		}
		i = j + 1
	}
	if start >= 0 {
		ps = append(ps, Range{Start: start, End: lastEnd})
	}
	return ps
}

// IsBlank reports whether a line holds nothing but white space (Unicode's,
// as for Tokenize).
func IsBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// SentenceStart returns the start of the sentence of s holding byte pos,
// not before lo.
func SentenceStart(s string, pos, lo int) int {
	for k := pos - 1; k >= lo; k-- {
		if (s[k] == '.' || s[k] == '!' || s[k] == '?') && SentenceEnd(s, k) {
			j := k + 1
			for j < pos && !IsSpaceByte(s[j]) {
				j++
			}
			for j < pos && IsSpaceByte(s[j]) {
				j++
			}
			if j <= pos {
				return j
			}
		}
	}
	return lo
}

// SentenceStop returns the end (after the final punctuation) of the sentence
// holding pos, not after hi.
func SentenceStop(s string, pos, hi int) int {
	for k := pos; k < hi; k++ {
		if (s[k] == '.' || s[k] == '!' || s[k] == '?') && SentenceEnd(s, k) {
			return k + 1
		}
	}
	return hi
}

// ParagraphStart returns the start of the paragraph of s holding byte pos:
// the start of the line after the last blank line before pos (see
// Paragraphs), or 0.
func ParagraphStart(s string, pos int) int {
	pos = min(pos, len(s))
	start := strings.LastIndexByte(s[:pos], '\n') + 1 // the line holding pos
	for start > 0 {
		prev := strings.LastIndexByte(s[:start-1], '\n') + 1
		if IsBlank(s[prev : start-1]) {
			break
		}
		start = prev
	}
	return start
}
