package query

import (
	"fmt"
	"strings"
	"unicode"
)

// SyntaxError is a query the parser rejects. Pos is the byte offset in the
// query (0 <= Pos <= len(query)) where the problem was found.
type SyntaxError struct {
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s at position %d", e.Msg, e.Pos)
}

// Limits bound the work a query may ask for. A zero field means no limit
// (apart from a fixed nesting cap of hardMaxDepth that keeps recursion safe).
//
// The prefix and fuzzy rules keep a term from standing for most of the
// index: a prefix needs MinPrefixLen letters or digits before the *, and a
// fuzzy term as many letters or digits as its edits require (Elasticsearch's
// AUTO:3,6 fuzziness: one edit from 3 letters, two from 6). How many index
// terms the prefix and fuzzy terms of a query expand to is bounded at
// translation time (Fields.Expand, Budget).
type Limits struct {
	MaxLen       int // bytes of the query string
	MaxTerms     int // words, phrases, prefixes and fuzzy terms
	MaxDepth     int // nesting of parentheses
	MinPrefixLen int // letters or digits before * (of the last part of a hyphenated prefix)
	MaxFuzziness int // edits of fuzzy~N (at most 2)
	Fuzzy1MinLen int // letters or digits of a word with one edit (word~)
	Fuzzy2MinLen int // letters or digits of a word with two edits (word~2)
}

// DefaultLimits are the limits Parse applies. searchd's defaults (search
// DefaultOptions, config's server.max_query_len and query.* keys) are the
// same; a test holds them together.
var DefaultLimits = Limits{
	MaxLen: 1024, MaxTerms: 64, MaxDepth: 16,
	MinPrefixLen: 2, MaxFuzziness: 2, Fuzzy1MinLen: 3, Fuzzy2MinLen: 6,
}

// hardMaxDepth caps nesting even when Limits.MaxDepth is zero.
const hardMaxDepth = 1000

// Parse parses a query with DefaultLimits. An empty (or all-blank) query
// parses to MatchAll. Errors are *SyntaxError.
func Parse(s string) (Node, error) {
	return ParseWithLimits(s, DefaultLimits)
}

// ParseWithLimits parses a query with the given limits. Errors are
// *SyntaxError; those caused by a limit name it (MaxLen, MaxTerms,
// MaxDepth).
func ParseWithLimits(s string, lim Limits) (Node, error) {
	if lim.MaxLen > 0 && len(s) > lim.MaxLen {
		return nil, &SyntaxError{Pos: lim.MaxLen, Msg: fmt.Sprintf("query longer than %d bytes (MaxLen)", lim.MaxLen)}
	}
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parser{src: s, toks: toks, lim: lim}
	n, err := p.seq("")
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.unexpected(t)
	}
	if n == nil {
		return MatchAll{}, nil
	}
	return n, nil
}

type parser struct {
	src   string
	toks  []token
	i     int
	lim   Limits
	depth int
	terms int
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) unexpected(t token) error {
	switch t.kind {
	case tEOF:
		return &SyntaxError{Pos: t.pos, Msg: "unexpected end of query"}
	case tRParen:
		return &SyntaxError{Pos: t.pos, Msg: `unexpected ")"`}
	case tOr:
		return &SyntaxError{Pos: t.pos, Msg: "OR needs a term on each side"}
	case tAnd:
		return &SyntaxError{Pos: t.pos, Msg: "AND needs a term on each side"}
	case tField:
		return &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("field %q inside a field group", t.text)}
	}
	return &SyntaxError{Pos: t.pos, Msg: "unexpected term"}
}

// endsOperand reports whether t cannot start an operand.
func endsOperand(t token) bool {
	switch t.kind {
	case tEOF, tRParen, tOr, tAnd:
		return true
	}
	return false
}

// seq parses terms up to ")" or the end, joined by the implicit (or an
// explicit upper-case) AND. It returns nil when there are none.
func (p *parser) seq(field string) (Node, error) {
	var items []Node
	for {
		t := p.peek()
		if t.kind == tEOF || t.kind == tRParen {
			break
		}
		if t.kind == tAnd {
			p.next()
			if len(items) == 0 || endsOperand(p.peek()) {
				return nil, p.unexpected(t)
			}
			continue
		}
		n, err := p.or(field)
		if err != nil {
			return nil, err
		}
		items = append(items, n)
	}
	return mkAnd(items), nil
}

