package searchtest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

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

// Layout is how the generation of a test store is laid out: its shard
// count, or the one index in bleve/ of builds before sharding.
type Layout struct {
	Shards    int  // BuildOptions.Shards; 0: index.DefaultShards
	Legacy    bool // one index in bleve/ and no shard count in meta.json
	BatchSize int  // BuildOptions.BatchSize (small: many segments); 0: the default
	// Repeated: quote documents repeat their article's Joined fields, as
	// generations built before the join (BuildOptions.RepeatJoined).
	Repeated bool
}

// String names the layout in subtests and keys.
func (l Layout) String() string {
	if l.Repeated {
		l.Repeated = false
		return l.String() + ",repeated"
	}
	if l.Legacy {
		return "legacy"
	}
	if l.BatchSize > 0 {
		return fmt.Sprintf("shards=%d,batch=%d", l.Shards, l.BatchSize)
	}
	return fmt.Sprintf("shards=%d", l.Shards)
}

// Layouts are the layouts equivalence tests compare: one shard, three,
// and the layout of builds before sharding.
var Layouts = []Layout{{Shards: 1}, {Shards: 3}, {Legacy: true}}

func buildOnce(tb testing.TB, key string, in []ingest.Input, aliases []extract.Alias) *index.Store {
	tb.Helper()
	return buildLayoutOnce(tb, key, in, aliases, Layout{})
}

func buildLayoutOnce(tb testing.TB, key string, in []ingest.Input, aliases []extract.Alias, l Layout) *index.Store {
	tb.Helper()
	if l != (Layout{}) {
		key += "-" + strings.NewReplacer("=", "", ",", "-").Replace(l.String())
	}
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
	shards := l.Shards
	if l.Legacy {
		shards = 1
	}
	if _, err := s.Build(context.Background(), index.BuildOptions{Inputs: in, Extractor: x, Shards: shards, BatchSize: l.BatchSize, RepeatJoined: l.Repeated}); err != nil {
		return fail(err)
	}
	if l.Legacy {
		info, err := s.Current()
		if err != nil {
			return fail(err)
		}
		if err := toLegacy(info.Path); err != nil {
			return fail(err)
		}
	}
	return s
}

// toLegacy turns a generation built with one shard into the layout of
// builds before sharding: its index in bleve/, no shard count in meta.json.
func toLegacy(genPath string) error {
	if err := os.Rename(filepath.Join(genPath, "shards", "000"), filepath.Join(genPath, "bleve")); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(genPath, "shards")); err != nil {
		return err
	}
	p := filepath.Join(genPath, "meta.json")
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	if m["shards"] != float64(1) {
		return fmt.Errorf("%s: shards %v, want 1", p, m["shards"])
	}
	delete(m, "shards")
	if b, err = json.Marshal(m); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

// SampleStore returns an index directory of the bundled sample corpus (with
// its aliases), built once per process.
func SampleStore(tb testing.TB) *index.Store {
	tb.Helper()
	return SampleStoreLayout(tb, Layout{})
}

// SampleStoreLayout is SampleStore laid out as l.
func SampleStoreLayout(tb testing.TB, l Layout) *index.Store {
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
	return buildLayoutOnce(tb, "sample", []ingest.Input{{Name: "corpus", FS: corpus.FS, Path: "."}}, aliases, l)
}

// ReutersHeadStore returns an index directory of the first n records of
// the Reuters-21578 corpus laid out as l, built once per process; it skips
// when the corpus is absent.
func ReutersHeadStore(tb testing.TB, n int, l Layout) *index.Store {
	tb.Helper()
	path := testutil.Corpus(tb, "reuters21578.jsonl.gz")
	key := fmt.Sprintf("reuters%d", n)
	built.Lock()
	_, have := built.dirs[key+"-"+strings.ReplaceAll(l.String(), "=", "")]
	built.Unlock()
	var data []byte
	if !have {
		var err error
		if data, err = headLines(path, n); err != nil {
			tb.Fatal(err)
		}
	}
	in := []ingest.Input{{Name: key, FS: fstest.MapFS{"head.jsonl": {Data: data}}, Path: "head.jsonl"}}
	return buildLayoutOnce(tb, key, in, nil, l)
}

// headLines reads the first n lines of a gzipped JSON Lines file.
func headLines(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out bytes.Buffer
	br := bufio.NewReaderSize(zr, 1<<20)
	for i := 0; i < n; i++ {
		line, err := br.ReadBytes('\n')
		out.Write(line)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return out.Bytes(), nil
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
