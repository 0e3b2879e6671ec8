package text

import (
	"unicode"
	"unicode/utf8"
)

// token flags.
const (
	Word       uint16 = 1 << iota // letters/digits (else punctuation)
	Upper                         // first letter is upper case
	AllUpper                      // every letter is upper case (and there are at least two)
	Space                         // whitespace precedes the token
	Para                          // a blank line (or the start of text) precedes the token
	SentStart                     // first word of a sentence
	Possessive                    // followed by 's (not part of the token)
	Handle                        // @handle
	Digit                         // starts with a digit
)

// token is one word or punctuation mark; start and end are byte offsets.
type Token struct {
	Start, End int
	Flags      uint16
}

func (t Token) Is(f uint16) bool { return t.Flags&f != 0 }

// tokenize splits s into tokens in one pass. Words are runs of letters,
// digits and marks, joined across an inner apostrophe or period ("d'Ivoire",
// "U.S."); hyphens are tokens of their own so that "Russia-Ukraine" and
// "pro-Russian" expose their names. A trailing 's is dropped and noted as
// Possessive. Every other non-space rune is a punctuation token.
func Tokenize(s string, toks []Token) []Token {
	toks = toks[:0]
	sent := true
	space, para := true, true
	nl := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\r' {
				space = true
				i++
				continue
			}
			if c == '\n' {
				space = true
				nl++
				if nl >= 2 {
					para = true
					sent = true
				}
				i++
				continue
			}
		}
		r, w := rune(c), 1
		if c >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				space = true
				i += w
				continue
			}
		}
		nl = 0
		var t Token
		t.Start = i
		if space {
			t.Flags |= Space
		}
		if para {
			t.Flags |= Para
		}
		if c == '@' && i+1 < len(s) && IsWordByte(s, i+1) {
			j := i + 1
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !IsWordRune(r2) && r2 != '_' {
					break
				}
				j += w2
			}
			t.End = j
			t.Flags |= Word | Handle
			toks = append(toks, t)
			i = j
			space, para, sent = false, false, false
			continue
		}
		if !IsWordRune(r) {
			t.End = i + w
			toks = append(toks, t)
			i += w
			space, para = false, false
			if c == '.' || c == '!' || c == '?' {
				sent = true
			}
			continue
		}
		// A word.
		j := i + w
		upper, lower, letters := unicode.IsUpper(r), unicode.IsLower(r), unicode.IsLetter(r)
		allUpper := upper
		nLetters := 0
		if letters {
			nLetters = 1
		}
		if unicode.IsDigit(r) {
			t.Flags |= Digit
		}
		dots := false
		for j < len(s) {
			if c2 := s[j]; c2 < utf8.RuneSelf {
				switch {
				case 'a' <= c2 && c2 <= 'z':
					nLetters++
					allUpper = false
					j++
					continue
				case 'A' <= c2 && c2 <= 'Z':
					nLetters++
					j++
					continue
				case '0' <= c2 && c2 <= '9':
					j++
					continue
				case c2 != '\'' && c2 != '.':
					goto done
				}
			}
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if IsWordRune(r2) {
				if unicode.IsLetter(r2) {
					nLetters++
					if unicode.IsLower(r2) {
						allUpper = false
					}
				}
				j += w2
				continue
			}
			if (r2 == '\'' || r2 == '’' || r2 == '.') && j+w2 < len(s) {
				r3, _ := utf8.DecodeRuneInString(s[j+w2:])
				if unicode.IsLetter(r3) {
					if r2 == '.' {
						dots = true
					}
					j += w2
					continue
				}
			}
			break
		}
	done:
		// "U.S." keeps its final period.
		if dots && j < len(s) && s[j] == '.' && allUpper {
			j++
		}
		// Possessive 's.
		if j-i > 2 {
			if s[j-2] == '\'' && (s[j-1] == 's' || s[j-1] == 'S') {
				t.Flags |= Possessive
				t.End = j - 2
			} else if j-i > 4 && s[j-4:j-1] == "’" && s[j-1] == 's' {
				t.Flags |= Possessive
				t.End = j - 4
			}
		}
		if t.End == 0 {
			t.End = j
		}
		// Trailing apostrophe of a plural possessive: "Ministers'".
		t.Flags |= Word
		if upper {
			t.Flags |= Upper
		}
		if allUpper && nLetters >= 2 {
			t.Flags |= AllUpper
		}
		if sent && (upper || lower || letters) {
			t.Flags |= SentStart
		}
		toks = append(toks, t)
		i = j
		space, para, sent = false, false, false
	}
	return toks
}

func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func IsWordByte(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return IsWordRune(r)
}
