package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
)

// Import publishes a generation made elsewhere as the next generation of
// s, as a build would publish one: fill writes the generation's folder
// (meta.json, its other files and every shard) at the path it is given,
// which does not exist yet. Import then checks that the folder holds the
// shards meta.json counts, shard i holding want[i] documents, renames the
// generation after its new name, marks it with source (Meta.Cluster) and
// sets its journal position (Meta.JournalSeq) to seq: the last op of the
// cluster's change stream the generation holds, so that the changes after
// it, and only those, are laid over it (s's own journal is not read in
// cluster mode). Then it publishes it and keeps keep generations. On any
// error nothing is published and the folder is removed.
func (s *Store) Import(ctx context.Context, source string, seq int64, want []uint64, keep int, fill func(dir string) error) (GenInfo, error) {
	unlock, err := s.lock()
	if err != nil {
		return GenInfo{}, err
	}
	defer unlock()
	if _, err := s.cleanStale(); err != nil {
		return GenInfo{}, fmt.Errorf("import %s: %w", source, err)
	}
	name, err := s.nextGenName()
	if err != nil {
		return GenInfo{}, fmt.Errorf("import %s: %w", source, err)
	}
	dir := filepath.Join(s.Dir, buildPrefix+name)
	published := false
	defer func() {
		if !published {
			os.RemoveAll(dir)
		}
	}()
	if err := fill(dir); err != nil {
		return GenInfo{}, fmt.Errorf("import %s: %w", source, err)
	}
	meta, err := readMetaAt(dir)
	if err != nil {
		return GenInfo{}, fmt.Errorf("import %s: %w", source, err)
	}
	if meta.Shards == 0 || meta.Shards != len(want) {
		return GenInfo{}, fmt.Errorf("import %s: meta.json counts %d shards, expected %d", source, meta.Shards, len(want))
	}
	for i, p := range shardPaths(dir, meta) {
		idx, err := bleve.OpenUsing(p, map[string]any{"read_only": true, "bolt_timeout": lockTimeout.String()})
		if err != nil {
			return GenInfo{}, fmt.Errorf("import %s: shard %d: %w", source, i, err)
		}
		err = verifyCount(idx, want[i])
		idx.Close()
		if err != nil {
			return GenInfo{}, fmt.Errorf("import %s: shard %d: %w", source, i, err)
		}
	}
	meta.Generation, meta.Cluster, meta.JournalSeq = name, source, seq
	if err := writeJSONSync(filepath.Join(dir, metaFile), meta); err != nil {
		return GenInfo{}, fmt.Errorf("import %s: %w", source, err)
	}
	if err := ctx.Err(); err != nil {
		return GenInfo{}, fmt.Errorf("import %s: %w", source, err)
	}
	final := filepath.Join(s.Dir, name)
	if err := os.Rename(dir, final); err != nil {
		return GenInfo{}, fmt.Errorf("import %s: %w", source, err)
	}
	published = true
	if err := syncDir(s.Dir); err != nil {
		return GenInfo{}, fmt.Errorf("import %s: %w", source, err)
	}
	if err := s.publish(name); err != nil {
		return GenInfo{}, err
	}
	if _, err := s.Prune(keep); err != nil && !errors.Is(err, ErrNoGeneration) {
		s.logger().Warn("prune old generations", "err", err)
	}
	return s.info(name)
}
