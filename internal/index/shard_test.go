package index

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/readout/readout/internal/ingest"
)

// TestShardOfStable: the shard of an id is FNV-1a 64 of the id mod n, the
// same in every process (these values were computed once and must never
// change: a generation's layout depends on them).
func TestShardOfStable(t *testing.T) {
	for _, tt := range []struct {
		id   string
		n    int
		want int
	}{
		{"a1", 1, 0},
		{"a1", 0, 0},
		{"a1", 2, 1},
		{"a1", 3, 2},
		{"a1", 4, 3},
		{"keep", 2, 0},
		{"keep", 3, 2},
		{"remove", 3, 1},
		{"a4", 3, 0},
		{"2019/03/kyiv-talks.md", 2, 0},
		{"2019/03/kyiv-talks.md", 3, 1},
		{"", 4, 1},
	} {
		if got := ShardOf(tt.id, tt.n); got != tt.want {
			t.Errorf("ShardOf(%q, %d) = %d, want %d", tt.id, tt.n, got, tt.want)
		}
	}
	// Spread: 3,000 ids over 3 shards, none far from a third.
	count := make([]int, 3)
	for i := range 3000 {
		count[ShardOf(fmt.Sprintf("reut-%05d", i), 3)]++
	}
	for i, c := range count {
		if c < 900 || c > 1100 {
			t.Errorf("shard %d holds %d of 3000 ids: %v", i, c, count)
		}
	}
}

// TestShardLayout: a generation built with 3 shards holds them in
// shards/000-002, records the count in meta.json, and each shard holds
// exactly the articles ShardOf gives it, each with all its quote documents.
func TestShardLayout(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(overlayCorpus(t, dir))}, Shards: 3})
	g := openCurrent(t, s)
	if g.Meta.Shards != 3 || len(g.Shards()) != 3 {
		t.Fatalf("meta shards %d, %d shards open; want 3", g.Meta.Shards, len(g.Shards()))
	}
	if _, err := os.Stat(filepath.Join(g.Path, bleveDir)); !os.IsNotExist(err) {
		t.Errorf("a sharded generation has %s/: %v", bleveDir, err)
	}
	perShard := make([][]string, 3)
	var all []string
	for n, sh := range g.Shards() {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1000, 0, false)
		req.SortBy([]string{"_id"})
		req.Fields = []string{FieldArticleID}
		res, err := sh.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			article, _, _ := strings.Cut(h.ID, "#")
			if got := ShardOf(article, 3); got != n {
				t.Errorf("%s (article %s) is in shard %d, ShardOf says %d", h.ID, article, n, got)
			}
			if aid, _ := h.Fields[FieldArticleID].(string); aid != "" && aid != article {
				t.Errorf("%s: article_id %q", h.ID, aid)
			}
			perShard[n] = append(perShard[n], h.ID)
			all = append(all, h.ID)
		}
	}
	want := []string{"a4"} // the overlay corpus over 3 shards (see TestShardOfStable)
	if !slices.Equal(perShard[0], want) {
		t.Errorf("shard 0 holds %v, want %v", perShard[0], want)
	}
	for n, docs := range perShard {
		if len(docs) == 0 {
			t.Errorf("shard %d is empty: %v", n, perShard)
		}
	}
	slices.Sort(all)
	if whole := docIDs(t, g.Index, ""); !slices.Equal(all, whole) {
		t.Errorf("the shards hold %v, the generation shows %v", all, whole)
	}
	if n, err := g.Index.DocCount(); err != nil || n != g.Meta.Documents || int(n) != len(all) {
		t.Errorf("doc count %d (%v), meta %d, shards %d", n, err, g.Meta.Documents, len(all))
	}
}

// toLegacyLayout turns a generation built with one shard into the layout
// builds wrote before sharding: the index in bleve/ and no shard count in
// meta.json.
func toLegacyLayout(t testing.TB, genPath string) {
	t.Helper()
	if err := os.Rename(shardDir(genPath, 0), filepath.Join(genPath, bleveDir)); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(genPath, shardsDir)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(genPath, metaFile)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["shards"] != float64(1) {
		t.Fatalf("meta.json shards = %v, want 1", m["shards"])
	}
	delete(m, "shards")
	if b, err = json.MarshalIndent(m, "", "  "); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestShardMergeCap: every shard of a build is created with the merge cap
// (maxSegmentDocs) in its scorch configuration, which Bleve keeps in the
// shard's index_meta.json and reads again whenever the shard is opened.
func TestShardMergeCap(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(overlayCorpus(t, dir))}, Shards: 3})
	g := openCurrent(t, s)
	for n := range 3 {
		b, err := os.ReadFile(filepath.Join(shardDir(g.Path, n), "index_meta.json"))
		if err != nil {
			t.Fatal(err)
		}
		var meta struct {
			Config struct {
				Plan struct {
					MaxSegmentSize int
				} `json:"scorchMergePlanOptions"`
			} `json:"config"`
		}
		if err := json.Unmarshal(b, &meta); err != nil {
			t.Fatalf("shard %d: %v", n, err)
		}
		if got := meta.Config.Plan.MaxSegmentSize; got != maxSegmentDocs {
			t.Errorf("shard %d: merge plan MaxSegmentSize %d, want %d (%s)", n, got, maxSegmentDocs, b)
		}
	}
}

