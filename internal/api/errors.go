package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/readout/readout/internal/search"
)

var (
	errUnauthorized     = errors.New("admin endpoint: missing bearer token")
	errForbidden        = errors.New("admin endpoint: wrong token")
	errNotFound         = errors.New("no such endpoint")
	errMethodNotAllowed = errors.New("method not allowed on this endpoint")
	// errPartitioned: a route partitioned serving does not answer yet
	// (Server.whole).
	errPartitioned = errors.New("not answered in partitioned serving yet (docs/scaling.md); ask a node holding the whole generation")
)

// errorBody is the JSON shape of every error.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code     string `json:"code"`
	Message  string `json:"message"`
	Param    string `json:"param,omitempty"`
	Position *int   `json:"position,omitempty"`
	// MissingShards are the shards with no live replica (503
	// shards_unavailable, partitioned serving).
	MissingShards []int `json:"missing_shards,omitempty"`

	cost bool // refused by the cost budget (counted in the metrics)
}

// writeError is the one place where errors become status codes.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, d := classify(err)
	if status == http.StatusInternalServerError || d.Code == "journal_unavailable" {
		s.logger.Error("request failed", "request_id", reqID(r.Context()), "path", r.URL.Path, "err", err)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="readout-admin"`)
	}
	switch {
	case d.Code == codeTooBusy:
		w.Header().Set("Retry-After", retryAfter)
		s.metrics.reject(reasonBusy)
	case d.cost:
		s.metrics.reject(reasonCost)
	}
	d.Message = clipMessage(d.Message) // a message quoting a long value (params.go)
	writeJSON(w, status, errorBody{Error: d})
}

// Codes of refused expensive requests: the cost budget answers
// limit_exceeded (param q), a full set of slots too_busy.
// Codes of partitioned serving: a shard with no live replica (503), a
// request it does not answer yet (501).
const (
	codeShardsUnavailable = "shards_unavailable"
	codePartitioned       = "partitioned_unsupported"
)

const (
	codeCost    = "limit_exceeded"
	codeTooBusy = "too_busy"
)

// retryAfter is the Retry-After of a 429 in seconds: a slot frees up when
// an expensive search ends, within a few seconds.
const retryAfter = "1"

func classify(err error) (int, errorDetail) {
	var (
		pe *search.ParamError
		le *search.LimitError
		qe *search.QueryError
		ce *search.CostError
		mb *http.MaxBytesError
		ms *search.MissingShardsError
	)
	switch {
	case errors.As(err, &ms):
		return http.StatusServiceUnavailable, errorDetail{Code: codeShardsUnavailable, MissingShards: ms.Missing,
			Message: fmt.Sprintf("no live replica of shards %v of generation %s; allow_partial=true answers without them, marked partial", ms.Missing, ms.Generation)}
	case errors.Is(err, search.ErrPartialCollapse):
		return http.StatusNotImplemented, errorDetail{Code: codePartitioned, Message: search.ErrPartialCollapse.Error(), Param: "count"}
	case errors.Is(err, errPartitioned):
		return http.StatusNotImplemented, errorDetail{Code: codePartitioned, Message: err.Error()}
	case errors.As(err, &ce):
		pos := ce.Pos
		return http.StatusBadRequest, errorDetail{Code: codeCost, Message: ce.Msg, Param: ce.Param, Position: &pos, cost: true}
	case errors.Is(err, search.ErrTooBusy):
		return http.StatusTooManyRequests, errorDetail{Code: codeTooBusy,
			Message: "too many expensive searches at once; retry in " + retryAfter + " s, or narrow the query"}
	case errors.As(err, &qe):
		d := errorDetail{Code: "invalid_query", Message: qe.Msg, Param: "q"}
		if qe.Pos >= 0 {
			pos := qe.Pos
			d.Position = &pos
		}
		return http.StatusBadRequest, d
	case errors.As(err, &le):
		return http.StatusBadRequest, errorDetail{Code: "limit_exceeded", Message: le.Error(), Param: le.Param}
	case errors.As(err, &mb):
		return http.StatusBadRequest, errorDetail{Code: "limit_exceeded", Message: "request body too large", Param: "body"}
	case errors.As(err, &pe):
		return http.StatusBadRequest, errorDetail{Code: "bad_request", Message: pe.Msg, Param: pe.Param}
	case errors.Is(err, search.ErrNotFound), errors.Is(err, errNotFound):
		return http.StatusNotFound, errorDetail{Code: "not_found", Message: err.Error()}
	case errors.Is(err, errMethodNotAllowed):
		return http.StatusMethodNotAllowed, errorDetail{Code: "bad_request", Message: err.Error()}
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized, errorDetail{Code: "unauthorized", Message: err.Error()}
	case errors.Is(err, errForbidden):
		return http.StatusForbidden, errorDetail{Code: "unauthorized", Message: err.Error()}
	case errors.Is(err, search.ErrJournal):
		// An admin change that could not be made durable: nothing changed,
		// and the operator needs to know why (a read-only index folder, a
		// full disk).
		return http.StatusServiceUnavailable, errorDetail{Code: "journal_unavailable", Message: err.Error()}
	case errors.Is(err, search.ErrUnavailable):
		return http.StatusServiceUnavailable, errorDetail{Code: "unavailable", Message: "no index loaded yet"}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable, errorDetail{Code: "timeout", Message: "request timed out"}
	}
	return http.StatusInternalServerError, errorDetail{Code: "internal", Message: "internal error"}
}

func levelFor(status int) slog.Level {
	switch {
	case status >= 500 && status != http.StatusServiceUnavailable && status != http.StatusNotImplemented:
		return slog.LevelError
	case status >= 400:
		return slog.LevelWarn
	}
	return slog.LevelInfo
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) { s.writeError(w, r, errNotFound) }

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.writeError(w, r, errMethodNotAllowed)
}
