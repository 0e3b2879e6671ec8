package index

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/readout/readout/internal/ingest"
)

const childEnv = "READOUT_TEST_BUILD_CHILD"

// TestBuildChildProcess is not a test on its own: TestSIGKILLMidBuild runs
// the test binary again with childEnv set, and this builds in that process.
func TestBuildChildProcess(t *testing.T) {
	spec := os.Getenv(childEnv)
	if spec == "" {
		t.Skip("helper process for TestSIGKILLMidBuild")
	}
	dir, corpus, _ := strings.Cut(spec, "|")
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Build(context.Background(), BuildOptions{
		Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: newExtractor(t), BatchSize: 200,
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSIGKILLMidBuild kills a real build process midway and checks that the
// published generation still opens with the same counts, and that the next
// build cleans up and succeeds.
func TestSIGKILLMidBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a build process")
	}
	dir := t.TempDir()
	small := writeCorpus(t, dir, "small.jsonl",
		art("s1", "First", "The ceasefire held overnight.", "2022-01-01"),
		art("s2", "Second", "Monitors reported calm.", "2022-01-02"))
	lines := make([]string, 60000)
	for i := range lines {
		lines[i] = art(fmt.Sprintf("b%d", i), fmt.Sprintf("Story %d", i),
			"Negotiators met again in Geneva on Tuesday to discuss the border crisis, officials said, and the talks will resume next week after consultations with capitals.",
			"2023-03-04")
	}
	big := writeCorpus(t, dir, "big.jsonl", lines...)
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	first := build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(small)}})

	cmd := exec.Command(os.Args[0], "-test.run=^TestBuildChildProcess$", "-test.v")
	cmd.Env = append(os.Environ(), childEnv+"="+s.Dir+"|"+big)
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the child has written part of its generation.
	deadline := time.Now().Add(60 * time.Second)
	killed := false
	for time.Now().Before(deadline) {
		matches, _ := filepath.Glob(filepath.Join(s.Dir, buildPrefix+"*", shardsDir, "*", "*"))
		if len(matches) > 0 && dirSize(filepath.Dir(matches[0])) > 256<<10 {
			_ = cmd.Process.Signal(syscall.SIGKILL)
			killed = true
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = cmd.Wait()
	if !killed {
		t.Fatalf("the child build never got going (or finished first):\n%s", out)
	}
	if st := cmd.ProcessState; st == nil || st.Success() {
		t.Fatalf("child was not killed: %v\n%s", st, out)
	}

	if cur, _ := s.CurrentName(); cur != first.Generation {
		t.Fatalf("current = %q after the kill, want %s", cur, first.Generation)
	}
	g := openCurrent(t, s)
	n, err := g.Index.DocCount()
	if err != nil || n != g.Meta.Documents || g.Meta.Articles != 2 {
		t.Fatalf("current generation after kill: count %d (%v), meta %+v", n, err, g.Meta)
	}
	if got := searchIDs(t, g.Index, "ceasefire"); len(got) != 1 || got[0] != "s1" {
		t.Fatalf("search after kill = %v", got)
	}
	g.Close()

	sum := build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(small)}})
	if len(sum.Stale) == 0 {
		t.Fatalf("next build removed nothing stale: %+v", sum)
	}
	if sum.Indexed != 2 {
		t.Fatalf("next build = %+v", sum)
	}
}
