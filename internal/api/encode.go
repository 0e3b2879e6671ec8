package api

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/readout/readout/internal/search"
)

// The search response is the one body every query pays for, so it is
// written by hand instead of through encoding/json's reflection: about a
// quarter of the CPU for the same bytes (BenchmarkEncodeResponse). The
// output is byte for byte what encoding/json writes with HTML escaping off;
// TestAppendResponseMatchesEncodingJSON holds it to that on real responses
// and on values with every field filled, so a field added to the types and
// not here fails the test.

var errUnsupportedValue = errors.New("json: unsupported value")

// appendResponse appends r as JSON and a newline, as json.Encoder does.
func appendResponse(b []byte, r *search.Response) ([]byte, error) {
	if r == nil {
		return append(b, "null\n"...), nil
	}
	var err error
	b = append(b, `{"total":`...)
	b = strconv.AppendInt(b, int64(r.Total), 10)
	b = append(b, `,"took_ms":`...)
	if b, err = appendFloat(b, r.TookMS); err != nil {
		return nil, err
	}
	b = append(b, `,"mode":`...)
	b = appendString(b, r.Mode)
	b = append(b, `,"query":`...)
	b = appendString(b, r.Query)
	b = append(b, `,"generation":`...)
	b = appendString(b, r.Generation)
	b = append(b, `,"hits":`...)
	if r.Hits == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Hits {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendHit(b, &r.Hits[i]); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	}
	b = append(b, `,"facets":`...)
	if r.Facets == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		for i, k := range sortedKeys(r.Facets) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendFacetValues(b, r.Facets[k])
		}
		b = append(b, '}')
	}
	if r.Histogram != nil {
		b = append(b, `,"histogram":`...)
		b = appendHistogram(b, r.Histogram)
	}
	b = append(b, `,"next_cursor":`...)
	if r.NextCursor == nil {
		b = append(b, "null"...)
	} else {
		b = appendString(b, *r.NextCursor)
	}
	return append(b, "}\n"...), nil
}

