package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/search"
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

func TestTimeoutMapsTo503(t *testing.T) {
	e := search.New(nil, nil, search.Options{}, nil)
	s := New(e, Options{RequestTimeout: time.Millisecond}, nil)
	h := s.timeout(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
		s.writeError(w, r, r.Context().Err())
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
	var body errorBody
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	if rec.Code != 503 || body.Error.Code != "timeout" {
		t.Errorf("%d %s", rec.Code, rec.Body)
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
