package cluster

import (
	"context"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// Ops appended to the change stream (indexer add and delete) reach a
// partitioned cluster: each node lays over its shards the ops of their
// articles (and every op's labels over its front engine), so that every
// node answers as one engine over the whole generation with the same ops
// laid over it. A node that joins after the ops fetches its shards and
// lays the ops over them before it announces them.
func TestPartitionedChanges(t *testing.T) {
	url, _ := startNATS(t, 1)
	opts := Options{URL: url, NodeTTL: 3 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: 3})
	info, err := store.Current()
	if err != nil {
		t.Fatal(err)
	}
	coord := connect(t, opts)
	nodes := []*partNode{startPartNode(t, opts, "alpha", 1), startPartNode(t, opts, "beta", 1)}
	waitFor(t, "two nodes announced", func() bool {
		ns, err := coord.Nodes(ctx)
		return err == nil && len(ns) == 2
	})
	m, err := coord.Publish(ctx, info)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes {
		waitFor(t, n.name+" answering from the publication", func() bool { return n.p.Status().Serving == m.ID })
	}

	// The reference: one engine over the whole generation.
	g, err := index.OpenGeneration(info)
	if err != nil {
		t.Fatal(err)
	}
	whole := search.New(nil, nil, search.Options{}, nil)
	whole.Serve(g, m.ChangeSeq)
	t.Cleanup(func() { _ = whole.Close(context.Background()) })
	oldest, err := whole.Search(ctx, search.Request{Sort: search.SortOldest, Size: 10, Facets: []search.FacetSpec{}})
	if err != nil || len(oldest.Hits) < 10 {
		t.Fatalf("%v: %d hits", err, len(oldest.Hits))
	}
	// Ops on articles of several shards: a change, a new article, deletes.
	ops := []index.Op{upsert(oldest.Hits[0].ID, "Zanzibar grain talks resume"), upsert("z-new", "Zanzibar envoy named"),
		del(oldest.Hits[1].ID), del(oldest.Hits[2].ID), del(oldest.Hits[3].ID)}
	shardsHit := map[int]bool{}
	for _, op := range ops {
		id := op.ID
		if op.Article != nil {
			id = op.Article.ID
		}
		shardsHit[index.ShardOf(id, 3)] = true
	}
	if len(shardsHit) < 2 {
		t.Fatalf("the ops touch shards %v: a weak test", shardsHit)
	}
	done, err := coord.AppendChanges(ctx, ops)
	if err != nil {
		t.Fatal(err)
	}
	if err := whole.CatchUp(ctx, done); err != nil {
		t.Fatal(err)
	}
	last := done[len(done)-1].Seq

	reqs := []search.Request{
		{Q: "zanzibar", Facets: []search.FacetSpec{{Name: "source", Size: 5}, {Name: "country", Size: 5}}},
		{Histogram: search.IntervalMonth, Facets: []search.FacetSpec{{Name: "source", Size: 10}}, Sort: search.SortOldest, Size: 8},
		{Q: "said", Sort: search.SortNewest, Size: 20},
		{Mode: search.ModeQuotes, Sort: search.SortOldest, Size: 20},
	}
	same := func(n *partNode) {
		t.Helper()
		for i, req := range reqs {
			want, err := whole.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := n.p.Search(ctx, req, false)
			if err != nil {
				t.Fatalf("%s, request %d: %v", n.name, i, err)
			}
			if err := samePublished(got, want); err != nil {
				t.Errorf("%s, request %d %+v: %v", n.name, i, req, err)
			}
		}
	}
	for _, n := range nodes {
		waitFor(t, n.name+" applying the ops", func() bool {
			res, err := n.p.Search(ctx, reqs[0], false)
			return err == nil && res.Total == 2 && n.p.Front.JournalSeq() == last
		})
		same(n)
	}
	if res, _ := whole.Search(ctx, reqs[0]); res.Total != 2 {
		t.Fatalf("the reference finds %d zanzibar articles, want 2", res.Total)
	}

	// A node joining now takes shards from the others: it lays the ops
	// over them before it announces them, so that every answer stays the
	// reference's while the shards move.
	nodes = append(nodes, startPartNode(t, opts, "gamma", 1))
	for deadline := time.Now().Add(20 * time.Second); ; {
		for _, n := range nodes[:2] {
			same(n)
		}
		st := nodes[2].p.Status()
		if st.Serving == m.ID && len(st.Held[m.ID]) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("gamma never served its shards")
		}
		time.Sleep(50 * time.Millisecond)
	}
	gamma := nodes[2]
	gamma.servedMu.Lock()
	if len(gamma.servedAt) == 0 {
		t.Error("gamma served no shard")
	}
	for _, seq := range gamma.servedAt {
		if seq != last {
			t.Errorf("gamma served a shard at change %d, want %d (the ops laid over it first)", seq, last)
		}
	}
	gamma.servedMu.Unlock()
	waitFor(t, "gamma's front caught up", func() bool { return gamma.p.Front.JournalSeq() == last })
	for _, n := range nodes {
		same(n)
	}
}
