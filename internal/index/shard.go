package index

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
)

// DefaultShards is the number of Bleve shards a build writes when
// BuildOptions.Shards is 0 (config index.shards). Chosen by measurement on
// two cores: see docs/design.md, "Sharded generations".
const DefaultShards = 2

// MaxShards bounds BuildOptions.Shards (and config index.shards).
const MaxShards = 64

// shardsDir holds a sharded generation's shards: shards/000, shards/001, …
// A generation built before sharding holds one index in bleve/ instead, and
// its meta.json has no shard count.
const shardsDir = "shards"

// ShardOf is the shard of an article among n: FNV-1a 64 of its id, mod n.
// An article's quote documents are in its shard. The hash is fixed: a
// generation's layout never depends on the process that built it.
func ShardOf(articleID string, n int) int {
	if n <= 1 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(articleID))
	return int(h.Sum64() % uint64(n))
}

// shardDir is the folder of shard i of a generation at genPath.
func shardDir(genPath string, i int) string {
	return filepath.Join(genPath, ShardFolder(i))
}

// shardPaths are the index folders of a generation: bleve/ for one built
// before sharding (meta.Shards 0), else shards/000 … shards/N-1.
func shardPaths(genPath string, m Meta) []string {
	if m.Shards == 0 {
		return []string{filepath.Join(genPath, bleveDir)}
	}
	out := make([]string, m.Shards)
	for i := range out {
		out[i] = shardDir(genPath, i)
	}
	return out
}

// shardView is one base shard of a sharded generation as its overlay
// searches it through an index alias: it tells the overlay's masked query
// which shard it runs on (the shard's internal document ids are its own).
type shardView struct {
	shardIndex
	n int
}

// shardIndex names the embedded index of shardView (a field named Index
// would hide bleve.Index's Index method).
type shardIndex = bleve.Index

// shardKey is the context key of the shard a search runs on.
type shardKey struct{}

// shardFrom is the shard number a search runs on (0 outside an alias).
func shardFrom(ctx context.Context) int {
	n, _ := ctx.Value(shardKey{}).(int)
	return n
}

// Search runs req on the shard.
func (s *shardView) Search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return s.SearchInContext(context.Background(), req)
}

// SearchInContext runs req on the shard, naming it in ctx.
func (s *shardView) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return s.shardIndex.SearchInContext(context.WithValue(ctx, shardKey{}, s.n), req)
}

// searchBase runs req on the base. A sharded base runs it through its alias
// with every terms facet counted in full on each shard, then trimmed to the
// requested size, so that merged counts are exact; a shard that fails fails
// the search (the alias would return the others' results).
func (o *Overlay) searchBase(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	if len(o.shards) == 1 {
		return o.base.SearchInContext(ctx, req)
	}
	breq := unlimitedCopy(req)
	res, err := o.base.SearchInContext(ctx, breq)
	if err != nil {
		return nil, err
	}
	if st := res.Status; st != nil && st.Failed > 0 {
		var errs []error
		for name, err := range st.Errors {
			errs = append(errs, fmt.Errorf("shard %s: %w", name, err))
		}
		return nil, fmt.Errorf("search %s: %w", o.name, errors.Join(errs...))
	}
	for name, fr := range req.Facets {
		res.Facets.Fixup(name, fr.Size)
	}
	res.Request = req
	return res, nil
}

// ShardPaths are the folders of the generation's Bleve indexes, in shard
// order: bleve/ for one built before sharding.
func (g GenInfo) ShardPaths() []string { return shardPaths(g.Path, g.Meta) }

// ShardsFolder is the name of a sharded generation's folder of shards;
// ShardFolder(i) is shard i's path relative to the generation.
const ShardsFolder = shardsDir

// ShardFolder is shard i's folder relative to its generation's.
func ShardFolder(i int) string { return filepath.Join(shardsDir, fmt.Sprintf("%03d", i)) }

// ShardDocCounts opens each of gen's shards read-only and returns its
// number of Bleve documents (articles and quotes).
func ShardDocCounts(gen GenInfo) ([]uint64, error) {
	var out []uint64
	for i, p := range gen.ShardPaths() {
		idx, err := bleve.OpenUsing(p, map[string]any{"read_only": true, "bolt_timeout": lockTimeout.String()})
		if err != nil {
			return nil, fmt.Errorf("shard %d: %w", i, err)
		}
		n, err := idx.DocCount()
		idx.Close()
		if err != nil {
			return nil, fmt.Errorf("shard %d: %w", i, err)
		}
		out = append(out, n)
	}
	return out, nil
}
