package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// partNode is a searchd node in partitioned mode, in process: its
// Partition and its HTTP API over the real router.
type partNode struct {
	name   string
	client *Client
	p      *Partition
	http   *httptest.Server
	stop   func()
	tries  sync.Map     // outcome -> *atomic.Int64: the tries of its shard requests
	hang   atomic.Bool  // its shards take requests and answer none
	taken  atomic.Int64 // requests its shards took, hanging
	// servedAt is each shard engine's change stream position when it was
	// first served over NATS.
	servedMu sync.Mutex
	servedAt []int64
}

func (n *partNode) outcomes() map[string]int64 {
	out := map[string]int64{}
	n.tries.Range(func(k, v any) bool { out[k.(string)] = v.(*atomic.Int64).Load(); return true })
	return out
}

// hangingShard answers as its engine until hang is set; then it takes
// requests and never answers them, counting them in taken.
type hangingShard struct {
	*search.Engine
	hang  *atomic.Bool
	taken *atomic.Int64
}

func (h hangingShard) SearchPartial(ctx context.Context, pr search.PartialRequest) (*search.Partial, error) {
	if h.hang.Load() {
		h.taken.Add(1)
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return h.Engine.SearchPartial(ctx, pr)
}

func startPartNode(t *testing.T, opts Options, name string, replicas int) *partNode {
	t.Helper()
	c := connect(t, opts)
	front := search.New(nil, nil, search.Options{}, nil)
	p := &Partition{Client: c, Dir: t.TempDir(), Node: name, Replicas: replicas, Front: front,
		Shard: ShardOptions{Timeout: time.Second, Tries: 3}, PollInterval: 200 * time.Millisecond, Logger: testLogger()}
	n := &partNode{name: name, client: c, p: p}
	p.wrapShard = func(_ int, e *search.Engine) search.PartialSearcher {
		n.servedMu.Lock()
		n.servedAt = append(n.servedAt, e.JournalSeq())
		n.servedMu.Unlock()
		return hangingShard{Engine: e, hang: &n.hang, taken: &n.taken}
	}
	srv := api.New(front, api.Options{Gather: p.Search, GatherExport: p.Export, GatherArticle: p.Article, Cluster: func() any { return p.Status() }}, nil)
	p.Shard.Observe = func(shard int, outcome string, d time.Duration) {
		srv.ObserveShard(shard, outcome, d)
		v, _ := n.tries.LoadOrStore(outcome, new(atomic.Int64))
		v.(*atomic.Int64).Add(1)
	}
	hs := httptest.NewServer(srv)
	n.http = hs
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = p.Run(ctx) }()
	var once sync.Once
	n.stop = func() {
		once.Do(func() {
			cancel()
			<-done
			hs.Close()
			_ = front.Close(context.Background())
		})
	}
	t.Cleanup(n.stop)
	return n
}

// kill ends the node as a crash does: its shards stop answering, and
// once they hold requests they will never answer, its NATS connection
// closes with no leave, and its HTTP server stops; its entry stays until
// it expires.
func (n *partNode) kill(t *testing.T) {
	n.hang.Store(true)
	waitFor(t, n.name+" holding requests it will not answer", func() bool { return n.taken.Load() > 0 })
	n.client.NC.Close()
	n.http.CloseClientConnections()
	n.stop()
}

// httpGet returns the body of a 200 answer to target, or fails t.
func httpGet(t *testing.T, h *httptest.Server, target string) string {
	t.Helper()
	resp, err := h.Client().Get(h.URL + target)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %v %.300s", target, resp.StatusCode, err, b)
	}
	return string(b)
}

