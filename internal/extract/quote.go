package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/news"
)

// This file finds quotations in an article body and attributes each to a
// speaker. It works in a few linear passes over the body, none of which backtracks:
//
//  1. paragraphs: blank lines ("\n\n") separate paragraphs, a single "\n" is
//     a soft break inside one;
//  2. quote marks: straight, curly and angle double quotes are paired per
//     paragraph, with the wire convention that a paragraph opening a quote
//     without closing it continues into the next paragraph if that one starts
//     with a quote mark;
//  3. attribution: for each quoted span, the rest of its sentence after the
//     closing mark ("…," X said), then the sentence before the opening mark
//     (X said: "…", X told reporters the plan was "…") are parsed into
//     speaker + cue; a quote with neither continues the previous speaker when
//     it directly follows an attributed quote (same paragraph after the
//     attribution sentence, or a paragraph opening with a quote right after
//     attributed speech);
//  4. indirect speech: sentences without a quoted span are searched for
//     "X said (that) …", "…, X said." and "according to X, …";
//  5. he and she are settled in document order: they keep the current
//     speaker unless another person opened a sentence since (people named
//     inside a sentence or inside a quotation do not count), else they are
//     the person opening the latest such sentence; they stay unresolved
//     right after a speaker the entity stage could not resolve.
//
// Quotes with no cue are attributed, in this order, to the previous
// quote's speaker (continuations), to the author of a statement that
// introduces them ("a statement released by X's office"), to the named
// subject of the sentence right before them, to the speaker of an earlier
// quotation in the same sentence, or, for 4+ words inside a sentence, to
// the sentence's person subject. Curly single quotes ‘…’ mark quotations
// when they open at a word boundary outside double quotes.
//
// Which quoted spans are quotations: any span with a cue attributing it;
// without a cue, only spans of minBareWords (4) words or more that are not
// Title Case and do not follow a word naming a work or a term ("titled",
// "the film", "so-called"), so scare quotes ("a "pragmatic dialogue"") and
// titles are not quotes. A title-cased span is dropped even with a cue before
// it unless the cue is attached to it ("said: "…"").
//
// Speakers as written (a name without its titles, "he", "the ministry",
// "@handle") are resolved to entities through a speakerResolver; when
// resolution fails the quote keeps its speaker as written and an empty
// SpeakerID, never a guess. Indefinite speakers ("a government official")
// are never resolved.

// speakerResolver is what the quote detector needs from the entity stage.
// *docContext (resolve.go) satisfies it; tests use a small fake.
type speakerResolver interface {
	entityAt(start, end int) (*news.Entity, bool)
	resolveName(s string) (*news.Entity, bool)
	resolveDescription(desc string, before int) (*news.Entity, bool)
	lastPerson(before int, gender string) (*news.Entity, bool)
	mentionsIn(start, end int) []*news.Entity
	spansIn(start, end int) []ctxSpan
}

// findQuotes finds direct and indirect quotations in body and attributes each
// to a speaker entity through d.
func findQuotes(body string, d *docContext) []news.Quote {
	if d == nil {
		return findQuotesWith(body, nil)
	}
	return findQuotesWith(body, d)
}

// findQuotesWith is findQuotes over any resolver; r may be nil, in which case
// no speaker is resolved to an entity.
func findQuotesWith(body string, r speakerResolver) []news.Quote {
	if r == nil {
		r = qNoResolver{}
	}
	q := &quoteScanner{body: body, r: r}
	q.paras = qSplitParagraphs(body)
	if !q.hasQuoteMarks() && !q.hasIndirectCue() {
		return nil
	}
	q.findSegments()
	q.attribute()
	q.findIndirect()
	return q.result()
}

// speakerGender returns the gender the entity stage knows for e: "m", "f"
// or "" (unknown). The quote detector uses it to keep "he" and "she" on the
// current speaker.
func (d *docContext) speakerGender(e *news.Entity) string {
	if d == nil || d.info[e] == nil {
		return ""
	}
	return d.info[e].gender
}

// genderOf asks the resolver for e's gender when it can tell.
func (q *quoteScanner) genderOf(e *news.Entity) string {
	if g, ok := q.r.(interface{ speakerGender(*news.Entity) string }); ok {
		return g.speakerGender(e)
	}
	return ""
}

