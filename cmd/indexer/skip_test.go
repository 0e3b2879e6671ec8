package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/readout/readout/internal/cli"
)

// garbage returns n good articles followed by bad lines of invalid JSON.
func garbage(good, bad int) string {
	var b strings.Builder
	for i := range good {
		fmt.Fprintf(&b, `{"id": "g%d", "title": "Good story %d", "body": "The envoy met the delegation in Vienna."}`+"\n", i, i)
	}
	for i := range bad {
		fmt.Fprintf(&b, "garbage line %d\n", i)
	}
	return b.String()
}

// TestBuildOfGarbageFails: through the command, a corpus of garbage fails
// with exit code 1 and the figures, the served generation stays, and the
// warnings are bounded; --max-skip-ratio and its environment variable
// decide, and an out-of-range value names the key.
func TestBuildOfGarbageFails(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	good := writeFile(t, dir, "good.jsonl", garbage(3, 0))
	if _, _, err := runArgs(t, "build", "--corpus", good, "--index", idx, "--progress", "log"); err != nil {
		t.Fatal(err)
	}
	bad := writeFile(t, dir, "bad.jsonl", garbage(0, 5000))
	mixed := writeFile(t, dir, "mixed.jsonl", garbage(6, 4))
	tests := []struct {
		name string
		args []string
		env  string // READOUT_INGEST_MAX_SKIP_RATIO
		want string // error; "" for a published build
	}{
		{"all garbage", []string{"--corpus", bad}, "",
			"skipped 5,000 of 5,000 records (100%), more than ingest.max_skip_ratio 50%: nothing published; gen-000001 is still served"},
		{"40% garbage", []string{"--corpus", mixed}, "", ""},
		{"40% garbage, flag 0.3", []string{"--corpus", mixed, "--max-skip-ratio", "0.3"}, "", "(40%), more than ingest.max_skip_ratio 30%"},
		{"40% garbage, env 0.3", []string{"--corpus", mixed}, "0.3", "(40%), more than ingest.max_skip_ratio 30%"},
		{"flag over env", []string{"--corpus", mixed, "--max-skip-ratio", "0.5"}, "0.3", ""},
		{"all garbage, no limit", []string{"--corpus", bad, "--max-skip-ratio", "1"}, "", "no article to index (read 0, skipped 5000, journal ops 0)"},
		{"ratio over 1", []string{"--corpus", mixed, "--max-skip-ratio", "2"}, "", "config: ingest.max_skip_ratio: must be more than 0 and at most 1"},
		{"ratio 0 from env", []string{"--corpus", mixed}, "0", "config: ingest.max_skip_ratio"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env != "" {
				t.Setenv("READOUT_INGEST_MAX_SKIP_RATIO", tt.env)
			}
			out, stderr, err := runArgs(t, append([]string{"build", "--index", idx, "--progress", "log"}, tt.args...)...)
			if tt.want == "" {
				if err != nil || !strings.Contains(out, "skipped 4,") {
					t.Fatalf("build: %v\n%s", err, out)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || cli.ExitCode(err) != 1 {
				t.Fatalf("build error = %v, want exit 1 and %q", err, tt.want)
			}
			if n := strings.Count(stderr, "\n"); n > 14 {
				t.Errorf("%d lines on stderr:\n%s", n, stderr)
			}
		})
	}
}

// TestAddOfGarbageJournalsNothing: an add whose input is mostly garbage
// fails before the journal is written, so the next build replays nothing.
func TestAddOfGarbageJournalsNothing(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	good := writeFile(t, dir, "good.jsonl", garbage(3, 0))
	if _, _, err := runArgs(t, "build", "--corpus", good, "--index", idx, "--progress", "log"); err != nil {
		t.Fatal(err)
	}
	add := writeFile(t, dir, "add.jsonl", garbage(1, 999))
	_, stderr, err := runArgs(t, "add", "--corpus", add, "--index", idx)
	if err == nil || !strings.Contains(err.Error(), "add: skipped 999 of 1,000 records (99.9%), more than ingest.max_skip_ratio 50%: nothing journaled") {
		t.Fatalf("add error = %v", err)
	}
	if n := strings.Count(stderr, "\n"); n != 12 {
		t.Errorf("%d lines on stderr, want 10 problems, 1 'counted', 1 summary:\n%s", n, stderr)
	}
	out, _, err := runArgs(t, "build", "--corpus", good, "--index", idx, "--progress", "log")
	if err != nil || !strings.Contains(out, "journal ops 0") {
		t.Fatalf("build after a failed add: %v\n%s", err, out)
	}
	// With the limit off, the one good record is journaled.
	out, _, err = runArgs(t, "add", "--corpus", add, "--index", idx, "--max-skip-ratio", "1")
	if err != nil || !strings.Contains(out, "journaled 1 ops") {
		t.Fatalf("add --max-skip-ratio 1: %v\n%s", err, out)
	}
}
