package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/cli"
	"github.com/readout/readout/internal/cluster"
	"github.com/readout/readout/internal/config"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/runtimetune"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/web"
)

// run is the whole program; main only maps its error to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("searchd", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.String(config.FileFlag, "", "YAML configuration file (also READOUT_CONFIG)")
	fs.String("index", "", "index directory (default data/index)")
	fs.String("listen", "", "address to listen on (default 127.0.0.1:8080)")
	fs.String("admin-token", "", "bearer token of the admin endpoints (default: admin off)")
	fs.String("debug-listen", "", "address serving Go's profiles at /debug/pprof/, apart from --listen (default: off)")
	fs.String("log-level", "", "log level: debug, info, warn, error")
	fs.String("log-format", "", "log format: text or json")
	fs.String("nats-url", "", "follow a cluster: NATS servers, comma-separated (docs/scaling.md)")
	fs.String("node", "", "this node's name in the cluster (default: the host name)")
	fs.String("embed-nats", "", "run a NATS server in this process at host:port, for a local cluster (data in INDEX/nats)")
	fs.Bool("partitioned", false, "cluster: hold only this node's shards of each generation and ask the other nodes for theirs (docs/scaling.md)")
	fs.Int("replicas", 0, "cluster, partitioned: live nodes holding each shard (default 2)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", cli.ErrUsage, err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "searchd: unexpected arguments %q\n", fs.Args())
		return cli.ErrUsage
	}
	c, err := config.Load(fs, nil)
	if err != nil {
		return err
	}
	log := c.Logger(stderr)
	runtimetune.Searchd()

	store, err := index.OpenStore(c.Index.Dir)
	if err != nil {
		return err
	}
	store.Logger = log // a torn journal tail (once), and its removal by an upload
	// One searchd per index directory. Generations open read-only (readers
	// share them), so this lock on the directory itself is what stops a
	// second searchd, at once, even on a folder searchd cannot write to.
	lock, err := store.LockServing()
	if errors.Is(err, index.ErrInUse) {
		return fmt.Errorf("%w; is another searchd serving it?", err)
	}
	if err != nil {
		return err
	}
	defer func() { _ = lock.Release() }()
	q := c.Query
	slotWait := q.SlotWait
	if slotWait == 0 {
		slotWait = -1 // config's 0 is no wait; the engine's is its default
	}
	// Incremental changes are extracted with the aliases each generation
	// was built with (nil extractor).
	opts := search.Options{
		MaxQueryLen:    c.Server.MaxQueryLen,
		MaxSize:        c.Server.MaxSize,
		MaxFacetSize:   c.Server.MaxFacetSize,
		MaxPageDepth:   c.Server.MaxPageDepth,
		MaxExport:      c.Server.MaxExport,
		ReloadInterval: c.Server.ReloadInterval,

		MaxQueryTerms:        q.MaxTerms,
		MaxQueryDepth:        q.MaxDepth,
		MinPrefixLen:         q.MinPrefixLen,
		MaxFuzziness:         q.MaxFuzziness,
		Fuzzy1MinLen:         q.Fuzzy1MinLen,
		Fuzzy2MinLen:         q.Fuzzy2MinLen,
		MaxExpansions:        q.MaxExpansions,
		MaxExpansionPostings: q.MaxExpansionPostings,
		ExpensiveExpansions:  q.ExpensiveExpansions,
		ExpensiveWork:        q.ExpensiveWork,
		ExpensiveSlots:       q.ExpensiveSlots,
		ExportSlots:          q.ExportSlots,
		SlotWait:             slotWait,
	}
	partitioned := c.Cluster.Enabled() && c.Cluster.Partitioned
	engineStore := store
	if partitioned {
		// The engine merges what the shards' replicas answer, over the
		// generation Partition gives it: no store of its own.
		engineStore = nil
	}
	engine := search.New(engineStore, nil, opts, log)

	ln, err := net.Listen("tcp", c.Server.Listen)
	if err != nil {
		return fmt.Errorf("listen %s: %w", c.Server.Listen, err)
	}
	url := "http://" + displayAddr(ln.Addr()) + "/"
	var once sync.Once
	engine.OnSwap(func(name string, meta index.Meta) {
		live, limit := runtimetune.FitSearchd()
		log.Info("memory", "generation", name, "live_heap_mib", live>>20, "soft_limit_mib", limit>>20)
		once.Do(func() {
			fmt.Fprintf(stdout, "Readout searchd serving %s (%d articles) at %s\n", name, meta.Articles, url)
		})
	})
	// In cluster mode the engine's journal is the cluster's change stream:
	// connected before the first load, which lays the stream's ops over
	// the generation served.
	var (
		f         *cluster.Follower
		part      *cluster.Partition
		shardSeen func(int, string, time.Duration) // the API's metrics, once it exists
	)
	switch {
	case partitioned:
		cl, node, stopCluster, err := connect(ctx, c, store, log)
		if err != nil {
			ln.Close()
			return err
		}
		defer stopCluster() // after the node has left (wg.Wait)
		part = &cluster.Partition{
			Client:    cl,
			Dir:       filepath.Join(store.Dir, "partitioned"),
			Node:      node,
			Addr:      displayAddr(ln.Addr()),
			Replicas:  c.Cluster.Replicas,
			Front:     engine,
			NewEngine: func() *search.Engine { return search.New(nil, nil, opts, log) },
			Shard: cluster.ShardOptions{Observe: func(shard int, outcome string, d time.Duration) {
				if shardSeen != nil {
					shardSeen(shard, outcome, d)
				}
			}},
			Logger: log,
		}
		log.Info("cluster: partitioned serving", "replicas", c.Cluster.Replicas)
	case c.Cluster.Enabled():
		var stopCluster func()
		f, stopCluster, err = follower(ctx, c, store, engine, displayAddr(ln.Addr()), log)
		if err != nil {
			ln.Close()
			return err
		}
		defer stopCluster() // after the follower has left (wg.Wait)
	}
	if _, err := engine.Reload(ctx); err != nil {
		log.Error("initial load; serving 503 until a generation loads", "err", err)
	}
	if !engine.Ready() {
		log.Warn("no index generation yet; /readyz answers 503 until the indexer publishes one", "index", c.Index.Dir, "url", url)
	}

	bg, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	if c.Server.ReloadInterval > 0 {
		wg.Add(1)
		go func() { defer wg.Done(); engine.Watch(bg) }()
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-bg.Done():
				return
			case <-hup:
				log.Info("SIGHUP: reloading")
				if _, err := engine.Reload(bg); err != nil {
					log.Error("reload", "err", err)
				}
			}
		}
	}()

	var clusterStatus func() any
	var gather func(context.Context, search.Request, bool) (*search.Response, error)
	var gatherExport func(context.Context, search.Request, int, func(*search.Response) error) error
	var gatherArticle func(context.Context, string, string, bool) (*search.Article, error)
	if part != nil {
		clusterStatus = func() any { return part.Status() }
		gather, gatherExport, gatherArticle = part.Search, part.Export, part.Article
	}
	if f != nil {
		clusterStatus = func() any { return f.Status() }
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f.Run(bg); err != nil {
				log.Error("cluster", "err", err)
			}
		}()
	}

	if c.Server.DebugListen != "" {
		stopDebug, err := serveDebug(c.Server.DebugListen, log)
		if err != nil {
			ln.Close()
			return err
		}
		defer stopDebug()
	}

	srv := api.New(engine, api.Options{
		RequestTimeout:  c.Server.RequestTimeout,
		ShutdownTimeout: c.Server.ShutdownTimeout,
		MaxBodyBytes:    c.Server.MaxBodyBytes,
		MaxArticleBytes: c.Ingest.MaxBodyBytes,
		AdminToken:      c.Server.AdminToken,
		UI:              web.Handler(),
		Cluster:         clusterStatus,
		Gather:          gather,
		GatherExport:    gatherExport,
		GatherArticle:   gatherArticle,

		ExportTimeout:     c.Server.ExportTimeout,
		ExportIdleTimeout: c.Server.ExportIdleTimeout,
	}, log)
	shardSeen = srv.ObserveShard
	if part != nil { // started once shardSeen is set
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := part.Run(bg); err != nil {
				log.Error("cluster", "err", err)
			}
		}()
	}
	serveErr := srv.Serve(ctx, ln)
	cancel()
	wg.Wait()
	cctx, ccancel := context.WithTimeout(context.Background(), c.Server.ShutdownTimeout)
	defer ccancel()
	closeErr := engine.Close(cctx)
	log.Info("stopped")
	return errors.Join(serveErr, closeErr)
}