// TestLegacyLayout: a generation in the layout of builds before sharding
// (bleve/, no shard count) is listed, opens as one shard, takes journal
// changes and answers like a sharded generation of the same corpus; a part
// of its index missing makes it a leftover, named.
func TestLegacyLayout(t *testing.T) {
	dir := t.TempDir()
	corpus := overlayCorpus(t, dir)
	legacy, _ := OpenStore(filepath.Join(dir, "legacy"))
	sharded, _ := OpenStore(filepath.Join(dir, "sharded"))
	x := newExtractor(t)
	build(t, legacy, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x, Shards: 1})
	build(t, sharded, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x, Shards: 3})
	info, err := legacy.Current()
	if err != nil {
		t.Fatal(err)
	}
	toLegacyLayout(t, info.Path)
	gens, err := legacy.Generations()
	if err != nil || len(gens) != 1 || gens[0].Meta.Shards != 0 {
		t.Fatalf("generations %+v (%v), want the legacy one", gens, err)
	}
	if left, _ := legacy.Leftovers(); len(left) != 0 {
		t.Fatalf("leftovers %+v", left)
	}
	g, want := openCurrent(t, legacy), openCurrent(t, sharded)
	if len(g.Shards()) != 1 {
		t.Fatalf("legacy generation opens as %d shards", len(g.Shards()))
	}
	sameView(t, g.Index, want.Index)
	ops := []Op{upsert("replace", "Second title", `Shipping lanes. "Lanes are open," the minister said.`, "2022-02-01", "Wire B"), del("remove")}
	for _, gen := range []*Generation{g, want} {
		if err := gen.Apply(context.Background(), x, ops); err != nil {
			t.Fatal(err)
		}
	}
	sameView(t, g.Index, want.Index)
	g.Close()

	if err := os.Remove(filepath.Join(info.Path, bleveDir, "store", "root.bolt")); err != nil {
		t.Fatal(err)
	}
	left, err := legacy.Leftovers()
	if err != nil || len(left) != 1 || left[0].Problem != "bleve/store/root.bolt missing" {
		t.Errorf("leftovers of a legacy generation missing its store: %+v (%v)", left, err)
	}
}

// failingShard is a shard whose searches fail.
type failingShard struct{ shardIndex }

func (failingShard) SearchInContext(context.Context, *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return nil, errors.New("shard unreadable")
}

// TestShardFailureFailsSearch: a search on which one shard fails is an
// error, not the other shards' hits (Bleve's alias returns those, with
// the failure in the result's status only).
func TestShardFailureFailsSearch(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(overlayCorpus(t, dir))}, Shards: 3})
	info, err := s.Current()
	if err != nil {
		t.Fatal(err)
	}
	g, err := OpenGeneration(info) // its shards are closed by o below
	if err != nil {
		t.Fatal(err)
	}
	sh := g.Shards()
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10, 0, false)
	o := NewOverlay(sh[0], failingShard{sh[1]}, sh[2])
	defer o.Close()
	res, err := o.Search(req)
	if err == nil || !strings.Contains(err.Error(), "shard unreadable") {
		t.Fatalf("one shard failing: %v, %v; want its error", res, err)
	}
	if res, err := NewOverlay(sh...).Search(req); err != nil || res.Total != g.Meta.Documents {
		t.Fatalf("no shard failing: %v, %v", res, err)
	}
}

// TestOpenGenerationShards: a generation opened with some of its shards
// searches their documents alone, and takes the journal's ops of the
// articles of those shards alone; bad shard lists are refused.
func TestOpenGenerationShards(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(overlayCorpus(t, dir))}, Shards: 3})
	info, err := s.Current()
	if err != nil {
		t.Fatal(err)
	}
	whole := openCurrent(t, s)
	held := []int{0, 2}
	g, err := OpenGenerationShards(info, held)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = g.Close() })
	if !slices.Equal(g.Held, held) || len(g.Shards()) != 2 || whole.Held != nil {
		t.Fatalf("held %v, %d shards; whole held %v", g.Held, len(g.Shards()), whole.Held)
	}
	var want uint64
	for _, n := range held {
		c, err := whole.Shards()[n].DocCount()
		if err != nil {
			t.Fatal(err)
		}
		want += c
	}
	if got, err := g.Index.DocCount(); err != nil || got != want || want == 0 {
		t.Fatalf("%d documents (%v), want %d", got, err, want)
	}
	// Two new articles: one of a held shard, one of the other.
	var in, out string
	for i := 0; in == "" || out == ""; i++ {
		id := fmt.Sprintf("new-%d", i)
		if ShardOf(id, 3) == 1 {
			out = cmp.Or(out, id)
		} else {
			in = cmp.Or(in, id)
		}
	}
	x := newExtractor(t)
	ops := []Op{upsert(in, "In", "Grain talks.", "2022-02-01", "Wire C"), upsert(out, "Out", "Grain talks.", "2022-02-01", "Wire C")}
	if err := g.Apply(context.Background(), x, ops); err != nil {
		t.Fatal(err)
	}
	if delta, _ := g.OverlaySize(); delta != 1 {
		t.Errorf("%d documents laid over, want the article of a held shard alone", delta)
	}
	if got, _ := g.Index.DocCount(); got != want+1 {
		t.Errorf("%d documents after the ops, want %d", got, want+1)
	}
	for _, bad := range [][]int{nil, {2, 0}, {0, 0}, {3}, {-1}} {
		if g, err := OpenGenerationShards(info, bad); err == nil {
			_ = g.Close()
			t.Errorf("shards %v: opened", bad)
		}
	}
}