// or parses unary (OR unary)*: OR binds tighter than AND.
func (p *parser) or(field string) (Node, error) {
	first, err := p.unary(field)
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tOr {
		return first, nil
	}
	children := []Node{first}
	for p.peek().kind == tOr {
		t := p.next()
		if endsOperand(p.peek()) {
			return nil, p.unexpected(t)
		}
		n, err := p.unary(field)
		if err != nil {
			return nil, err
		}
		children = append(children, n)
	}
	return mkOr(children), nil
}

func (p *parser) unary(field string) (Node, error) {
	neg := false
	for k := p.peek().kind; k == tMinus || k == tNot; k = p.peek().kind {
		t := p.next()
		neg = !neg
		if t.kind == tNot && endsOperand(p.peek()) {
			return nil, &SyntaxError{Pos: t.pos, Msg: "NOT needs a term after it"}
		}
	}
	n, err := p.primary(field)
	if err != nil {
		return nil, err
	}
	if neg {
		return mkNot(n), nil
	}
	return n, nil
}

func (p *parser) primary(field string) (Node, error) {
	t := p.next()
	switch t.kind {
	case tWord:
		return p.leaf(field, t)
	case tPhrase:
		return p.phrase(field, t)
	case tLParen:
		return p.group(field, t)
	case tField:
		if field != "" {
			return nil, p.unexpected(t)
		}
		v := p.next()
		switch v.kind {
		case tWord:
			return p.leaf(t.text, v)
		case tPhrase:
			return p.phrase(t.text, v)
		case tLParen:
			return p.group(t.text, v)
		}
		return nil, &SyntaxError{Pos: v.pos, Msg: fmt.Sprintf("empty value for field %q", t.text)}
	}
	return nil, p.unexpected(t)
}

func (p *parser) countTerm(pos int) error {
	p.terms++
	if p.lim.MaxTerms > 0 && p.terms > p.lim.MaxTerms {
		return &SyntaxError{Pos: pos, Msg: fmt.Sprintf("more than %d terms (MaxTerms)", p.lim.MaxTerms)}
	}
	return nil
}

func (p *parser) phrase(field string, t token) (Node, error) {
	if len(t.words) == 0 {
		if field != "" {
			return nil, &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("empty value for field %q", field)}
		}
		return nil, &SyntaxError{Pos: t.pos, Msg: "empty phrase"}
	}
	if err := p.countTerm(t.pos); err != nil {
		return nil, err
	}
	return &Phrase{Field: field, Words: t.words}, nil
}

// leaf classifies one word: prefix*, fuzzy~N, hyphenated or plain.
func (p *parser) leaf(field string, t token) (Node, error) {
	if err := p.countTerm(t.pos); err != nil {
		return nil, err
	}
	w := t.text
	switch {
	case strings.HasSuffix(w, "*"):
		v := w[:len(w)-1]
		if err := checkPlain(v, t.pos); err != nil {
			return nil, err
		}
		if !hasAlnum(v) {
			return nil, &SyntaxError{Pos: t.pos, Msg: "prefix needs a letter or digit before *"}
		}
		if err := p.checkPrefix(w, v, t.pos); err != nil {
			return nil, err
		}
		return &Prefix{Field: field, Value: v, Pos: t.pos}, nil
	case strings.Contains(w, "~"):
		k := strings.LastIndexByte(w, '~')
		v, d := w[:k], 1
		switch w[k+1:] {
		case "", "1":
		case "2":
			d = 2
		default:
			return nil, &SyntaxError{Pos: t.pos + k, Msg: "fuzziness must be ~, ~1 or ~2 at the end of a word"}
		}
		if err := checkPlain(v, t.pos); err != nil {
			return nil, err
		}
		if !hasAlnum(v) {
			return nil, &SyntaxError{Pos: t.pos, Msg: "fuzzy term needs a letter or digit before ~"}
		}
		if err := p.checkFuzzy(w, v, d, t.pos); err != nil {
			return nil, err
		}
		return &Fuzzy{Field: field, Value: v, Distance: d, Pos: t.pos}, nil
	}
	if err := checkPlain(w, t.pos); err != nil {
		return nil, err
	}
	if parts := splitParts(w); len(parts) > 1 {
		return &Hyphenated{Field: field, Value: w, Parts: parts}, nil
	}
	return &Term{Field: field, Value: w}, nil
}

// alnumCount counts the letters and digits of s.
func alnumCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n++
		}
	}
	return n
}

