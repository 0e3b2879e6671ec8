package cluster

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/testutil"
)

// On three NATS servers (buckets and streams on all three), two workers
// and two following searchd nodes: a distributed build publishes a
// generation; one NATS server dies; a second build on the other two
// publishes one that both nodes serve, and that answers the standard
// requests exactly as a local build of the corpus.
func TestClusterIntegration(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-server NATS cluster")
	}
	url, servers := startNATS(t, 3)
	shortStalls(t)
	opts := Options{URL: url, StreamReplicas: 3, JobAckWait: 2 * time.Second, NodeTTL: 3 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	coord := connect(t, opts)
	startWorkers(t, opts, 2)

	var stores []*index.Store
	for _, node := range []string{"searchd-1", "searchd-2"} {
		store, err := index.OpenStore(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		stores = append(stores, store)
		f := &Follower{Client: connect(t, opts), Store: store, Node: node}
		fctx, fcancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { defer close(done); f.Run(fctx) }()
		t.Cleanup(func() { fcancel(); <-done })
	}

	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(corpus, []byte(strings.Join(testutil.SyndicatedCorpus(t), "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []ingest.Input{ingest.OSInput(corpus)}
	spec := BuildSpec{Inputs: inputs, Shards: 4, Dir: dir, Logger: testLogger()}
	if _, err := coord.Build(ctx, spec); err != nil {
		t.Fatal(err)
	}
	// One NATS server dies (not the coordinator's): a second build runs on
	// the other two, and the nodes fetch its generation from them.
	for _, s := range servers {
		if s.Name() != coord.NC.ConnectedServerName() {
			s.Shutdown()
			break
		}
	}
	sum, err := coord.Build(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}

	local := localBuild(t, filepath.Join(dir, "local"), inputs, 4)
	want := responses(t, local, standardRequests)
	for i, store := range stores {
		waitFor(t, "the nodes serving the build", func() bool {
			g, err := store.Current()
			return err == nil && g.Meta.Cluster == sum.Manifest.ID
		})
		got := responses(t, store, standardRequests)
		for k := range want {
			if got[k] != want[k] {
				t.Errorf("node %d, request %+v:\n%.600s\nwant the local build's\n%.600s", i+1, standardRequests[k], got[k], want[k])
			}
		}
	}
}
