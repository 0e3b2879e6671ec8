package search

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned when a requested article or facet field does not
// exist.
var ErrNotFound = errors.New("not found")

// ErrUnavailable is returned while no generation is loaded.
var ErrUnavailable = errors.New("no index generation loaded")

// ParamError is a request parameter with a bad value.
type ParamError struct {
	Param string // parameter name as in the HTTP API, e.g. "size"
	Msg   string
}

func (e *ParamError) Error() string { return fmt.Sprintf("parameter %s: %s", e.Param, e.Msg) }

// LimitError is a request that exceeds a configured limit.
type LimitError struct {
	Param string // parameter name, e.g. "size"
	Limit int    // the configured maximum
	Msg   string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("parameter %s: %s (limit %d)", e.Param, e.Msg, e.Limit)
}

// QueryError is an error in the q parameter: a syntax error with Pos the
// 0-based byte offset into q, or an unknown field with Pos -1.
type QueryError struct {
	Pos int
	Msg string
	Err error
}

func (e *QueryError) Error() string {
	if e.Pos < 0 {
		return "query: " + e.Msg
	}
	return fmt.Sprintf("query at %d: %s", e.Pos, e.Msg)
}
func (e *QueryError) Unwrap() error { return e.Err }

// CostError is a request refused before it runs because of what it would
// cost: a prefix or fuzzy term of q expanding to too many index terms, or
// those terms listing too many postings. Msg names the term and the cause
// ("'xy~2' expands to 3,417 terms; the limit per request is 1,000"); Pos
// is the byte offset of the term in q.
type CostError struct {
	Param string // "q"
	Term  string // the term at fault, as printed (title:negotiat*)
	Pos   int
	Limit int // the limit exceeded
	Msg   string
}

func (e *CostError) Error() string {
	return fmt.Sprintf("parameter %s: %s (at position %d)", e.Param, e.Msg, e.Pos)
}

// ErrTooBusy is returned when an expensive request finds no free slot
// within Options.SlotWait: the client should retry shortly (the API
// answers 429 with Retry-After).
var ErrTooBusy = errors.New("too many expensive searches at once")

func paramErr(param, format string, args ...any) error {
	return &ParamError{Param: param, Msg: fmt.Sprintf(format, args...)}
}
