package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search"
)

// Partition runs a searchd node in partitioned mode (stage 3,
// docs/scaling.md): of each published generation it holds only the
// shards rendezvous hashing gives it among the live nodes (Assignment,
// Replicas copies of each), fetched and verified with the generation's
// shared files, each served over NATS in its shard's queue group by an
// engine of its own (ServeShard), and announced in the node's entry
// (NodeState.Held). Searches sent to the node go through Search: one
// replica of every shard of the generation is asked (ShardSearchers) and
// Front merges (search.Engine.Gather).
//
// Front, the engine that merges, serves the generation with the node's
// shards of it: it moves to a new publication only once every shard of it
// has a ready replica on some live node (from their announcements), so
// that no search fails for the swap; the shards of the publication before
// are served until no live node answers from it any more.
type Partition struct {
	Client   *Client
	Dir      string // the folder of the publications' folders (one a publication, named by its id)
	Node     string // this node's name (ValidNode)
	Addr     string // its HTTP address, announced
	Replicas int    // live nodes holding each shard; 0: 2
	// Front is the engine searches are merged by; Partition serves it each
	// generation it moves to (search.Engine.Serve). It needs no store.
	Front *search.Engine
	// NewEngine returns an engine without a store, to serve one shard;
	// nil: search.New with the default options.
	NewEngine func() *search.Engine
	// Shard are the options of the requests to the shards' replicas.
	Shard  ShardOptions
	Logger *slog.Logger
	// PollInterval is how often the manifest and the nodes are read; 0: 2s.
	PollInterval time.Duration

	// serving, if set, wraps the engine of each shard served (tests).
	wrapShard func(shard int, e *search.Engine) search.PartialSearcher

	mu        sync.Mutex
	gens      map[string]*heldGen  // by publication
	current   string               // the publication Front serves
	published Manifest             // the manifest last read
	nodes     []NodeState          // the live nodes last read
	err       error                // the last step's failure, until one succeeds
	suspects  map[string]time.Time // nodes that left a shard request unanswered, and when
}

// heldGen is a publication some of whose shards the node serves.
type heldGen struct {
	m      Manifest
	info   index.GenInfo
	shards map[int]*shardServer
}

type shardServer struct {
	engine *search.Engine
	subs   []*nats.Subscription // the queue group's, and the node's own (ReplicaSubject)
}

func (h *heldGen) held() []int { return slices.Sorted(maps.Keys(h.shards)) }

// ShardStatus is a shard of the published generation as the cluster holds it.
type ShardStatus struct {
	Shard    int      `json:"shard"`
	Assigned []string `json:"assigned"` // the nodes rendezvous hashing gives it
	Ready    []string `json:"ready"`    // the live nodes serving it
}

// PartitionStatus is what a node in partitioned mode reports of itself
// and the cluster (/readyz, /api/v1/stats).
type PartitionStatus struct {
	Node        string `json:"node"`
	Partitioned bool   `json:"partitioned"`
	Replicas    int    `json:"replicas"`
	Serving     string `json:"serving,omitempty"` // the publication searches are answered from
	Published   string `json:"published,omitempty"`
	Error       string `json:"error,omitempty"`
	// Held are this node's shards, by publication.
	Held map[string][]int `json:"held"`
	// Shards are the published generation's shards: assigned and ready
	// nodes, from the nodes' last announcements.
	Shards []ShardStatus `json:"shards"`
	Nodes  []NodeState   `json:"nodes"` // the live nodes: each one's publication and shards
}

// Status returns the node's state and what it last read of the cluster;
// it asks NATS nothing.
func (p *Partition) Status() PartitionStatus {
	p.mu.Lock()
	defer p.mu.Unlock()
	st := PartitionStatus{Node: p.Node, Partitioned: true, Replicas: p.replicas(), Serving: p.current,
		Published: p.published.ID, Held: p.heldLocked(), Nodes: p.nodes, Shards: []ShardStatus{}}
	if p.err != nil {
		st.Error = p.err.Error()
	}
	if m := p.published; m.ID != "" {
		live := p.liveLocked()
		ready := readyOf(p.othersLocked(), m.ID)
		for s := range m.Shards {
			ss := ShardStatus{Shard: s, Assigned: Owners(s, live, p.replicas()), Ready: ready[s]}
			if h := p.gens[m.ID]; h != nil && h.shards[s] != nil {
				ss.Ready = append(ss.Ready, p.Node)
				slices.Sort(ss.Ready)
			}
			if ss.Ready == nil {
				ss.Ready = []string{}
			}
			st.Shards = append(st.Shards, ss)
		}
	}
	return st
}

