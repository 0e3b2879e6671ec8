package main

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/readout/readout/internal/cli"
	"github.com/readout/readout/internal/cluster"
	"github.com/readout/readout/internal/testutil"
)

// startNATS starts an embedded NATS server for the test and returns its
// URL.
func startNATS(t *testing.T) string {
	t.Helper()
	srv, err := cluster.StartServer(cluster.ServerOptions{Name: "test", StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	return srv.ClientURL()
}

func TestPublishAndCluster(t *testing.T) {
	url := startNATS(t)
	dir := t.TempDir()
	corpus := writeFile(t, dir, "c/articles.jsonl", sampleJSONL)
	idx := filepath.Join(dir, "idx")
	if _, _, err := runArgs(t, "build", "--corpus", corpus, "--index", idx, "--shards", "3"); err != nil {
		t.Fatal(err)
	}

	out, _, err := runArgs(t, "cluster", "--nats-url", url)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "no generation is published") || !strings.Contains(out, "0 live nodes") {
		t.Errorf("cluster before publishing:\n%s", out)
	}

	out, _, err = runArgs(t, "publish", "--index", idx, "--nats-url", url)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`published gen-000001 as (gen-000001-[0-9a-f]+) \(revision 1\): 2 articles, 3 shards, .*\(change seq 0\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("publish said %q", out)
	}
	out, _, err = runArgs(t, "cluster", "--nats-url", url)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"generation " + m[1] + " (gen-000001, revision 1", "2 articles", "000 ", "001 ", "002 ", "0 live nodes"} {
		if !strings.Contains(out, want) {
			t.Errorf("cluster output lacks %q:\n%s", want, out)
		}
	}
	// A partitioned node that serves shards 0 and 2 of the publication
	// before it answers from it.
	cl, err := cluster.Connect(context.Background(), cluster.Options{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.Announce(context.Background(), cluster.NodeState{Node: "part-1", Ready: []int{}, Held: map[string][]int{m[1]: {0, 2}}}); err != nil {
		t.Fatal(err)
	}
	out, _, err = runArgs(t, "cluster", "--nats-url", url)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^000 .*part-1$`).MatchString(out) || !regexp.MustCompile(`(?m)^001 .*none$`).MatchString(out) ||
		!strings.Contains(out, "partitioned: serves shards [0 2] of "+m[1]) {
		t.Errorf("cluster output with a partitioned node:\n%s", out)
	}
	if err := cl.Leave(context.Background(), "part-1"); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		args  []string
		want  string
		usage bool
	}{
		{"no cluster", []string{"publish", "--index", idx}, "no cluster", true},
		{"unknown generation", []string{"publish", "--index", idx, "--nats-url", url, "--generation", "gen-000009"}, `generation "gen-000009": not in`, false},
		{"bad url", []string{"cluster", "--nats-url", "localhost"}, "cluster.nats_url", false},
		{"empty index", []string{"publish", "--index", filepath.Join(dir, "none"), "--nats-url", url}, "no published generation", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runArgs(t, tc.args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one with %q", err, tc.want)
			}
			if got := errors.Is(err, cli.ErrUsage); got != tc.usage {
				t.Errorf("usage error %v, want %v", got, tc.usage)
			}
		})
	}
}

// indexer build --nats-url builds on the cluster's workers (indexer
// worker) and publishes there; add and delete append to the cluster's
// change stream, and the next build folds them in.
func TestDistributedBuildCommands(t *testing.T) {
	url := startNATS(t)
	dir := t.TempDir()
	corpus := writeFile(t, dir, "c/articles.jsonl", sampleJSONL)

	ctx, cancel := context.WithCancel(context.Background())
	var wout, werr testutil.SyncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"worker", "--nats-url", url, "--name", "w1", "--dir", t.TempDir(), "--workers", "1"}, &wout, &werr)
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("worker: %v", err)
		}
		if !strings.Contains(wout.String(), "worker w1 taking shard jobs") {
			t.Errorf("worker said %q", wout.String())
		}
	}()
	out, _, err := runArgs(t, "build", "--corpus", corpus, "--nats-url", url, "--shards", "2")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`built and published build-\S+ \(revision 1\): read 3, indexed 2, skipped 1; 2 shards by w1 \(2\)`).MatchString(out) {
		t.Errorf("build said %q", out)
	}
	out, _, err = runArgs(t, "cluster", "--nats-url", url)
	if err != nil || !strings.Contains(out, "2 articles") || !strings.Contains(out, "change stream: last seq 0") {
		t.Errorf("cluster after the build: %v\n%s", err, out)
	}

	t.Setenv("READOUT_CLUSTER_NATS_URL", url)
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"add", "--corpus", corpus}, "appended 3 ops (seq 1-3) to the cluster's change stream"},
		{[]string{"delete", "a1", "a9"}, "appended 2 ops (seq 4-5)"},
	}
	for _, st := range steps {
		out, _, err := runArgs(t, st.args...)
		if err != nil || !strings.Contains(out, st.want) {
			t.Errorf("%v: %v\n%s\nwant %q", st.args, err, out, st.want)
		}
	}
	if _, _, err := runArgs(t, "delete", ""); err == nil || !strings.Contains(err.Error(), "delete: missing id: nothing appended") {
		t.Errorf("delete of an empty id: %v", err)
	}
	out, _, err = runArgs(t, "build", "--corpus", corpus, "--shards", "2")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`built and published build-\S+ \(revision 2\): read 3, indexed 1, skipped 1`).MatchString(out) {
		t.Errorf("build after the changes said %q; want a1 deleted", out)
	}
	out, _, err = runArgs(t, "cluster")
	if err != nil || !strings.Contains(out, "1 articles") || !strings.Contains(out, "changes folded to seq 5") {
		t.Errorf("cluster after the second build: %v\n%s", err, out)
	}
}