// httpSearch asks the node's HTTP API; it returns the status and the body.
func httpSearch(h *httptest.Server, query string) (int, []byte, error) {
	resp, err := h.Client().Get(h.URL + "/api/v1/search?" + query)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// The test of partitioned serving: three NATS servers, three
// searchd nodes in partitioned mode with replication 2 over a generation
// of four shards, published once. Each node holds only its shards; every
// node answers the standard requests, and their pages, exactly as one
// engine over the whole generation does (over HTTP too, where the API's
// default collapse takes its round); a node killed during a load at
// concurrency 8 against the two others costs no failed request; the
// two left then take the killed node's shards and hold every one.
func TestPartitionedIntegration(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-server NATS cluster")
	}
	url, _ := startNATS(t, 3)
	opts := Options{URL: url, StreamReplicas: 3, NodeTTL: 3 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	const shards, replicas = 4, 2
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: shards})
	info, err := store.Current()
	if err != nil {
		t.Fatal(err)
	}
	whole := search.New(store, nil, search.Options{}, nil)
	if _, err := whole.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = whole.Close(context.Background()) })
	wholeHTTP := httptest.NewServer(api.New(whole, api.Options{}, nil))
	t.Cleanup(wholeHTTP.Close)

	coord := connect(t, opts)
	names := []string{"searchd-1", "searchd-2", "searchd-3"}
	var nodes []*partNode
	for _, name := range names {
		nodes = append(nodes, startPartNode(t, opts, name, replicas))
	}
	waitFor(t, "three nodes announced", func() bool {
		ns, err := coord.Nodes(ctx)
		return err == nil && len(ns) == 3
	})
	m, err := coord.Publish(ctx, info)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes {
		waitFor(t, n.name+" answering from the publication", func() bool { return n.p.Status().Serving == m.ID })
	}

	// Each node holds its assignment alone; every shard is on two nodes.
	assigned := Assignment(shards, names, replicas)
	copies := 0
	for _, n := range nodes {
		held := n.p.Status().Held[m.ID]
		if !slices.Equal(held, assigned[n.name]) {
			t.Errorf("%s holds %v, assigned %v", n.name, held, assigned[n.name])
		}
		copies += len(held)
	}
	if copies != shards*replicas {
		t.Errorf("%d shard copies, want %d", copies, shards*replicas)
	}
	waitFor(t, "every node announcing its shards", func() bool {
		for _, s := range nodes[0].p.Status().Shards {
			if len(s.Ready) != replicas {
				return false
			}
		}
		return true
	})

	// The standard requests and their pages, on every node.
	reqs := append(slices.Clone(standardRequests),
		search.Request{Q: "said", Sort: search.SortNewest, Facets: []search.FacetSpec{{Name: "country", Size: 2}}, Histogram: search.IntervalAuto, Split: search.FacetSpec{Name: "source", Size: 2}},
		search.Request{Mode: search.ModeQuotes, Q: "cease*", Sort: search.SortOldest, Size: 3},
		search.Request{Q: "said", Filters: map[string][]string{"country": {"UA"}}, Sort: search.SortOldest, Size: 4},
		search.Request{Mode: search.ModeQuotes, Collapse: true, Sort: search.SortNewest, Size: 30},
	)
	for _, n := range nodes {
		for i, req := range reqs {
			for page := 1; page <= 3; page++ {
				want, err := whole.Search(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				got, err := n.p.Search(ctx, req, false)
				if err != nil {
					t.Fatalf("%s, request %d page %d: %v", n.name, i, page, err)
				}
				if err := samePublished(got, want); err != nil {
					t.Fatalf("%s, request %d %+v page %d: %v", n.name, i, req, page, err)
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
	}
	// Over HTTP, with the API's defaults (collapse on).
	queries := []string{
		"histogram=month",
		"q=talks&histogram=year",
		"q=said&sort=newest&facets=country:2,source&histogram=auto&split=source:2",
		"mode=quotes&q=minister&size=5",
		"q=cease*&sort=oldest&size=3",
		"sort=newest&size=4&country=UA",
	}
	for _, n := range nodes {
		for _, base := range queries {
			q := base
			for page := 1; page <= 3; page++ {
				code, gotB, err := httpSearch(n.http, q)
				if err != nil || code != http.StatusOK {
					t.Fatalf("%s ?%s: %d %s %v", n.name, q, code, gotB, err)
				}
				_, wantB, _ := httpSearch(wholeHTTP, q)
				var got, want search.Response
				if err := json.Unmarshal(gotB, &got); err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(wantB, &want); err != nil {
					t.Fatal(err)
				}
				if err := samePublished(&got, &want); err != nil {
					t.Fatalf("%s ?%s page %d: %v\n%.400s\nwant\n%.400s", n.name, q, page, err, gotB, wantB)
				}
				if want.NextCursor == nil {
					break
				}
				q = base + "&cursor=" + neturlEscape(*want.NextCursor)
			}
		}
	}
	// What partitioned serving refuses, it refuses.
	if code, b, _ := httpSearch(nodes[0].http, "count=stories"); code != http.StatusNotImplemented {
		if code == http.StatusOK {
			t.Logf("count=stories answered 200: the generation has no groups (%.200s)", b)
		} else {
			t.Errorf("count=stories: %d %s", code, b)
		}
	}
	// Article pages, from the article's shard: the single machine's.
	var page struct {
		Hits []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(httpGet(t, wholeHTTP, "/api/v1/search?sort=oldest&size=12&facets=none")), &page); err != nil || len(page.Hits) < 12 {
		t.Fatalf("%v: %d hits", err, len(page.Hits))
	}
	for _, h := range page.Hits {
		target := "/api/v1/articles/" + netPathEscape(h.ID) + "?q=said"
		want := httpGet(t, wholeHTTP, target)
		for _, n := range nodes {
			if got := httpGet(t, n.http, target); got != want {
				t.Errorf("%s: %s: %.300s\nsingle machine: %.300s", n.name, target, got, want)
			}
		}
	}
	if resp, err := nodes[1].http.Client().Get(nodes[1].http.URL + "/api/v1/articles/no-such-article"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown article: %v %v, want 404", resp, err)
	} else {
		resp.Body.Close()
	}
	// Exports, gathered page by page: the single machine's, byte for byte.
	for _, q := range []string{"q=said&format=jsonl", "mode=quotes&sort=oldest&format=csv", "country=UA&format=jsonl&limit=7"} {
		want := httpGet(t, wholeHTTP, "/api/v1/export?"+q)
		for _, n := range nodes {
			if got := httpGet(t, n.http, "/api/v1/export?"+q); got != want || strings.Count(want, "\n") < 5 {
				t.Errorf("%s: export ?%s: %d bytes, single machine %d, or not the same", n.name, q, len(got), len(want))
			}
		}
	}

	// Load at concurrency 8 against searchd-1 and searchd-2; searchd-3 is
	// killed a moment in. Its shards' other replicas answer the requests
	// it took (a try times out after a second and goes again).
	load := []string{"histogram=month", "q=said&facets=country:3&size=5", "q=talks&histogram=year", "mode=quotes&q=minister", "sort=newest&size=7"}
	wantLoad := map[string]search.Response{}
	for _, q := range load {
		_, b, _ := httpSearch(wholeHTTP, q)
		var r search.Response
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		wantLoad[q] = r
	}
	// For comparison: the same load on one engine over the whole
	// generation, for two seconds (on this machine's cores, shared).
	{
		var base []time.Duration
		var mu sync.Mutex
		bctx, bcancel := context.WithTimeout(ctx, 2*time.Second)
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; bctx.Err() == nil; i++ {
					start := time.Now()
					if code, b, err := httpSearch(wholeHTTP, load[(w+i)%len(load)]); err != nil || code != http.StatusOK {
						t.Errorf("one engine: %d %.200s %v", code, b, err)
						return
					}
					mu.Lock()
					base = append(base, time.Since(start))
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		bcancel()
		slices.Sort(base)
		t.Logf("one engine, same load: %d requests in 2s; latency p50 %v, p99 %v", len(base),
			base[len(base)/2].Round(time.Microsecond), base[len(base)*99/100].Round(time.Microsecond))
	}
	var sent, failed, wrong atomic.Int64
	var firstErr atomic.Value
	var latMu sync.Mutex
	var lat []time.Duration
	lctx, lcancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := nodes[w%2].http
			for i := 0; lctx.Err() == nil; i++ {
				q := load[(w+i)%len(load)]
				start := time.Now()
				code, b, err := httpSearch(h, q)
				latMu.Lock()
				lat = append(lat, time.Since(start))
				latMu.Unlock()
				sent.Add(1)
				if err != nil || code != http.StatusOK {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, fmt.Sprintf("?%s: %d %s %v", q, code, b, err))
					continue
				}
				var r search.Response
				want := wantLoad[q]
				if json.Unmarshal(b, &r) != nil || samePublished(&r, &want) != nil {
					wrong.Add(1)
				}
			}
		}()
	}
	time.Sleep(time.Second)
	before := sent.Load()
	nodes[2].kill(t)
	time.Sleep(4 * time.Second) // past the killed node's entry's expiry
	lcancel()
	wg.Wait()
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(int(p*float64(len(lat))), len(lat)-1)] }
	t.Logf("load: %d requests (%d before the kill), %d failed, %d wrong; latency p50 %v, p99 %v, max %v; shard tries of searchd-1 %v, searchd-2 %v",
		sent.Load(), before, failed.Load(), wrong.Load(), pct(0.5).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Millisecond),
		nodes[0].outcomes(), nodes[1].outcomes())
	if failed.Load() > 0 || wrong.Load() > 0 {
		t.Fatalf("a node killed under load: %d of %d requests failed, %d wrong; first: %v", failed.Load(), sent.Load(), wrong.Load(), firstErr.Load())
	}
	if before == 0 || sent.Load() == before {
		t.Fatalf("load: %d requests before the kill, %d in all: a weak test", before, sent.Load())
	}
	if timeouts := nodes[0].outcomes()["timeout"] + nodes[1].outcomes()["timeout"]; timeouts == 0 || nodes[2].taken.Load() == 0 {
		t.Fatalf("no shard request timed out (%d taken by the killed node): the retry was not tested", nodes[2].taken.Load())
	}

	// The killed node's entry expired: with two nodes left and
	// replication 2, each of them now holds every shard, and answers as
	// before.
	for _, n := range nodes[:2] {
		waitFor(t, n.name+" holding every shard", func() bool { return len(n.p.Status().Held[m.ID]) == shards })
		for i, req := range reqs[:4] {
			want, _ := whole.Search(ctx, req)
			got, err := n.p.Search(ctx, req, false)
			if err != nil {
				t.Fatal(err)
			}
			if err := samePublished(got, want); err != nil {
				t.Errorf("%s after the rebalance, request %d: %v", n.name, i, err)
			}
		}
	}
}

