package api

import (
	"encoding/csv"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/readout/readout/internal/search"
)

// Export columns of CSV downloads, by mode.
var (
	articleColumns = []string{"id", "published", "source", "title", "url"}
	quoteColumns   = []string{"id", "article_id", "published", "source", "speaker_id", "speaker", "speaker_as_written", "cue", "kind", "text", "title", "url"}
)

// export streams every hit of a search (the search parameters, without
// paging, facets or histogram) as CSV or JSON Lines, up to limit rows.
// X-Total-Count says how many matched, so a client sees when limit cut the
// download short; an error after the first row ends the body early and is
// logged.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	req, err := searchRequest(v)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	format := v.Get("format")
	switch format {
	case "":
		format = "jsonl"
	case "jsonl", "csv":
	default:
		s.writeError(w, r, &search.ParamError{Param: "format", Msg: "must be csv or jsonl, not " + strconv.Quote(format)})
		return
	}
	limit := 0
	if l := v.Get("limit"); l != "" {
		if limit, err = strconv.Atoi(l); err != nil || limit <= 0 {
			s.writeError(w, r, &search.ParamError{Param: "limit", Msg: "must be a positive number, not " + strconv.Quote(l)})
			return
		}
	}
	rc := http.NewResponseController(w)
	var (
		started bool
		mode    string // as the engine normalized it
		cw      *csv.Writer
		line    []byte // JSON Lines: one hit
	)
	err = s.engine.Export(r.Context(), req, limit, func(res *search.Response) error {
		if !started {
			started, mode = true, res.Mode
			h := w.Header()
			h.Set("Cache-Control", "no-store")
			h.Set("X-Total-Count", strconv.Itoa(res.Total))
			h.Set("X-Generation", res.Generation)
			name := "readout-" + mode + "-" + time.Now().UTC().Format("20060102-150405")
			if format == "csv" {
				h.Set("Content-Type", "text/csv; charset=utf-8")
				h.Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
				cw = csv.NewWriter(w)
				cols := articleColumns
				if mode == search.ModeQuotes {
					cols = quoteColumns
				}
				if err := cw.Write(cols); err != nil {
					return err
				}
			} else {
				h.Set("Content-Type", "application/x-ndjson; charset=utf-8")
				h.Set("Content-Disposition", `attachment; filename="`+name+`.jsonl"`)
			}
			w.WriteHeader(http.StatusOK)
		}
		for _, hit := range res.Hits {
			var err error
			if cw != nil {
				err = cw.Write(csvRow(mode, hit))
			} else if line, err = appendHit(line[:0], &hit); err == nil {
				line = append(line, '\n')
				_, err = w.Write(line)
			}
			if err != nil {
				return err
			}
		}
		if cw != nil {
			cw.Flush()
			if err := cw.Error(); err != nil {
				return err
			}
		}
		if err := rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return err
		}
		return nil
	})
	if err == nil {
		return
	}
	if !started {
		s.writeError(w, r, err)
		return
	}
	s.logger.Warn("export cut short", "request_id", reqID(r.Context()), "err", err)
}

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
		return []string{h.ID, published, h.Source, h.Title, h.URL}
	}
	var q search.QuoteFields
	if h.QuoteFields != nil {
		q = *h.QuoteFields
	}
	var spID, spName string
	if q.Speaker != nil {
		spID, spName = q.Speaker.ID, q.Speaker.Name
	}
	return []string{h.ID, h.ArticleID, published, h.Source, spID, spName, q.SpeakerAsWritten, q.Cue, q.Kind,
		strings.TrimSpace(q.Text), h.Title, h.URL}
}