func (p *Partition) replicas() int {
	if p.Replicas <= 0 {
		return 2
	}
	return p.Replicas
}

func (p *Partition) heldLocked() map[string][]int {
	out := map[string][]int{}
	for id, h := range p.gens {
		if len(h.shards) > 0 {
			out[id] = h.held()
		}
	}
	return out
}

// liveLocked are the live nodes' names, this node's among them.
func (p *Partition) liveLocked() []string {
	live := []string{p.Node}
	for _, n := range p.nodes {
		if n.Node != p.Node {
			live = append(live, n.Node)
		}
	}
	return live
}

// othersLocked are the other live nodes' entries.
func (p *Partition) othersLocked() []NodeState {
	var out []NodeState
	for _, n := range p.nodes {
		if n.Node != p.Node {
			out = append(out, n)
		}
	}
	return out
}

// readyOf lists, for each shard of publication id, the nodes announcing
// it served.
func readyOf(nodes []NodeState, id string) map[int][]string {
	out := map[int][]string{}
	for _, n := range nodes {
		for _, s := range n.Held[id] {
			out[s] = append(out[s], n.Node)
		}
	}
	return out
}

// Run follows the cluster until ctx ends, then stops serving its shards
// and removes the node's entry. A failed step is logged and retried: what
// is served stays.
func (p *Partition) Run(ctx context.Context) error {
	if err := ValidNode(p.Node); err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	if p.Front == nil {
		return errors.New("cluster: partitioned serving needs a front engine")
	}
	log := p.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(p.Dir, 0o755); err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	p.mu.Lock()
	if p.gens == nil {
		p.gens = map[string]*heldGen{}
	}
	p.mu.Unlock()
	defer p.stopAll()
	// Ops appended to the change stream are applied as they come: the
	// notice each append publishes wakes the loop below (and each step
	// looks for ops it missed).
	changed := make(chan struct{}, 1)
	stopWatch, err := p.Client.watchChanges(func() {
		select {
		case changed <- struct{}{}:
		default:
		}
	})
	if err != nil {
		return err
	}
	defer stopWatch()
	// The node announces itself on its own too, so that a long fetch does
	// not let its entry expire.
	var beats sync.WaitGroup
	beats.Add(1)
	go func() {
		defer beats.Done()
		t := time.NewTicker(p.Client.opts.NodeTTL / 3)
		defer t.Stop()
		for {
			p.announce(ctx, log)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	interval := p.PollInterval
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
			return p.Client.Leave(lctx, p.Node)
		case <-poll.C:
			err := p.step(ctx, log)
			p.mu.Lock()
			p.err = err
			p.mu.Unlock()
			if err != nil && ctx.Err() == nil {
				log.Error("cluster: partitioned step; still serving what was served", "err", err)
			}
			poll.Reset(interval)
		case <-changed:
			if err := p.applyChanges(ctx, log, true); err != nil && ctx.Err() == nil {
				log.Error("cluster: apply the change stream; the next step tries again", "err", err)
			}
		}
	}
}