// qNoResolver resolves nothing.
type qNoResolver struct{}

func (qNoResolver) entityAt(int, int) (*news.Entity, bool)              { return nil, false }
func (qNoResolver) resolveName(string) (*news.Entity, bool)             { return nil, false }
func (qNoResolver) spansIn(int, int) []ctxSpan                          { return nil }
func (qNoResolver) resolveDescription(string, int) (*news.Entity, bool) { return nil, false }
func (qNoResolver) lastPerson(int, string) (*news.Entity, bool)         { return nil, false }
func (qNoResolver) mentionsIn(int, int) []*news.Entity                  { return nil }

// qSpan is a half-open byte range [s,e) of the body.
type qSpan struct{ s, e int }

// qseg is one quoted span of one paragraph.
type qseg struct {
	open, openLen   int // opening mark
	close, closeLen int // closing mark; close == paragraph end and closeLen 0 when unclosed
	cs, ce          int // quoted text, trimmed
	para            int
	closed          bool
	cont            bool // continues the previous segment across a paragraph break
	startsPara      bool // only white space before the opening mark in its paragraph

	// Attribution.
	attr    qAttribution
	attrOK  bool
	embed   bool // the cue is before the quote with a clause in between ("X said the plan was "…"")
	inherit bool // speaker taken from the preceding quote
	keep    bool
	endAt   int // end of the sentence holding the attribution (for continuation)
}

// qAttribution is a parsed speaker + cue.
type qAttribution struct {
	speaker  qSpan // speaker as written
	cue      string
	ent      *news.Entity
	resolved bool
	kind     int  // qNpName, qNpPronoun, …
	definite bool // a name, a handle or "the …": someone the article identifies
}

type quoteScanner struct {
	body  string
	r     speakerResolver
	paras []qSpan
	segs  []qseg
	// paraFirstSeg is the index of the first segment of the paragraph
	// being paired.
	paraFirstSeg int
	ind          []news.Quote
	indAttr      []qAttribution // attribution of ind[i]
	tbuf         []qTok         // scratch tokens
	// lastOrg is the most recent organisation resolved as a speaker, for "they".
	lastOrg *news.Entity
}

