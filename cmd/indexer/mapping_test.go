package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildMapping: --mapping (and READOUT_INGEST_MAPPING) reads a corpus
// through a mapping; a bad mapping fails before anything is read, naming
// its key, and publishes nothing; build, add and extract all check it.
func TestBuildMapping(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "speeches.jsonl",
		`{"id":"un-NOR-2014","headline":"Norway","text":"Norway calls for de-escalation."}`+"\n")
	good := writeFile(t, dir, "good.yaml", `
inputs:
  - match: "speeches.jsonl"
    fields: {title: headline, body: text}
    date: {from: id, pattern: '-(\d{4})$', precision: year}
    speaker: {country: {from: id, pattern: '^un-([A-Z]{3})-'}}
`)
	bad := writeFile(t, dir, "bad.yaml", "inputs:\n  - match: speeches.jsonl\n    date: {from: id, pattern: '\\d{4}$', precision: year}\n")
	idx := filepath.Join(dir, "idx")
	for _, cmd := range [][]string{
		{"build", "--index", idx},
		{"add", "--index", idx},
		{"extract"},
	} {
		args := append(cmd, "--corpus", corpus, "--mapping", bad)
		_, _, err := runArgs(t, args...)
		if err == nil || !strings.Contains(err.Error(), "mapping inputs[0].date.pattern: want exactly one group") {
			t.Errorf("%s with a bad mapping: %v", cmd[0], err)
		}
	}
	if _, err := os.Stat(filepath.Join(idx, "CURRENT")); !os.IsNotExist(err) {
		t.Errorf("a build with a bad mapping published: %v", err)
	}
	out, _, err := runArgs(t, "extract", "--corpus", corpus, "--mapping", good)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"id":"un-NOR-2014"`, `"speaker_id":"norway"`, `"kind":"statement"`} {
		if !strings.Contains(out, want) {
			t.Errorf("extract through the mapping lacks %s:\n%s", want, out)
		}
	}
	t.Setenv("READOUT_INGEST_MAPPING", good)
	if _, _, err := runArgs(t, "build", "--index", idx, "--corpus", corpus, "--strict"); err != nil {
		t.Fatalf("build with the mapping from the environment: %v", err)
	}
	meta, err := os.ReadFile(filepath.Join(idx, "gen-000001", "meta.json"))
	if err != nil || !strings.Contains(string(meta), `"articles": 1,`) || !strings.Contains(string(meta), `"date_spans": true`) {
		t.Errorf("meta.json %s, %v: want one article dated by its year", meta, err)
	}
}
