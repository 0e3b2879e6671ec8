package search

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// errNoTables: the generation's column tables could not be built; its
// searches take the per-hit path.
var errNoTables = errors.New("no column tables")

// side is one index the fast path counts on: a base shard of the served
// generation, less the documents the overlay hides, or the overlay's delta.
type side struct {
	t      *table
	hidden *roaring.Bitmap // base documents hidden by the overlay; nil: none
}

// fastView is the sides of one state of a served generation's overlay,
// reference counted: the state holds one reference while the view is
// current and each request one while it counts. The last release closes
// the delta's table (the base tables live as long as the generation).
type fastView struct {
	version int64
	sides   []side
	delta   *table // the last side's table when the overlay has a delta
	refs    atomic.Int64
}

func (v *fastView) release() {
	if v.refs.Add(-1) == 0 && v.delta != nil {
		_ = v.delta.close()
	}
}

// fastState is what the fast path keeps for a served generation: the
// tables of its base shards (built on first use) and the view of the
// current overlay state, and the cache of aggregates.
type fastState struct {
	buildOnce sync.Once
	bases     []*table
	buildErr  error
	built     atomic.Bool // bases are built (joinQuery reads them)

	mu      sync.Mutex
	view    *fastView
	closed  bool
	version atomic.Int64 // bumped by every overlay change
	cache   *aggCache
	sets    *lru[qSet] // the documents matching a q, by side
}

func newFastState() *fastState {
	return &fastState{cache: newAggCache(aggCacheEntries, aggCacheBytes), sets: newLRU[qSet](setCacheEntries, setCacheBytes)}
}

// The cache of q's sets, bounded like the cache of aggregates: a set takes
// at most a bit per document of the side (less, run-optimized).
const (
	setCacheEntries = 64
	setCacheBytes   = 32 << 20
)

// changed records an overlay change: views and cached aggregates of
// earlier states are no longer used.
func (f *fastState) changed() {
	f.version.Add(1)
	f.cache.clear()
	f.sets.clear()
}

// close releases the tables; the generation's searches have all ended.
func (f *fastState) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	if f.view != nil {
		f.view.release()
		f.view = nil
	}
	for _, t := range f.bases {
		_ = t.close()
	}
	f.bases = nil
}

// acquireView returns the view of s's current overlay state with a
// reference held, building the base tables on first use and the delta's
// table after each change.
func (s *served) acquireView(ctx context.Context) (*fastView, error) {
	f := s.fast
	f.buildOnce.Do(func() {
		for i, shard := range s.gen.Shards() {
			t, err := buildTable(context.WithoutCancel(ctx), shard)
			if err != nil {
				f.buildErr = fmt.Errorf("shard %d: %w", i, err)
				return
			}
			f.bases = append(f.bases, t)
		}
		f.built.Store(true)
		for i, t := range f.bases {
			t.buildOrder(func(err error) {
				s.logger.Error("id order", "generation", s.gen.Name, "shard", i, "err", err)
			})
		}
	})
	if f.buildErr != nil {
		return nil, fmt.Errorf("fast facets of %s: %w: %w", s.gen.Name, errNoTables, f.buildErr)
	}
	version := f.version.Load()
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return nil, ErrUnavailable
	}
	if v := f.view; v != nil && v.version == version {
		v.refs.Add(1)
		return v, nil
	}
	v := &fastView{version: version}
	err := s.changes(func(delta bleve.Index, hidden []map[string]struct{}) error {
		for i, t := range f.bases {
			var hid *roaring.Bitmap
			if i < len(hidden) && len(hidden[i]) > 0 {
				hid = roaring.New()
				for id := range hidden[i] {
					if n, ok := t.docNum(bindex.IndexInternalID(id)); ok {
						hid.Add(n)
					}
				}
			}
			v.sides = append(v.sides, side{t: t, hidden: hid})
		}
		if n, err := docCount(delta); err != nil {
			return err
		} else if n > 0 {
			t, err := buildTable(ctx, delta)
			if err != nil {
				return fmt.Errorf("delta: %w", err)
			}
			v.delta = t
			v.sides = append(v.sides, side{t: t})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("fast facets of %s: %w", s.gen.Name, err)
	}
	v.refs.Store(2) // the state's and the caller's
	if f.view != nil {
		f.view.release()
	}
	f.view = v
	return v, nil
}

// changes calls fn with the overlay's delta (nil: none) and each shard's
// hidden documents (see index.Overlay.Changes).
func (s *served) changes(fn func(delta bleve.Index, hidden []map[string]struct{}) error) error {
	if ov := s.gen.Overlay(); ov != nil {
		return ov.Changes(fn)
	}
	return fn(nil, nil)
}

// docCount counts idx's documents (0 for nil).
func docCount(idx bleve.Index) (uint64, error) {
	if idx == nil {
		return 0, nil
	}
	return idx.DocCount()
}

// mappingOf is the mapping q's searchers analyze with.
func (s *served) mappingOf() mapping.IndexMapping { return s.gen.Index.Mapping() }
