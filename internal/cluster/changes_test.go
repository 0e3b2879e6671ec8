package cluster

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/testutil"
)

// node is a searchd following the cluster, as cmd/searchd wires one: an
// engine whose journal is the change stream, and a follower that reloads
// it after each import and each change.
type node struct {
	engine   *search.Engine
	follower *Follower
	store    *index.Store
}

// startNode starts a node named name, connected with o, until the test
// ends; it reads the manifest (and the stream's last sequence) every
// 200ms.
func startNode(t *testing.T, o Options, name string) *node {
	t.Helper()
	return startNodePolling(t, o, name, 200*time.Millisecond)
}

func startNodePolling(t *testing.T, o Options, name string, poll time.Duration) *node {
	t.Helper()
	store, err := index.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c := connect(t, o)
	e := search.New(store, nil, search.Options{}, testLogger())
	e.SetJournal(ChangeJournal{Client: c})
	reload := func(ctx context.Context) {
		if _, err := e.Reload(ctx); err != nil && ctx.Err() == nil {
			t.Logf("%s: reload: %v", name, err)
		}
	}
	f := &Follower{
		Client: c, Store: store, Node: name, Logger: testLogger(), PollInterval: poll,
		OnImport: func(ctx context.Context, _ index.GenInfo) error {
			_, err := e.Reload(ctx)
			return err
		},
		OnChanges: reload,
		Applied:   e.JournalSeq,
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { f.Run(ctx) })
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		e.Close(context.Background())
	})
	return &node{engine: e, follower: f, store: store}
}

// total is the number of articles q finds on the node (-1: an error).
func (n *node) total(q string) int {
	res, err := n.engine.Search(context.Background(), search.Request{Q: q})
	if err != nil {
		return -1
	}
	return res.Total
}

// waitServing waits until the node serves publication m with changes
// applied up to seq.
func (n *node) waitServing(t *testing.T, m Manifest, seq int64) {
	t.Helper()
	waitFor(t, fmt.Sprintf("%s serving %s with changes to %d", n.follower.Node, m.ID, seq), func() bool {
		st := n.follower.Status()
		return st.Serving == m.ID && st.ChangeSeq == seq && n.engine.JournalSeq() == seq
	})
}

func upsert(id, title string) index.Op {
	return index.Op{Kind: index.OpUpsert, Article: &news.Article{ID: id, Title: title, Body: title + ". The envoy said so in Geneva.",
		Published: time.Date(2022, 4, 2, 8, 0, 0, 0, time.UTC), Source: "Wire Z"}}
}

func del(id string) index.Op { return index.Op{Kind: index.OpDelete, ID: id} }

// An op appended to the change stream, by a client (indexer add and
// delete) or by a node's engine (searchd's admin changes), is applied by
// every following node; a node started after the changes catches up.
func TestChangesReachEveryNode(t *testing.T) {
	url, _ := startNATS(t, 1)
	o := Options{URL: url, Prefix: "chg", NodeTTL: 3 * time.Second}
	pub := connect(t, o)
	ctx := context.Background()
	m, err := pub.Publish(ctx, buildGeneration(t, 2, 20))
	if err != nil {
		t.Fatal(err)
	}
	if m.ChangeSeq != 0 {
		t.Errorf("a local generation published with change seq %d, want 0", m.ChangeSeq)
	}
	a, b := startNode(t, o, "sd-a"), startNode(t, o, "sd-b")
	a.waitServing(t, m, 0)
	b.waitServing(t, m, 0)

	done, err := pub.AppendChanges(ctx, []index.Op{upsert("z1", "Zanzibar grain deal"), del("a005")})
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 2 || done[0].Seq != 1 || done[1].Seq != 2 || done[0].ID != "z1" {
		t.Fatalf("appended %+v", done)
	}
	// an admin change on one node goes through the stream to the other
	if _, err := a.engine.Apply(ctx, []index.Op{del("a006")}); err != nil {
		t.Fatal(err)
	}
	late := startNode(t, o, "sd-late")
	for _, n := range []*node{a, b, late} {
		n.waitServing(t, m, 3)
		if got := n.total("zanzibar"); got != 1 {
			t.Errorf("%s: zanzibar finds %d, want the added article", n.follower.Node, got)
		}
		if got := n.total("grain"); got != 19 {
			t.Errorf("%s: grain finds %d, want 20 articles, 2 deleted, 1 added", n.follower.Node, got)
		}
	}
	waitFor(t, "every node announcing change seq 3", func() bool {
		nodes, _ := pub.Nodes(ctx)
		for _, n := range nodes {
			if n.ChangeSeq != 3 {
				return false
			}
		}
		return len(nodes) == 3
	})

	// a generation built on one machine folds none of the stream: the
	// nodes lay every op over it again
	m2, err := pub.Publish(ctx, buildGeneration(t, 3, 20))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []*node{a, b} {
		n.waitServing(t, m2, 3)
		if got := n.total("grain"); got != 19 {
			t.Errorf("%s after a local publication: grain finds %d, want 19", n.follower.Node, got)
		}
	}
}