// step reads the manifest and the live nodes; fetches and serves the
// node's shards of the published generation; moves Front to it once every
// shard of it has a ready replica; stops serving the shards no longer its
// own once their owners serve them, and the publications no live node
// answers from any more.
func (p *Partition) step(ctx context.Context, log *slog.Logger) error {
	octx, cancel := op(ctx)
	m, err := p.Client.leaderManifest(octx)
	cancel()
	if errors.Is(err, ErrNoManifest) {
		return nil
	}
	if err != nil {
		return err
	}
	nodes, err := p.Client.Nodes(ctx)
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.published, p.nodes = m, nodes
	live := p.liveLocked()
	h := p.gens[m.ID]
	var held []int
	if h != nil {
		held = h.held()
	}
	p.mu.Unlock()

	want := Assignment(len(m.Shards), live, p.replicas())[p.Node]
	if len(want) == 0 {
		// More nodes than copies of shards: this node holds one all the
		// same, the one it scores highest for, to merge with (Front
		// serves the generation with some shard of it).
		want = []int{bestShard(p.Node, len(m.Shards))}
	}
	if missing := without(want, held); len(missing) > 0 {
		if err := p.serveShards(ctx, m, missing, log); err != nil {
			return err
		}
		p.announce(ctx, log)
	}
	if err := p.swap(m, log); err != nil {
		return err
	}
	p.dropMoved(m, want, live, log)
	p.retire(log)
	// Ops a notice did not announce (lost while a server failed over), and
	// those after a publication Front just moved to.
	return p.applyChanges(ctx, log, false)
}

// bestShard is the shard of n node scores highest for.
func bestShard(node string, n int) int {
	best := 0
	for s := 1; s < n; s++ {
		if weight(node, s) > weight(node, best) {
			best = s
		}
	}
	return best
}

