package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArgs(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const sampleJSONL = `{"id": "a1", "title": "Border talks resume", "body": "GENEVA, March 3 (Test Wire) - \"We will keep talking,\" Foreign Minister Anna Kovač said.", "published": "2022-03-03", "source": "Test Wire"}
{"id": "a2", "title": "Flash: ceasefire holds", "published": "2022-03-04T08:00:00Z"}
{"id": "a1", "title": "Border talks resume (corrected)", "body": "GENEVA, March 3 (Test Wire) - Talks resumed.", "published": "2022-03-03"}
{"id": "", "title": "no id"}
`

func TestBuildStatusAddDelete(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "c/articles.jsonl", sampleJSONL)
	idx := filepath.Join(dir, "idx")

	out, _, err := runArgs(t, "build", "--corpus", corpus, "--index", idx, "--progress", "log")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"built gen-000001", "read 3", "indexed 2", "skipped 1", "duplicates 1", "docs/s"} {
		if !strings.Contains(out, want) {
			t.Errorf("build summary %q lacks %q", out, want)
		}
	}

	out, _, err = runArgs(t, "status", "--index", idx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "*  gen-000001  2 ") {
		t.Errorf("status does not mark gen-000001 current with its 2 articles: %q", out)
	}

	add := writeFile(t, dir, "new.jsonl", `{"id": "n1", "title": "New article", "body": "Fresh text."}`+"\n")
	out, _, err = runArgs(t, "add", "--corpus", add, "--index", idx)
	if err != nil || !strings.Contains(out, "journaled 1 ops") {
		t.Fatalf("add: %q %v", out, err)
	}
	out, _, err = runArgs(t, "delete", "--index", idx, "a2")
	if err != nil || !strings.Contains(out, "journaled 1 ops (seq 2-2)") {
		t.Fatalf("delete: %q %v", out, err)
	}
	out, _, err = runArgs(t, "build", "--corpus", corpus, "--index", idx, "--progress", "log")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "indexed 2") || !strings.Contains(out, "journal ops 2") {
		t.Errorf("rebuild with journal: %q", out)
	}
}

func TestBuildStrictFails(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "articles.jsonl", sampleJSONL)
	_, _, err := runArgs(t, "build", "--corpus", corpus, "--index", filepath.Join(dir, "idx"), "--strict")
	if err == nil || !strings.Contains(err.Error(), "articles.jsonl:4") {
		t.Fatalf("strict build err = %v", err)
	}
}

func TestExtractPrintsOneLinePerArticle(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "articles.jsonl", sampleJSONL)
	out, _, err := runArgs(t, "extract", "--corpus", corpus)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("extract printed %d lines:\n%s", len(lines), out)
	}
	var first struct {
		ID       string            `json:"id"`
		Entities []json.RawMessage `json:"entities"`
		Quotes   []struct {
			Text string `json:"text"`
		} `json:"quotes"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.ID != "a1" || len(first.Quotes) != 1 || first.Quotes[0].Text != "We will keep talking," && first.Quotes[0].Text != "We will keep talking" {
		t.Fatalf("first line = %s", lines[0])
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{"frobnicate"}, ""},
		{[]string{"build", "--no-such-flag"}, "no-such-flag"},
		{[]string{"delete", "--index", "x"}, "needs article ids"},
	}
	for _, tt := range tests {
		_, _, err := runArgs(t, tt.args...)
		if !errors.Is(err, errUsage) || exitCode(err) != 2 || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v", tt.args, err)
		}
	}
	dir := t.TempDir()
	_, _, err := runArgs(t, "build", "--corpus", filepath.Join(dir, "missing.jsonl"), "--index", filepath.Join(dir, "i"))
	if err == nil || !strings.Contains(err.Error(), "missing.jsonl") || exitCode(err) != 1 {
		t.Fatalf("missing corpus: %v", err)
	}
	_, _, err = runArgs(t, "build", "--index", filepath.Join(dir, "i"), "--keep", "0")
	if err == nil || !strings.Contains(err.Error(), "index.keep") {
		t.Fatalf("bad keep: %v", err)
	}
}

// TestBuildSampleCorpus builds the bundled sample corpus (the default input)
// and checks the counts against the corpus files themselves.
func TestBuildSampleCorpus(t *testing.T) {
	want := 0
	root := filepath.Join("..", "..", "corpus")
	b, err := os.ReadFile(filepath.Join(root, "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	want += strings.Count(strings.TrimSpace(string(b)), "\n") + 1
	for _, pat := range []string{"articles/*.md", "articles/*.html"} {
		m, _ := filepath.Glob(filepath.Join(root, pat))
		want += len(m)
	}
	feeds, _ := filepath.Glob(filepath.Join(root, "feeds", "*.rss"))
	for _, f := range feeds {
		b, _ := os.ReadFile(f)
		want += strings.Count(string(b), "<item>")
	}
	out, _, err := runArgs(t, "build", "--index", filepath.Join(t.TempDir(), "idx"), "--progress", "log")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{fmt.Sprintf("read %d,", want), fmt.Sprintf("indexed %d,", want), "skipped 0,", "duplicates 0,"} {
		if !strings.Contains(out, s) {
			t.Errorf("summary %q lacks %q", out, s)
		}
	}
}
