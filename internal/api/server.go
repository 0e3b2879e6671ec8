package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/readout/readout/internal/search"
)

// Options configure the HTTP server; cmd/searchd fills them from
// config.Config.
type Options struct {
	RequestTimeout  time.Duration // per request; 0: 10s
	ShutdownTimeout time.Duration // graceful shutdown deadline; 0: 10s
	MaxBodyBytes    int64         // request bodies (admin uploads); 0: 8 MiB
	// MaxArticleBytes is the body limit of one uploaded article, as the
	// indexer's ingest.max_body_bytes; 0: ingest.DefaultMaxBodyBytes.
	MaxArticleBytes int
	AdminToken      string       // empty: admin endpoints are off (404)
	UI              http.Handler // serves / and static assets; nil: none
}

func (o Options) withDefaults() Options {
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 10 * time.Second
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = 10 * time.Second
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 8 << 20
	}
	return o
}

// Server serves the HTTP API of one search.Engine.
type Server struct {
	engine  *search.Engine
	opts    Options
	logger  *slog.Logger
	metrics *metrics
	handler http.Handler
}

// New returns a Server over engine.
func New(engine *search.Engine, opts Options, logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{engine: engine, opts: opts.withDefaults(), logger: logger}
	s.metrics = newMetrics(engine)
	s.handler = s.routes()
	return s
}

// ServeHTTP serves the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Serve serves on ln until ctx ends, then shuts down gracefully: new
// connections are refused and in-flight requests get Options.ShutdownTimeout
// to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.opts.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	}
	return nil
}
