package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// Resolver is what the quote detector needs from the entity stage: "who
// is this?" for a place, a name, a description or a pronoun of the body.
// The extract package's docContext satisfies it; tests use a small fake.
// All offsets are byte offsets into the body.
type Resolver interface {
	// EntityAt is the entity a body mention overlapping [start,end) is of.
	EntityAt(start, end int) (*news.Entity, bool)
	// ResolveName resolves a name as written ("Blinken", "Mr Lavrov",
	// "@SecBlinken") to an entity of the article.
	ResolveName(s string) (*news.Entity, bool)
	// ResolveDescription resolves "the minister", "the ministry" to the
	// latest fitting entity mentioned before the byte offset before.
	ResolveDescription(desc string, before int) (*news.Entity, bool)
	// LastPerson is the latest person mentioned before the byte offset
	// before, of the gender given ("m", "f"; "" for any).
	LastPerson(before int, gender string) (*news.Entity, bool)
	// MentionsIn are the entities mentioned in [start,end), each once.
	MentionsIn(start, end int) []*news.Entity
	// SpansIn are the body mentions overlapping [start,end), in order.
	SpansIn(start, end int) []Span
	// SpeakerGender is "m", "f" or "" (unknown) for e.
	SpeakerGender(e *news.Entity) string
}

// Find finds the direct and indirect quotations of body and attributes
// each to a speaker through r, sorted by offset; r may be nil, in which
// case no speaker is resolved to an entity.
func Find(body string, r Resolver) []news.Quote {
	if r == nil {
		r = noResolver{}
	}
	q := &scanner{body: body, r: r}
	q.paras = text.Paragraphs(body)
	if !q.hasQuoteMarks() && !q.hasIndirectCue() {
		return nil
	}
	q.findSegments()
	q.attribute()
	q.findIndirect()
	return q.result()
}

// genderOf asks the resolver for e's gender when it can tell.
func (q *scanner) genderOf(e *news.Entity) string {
	return q.r.SpeakerGender(e)
}

// noResolver resolves nothing.
type noResolver struct{}

func (noResolver) EntityAt(int, int) (*news.Entity, bool)              { return nil, false }
func (noResolver) ResolveName(string) (*news.Entity, bool)             { return nil, false }
func (noResolver) SpansIn(int, int) []Span                             { return nil }
func (noResolver) ResolveDescription(string, int) (*news.Entity, bool) { return nil, false }
func (noResolver) LastPerson(int, string) (*news.Entity, bool)         { return nil, false }
func (noResolver) MentionsIn(int, int) []*news.Entity                  { return nil }
func (noResolver) SpeakerGender(*news.Entity) string                   { return "" }

// Span is one body mention of an entity.
type Span struct {
	Start, End int
	Ent        *news.Entity
}

// seg is one quoted span of one paragraph.
type seg struct {
	open, openLen   int // opening mark
	close, closeLen int // closing mark; close == paragraph end and closeLen 0 when unclosed
	cs, ce          int // quoted text, trimmed
	para            int
	closed          bool
	cont            bool // continues the previous segment across a paragraph break
	startsPara      bool // only white space before the opening mark in its paragraph

	// Attribution.
	attr    attribution
	attrOK  bool
	embed   bool // the cue is before the quote with a clause in between ("X said the plan was "…"")
	inherit bool // speaker taken from the preceding quote
	keep    bool
	endAt   int // end of the sentence holding the attribution (for continuation)
}

// attribution is a parsed speaker + cue.
type attribution struct {
	speaker  text.Range // speaker as written
	cue      string
	ent      *news.Entity
	resolved bool
	kind     int  // npName, npPronoun, …
	definite bool // a name, a handle or "the …": someone the article identifies
}

type scanner struct {
	body  string
	r     Resolver
	paras []text.Range
	segs  []seg
	// paraFirstSeg is the index of the first segment of the paragraph
	// being paired.
	paraFirstSeg int
	ind          []news.Quote
	indAttr      []attribution // attribution of ind[i]
	tbuf         []text.Token  // scratch tokens
	// lastOrg is the most recent organisation resolved as a speaker, for "they".
	lastOrg *news.Entity
}

// trimSpan shrinks [s,e) of body past white space (any Unicode space) and
// the bytes of cut at its end, onto rune starts.
func trimSpan(body string, s, e int, cut string) (int, int) {
	s, e = runeAlign(body, s, e)
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
	return runeAlign(body, s, e)
}

// runeAlign shrinks [s,e) of body so that both ends are rune starts, even
// in invalid UTF-8 (stray continuation bytes).
func runeAlign(body string, s, e int) (int, int) {
	for s < e && !utf8.RuneStart(body[s]) {
		s++
	}
	for e > s && e < len(body) && !utf8.RuneStart(body[e]) {
		e--
	}
	return s, e
}

func (q *scanner) hasQuoteMarks() bool {
	return strings.IndexByte(q.body, '"') >= 0 || strings.Contains(q.body, "\u201c") ||
		strings.Contains(q.body, "\u201d") || strings.Contains(q.body, "\u00ab") || strings.Contains(q.body, "\u201e")
}

