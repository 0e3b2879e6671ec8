package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

func TestRecoverWritesJSON500AndLogsStack(t *testing.T) {
	var logs bytes.Buffer
	e := search.New(nil, nil, search.Options{}, nil)
	s := New(e, Options{}, slog.New(slog.NewJSONHandler(&logs, nil)))
	h := s.observe(s.recover(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
	if rec.Code != 500 {
		t.Fatalf("status %d", rec.Code)
	}
	var body errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Code != "internal" {
		t.Errorf("body %s (%v)", rec.Body, err)
	}
	if !strings.Contains(logs.String(), `"panic":"boom"`) || !strings.Contains(logs.String(), "goroutine") {
		t.Errorf("log lacks panic and stack: %s", logs.String())
	}
	if !strings.Contains(logs.String(), `"status":500`) {
		t.Errorf("access log lacks the 500: %s", logs.String())
	}
}

// TestRequestTimeoutAnswersJSON: a search that runs out of its request
// timeout answers a whole JSON 503 "timeout" over a real connection (the
// route's write deadline leaves time to write it), and the export, which
// has its own limits, is not held to the request timeout.
func TestRequestTimeoutAnswersJSON(t *testing.T) {
	e := search.New(nil, nil, search.Options{}, nil)
	e.Serve(searchtest.Generation(t, "gen-000001", searchtest.Fixture()), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	srv := httptest.NewServer(New(e, Options{RequestTimeout: time.Nanosecond}, nil))
	t.Cleanup(srv.Close)
	for _, target := range []string{"/api/v1/search?q=grain", "/api/v1/facets/speaker?prefix=b"} {
		resp, err := http.Get(srv.URL + target)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("%s: read: %v", target, err)
		}
		var eb errorBody
		if jerr := json.Unmarshal(body, &eb); jerr != nil || resp.StatusCode != 503 || eb.Error.Code != "timeout" ||
			resp.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
			t.Errorf("%s: %d %q (Content-Length %s): %v", target, resp.StatusCode, body, resp.Header.Get("Content-Length"), jerr)
		}
	}
	resp, err := http.Get(srv.URL + "/api/v1/export?format=csv")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || resp.Trailer.Get("X-Export-Complete") != "true" ||
		strings.Count(string(body), "\n") != 1+45 {
		t.Errorf("export under a 1ns request timeout: %d, %d bytes, trailer %v, %v", resp.StatusCode, len(body), resp.Trailer, err)
	}
}

// deadlineRecorder records the write deadlines a handler sets through
// http.ResponseController.
type deadlineRecorder struct {
	*httptest.ResponseRecorder
	deadlines []time.Time
}

func (d *deadlineRecorder) SetWriteDeadline(t time.Time) error {
	d.deadlines = append(d.deadlines, t)
	return nil
}

// TestEveryRouteHasWriteDeadline: every route, 404s and 405s included, sets
// a write deadline on the connection through the real router: the request
// timeout plus writeGrace for the API and the UI, opsTimeout for the
// operational routes, the export its idle time as it writes.
func TestEveryRouteHasWriteDeadline(t *testing.T) {
	e := search.New(nil, nil, search.Options{}, nil)
	e.Serve(searchtest.Generation(t, "gen-000001", searchtest.Fixture()), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	ui := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ui") })
	opts := Options{RequestTimeout: time.Hour, ExportTimeout: 4 * time.Hour, ExportIdleTimeout: 2 * time.Hour, AdminToken: "t", UI: ui}
	s := New(e, opts, nil)
	api := opts.RequestTimeout + writeGrace
	tests := []struct {
		method, target string
		status         int
		want           time.Duration // the deadline, from the request
	}{
		{"GET", "/healthz", 200, opsTimeout},
		{"GET", "/readyz", 200, opsTimeout},
		{"GET", "/metrics", 200, opsTimeout},
		{"GET", "/api/v1/search?q=grain", 200, api},
		{"GET", "/api/v1/articles/k1", 200, api},
		{"GET", "/api/v1/facets/speaker", 200, api},
		{"GET", "/api/v1/stats", 200, api},
		{"POST", "/api/v1/admin/reload", 200, api},
		{"GET", "/api/v1/export?format=csv", 200, opts.ExportIdleTimeout},
		{"GET", "/api/v1/nothing", 404, api},
		{"POST", "/api/v1/search", 405, api},
		{"GET", "/", 200, api},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(tt.method, tt.target, nil)
		req.Header.Set("Authorization", "Bearer t")
		rec := &deadlineRecorder{ResponseRecorder: httptest.NewRecorder()}
		start := time.Now()
		s.ServeHTTP(rec, req)
		end := time.Now()
		if rec.Code != tt.status || len(rec.deadlines) == 0 {
			t.Errorf("%s %s: %d, deadlines %v", tt.method, tt.target, rec.Code, rec.deadlines)
			continue
		}
		// The last deadline set, within the time the request took.
		d := rec.deadlines[len(rec.deadlines)-1]
		if d.Before(start.Add(tt.want)) || d.After(end.Add(tt.want)) {
			t.Errorf("%s %s: write deadline %v after the request, want %v", tt.method, tt.target, d.Sub(start), tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		err    error
		status int
		code   string
	}{
		{&search.ParamError{Param: "size"}, 400, "bad_request"},
		{&search.LimitError{Param: "size", Limit: 1}, 400, "limit_exceeded"},
		{&search.QueryError{Pos: 3}, 400, "invalid_query"},
		{search.ErrNotFound, 404, "not_found"},
		{search.ErrUnavailable, 503, "unavailable"},
		{context.DeadlineExceeded, 503, "timeout"},
		{errUnauthorized, 401, "unauthorized"},
		{errForbidden, 403, "unauthorized"},
		{errNotFound, 404, "not_found"},
		{&http.MaxBytesError{Limit: 1}, 400, "limit_exceeded"},
		{&search.CostError{Param: "q", Msg: "'co*' expands to 1,202 terms"}, 400, "limit_exceeded"},
		{fmt.Errorf("apply: %w", search.ErrTooBusy), 429, "too_busy"},
		{fmt.Errorf("%w: write journal.jsonl: no space left on device", search.ErrJournal), 503, "journal_unavailable"},
		{fmt.Errorf("facets: %w", context.Canceled), 503, "timeout"},
		{errors.New("disk on fire"), 500, "internal"},
	}
	for _, tt := range tests {
		status, d := classify(tt.err)
		if status != tt.status || d.Code != tt.code {
			t.Errorf("classify(%v) = %d %s, want %d %s", tt.err, status, d.Code, tt.status, tt.code)
		}
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	e := search.New(nil, nil, search.Options{}, nil)
	s := New(e, Options{ShutdownTimeout: time.Second}, nil)
	ln, err := newLocalListener()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("healthz %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
}

func newLocalListener() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }
