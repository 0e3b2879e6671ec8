package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/readout/readout/internal/index"
)

// Follower keeps an index directory serving the cluster's published
// generation: each new manifest's generation is fetched whole, verified
// and imported as the directory's next generation (index.Store.Import),
// then OnImport is called (searchd reloads, swapping to it as after a
// build: no request fails). Meanwhile it announces its node in the nodes
// bucket, with the shards it serves.
type Follower struct {
	Client *Client
	Store  *index.Store
	Node   string // this node's name (ValidNode)
	Addr   string // its HTTP address, announced
	Keep   int    // generations kept in the directory; 0: 2
	// OnImport is called after each import, with the imported generation,
	// whose Meta.JournalSeq is the manifest's ChangeSeq.
	OnImport func(ctx context.Context, gen index.GenInfo) error
	// OnChanges, if set, is called when ops may have been appended to the
	// change stream after Applied (searchd lays them over the generation
	// it serves: search.Engine.Reload with a ChangeJournal): as each is
	// appended, and at each poll of the manifest when the stream holds
	// ops after Applied. Calls are never concurrent.
	OnChanges func(ctx context.Context)
	// Applied returns the last op of the change stream the served
	// generation holds, folded or laid over it (search.Engine.JournalSeq);
	// shown in Status and announced.
	Applied func() int64
	Logger  *slog.Logger
	// PollInterval is how often the manifest is read; 0: 2s.
	PollInterval time.Duration

	mu        sync.Mutex
	state     NodeState
	err       error       // the last sync's failure, until one succeeds
	failedRev uint64      // the manifest revision it was
	failedAt  time.Time   // and when
	published string      // the manifest last read
	nodes     []NodeState // the live nodes last read
}

// retryFailed is how long a manifest whose import failed waits before it
// is tried again (a watch or a poll would otherwise fetch it every time).
const retryFailed = time.Minute

// Status is what the follower reports of itself and the cluster.
type Status struct {
	Node      string `json:"node"`
	Serving   string `json:"serving,omitempty"` // the publication whose generation is served
	Published string `json:"published,omitempty"`
	Error     string `json:"error,omitempty"` // the last sync's failure
	// ChangeSeq is the last op of the change stream this node serves.
	ChangeSeq int64       `json:"change_seq"`
	Nodes     []NodeState `json:"nodes"`
}

// Status returns the node's state and what it last read of the cluster
// (the manifest every PollInterval, the nodes every third of their TTL):
// it asks NATS nothing, so that /readyz does not wait on it.
func (f *Follower) Status() Status {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := Status{Node: f.Node, Serving: f.state.Manifest, Published: f.published, ChangeSeq: f.applied(), Nodes: f.nodes}
	if f.err != nil {
		st.Error = f.err.Error()
	}
	return st
}

func (f *Follower) applied() int64 {
	if f.Applied == nil {
		return 0
	}
	return f.Applied()
}

