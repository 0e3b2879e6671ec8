package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	bbolt "go.etcd.io/bbolt"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/news"
)

// Generation is an opened generation: its Bleve index, meta and labels.
//
// A generation is opened read-only and nothing is ever written into its
// folder: Index is the generation's index (its shards searched together)
// under an Overlay, to which Apply adds the journal's changes in memory.
type Generation struct {
	Name   string
	Path   string
	Index  bleve.Index
	Meta   Meta
	Labels *Labels
	// Aliases are the extra alias entries the generation was built with.
	Aliases []extract.Alias
	// Groups are its groups of near-duplicate articles (dups.go); nil for
	// a generation built before them.
	Groups *Groups
	// Held are the shard numbers opened, in order, when only some of the
	// generation's shards are (OpenGenerationShards: partitioned serving);
	// nil when it holds them all. Index and Shards search those alone.
	Held []int

	overlay   *Overlay
	applyMu   sync.Mutex
	closeOnce sync.Once
	closeErr  error
}

// ErrInUse: another process holds the index directory (ServeLock) or has a
// generation open for writing.
var ErrInUse = errors.New("in use by another process")

// lockTimeout bounds the wait for a generation's Bleve lock.
var lockTimeout = time.Second

// OpenGeneration opens a generation read-only for searching; changes go to
// its overlay through Apply. Opening needs no write access to the index
// directory, and any number of readers may open the same generation.
func OpenGeneration(info GenInfo) (*Generation, error) {
	return openGeneration(info, nil)
}

// OpenGenerationShards opens some shards of a generation, as
// OpenGeneration opens them all, with the generation's files (labels,
// groups, aliases, meta), which are the whole generation's: what a node
// of partitioned serving holds. held are shard numbers of info.Meta.Shards,
// ascending, without repeats; Apply lays over it only the ops of articles
// of those shards.
func OpenGenerationShards(info GenInfo, held []int) (*Generation, error) {
	n := max(info.Meta.Shards, 1)
	if len(held) == 0 {
		return nil, fmt.Errorf("open generation %s: no shard to open", info.Name)
	}
	for i, sh := range held {
		if sh < 0 || sh >= n || (i > 0 && sh <= held[i-1]) {
			return nil, fmt.Errorf("open generation %s: shards %v: not ascending shard numbers of %d", info.Name, held, n)
		}
	}
	return openGeneration(info, slices.Clone(held))
}

func openGeneration(info GenInfo, held []int) (*Generation, error) {
	labels, err := readLabels(filepath.Join(info.Path, labelsFile))
	if err != nil {
		return nil, fmt.Errorf("open generation %s: %w", info.Name, err)
	}
	var aliases []extract.Alias
	if b, err := os.ReadFile(filepath.Join(info.Path, aliasesFile)); err == nil {
		if err := json.Unmarshal(b, &aliases); err != nil {
			return nil, fmt.Errorf("open generation %s: %s: %w", info.Name, aliasesFile, err)
		}
	}
	groups, err := readGroups(info.Path)
	if err != nil {
		return nil, fmt.Errorf("open generation %s: %w", info.Name, err)
	}
	// read_only: Bleve's persister and merger do not run and bolt opens its
	// file read-only with a shared lock, so nothing in the folder changes.
	// A writer holding the exclusive lock (which only a process that opened
	// the generation for writing would) makes the open fail after the
	// timeout instead of waiting forever.
	var shards []bleve.Index
	paths := shardPaths(info.Path, info.Meta)
	if held != nil {
		some := make([]string, len(held))
		for i, sh := range held {
			some[i] = paths[sh]
		}
		paths = some
	}
	for i, path := range paths {
		if held != nil {
			i = held[i]
		}
		idx, err := bleve.OpenUsing(path, map[string]any{
			"read_only":    true,
			"bolt_timeout": lockTimeout.String(),
		})
		if err != nil {
			for _, sh := range shards {
				sh.Close()
			}
			if errors.Is(err, bbolt.ErrTimeout) {
				return nil, fmt.Errorf("open generation %s: shard %d: %w (lock not free after %v)", info.Name, i, ErrInUse, lockTimeout)
			}
			return nil, fmt.Errorf("open generation %s: shard %d: %w", info.Name, i, err)
		}
		shards = append(shards, idx)
	}
	ov := NewOverlay(shards...)
	ov.SetName(info.Name)
	return &Generation{Name: info.Name, Path: info.Path, Index: ov, Meta: info.Meta, Labels: labels, Aliases: aliases, Groups: groups, Held: held, overlay: ov}, nil
}

// Shards are the generation's read-only Bleve indexes, in shard order: one
// for a generation that is not sharded. They hold the generation as built;
// the journal's changes laid over it are the overlay's (Overlay().Changes).
// Search Index for the generation as served.
func (g *Generation) Shards() []bleve.Index {
	if g.overlay == nil {
		return []bleve.Index{g.Index}
	}
	return g.overlay.Shards()
}

