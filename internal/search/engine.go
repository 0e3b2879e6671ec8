package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
)

// served is a generation being served, reference counted: the Engine holds
// one reference while the generation is current and every search holds one
// while it runs. The last release closes the generation.
type served struct {
	gen     *index.Generation
	refs    atomic.Int64
	seq     atomic.Int64 // last journal op applied
	logger  *slog.Logger
	closed  chan struct{}
	statsMu sync.Mutex
	stats   *Stats // cached, reset by Apply
	fast    *fastState

	// The extractor of incremental changes: the Engine's when given, else
	// one with the aliases the generation was built with (made on first
	// use).
	// The articles of the generation's groups of near-duplicates
	// (groupMembers).
	groupsOnce   sync.Once
	members      []string
	quoteMembers []string

	xOnce sync.Once
	x     *extract.Extractor
	xErr  error
}

func newServed(g *index.Generation, seq int64, x *extract.Extractor, logger *slog.Logger) *served {
	s := &served{gen: g, logger: logger, closed: make(chan struct{}), x: x, fast: newFastState()}
	s.refs.Store(1)
	s.seq.Store(seq)
	return s
}

func (s *served) extractor() (*extract.Extractor, error) {
	s.xOnce.Do(func() {
		if s.x == nil {
			s.x, s.xErr = extract.New(extract.Options{Aliases: s.gen.Aliases})
			if s.xErr != nil {
				s.xErr = fmt.Errorf("extractor of %s: %w", s.gen.Name, s.xErr)
			}
		}
	})
	return s.x, s.xErr
}

// apply applies ops to the generation with its extractor.
func (s *served) apply(ctx context.Context, ops []index.Op) error {
	x, err := s.extractor()
	if err != nil {
		return err
	}
	err = s.gen.Apply(ctx, x, ops)
	s.fast.changed()
	if err != nil {
		return fmt.Errorf("apply to %s: %w", s.gen.Name, err)
	}
	s.resetStats()
	return nil
}

