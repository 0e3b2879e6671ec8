package cluster

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// shardEngine serves shard n of the generation of info alone.
func shardEngine(t *testing.T, info index.GenInfo, n int) *search.Engine {
	t.Helper()
	g, err := index.OpenGenerationShards(info, []int{n})
	if err != nil {
		t.Fatal(err)
	}
	e := search.New(nil, nil, search.Options{}, nil)
	e.Serve(g, g.Meta.JournalSeq)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	return e
}

func natsConn(t *testing.T, url, name string) *nats.Conn {
	t.Helper()
	nc, err := nats.Connect(url, nats.Name(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// sameResponse compares what partitioned serving must give as one engine
// does: all but the time taken, the suggestion and, by relevance, the
// last bits of scores (compared by the search package's tests).
func sameResponse(got, want *search.Response) error {
	g, w := *got, *want
	g.TookMS, w.TookMS, g.Suggestion, w.Suggestion = 0, 0, nil, nil
	if !reflect.DeepEqual(g, w) {
		return fmt.Errorf("got total %d, %d hits, cursor %v\nwant total %d, %d hits, cursor %v",
			g.Total, len(g.Hits), g.NextCursor != nil, w.Total, len(w.Hits), w.NextCursor != nil)
	}
	return nil
}

// TestShardsOverNATS: two nodes serve the three shards of a generation
// over NATS, shard 1 on both; a third node answers requests from one
// replica of each shard and merges them as one engine over every shard
// answers. A replica that never answers costs a retry, not a failure; when
// the only node of shard 0 leaves, requests fail naming shard 0, or with
// AllowPartial answer without it, marked partial.
func TestShardsOverNATS(t *testing.T) {
	ctx := context.Background()
	url, _ := startNATS(t, 1)
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: 3})
	info, err := store.Current()
	if err != nil {
		t.Fatal(err)
	}
	whole := search.New(store, nil, search.Options{}, nil)
	if _, err := whole.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = whole.Close(ctx) })

	const prefix = "readout"
	nodeA, nodeB := natsConn(t, url, "node-a"), natsConn(t, url, "node-b")
	for _, n := range []struct {
		nc    *nats.Conn
		shard int
	}{{nodeA, 0}, {nodeA, 1}, {nodeB, 1}, {nodeB, 2}} {
		if _, err := ServeShard(n.nc, prefix, info.Name, n.shard, shardEngine(t, info, n.shard)); err != nil {
			t.Fatal(err)
		}
	}
	if err := nodeA.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := nodeB.Flush(); err != nil {
		t.Fatal(err)
	}
	asker := natsConn(t, url, "node-c")
	merger := shardEngine(t, info, 2) // the node asked holds some shard of the generation
	searchers := ShardSearchers(asker, prefix, info.Name, 3, ShardOptions{Timeout: 2 * time.Second})

	reqs := []search.Request{
		{Histogram: search.IntervalMonth},
		{Q: "said", Sort: search.SortNewest, Facets: []search.FacetSpec{{Name: "country", Size: 2}}, Histogram: search.IntervalAuto, Split: search.FacetSpec{Name: "source", Size: 2}},
		{Mode: search.ModeQuotes, Q: "cease*", Sort: search.SortOldest, Size: 3},
		{Q: "said", Filters: map[string][]string{"country": {"UA"}}, Sort: search.SortOldest, Size: 4},
		{Mode: search.ModeQuotes, Collapse: true, Sort: search.SortNewest, Size: 30},
	}
	for i, req := range reqs {
		for page := 1; page <= 3; page++ {
			want, err := whole.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := merger.Gather(ctx, req, searchers, search.GatherOptions{})
			if err != nil {
				t.Fatalf("request %d page %d: %v", i, page, err)
			}
			if err := sameResponse(got, want); err != nil {
				t.Fatalf("request %d %+v page %d: %v", i, req, page, err)
			}
			if want.Total == 0 {
				t.Errorf("request %d matches nothing: a weak test", i)
			}
			if want.NextCursor == nil {
				break
			}
			req.Cursor = *want.NextCursor
		}
	}

	// A replica of shard 0 that takes requests and never answers: a
	// request it takes times out and goes again.
	var hung atomic.Int64
	stuck, err := nodeB.QueueSubscribe(ShardSubject(prefix, info.Name, 0), ShardSubject(prefix, info.Name, 0), func(*nats.Msg) { hung.Add(1) })
	if err != nil {
		t.Fatal(err)
	}
	if err := nodeB.Flush(); err != nil {
		t.Fatal(err)
	}
	retrying := ShardSearchers(asker, prefix, info.Name, 3, ShardOptions{Timeout: 200 * time.Millisecond, Tries: 30})
	want, err := whole.Search(ctx, reqs[0])
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; hung.Load() == 0 && i < 40; i++ {
		got, err := merger.Gather(ctx, reqs[0], retrying, search.GatherOptions{})
		if err != nil {
			t.Fatalf("with a hung replica: %v", err)
		}
		if err := sameResponse(got, want); err != nil {
			t.Fatalf("with a hung replica: %v", err)
		}
	}
	if hung.Load() == 0 {
		t.Fatal("the hung replica never took a request: a weak test")
	}
	if err := stuck.Unsubscribe(); err != nil {
		t.Fatal(err)
	}

	// Node A leaves: shard 0 has no replica; shard 1 is still node B's.
	nodeA.Close()
	var missing *search.MissingShardsError
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err = merger.Gather(ctx, reqs[0], searchers, search.GatherOptions{})
		if errors.As(err, &missing) || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond) // the server forgets node A's interest
	}
	if !errors.As(err, &missing) || fmt.Sprint(missing.Missing) != "[0]" {
		t.Fatalf("node A gone: %v, want shard 0 missing", err)
	}
	res, err := merger.Gather(ctx, reqs[1], searchers, search.GatherOptions{AllowPartial: true})
	if err != nil {
		t.Fatal(err)
	}
	var rest int
	for _, n := range []int{1, 2} {
		pt, err := shardEngine(t, info, n).SearchPartial(ctx, search.PartialRequest{Request: reqs[1]})
		if err != nil {
			t.Fatal(err)
		}
		rest += pt.Total
	}
	if !res.Partial || fmt.Sprint(res.MissingShards) != "[0]" || res.Total != rest || rest == 0 {
		t.Errorf("node A gone, partial allowed: partial %v, missing %v, total %d; want shards 1 and 2's %d",
			res.Partial, res.MissingShards, res.Total, rest)
	}
}