// Overlay is the overlay of the journal's changes that Index is (nil for a
// generation not opened by OpenGeneration or NewGeneration).
func (g *Generation) Overlay() *Overlay { return g.overlay }

// NewGeneration returns a generation over an index that is already open
// (an in-memory one, in tests), under an overlay as OpenGeneration's. The
// generation owns idx.
func NewGeneration(name string, idx bleve.Index, meta Meta, labels *Labels) *Generation {
	ov := NewOverlay(idx)
	ov.SetName(name)
	return &Generation{Name: name, Index: ov, Meta: meta, Labels: labels, overlay: ov}
}

// Close closes the Bleve index and drops the overlay. Closing twice is
// harmless.
func (g *Generation) Close() error {
	g.closeOnce.Do(func() {
		if err := g.Index.Close(); err != nil {
			g.closeErr = fmt.Errorf("close generation %s: %w", g.Name, err)
		}
	})
	return g.closeErr
}

var errNoOverlay = errors.New("generation not opened by OpenGeneration or NewGeneration: no overlay to apply changes to")

// OverlaySize reports the documents the journal's changes hold in memory
// and the generation's documents they hide; both fall to zero when a
// rebuild folds the journal into a new generation.
func (g *Generation) OverlaySize() (delta, masked int) {
	if g.overlay == nil {
		return 0, 0
	}
	return g.overlay.Size()
}

// Apply applies journaled ops to this generation's overlay: upserts are
// extracted and replace the article and all its quote documents; deletes
// hide them. Ops are applied in order and all at once: a search sees all of
// them or none, and on error none is applied. Apply calls are serialised.
func (g *Generation) Apply(ctx context.Context, x *extract.Extractor, ops []Op) error {
	if g.overlay == nil {
		return fmt.Errorf("apply to %s: %w", g.Name, errNoOverlay)
	}
	g.applyMu.Lock()
	defer g.applyMu.Unlock()
	changes := make([]articleChange, 0, len(ops))
	var anns []news.Annotations
	for _, op := range ops {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := op.Validate(); err != nil {
			return fmt.Errorf("apply op %d: %w", op.Seq, err)
		}
		c := articleChange{id: op.articleID()}
		if !g.holds(c.id) {
			// Another node's shard: only its labels are the generation's.
			if op.Kind == OpUpsert {
				anns = append(anns, x.Extract(*op.Article))
			}
			continue
		}
		if op.Kind == OpUpsert {
			ann := x.Extract(*op.Article)
			if g.Meta.JoinedQuotes {
				c.doc, c.quotes = Documents(*op.Article, ann)
			} else {
				c.doc, c.quotes = DocumentsRepeated(*op.Article, ann)
			}
			anns = append(anns, ann)
		}
		changes = append(changes, c)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := g.overlay.apply(changes); err != nil {
		return fmt.Errorf("apply ops %d-%d: %w", ops[0].Seq, ops[len(ops)-1].Seq, err)
	}
	for _, ann := range anns {
		g.Labels.AddAnnotations(ann)
	}
	for _, op := range ops {
		if op.Kind == OpUpsert && op.Article.Source != "" {
			g.Labels.Add(FieldSource, op.Article.Source, op.Article.Source)
		}
	}
	return nil
}

// holds reports whether the article of id is in a shard g holds.
func (g *Generation) holds(id string) bool {
	if g.Held == nil {
		return true
	}
	_, ok := slices.BinarySearch(g.Held, ShardOf(id, max(g.Meta.Shards, 1)))
	return ok
}

// ServeLock is the lock of the one searchd that serves an index directory.
type ServeLock struct {
	f *os.File
}

// LockServing takes the index directory's serving lock, or fails at once
// with ErrInUse when another process holds it. It is an exclusive flock on
// the directory itself, opened read-only: it creates no file, works on a
// folder searchd cannot write to, does not stand in the way of builds or
// journal appends (which lock other files), and the kernel releases it when
// the process dies.
func (s *Store) LockServing() (*ServeLock, error) {
	f, err := os.Open(s.Dir)
	if err != nil {
		return nil, fmt.Errorf("lock index %s: %w", s.Dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("index %s: %w", s.Dir, ErrInUse)
		}
		return nil, fmt.Errorf("lock index %s: %w", s.Dir, err)
	}
	return &ServeLock{f: f}, nil
}

// Release releases the lock. Releasing twice is harmless.
func (l *ServeLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	f := l.f
	l.f = nil
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_UN); err != nil {
		f.Close()
		return fmt.Errorf("unlock index: %w", err)
	}
	return f.Close()
}