// checkPrefix applies MinPrefixLen to the prefix v (typed as w at pos). Of
// a hyphenated prefix (de-esc*) the last part counts: it is the part
// expanded after the phrase of the others.
func (p *parser) checkPrefix(w, v string, pos int) error {
	need := p.lim.MinPrefixLen
	if need <= 0 {
		return nil
	}
	last := v
	if parts := splitParts(v); len(parts) > 0 {
		last = parts[len(parts)-1]
	}
	if alnumCount(last) < need {
		return &SyntaxError{Pos: pos, Msg: fmt.Sprintf("'%s': a prefix needs at least %d letters or digits before * (MinPrefixLen)", w, need)}
	}
	return nil
}

// checkFuzzy applies MaxFuzziness, Fuzzy1MinLen and Fuzzy2MinLen to the
// fuzzy term v~d (typed as w at pos).
func (p *parser) checkFuzzy(w, v string, d, pos int) error {
	if max := p.lim.MaxFuzziness; max > 0 && d > max {
		return &SyntaxError{Pos: pos, Msg: fmt.Sprintf("'%s': at most %d edit allowed (MaxFuzziness); use %s~", w, max, v)}
	}
	n := alnumCount(v)
	if need := p.lim.Fuzzy1MinLen; need > 0 && n < need {
		return &SyntaxError{Pos: pos, Msg: fmt.Sprintf("'%s': a fuzzy term needs at least %d letters or digits (Fuzzy1MinLen)", w, need)}
	}
	if need := p.lim.Fuzzy2MinLen; d == 2 && need > 0 && n < need {
		return &SyntaxError{Pos: pos, Msg: fmt.Sprintf("'%s': two edits need a word of at least %d letters or digits (Fuzzy2MinLen); use %s~", w, need, v)}
	}
	return nil
}

// checkPlain rejects * and ~ inside a word.
func checkPlain(v string, pos int) error {
	if k := strings.IndexAny(v, "*~"); k >= 0 {
		return &SyntaxError{Pos: pos + k, Msg: fmt.Sprintf("%q only allowed at the end of a word", v[k])}
	}
	return nil
}

// splitParts splits a word at hyphens, dashes and slashes, dropping empty
// pieces.
func splitParts(w string) []string {
	return strings.FieldsFunc(w, isSep)
}

// group parses the inside of parentheses after the "(" token lp: either an
// ordinary sequence or the canonical prefix form (AND x y) / (OR x y).
func (p *parser) group(field string, lp token) (Node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.lim.MaxDepth > 0 && p.depth > p.lim.MaxDepth {
		return nil, &SyntaxError{Pos: lp.pos, Msg: fmt.Sprintf("parentheses nested deeper than %d (MaxDepth)", p.lim.MaxDepth)}
	}
	if p.depth > hardMaxDepth {
		return nil, &SyntaxError{Pos: lp.pos, Msg: fmt.Sprintf("parentheses nested deeper than %d", hardMaxDepth)}
	}
	var n Node
	if op := p.peek(); op.kind == tOr || op.kind == tAnd {
		p.next()
		var items []Node
		for {
			t := p.peek()
			if t.kind == tEOF || t.kind == tRParen {
				break
			}
			if t.kind == tOr || t.kind == tAnd {
				return nil, p.unexpected(t)
			}
			c, err := p.unary(field)
			if err != nil {
				return nil, err
			}
			items = append(items, c)
		}
		if len(items) == 0 {
			return nil, p.unexpected(op)
		}
		if op.kind == tOr {
			n = mkOr(items)
		} else {
			n = mkAnd(items)
		}
	} else {
		var err error
		if n, err = p.seq(field); err != nil {
			return nil, err
		}
	}
	if p.peek().kind != tRParen {
		return nil, &SyntaxError{Pos: lp.pos, Msg: `unclosed "("`}
	}
	p.next()
	if n == nil {
		return nil, &SyntaxError{Pos: lp.pos, Msg: "empty parentheses"}
	}
	return n, nil
}

func mkAnd(items []Node) Node {
	var out []Node
	for _, n := range items {
		if a, ok := n.(*And); ok {
			out = append(out, a.Children...)
		} else {
			out = append(out, n)
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return &And{Children: out}
}

func mkOr(items []Node) Node {
	var out []Node
	for _, n := range items {
		if o, ok := n.(*Or); ok {
			out = append(out, o.Children...)
		} else {
			out = append(out, n)
		}
	}
	if len(out) == 1 {
		return out[0]
	}
	return &Or{Children: out}
}

// mkNot excludes n; excluding an exclusion gives back its child.
func mkNot(n Node) Node {
	if x, ok := n.(*Not); ok {
		return x.Child
	}
	return &Not{Child: n}
}