func (q *scanner) hasIndirectCue() bool {
	return strings.Contains(q.body, " said") || strings.Contains(q.body, " says") ||
		strings.Contains(q.body, " told") || strings.Contains(q.body, "ccording to") ||
		strings.Contains(q.body, "ed ") // other -ed cues; cheap superset
}

// Quote mark classes.
const (
	markNone  = 0
	markOpen  = 1 // “ „ «
	markClose = 2 // ” »
	markBoth  = 3 // "
)

// markAt reports the quote mark starting at byte i and its length.
func markAt(s string, i int) (int, int) {
	c := s[i]
	switch {
	case c == '"':
		return markBoth, 1
	case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80:
		switch s[i+2] {
		case 0x9C, 0x9E: // “ „
			return markOpen, 3
		case 0x9D: // ”
			return markClose, 3
		}
	case c == 0xC2 && i+1 < len(s):
		switch s[i+1] {
		case 0xAB: // «
			return markOpen, 2
		case 0xBB: // »
			return markClose, 2
		}
	}
	return markNone, 0
}

// straightRole guesses whether a straight quote at i opens (1), closes (2)
// or cannot tell (3) from its neighbours.
func straightRole(s string, i, lo, hi int) int {
	before := i > lo && !text.IsSpaceByte(s[i-1]) && !strings.ContainsRune("([{—–-/", lastRune(s[:i]))
	after := i+1 < hi && !text.IsSpaceByte(s[i+1])
	switch {
	case !before && after:
		return markOpen
	case before && !after:
		return markClose
	case before && after:
		r, _ := utf8.DecodeRuneInString(s[i+1:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return markBoth
		}
		return markClose
	}
	return markBoth
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// findSegments pairs quote marks paragraph by paragraph.
func (q *scanner) findSegments() {
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
		for i := p.Start; i < p.End; i++ {
			c := s[i]
			if c != '"' && c != 0xE2 && c != 0xC2 {
				if !text.IsSpaceByte(c) {
					first = false
				}
				continue
			}
			kind, n := markAt(s, i)
			if kind == markNone {
				first = false
				continue
			}
			if kind == markBoth {
				kind = straightRole(s, i, p.Start, p.End)
				if kind == markBoth { // ambiguous: toggle
					if open < 0 {
						kind = markOpen
					} else {
						kind = markClose
					}
				}
			}
			switch {
			case open < 0 && kind&markOpen != 0:
				open, openLen, depth = i, n, 1
				cont = carry && first
			case open >= 0 && kind == markOpen:
				depth++ // nested quotation
			case open >= 0 && kind&markClose != 0:
				depth--
				if depth <= 0 {
					q.addSeg(seg{open: open, openLen: openLen, close: i, closeLen: n, para: pi, closed: true, cont: cont})
					open, depth = -1, 0
				}
			}
			first = false
			i += n - 1
		}
		carry = false
		if open >= 0 {
			q.addSeg(seg{open: open, openLen: openLen, close: p.End, para: pi, cont: cont})
			if pi+1 < len(q.paras) {
				nx := q.paras[pi+1]
				if k, _ := markAt(s, nx.Start); k != markNone {
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
func (q *scanner) singleQuotes(pi int, p text.Range, dbl []seg) bool {
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
	for i := p.Start; i < p.End; {
		k := strings.Index(s[i:p.End], openMark)
		if k < 0 {
			break
		}
		open := i + k
		i = open + len(openMark)
		if inside(open) {
			continue
		}
		prev := lastRune(s[p.Start:open])
		next, _ := utf8.DecodeRuneInString(s[i:p.End])
		if open > p.Start && !unicode.IsSpace(prev) && prev != '(' && prev != '[' && prev != '—' && prev != '–' {
			continue
		}
		if !unicode.IsLetter(next) && !unicode.IsDigit(next) && next != '[' {
			continue
		}
		closeAt := -1
		for j := i; j < p.End; {
			m := strings.Index(s[j:p.End], closeMark)
			if m < 0 {
				break
			}
			c := j + m
			j = c + len(closeMark)
			after, _ := utf8.DecodeRuneInString(s[j:p.End])
			if j >= p.End || !unicode.IsLetter(after) && !unicode.IsDigit(after) {
				closeAt = c
				break
			}
		}
		if closeAt < 0 || inside(closeAt) {
			continue
		}
		q.addSeg(seg{open: open, openLen: len(openMark), close: closeAt, closeLen: len(closeMark), para: pi, closed: true})
		added = true
		i = closeAt + len(closeMark)
	}
	return added
}

func (q *scanner) addSeg(g seg) {
	s := q.body
	cs, ce := trimSpan(s, g.open+g.openLen, g.close, ",")
	if ce <= cs {
		return
	}
	g.cs, g.ce = cs, ce
	g.startsPara = text.IsBlank(s[q.paras[g.para].Start:g.open])
	q.segs = append(q.segs, g)
}