func appendHit(b []byte, h *search.Hit) ([]byte, error) {
	var err error
	b = append(b, `{"id":`...)
	b = appendString(b, h.ID)
	b = append(b, `,"type":`...)
	b = appendString(b, h.Type)
	if h.ArticleID != "" {
		b = append(b, `,"article_id":`...)
		b = appendString(b, h.ArticleID)
	}
	b = append(b, `,"title":`...)
	b = appendString(b, h.Title)
	if h.Source != "" {
		b = append(b, `,"source":`...)
		b = appendString(b, h.Source)
	}
	if !h.Published.IsZero() {
		b = append(b, `,"published":`...)
		if b, err = appendTime(b, h.Published); err != nil {
			return nil, err
		}
	}
	if h.URL != "" {
		b = append(b, `,"url":`...)
		b = appendString(b, h.URL)
	}
	b = append(b, `,"score":`...)
	if b, err = appendFloat(b, h.Score); err != nil {
		return nil, err
	}
	if len(h.Snippets) > 0 {
		b = append(b, `,"snippets":{`...)
		for i, k := range sortedKeys(h.Snippets) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendStrings(b, h.Snippets[k])
		}
		b = append(b, '}')
	}
	if len(h.Quotes) > 0 {
		b = append(b, `,"quotes":[`...)
		for i := range h.Quotes {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = appendString(b, h.Quotes[i].ID)
			b = appendQuoteFields(b, &h.Quotes[i].QuoteFields)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if h.QuoteFields != nil {
		b = appendQuoteFields(b, h.QuoteFields)
	}
	return append(b, '}'), nil
}

// appendQuoteFields appends the fields of q, each after a comma, as an
// embedding struct's fields.
func appendQuoteFields(b []byte, q *search.QuoteFields) []byte {
	b = append(b, `,"text":`...)
	b = appendString(b, q.Text)
	b = append(b, `,"highlighted":`...)
	b = appendString(b, q.Highlighted)
	b = append(b, `,"speaker":`...)
	if q.Speaker == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"id":`...)
		b = appendString(b, q.Speaker.ID)
		b = append(b, `,"name":`...)
		b = appendString(b, q.Speaker.Name)
		b = append(b, '}')
	}
	if q.SpeakerAsWritten != "" {
		b = append(b, `,"speaker_as_written":`...)
		b = appendString(b, q.SpeakerAsWritten)
	}
	if q.Cue != "" {
		b = append(b, `,"cue":`...)
		b = appendString(b, q.Cue)
	}
	if q.Kind != "" {
		b = append(b, `,"kind":`...)
		b = appendString(b, q.Kind)
	}
	b = append(b, `,"paragraph":`...)
	return strconv.AppendInt(b, int64(q.Paragraph), 10)
}

func appendFacetValues(b []byte, vs []search.FacetValue) []byte {
	if vs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"value":`...)
		b = appendString(b, v.Value)
		b = append(b, `,"label":`...)
		b = appendString(b, v.Label)
		b = append(b, `,"count":`...)
		b = strconv.AppendInt(b, int64(v.Count), 10)
		b = append(b, `,"selected":`...)
		b = strconv.AppendBool(b, v.Selected)
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendHistogram(b []byte, h *search.Histogram) []byte {
	b = append(b, `{"interval":`...)
	b = appendString(b, h.Interval)
	b = append(b, `,"buckets":`...)
	b = appendBuckets(b, h.Buckets)
	b = append(b, `,"undated":`...)
	b = strconv.AppendInt(b, int64(h.Undated), 10)
	if h.Split != "" {
		b = append(b, `,"split":`...)
		b = appendString(b, h.Split)
	}
	if len(h.Series) > 0 {
		b = append(b, `,"series":[`...)
		for i, s := range h.Series {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"value":`...)
			b = appendString(b, s.Value)
			b = append(b, `,"label":`...)
			b = appendString(b, s.Label)
			b = append(b, `,"count":`...)
			b = strconv.AppendInt(b, int64(s.Count), 10)
			b = append(b, `,"undated":`...)
			b = strconv.AppendInt(b, int64(s.Undated), 10)
			b = append(b, `,"buckets":`...)
			b = appendBuckets(b, s.Buckets)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func appendBuckets(b []byte, bs []search.Bucket) []byte {
	if bs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, k := range bs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"start":`...)
		b = appendString(b, k.Start)
		b = append(b, `,"count":`...)
		b = strconv.AppendInt(b, int64(k.Count), 10)
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// appendFloat writes f as encoding/json does: the shortest representation,
// in exponent form outside [1e-6, 1e21), and an error for NaN and infinity.
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, errUnsupportedValue
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 to e-9, as encoding/json does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// appendTime writes t as time.Time's MarshalJSON does.
func appendTime(b []byte, t time.Time) ([]byte, error) {
	if y := t.Year(); y < 0 || y >= 10000 {
		return nil, errUnsupportedValue
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

const hexDigits = "0123456789abcdef"

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plain8 reports whether the eight bytes of s are printable ASCII other
// than '"' and '\\', which a JSON string holds as they are.
func plain8(s string) bool {
	_ = s[7]
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	quote := w ^ (ones * '"')
	backslash := w ^ (ones * '\\')
	// A byte is below 0x20, zero after the XOR, or has its high bit set.
	special := (w - ones*0x20) | (quote - ones) | (backslash - ones) | w
	return special&highs == 0
}

// appendString writes s as a JSON string the way encoding/json does with
// HTML escaping off: quotes, backslashes and control characters escaped,
// invalid UTF-8 as U+FFFD, and U+2028 and U+2029 escaped for JavaScript.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight plain ASCII bytes at a time, the common case.
		for i+8 <= len(s) && plain8(s[i:i+8]) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
