package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/cluster"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/testutil"
)

// getJSON GETs url and decodes its JSON body into v, returning the status.
func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return resp.StatusCode
}

// A searchd following a cluster serves each generation published to it,
// swapping as after a build, shows the cluster in /readyz and
// /api/v1/stats, and appends its admin changes to the cluster's change
// stream, laying them over each generation it serves.
func TestRunFollowsCluster(t *testing.T) {
	nats, err := cluster.StartServer(cluster.ServerOptions{Name: "test", StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer nats.Shutdown()
	ctx := context.Background()
	pub, err := cluster.Connect(ctx, cluster.Options{URL: nats.ClientURL()})
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	built := filepath.Join(t.TempDir(), "built")
	buildIndex(t, built)
	store, err := index.OpenStore(built)
	if err != nil {
		t.Fatal(err)
	}
	gen, err := store.Current()
	if err != nil {
		t.Fatal(err)
	}
	m, err := pub.Publish(ctx, gen)
	if err != nil {
		t.Fatal(err)
	}

	follow := filepath.Join(t.TempDir(), "follow")
	ready, stderr, stop := startSearchd(t, "--index", follow, "--listen", "127.0.0.1:0", "--nats-url", nats.ClientURL(),
		"--node", "sd-1", "--admin-token", "tok")
	if ready[1] != "gen-000001" || ready[2] != "12" {
		t.Errorf("ready line %q", ready[0])
	}
	base := ready[3]
	var body struct {
		Generation string         `json:"generation"`
		Cluster    cluster.Status `json:"cluster"`
		Articles   int            `json:"articles"`
	}
	if st := getJSON(t, base+"readyz", &body); st != 200 || body.Cluster.Node != "sd-1" || body.Cluster.Serving != m.ID || body.Cluster.Published != m.ID {
		t.Errorf("readyz %d %+v", st, body)
	}
	var res struct {
		Total int `json:"total"`
	}
	if st := getJSON(t, base+"api/v1/search?q=grain", &res); st != 200 || res.Total != 12 {
		t.Errorf("search: %d, total %d", st, res.Total)
	}

	req, _ := http.NewRequest(http.MethodDelete, base+"api/v1/admin/articles/sd-01", nil)
	req.Header.Set("Authorization", "Bearer tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var applied struct {
		JournalSeq int64 `json:"journal_seq"`
	}
	json.NewDecoder(resp.Body).Decode(&applied)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || applied.JournalSeq != 1 {
		t.Errorf("delete on a follower: %d %+v; want it appended to the change stream as seq 1", resp.StatusCode, applied)
	}
	if st := getJSON(t, base+"api/v1/search?q=grain", &res); st != 200 || res.Total != 11 {
		t.Errorf("search after the delete: %d, total %d", st, res.Total)
	}
	if ops, err := pub.ChangesSince(ctx, 0); err != nil || len(ops) != 1 || ops[0].Kind != index.OpDelete || ops[0].ID != "sd-01" {
		t.Errorf("change stream %+v, %v; want the delete", ops, err)
	}

	// a new publication is served without a restart
	rebuilt := filepath.Join(t.TempDir(), "rebuilt")
	buildIndex(t, rebuilt)
	store2, _ := index.OpenStore(rebuilt)
	gen2, _ := store2.Current()
	m2, err := pub.Publish(ctx, gen2)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		var st struct {
			Generation string         `json:"generation"`
			Articles   int            `json:"articles"`
			JournalSeq int64          `json:"journal_seq"`
			Cluster    cluster.Status `json:"cluster"`
		}
		if getJSON(t, base+"api/v1/stats", &st); st.Generation == "gen-000002" && st.Cluster.Serving == m2.ID {
			if len(st.Cluster.Nodes) != 1 || st.Cluster.Nodes[0].Node != "sd-1" {
				t.Errorf("stats: nodes %+v", st.Cluster.Nodes)
			}
			// the new generation, built on one machine, folds no change:
			// the delete is laid over it
			if st.Articles != 11 || st.JournalSeq != 1 || st.Cluster.ChangeSeq != 1 {
				t.Errorf("stats: %d articles, journal seq %d, cluster change seq %d; want 11, 1, 1", st.Articles, st.JournalSeq, st.Cluster.ChangeSeq)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still not serving %s after 20s; stderr %s", m2.ID, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if nodes, _ := pub.Nodes(ctx); len(nodes) != 0 {
		t.Errorf("the node stayed announced after searchd stopped: %+v", nodes)
	}
}

// With --embed-nats searchd runs the NATS server itself and follows it:
// a generation published there is served.
func TestRunEmbedsNATS(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr testutil.SyncBuffer
	done := make(chan error, 1)
	dir := filepath.Join(t.TempDir(), "index")
	go func() {
		done <- run(ctx, []string{"--index", dir, "--listen", "127.0.0.1:0", "--embed-nats", addr, "--node", "solo"}, &stdout, &stderr)
	}()
	var pub *cluster.Client
	deadline := time.Now().Add(20 * time.Second)
	for pub == nil {
		c, err := cluster.Connect(ctx, cluster.Options{URL: "nats://" + addr})
		if err == nil {
			pub = c
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no NATS at %s: %v; stderr %s", addr, err, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	defer pub.Close()
	built := filepath.Join(t.TempDir(), "built")
	buildIndex(t, built)
	store, _ := index.OpenStore(built)
	gen, err := store.Current()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pub.Publish(ctx, gen); err != nil {
		t.Fatal(err)
	}
	for readyLine.FindString(stdout.String()) == "" {
		if time.Now().After(deadline) {
			t.Fatalf("not serving the publication; stderr %s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := os.Stat(filepath.Join(dir, "nats", "jetstream")); err != nil {
		t.Errorf("the embedded server's storage is not under the index directory: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// the node leaves before the server it runs stops
	if strings.Contains(stderr.String(), "level=ERROR") {
		t.Errorf("errors while stopping:\n%s", stderr.String())
	}
}

// With --partitioned searchd holds its shards of each publication (every
// shard, alone in the cluster), answers searches by asking the shards'
// queue groups, shows the partitioned cluster in /readyz and
// /api/v1/stats and the shard requests in /metrics, and refuses what
// partitioned serving does not answer yet.
func TestRunPartitioned(t *testing.T) {
	nats, err := cluster.StartServer(cluster.ServerOptions{Name: "test", StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer nats.Shutdown()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pub, err := cluster.Connect(ctx, cluster.Options{URL: nats.ClientURL()})
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	built := filepath.Join(t.TempDir(), "built")
	buildIndex(t, built)
	store, _ := index.OpenStore(built)
	gen, err := store.Current()
	if err != nil {
		t.Fatal(err)
	}
	m, err := pub.Publish(ctx, gen)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	base := "http://" + addr + "/"
	var stdout, stderr testutil.SyncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--index", filepath.Join(t.TempDir(), "part"), "--listen", addr, "--nats-url", nats.ClientURL(),
			"--node", "sd-p", "--partitioned"}, &stdout, &stderr)
	}()
	var ready struct {
		Status  string                  `json:"status"`
		Cluster cluster.PartitionStatus `json:"cluster"`
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(base + "readyz")
		if err == nil {
			json.NewDecoder(resp.Body).Decode(&ready)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready after 20s: %v; stderr %s", err, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	c := ready.Cluster
	if !c.Partitioned || c.Node != "sd-p" || c.Serving != m.ID || c.Replicas != 2 || len(c.Held[m.ID]) != len(m.Shards) || len(c.Shards) != len(m.Shards) {
		t.Errorf("readyz cluster %+v", c)
	}
	var res struct {
		Total int `json:"total"`
	}
	if st := getJSON(t, base+"api/v1/search?q=grain&histogram=month", &res); st != 200 || res.Total != 12 {
		t.Errorf("search: %d, total %d", st, res.Total)
	}
	var e struct {
		Error struct{ Code string } `json:"error"`
	}
	if st := getJSON(t, base+"api/v1/facets/source", &e); st != http.StatusNotImplemented || e.Error.Code != "partitioned_unsupported" {
		t.Errorf("facet values: %d %+v", st, e)
	}
	var stats struct {
		Cluster cluster.PartitionStatus `json:"cluster"`
	}
	if st := getJSON(t, base+"api/v1/stats", &stats); st != 200 || stats.Cluster.Serving != m.ID {
		t.Errorf("stats: %d %+v", st, stats)
	}
	resp, err := http.Get(base + "metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(metrics), `readout_shard_requests_total{outcome="ok",shard="0"}`) {
		t.Errorf("no shard requests in the metrics:\n%s", metrics)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if nodes, _ := pub.Nodes(context.Background()); len(nodes) != 0 {
		t.Errorf("the node stayed announced after searchd stopped: %+v", nodes)
	}
}
