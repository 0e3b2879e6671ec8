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
	q := &scanner{body: body, r: r, learned: map[*news.Entity]string{}}
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
	if g := q.r.SpeakerGender(e); g != "" {
		return g
	}
	return q.learned[e]
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
	body       string
	r          Resolver
	paras      []text.Range
	segs       []seg
	labels     map[int]string // speaker labels of a quoted transcript's turns, by segment (hasLabel)
	labelsRead bool
	// paraFirstSeg is the index of the first segment of the paragraph
	// being paired.
	paraFirstSeg int
	ind          []news.Quote
	indAttr      []attribution // attribution of ind[i]
	tbuf         []text.Token  // scratch tokens
	// lastOrg is the most recent organisation resolved as a speaker, for "they".
	lastOrg *news.Entity
	// lastSpeaker is the speaker of the latest quotation attributed, nil
	// when it was not resolved, and lastSpeakerEnd the end of that
	// quotation: "it" goes on with an organisation speaking (makeAttr).
	lastSpeaker    *news.Entity
	lastSpeakerEnd int
	// learned is the gender of people the resolver knows none for, from the
	// "he" or "she" already resolved to them (result).
	learned map[*news.Entity]string
	// singleCarry: the paragraph before ended inside a quotation opened
	// by ‘ (British style), which the next one continues.
	singleCarry bool
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
	b := q.body
	return strings.IndexByte(b, '"') >= 0 || strings.Contains(b, "\u201c") || strings.Contains(b, "\u201d") ||
		strings.Contains(b, "\u00ab") || strings.Contains(b, "\u00bb") || strings.Contains(b, "\u201e") ||
		strings.Contains(b, "''") || strings.Contains(b, "``") || strings.Contains(b, "\u2018")
}

func (q *scanner) hasIndirectCue() bool {
	return strings.Contains(q.body, " said") || strings.Contains(q.body, " says") ||
		strings.Contains(q.body, " told") || strings.Contains(q.body, "ccording to") ||
		strings.Contains(q.body, "ed ") // other -ed cues; cheap superset
}

// Quote mark classes.
const (
	markNone  = 0
	markOpen  = 1 // “ „ « ``
	markClose = 2 // ” »
	markBoth  = 3 // " ''
)

// markAt reports the double quotation mark starting at byte i and its
// length. Besides the marks of Unicode it reads the conventions of archive
// and wire text: two apostrophes as a double quote, opening and closing (the
// New York Times' archive text), and two backticks as an opening one, closed
// by two apostrophes (the TeX and Penn Treebank convention). A single
// apostrophe is not a double mark, nor two inside a word (a doubled
// apostrophe of an escaped text, as in the possessive of "company").
func markAt(s string, i int) (int, int) {
	c := s[i]
	switch {
	case c == '"':
		return markBoth, 1
	case c == '\'' && i+1 < len(s) && s[i+1] == '\'':
		if text.DoubledApostrophe(s, i) {
			return markNone, 0
		}
		return markBoth, 2
	case c == '`' && i+1 < len(s) && s[i+1] == '`':
		return markOpen, 2
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

// markRole settles what the mark s[i:i+n] of kind does in a paragraph
// [lo,hi) given the mark that opened the current quotation (opener, ""
// when none is open): the pairs of a convention first (German „…“ closes
// with “, German »…« opens with » and closes with «, two backticks close
// with two apostrophes), then straight marks by their neighbours.
func markRole(s string, i, n, lo, hi int, kind int, opener string) int {
	m := s[i : i+n]
	switch {
	case opener == "„" && m == "“", opener == "»" && m == "«", opener == "``" && m == "''":
		return markClose
	case opener == "" && m == "»" && straightRole(s, i, n, lo, hi) == markOpen:
		return markOpen // »…« (German): » before a word, after a space
	case opener == "»" && m == "»":
		return markOpen // nested
	}
	if kind == markBoth {
		kind = straightRole(s, i, n, lo, hi)
		if kind == markBoth { // ambiguous: toggle
			if opener == "" {
				return markOpen
			}
			return markClose
		}
	}
	return kind
}

// straightRole guesses whether a straight mark s[i:i+n] opens (1), closes
// (2) or cannot tell (3) from its neighbours.
func straightRole(s string, i, n, lo, hi int) int {
	before := i > lo && !text.IsSpaceByte(s[i-1]) && !strings.ContainsRune("([{—–-/", lastRune(s[:i]))
	after := i+n < hi && !text.IsSpaceByte(s[i+n])
	switch {
	case !before && after:
		return markOpen
	case before && !after:
		return markClose
	case before && after:
		r, _ := utf8.DecodeRuneInString(s[i+n:])
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
			if c != '"' && c != 0xE2 && c != 0xC2 && c != '\'' && c != '`' {
				if !text.IsSpaceByte(c) {
					first = false
				}
				continue
			}
			if c == '\'' && open >= 0 && i+2 < p.End && s[i+1] == '\'' && s[i+2] == '\'' {
				// ''' inside ''…'': a single quote closing inside the
				// quotation, then the closing ''.
				continue
			}
			kind, n := markAt(s, i)
			if kind == markNone {
				first = false
				continue
			}
			opener := ""
			if open >= 0 {
				opener = s[open : open+openLen]
			}
			kind = markRole(s, i, n, p.Start, p.End, kind, opener)
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
		q.dropInsideSingle()
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
	carry := q.singleCarry
	q.singleCarry = false
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
		cont := carry && text.IsBlank(s[p.Start:open])
		if closeAt < 0 {
			// The wire convention: a quotation running on into the next
			// paragraph is not closed there, and the next paragraph opens
			// with ‘ again.
			if pi+1 < len(q.paras) && strings.HasPrefix(s[q.paras[pi+1].Start:], openMark) {
				q.addSeg(seg{open: open, openLen: len(openMark), close: p.End, para: pi, cont: cont})
				q.singleCarry, added = true, true
			}
			break
		}
		if inside(closeAt) {
			continue
		}
		q.addSeg(seg{open: open, openLen: len(openMark), close: closeAt, closeLen: len(closeMark), para: pi, closed: true, cont: cont})
		added = true
		i = closeAt + len(closeMark)
	}
	return added
}

// dropInsideSingle drops the double-quoted segments that lie inside a
// quotation marked with ‘…’: British style quotes with single marks
// outside and double marks inside. segs are sorted by opening offset.
func (q *scanner) dropInsideSingle() {
	out := q.segs[:0]
	end := -1 // end of the latest single-quoted segment
	for _, g := range q.segs {
		if q.body[g.open:g.open+g.openLen] == "\u2018" {
			out = append(out, g)
			end = max(end, g.close+g.closeLen)
			continue
		}
		if g.open < end && g.close+g.closeLen <= end {
			continue
		}
		out = append(out, g)
	}
	q.segs = out
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