// A node applies an op as it is appended, without waiting for its next
// poll: the append's notice wakes it.
func TestFollowerWakesOnChange(t *testing.T) {
	url, _ := startNATS(t, 1)
	o := Options{URL: url, NodeTTL: 3 * time.Second}
	pub := connect(t, o)
	ctx := context.Background()
	m, err := pub.Publish(ctx, buildGeneration(t, 1, 5))
	if err != nil {
		t.Fatal(err)
	}
	n := startNodePolling(t, o, "sd-1", time.Hour) // polls once, at its start
	n.waitServing(t, m, 0)
	for i := range 3 {
		if _, err := pub.AppendChanges(ctx, []index.Op{del(fmt.Sprintf("a%03d", i))}); err != nil {
			t.Fatal(err)
		}
		n.waitServing(t, m, int64(i+1))
	}
	if got := n.total("grain"); got != 2 {
		t.Errorf("grain finds %d, want 5 articles less 3 deleted", got)
	}
}

// An op whose notice is lost (here: appended without one) is applied at
// the node's next poll.
func TestFollowerPollsChanges(t *testing.T) {
	url, _ := startNATS(t, 1)
	o := Options{URL: url, NodeTTL: 3 * time.Second}
	pub := connect(t, o)
	ctx := context.Background()
	m, err := pub.Publish(ctx, buildGeneration(t, 1, 5))
	if err != nil {
		t.Fatal(err)
	}
	n := startNode(t, o, "sd-1")
	n.waitServing(t, m, 0)
	if _, err := pub.openChanges(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := index.MarshalOp(del("a001"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pub.JS.Publish(ctx, pub.changesSubject(), b); err != nil {
		t.Fatal(err)
	}
	n.waitServing(t, m, 1)
	if got := n.total("grain"); got != 4 {
		t.Errorf("grain finds %d, want 5 articles less 1 deleted", got)
	}
}

// AppendChanges validates as the journal does and appends nothing of a
// batch with one bad op.
func TestAppendChangesValidates(t *testing.T) {
	url, _ := startNATS(t, 1)
	c := connect(t, Options{URL: url})
	ctx := context.Background()
	huge := upsert("big", "Big")
	huge.Article.Body = strings.Repeat("word ", 300_000) // 1.5 MB: over the default max_payload
	tests := []struct {
		name string
		ops  []index.Op
		err  string
	}{
		{"no article", []index.Op{{Kind: index.OpUpsert}}, "op 1: upsert without an article"},
		{"no id", []index.Op{upsert("ok", "Fine"), del("")}, "op 2: delete: missing id"},
		{"unknown kind", []index.Op{{Kind: "rename", ID: "x"}}, `unknown op kind "rename"`},
		{"empty article", []index.Op{upsert("ok", "Fine"), {Kind: index.OpUpsert, Article: &news.Article{ID: "e"}}}, "neither title nor body"},
		{"too large", []index.Op{upsert("ok", "Fine"), huge}, "over the NATS servers' max_payload"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			done, err := c.AppendChanges(ctx, tc.ops)
			if err == nil || !strings.Contains(err.Error(), tc.err) || len(done) != 0 {
				t.Fatalf("appended %d, error %v; want none and %q", len(done), err, tc.err)
			}
		})
	}
	if last, err := c.LastChange(ctx); err != nil || last != 0 {
		t.Errorf("last change %d, %v after refused batches; want 0", last, err)
	}
}

// A distributed build folds the stream's ops in as a local build folds
// its journal, records the last in the manifest, and nodes lay over the
// new generation only the ops after it.
func TestBuildFoldsChanges(t *testing.T) {
	url, _ := startNATS(t, 1)
	o := Options{URL: url, JobAckWait: 10 * time.Second}
	startWorkers(t, o, 2)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(corpus, []byte(strings.Join(testutil.SyndicatedCorpus(t), "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []ingest.Input{ingest.OSInput(corpus)}
	c := connect(t, o)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := c.Build(ctx, BuildSpec{Inputs: inputs, Shards: 3, Dir: dir}); err != nil {
		t.Fatal(err)
	}
	n := startNode(t, Options{URL: url, NodeTTL: 3 * time.Second}, "sd-1")
	first, err := c.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n.waitServing(t, first, 0)
	talks := n.total("talks")
	if talks < 2 {
		t.Fatalf("talks finds %d articles: the test deletes one and replaces another", talks)
	}

	// two articles of the corpus found by "talks": one deleted, one
	// replaced by a version without the word; one added, twice
	hits, err := n.engine.Search(ctx, search.Request{Q: "talks", Size: 2})
	if err != nil {
		t.Fatal(err)
	}
	gone, replaced := hits.Hits[0].ID, hits.Hits[1].ID
	ops := []index.Op{
		upsert("z1", "Zanzibar talks open"),
		del(gone),
		upsert(replaced, "Zanzibar ferry timetable"),
		upsert("z1", "Zanzibar talks resume"),
	}
	if _, err := c.AppendChanges(ctx, ops); err != nil {
		t.Fatal(err)
	}
	n.waitServing(t, first, 4)
	if got := n.total("talks"); got != talks-1 {
		t.Errorf("before the build: talks finds %d, want %d", got, talks-1)
	}

	sum, err := c.Build(ctx, BuildSpec{Inputs: inputs, Shards: 3, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Manifest.ChangeSeq != 4 || sum.Changes != 4 {
		t.Errorf("build folded %d changes to seq %d; want 4 to 4", sum.Changes, sum.Manifest.ChangeSeq)
	}
	// the same responses as a local build of the corpus with the same
	// ops journaled
	localDir := filepath.Join(dir, "local")
	ls, err := index.OpenStore(localDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ls.AppendJournal(ops); err != nil {
		t.Fatal(err)
	}
	local := localBuild(t, localDir, inputs, 3)
	followed := followInto(t, c)
	fg, _ := followed.Current()
	if fg.Meta.JournalSeq != 4 {
		t.Errorf("imported generation's journal seq %d, want 4", fg.Meta.JournalSeq)
	}
	reqs := append(standardRequests, search.Request{Q: "zanzibar"}, search.Request{Q: "talks"})
	got, want := responses(t, followed, reqs), responses(t, local, reqs)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %+v:\n%.800s\nwant the local build's\n%.800s", reqs[i], got[i], want[i])
		}
	}

	// the node imports the new generation with nothing laid over it, then
	// applies what comes after
	n.waitServing(t, sum.Manifest, 4)
	// (z1 holds a quote document: "said so")
	check := func(when string, talksWant, zanzibarWant, hidden int) {
		t.Helper()
		if got := n.total("talks"); got != talksWant {
			t.Errorf("%s: talks finds %d, want %d", when, got, talksWant)
		}
		if got := n.total("zanzibar"); got != zanzibarWant {
			t.Errorf("%s: zanzibar finds %d, want %d", when, got, zanzibarWant)
		}
		st, err := n.engine.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// ops applied twice would lay documents over the generation that
		// holds them already
		if st.OverlayDocs != 0 || st.HiddenDocs != hidden {
			t.Errorf("%s: %d documents laid over the generation, %d hidden; want none and %d", when, st.OverlayDocs, st.HiddenDocs, hidden)
		}
	}
	check("after the build", talks-1, 2, 0)
	if _, err := c.AppendChanges(ctx, []index.Op{del("z1")}); err != nil {
		t.Fatal(err)
	}
	n.waitServing(t, sum.Manifest, 5)
	check("after a change", talks-2, 1, 1)
}

// With three NATS servers and the stream on all three, losing one loses
// no change: every op appended before is read after, appends go on, and a
// following node applies them all.
func TestChangesSurviveServerLoss(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-server NATS cluster")
	}
	url, servers := startNATS(t, 3)
	shortStalls(t)
	o := Options{URL: url, StreamReplicas: 3, NodeTTL: 3 * time.Second}
	c := connect(t, o)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	m, err := c.Publish(ctx, buildGeneration(t, 2, 10))
	if err != nil {
		t.Fatal(err)
	}
	n := startNode(t, o, "sd-1")
	n.waitServing(t, m, 0)
	var ops []index.Op
	for i := range 20 {
		ops = append(ops, upsert(fmt.Sprintf("z%02d", i), fmt.Sprintf("Zanzibar %d", i)))
	}
	if _, err := c.AppendChanges(ctx, ops[:10]); err != nil {
		t.Fatal(err)
	}
	// the stream's leader goes
	st, err := c.openChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Config.Replicas != 3 || info.Cluster == nil {
		t.Fatalf("stream replicas %d, cluster %+v: want 3", info.Config.Replicas, info.Cluster)
	}
	lost := info.Cluster.Leader
	for _, s := range servers {
		if s.Name() == lost {
			s.Shutdown()
			s.WaitForShutdown()
		}
	}
	if _, err := c.AppendChanges(ctx, ops[10:]); err != nil {
		t.Fatalf("append after losing %s: %v", lost, err)
	}
	var got []index.Op
	deadline := time.Now().Add(30 * time.Second)
	for {
		got, err = c.ChangesSince(ctx, 0)
		if err == nil && len(got) == len(ops) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("30s after losing %s: %d ops read of %d, %v", lost, len(got), len(ops), err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	for i, op := range got {
		if op.Seq != int64(i+1) || op.ID != ops[i].Article.ID || op.Article.Title != ops[i].Article.Title {
			t.Errorf("op %d read as seq %d %s %q", i+1, op.Seq, op.ID, op.Article.Title)
		}
	}
	n.waitServing(t, m, int64(len(ops)))
	if got := n.total("zanzibar"); got != len(ops) {
		t.Errorf("the node finds %d added articles, want %d", got, len(ops))
	}
}

// TestAppendWaitsOutFailover: an op appended while the change stream
// answers nothing (here: before it exists, as while its peers elect a
// new leader) is stored once the stream answers, within failoverWait;
// past it, the append fails with the stream's error.
func TestAppendWaitsOutFailover(t *testing.T) {
	url, _ := startNATS(t, 1)
	c := connect(t, Options{URL: url, Prefix: "failover"})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	type result struct {
		seq uint64
		err error
	}
	done := make(chan result, 1)
	go func() {
		seq, err := c.appendChange(ctx, "op-1", []byte(`{}`))
		done <- result{seq, err}
	}()
	// Longer than five tries took (5.5 s: each publish tries twice
	// itself): the stream appears after 8 s.
	time.Sleep(8 * time.Second)
	select {
	case r := <-done:
		t.Fatalf("append gave up before the stream answered: seq %d, %v", r.seq, r.err)
	default:
	}
	if _, err := c.openChanges(ctx); err != nil {
		t.Fatal(err)
	}
	if r := <-done; r.err != nil || r.seq != 1 {
		t.Fatalf("append once the stream answers: seq %d, %v; want 1", r.seq, r.err)
	}

	old := failoverWait
	failoverWait = time.Second
	t.Cleanup(func() { failoverWait = old })
	d := connect(t, Options{URL: url, Prefix: "nostream"})
	start := time.Now()
	if _, err := d.appendChange(ctx, "op-1", []byte(`{}`)); err == nil {
		t.Fatal("append to a stream that never answers: no error")
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("append to a stream that never answers gave up after %v, want about failoverWait", took)
	}
}
