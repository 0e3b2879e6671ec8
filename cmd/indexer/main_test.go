package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/readout/readout/internal/cli"
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
			Text        string `json:"text"`
			SpeakerID   string `json:"speaker_id"`
			SpeakerKind string `json:"speaker_kind"`
		} `json:"quotes"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.ID != "a1" || len(first.Quotes) != 1 || first.Quotes[0].Text != "We will keep talking," && first.Quotes[0].Text != "We will keep talking" {
		t.Fatalf("first line = %s", lines[0])
	}
	if q := first.Quotes[0]; q.SpeakerID != "anna-kovac" || q.SpeakerKind != "person" {
		t.Errorf("quote speaker %q of kind %q, want a person: %s", q.SpeakerID, q.SpeakerKind, lines[0])
	}
	if strings.Count(lines[0], `"quotes"`) != 1 {
		t.Errorf("quotes written twice: %s", lines[0])
	}
}

// TestExtractListsCountriesAsPlaces: the countries an article names are
// place entities of the output, with their codes and offsets, as annotated
// corpora read them; the index keeps them in the country facet only.
func TestExtractListsCountriesAsPlaces(t *testing.T) {
	dir := t.TempDir()
	body := "Croatia protested to Serbia on Monday. Croatian officials met in Zagreb."
	corpus := writeFile(t, dir, "articles.jsonl", `{"id": "c1", "title": "Dredging row", "body": "`+body+`", "published": "2022-01-12"}`+"\n")
	out, _, err := runArgs(t, "extract", "--corpus", corpus)
	if err != nil {
		t.Fatal(err)
	}
	var line struct {
		Entities []struct {
			ID, Type, Country string
			Mentions          []struct {
				Field      string
				Start, End int
				Text       string
			}
		} `json:"entities"`
	}
	if err := json.Unmarshal([]byte(out), &line); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	got := map[string]string{}
	for _, e := range line.Entities {
		for _, m := range e.Mentions {
			if m.Field == "body" && body[m.Start:m.End] != m.Text {
				t.Errorf("%s: mention %q at %d-%d reads %q", e.ID, m.Text, m.Start, m.End, body[m.Start:m.End])
			}
		}
		if e.Type == "place" {
			got[e.ID] = e.Country
		}
	}
	for id, code := range map[string]string{"croatia": "HR", "serbia": "RS", "zagreb": "HR"} {
		if got[id] != code {
			t.Errorf("place %s: country %q, want %q (places %v)", id, got[id], code, got)
		}
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
		if !errors.Is(err, cli.ErrUsage) || cli.ExitCode(err) != 2 || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v", tt.args, err)
		}
	}
	dir := t.TempDir()
	_, _, err := runArgs(t, "build", "--corpus", filepath.Join(dir, "missing.jsonl"), "--index", filepath.Join(dir, "i"))
	if err == nil || !strings.Contains(err.Error(), "missing.jsonl") || cli.ExitCode(err) != 1 {
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

// TestStatusLeftoversAndJournal: status lists what interrupted builds and
// prunes left and what the next build does with it, and the journal's
// batches, ops, last seq, size and torn tail; the next add removes the
// torn tail and says so; a corrupt journal makes status fail naming the
// line.
func TestStatusLeftoversAndJournal(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, dir, "c/articles.jsonl", sampleJSONL)
	idx := filepath.Join(dir, "idx")
	if _, _, err := runArgs(t, "build", "--corpus", corpus, "--index", idx, "--progress", "log"); err != nil {
		t.Fatal(err)
	}
	out, _, err := runArgs(t, "status", "--index", idx)
	if err != nil || !strings.Contains(out, "journal: empty") || strings.Contains(out, "left by") {
		t.Fatalf("status of a fresh index: %v\n%s", err, out)
	}
	add := writeFile(t, dir, "new.jsonl", `{"id": "n1", "title": "New article", "body": "Fresh text."}`+"\n")
	if _, _, err := runArgs(t, "add", "--corpus", add, "--index", idx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runArgs(t, "delete", "--index", idx, "a2", "a9"); err != nil {
		t.Fatal(err)
	}
	// What a killed add, build and prune leave.
	journal := filepath.Join(idx, "journal.jsonl")
	f, err := os.OpenFile(journal, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"batch":"begin","first":4}` + "\n" + `{"seq":4,"kind":"ups`)
	f.Close()
	writeFile(t, idx, ".build-gen-000002/bleve/store/000000000001.zap", strings.Repeat("z", 3000))
	writeFile(t, idx, ".prune-gen-000000/meta.json", "{}")

	out, _, err = runArgs(t, "status", "--index", idx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"*  gen-000001  2 ",
		"left by interrupted builds and prunes:",
		".build-gen-000002  build folder",
		"2.9 KiB",
		"removes it (unless it is a build running now)",
		".prune-gen-000000  pruned generation, not yet deleted",
		"journal: 2 batches, 3 ops, last seq 3,",
		"journal: torn tail from line 8, 48 B, left by an interrupted append (batch begun at line 8 has no commit record); readers ignore it and the next add or delete removes it",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}

	out, stderr, err := runArgs(t, "add", "--corpus", add, "--index", idx)
	if err != nil || !strings.Contains(out, "journaled 1 ops (seq 4-4)") || !strings.Contains(stderr, "removed the torn tail") {
		t.Fatalf("add after a torn tail: %v\n%s%s", err, out, stderr)
	}
	if _, _, err := runArgs(t, "build", "--corpus", corpus, "--index", idx, "--progress", "log"); err != nil {
		t.Fatal(err)
	}
	out, _, err = runArgs(t, "status", "--index", idx)
	if err != nil || strings.Contains(out, "left by") || !strings.Contains(out, "journal: 3 batches, 4 ops, last seq 4,") || !strings.Contains(out, "journal: no torn tail") {
		t.Fatalf("status after the next add and build: %v\n%s", err, out)
	}

	// A damaged batch with a committed one after it is corruption.
	b, _ := os.ReadFile(journal)
	lines := strings.SplitAfter(string(b), "\n")
	lines[1] = "garbage\n"
	if err := os.WriteFile(journal, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err = runArgs(t, "status", "--index", idx)
	if err == nil || !strings.Contains(out, "journal: CORRUPT: journal.jsonl:3: journal corrupt: commit record of the batch begun at line 1 says 1 ops in ") ||
		!strings.Contains(out, "the batch holds 1 in 8 (committed records follow at line 7") || !strings.Contains(out, "*  gen-000002") {
		t.Fatalf("status of a corrupt journal: %v\n%s", err, out)
	}
}