// samePublished is sameResponse for a partitioned node against an
// engine over the generation published: the publication names the
// generation served there.
func samePublished(got, want *search.Response) error {
	g, w := *got, *want
	g.Generation, w.Generation = "", ""
	if err := sameResponse(&g, &w); err != nil {
		gb, _ := json.Marshal(g)
		wb, _ := json.Marshal(w)
		k := 0
		for k < min(len(gb), len(wb)) && gb[k] == wb[k] {
			k++
		}
		return fmt.Errorf("%w\nfirst difference at byte %d: got …%.200s\nwant …%.200s", err, k, gb[max(k-100, 0):], wb[max(k-100, 0):])
	}
	return nil
}

func neturlEscape(s string) string { return url.QueryEscape(s) }

func netPathEscape(s string) string { return url.PathEscape(s) }

// A node moves to a publication only once every shard of it has a ready
// replica: with replication 1 and another node "b" holding the rest, it
// waits for b's announcement of them, answers from the publication
// before meanwhile, then moves and retires the one before once b no
// longer answers from it. When b's shards lose their replica, searches
// fail with a 503 naming them, or answer partial when allowed.
func TestPartitionSwapWaitsForReplicas(t *testing.T) {
	url, _ := startNATS(t, 1)
	opts := Options{URL: url, NodeTTL: 2 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const shards = 3
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: shards})
	info, err := store.Current()
	if err != nil {
		t.Fatal(err)
	}
	whole := search.New(store, nil, search.Options{}, nil)
	if _, err := whole.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = whole.Close(context.Background()) })
	coord := connect(t, opts)
	own := Assignment(shards, []string{"alpha", "beta"}, 1)
	if len(own["alpha"]) == 0 || len(own["beta"]) == 0 {
		t.Fatalf("assignment %v: a weak test", own)
	}

	// Node b: an entry renewed, its shards served when the test says.
	bConn := natsConn(t, url, "node-b")
	var bMu sync.Mutex
	b := NodeState{Node: "beta", Ready: []int{}, Held: map[string][]int{}}
	announceB := func() {
		bMu.Lock()
		st := b
		bMu.Unlock()
		if err := coord.Announce(ctx, st); err != nil {
			t.Error(err)
		}
	}
	bDir := t.TempDir()
	var bKeep []string
	serveB := func(m Manifest) {
		folder, err := coord.Fetch(ctx, m, own["beta"], bDir, bKeep...)
		if err != nil {
			t.Fatal(err)
		}
		bKeep = append(bKeep, m.ID)
		fetched, err := index.GenInfoAt(folder)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range own["beta"] {
			if _, err := ServeShard(bConn, "readout", m.ID, s, shardEngine(t, fetched, s)); err != nil {
				t.Fatal(err)
			}
		}
		if err := bConn.Flush(); err != nil {
			t.Fatal(err)
		}
		bMu.Lock()
		b.Held[m.ID] = own["beta"]
		bMu.Unlock()
		announceB()
	}
	bctx, bcancel := context.WithCancel(ctx)
	defer bcancel()
	go func() {
		for bctx.Err() == nil {
			announceB()
			time.Sleep(300 * time.Millisecond)
		}
	}()
	waitFor(t, "b announced", func() bool { ns, _ := coord.Nodes(ctx); return len(ns) == 1 })

	a := startPartNode(t, opts, "alpha", 1)
	m1, err := coord.Publish(ctx, info)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a holding its shards", func() bool { return slices.Equal(a.p.Status().Held[m1.ID], own["alpha"]) })
	time.Sleep(time.Second) // five steps of a
	if st := a.p.Status(); st.Serving != "" {
		t.Fatalf("a answers from %s before b's shards are ready", st.Serving)
	}
	if code, b, _ := httpSearch(a.http, "histogram=month"); code != http.StatusServiceUnavailable {
		t.Errorf("before the swap: %d %.200s, want 503", code, b)
	}
	serveB(m1)
	waitFor(t, "a answering from the first publication", func() bool { return a.p.Status().Serving == m1.ID })
	req := search.Request{Histogram: search.IntervalMonth, Facets: []search.FacetSpec{{Name: "country", Size: 3}}}
	want, err := whole.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		got, err := a.p.Search(ctx, req, false)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if err := samePublished(got, want); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
	}
	check("first publication")
	bMu.Lock()
	b.Manifest = m1.ID
	bMu.Unlock()

	// A second publication: a fetches its shards of it and goes on
	// answering from the first until b's are ready.
	m2, err := coord.Publish(ctx, info)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a holding its shards of the second", func() bool { return slices.Equal(a.p.Status().Held[m2.ID], own["alpha"]) })
	time.Sleep(time.Second)
	if st := a.p.Status(); st.Serving != m1.ID {
		t.Fatalf("a answers from %s before b's shards of %s are ready", st.Serving, m2.ID)
	}
	check("second publication fetched, not covered")
	serveB(m2)
	waitFor(t, "a answering from the second publication", func() bool { return a.p.Status().Serving == m2.ID })
	check("second publication")
	if held := a.p.Status().Held; len(held[m1.ID]) == 0 {
		t.Errorf("a retired the first publication while b answers from it: %v", held)
	}
	bMu.Lock()
	b.Manifest = m2.ID
	bMu.Unlock()
	announceB()
	waitFor(t, "a retiring the first publication", func() bool { _, ok := a.p.Status().Held[m1.ID]; return !ok })
	check("first publication retired")

	// Beta's shards lose their only replica (its connection closes; its
	// entry, renewed, keeps them assigned to it): a search is a 503
	// naming them, or with allow_partial alpha's shards' answer.
	bConn.Close()
	var e struct {
		Error struct {
			Code          string `json:"code"`
			MissingShards []int  `json:"missing_shards"`
		} `json:"error"`
	}
	waitFor(t, "a 503 naming beta's shards", func() bool {
		code, b, _ := httpSearch(a.http, "histogram=month")
		return code == http.StatusServiceUnavailable && json.Unmarshal(b, &e) == nil
	})
	if e.Error.Code != "shards_unavailable" || !slices.Equal(e.Error.MissingShards, own["beta"]) {
		t.Errorf("503 %+v, want shards_unavailable naming %v", e, own["beta"])
	}
	code, body, _ := httpSearch(a.http, "histogram=month&allow_partial=true")
	var part search.Response
	if code != http.StatusOK || json.Unmarshal(body, &part) != nil || !part.Partial || !slices.Equal(part.MissingShards, own["beta"]) ||
		part.Total == 0 || part.Total >= want.Total {
		t.Errorf("allow_partial: %d %.300s; want partial without %v", code, body, own["beta"])
	}
}

