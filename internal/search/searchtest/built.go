package searchtest

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/readout/readout/corpus"
	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/testutil"
)

// built are index directories built once per test process, removed by
// RemoveBuilt (call it from TestMain).
var built struct {
	sync.Mutex
	dirs map[string]string // key -> index directory
	errs map[string]error
}

// RemoveBuilt removes the index directories built by SampleStore and
// ReutersStore.
func RemoveBuilt() {
	built.Lock()
	defer built.Unlock()
	for _, d := range built.dirs {
		_ = os.RemoveAll(d)
	}
	built.dirs = nil
}

func buildOnce(tb testing.TB, key string, in []ingest.Input, aliases []extract.Alias) *index.Store {
	tb.Helper()
	built.Lock()
	defer built.Unlock()
	if built.dirs == nil {
		built.dirs, built.errs = map[string]string{}, map[string]error{}
	}
	if err := built.errs[key]; err != nil {
		tb.Fatalf("build %s: %v", key, err)
	}
	if d, ok := built.dirs[key]; ok {
		s, err := index.OpenStore(d)
		if err != nil {
			tb.Fatal(err)
		}
		return s
	}
	fail := func(err error) *index.Store {
		built.errs[key] = err
		tb.Fatalf("build %s: %v", key, err)
		return nil
	}
	dir, err := os.MkdirTemp("", "readout-"+key+"-")
	if err != nil {
		return fail(err)
	}
	built.dirs[key] = dir
	s, err := index.OpenStore(dir)
	if err != nil {
		return fail(err)
	}
	x, err := extract.New(extract.Options{Aliases: aliases})
	if err != nil {
		return fail(err)
	}
	if _, err := s.Build(context.Background(), index.BuildOptions{Inputs: in, Extractor: x}); err != nil {
		return fail(err)
	}
	return s
}

// SampleStore returns an index directory of the bundled sample corpus (with
// its aliases), built once per process.
func SampleStore(tb testing.TB) *index.Store {
	tb.Helper()
	f, err := corpus.FS.Open(corpus.AliasFile)
	if err != nil {
		tb.Fatal(err)
	}
	aliases, err := extract.LoadAliases(f, corpus.AliasFile)
	f.Close()
	if err != nil {
		tb.Fatal(err)
	}
	return buildOnce(tb, "sample", []ingest.Input{{Name: "corpus", FS: corpus.FS, Path: "."}}, aliases)
}

// ReutersStore returns an index directory of the Reuters-21578 corpus,
// built once per process; it skips when the corpus is absent. With
// READOUT_BENCH_INDEX set to a directory, the index is built there once and
// reused by later runs (delete the directory after changing the mapping or
// the extractor).
func ReutersStore(tb testing.TB) *index.Store {
	tb.Helper()
	path := testutil.Corpus(tb, "reuters21578.jsonl.gz")
	if dir := os.Getenv("READOUT_BENCH_INDEX"); dir != "" {
		s, err := index.OpenStore(dir)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := s.Current(); err != nil {
			x, err := extract.New(extract.Options{})
			if err != nil {
				tb.Fatal(err)
			}
			if _, err := s.Build(context.Background(), index.BuildOptions{Inputs: []ingest.Input{ingest.OSInput(path)}, Extractor: x}); err != nil {
				tb.Fatal(err)
			}
		}
		return s
	}
	return buildOnce(tb, "reuters", []ingest.Input{ingest.OSInput(path)}, nil)
}

// Open opens the current generation of s; it is closed at the end of tb.
func Open(tb testing.TB, s *index.Store) *index.Generation {
	tb.Helper()
	info, err := s.Current()
	if err != nil {
		tb.Fatal(err)
	}
	g, err := index.OpenGeneration(info)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}