// Run follows the manifest until ctx ends, then removes the node's entry.
// A failed sync is logged and retried: the generation already served is
// kept.
func (f *Follower) Run(ctx context.Context) error {
	if err := ValidNode(f.Node); err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	log := f.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cur, err := f.Store.Current(); err == nil && cur.Meta.Cluster != "" {
		f.setState(cur.Meta.Cluster, cur.Meta.Shards)
	}
	// Ops appended to the change stream are applied as they come: the
	// notice each append publishes wakes the loop below.
	changed := make(chan struct{}, 1)
	wake := func() {
		select {
		case changed <- struct{}{}:
		default:
		}
	}
	if f.OnChanges != nil {
		stop, err := f.Client.watchChanges(wake)
		if err != nil {
			return err
		}
		defer stop()
	}
	// The node announces itself on its own, so that a long fetch does not
	// let its entry expire.
	var beats sync.WaitGroup
	beats.Add(1)
	go func() {
		defer beats.Done()
		t := time.NewTicker(f.Client.opts.NodeTTL / 3)
		defer t.Stop()
		for {
			f.announce(ctx, log)
			if nodes, err := f.Client.Nodes(ctx); err == nil {
				f.mu.Lock()
				f.nodes = nodes
				f.mu.Unlock()
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	// The manifest is read every PollInterval, from its stream's leader: a
	// watch can stall while a NATS server fails over.
	interval := f.PollInterval
	if interval <= 0 {
		interval = 2 * time.Second
	}
	poll := time.NewTimer(0)
	defer poll.Stop()
	for {
		select {
		case <-ctx.Done():
			beats.Wait()
			lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			defer cancel()
			return f.Client.Leave(lctx, f.Node)
		case <-poll.C:
			f.poll(ctx, log)
			f.pollChanges(ctx, log)
			poll.Reset(interval)
		case <-changed:
			f.OnChanges(ctx)
		}
	}
}

// poll reads the manifest and imports its generation unless it is served.
func (f *Follower) poll(ctx context.Context, log *slog.Logger) {
	octx, cancel := op(ctx)
	m, err := f.Client.leaderManifest(octx)
	cancel()
	if errors.Is(err, ErrNoManifest) {
		return
	}
	if err != nil {
		f.setErr(err, 0)
		if ctx.Err() == nil {
			log.Warn("cluster: read the manifest", "err", err)
		}
		return
	}
	f.mu.Lock()
	f.published = m.ID
	f.mu.Unlock()
	f.sync(ctx, m, log)
}

// pollChanges calls OnChanges when the change stream holds ops after
// Applied: what the consumer of the stream missed (a notice lost while a
// server failed over), or ops after a generation just imported.
func (f *Follower) pollChanges(ctx context.Context, log *slog.Logger) {
	if f.OnChanges == nil {
		return
	}
	last, err := f.Client.LastChange(ctx)
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("cluster: read the change stream", "err", err)
		}
		return
	}
	if last > f.applied() {
		f.OnChanges(ctx)
	}
}

func (f *Follower) setErr(err error, rev uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err = err
	if err != nil && rev != 0 {
		f.failedRev, f.failedAt = rev, time.Now()
	}
}

// sync imports m's generation unless it is served (or its import failed
// at this revision within retryFailed).
func (f *Follower) sync(ctx context.Context, m Manifest, log *slog.Logger) {
	f.mu.Lock()
	skip := m.Revision == f.failedRev && time.Since(f.failedAt) < retryFailed
	f.mu.Unlock()
	if skip {
		return
	}
	err := f.importManifest(ctx, m, log)
	f.setErr(err, m.Revision)
	if err != nil && ctx.Err() == nil {
		log.Error("cluster sync; still serving the generation before", "err", err)
	}
}

func (f *Follower) importManifest(ctx context.Context, m Manifest, log *slog.Logger) error {
	f.mu.Lock()
	serving := f.state.Manifest
	f.mu.Unlock()
	if serving == m.ID {
		return nil
	}
	start := time.Now()
	log.Info("cluster: fetching generation", "manifest", m.ID, "shards", len(m.Shards), "documents", m.Documents)
	want := make([]uint64, len(m.Shards))
	for i, s := range m.Shards {
		want[i] = s.Documents
	}
	keep := f.Keep
	if keep <= 0 {
		keep = 2
	}
	gen, err := f.Store.Import(ctx, m.ID, m.ChangeSeq, want, keep, func(dir string) error {
		if err := f.Client.GetDir(ctx, m.Files, dir); err != nil {
			return err
		}
		for i, s := range m.Shards {
			if err := f.Client.GetDir(ctx, s.Blob, filepath.Join(dir, index.ShardFolder(i))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	log.Info("cluster: imported generation", "manifest", m.ID, "generation", gen.Name, "seconds", time.Since(start).Seconds())
	if f.OnImport != nil {
		if err := f.OnImport(ctx, gen); err != nil {
			return fmt.Errorf("cluster: serve %s: %w", gen.Name, err)
		}
	}
	f.setState(m.ID, len(m.Shards))
	f.announce(ctx, log)
	return nil
}

func (f *Follower) setState(manifest string, shards int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.state.Manifest = manifest
	f.state.Ready = make([]int, shards)
	for i := range f.state.Ready {
		f.state.Ready[i] = i
	}
}

func (f *Follower) announce(ctx context.Context, log *slog.Logger) {
	f.mu.Lock()
	st := f.state
	f.mu.Unlock()
	st.Node, st.Addr, st.ChangeSeq = f.Node, f.Addr, f.applied()
	if st.Ready == nil {
		st.Ready = []int{}
	}
	if err := f.Client.Announce(ctx, st); err != nil && ctx.Err() == nil {
		log.Warn("cluster: announce", "err", err)
	}
}
