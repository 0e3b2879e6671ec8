package api

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/readout/readout/internal/search"
)

// Export columns of CSV downloads, by mode.
var (
	articleColumns = []string{"id", "published", "date_precision", "source", "title", "url"}
	quoteColumns   = []string{"id", "article_id", "published", "date_precision", "source", "speaker_id", "speaker", "speaker_as_written", "cue", "kind", "text", "title", "url"}
)

// export streams every hit of a search (the search parameters, without
// paging, facets or histogram) as CSV or JSON Lines, up to limit rows.
// X-Total-Count says how many matched and X-Export-Limit how many rows the
// export gives at most, so a client sees when limit cut the download short.
//
// An export is complete or visibly failed. A complete one ends its chunked
// body properly, with the trailers X-Export-Complete: true and
// X-Export-Rows. One that stops early (Options.ExportTimeout, a client that
// accepts no bytes for Options.ExportIdleTimeout, an error of the engine,
// server shutdown) after its first row is aborted: the connection is closed
// without the body's last chunk, so curl exits non-zero, a browser's
// download fails and an HTTP library reports an unexpected EOF, instead of
// a truncated file that looks whole. Before the first row, failures are
// JSON errors as on every route.
func (s *Server) export(w http.ResponseWriter, r *http.Request, v url.Values) {
	req, err := searchRequest(v)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	req.Collapse = false // an export lists every copy
	format := v.Get("format")
	switch format {
	case "":
		format = "jsonl"
	case "jsonl", "csv":
	default:
		s.writeError(w, r, &search.ParamError{Param: "format", Msg: "must be csv or jsonl, not " + quoteClip(format)})
		return
	}
	limit := 0
	if l := v.Get("limit"); l != "" {
		if limit, err = strconv.Atoi(l); err != nil || limit <= 0 {
			s.writeError(w, r, &search.ParamError{Param: "limit", Msg: "must be a positive number, not " + quoteClip(l)})
			return
		}
	}
	if limit, err = s.engine.ExportLimit(limit); err != nil {
		s.writeError(w, r, err)
		return
	}

	// The export's own time limit, instead of the request timeout of
	// searches; server shutdown ends it too, once the grace period is over.
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.ExportTimeout)
	defer cancel()
	defer context.AfterFunc(s.stopping, cancel)()
	deadline, _ := ctx.Deadline()
	x := &exporter{w: w, rc: http.NewResponseController(w), format: format, limit: limit,
		idle: s.opts.ExportIdleTimeout, deadline: deadline}
	run := s.engine.Export
	if s.opts.Gather != nil && s.opts.GatherExport != nil {
		run = s.opts.GatherExport // partitioned: pages gathered from the shards
	}
	err = run(ctx, req, limit, x.page)
	outcome := outcomeComplete
	if err != nil {
		outcome = s.exportFailure(ctx, deadline, r, err)
	}
	s.metrics.exported(outcome, x.rows)
	if err == nil {
		// Declared in start: the body is whole.
		w.Header().Set("X-Export-Complete", "true")
		w.Header().Set("X-Export-Rows", strconv.Itoa(x.rows))
		return
	}
	if !x.started {
		s.writeError(w, r, err)
		return
	}
	level := slog.LevelWarn
	if outcome == outcomeError {
		level = slog.LevelError
	}
	s.logger.Log(r.Context(), level, "export cut short; connection aborted", "request_id", reqID(r.Context()),
		"outcome", outcome, "rows", x.rows, "total", x.total, "err", err)
	// net/http closes the connection without ending the chunked body, and
	// logs nothing for this value (recover lets it through).
	panic(http.ErrAbortHandler)
}

// Export outcomes, the values of readout_exports_total's outcome label.
const (
	outcomeComplete = "complete"
	outcomeTimeout  = "timeout"  // Options.ExportTimeout ran out
	outcomeStalled  = "stalled"  // the client accepted no bytes for Options.ExportIdleTimeout
	outcomeGone     = "gone"     // the client closed the connection
	outcomeShutdown = "shutdown" // the server stopped
	outcomeError    = "error"    // the engine failed
)

var exportOutcomes = []string{outcomeComplete, outcomeTimeout, outcomeStalled, outcomeGone, outcomeShutdown, outcomeError}

// exportFailure names why an export stopped early.
func (s *Server) exportFailure(ctx context.Context, deadline time.Time, r *http.Request, err error) string {
	var we *exportWriteError
	switch {
	case s.stopping.Err() != nil:
		return outcomeShutdown
	case errors.As(err, &we) && errors.Is(err, os.ErrDeadlineExceeded):
		// The write deadline is the idle one or, at the end, the export's
		// own (its context may not have seen it yet).
		if !time.Now().Before(deadline) {
			return outcomeTimeout
		}
		return outcomeStalled
	case errors.As(err, &we), r.Context().Err() != nil:
		return outcomeGone
	case ctx.Err() != nil:
		return outcomeTimeout
	}
	return outcomeError
}

// exportWriteError is a failed write to the client, as opposed to an error
// of the engine.
type exportWriteError struct{ err error }

func (e *exportWriteError) Error() string { return "write export: " + e.err.Error() }
func (e *exportWriteError) Unwrap() error { return e.err }

