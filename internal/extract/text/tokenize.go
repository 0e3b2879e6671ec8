package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Flag is a property of a Token.
type Flag uint16

// Token flags.
const (
	Word       Flag = 1 << iota // letters, digits and marks (else punctuation)
	Upper                       // the first letter is upper case
	AllUpper                    // every letter is upper case (and there are at least two)
	Space                       // white space precedes the token
	Para                        // a blank line (or the start of the text) precedes the token
	SentStart                   // the first word of a sentence
	Possessive                  // followed by 's, which is not part of the token (without KeepPossessive)
	Handle                      // an @handle
	Digit                       // starts with a digit
	QuoteMark                   // a double quotation mark: " “ ” „ « », or two apostrophes or backticks
	// Capitalised words read as capitalised in a name: an upper-case first
	// letter, an @handle, or a lower-case particle joined to a capitalised
	// name ("el-Sisi", "al-Assad").
	Capitalised
)

// Token is one word or punctuation mark of a text. Start and End are byte
// offsets into the string given to Tokenize; Raw is that text and Lower
// Raw in lower case (accents are kept: FoldName and the gazetteer's
// folding remove them where a lookup wants that).
type Token struct {
	Start, End int
	Flags      Flag
	Raw        string
	Lower      string
}

// Is reports whether t has any of the flags f.
func (t Token) Is(f Flag) bool { return t.Flags&f != 0 }

// Rules choose how the edges of a word are read where the entity
// recogniser and the quote detector need different readings. Each rule
// was tried for both and kept apart because one reading for both lowers
// the evaluation figures (testdata/EVAL.md of package extract, "One
// tokenizer").
type Rules uint8

const (
	// JoinHyphens keeps hyphenated words whole ("el-Sisi", "co-author",
	// "secretary-general"), as the quote detector's word lists hold them;
	// without it a hyphen is a token of its own, so that "Russia-Ukraine"
	// and "pro-Russian" expose their names to the recogniser.
	JoinHyphens Rules = 1 << iota
	// KeepPossessive keeps a trailing 's in the token ("Merkel's"), which
	// the quote detector reads as "X's spokesman"; without it the 's is
	// left out of the token, and out of every token, and the token is
	// flagged Possessive.
	KeepPossessive
	// AbbrevPeriods lets an abbreviation ("Mr.", "Sen."), a capital
	// initial ("V.") and a dotted abbreviation ("U.S.", "Ph.D.") keep their
	// final period; without it only an all-capital dotted abbreviation
	// ("U.S.") keeps it.
	AbbrevPeriods
)

// NameRules are the entity recogniser's rules; PhraseRules the quote
// detector's, for the phrases of its attributions.
const (
	NameRules   Rules = 0
	PhraseRules       = JoinHyphens | KeepPossessive | AbbrevPeriods
)

// Tokenize splits s[lo:hi] into tokens in one pass, appending them to
// buf[:0]; offsets are into s. Words are runs of letters, digits and marks,
// joined across an inner apostrophe or period ("d'Ivoire", "U.S", "7.80")
// and, with JoinHyphens, a hyphen ("co-author", "Karbala-5"), each followed
// by a letter or digit; "@" followed by a word is a handle (with "_" inside).
// Quotation marks are tokens flagged QuoteMark; every other rune that is
// neither white space (Unicode's, the no-break space included) nor part of
// a word is a punctuation token. Paragraphs start at the start of the
// text and after a blank line (flag Para); sentences there and after
// punctuation at which SentenceEnd holds (flag SentStart on the first
// word).
func Tokenize(s string, lo, hi int, rules Rules, buf []Token) []Token {
	toks := buf[:0]
	with := func(t Token) Token {
		t.Raw = s[t.Start:t.End]
		t.Lower = strings.ToLower(t.Raw) // no copy when Raw has no upper case
		return t
	}
	sent := true
	space, para := true, true
	nl := 0
	for i := lo; i < hi; {
		c := s[i]
		r, w := rune(c), 1
		if c >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:hi])
		}
		if c == '\n' {
			space = true
			nl++
			if nl >= 2 {
				para, sent = true, true
			}
			i++
			continue
		}
		if c == ' ' || c == '\t' || c == '\r' || c >= utf8.RuneSelf && unicode.IsSpace(r) {
			space = true
			i += w
			continue
		}
		nl = 0
		t := Token{Start: i}
		if space {
			t.Flags |= Space
		}
		if para {
			t.Flags |= Para
		}
		if c == '@' && i+1 < hi && IsWordByte(s[:hi], i+1) {
			t.End = handleEnd(s, i+1, hi)
			t.Flags |= Word | Handle | Capitalised
			toks = append(toks, with(t))
			i = t.End
			space, para, sent = false, false, false
			continue
		}
		if !IsWordRune(r) {
			t.End = i + w
			if isQuoteMark(r) {
				t.Flags |= QuoteMark
			} else if (c == '\'' || c == '`') && i+1 < hi && s[i+1] == c && !DoubledApostrophe(s[:hi], i) {
				t.End = i + 2 // two apostrophes or backticks: a double quote of archive text
				t.Flags |= QuoteMark
				w = 2
			}
			toks = append(toks, with(t))
			i += w
			space, para = false, false
			if (c == '.' || c == '!' || c == '?') && SentenceEnd(s[:hi], i-1) {
				sent = true
			}
			continue
		}
		j := wordEnd(s, i, hi, rules)
		j = finalPeriod(s, i, j, hi, rules)
		t.End = j
		if e, ok := possessive(s, i, j); ok && rules&KeepPossessive == 0 {
			t.Flags |= Possessive
			t.End = e
		}
		t.Flags |= Word | letterFlags(s[i:j])
		if sent && unicode.IsLetter(r) {
			t.Flags |= SentStart
		}
		toks = append(toks, with(t))
		i = j
		space, para, sent = false, false, false
	}
	return toks
}

