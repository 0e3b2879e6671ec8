package scalegen

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// dateline matches a wire dateline opening a paragraph, as in "SALVADOR,
// Feb 26 - ", which a title leaves out.
var dateline = regexp.MustCompile(`^[A-Z][A-Z .'-]+, [A-Z][a-z]{2,8}\.? \d{1,2} - `)

// sentenceTitle makes a title of the first sentence of p, without a wire
// dateline or a final period, cut at a word to maxTitle bytes.
func sentenceTitle(p string) string {
	p = dateline.ReplaceAllString(p, "")
	s := firstSentence(p)
	s = strings.TrimRight(s, ".;: ")
	return trimAt(s, maxTitle)
}

// firstSentence returns p up to the end of its first sentence: a period,
// question or exclamation mark followed by a space and a capital letter,
// after a word of three letters or more (so that "Mr. Smith" or "U.S. Navy"
// do not end it).
func firstSentence(p string) string {
	for i := 0; i+2 < len(p); i++ {
		c := p[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		if p[i+1] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(p[i+2:])
		if !unicode.IsUpper(next) && next != '"' && next != '\u201c' {
			continue
		}
		if c == '.' && lastWordLen(p[:i]) < 3 {
			continue
		}
		return p[:i+1]
	}
	return p
}

// lastWordLen is the length of the run of letters ending s.
func lastWordLen(s string) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !unicode.IsLetter(r) {
			break
		}
		n++
		s = s[:len(s)-size]
	}
	return n
}

// trimAt cuts s at the last space at or before max bytes (at max when it
// has none), leaving out trailing punctuation of the cut.
func trimAt(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max+1], ' ')
	if cut <= 0 {
		cut = max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:-")
}

// slug turns a title into the lower-case words of a URL path, at most
// eight of them.
func slug(title string) string {
	var b strings.Builder
	words := 0
	inWord := false
	for _, r := range strings.ToLower(title) {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if !inWord && b.Len() > 0 {
				if words == 8 {
					break
				}
				b.WriteByte('-')
			}
			if !inWord {
				words++
			}
			inWord = true
			b.WriteRune(r)
			continue
		}
		inWord = false
	}
	if b.Len() == 0 {
		return "story"
	}
	return b.String()
}