// exporter writes the pages of one export.
type exporter struct {
	w        http.ResponseWriter
	rc       *http.ResponseController
	format   string
	limit    int
	idle     time.Duration
	deadline time.Time // the export's own
	armed    time.Time // when the write deadline was last set

	started bool
	mode    string // as the engine normalized it
	total   int
	rows    int
	bw      *bufio.Writer // the body, written to the connection a page at a time
	cw      *csv.Writer
	enc     *json.Encoder // JSON Lines: one hit a line
	line    []byte        // JSON Lines: the line being written (appendHit)
}

// writeJSON writes h as a line of JSON Lines.
func (x *exporter) writeJSON(h *search.Hit) error {
	var ok bool
	if x.line, ok = appendHit(x.line[:0], h); !ok {
		return x.enc.Encode(h) // encoding/json's error, or its form
	}
	x.line = append(x.line, '\n')
	_, err := x.bw.Write(x.line)
	return err
}

// page writes one page of hits (the first also the header), then flushes.
func (x *exporter) page(res *search.Response) error {
	if err := x.arm(); err != nil {
		return err
	}
	if !x.started {
		if err := x.start(res); err != nil {
			return &exportWriteError{err}
		}
	}
	for i, hit := range res.Hits {
		if err := x.arm(); err != nil {
			return err
		}
		var err error
		if x.cw != nil {
			err = x.cw.Write(csvRow(x.mode, hit))
		} else {
			err = x.writeJSON(&res.Hits[i]) // not &hit, which would move hit to the heap
		}
		if err != nil {
			return &exportWriteError{err}
		}
		x.rows++
	}
	if x.cw != nil {
		x.cw.Flush()
		if err := x.cw.Error(); err != nil {
			return &exportWriteError{err}
		}
	}
	if err := x.bw.Flush(); err != nil {
		return &exportWriteError{err}
	}
	if err := x.rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return &exportWriteError{err}
	}
	return nil
}

// arm extends the write deadline as rows are written: a client that
// accepts no bytes for the idle time is cut off (its write fails), and
// nothing is written past the export's own deadline. It re-arms when
// idle/16 has passed since it last did, not at every row, so the cut-off
// comes between 15/16 of the idle time and all of it after the last bytes
// the client took.
func (x *exporter) arm() error {
	now := time.Now()
	if now.Sub(x.armed) < x.idle/16 {
		return nil
	}
	x.armed = now
	d := now.Add(x.idle)
	if d.After(x.deadline) {
		d = x.deadline
	}
	if err := x.rc.SetWriteDeadline(d); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return &exportWriteError{err}
	}
	return nil
}

// start writes the status, the headers and, for CSV, the header row.
func (x *exporter) start(res *search.Response) error {
	x.started, x.mode, x.total = true, res.Mode, res.Total
	h := x.w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Total-Count", strconv.Itoa(res.Total))
	h.Set("X-Export-Limit", strconv.Itoa(x.limit))
	h.Set("X-Generation", res.Generation)
	// Sent after the body, only when it is complete.
	h.Set("Trailer", "X-Export-Complete, X-Export-Rows")
	name := "readout-" + x.mode + "-" + time.Now().UTC().Format("20060102-150405")
	if x.format == "csv" {
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	} else {
		h.Set("Content-Type", "application/x-ndjson; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+name+`.jsonl"`)
	}
	x.w.WriteHeader(http.StatusOK)
	// ResponseWriter's own buffer is 4 KB: a write to the connection (a
	// system call) every few rows cost a tenth of a 100,000-row export's
	// CPU at 1M articles.
	x.bw = bufio.NewWriterSize(x.w, exportBuffer)
	if x.format == "csv" {
		x.cw = csv.NewWriter(x.bw)
		cols := articleColumns
		if x.mode == search.ModeQuotes {
			cols = quoteColumns
		}
		return x.cw.Write(cols)
	}
	x.enc = newEncoder(x.bw)
	return nil
}

// exportBuffer is the size of an export's write buffer: the body goes to
// the connection in writes of this size (and at the end of each page).
const exportBuffer = 64 << 10

// csvRow is one hit as a row of articleColumns or quoteColumns, each cell
// made safe for spreadsheets.
func csvRow(mode string, h search.Hit) []string {
	row := rawRow(mode, h)
	for i, c := range row {
		row[i] = inertCell(c)
	}
	return row
}

// inertCell keeps a spreadsheet from reading a cell as a formula (CSV
// injection): a cell that starts with =, +, @, a tab or a carriage return
// gets a leading apostrophe, which spreadsheets hide.
func inertCell(c string) string {
	if c != "" && strings.ContainsRune("=+@\t\r", rune(c[0])) {
		return "'" + c
	}
	return c
}

func rawRow(mode string, h search.Hit) []string {
	published := ""
	if !h.Published.IsZero() {
		published = h.Published.UTC().Format(time.RFC3339)
	}
	if mode != search.ModeQuotes {
		return []string{h.ID, published, h.DatePrecision, h.Source, h.Title, h.URL}
	}
	var q search.QuoteFields
	if h.QuoteFields != nil {
		q = *h.QuoteFields
	}
	var spID, spName string
	if q.Speaker != nil {
		spID, spName = q.Speaker.ID, q.Speaker.Name
	}
	return []string{h.ID, h.ArticleID, published, h.DatePrecision, h.Source, spID, spName, q.SpeakerAsWritten, q.Cue, q.Kind,
		strings.TrimSpace(q.Text), h.Title, h.URL}
}
