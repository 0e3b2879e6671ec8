package index

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/testutil"
)

// A generation merged from partial builds of a corpus's parts holds what
// one build of the whole corpus holds: the same labels, groups, aliases and
// meta, each shard the same documents.
func TestMergePartsEqualsWholeBuild(t *testing.T) {
	const shards = 3
	lines := testutil.SyndicatedCorpus(t)
	dir := t.TempDir()
	whole, err := OpenStore(filepath.Join(dir, "whole"))
	if err != nil {
		t.Fatal(err)
	}
	build(t, whole, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(writeCorpus(t, dir, "all.jsonl", lines...))}, Shards: shards, Workers: 4})
	wg, err := whole.Current()
	if err != nil {
		t.Fatal(err)
	}

	parts := make([][]string, shards)
	for _, line := range lines {
		var r struct{ ID string }
		json.Unmarshal([]byte(line), &r)
		i := ShardOf(r.ID, shards)
		parts[i] = append(parts[i], line)
	}
	var partDirs []string
	read := 0
	for i, p := range parts {
		s, err := OpenStore(filepath.Join(dir, "part", string(rune('0'+i))))
		if err != nil {
			t.Fatal(err)
		}
		build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(writeCorpus(t, dir, "part.jsonl", p...))}, Shards: shards, Workers: 4, Partial: true})
		g, err := s.Current()
		if err != nil {
			t.Fatal(err)
		}
		counts, err := ShardDocCounts(g)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := ShardDocCounts(wg)
		for k, n := range counts {
			if k == i && n != want[i] {
				t.Errorf("part %d: shard %d holds %d documents, the whole build's %d", i, k, n, want[i])
			}
			if k != i && n != 0 {
				t.Errorf("part %d: shard %d holds %d documents, want none", i, k, n)
			}
		}
		read += g.Meta.Read
		partDirs = append(partDirs, g.Path)
	}
	merged := filepath.Join(dir, "merged")
	os.Mkdir(merged, 0o755)
	meta, err := MergeParts(merged, partDirs, MergeInfo{Name: wg.Name, Read: read, Inputs: wg.Meta.Inputs}, nil)
	if err != nil {
		t.Fatal(err)
	}

	for _, f := range []string{labelsFile, groupsFile, aliasesFile} {
		got, _ := os.ReadFile(filepath.Join(merged, f))
		want, _ := os.ReadFile(filepath.Join(wg.Path, f))
		if string(got) != string(want) {
			t.Errorf("%s differs from the whole build's:\n%.600s\nwant\n%.600s", f, got, want)
		}
	}
	if g, _ := readGroups(wg.Path); g == nil || g.Articles() == 0 {
		t.Fatal("the corpus makes no group of near-duplicates: the test compares nothing")
	}
	if !writtenTwoWays(t, partDirs) {
		t.Error("no value is written two ways: the test merges no counts")
	}
	wm := wg.Meta
	for _, m := range []*Meta{&meta, &wm} {
		m.BuiltAt, m.Seconds, m.JournalSeq = wm.BuiltAt, 0, 0
	}
	gb, _ := json.Marshal(meta)
	wb, _ := json.Marshal(wm)
	if string(gb) != string(wb) {
		t.Errorf("merged meta\n%s\nwant\n%s", gb, wb)
	}
	if wm.Duplicates == 0 {
		t.Error("no duplicate id in the corpus")
	}
}

// writtenTwoWays reports whether a value has two spellings in a part.
func writtenTwoWays(t *testing.T, parts []string) bool {
	for _, p := range parts {
		b, err := os.ReadFile(filepath.Join(p, spellingsFile))
		if err != nil {
			t.Fatal(err)
		}
		var counts map[string]map[string]map[string]int32
		if err := json.Unmarshal(b, &counts); err != nil {
			t.Fatal(err)
		}
		for _, vals := range counts {
			for _, sp := range vals {
				if len(sp) > 1 {
					return true
				}
			}
		}
	}
	return false
}

// Parts that do not fit together are refused, naming the part.
func TestMergePartsRefuses(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenStore(filepath.Join(dir, "p"))
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(writeCorpus(t, dir, "p.jsonl", art("a1", "Talks", "Envoys met.", "2022-01-01")))}, Shards: 2, Partial: true})
	g, _ := s.Current()
	whole, _ := OpenStore(filepath.Join(dir, "w"))
	build(t, whole, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(writeCorpus(t, dir, "w.jsonl", art("a1", "Talks", "Envoys met.", "2022-01-01")))}, Shards: 2})
	wg, _ := whole.Current()
	other := ShardOf("a1", 2)
	tests := []struct {
		name  string
		parts []string
		want  string
	}{
		{"wrong shard count", []string{g.Path, g.Path, g.Path}, "built with 2 shards, not 3"},
		{"article in another part's place", []string{g.Path, g.Path}, "is in part " + string(rune('0'+1-other))},
		{"not a partial build", []string{wg.Path, wg.Path}, spellingsFile},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			_, err := MergeParts(out, tc.parts, MergeInfo{Name: "gen-000001"}, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one with %q", err, tc.want)
			}
		})
	}
}
