// The lexer: a query string into tokens (words, phrases, field names,
// parentheses and operators) with their byte positions.

package query

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind int

const (
	tEOF tokKind = iota
	tWord
	tPhrase
	tField // a field name; the next token (word, phrase or "(") is its value
	tLParen
	tRParen
	tMinus
	tOr
	tAnd
	tNot // upper-case NOT: the same as "-"
)

type token struct {
	kind  tokKind
	pos   int
	text  string   // word text or field name
	words []string // phrase words
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

// isSep reports whether r joins the parts of a hyphenated word.
func isSep(r rune) bool {
	switch r {
	case '-', '/', '\u2010', '\u2011', '\u2013':
		return true
	}
	return false
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// wordEnd returns the end of the word starting at i: the next blank,
// parenthesis or quote.
func wordEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == '(' || r == ')' || isQuote(r) {
			return i
		}
		i += size
	}
	return i
}

// fieldName returns the field name of a word of the form name:..., or ""
// when the word has no such prefix. Names are ASCII letters, digits and
// underscores, starting with a letter or underscore.
func fieldName(w string) (string, bool) {
	c := strings.IndexByte(w, ':')
	if c <= 0 {
		return "", false
	}
	for i := 0; i < c; i++ {
		b := w[i]
		switch {
		case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b == '_':
		case b >= '0' && b <= '9' && i > 0:
		default:
			return "", false
		}
	}
	return strings.ToLower(w[:c]), true
}

func lex(s string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '(':
			toks = append(toks, token{kind: tLParen, pos: i})
			i++
		case r == ')':
			toks = append(toks, token{kind: tRParen, pos: i})
			i++
		case isQuote(r):
			t, next, err := lexPhrase(s, i)
			if err != nil {
				return nil, err
			}
			if next < len(s) && s[next] == '~' {
				return nil, &SyntaxError{Pos: next, Msg: `phrase proximity ("…"~N) is not supported: use the phrase, or its words without quotes`}
			}
			toks = append(toks, t)
			i = next
		case r == '-':
			j := i
			for j < len(s) && s[j] == '-' {
				j++
			}
			if j == len(s) {
				i = j // a lone "-" at the end is ignored
				continue
			}
			r2, _ := utf8.DecodeRuneInString(s[j:])
			if r2 == '(' || isQuote(r2) {
				for k := i; k < j; k++ {
					toks = append(toks, token{kind: tMinus, pos: k})
				}
				i = j
				continue
			}
			end := wordEnd(s, j)
			if !hasAlnum(s[j:end]) {
				i = end // "-", "--", "-*": not a term, ignored
				continue
			}
			for k := i; k < j; k++ {
				toks = append(toks, token{kind: tMinus, pos: k})
			}
			var err error
			toks, err = lexWord(s, j, end, toks)
			if err != nil {
				return nil, err
			}
			i = end
		default:
			end := wordEnd(s, i)
			if end == i { // cannot happen: r is none of the delimiters
				return nil, &SyntaxError{Pos: i, Msg: fmt.Sprintf("unexpected %q", r)}
			}
			if !hasAlnum(s[i:end]) {
				i = end // punctuation only ("&", "*", "~"): ignored
				continue
			}
			var err error
			toks, err = lexWord(s, i, end, toks)
			if err != nil {
				return nil, err
			}
			i = end
		}
	}
	return append(toks, token{kind: tEOF, pos: len(s)}), nil
}

// lexPhrase reads the quoted phrase whose opening quote is at i.
func lexPhrase(s string, i int) (token, int, error) {
	_, size := utf8.DecodeRuneInString(s[i:])
	j := i + size
	for j < len(s) {
		r, sz := utf8.DecodeRuneInString(s[j:])
		if isQuote(r) {
			return token{kind: tPhrase, pos: i, words: strings.Fields(s[i+size : j])}, j + sz, nil
		}
		j += sz
	}
	return token{}, 0, &SyntaxError{Pos: i, Msg: "unclosed quote"}
}

// lexWord appends the tokens of the word s[i:end]: a keyword, a plain word,
// or a field name followed by its value.
func lexWord(s string, i, end int, toks []token) ([]token, error) {
	w := s[i:end]
	if w == "OR" {
		return append(toks, token{kind: tOr, pos: i}), nil
	}
	if w == "AND" {
		return append(toks, token{kind: tAnd, pos: i}), nil
	}
	if w == "NOT" {
		return append(toks, token{kind: tNot, pos: i}), nil
	}
	name, ok := fieldName(w)
	if !ok {
		return append(toks, token{kind: tWord, pos: i, text: w}), nil
	}
	toks = append(toks, token{kind: tField, pos: i, text: name})
	vpos := i + len(name) + 1
	if vpos < end {
		return append(toks, token{kind: tWord, pos: vpos, text: s[vpos:end]}), nil
	}
	// The value is not a plain word: a phrase or a group must follow at once.
	if end < len(s) {
		r, _ := utf8.DecodeRuneInString(s[end:])
		if isQuote(r) || r == '(' {
			return toks, nil
		}
	}
	return nil, &SyntaxError{Pos: end, Msg: fmt.Sprintf("empty value for field %q", name)}
}
