package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/readout/readout/internal/cli"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

func runArgs(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

// TestCorpusFallback writes a corpus without the real corpora: a message
// on stderr, the bundled sample's paragraphs, a file the indexer reads.
func TestCorpusFallback(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("READOUT_CORPORA", "")
	out := filepath.Join(dir, "sub", "small.jsonl.gz")
	stdout, stderr, err := runArgs(t, "corpus", "--articles", "300", "--seed", "5", "--out", out, "--corpora", filepath.Join(dir, "none"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "falling back to the bundled sample corpus") {
		t.Errorf("stderr %q lacks the fallback message", stderr)
	}
	if !strings.Contains(stdout, "wrote "+out+": 300 articles") {
		t.Errorf("summary %q", stdout)
	}
	n := 0
	_, err = ingest.Read(context.Background(), []ingest.Input{ingest.OSInput(out)}, ingest.Options{Strict: true},
		func(news.Article) error { n++; return nil }, nil)
	if err != nil || n != 300 {
		t.Errorf("read back %d articles: %v", n, err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(out)); len(ents) != 1 {
		t.Errorf("output folder holds %d entries, want 1", len(ents))
	}
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want error  // nil: success
		msg  string // in stderr
	}{
		{nil, cli.ErrUsage, "commands:"},
		{[]string{"--help"}, nil, "commands:"},
		{[]string{"nope"}, cli.ErrUsage, `unknown command "nope"`},
		{[]string{"corpus", "--help"}, nil, "--articles"},
		{[]string{"corpus", "--out", "x.jsonl"}, cli.ErrUsage, "--articles (above 0) and --out are required"},
		{[]string{"corpus", "--articles", "10"}, cli.ErrUsage, "--articles (above 0) and --out are required"},
		{[]string{"corpus", "--articles", "10", "--out", "x", "extra"}, cli.ErrUsage, "are required, and nothing else"},
		{[]string{"corpus", "--articles", "ten"}, cli.ErrUsage, "invalid argument"},
		{[]string{"corpus", "--articles", "10", "--out", "x", "--copy-share", "1.5"}, cli.ErrUsage, "--copy-share must be in [0, 1)"},
	} {
		_, stderr, err := runArgs(t, tc.args...)
		if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("%q: error %v, want %v", tc.args, err, tc.want)
		}
		if !strings.Contains(stderr, tc.msg) {
			t.Errorf("%q: stderr %q lacks %q", tc.args, stderr, tc.msg)
		}
		if err != nil && cli.ExitCode(err) != 2 {
			t.Errorf("%q: exit code %d, want 2", tc.args, cli.ExitCode(err))
		}
	}
}
