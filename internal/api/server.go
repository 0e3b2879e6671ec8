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
	// RequestTimeout bounds the handlers of every route but the export and
	// the operational ones (routeLimits); their answers must be written
	// within RequestTimeout + 5s. 0: 10s.
	RequestTimeout  time.Duration
	ShutdownTimeout time.Duration // graceful shutdown deadline; 0: 10s
	// ExportTimeout bounds one export from request to last row; an export
	// still running then is aborted, visibly (see Server.export). 0: 10m.
	ExportTimeout time.Duration
	// ExportIdleTimeout cuts off an export whose client accepts no bytes
	// for that long. 0: 30s.
	ExportIdleTimeout time.Duration
	MaxBodyBytes      int64 // request bodies (admin uploads); 0: 8 MiB
	// MaxArticleBytes is the body limit of one uploaded article, as the
	// indexer's ingest.max_body_bytes; 0: ingest.DefaultMaxBodyBytes.
	MaxArticleBytes int
	AdminToken      string       // empty: admin endpoints are off (404)
	UI              http.Handler // serves / and static assets; nil: none
	// Cluster, if set, reports the cluster this searchd follows: /readyz
	// and /api/v1/stats show it as "cluster".
	Cluster func() any
	// Gather, if set, answers /api/v1/search in partitioned mode
	// (cluster.Partition.Search): from one replica of each shard of the
	// generation, with allowPartial (allow_partial=true) without the
	// shards no live replica serves. The routes partitioned serving does
	// not answer yet refuse with 501 (errPartitioned).
	Gather func(ctx context.Context, req search.Request, allowPartial bool) (*search.Response, error)
	// GatherExport, if set with Gather, answers /api/v1/export in
	// partitioned mode (cluster.Partition.Export), as Engine.Export
	// answers it on one machine. Without it exports are refused (501).
	GatherExport func(ctx context.Context, req search.Request, limit int, page func(*search.Response) error) error
	// GatherArticle, if set with Gather, answers /api/v1/articles/{id} in
	// partitioned mode (cluster.Partition.Article): from the article's
	// shard, with the matches of q. Without it the article page is
	// refused (501).
	GatherArticle func(ctx context.Context, id, q string, variants bool) (*search.Article, error)
}

func (o Options) withDefaults() Options {
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 10 * time.Second
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = 10 * time.Second
	}
	if o.ExportTimeout <= 0 {
		o.ExportTimeout = DefaultExportTimeout
	}
	if o.ExportIdleTimeout <= 0 {
		o.ExportIdleTimeout = DefaultExportIdleTimeout
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 8 << 20
	}
	return o
}

// Export limits by default. Reuters' 47,726 quotes export in 2.1-2.7 s
// (18,000-23,000 rows/s, BenchmarkExportReuters), and the cost grows with
// pages x matches (internal/search/export.go), so max_export (100,000) rows
// of a larger index take some tens of seconds. Ten minutes leave room for a
// busy server and for a client on a slow link (100,000 quote rows are
// ~30 MB), which the idle timeout does not cut off while it keeps reading.
const (
	DefaultExportTimeout     = 10 * time.Minute
	DefaultExportIdleTimeout = 30 * time.Second
)

// Server serves the HTTP API of one search.Engine.
type Server struct {
	engine  *search.Engine
	opts    Options
	logger  *slog.Logger
	metrics *metrics
	handler http.Handler
	// stopping ends when Serve's graceful shutdown runs out of time:
	// exports still running then are aborted.
	stopping context.Context
	stop     context.CancelFunc
}

// New returns a Server over engine.
func New(engine *search.Engine, opts Options, logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{engine: engine, opts: opts.withDefaults(), logger: logger}
	s.stopping, s.stop = context.WithCancel(context.Background())
	s.metrics = newMetrics(engine)
	s.handler = s.routes()
	return s
}

// ServeHTTP serves the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Serve serves on ln until ctx ends, then shuts down gracefully: new
// connections are refused and in-flight requests get Options.ShutdownTimeout
// to finish; exports still running then are aborted (the client sees a
// failed download, not a short file) and the connections closed.
//
// The server has no WriteTimeout: it would count from the request and cut
// exports short. Each route sets its own write deadline (routes.go).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	defer s.stop()
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
		s.stop()
		_ = srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	}
	return nil
}