// follower connects to the cluster c configures (starting the embedded
// NATS server first, with cluster.embed), makes the cluster's change
// stream engine's journal, and returns the follower that imports its
// published generations into store and reloads engine after each and
// after changes, and stop, which closes the connection, then the embedded
// server.
func follower(ctx context.Context, c *config.Config, store *index.Store, engine *search.Engine, addr string, log *slog.Logger) (*cluster.Follower, func(), error) {
	cl, node, stop, err := connect(ctx, c, store, log)
	if err != nil {
		return nil, nil, err
	}
	engine.SetJournal(cluster.ChangeJournal{Client: cl, Context: ctx})
	return &cluster.Follower{
		Client: cl,
		Store:  store,
		Node:   node,
		Addr:   addr,
		Keep:   c.Index.Keep,
		Logger: log,
		OnImport: func(ctx context.Context, _ index.GenInfo) error {
			_, err := engine.Reload(ctx)
			return err
		},
		OnChanges: func(ctx context.Context) {
			if _, err := engine.Reload(ctx); err != nil && ctx.Err() == nil {
				log.Error("cluster: apply changes", "err", err)
			}
		},
		Applied: engine.JournalSeq,
	}, stop, nil
}

// connect connects to the cluster c configures, starting the embedded
// NATS server first with cluster.embed, and returns the client, the
// node's name, and stop, which closes the connection, then the embedded
// server.
func connect(ctx context.Context, c *config.Config, store *index.Store, log *slog.Logger) (*cluster.Client, string, func(), error) {
	url := c.Cluster.NATSURL
	stopServer := func() {}
	if c.Cluster.Embed != "" {
		host, port, _ := net.SplitHostPort(c.Cluster.Embed) // validated by config
		p, err := strconv.Atoi(port)
		if err != nil {
			return nil, "", nil, fmt.Errorf("cluster.embed %s: port: %w", c.Cluster.Embed, err)
		}
		srv, err := cluster.StartServer(cluster.ServerOptions{Name: "readout-embedded", Host: host, Port: p, StoreDir: filepath.Join(store.Dir, "nats")})
		if err != nil {
			return nil, "", nil, err
		}
		stopServer = srv.Shutdown
		log.Info("cluster: embedded NATS server", "url", srv.ClientURL())
		if url == "" {
			url = srv.ClientURL()
		}
	}
	node := c.Cluster.Node
	if node == "" {
		host, err := os.Hostname()
		if err != nil {
			stopServer()
			return nil, "", nil, fmt.Errorf("cluster: node name: %w (set cluster.node)", err)
		}
		node = cluster.NodeName(host)
	}
	cl, err := cluster.Connect(ctx, cluster.OptionsFrom(c.Cluster, url, "searchd "+node))
	if err != nil {
		stopServer()
		return nil, "", nil, err
	}
	log.Info("cluster: connected", "nats", url, "node", node)
	return cl, node, func() { cl.Close(); stopServer() }, nil
}

// displayAddr is addr with an unspecified host shown as 127.0.0.1.
func displayAddr(addr net.Addr) string {
	ta, ok := addr.(*net.TCPAddr)
	if !ok || !ta.IP.IsUnspecified() {
		return addr.String()
	}
	return net.JoinHostPort("127.0.0.1", fmt.Sprint(ta.Port))
}