// TestAddStrictJournalsNothing: add --strict stops at a bad record after
// others were streamed to the journal, and none of them becomes live.
func TestAddStrictJournalsNothing(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	good := writeFile(t, dir, "good.jsonl", `{"id": "g1", "title": "Good", "body": "Text."}`+"\n")
	if _, _, err := runArgs(t, "add", "--corpus", good, "--index", idx); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(idx, "journal.jsonl"))
	var lines []string
	for i := range 200 {
		lines = append(lines, fmt.Sprintf(`{"id": "s%d", "title": "Story %d", "body": "%s"}`, i, i, strings.Repeat("Talks went on. ", 100)))
	}
	lines = append(lines, `{"id": "bad", "title": "Bad date", "published": "yesterday"}`)
	bad := writeFile(t, dir, "bad.jsonl", strings.Join(lines, "\n")+"\n")
	_, _, err := runArgs(t, "add", "--corpus", bad, "--index", idx, "--strict")
	if err == nil || !strings.Contains(err.Error(), "bad.jsonl:201") || !strings.Contains(err.Error(), "nothing journaled") {
		t.Fatalf("strict add: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(idx, "journal.jsonl"))
	if !bytes.Equal(before, after) {
		t.Fatalf("the failed add changed the journal: %d bytes before, %d after", len(before), len(after))
	}
}

const addChildEnv = "READOUT_TEST_ADD_CHILD"

// TestAddChildProcess is no test on its own: TestAddKilled runs `indexer
// add` in a child process (the test binary again) and kills it.
func TestAddChildProcess(t *testing.T) {
	spec := os.Getenv(addChildEnv)
	if spec == "" {
		t.Skip("helper process for TestAddKilled")
	}
	idx, corpus, _ := strings.Cut(spec, "|")
	if err := run(context.Background(), []string{"add", "--corpus", corpus, "--index", idx}, os.Stdout, os.Stderr); err != nil {
		t.Fatal(err)
	}
}

// TestAddKilled kills a real `indexer add` while it streams a large batch
// to the journal: none of it becomes live, status shows the torn tail,
// the next add removes it, and a build holds exactly the acknowledged
// articles.
func TestAddKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns an indexer process")
	}
	dir := t.TempDir()
	corpus := writeFile(t, dir, "c/articles.jsonl", sampleJSONL)
	idx := filepath.Join(dir, "idx")
	if _, _, err := runArgs(t, "build", "--corpus", corpus, "--index", idx, "--progress", "log"); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, `{"id": "big%d", "title": "Story %d", "body": "%s"}`+"\n", i, i, strings.Repeat("Negotiators met in Geneva. ", 40))
	}
	big := writeFile(t, dir, "big.jsonl", b.String())

	cmd := exec.Command(os.Args[0], "-test.run=^TestAddChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), addChildEnv+"="+idx+"|"+big)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	journal := filepath.Join(idx, "journal.jsonl")
	killed := false
	for !killed {
		select {
		case <-done:
			t.Fatalf("indexer add finished before the kill:\n%s", out.String())
		case <-time.After(time.Millisecond):
		}
		if fi, err := os.Stat(journal); err == nil && fi.Size() > 512<<10 {
			_ = cmd.Process.Signal(syscall.SIGKILL)
			<-done
			killed = true
		}
	}
	if strings.Contains(out.String(), "journaled") {
		t.Fatalf("the killed add acknowledged its batch:\n%s", out.String())
	}
	st, _, err := runArgs(t, "status", "--index", idx)
	if err != nil || !strings.Contains(st, "journal: 0 batches, 0 ops, last seq 0,") || !strings.Contains(st, "journal: torn tail from line 1,") {
		t.Fatalf("status after the kill: %v\n%s", err, st)
	}
	add := writeFile(t, dir, "new.jsonl", `{"id": "n1", "title": "New article", "body": "Fresh text."}`+"\n")
	res, stderr, err := runArgs(t, "add", "--corpus", add, "--index", idx)
	if err != nil || !strings.Contains(res, "journaled 1 ops (seq 1-1)") || !strings.Contains(stderr, "removed the torn tail") {
		t.Fatalf("add after the kill: %v\n%s%s", err, res, stderr)
	}
	res, _, err = runArgs(t, "build", "--corpus", corpus, "--index", idx, "--progress", "log")
	if err != nil || !strings.Contains(res, "indexed 3,") || !strings.Contains(res, "journal ops 1,") {
		t.Fatalf("build after the kill: %v\n%s", err, res)
	}
}