// qSplitParagraphs returns the paragraphs of body: maximal runs of lines
// that are not blank. Their index in the slice is Quote.Paragraph.
func qSplitParagraphs(body string) []qSpan {
	var ps []qSpan
	start, lastEnd := -1, 0
	for i := 0; i <= len(body); {
		j := strings.IndexByte(body[i:], '\n')
		if j < 0 {
			j = len(body)
		} else {
			j += i
		}
		if qIsBlank(body[i:j]) {
			if start >= 0 {
				ps = append(ps, qSpan{start, lastEnd})
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
		ps = append(ps, qSpan{start, lastEnd})
	}
	return ps
}

// qTrimSpan shrinks [s,e) of body past white space (any Unicode space) and
// the bytes of cut at its end, onto rune starts.
func qTrimSpan(body string, s, e int, cut string) (int, int) {
	s, e = qRuneAlign(body, s, e)
	for s < e {
		if !utf8.RuneStart(body[s]) {
			s++ // a stray continuation byte: not the start of the text
			continue
		}
		r, n := utf8.DecodeRuneInString(body[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(body[s:e])
		if !unicode.IsSpace(r) && !strings.ContainsRune(cut, r) {
			break
		}
		e -= n
	}
	return qRuneAlign(body, s, e)
}

// qRuneAlign shrinks [s,e) of body so that both ends are rune starts, even
// in invalid UTF-8 (stray continuation bytes).
func qRuneAlign(body string, s, e int) (int, int) {
	for s < e && !utf8.RuneStart(body[s]) {
		s++
	}
	for e > s && e < len(body) && !utf8.RuneStart(body[e]) {
		e--
	}
	return s, e
}

func qIsBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\v', '\f':
		default:
			return false
		}
	}
	return true
}

func (q *quoteScanner) hasQuoteMarks() bool {
	return strings.IndexByte(q.body, '"') >= 0 || strings.Contains(q.body, "\u201c") ||
		strings.Contains(q.body, "\u201d") || strings.Contains(q.body, "\u00ab") || strings.Contains(q.body, "\u201e")
}

func (q *quoteScanner) hasIndirectCue() bool {
	return strings.Contains(q.body, " said") || strings.Contains(q.body, " says") ||
		strings.Contains(q.body, " told") || strings.Contains(q.body, "ccording to") ||
		strings.Contains(q.body, "ed ") // other -ed cues; cheap superset
}

// Quote mark classes.
const (
	qMarkNone  = 0
	qMarkOpen  = 1 // “ „ «
	qMarkClose = 2 // ” »
	qMarkBoth  = 3 // "
)

// qMarkAt reports the quote mark starting at byte i and its length.
func qMarkAt(s string, i int) (int, int) {
	c := s[i]
	switch {
	case c == '"':
		return qMarkBoth, 1
	case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80:
		switch s[i+2] {
		case 0x9C, 0x9E: // “ „
			return qMarkOpen, 3
		case 0x9D: // ”
			return qMarkClose, 3
		}
	case c == 0xC2 && i+1 < len(s):
		switch s[i+1] {
		case 0xAB: // «
			return qMarkOpen, 2
		case 0xBB: // »
			return qMarkClose, 2
		}
	}
	return qMarkNone, 0
}

// qStraightRole guesses whether a straight quote at i opens (1), closes (2)
// or cannot tell (3) from its neighbours.
func qStraightRole(s string, i, lo, hi int) int {
	before := i > lo && !qIsSpaceByte(s[i-1]) && !strings.ContainsRune("([{—–-/", qLastRune(s[:i]))
	after := i+1 < hi && !qIsSpaceByte(s[i+1])
	switch {
	case !before && after:
		return qMarkOpen
	case before && !after:
		return qMarkClose
	case before && after:
		r, _ := utf8.DecodeRuneInString(s[i+1:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return qMarkBoth
		}
		return qMarkClose
	}
	return qMarkBoth
}

func qLastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func qIsSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r'
}

// findSegments pairs quote marks paragraph by paragraph.
func (q *quoteScanner) findSegments() {
	s := q.body
	carry := false // the previous paragraph ended inside a quote
	single := false
	for pi, p := range q.paras {
		nDouble := len(q.segs)
		if pi > 0 {
			single = q.singleQuotes(pi-1, q.paras[pi-1], q.segs[q.paraFirstSeg:nDouble]) || single
		}
		q.paraFirstSeg = nDouble
		open, openLen, depth := -1, 0, 0
		cont := false
		first := true
		for i := p.s; i < p.e; i++ {
			c := s[i]
			if c != '"' && c != 0xE2 && c != 0xC2 {
				if !qIsSpaceByte(c) {
					first = false
				}
				continue
			}
			kind, n := qMarkAt(s, i)
			if kind == qMarkNone {
				first = false
				continue
			}
			if kind == qMarkBoth {
				kind = qStraightRole(s, i, p.s, p.e)
				if kind == qMarkBoth { // ambiguous: toggle
					if open < 0 {
						kind = qMarkOpen
					} else {
						kind = qMarkClose
					}
				}
			}
			switch {
			case open < 0 && kind&qMarkOpen != 0:
				open, openLen, depth = i, n, 1
				cont = carry && first
			case open >= 0 && kind == qMarkOpen:
				depth++ // nested quotation
			case open >= 0 && kind&qMarkClose != 0:
				depth--
				if depth <= 0 {
					q.addSeg(qseg{open: open, openLen: openLen, close: i, closeLen: n, para: pi, closed: true, cont: cont})
					open, depth = -1, 0
				}
			}
			first = false
			i += n - 1
		}
		carry = false
		if open >= 0 {
			q.addSeg(qseg{open: open, openLen: openLen, close: p.e, para: pi, cont: cont})
			if pi+1 < len(q.paras) {
				nx := q.paras[pi+1]
				if k, _ := qMarkAt(s, nx.s); k != qMarkNone {
					carry = true
				}
			}
		}
	}
	if n := len(q.paras); n > 0 {
		single = q.singleQuotes(n-1, q.paras[n-1], q.segs[q.paraFirstSeg:]) || single
	}
	if single {
		sort.SliceStable(q.segs, func(i, j int) bool { return q.segs[i].open < q.segs[j].open })
	}
}

// singleQuotes adds the quotations of paragraph pi marked with curly
// single quotes ‘…’ that lie outside its double-quoted spans dbl: an
// opening mark at a word boundary before a letter or digit, closed by the
// first ’ not followed by a letter or digit (so "don’t" does not close it).
// It reports whether it added any.
func (q *quoteScanner) singleQuotes(pi int, p qSpan, dbl []qseg) bool {
	const openMark, closeMark = "\u2018", "\u2019"
	s := q.body
	inside := func(k int) bool {
		for _, g := range dbl {
			if g.open <= k && k < g.close+g.closeLen {
				return true
			}
		}
		return false
	}
	added := false
	for i := p.s; i < p.e; {
		k := strings.Index(s[i:p.e], openMark)
		if k < 0 {
			break
		}
		open := i + k
		i = open + len(openMark)
		if inside(open) {
			continue
		}
		prev := qLastRune(s[p.s:open])
		next, _ := utf8.DecodeRuneInString(s[i:p.e])
		if open > p.s && !unicode.IsSpace(prev) && prev != '(' && prev != '[' && prev != '—' && prev != '–' {
			continue
		}
		if !unicode.IsLetter(next) && !unicode.IsDigit(next) && next != '[' {
			continue
		}
		closeAt := -1
		for j := i; j < p.e; {
			m := strings.Index(s[j:p.e], closeMark)
			if m < 0 {
				break
			}
			c := j + m
			j = c + len(closeMark)
			after, _ := utf8.DecodeRuneInString(s[j:p.e])
			if j >= p.e || !unicode.IsLetter(after) && !unicode.IsDigit(after) {
				closeAt = c
				break
			}
		}
		if closeAt < 0 || inside(closeAt) {
			continue
		}
		q.addSeg(qseg{open: open, openLen: len(openMark), close: closeAt, closeLen: len(closeMark), para: pi, closed: true})
		added = true
		i = closeAt + len(closeMark)
	}
	return added
}

func (q *quoteScanner) addSeg(g qseg) {
	s := q.body
	cs, ce := qTrimSpan(s, g.open+g.openLen, g.close, ",")
	if ce <= cs {
		return
	}
	g.cs, g.ce = cs, ce
	g.startsPara = qIsBlank(s[q.paras[g.para].s:g.open])
	q.segs = append(q.segs, g)
}

// qIsSentEnd reports whether the punctuation at k ends a sentence: . ! or ?
// followed (after closing quotes or brackets) by white space or the end, and
// for "." not after an abbreviation or an initial, and not followed by a
// lower-case word.
func qIsSentEnd(s string, k int) bool {
	c := s[k]
	if c != '.' && c != '!' && c != '?' {
		return false
	}
	j := k + 1
	for j < len(s) {
		if kind, n := qMarkAt(s, j); kind != qMarkNone {
			j += n
			continue
		}
		if s[j] == ')' || s[j] == '\'' || s[j] == ']' {
			j++
			continue
		}
		if strings.HasPrefix(s[j:], "\u2019") {
			j += 3
			continue
		}
		break
	}
	if j < len(s) && !qIsSpaceByte(s[j]) {
		return false
	}
	for j < len(s) && qIsSpaceByte(s[j]) {
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
		if qAbbreviations[strings.ToLower(word)] || strings.Contains(word, ".") {
			return false
		}
	}
	return true
}

// sentStart returns the start of the sentence holding pos, not before lo.
func (q *quoteScanner) sentStart(pos, lo int) int {
	s := q.body
	for k := pos - 1; k >= lo; k-- {
		if (s[k] == '.' || s[k] == '!' || s[k] == '?') && qIsSentEnd(s, k) {
			j := k + 1
			for j < pos && !qIsSpaceByte(s[j]) {
				j++
			}
			for j < pos && qIsSpaceByte(s[j]) {
				j++
			}
			if j <= pos {
				return j
			}
		}
	}
	return lo
}

// sentEnd returns the end (after the final punctuation) of the sentence
// holding pos, not after hi.
func (q *quoteScanner) sentEnd(pos, hi int) int {
	s := q.body
	for k := pos; k < hi; k++ {
		if (s[k] == '.' || s[k] == '!' || s[k] == '?') && qIsSentEnd(s, k) {
			return k + 1
		}
	}
	return hi
}
