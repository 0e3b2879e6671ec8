package index

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/readout/readout/internal/news"
)

// The stored annotations of an article (FieldAnnotations) are a compact
// binary encoding of news.Annotations. The JSON they replaced repeated the
// text of every mention and quote, which are spans of the stored title and
// body, and spelled every key of every mention; this is a fifth of its size
// (4% of a generation on disk, where zap compresses both). The encoding:
//
//	annVersion1
//	uvarint n, then n strings (uvarint length, bytes): every distinct
//	    string the annotations hold (ids, names, types, roles, codes, cues,
//	    kinds, fields, and texts that are not spans of the title or body)
//	list of entities: id, name, type, country, role (string refs),
//	    count (varint), list of mentions: field (ref), start (varint, the
//	    difference from the previous mention's start), end - start
//	    (varint), text (0: the span of the field; else ref + 1)
//	list of countries: code, name (refs), count (varint)
//	list of quotes: text (0: the body span; else ref + 1), speaker id,
//	    speaker name, speaker as written, cue, kind (refs), start
//	    (varint), end - start (varint), paragraph (varint)
//
// A list is a uvarint: 0 for a nil slice, else its length + 1, so that a
// decoded value equals the encoded one exactly. A ref is a uvarint index
// into the strings. Generations written before it hold the JSON, which
// StoredAnnotations still reads (it starts with '{', never annVersion1).
const annVersion1 = 0x01

// Bounds the decoder checks a count against before it allocates.
const minEntityBytes, minMentionBytes, minCountryBytes, minQuoteBytes = 7, 4, 3, 9

// errAnnotations is the error of stored annotations that cannot be decoded.
var errAnnotations = errors.New("corrupt annotations")

// EncodeAnnotations encodes the annotations of an article with the given
// title and body for FieldAnnotations.
func EncodeAnnotations(ann news.Annotations, title, body string) []byte {
	e := annEncoder{refs: map[string]uint64{}}
	e.entities(ann.Entities, title, body)
	e.list(ann.Countries == nil, len(ann.Countries))
	for _, c := range ann.Countries {
		e.str(c.Code)
		e.str(c.Name)
		e.int(c.Count)
	}
	e.list(ann.Quotes == nil, len(ann.Quotes))
	for _, q := range ann.Quotes {
		e.span(q.Text, body, q.Start, q.End)
		e.str(q.SpeakerID)
		e.str(q.SpeakerName)
		e.str(q.SpeakerAsWritten)
		e.str(q.Cue)
		e.str(q.Kind)
		e.int(q.Start)
		e.int(q.End - q.Start)
		e.int(q.Paragraph)
	}
	out := make([]byte, 0, 1+binary.MaxVarintLen64+e.strBytes+len(e.buf))
	out = append(out, annVersion1)
	out = binary.AppendUvarint(out, uint64(len(e.strs)))
	for _, s := range e.strs {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	return append(out, e.buf...)
}

type annEncoder struct {
	buf      []byte
	strs     []string
	strBytes int
	refs     map[string]uint64
}

func (e *annEncoder) entities(ents []news.Entity, title, body string) {
	e.list(ents == nil, len(ents))
	for _, en := range ents {
		e.str(en.ID)
		e.str(en.Name)
		e.str(en.Type)
		e.str(en.Country)
		e.str(en.Role)
		e.int(en.Count)
		e.list(en.Mentions == nil, len(en.Mentions))
		prev := 0
		for _, m := range en.Mentions {
			e.str(m.Field)
			e.int(m.Start - prev)
			e.int(m.End - m.Start)
			prev = m.Start
			switch m.Field {
			case FieldTitle:
				e.span(m.Text, title, m.Start, m.End)
			case FieldBody:
				e.span(m.Text, body, m.Start, m.End)
			default:
				e.span(m.Text, "", m.Start, m.End)
			}
		}
	}
}

func (e *annEncoder) list(isNil bool, n int) {
	if isNil {
		e.buf = binary.AppendUvarint(e.buf, 0)
		return
	}
	e.buf = binary.AppendUvarint(e.buf, uint64(n)+1)
}

func (e *annEncoder) int(v int) { e.buf = binary.AppendVarint(e.buf, int64(v)) }

func (e *annEncoder) ref(s string) uint64 {
	r, ok := e.refs[s]
	if !ok {
		r = uint64(len(e.strs))
		e.refs[s] = r
		e.strs = append(e.strs, s)
		e.strBytes += binary.MaxVarintLen64 + len(s)
	}
	return r
}

func (e *annEncoder) str(s string) { e.buf = binary.AppendUvarint(e.buf, e.ref(s)) }

// span writes 0 when text is src[start:end], else a reference to text + 1.
func (e *annEncoder) span(text, src string, start, end int) {
	if 0 <= start && start <= end && end <= len(src) && src[start:end] == text {
		e.buf = binary.AppendUvarint(e.buf, 0)
		return
	}
	e.buf = binary.AppendUvarint(e.buf, e.ref(text)+1)
}

// StoredAnnotations decodes the annotations stored with an article document
// (FieldAnnotations) whose stored title and body are given: the compact
// encoding of EncodeAnnotations, or the JSON of generations written before
// it. A missing or empty value is no annotations.
func StoredAnnotations(raw any, title, body string) (news.Annotations, error) {
	var b []byte
	switch v := raw.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	}
	if len(b) == 0 {
		return news.Annotations{}, nil
	}
	if b[0] == annVersion1 {
		return DecodeAnnotations(b, title, body)
	}
	var ann news.Annotations
	if err := json.Unmarshal(b, &ann); err != nil {
		return news.Annotations{}, fmt.Errorf("decode annotations: %w", err)
	}
	return ann, nil
}