// wordEnd returns the end of the word starting at i.
func wordEnd(s string, i, hi int, rules Rules) int {
	_, w := utf8.DecodeRuneInString(s[i:hi])
	j := i + w
	for j < hi {
		if c := s[j]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				j++
				continue
			}
			if c != '\'' && c != '.' && c != '-' {
				break
			}
		}
		r, w := utf8.DecodeRuneInString(s[j:hi])
		if IsWordRune(r) {
			j += w
			continue
		}
		if zeroWidth(r) && j+w < hi && (s[j+w] == '\'' || strings.HasPrefix(s[j+w:hi], "’")) {
			// "Xtra\u200d's": Wikinews writes a zero-width joiner before a
			// possessive; it is invisible and joins as the apostrophe does.
			j += w
			continue
		}
		joiner := r == '\'' || r == '’' || r == '.' || rules&JoinHyphens != 0 && (r == '-' || r == '‑')
		if joiner && j+w < hi {
			if r2, _ := utf8.DecodeRuneInString(s[j+w : hi]); unicode.IsLetter(r2) || unicode.IsDigit(r2) {
				j += w
				continue
			}
		}
		break
	}
	return j
}

// possessive reports whether the word s[i:j] ends in 's or ’s, and where
// the word ends without it.
func possessive(s string, i, j int) (int, bool) {
	if j-i > 2 && s[j-2] == '\'' && (s[j-1] == 's' || s[j-1] == 'S') {
		return beforeZeroWidth(s, i, j-2), true
	}
	if j-i > 4 && s[j-4:j-1] == "’" && s[j-1] == 's' {
		return beforeZeroWidth(s, i, j-4), true
	}
	return j, false
}

// zeroWidth reports whether r is an invisible joiner or space: U+200B
// to U+200D, U+2060.
func zeroWidth(r rune) bool { return r >= 0x200B && r <= 0x200D || r == 0x2060 }

// beforeZeroWidth returns e without the zero-width runes that end s[i:e].
func beforeZeroWidth(s string, i, e int) int {
	for e-i > 3 {
		r, w := utf8.DecodeLastRuneInString(s[i:e])
		if !zeroWidth(r) {
			break
		}
		e -= w
	}
	return e
}

// finalPeriod returns j, or j+1 when the word s[i:j] keeps the period at j.
func finalPeriod(s string, i, j, hi int, rules Rules) int {
	if j >= hi || s[j] != '.' {
		return j
	}
	w := s[i:j]
	if rules&AbbrevPeriods != 0 {
		if len(w) == 1 && 'A' <= w[0] && w[0] <= 'Z' || Abbreviations[strings.ToLower(w)] || dottedAbbrev(w) {
			return j + 1
		}
		return j
	}
	if strings.Contains(w, ".") && letterFlags(w)&AllUpper != 0 {
		return j + 1 // "U.S."
	}
	return j
}

// letterFlags returns Upper, AllUpper and Digit for a word, and Capitalised
// for a word with an upper-case first letter or a lower-case particle of
// up to three letters joined by a hyphen to a capitalised name.
func letterFlags(w string) Flag {
	var f Flag
	first, _ := utf8.DecodeRuneInString(w)
	if unicode.IsDigit(first) {
		f |= Digit
	}
	if unicode.IsUpper(first) {
		f |= Upper | Capitalised
	} else if h := strings.IndexByte(w, '-'); h > 0 && h <= 3 && h+1 < len(w) {
		if r2, _ := utf8.DecodeRuneInString(w[h+1:]); unicode.IsUpper(r2) {
			f |= Capitalised // "el-Sisi"
		}
	}
	letters, lower := 0, false
	for i := 0; i < len(w); {
		if c := w[i]; c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z':
				letters++
				lower = true
			case 'A' <= c && c <= 'Z':
				letters++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		if unicode.IsLetter(r) {
			letters++
			lower = lower || unicode.IsLower(r)
		}
		i += n
	}
	if unicode.IsUpper(first) && !lower && letters >= 2 {
		f |= AllUpper
	}
	return f
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

// handleEnd returns the end of the handle whose name starts at i.
func handleEnd(s string, i, hi int) int {
	j := i
	for j < hi {
		r, w := utf8.DecodeRuneInString(s[j:hi])
		if !IsWordRune(r) && r != '_' {
			break
		}
		j += w
	}
	return j
}

// DoubledApostrophe reports whether the two apostrophes at byte i of s
// stand between two letters (an escaped possessive of "company"): a doubled apostrophe of an
// escaped text, not a quotation mark.
func DoubledApostrophe(s string, i int) bool {
	if i == 0 || i+2 >= len(s) || s[i] != '\'' || s[i+1] != '\'' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+2:])
	return unicode.IsLetter(before) && unicode.IsLetter(after)
}

func isQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»':
		return true
	}
	return false
}

// IsWordRune reports whether r is part of a word: a letter, a digit or a
// non-spacing mark.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// IsWordByte reports whether the rune at byte i of s is a word rune.
func IsWordByte(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return IsWordRune(r)
}
