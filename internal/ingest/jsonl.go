package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/readout/readout/internal/news"
)

// record is one JSON Lines line as written.
type record struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Body      string   `json:"body"`
	Published string   `json:"published"`
	Source    string   `json:"source"`
	URL       string   `json:"url"`
	Authors   []string `json:"authors"`
	Language  string   `json:"language"`
	// Speaker is who speaks the whole document: a name, an object {name,
	// role, country}, or an array of either (a joint statement).
	Speaker jsontext.Value `json:"speaker"`

	Unknown map[string]jsontext.Value `json:",unknown"`
}

// docSpeakers reads a record's speaker field.
func docSpeakers(v jsontext.Value) ([]news.DocSpeaker, error) {
	if len(v) == 0 || string(v) == "null" {
		return nil, nil
	}
	one := func(v jsontext.Value) (news.DocSpeaker, error) {
		var name string
		if json.Unmarshal(v, &name) == nil {
			return news.DocSpeaker{Name: strings.TrimSpace(name)}, nil
		}
		var sp news.DocSpeaker
		if err := json.Unmarshal(v, &sp, json.RejectUnknownMembers(true)); err != nil {
			return sp, fmt.Errorf("%w: want a name, an object with name, role and country, or an array of them", ErrInvalidJSON)
		}
		sp.Name, sp.Role, sp.Country = strings.TrimSpace(sp.Name), strings.TrimSpace(sp.Role), strings.TrimSpace(sp.Country)
		return sp, nil
	}
	var list []jsontext.Value
	if json.Unmarshal(v, &list) != nil {
		list = []jsontext.Value{v}
	}
	var out []news.DocSpeaker
	for _, x := range list {
		sp, err := one(x)
		if err != nil {
			return nil, err
		}
		if sp.Name == "" {
			return nil, fmt.Errorf("%w: a speaker without a name", ErrInvalidJSON)
		}
		out = append(out, sp)
	}
	return out, nil
}

// jsonlGzip reads a gzip-compressed JSON Lines file.
func (r *reader) jsonlGzip(rd io.Reader, shown string) error {
	zr, err := gzip.NewReader(bufio.NewReaderSize(rd, 64<<10))
	if err != nil {
		return r.problem(&Problem{Path: shown, Err: fmt.Errorf("read: %w", err)})
	}
	defer zr.Close()
	return r.jsonl(zr, shown)
}

