package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/testutil"
)

// testLogger logs to stderr when READOUT_TEST_LOG is set.
func testLogger() *slog.Logger {
	if os.Getenv("READOUT_TEST_LOG") == "" {
		return nil
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// startWorkers runs n workers, connected with o, until the test ends;
// hook, if given, is each worker's beforeBuild.
func startWorkers(t *testing.T, o Options, n int, hook ...func(Job)) []*Worker {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	t.Cleanup(func() { cancel(); wg.Wait() })
	var ws []*Worker
	for i := range n {
		w := &Worker{Client: connect(t, o), Name: fmt.Sprintf("worker-%d", i+1), Dir: t.TempDir(), Workers: 2, Logger: testLogger()}
		if len(hook) > 0 {
			w.beforeBuild = hook[0]
		}
		ws = append(ws, w)
		wg.Add(1)
		go func() { defer wg.Done(); w.Run(ctx) }()
	}
	return ws
}

// localBuild builds inputs into a new index directory at dir, as one
// machine would, and returns it.
func localBuild(t *testing.T, dir string, inputs []ingest.Input, shards int) *index.Store {
	t.Helper()
	store, err := index.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Build(context.Background(), index.BuildOptions{Inputs: inputs, Extractor: x, Shards: shards}); err != nil {
		t.Fatal(err)
	}
	return store
}

// followInto imports the published generation into a new index directory
// and returns it.
func followInto(t *testing.T, c *Client) *index.Store {
	t.Helper()
	ctx := context.Background()
	m, err := c.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	store, err := index.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := make([]uint64, len(m.Shards))
	for i, s := range m.Shards {
		want[i] = s.Documents
	}
	if _, err := store.Import(ctx, m.ID, m.ChangeSeq, want, 2, func(dir string) error {
		if err := c.GetDir(ctx, m.Files, dir); err != nil {
			return err
		}
		for i, s := range m.Shards {
			if err := c.GetDir(ctx, s.Blob, filepath.Join(dir, index.ShardFolder(i))); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return store
}

// responses runs reqs on the store's current generation and returns each
// response as JSON, without its timing and generation name.
func responses(t *testing.T, store *index.Store, reqs []search.Request) []string {
	t.Helper()
	e := search.New(store, nil, search.Options{}, nil)
	defer e.Close(context.Background())
	if _, err := e.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range reqs {
		res, err := e.Search(context.Background(), r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		var m map[string]any
		b, _ := json.Marshal(res)
		json.Unmarshal(b, &m)
		delete(m, "took_ms")
		delete(m, "generation")
		b, _ = json.Marshal(m)
		out = append(out, string(b))
	}
	return out
}

// The standard requests the distributed and the local generation must
// answer alike: the start page, a query with facets and histogram, a
// filter, quotes, a sort, a second page by cursor.
var standardRequests = []search.Request{
	{Histogram: search.IntervalMonth},
	{Q: "talks", Histogram: search.IntervalYear},
	{Q: "border OR ceasefire", Filters: map[string][]string{"country": {"HR"}}},
	{Mode: search.ModeQuotes, Q: "minister"},
	{Sort: search.SortNewest, Size: 5},
	{Q: "said", Size: 7, NoVariants: true},
}

func TestDistributedBuildEqualsLocal(t *testing.T) {
	url, _ := startNATS(t, 1)
	startWorkers(t, Options{URL: url, JobAckWait: 10 * time.Second}, 2)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(corpus, []byte(strings.Join(testutil.SyndicatedCorpus(t), "\n")+"\n{\"id\": \"\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []ingest.Input{ingest.OSInput(corpus)}
	c := connect(t, Options{URL: url})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sum, err := c.Build(ctx, BuildSpec{Inputs: inputs, Shards: 3, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Skipped != 1 || len(sum.Workers) != 3 {
		t.Errorf("summary %+v: want 1 skipped record and 3 shards", sum)
	}

	local := localBuild(t, filepath.Join(dir, "local"), inputs, 3)
	lg, _ := local.Current()
	followed := followInto(t, c)
	fg, _ := followed.Current()
	for _, f := range []string{"labels.json", "groups.json.gz", "aliases.json"} {
		got, _ := os.ReadFile(filepath.Join(fg.Path, f))
		want, _ := os.ReadFile(filepath.Join(lg.Path, f))
		if string(got) != string(want) {
			t.Errorf("%s differs from a local build's", f)
		}
	}
	lm, fm := lg.Meta, fg.Meta
	fm.Generation, fm.BuiltAt, fm.Seconds, fm.JournalSeq, fm.Cluster = lm.Generation, lm.BuiltAt, lm.Seconds, lm.JournalSeq, lm.Cluster
	lb, _ := json.Marshal(lm)
	fb, _ := json.Marshal(fm)
	if string(lb) != string(fb) {
		t.Errorf("meta\n%s\nwant a local build's\n%s", fb, lb)
	}
	got, want := responses(t, followed, standardRequests), responses(t, local, standardRequests)
	for i := range want {
		var r struct{ Total int }
		json.Unmarshal([]byte(want[i]), &r)
		if r.Total == 0 {
			t.Errorf("request %+v finds nothing: it compares nothing", standardRequests[i])
		}
		if got[i] != want[i] {
			t.Errorf("request %+v:\n%.800s\nwant the local build's\n%.800s", standardRequests[i], got[i], want[i])
		}
	}

	// what is left in the object store: the publication's shards and files
	list, _ := c.blobs.List(ctx)
	var names []string
	for _, o := range list {
		names = append(names, o.Name)
	}
	if len(names) != 4 {
		t.Errorf("objects left after the build: %v; want its 3 shards and its files", names)
	}
}

// A worker that dies mid-job never acknowledges it: after the ack wait
// the job goes to another worker, and the build completes.
func TestWorkerKilledMidJob(t *testing.T) {
	url, _ := startNATS(t, 1)
	victim := &Worker{Client: connect(t, Options{URL: url, JobAckWait: time.Second}), Name: "victim", Dir: t.TempDir(), Workers: 1}
	started := make(chan Job, 1)
	release := make(chan struct{})
	victim.beforeBuild = func(j Job) {
		started <- j
		<-release
	}
	vctx, vcancel := context.WithCancel(context.Background())
	vdone := make(chan struct{})
	go func() { defer close(vdone); victim.Run(vctx) }()
	defer func() { close(release); vcancel(); <-vdone }()

	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	os.WriteFile(corpus, []byte(strings.Join(testutil.SyndicatedCorpus(t), "\n")+"\n"), 0o644)
	c := connect(t, Options{URL: url})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	type outcome struct {
		sum BuildSummary
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		sum, err := c.Build(ctx, BuildSpec{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Shards: 2, Dir: dir})
		done <- outcome{sum, err}
	}()
	job := <-started
	victim.Client.NC.Close() // dies: no ack, no more "in progress"
	startWorkers(t, Options{URL: url, JobAckWait: time.Second}, 1)
	o := <-done
	if o.err != nil {
		t.Fatal(o.err)
	}
	for i, w := range o.sum.Workers {
		if w != "worker-1" {
			t.Errorf("shard %d built by %s", i, w)
		}
	}
	e, err := c.builds.Get(ctx, resultKey(o.sum.Manifest.ID, job.Shard))
	if err != nil {
		t.Fatal(err)
	}
	var r Result
	json.Unmarshal(e.Value(), &r)
	if r.Attempt < 2 {
		t.Errorf("the dead worker's shard %d was built at delivery %d, want a redelivery", job.Shard, r.Attempt)
	}
	if got := followInto(t, c); got == nil {
		t.Fatal("no generation")
	}
}
