package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slug returns the stable id of a name: lower-case ASCII letters and digits
// separated by single hyphens ("Anna Kovač" -> "anna-kovac", "Côte
// d'Ivoire" -> "cote-divoire"). Letters are stripped of their accents;
// letters with no ASCII form (Cyrillic, Han, ...) are dropped, and a name made
// only of those is spelt as the hex code points of its letters ("u41c-u43e"),
// so that the result is never empty for a name with letters or digits. Apostrophes vanish
// ("Sa'ar" -> "saar").
func Slug(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	hyphen := false
	var others []rune
	for _, r := range norm.NFKD.String(name) {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r == '\'' || r == '’' || unicode.Is(unicode.Mn, r):
			continue
		default:
			if r2, ok := foldSpecial[r]; ok {
				if hyphen && b.Len() > 0 {
					b.WriteByte('-')
				}
				hyphen = false
				b.WriteString(r2)
				continue
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				others = append(others, r)
			}
			hyphen = true
			continue
		}
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteRune(r)
	}
	if b.Len() == 0 && len(others) > 0 {
		for i, r := range others {
			if i > 0 {
				b.WriteByte('-')
			}
			b.WriteByte('u')
			b.WriteString(strings.TrimLeft(hex(r), "0"))
		}
	}
	return b.String()
}

// foldSpecial spells letters that NFKD does not decompose.
var foldSpecial = map[rune]string{
	'ł': "l", 'Ł': "l", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ß': "ss",
	'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ı': "i", 'þ': "th", 'Þ': "th",
	'ð': "d", 'Ð': "d", 'ħ': "h", 'Ħ': "h",
}

func hex(r rune) string {
	const digits = "0123456789abcdef"
	var buf [8]byte
	for i := 7; i >= 0; i-- {
		buf[i] = digits[r&0xf]
		r >>= 4
	}
	return string(buf[:])
}