// without is a less b, both ascending.
func without(a, b []int) []int {
	var out []int
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// serveShards fetches shards of m (verified), opens each in an engine of
// its own, lays the change stream over it and serves it in its queue
// group.
func (p *Partition) serveShards(ctx context.Context, m Manifest, shards []int, log *slog.Logger) error {
	start := time.Now()
	p.mu.Lock()
	keep := slices.Collect(maps.Keys(p.gens))
	p.mu.Unlock()
	folder, err := p.Client.Fetch(ctx, m, shards, p.Dir, keep...)
	if err != nil {
		return err
	}
	info, err := index.GenInfoAt(folder)
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	if info.Meta.Shards != len(m.Shards) {
		return fmt.Errorf("cluster: %s: meta.json counts %d shards, the manifest %d", m.ID, info.Meta.Shards, len(m.Shards))
	}
	p.mu.Lock()
	h := p.gens[m.ID]
	if h == nil {
		h = &heldGen{m: m, info: info, shards: map[int]*shardServer{}}
		p.gens[m.ID] = h
	}
	p.mu.Unlock()
	// The change stream after the publication, laid over each shard
	// before it is served: a shard is held (and so announced ready) only
	// once it answers with the changes.
	ops, err := p.Client.ChangesSince(ctx, m.ChangeSeq)
	if err != nil {
		return err
	}
	for _, n := range shards {
		g, err := index.OpenGenerationShards(info, []int{n})
		if err != nil {
			return fmt.Errorf("cluster: %w", err)
		}
		e := p.newEngine()
		e.Serve(g, m.ChangeSeq)
		if err := e.CatchUp(ctx, ops); err != nil {
			_ = e.Close(ctx)
			return fmt.Errorf("cluster: %w", err)
		}
		e.Warm(ctx) // its column tables, before its first request
		var ps search.PartialSearcher = e
		if p.wrapShard != nil {
			ps = p.wrapShard(n, e)
		}
		sub, err := ServeShard(p.Client.NC, p.Client.opts.Prefix, m.ID, n, ps)
		if err != nil {
			_ = e.Close(ctx)
			return err
		}
		own, err := ServeReplica(p.Client.NC, p.Client.opts.Prefix, m.ID, n, p.Node, ps)
		if err != nil {
			_ = sub.Unsubscribe()
			_ = e.Close(ctx)
			return err
		}
		p.mu.Lock()
		h.shards[n] = &shardServer{engine: e, subs: []*nats.Subscription{sub, own}}
		p.mu.Unlock()
	}
	// The server knows of the subscriptions before they are announced.
	if err := p.Client.NC.Flush(); err != nil {
		return fmt.Errorf("cluster: serve shards of %s: %w", m.ID, err)
	}
	log.Info("cluster: serving shards", "manifest", m.ID, "shards", shards, "seconds", time.Since(start).Seconds())
	return nil
}

func (p *Partition) newEngine() *search.Engine {
	if p.NewEngine != nil {
		return p.NewEngine()
	}
	return search.New(nil, nil, search.Options{}, p.Logger)
}

// swap moves Front to m once every shard of m is served by some live
// node (this one included).
func (p *Partition) swap(m Manifest, log *slog.Logger) error {
	p.mu.Lock()
	h := p.gens[m.ID]
	if p.current == m.ID || h == nil || len(h.shards) == 0 {
		p.mu.Unlock()
		return nil
	}
	ready := readyOf(p.othersLocked(), m.ID)
	var uncovered []int
	for s := range m.Shards {
		if h.shards[s] == nil && len(ready[s]) == 0 {
			uncovered = append(uncovered, s)
		}
	}
	info, held := h.info, h.held()
	p.mu.Unlock()
	if len(uncovered) > 0 {
		log.Debug("cluster: waiting for replicas before the swap", "manifest", m.ID, "shards", uncovered)
		return nil
	}
	g, err := index.OpenGenerationShards(info, held)
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	// Front answers /readyz as soon as it serves g; under the lock, no
	// search or status sees it serving before current names m (a search
	// then found no current publication: 503 after a ready /readyz).
	p.mu.Lock()
	p.Front.Serve(g, m.ChangeSeq)
	p.current = m.ID
	p.mu.Unlock()
	log.Info("cluster: answering from", "manifest", m.ID, "shards", len(m.Shards), "held", held)
	return nil
}

// dropMoved stops serving the shards of m the node no longer owns (a node
// joined), once every owner of each serves it.
func (p *Partition) dropMoved(m Manifest, want []int, live []string, log *slog.Logger) {
	p.mu.Lock()
	defer p.mu.Unlock()
	h := p.gens[m.ID]
	if h == nil {
		return
	}
	ready := readyOf(p.othersLocked(), m.ID)
	for _, s := range h.held() {
		if slices.Contains(want, s) || len(h.shards) == 1 {
			continue
		}
		owners := Owners(s, live, p.replicas())
		all := true
		for _, o := range owners {
			all = all && slices.Contains(ready[s], o)
		}
		if all {
			h.shards[s].stop()
			delete(h.shards, s)
			log.Info("cluster: shard moved to its owners", "manifest", m.ID, "shard", s, "owners", owners)
		}
	}
}

// retire stops serving, and removes, the publications that are neither
// served by Front nor the published one, once no other live node answers
// from them.
func (p *Partition) retire(log *slog.Logger) {
	p.mu.Lock()
	var gone []*heldGen
	for id, h := range p.gens {
		if id == p.current || id == p.published.ID {
			continue
		}
		used := false
		for _, n := range p.othersLocked() {
			used = used || n.Manifest == id
		}
		if !used {
			gone = append(gone, h)
			delete(p.gens, id)
		}
	}
	p.mu.Unlock()
	for _, h := range gone {
		for _, s := range h.shards {
			s.stop()
		}
		if err := os.RemoveAll(h.info.Path); err != nil {
			log.Warn("cluster: remove a retired publication", "path", h.info.Path, "err", err)
		}
		log.Info("cluster: retired publication", "manifest", h.m.ID)
	}
}

// stop drains the shard's subscription (requests taken are answered) and
// closes its engine once they are.
func (s *shardServer) stop() {
	for _, sub := range s.subs {
		_ = sub.Drain()
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), ShardTimeout)
		defer cancel()
		for _, sub := range s.subs {
			for sub.IsValid() && ctx.Err() == nil {
				time.Sleep(20 * time.Millisecond)
			}
		}
		_ = s.engine.Close(ctx)
	}()
}

func (p *Partition) stopAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, h := range p.gens {
		for _, s := range h.shards {
			s.stop()
		}
		h.shards = map[int]*shardServer{}
	}
}

func (p *Partition) announce(ctx context.Context, log *slog.Logger) {
	p.mu.Lock()
	st := NodeState{Node: p.Node, Addr: p.Addr, Manifest: p.current, Ready: []int{}, Held: p.heldLocked()}
	if h := p.gens[p.current]; h != nil {
		st.Ready = h.held()
	}
	st.ChangeSeq = p.published.ChangeSeq
	if p.current != "" {
		st.ChangeSeq = p.Front.JournalSeq() // the change stream as answered from
	}
	p.mu.Unlock()
	if err := p.Client.Announce(ctx, st); err != nil && ctx.Err() == nil {
		log.Warn("cluster: announce", "err", err)
	}
}