// acquire takes a reference unless the generation is already released.
func (s *served) acquire() bool {
	for {
		n := s.refs.Load()
		if n <= 0 {
			return false
		}
		if s.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (s *served) release() {
	if s.refs.Add(-1) == 0 {
		s.fast.close()
		if err := s.gen.Close(); err != nil {
			s.logger.Error("close generation", "generation", s.gen.Name, "err", err)
		} else {
			s.logger.Info("closed generation", "generation", s.gen.Name)
		}
		close(s.closed)
	}
}

// indexStore is what the Engine reads and appends in an index directory:
// *index.Store (an interface so that tests can make the journal fail).
type indexStore interface {
	Current() (index.GenInfo, error)
	Journal
}

// Journal is where an Engine reads and appends incremental changes: the
// index directory's journal (*index.Store) by default; in cluster mode the
// cluster's change stream (SetJournal). Seq orders the ops; a generation's
// Meta.JournalSeq is the last op it holds.
type Journal interface {
	// JournalSince returns the ops after seq, in order.
	JournalSince(seq int64) ([]index.Op, error)
	// AppendJournal appends ops durably and returns them with their Seq.
	AppendJournal(ops []index.Op) ([]index.Op, error)
}

// storeJournal is an index directory's generations with another journal.
type storeJournal struct {
	*index.Store
	Journal
}

func (s storeJournal) JournalSince(seq int64) ([]index.Op, error) { return s.Journal.JournalSince(seq) }

func (s storeJournal) AppendJournal(ops []index.Op) ([]index.Op, error) {
	return s.Journal.AppendJournal(ops)
}

// ErrJournal means an admin change could not be written to the journal:
// nothing was changed.
var ErrJournal = errors.New("change not saved: cannot append to the journal")

// Engine serves searches on the current generation of a store. It never
// writes into a generation: journal changes are laid over the served one in
// memory (index.Overlay) and rebuilt from the journal when a generation is
// loaded; the next build folds them in.
type Engine struct {
	store     indexStore // nil: generations are only given through Serve
	extractor *extract.Extractor
	opts      Options
	logger    *slog.Logger

	cur      atomic.Pointer[served]
	reloadMu sync.Mutex // serializes Reload, Serve and Apply
	closed   bool
	onSwap   []func(name string, meta index.Meta)
}

// New returns an Engine over store (which may hold no generation yet; call
// Reload or Watch). x extracts the annotations of incremental changes; nil
// (the normal case) uses, for each generation, an extractor with the alias
// entries the generation was built with, as the indexer would.
func New(store *index.Store, x *extract.Extractor, opts Options, logger *slog.Logger) *Engine {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	e := &Engine{extractor: x, opts: opts.withDefaults(), logger: logger}
	if store != nil {
		e.store = store
	}
	return e
}

// SetJournal makes j the engine's journal in place of the index
// directory's: changes are appended to it, read from it after each
// generation's Meta.JournalSeq and laid over the generation as the
// directory's journal would be. Call before serving; the engine must have
// a store.
func (e *Engine) SetJournal(j Journal) {
	if st, ok := e.store.(*index.Store); ok {
		e.store = storeJournal{Store: st, Journal: j}
	}
}

// JournalSeq returns the last journal op applied to the served generation
// (0 when none is served).
func (e *Engine) JournalSeq() int64 {
	s := e.cur.Load()
	if s == nil {
		return 0
	}
	return s.seq.Load()
}

// Options returns the engine's effective options.
func (e *Engine) Options() Options { return e.opts }

// OnSwap registers f to be called (under the reload lock) after each swap.
// Call before serving.
func (e *Engine) OnSwap(f func(name string, meta index.Meta)) { e.onSwap = append(e.onSwap, f) }

// Ready reports whether a generation is loaded.
func (e *Engine) Ready() bool { return e.cur.Load() != nil }

// Current returns the name and meta of the served generation.
func (e *Engine) Current() (string, index.Meta, bool) {
	s := e.cur.Load()
	if s == nil {
		return "", index.Meta{}, false
	}
	return s.gen.Name, s.gen.Meta, true
}

// acquire returns the current generation with a reference held.
func (e *Engine) acquire() (*served, error) {
	for {
		s := e.cur.Load()
		if s == nil {
			return nil, ErrUnavailable
		}
		if s.acquire() {
			return s, nil
		}
		// Released between Load and acquire: a swap happened; load again.
	}
}

// Serve makes g the served generation; seq is the last journal op already
// applied to it. The previous generation is closed once its in-flight
// searches finish. The Engine owns g from now on.
func (e *Engine) Serve(g *index.Generation, seq int64) {
	e.reloadMu.Lock()
	defer e.reloadMu.Unlock()
	e.swapLocked(g, seq)
}

func (e *Engine) swapLocked(g *index.Generation, seq int64) {
	e.swapServedLocked(newServed(g, seq, e.extractor, e.logger))
}

func (e *Engine) swapServedLocked(s *served) {
	g := s.gen
	if e.closed {
		_ = g.Close()
		return
	}
	seq := s.seq.Load()
	old := e.cur.Swap(s)
	if old != nil {
		old.release()
	}
	e.logger.Info("serving generation", "generation", g.Name, "articles", g.Meta.Articles, "journal_seq", seq)
	for _, f := range e.onSwap {
		f(g.Name, g.Meta)
	}
}

// Reload opens the store's current generation if it changed (read-only),
// replays the journal ops newer than the generation onto its overlay and
// swaps it in. When the generation did not change it applies journal ops
// appended by others. It reports whether a new generation was swapped in.
// With no published generation it returns false and no error.
func (e *Engine) Reload(ctx context.Context) (bool, error) {
	if e.store == nil {
		return false, nil
	}
	e.reloadMu.Lock()
	defer e.reloadMu.Unlock()
	if e.closed {
		return false, nil
	}
	info, err := e.store.Current()
	if errors.Is(err, index.ErrNoGeneration) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reload: %w", err)
	}
	if s := e.cur.Load(); s != nil && s.gen.Name == info.Name {
		return false, e.catchUpLocked(ctx, s)
	}
	g, err := index.OpenGeneration(info)
	if err != nil {
		return false, fmt.Errorf("reload %s: %w", info.Name, err)
	}
	s := newServed(g, g.Meta.JournalSeq, e.extractor, e.logger)
	if err := e.catchUpLocked(ctx, s); err != nil {
		_ = g.Close()
		return false, fmt.Errorf("reload %s: replay journal: %w", info.Name, err)
	}
	e.warm(ctx, s)
	e.swapServedLocked(s)
	return true, nil
}

// Warm builds the served generation's column tables (and places its
// groups of near-duplicates) now, as Reload does before it swaps, so that
// the first searches do not wait for them: for a generation given with
// Serve, as partitioned serving gives each shard's engine before the
// shard is announced (at a million articles in six shards, a shard's
// first searches took more than the 10 s request timeout otherwise).
func (e *Engine) Warm(ctx context.Context) {
	s, err := e.acquire()
	if err != nil {
		return
	}
	defer s.release()
	e.warm(ctx, s)
}

// warm builds the column tables of s before it is served, so that its
// first searches do not wait for them; on failure they are built (or fail)
// on first use.
func (e *Engine) warm(ctx context.Context, s *served) {
	if e.opts.PerHitFacets {
		return
	}
	start := time.Now()
	v, err := s.acquireView(ctx)
	if err != nil {
		e.logger.Error("column tables", "generation", s.gen.Name, "err", err)
		return
	}
	mb := 0.0
	for _, sd := range v.sides {
		mb += float64(sd.t.bytes()) / (1 << 20)
	}
	e.logger.Info("column tables built", "generation", s.gen.Name, "seconds", time.Since(start).Seconds(), "mib", mb)
	// The groups of near-duplicates placed in the base tables (a walk of
	// their ids: seconds at a million articles), or the first collapsed
	// search would wait for them.
	if g := s.gen.Groups; g.Len() > 0 {
		start = time.Now()
		var wg sync.WaitGroup
		for _, sd := range v.sides {
			if sd.t != v.delta {
				wg.Go(func() { sd.t.groupsOf(g) })
			}
		}
		wg.Wait()
		e.logger.Info("groups placed", "generation", s.gen.Name, "groups", g.Len(), "seconds", time.Since(start).Seconds())
	}
	v.release()
}

// catchUpLocked applies journal ops that another process appended.
func (e *Engine) catchUpLocked(ctx context.Context, s *served) error {
	ops, err := e.store.JournalSince(s.seq.Load())
	if err != nil {
		return err
	}
	if err := e.applyAfterLocked(ctx, s, ops); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// applyAfterLocked applies to s the ops after its journal position (those
// at or before it are skipped), in order, and advances the position.
func (e *Engine) applyAfterLocked(ctx context.Context, s *served, ops []index.Op) error {
	seq := s.seq.Load()
	i := 0
	for i < len(ops) && ops[i].Seq <= seq {
		i++
	}
	ops = ops[i:]
	if len(ops) == 0 {
		return nil
	}
	if err := s.apply(ctx, ops); err != nil {
		return err
	}
	s.seq.Store(ops[len(ops)-1].Seq)
	e.logApplied(s, len(ops))
	return nil
}

// logApplied logs ops applied to s's overlay and what the overlay holds:
// memory grows with the changes since the generation was built, until a
// build folds the journal into a new generation.
func (e *Engine) logApplied(s *served, ops int) {
	delta, masked := s.gen.OverlaySize()
	e.logger.Info("applied journal", "generation", s.gen.Name, "ops", ops, "journal_seq", s.seq.Load(),
		"overlay_docs", delta, "hidden_docs", masked)
}

// Apply journals ops (durably) and applies them to the served generation.
// Without a store the ops are applied only.
//
// Once the journal holds the ops the change is acknowledged (Apply returns
// them) even if applying them fails then: they are durable and will be live,
// since the served generation's journal position is not advanced and the
// next catch-up (Reload, Watch, the next Apply) applies them again; the
// failure is logged. When the journal cannot be written Apply fails with
// ErrJournal and nothing changes.
func (e *Engine) Apply(ctx context.Context, ops []index.Op) ([]index.Op, error) {
	if len(ops) == 0 {
		return nil, nil
	}
	for i, op := range ops {
		if err := op.Validate(); err != nil {
			return nil, &ParamError{Param: "body", Msg: fmt.Sprintf("op %d: %v", i+1, err)}
		}
	}
	e.reloadMu.Lock()
	defer e.reloadMu.Unlock()
	s := e.cur.Load()
	if s == nil {
		return nil, ErrUnavailable
	}
	if e.store == nil {
		if err := s.apply(ctx, ops); err != nil {
			return nil, err
		}
		return ops, nil
	}
	// Ops appended by someone else first, so that order is kept.
	if err := e.catchUpLocked(ctx, s); err != nil {
		return nil, err
	}
	done, err := e.store.AppendJournal(ops)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrJournal, err)
	}
	if len(done) == 0 {
		return done, nil
	}
	if !follows(s.seq.Load(), done) {
		// Others appended between the catch-up and this append (a shared
		// journal such as the cluster's change stream): apply everything
		// after the served position, in order.
		if err := e.catchUpLocked(ctx, s); err != nil {
			e.logger.Error("journaled change not applied yet; the next reload applies it",
				"generation", s.gen.Name, "journal_seq", done[len(done)-1].Seq, "err", err)
		}
		return done, nil
	}
	if err := s.apply(ctx, done); err != nil {
		e.logger.Error("journaled change not applied yet; the next reload applies it",
			"generation", s.gen.Name, "journal_seq", done[len(done)-1].Seq, "err", err)
		return done, nil
	}
	s.seq.Store(done[len(done)-1].Seq)
	e.logApplied(s, len(done))
	return done, nil
}

