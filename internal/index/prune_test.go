package index

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/readout/readout/internal/ingest"
)

func genNames(gens []GenInfo) []string {
	out := make([]string, len(gens))
	for i, g := range gens {
		out[i] = g.Name
	}
	return out
}

func leftoverNames(t *testing.T, s *Store) map[string]Leftover {
	t.Helper()
	left, err := s.Leftovers()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Leftover{}
	for _, l := range left {
		out[l.Name] = l
	}
	return out
}

// TestPruneRenamesAway: Prune renames a generation away before deleting
// it; a folder so renamed (a prune killed midway) and a generation folder
// with a part missing (a prune of an older version killed midway) are not
// generations, Leftovers says what they are and what the next build does,
// and the next build removes them, except an incomplete current one.
func TestPruneRenamesAway(t *testing.T) {
	dir := t.TempDir()
	corpus := writeCorpus(t, dir, "a.jsonl", art("a1", "One", "Body.", "2022-01-01"))
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	for range 4 {
		build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Keep: 4})
	}
	gens, _ := s.Generations()
	if got := genNames(gens); !reflect.DeepEqual(got, []string{"gen-000001", "gen-000002", "gen-000003", "gen-000004"}) {
		t.Fatalf("generations = %v", got)
	}
	if left := leftoverNames(t, s); len(left) != 0 {
		t.Fatalf("leftovers of clean builds: %+v", left)
	}

	// What a killed prune leaves, old and new style, and a killed publish.
	if err := os.Rename(filepath.Join(s.Dir, "gen-000001"), filepath.Join(s.Dir, ".prune-gen-000001")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(shardDir(filepath.Join(s.Dir, "gen-000002"), 1), "store", "root.bolt")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.Dir, currentFile+tmpSuffix), []byte("gen-000003\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gens, _ = s.Generations()
	if got := genNames(gens); !reflect.DeepEqual(got, []string{"gen-000003", "gen-000004"}) {
		t.Fatalf("generations with leftovers = %v", got)
	}
	left := leftoverNames(t, s)
	if l := left[".prune-gen-000001"]; l.Kind != LeftoverPrune || l.SizeBytes == 0 || l.NextBuild != "removes it" {
		t.Errorf("renamed-away generation: %+v", l)
	}
	if l := left["gen-000002"]; l.Kind != LeftoverIncomplete || l.Problem != "shards/001/store/root.bolt missing" || l.Current {
		t.Errorf("incomplete generation: %+v", l)
	}
	if l := left[currentFile+tmpSuffix]; l.Kind != LeftoverTmp {
		t.Errorf("CURRENT.tmp: %+v", l)
	}
	if len(left) != 3 {
		t.Errorf("leftovers = %+v", left)
	}

	// A generation with every part but a meta.json that does not parse is
	// listed, and kept: no crash leaves one.
	if err := os.WriteFile(filepath.Join(s.Dir, "gen-000003", metaFile), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if l := leftoverNames(t, s)["gen-000003"]; l.Kind != LeftoverIncomplete || !strings.Contains(l.Problem, "parse meta.json") || !strings.HasPrefix(l.NextBuild, "keeps it") {
		t.Errorf("generation with a bad meta.json: %+v", l)
	}
	defer func() {
		if _, err := os.Stat(filepath.Join(s.Dir, "gen-000003")); err != nil {
			t.Errorf("a build removed the generation with a bad meta.json: %v", err)
		}
	}()

	// The current generation loses a part: it is not listed, not removed.
	if err := os.Remove(filepath.Join(s.Dir, "gen-000004", labelsFile)); err != nil {
		t.Fatal(err)
	}
	if l := leftoverNames(t, s)["gen-000004"]; !l.Current || l.Problem != "labels.json missing" || !strings.Contains(l.NextBuild, "publishes a new generation") {
		t.Errorf("incomplete current generation: %+v", l)
	}
	sum := build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Keep: 2})
	if want := []string{".prune-gen-000001", "CURRENT.tmp", "gen-000002"}; !reflect.DeepEqual(sum.Stale, want) {
		t.Errorf("stale removed = %v, want %v", sum.Stale, want)
	}
	if _, err := os.Stat(filepath.Join(s.Dir, "gen-000004")); err != nil {
		t.Errorf("the incomplete current generation was removed: %v", err)
	}
	gens, _ = s.Generations()
	if got := genNames(gens); !reflect.DeepEqual(got, []string{"gen-000005"}) || !gens[0].Current {
		t.Fatalf("generations after the build = %v", got)
	}
	// Now that it is not current, the next build removes it.
	sum = build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Keep: 1})
	if !reflect.DeepEqual(sum.Stale, []string{"gen-000004"}) || !reflect.DeepEqual(sum.Pruned, []string{"gen-000005"}) {
		t.Errorf("second build: stale %v, pruned %v", sum.Stale, sum.Pruned)
	}
	for _, name := range []string{"gen-000004", "gen-000005", ".prune-gen-000005"} {
		if _, err := os.Stat(filepath.Join(s.Dir, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still there: %v", name, err)
		}
	}
	if left := leftoverNames(t, s); len(left) != 1 || left["gen-000003"].Kind != LeftoverIncomplete {
		t.Errorf("leftovers at the end: %+v", left)
	}
}
