package api

import (
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/readout/readout/internal/search"
)

// appendHit appends h as JSON, exactly as newEncoder encodes it (without
// the newline), for the rows of an export: encoding/json's reflection was
// a third of the CPU of a 100,000-row export at a million articles.
// TestAppendHitMatchesEncoder and FuzzAppendHit hold the two to the same
// bytes. ok is false for what encoding/json refuses or writes otherwise
// (a score that is not a number, a date outside years 0-9999): the caller
// encodes those with newEncoder.
func appendHit(b []byte, h *search.Hit) (_ []byte, ok bool) {
	if !finite(h.Score) || !h.Published.IsZero() && !jsonYear(h.Published) {
		return b, false
	}
	b = append(b, `{"id":`...)
	b = appendJSONString(b, h.ID)
	b = append(b, `,"type":`...)
	b = appendJSONString(b, h.Type)
	b = appendOptString(b, `,"article_id":`, h.ArticleID)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, h.Title)
	b = appendOptString(b, `,"source":`, h.Source)
	if !h.Published.IsZero() {
		b = append(b, `,"published":"`...)
		b = h.Published.AppendFormat(b, time.RFC3339Nano)
		b = append(b, '"')
	}
	b = appendOptString(b, `,"date_precision":`, h.DatePrecision)
	b = appendOptString(b, `,"url":`, h.URL)
	b = append(b, `,"score":`...)
	b = appendJSONFloat(b, h.Score)
	if len(h.Snippets) > 0 {
		b = append(b, `,"snippets":{`...)
		keys := make([]string, 0, len(h.Snippets))
		for k := range h.Snippets {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			b = appendJSONStrings(b, h.Snippets[k])
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
			b = appendJSONString(b, h.Quotes[i].ID)
			b = appendQuoteFields(b, &h.Quotes[i].QuoteFields)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = appendOptString(b, `,"group":`, h.Group)
	if h.SimilarCount != 0 {
		b = append(b, `,"similar_count":`...)
		b = strconv.AppendInt(b, int64(h.SimilarCount), 10)
	}
	if h.QuoteFields != nil {
		b = appendQuoteFields(b, h.QuoteFields)
	}
	return append(b, '}'), true
}

// appendQuoteFields appends q's fields, each after a comma.
func appendQuoteFields(b []byte, q *search.QuoteFields) []byte {
	b = append(b, `,"text":`...)
	b = appendJSONString(b, q.Text)
	b = append(b, `,"highlighted":`...)
	b = appendJSONString(b, q.Highlighted)
	b = append(b, `,"speaker":`...)
	if sp := q.Speaker; sp == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"id":`...)
		b = appendJSONString(b, sp.ID)
		b = append(b, `,"name":`...)
		b = appendJSONString(b, sp.Name)
		b = appendOptString(b, `,"kind":`, sp.Kind)
		b = appendOptString(b, `,"country":`, sp.Country)
		b = append(b, '}')
	}
	b = appendOptString(b, `,"speaker_as_written":`, q.SpeakerAsWritten)
	b = appendOptString(b, `,"cue":`, q.Cue)
	b = appendOptString(b, `,"kind":`, q.Kind)
	b = append(b, `,"paragraph":`...)
	return strconv.AppendInt(b, int64(q.Paragraph), 10)
}

// appendOptString appends key and v as a JSON string, or nothing when v
// is empty (omitempty).
func appendOptString(b []byte, key, v string) []byte {
	if v == "" {
		return b
	}
	return appendJSONString(append(b, key...), v)
}

// appendJSONStrings appends ss as a JSON array (null when nil).
func appendJSONStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string as encoding/json writes it
// with HTML escaping off: quotes, backslashes and control characters
// escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
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
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
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
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFloat appends a finite f as encoding/json writes a float64
// (ES6 number formatting).
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9, as encoding/json.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

func finite(f float64) bool { return !math.IsInf(f, 0) && !math.IsNaN(f) }

// jsonYear reports whether time.Time's MarshalJSON writes t: a year of
// 0-9999 and a zone offset under a day.
func jsonYear(t time.Time) bool {
	y := t.Year()
	_, off := t.Zone()
	return y >= 0 && y <= 9999 && off > -24*3600 && off < 24*3600
}