// CatchUp lays ops of a shared journal over the served generation: those
// after its position (earlier ones are skipped), in order, advancing it.
// It is how an engine without a store follows a journal its owner reads:
// partitioned serving's shard and front engines follow the cluster's
// change stream, as catchUpLocked follows a store's journal (both through
// applyAfterLocked). With no
// generation served (or the engine closed) it does nothing.
func (e *Engine) CatchUp(ctx context.Context, ops []index.Op) error {
	e.reloadMu.Lock()
	defer e.reloadMu.Unlock()
	s := e.cur.Load()
	if s == nil || e.closed {
		return nil
	}
	if err := e.applyAfterLocked(ctx, s, ops); err != nil {
		return fmt.Errorf("catch up %s: %w", s.gen.Name, err)
	}
	return nil
}

// follows reports whether ops are numbered seq+1, seq+2, … with no gap.
func follows(seq int64, ops []index.Op) bool {
	for i, op := range ops {
		if op.Seq != seq+int64(i)+1 {
			return false
		}
	}
	return true
}

// Watch reloads every Options.ReloadInterval until ctx ends. Errors are
// logged, never fatal: the current generation keeps being served.
func (e *Engine) Watch(ctx context.Context) {
	t := time.NewTicker(e.opts.ReloadInterval)
	defer t.Stop()
	for {
		if _, err := e.Reload(ctx); err != nil && ctx.Err() == nil {
			e.logger.Error("reload", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Close stops serving and closes the current generation once its in-flight
// searches finish (it waits for them until ctx ends).
func (e *Engine) Close(ctx context.Context) error {
	e.reloadMu.Lock()
	e.closed = true
	old := e.cur.Swap(nil)
	e.reloadMu.Unlock()
	if old == nil {
		return nil
	}
	old.release()
	select {
	case <-old.closed:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("close engine: %w", ctx.Err())
	}
}

func (s *served) resetStats() {
	s.statsMu.Lock()
	s.stats = nil
	s.statsMu.Unlock()
}