// jsonl streams a JSON Lines file, one record a line.
func (r *reader) jsonl(rd io.Reader, shown string) error {
	cr := &countingReader{r: rd}
	defer func() { r.stats.Bytes += cr.n }()
	br := bufio.NewReaderSize(cr, 256<<10)
	limit := r.opts.maxLine()
	for lineNo := 1; ; lineNo++ {
		line, tooLong, err := r.readLine(br, limit)
		if err == io.EOF && len(line) == 0 && !tooLong {
			return nil
		}
		if err != nil && err != io.EOF {
			return r.problem(&Problem{Path: shown, Line: lineNo, Err: fmt.Errorf("read: %w", err)})
		}
		if tooLong {
			if perr := r.problem(&Problem{Path: shown, Line: lineNo, Err: fmt.Errorf("line %w: more than %d bytes", ErrTooLarge, limit)}); perr != nil {
				return perr
			}
		} else {
			if lineNo == 1 {
				line = bytes.TrimPrefix(line, []byte("\uFEFF"))
			}
			if err := r.record(line, shown, lineNo); err != nil {
				return err
			}
		}
		if lineNo%1024 == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine returns the next line without its line ending. A line longer
// than limit is consumed and dropped (tooLong), so memory stays bounded. The
// slice is valid until the next call.
func (r *reader) readLine(br *bufio.Reader, limit int) (line []byte, tooLong bool, err error) {
	r.line = r.line[:0]
	first := true
	for {
		frag, err := br.ReadSlice('\n')
		if first && err == nil {
			// The common case: the whole line is in the buffer.
			if len(frag) > limit+1 {
				return nil, true, nil
			}
			return trimEOL(frag), false, nil
		}
		first = false
		if !tooLong {
			if len(r.line)+len(frag) > limit+1 {
				tooLong = true
				r.line = r.line[:0]
			} else {
				r.line = append(r.line, frag...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong {
			return nil, true, err
		}
		return trimEOL(r.line), false, err
	}
}

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte{'\n'})
	return bytes.TrimSuffix(b, []byte{'\r'})
}

// record decodes and emits one line. It returns a non-nil error when the
// read must stop.
func (r *reader) record(line []byte, shown string, lineNo int) error {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return nil
	}
	where := Problem{Path: shown, Line: lineNo}
	var mapped []string
	if r.rule != nil {
		if !utf8.Valid(line) {
			where.Field, where.Err = invalidUTF8Field(line), ErrInvalidUTF8
			return r.problem(&where)
		}
		out, unknown, field, err := r.rule.apply(line)
		if err != nil {
			where.Field, where.Err = field, err
			return r.problem(&where)
		}
		line, mapped = out, unknown
	}
	a, unknown, p := DecodeRecord(line, r.opts, where, "")
	if p != nil {
		return r.problem(p)
	}
	unknown = append(unknown, mapped...)
	for _, name := range unknown {
		r.unknownField(name, a.Origin)
	}
	if err := r.ctx.Err(); err != nil {
		return err
	}
	r.stats.Read++
	return r.emit(a)
}

// DecodeRecord decodes one article written in the JSON Lines record format
// (the README's input formats): published as RFC 3339 or YYYY-MM-DD, checked as
// every reader checks an article (an id, a title or a body, valid UTF-8,
// the body limit of opts). It returns the names of the fields it ignored,
// sorted. A record without an id takes defaultID (when not empty). A record
// that cannot be used is a *Problem at where (its path and line), naming
// the field.
func DecodeRecord(line []byte, opts Options, where Problem, defaultID string) (news.Article, []string, *Problem) {
	fail := func(field string, err error) (news.Article, []string, *Problem) {
		p := where
		p.Field, p.Err = field, err
		return news.Article{}, nil, &p
	}
	if !utf8.Valid(line) {
		return fail(invalidUTF8Field(line), ErrInvalidUTF8)
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		field, reason := describeJSONError(err)
		return fail(field, reason)
	}
	var unknown []string
	for name := range rec.Unknown {
		unknown = append(unknown, name)
	}
	slices.Sort(unknown)
	origin := where.Path
	if where.Line > 0 {
		origin += ":" + strconv.Itoa(where.Line)
	}
	a := news.Article{
		ID:       rec.ID,
		Title:    rec.Title,
		Body:     rec.Body,
		Source:   rec.Source,
		URL:      rec.URL,
		Authors:  rec.Authors,
		Language: rec.Language,
		Origin:   origin,
	}
	if a.ID == "" {
		a.ID = defaultID
	}
	sps, err := docSpeakers(rec.Speaker)
	if err != nil {
		return fail("speaker", err)
	}
	a.Speakers = sps
	if rec.Published != "" {
		t, prec, err := ParseDateSpan(rec.Published)
		if err != nil {
			return fail("published", err)
		}
		a.Published, a.DatePrecision = t, prec
	}
	if p := validate(&a, opts, &where); p != nil {
		return news.Article{}, nil, p
	}
	return a, unknown, nil
}

// describeJSONError turns a decoding error into the field it concerns and
// a short reason.
func describeJSONError(err error) (field string, reason error) {
	var serr *json.SemanticError
	if errors.As(err, &serr) {
		field = topField(serr.JSONPointer)
		if serr.JSONKind != 0 && serr.GoType != nil {
			return field, fmt.Errorf("%w: want %s, got %s", ErrInvalidJSON, goKind(serr.GoType.String()), jsonKind(serr.JSONKind))
		}
		if serr.Err != nil {
			return field, fmt.Errorf("%w: %w", ErrInvalidJSON, serr.Err)
		}
		return field, fmt.Errorf("%w: %w", ErrInvalidJSON, err)
	}
	var xerr *jsontext.SyntacticError
	if errors.As(err, &xerr) {
		return topField(xerr.JSONPointer), fmt.Errorf("%w at byte %d: %w", ErrInvalidJSON, xerr.ByteOffset, xerr.Err)
	}
	return "", fmt.Errorf("%w: %w", ErrInvalidJSON, err)
}

// topField returns the first token of a JSON pointer ("" for the root).
func topField(p jsontext.Pointer) string {
	for tok := range p.Tokens() {
		return tok
	}
	return ""
}

func goKind(t string) string {
	switch t {
	case "string":
		return "a string"
	case "[]string":
		return "an array of strings"
	case "ingest.record":
		return "an object"
	}
	return t
}

func jsonKind(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case 'f', 't':
		return "a boolean"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "an invalid value"
}

// invalidUTF8Field names the top-level member whose value holds invalid
// UTF-8, "" when it cannot tell (for example a member name).
func invalidUTF8Field(line []byte) string {
	dec := jsontext.NewDecoder(bytes.NewReader(line), jsontext.AllowInvalidUTF8(true))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return ""
	}
	for dec.PeekKind() == '"' {
		name, err := dec.ReadValue()
		if err != nil {
			return ""
		}
		if !utf8.Valid(name) {
			return ""
		}
		var key string
		if json.Unmarshal(name, &key) != nil {
			return ""
		}
		val, err := dec.ReadValue()
		if err != nil {
			return ""
		}
		if !utf8.Valid(val) {
			return key
		}
	}
	return ""
}