// A node that joins takes the shards it now owns from the node that held
// them, which stops serving each only once the newcomer announces it:
// alone, node alpha holds all three shards; beta joins (replication 1)
// and alpha keeps beta's shards until beta serves them, then drops them
// and answers as before.
func TestPartitionNodeJoins(t *testing.T) {
	url, _ := startNATS(t, 1)
	opts := Options{URL: url, NodeTTL: 2 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const shards = 3
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: shards})
	info, err := store.Current()
	if err != nil {
		t.Fatal(err)
	}
	whole := search.New(store, nil, search.Options{}, nil)
	if _, err := whole.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = whole.Close(context.Background()) })
	coord := connect(t, opts)
	own := Assignment(shards, []string{"alpha", "beta"}, 1)
	a := startPartNode(t, opts, "alpha", 1)
	m, err := coord.Publish(ctx, info)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "alpha alone answering from every shard", func() bool {
		st := a.p.Status()
		return st.Serving == m.ID && len(st.Held[m.ID]) == shards
	})

	beta := NodeState{Node: "beta", Ready: []int{}, Held: map[string][]int{}}
	var mu sync.Mutex
	bctx, bcancel := context.WithCancel(ctx)
	defer bcancel()
	go func() {
		for bctx.Err() == nil {
			mu.Lock()
			st := beta
			mu.Unlock()
			_ = coord.Announce(bctx, st)
			time.Sleep(300 * time.Millisecond)
		}
	}()
	time.Sleep(2 * time.Second) // ten steps of alpha with beta live, its shards not served
	if held := a.p.Status().Held[m.ID]; len(held) != shards {
		t.Fatalf("alpha holds %v before beta serves its shards %v", held, own["beta"])
	}
	bConn := natsConn(t, url, "beta")
	folder, err := coord.Fetch(ctx, m, own["beta"], t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fetched, err := index.GenInfoAt(folder)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range own["beta"] {
		e := shardEngine(t, fetched, s)
		if _, err := ServeShard(bConn, "readout", m.ID, s, e); err != nil {
			t.Fatal(err)
		}
		if _, err := ServeReplica(bConn, "readout", m.ID, s, "beta", e); err != nil {
			t.Fatal(err)
		}
	}
	if err := bConn.Flush(); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	beta.Manifest, beta.Held = m.ID, map[string][]int{m.ID: own["beta"]}
	mu.Unlock()
	waitFor(t, "alpha holding its own shards alone", func() bool { return slices.Equal(a.p.Status().Held[m.ID], own["alpha"]) })
	req := search.Request{Q: "said", Histogram: search.IntervalMonth, Size: 5}
	want, err := whole.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.p.Search(ctx, req, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := samePublished(got, want); err != nil {
		t.Fatal(err)
	}
}

// The replicas of a shard are asked in random order, those that left a
// request unanswered in the last suspectFor last.
func TestReplicasOrder(t *testing.T) {
	p := &Partition{Node: "self", nodes: []NodeState{
		{Node: "n1", Held: map[string][]int{"pub": {0, 1}}},
		{Node: "n2", Held: map[string][]int{"pub": {0}}},
		{Node: "n3", Held: map[string][]int{"pub": {0}, "old": {1}}},
	}, gens: map[string]*heldGen{"pub": {shards: map[int]*shardServer{0: nil}}}}
	p.gens["pub"].shards[0] = &shardServer{}
	first := map[string]int{}
	for range 200 {
		got := p.replicasOf("pub", 0)
		if fmt.Sprint(slices.Sorted(slices.Values(got))) != "[n1 n2 n3 self]" {
			t.Fatalf("replicas of shard 0: %v", got)
		}
		first[got[0]]++
	}
	if len(first) != 4 {
		t.Errorf("first replica asked: %v, want each of the four", first)
	}
	if got := p.replicasOf("pub", 1); fmt.Sprint(got) != "[n1]" {
		t.Errorf("replicas of shard 1: %v, want n1 (n3 holds it of another publication)", got)
	}
	p.unanswered("n2")
	p.unanswered("self")
	for range 50 {
		got := p.replicasOf("pub", 0)
		if last := slices.Sorted(slices.Values(got[2:])); fmt.Sprint(last) != "[n2 self]" {
			t.Fatalf("with n2 and self suspect: %v, want them last", got)
		}
	}
	p.suspects["n2"] = time.Now().Add(-suspectFor - time.Second)
	if got := p.replicasOf("pub", 0); got[3] != "self" {
		t.Errorf("n2's suspicion expired, self's not: %v, want self last", got)
	}
}
