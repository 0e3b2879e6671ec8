package api

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gorilla/mux"
)

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyInfo
)

// reqInfo is filled in while a request is routed and served.
type reqInfo struct {
	route string // route template, "unmatched" when no route matched
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// requestID takes a sane X-Request-ID from the client or makes one, puts it
// in the context and echoes it.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !saneID(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), keyRequestID, id)))
	})
}

func saneID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func reqID(ctx context.Context) string {
	s, _ := ctx.Value(keyRequestID).(string)
	return s
}

// routeTemplate (a mux middleware, so it runs after matching) records the
// matched route's template for logs and metrics.
func routeTemplate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := r.Context().Value(keyInfo).(*reqInfo); ok {
			info.route = matchedRoute(r)
		}
		next.ServeHTTP(w, r)
	})
}

// matchedRoute is the template of the route mux matched r to, or
// "unmatched" (404s and 405s).
func matchedRoute(r *http.Request) string {
	if rt := mux.CurrentRoute(r); rt != nil {
		if tpl, err := rt.GetPathTemplate(); err == nil {
			return tpl
		}
	}
	return "unmatched"
}

// observe writes the structured access log line and the request metrics,
// also of a request whose handler aborted its response
// (http.ErrAbortHandler: a failed export), which the log marks.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &reqInfo{route: "unmatched"}
		sw := &statusWriter{ResponseWriter: w}
		aborted := true // until next returns
		defer func() {
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			d := time.Since(start)
			s.metrics.observe(info.route, r.Method, sw.status, d)
			attrs := []slog.Attr{
				slog.String("request_id", reqID(r.Context())),
				slog.String("method", r.Method),
				slog.String("path", clip(r.URL.Path)),
				slog.String("route", info.route),
				slog.Int("status", sw.status),
				slog.Int64("bytes", sw.bytes),
				slog.Float64("ms", float64(d.Microseconds())/1000),
			}
			level := levelFor(sw.status)
			if aborted {
				attrs = append(attrs, slog.Bool("aborted", true))
				level = max(level, slog.LevelWarn)
			}
			s.logger.LogAttrs(r.Context(), level, "request", attrs...)
		}()
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), keyInfo, info)))
		aborted = false
	})
}

// recover turns a panic into a 500 JSON error and logs the stack. It lets
// http.ErrAbortHandler through: a handler's way to abort its response, which
// net/http does by closing the connection without logging.
func (s *Server) recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logger.Error("panic", "request_id", reqID(r.Context()), "path", r.URL.Path,
				"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if sw, ok := w.(*statusWriter); ok && sw.status != 0 {
				return // too late for an error body
			}
			s.writeError(w, r, fmt.Errorf("panic: %v", v))
		}()
		next.ServeHTTP(w, r)
	})
}

// Time limits that are not configured.
const (
	// writeGrace is the time a route's answer has to be written after
	// its handler's timeout.
	writeGrace = 5 * time.Second
	// opsTimeout bounds /healthz, /readyz and /metrics, handler and
	// write: their answers are small and their callers probes.
	opsTimeout = 5 * time.Second
)

// timeLimits are the time limits of a route.
type timeLimits struct {
	// handler is the timeout of the request's context: a search that runs
	// out of it answers 503 "timeout". 0: none (the export sets its own).
	handler time.Duration
	// write is the connection's write deadline from the start of the
	// request, so that a client that stops reading cannot hold a handler,
	// and the generation it reads, open. The export extends it as it
	// writes (exporter.page).
	write time.Duration
}

// routeLimits are the time limits of each route, by route template
// ("unmatched" for 404s and 405s).
func (s *Server) routeLimits(route string) timeLimits {
	switch route {
	case "/healthz", "/readyz", "/metrics":
		return timeLimits{handler: opsTimeout, write: opsTimeout}
	case "/api/v1/export":
		return timeLimits{write: s.opts.ExportTimeout + writeGrace}
	}
	return timeLimits{handler: s.opts.RequestTimeout, write: s.opts.RequestTimeout + writeGrace}
}

// limits (a mux middleware, so it knows the route) applies the route's
// time limits: the handler's context timeout and the write deadline.
func (s *Server) limits(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lim := s.routeLimits(matchedRoute(r))
		err := http.NewResponseController(w).SetWriteDeadline(time.Now().Add(lim.write))
		if err != nil && !errors.Is(err, http.ErrNotSupported) { // not supported: httptest.ResponseRecorder
			s.logger.Debug("set write deadline", "request_id", reqID(r.Context()), "err", err) // a closed connection
		}
		if lim.handler > 0 {
			ctx, cancel := context.WithTimeout(r.Context(), lim.handler)
			defer cancel()
			r = r.WithContext(ctx)
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody caps request bodies.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
		}
		next.ServeHTTP(w, r)
	})
}

// requireToken guards the admin routes: 401 without a bearer token, 403
// with a wrong one (compared in constant time).
func (s *Server) requireToken(next http.Handler) http.Handler {
	want := []byte(s.opts.AdminToken)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || tok == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="readout-admin"`)
			s.writeError(w, r, errUnauthorized)
			return
		}
		if subtle.ConstantTimeCompare([]byte(tok), want) != 1 {
			s.writeError(w, r, errForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}
