package cluster

import (
	"context"
	"testing"
	"time"
)

// On three NATS servers with buckets replicated on all three, losing any
// one server loses nothing: the manifest is read, nodes announce and
// shards are fetched and verified as before.
func TestClusterSurvivesServerLoss(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-server NATS cluster")
	}
	url, servers := startNATS(t, 3)
	shortStalls(t)
	c := connect(t, Options{URL: url, StreamReplicas: 3})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	gen := buildGeneration(t, 2, 20)
	m, err := c.Publish(ctx, gen)
	if err != nil {
		t.Fatal(err)
	}
	// the server this client is connected to goes first
	connected := c.NC.ConnectedServerName()
	for _, s := range servers {
		if s.Name() == connected {
			s.Shutdown()
			s.WaitForShutdown()
		}
	}
	// reads and writes go on once the client has reconnected and the
	// streams that lost their leader have elected another
	var cur Manifest
	deadline := time.Now().Add(30 * time.Second)
	for {
		cur, err = c.Current(ctx) // each request is bounded (op): one lost in the failover is tried again
		if err == nil {
			if err = c.Announce(ctx, NodeState{Node: "n1", Manifest: cur.ID, Ready: []int{0}}); err == nil {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("30s after losing server %s: %v", connected, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if cur.ID != m.ID {
		t.Fatalf("current %s after losing a server, want %s", cur.ID, m.ID)
	}
	folder, err := c.Fetch(ctx, cur, []int{0, 1}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, files(t, folder), files(t, gen.Path), "")
	nodes, err := c.Nodes(ctx)
	if err != nil || len(nodes) != 1 {
		t.Fatalf("nodes %+v, %v", nodes, err)
	}
}

// shortStalls gives up a stalled transfer after 3s instead of 15 for the
// test.
func shortStalls(t *testing.T) {
	old := stallTimeout
	stallTimeout = 3 * time.Second
	t.Cleanup(func() { stallTimeout = old })
}