// DecodeAnnotations decodes what EncodeAnnotations encoded with the same
// title and body. Anything else is an error, never a panic.
func DecodeAnnotations(b []byte, title, body string) (news.Annotations, error) {
	if len(b) == 0 || b[0] != annVersion1 {
		return news.Annotations{}, fmt.Errorf("decode annotations: %w: unknown version", errAnnotations)
	}
	d := annDecoder{b: b[1:], title: title, body: body}
	ann := d.annotations()
	if d.err == nil && len(d.b) > 0 {
		d.fail("%d trailing bytes", len(d.b))
	}
	if d.err != nil {
		return news.Annotations{}, fmt.Errorf("decode annotations: %w", d.err)
	}
	return ann, nil
}

type annDecoder struct {
	b           []byte
	strs        []string
	title, body string
	err         error
}

func (d *annDecoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: "+format, append([]any{errAnnotations}, args...)...)
	}
}

func (d *annDecoder) annotations() news.Annotations {
	n := d.count(1)
	d.strs = make([]string, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		l := d.count(1)
		d.strs = append(d.strs, string(d.b[:l]))
		d.b = d.b[l:]
	}
	var ann news.Annotations
	ann.Entities = d.entities()
	if n, ok := d.list(minCountryBytes); ok {
		ann.Countries = make([]news.Country, n)
		for i := range ann.Countries {
			ann.Countries[i] = news.Country{Code: d.str(), Name: d.str(), Count: d.int()}
		}
	}
	if n, ok := d.list(minQuoteBytes); ok {
		ann.Quotes = make([]news.Quote, n)
		for i := range ann.Quotes {
			q := &ann.Quotes[i]
			textRef := d.uvarint()
			q.SpeakerID, q.SpeakerName, q.SpeakerAsWritten, q.Cue, q.Kind = d.str(), d.str(), d.str(), d.str(), d.str()
			q.Start = d.int()
			q.End = q.Start + d.int()
			q.Paragraph = d.int()
			q.Text = d.span(textRef, d.body, q.Start, q.End)
		}
	}
	return ann
}

func (d *annDecoder) entities() []news.Entity {
	n, ok := d.list(minEntityBytes)
	if !ok {
		return nil
	}
	ents := make([]news.Entity, n)
	for i := range ents {
		en := &ents[i]
		en.ID, en.Name, en.Type, en.Country, en.Role = d.str(), d.str(), d.str(), d.str(), d.str()
		en.Count = d.int()
		m, ok := d.list(minMentionBytes)
		if !ok {
			continue
		}
		en.Mentions = make([]news.Mention, m)
		prev := 0
		for j := range en.Mentions {
			mt := &en.Mentions[j]
			mt.Field = d.str()
			mt.Start = prev + d.int()
			mt.End = mt.Start + d.int()
			prev = mt.Start
			src := ""
			switch mt.Field {
			case FieldTitle:
				src = d.title
			case FieldBody:
				src = d.body
			}
			mt.Text = d.span(d.uvarint(), src, mt.Start, mt.End)
		}
	}
	return ents
}

// list reads a list header: its length, and false for a nil list. min is
// the fewest bytes an element takes, to refuse lengths the input cannot
// hold before allocating.
func (d *annDecoder) list(min int) (int, bool) {
	v := d.uvarint()
	if v == 0 || d.err != nil {
		return 0, false
	}
	if v-1 > uint64(len(d.b)/min) {
		d.fail("list of %d elements in %d bytes", v-1, len(d.b))
		return 0, false
	}
	return int(v - 1), true
}

// count reads a length of at most len(d.b)/min.
func (d *annDecoder) count(min int) int {
	v := d.uvarint()
	if v > uint64(len(d.b)/min) {
		d.fail("length %d in %d bytes", v, len(d.b))
		return 0
	}
	return int(v)
}

func (d *annDecoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad uvarint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *annDecoder) int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 || int64(int(v)) != v {
		d.fail("bad varint")
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *annDecoder) str() string {
	r := d.uvarint()
	if d.err != nil {
		return ""
	}
	if r >= uint64(len(d.strs)) {
		d.fail("string %d of %d", r, len(d.strs))
		return ""
	}
	return d.strs[r]
}

// span is the text a span reference stands for: src[start:end] for 0,
// else string ref-1.
func (d *annDecoder) span(ref uint64, src string, start, end int) string {
	if d.err != nil {
		return ""
	}
	if ref > 0 {
		if ref-1 >= uint64(len(d.strs)) {
			d.fail("string %d of %d", ref-1, len(d.strs))
			return ""
		}
		return d.strs[ref-1]
	}
	if start < 0 || start > end || end > len(src) {
		d.fail("span %d-%d of %d bytes", start, end, len(src))
		return ""
	}
	return src[start:end]
}
