package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildProfiles builds with --cpuprofile and --memprofile: three
// profiles written (gzip-compressed, as pprof writes them) and the
// resources line on stderr.
func TestBuildProfiles(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "c/articles.jsonl", sampleJSONL)
	cpu, mem := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "mem.pprof")
	_, stderr, err := runArgs(t, "build", "--corpus", corpus, "--index", filepath.Join(dir, "idx"), "--progress", "log",
		"--cpuprofile", cpu, "--memprofile", mem)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{cpu, mem, mem + ".peak"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("profile: %v", err)
			continue
		}
		if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
			t.Errorf("%s: not a gzip-compressed profile (%d bytes)", filepath.Base(p), len(b))
		}
	}
	if !strings.Contains(stderr, "resources: ") || !strings.Contains(stderr, "peak RSS ") {
		t.Errorf("stderr lacks the resources line: %q", stderr)
	}

	// Without the flags: no resources line.
	_, stderr, err = runArgs(t, "build", "--corpus", corpus, "--index", filepath.Join(dir, "idx"), "--progress", "log")
	if err != nil || strings.Contains(stderr, "resources: ") {
		t.Errorf("build without profiles: %v, stderr %q", err, stderr)
	}
}
