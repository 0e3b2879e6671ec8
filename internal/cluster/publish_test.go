package cluster

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
)

func TestPublishAndFetch(t *testing.T) {
	url, _ := startNATS(t, 1)
	c := connect(t, Options{URL: url})
	ctx := context.Background()
	if _, err := c.Current(ctx); !errors.Is(err, ErrNoManifest) {
		t.Fatalf("Current before any publication: %v, want ErrNoManifest", err)
	}
	gen := buildGeneration(t, 3, 30)
	m, err := c.Publish(ctx, gen)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != m.ID || got.Revision != m.Revision || got.Generation != gen.Name {
		t.Fatalf("current %s rev %d (%s), published %s rev %d (%s)", got.ID, got.Revision, got.Generation, m.ID, m.Revision, gen.Name)
	}
	if len(got.Shards) != 3 {
		t.Fatalf("%d shards in the manifest, want 3", len(got.Shards))
	}
	// 30 articles, each with one quote document
	if got.Documents != 60 || got.Articles != 30 {
		t.Fatalf("manifest counts %d documents, %d articles; want 60, 30", got.Documents, got.Articles)
	}

	dir := t.TempDir()
	stale := filepath.Join(dir, "gen-000000-old")
	os.MkdirAll(stale, 0o755)
	folder, err := c.Fetch(ctx, got, []int{0, 2}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a folder of another publication was left in place: %v", err)
	}
	fetched := files(t, folder)
	orig := files(t, gen.Path)
	sameFiles(t, fetched, dropPrefix(orig, "shards/001/"), "")
	// fetching again reads nothing: a shard in place was verified
	if _, err := c.Fetch(ctx, got, []int{0, 1, 2}, dir); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, files(t, folder), orig, "")
	if _, err := c.Fetch(ctx, got, []int{3}, dir); err == nil || !strings.Contains(err.Error(), "shard 3 of 3") {
		t.Errorf("fetching shard 3 of 3: %v", err)
	}
}

func dropPrefix(m map[string]string, prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if !strings.HasPrefix(k, prefix) {
			out[k] = v
		}
	}
	return out
}

// A publication replaces the manifest only at the revision it read, and
// each keeps the blobs of the one it replaced, removing older ones.
func TestPublishReplaces(t *testing.T) {
	url, _ := startNATS(t, 1)
	c := connect(t, Options{URL: url, Prefix: "replace"})
	ctx := context.Background()
	gen := buildGeneration(t, 2, 10)
	var ms []Manifest
	for range 3 {
		m, err := c.Publish(ctx, gen)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	if ms[0].ID == ms[1].ID {
		t.Fatal("two publications of one generation share an id")
	}
	names := map[string]bool{}
	list, err := c.blobs.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range list {
		id, _, _ := strings.Cut(o.Name, "/")
		names[id] = true
	}
	if names[ms[0].ID] || !names[ms[1].ID] || !names[ms[2].ID] || len(names) != 2 {
		t.Errorf("blobs of %v after three publications; want the last two of %s %s %s", names, ms[0].ID, ms[1].ID, ms[2].ID)
	}
	// a publisher that read revision 1 cannot replace revision 3
	stale := ms[2]
	stale.ID = "stale"
	if _, err := c.Swap(ctx, stale, ms[0].Revision); !errors.Is(err, ErrConflict) {
		t.Fatalf("swap at an old revision: %v, want ErrConflict", err)
	}
	if _, err := c.Swap(ctx, stale, 0); !errors.Is(err, ErrConflict) {
		t.Fatalf("first publication over an existing one: %v, want ErrConflict", err)
	}
	cur, err := c.Current(ctx)
	if err != nil || cur.ID != ms[2].ID {
		t.Fatalf("current %s (%v) after refused swaps, want %s", cur.ID, err, ms[2].ID)
	}
}

// A blob whose bytes are not the manifest's is refused and leaves nothing
// in place; a manifest that does not add up is refused before publishing.
func TestFetchVerifies(t *testing.T) {
	url, _ := startNATS(t, 1)
	c := connect(t, Options{URL: url, Prefix: "verify"})
	ctx := context.Background()
	gen := buildGeneration(t, 2, 10)
	m, err := c.Publish(ctx, gen)
	if err != nil {
		t.Fatal(err)
	}
	bad := m
	bad.Shards = append([]Shard(nil), m.Shards...)
	bad.Shards[1].SHA256 = strings.Repeat("0", 64)
	dir := t.TempDir()
	folder, err := c.Fetch(ctx, bad, []int{0, 1}, dir)
	if !errors.Is(err, ErrChecksum) {
		t.Fatalf("fetching a shard with the wrong checksum: %v, want ErrChecksum", err)
	}
	if !strings.Contains(err.Error(), "shard-001") {
		t.Errorf("error %q does not name the blob", err)
	}
	if _, err := os.Stat(filepath.Join(dir, m.ID, index.ShardFolder(1))); !os.IsNotExist(err) {
		t.Errorf("a shard that failed verification is in place (%v)", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, m.ID, index.ShardsFolder))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".part-") {
			t.Errorf("a partial fetch was left: %s", e.Name())
		}
	}
	_ = folder

	wrong := m
	wrong.Documents++
	if _, err := c.Swap(ctx, wrong, m.Revision); err == nil || !strings.Contains(err.Error(), "documents") {
		t.Errorf("a manifest whose shard counts do not add up was published: %v", err)
	}
}

func TestNodes(t *testing.T) {
	url, _ := startNATS(t, 1)
	c := connect(t, Options{URL: url, Prefix: "nodes", NodeTTL: time.Second})
	ctx := context.Background()
	for _, n := range []string{"b", "a"} {
		if err := c.Announce(ctx, NodeState{Node: n, Manifest: "m", Ready: []int{1}}); err != nil {
			t.Fatal(err)
		}
	}
	nodes, err := c.Nodes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 2 || nodes[0].Node != "a" || nodes[1].Node != "b" || nodes[0].Ready[0] != 1 {
		t.Fatalf("nodes %+v", nodes)
	}
	if err := c.Leave(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if nodes, _ := c.Nodes(ctx); len(nodes) != 1 || nodes[0].Node != "b" {
		t.Fatalf("after a left: %+v", nodes)
	}
	// b stops announcing: it expires
	deadline := time.Now().Add(10 * time.Second)
	for {
		nodes, err := c.Nodes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(nodes) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a node silent for 10s with a 1s TTL is still live: %+v", nodes)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := c.Announce(ctx, NodeState{Node: "no/slash"}); err == nil {
		t.Error("a node name with a slash was taken")
	}
}
