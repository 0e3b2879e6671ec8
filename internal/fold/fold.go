// Package fold folds Latin-script letters with diacritics to their base
// letters (Stanković -> Stankovic, Türkiye -> Turkiye, Straße -> Strasse),
// and provides it to Bleve as a token filter (TokenFilterName) and as the
// English analyzer of Readout's text fields (AnalyzerName).
//
// Only Latin script folds: a letter folds when its canonical decomposition
// (NFD) is an ASCII letter followed by combining marks, or it is one of the
// Latin letters that do not decompose (ø, ł, đ, ð, ħ, ß, æ, œ, ı, þ and their
// capitals). Cyrillic, Greek, Arabic, CJK and other scripts are left as
// they are: й is not и in Russian, nor ё е. Case is kept; the analyzer
// lower-cases before folding.
//
// The token filter rewrites each token's term only, never its Start and End:
// those stay byte offsets into the original text, so that phrase positions
// and highlights are those of the text as written. (Bleve's asciifolding is
// a character filter: it rewrites the text before tokenizing and shifts
// every later offset.)
//
// Registering happens in init: every process that opens an index whose
// mapping names AnalyzerName must import this package (internal/index does).
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// special are the Latin letters without a canonical decomposition that
// fold, and what they fold to.
var special = map[rune]string{
	'ø': "o", 'Ø': "O",
	'ł': "l", 'Ł': "L",
	'đ': "d", 'Đ': "D",
	'ð': "d", 'Ð': "D",
	'ħ': "h", 'Ħ': "H",
	'ß': "ss", 'ẞ': "SS",
	'æ': "ae", 'Æ': "AE",
	'œ': "oe", 'Œ': "OE",
	'ı': "i",
	'þ': "th", 'Þ': "TH",
}

// String folds s: letters with diacritics of the Latin script become their
// base letters, and the letters of special their ASCII spelling. Text with
// nothing to fold (needsFold) is returned as it is; other text comes back
// in NFC, each run of invalid UTF-8 bytes as U+FFFD. String is idempotent.
func String(s string) string {
	if !needsFold(s) {
		return s
	}
	return string(fold(nil, s))
}

// Bytes is String for a token's term: it returns term itself when there is
// nothing to fold, else a new slice.
func Bytes(term []byte) []byte {
	if !needsFold(string(term)) { // no copy: the conversion does not escape
		return term
	}
	return fold(make([]byte, 0, len(term)), string(term))
}

// needsFold reports whether s holds something to fold: a Latin letter
// with a canonical decomposition (é, or ǿ, which is ø and an accent), a
// letter of special, a combining mark after a Latin letter, or invalid
// UTF-8. Anything else (ASCII, curly quotes, Cyrillic, Devanagari with its
// vowel signs, CJK) is left byte for byte as it is, without the cost of
// normalising it.
func needsFold(s string) bool {
	latin := false // the previous rune is a Latin letter
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			latin = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return true
		}
		if _, ok := special[r]; ok {
			return true
		}
		p := norm.NFD.PropertiesString(s[i:])
		switch d := p.Decomposition(); {
		case d != nil:
			base, _ := utf8.DecodeRune(d)
			_, sp := special[base]
			if base < utf8.RuneSelf && unicode.IsLetter(base) || sp {
				return true
			}
			latin = false
		case p.CCC() != 0 || unicode.Is(unicode.Mn, r):
			if latin {
				return true
			}
		default:
			latin = false
		}
		i += n
	}
	return false
}

// fold appends the folded s to dst. It decomposes s (NFD), drops the
// nonspacing marks that follow a Latin base letter (an ASCII letter or a
// letter of special), spells special letters in ASCII and recomposes what
// is left (NFC), so that a mark on another script's letter stays on it.
func fold(dst []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	latin := false // the last base letter was Latin: its marks are dropped
	for _, r := range d {
		switch {
		case unicode.Is(unicode.Mn, r):
			if latin {
				continue
			}
		case unicode.Is(unicode.M, r):
			// spacing and enclosing marks are kept, and do not end the
			// base letter's marks
		case r < utf8.RuneSelf:
			latin = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		default:
			if sp, ok := special[r]; ok {
				b.WriteString(sp)
				latin = true
				continue
			}
			latin = false
		}
		b.WriteRune(r)
	}
	return norm.NFC.AppendString(dst, b.String())
}
