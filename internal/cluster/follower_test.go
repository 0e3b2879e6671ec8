package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
)

// waitFor polls cond every 20ms for up to 20s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after 20s: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// sameGeneration fails unless the generation at got holds want's files
// byte for byte, meta.json aside, whose fields agree but for the name, the
// journal position and the cluster publication.
func sameGeneration(t *testing.T, got, want index.GenInfo, publication string) {
	t.Helper()
	g, w := files(t, got.Path), files(t, want.Path)
	delete(g, "meta.json")
	delete(w, "meta.json")
	sameFiles(t, g, w, "")
	gm, wm := got.Meta, want.Meta
	if gm.Cluster != publication {
		t.Errorf("imported generation's cluster %q, want %q", gm.Cluster, publication)
	}
	gm.Generation, gm.Cluster, gm.JournalSeq = wm.Generation, wm.Cluster, wm.JournalSeq
	gb, _ := json.Marshal(gm)
	wb, _ := json.Marshal(wm)
	if string(gb) != string(wb) {
		t.Errorf("imported meta\n%s\nwant\n%s", gb, wb)
	}
}

func TestFollowerImportsEachPublication(t *testing.T) {
	url, _ := startNATS(t, 1)
	pub := connect(t, Options{URL: url, Prefix: "follow"})
	ctx := context.Background()
	first := buildGeneration(t, 2, 12)
	m1, err := pub.Publish(ctx, first)
	if err != nil {
		t.Fatal(err)
	}

	store, err := index.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var imported []string
	f := &Follower{
		Client: connect(t, Options{URL: url, Prefix: "follow", NodeTTL: 3 * time.Second}),
		Store:  store,
		Node:   "searchd-1",
		Addr:   "127.0.0.1:8080",
		OnImport: func(_ context.Context, g index.GenInfo) error {
			mu.Lock()
			imported = append(imported, g.Name)
			mu.Unlock()
			return nil
		},
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- f.Run(runCtx) }()

	current := func() index.GenInfo {
		g, err := store.Current()
		if err != nil {
			return index.GenInfo{}
		}
		return g
	}
	waitFor(t, "the first publication imported", func() bool { return current().Meta.Cluster == m1.ID })
	sameGeneration(t, current(), first, m1.ID)
	waitFor(t, "the node announcing the shards it serves", func() bool {
		nodes, _ := f.Client.Nodes(ctx)
		return len(nodes) == 1 && nodes[0].Manifest == m1.ID && slices.Equal(nodes[0].Ready, []int{0, 1})
	})

	second := buildGeneration(t, 3, 20)
	m2, err := pub.Publish(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	// The store publishes the import before OnImport runs and the status
	// says so: wait for the status.
	waitFor(t, "the second publication imported", func() bool {
		return current().Meta.Cluster == m2.ID && f.Status().Serving == m2.ID
	})
	sameGeneration(t, current(), second, m2.ID)
	mu.Lock()
	if want := []string{"gen-000001", "gen-000002"}; !slices.Equal(imported, want) {
		t.Errorf("OnImport saw %v, want %v", imported, want)
	}
	mu.Unlock()
	if st := f.Status(); st.Serving != m2.ID || st.Published != m2.ID || st.Error != "" || len(st.Nodes) != 1 {
		t.Errorf("status %+v", st)
	}

	// A manifest whose shard does not match its checksum is not imported:
	// the generation before stays served, and the status says why.
	bad := m2
	bad.ID = "gen-000009-bad"
	bad.Shards = slices.Clone(m2.Shards)
	bad.Shards[2].SHA256 = strings.Repeat("0", 64)
	if _, err := pub.Swap(ctx, bad, m2.Revision); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the failed sync reported", func() bool { return strings.Contains(f.Status().Error, "checksum mismatch") })
	if g := current(); g.Meta.Cluster != m2.ID {
		t.Errorf("serving %s after a bad publication, want %s", g.Meta.Cluster, m2.ID)
	}
	if left, _ := store.Leftovers(); len(left) != 0 {
		t.Errorf("a failed import left %+v", left)
	}
	gens, _ := store.Generations()
	if len(gens) != 2 {
		t.Errorf("%d generations kept, want 2", len(gens))
	}

	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if nodes, _ := f.Client.Nodes(ctx); len(nodes) != 0 {
		t.Errorf("nodes after the follower stopped: %+v", nodes)
	}
}

// Import refuses a folder whose shards do not hold what the manifest says,
// and publishes nothing.
func TestImportChecks(t *testing.T) {
	gen := buildGeneration(t, 2, 6)
	counts, err := index.ShardDocCounts(gen)
	if err != nil {
		t.Fatal(err)
	}
	copyGen := func(dir string) error { return os.CopyFS(dir, os.DirFS(gen.Path)) }
	tests := []struct {
		name string
		want []uint64
		fill func(string) error
		err  string
	}{
		{"a shard short", []uint64{counts[0], counts[1] + 1}, copyGen, "shard 1"},
		{"a shard more", []uint64{counts[0], counts[1], 0}, copyGen, "counts 2 shards, expected 3"},
		{"fill fails", counts, func(string) error { return errors.New("no route to host") }, "no route to host"},
		{"no meta", counts, func(dir string) error { return os.MkdirAll(dir, 0o755) }, "meta.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store, err := index.OpenStore(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			_, err = store.Import(context.Background(), "pub-1", 0, tc.want, 2, tc.fill)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("error %v, want one with %q", err, tc.err)
			}
			if _, err := store.Current(); !errors.Is(err, index.ErrNoGeneration) {
				t.Errorf("a failed import published: %v", err)
			}
			entries, _ := os.ReadDir(store.Dir)
			for _, e := range entries {
				if e.IsDir() {
					t.Errorf("a failed import left %s", filepath.Join(store.Dir, e.Name()))
				}
			}
		})
	}
}