// A retry goes to the replicas named by the nodes' announcements in turn
// (ShardOptions.Replicas), not to the one NATS picks: with a replica
// that takes requests and never answers, no request fails in three
// tries. Left to the queue group, all three tries of a request would go
// to the hung replica one time in eight.
func TestShardRetryGoesToAnotherReplica(t *testing.T) {
	ctx := context.Background()
	url, _ := startNATS(t, 1)
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: 3})
	info, err := store.Current()
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "readout"
	good, hungConn := natsConn(t, url, "good"), natsConn(t, url, "hung")
	for n := range 3 {
		e := shardEngine(t, info, n)
		if _, err := ServeShard(good, prefix, info.Name, n, e); err != nil {
			t.Fatal(err)
		}
		if _, err := ServeReplica(good, prefix, info.Name, n, "good", e); err != nil {
			t.Fatal(err)
		}
	}
	var hung atomic.Int64
	for _, subj := range []string{ShardSubject(prefix, info.Name, 0), ReplicaSubject(prefix, info.Name, 0, "hung")} {
		if _, err := hungConn.QueueSubscribe(subj, ShardSubject(prefix, info.Name, 0), func(*nats.Msg) { hung.Add(1) }); err != nil {
			t.Fatal(err)
		}
	}
	for _, nc := range []*nats.Conn{good, hungConn} {
		if err := nc.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	asker := natsConn(t, url, "asker")
	merger := shardEngine(t, info, 1)
	searchers := ShardSearchers(asker, prefix, info.Name, 3, ShardOptions{Timeout: 100 * time.Millisecond, Tries: 3,
		Replicas: func(n int) []string {
			if n == 0 {
				return []string{"hung", "good"}
			}
			return []string{"good"}
		}})
	req := search.Request{Histogram: search.IntervalMonth}
	for i := range 40 {
		if _, err := merger.Gather(ctx, req, searchers, search.GatherOptions{}); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	if hung.Load() < 5 {
		t.Fatalf("the hung replica took %d requests: a weak test", hung.Load())
	}
}
