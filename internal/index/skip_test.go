package index

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

// corpusOf writes good articles and garbage lines, interleaved, to one
// JSON Lines file.
func corpusOf(t *testing.T, dir string, good, bad int) string {
	t.Helper()
	var lines []string
	for i := 0; i < good || i < bad; i++ {
		if i < good {
			lines = append(lines, art(fmt.Sprintf("g%d", i), "Good story", "The envoy met the delegation in Vienna.", "2022-05-01"))
		}
		if i < bad {
			lines = append(lines, fmt.Sprintf("garbage line %d", i))
		}
	}
	if len(lines) == 0 {
		p := filepath.Join(dir, "corpus.jsonl")
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return writeCorpus(t, dir, "corpus.jsonl", lines...)
}

// TestGarbageNeverReplacesAGoodGeneration builds a good generation, then a
// second one from each corpus, and checks that a build that skips too much
// or would index nothing fails, naming the figures, leaves the first
// generation current and unchanged, and leaves no half-built folder.
func TestGarbageNeverReplacesAGoodGeneration(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		name      string
		good, bad int
		ratio     float64
		strict    bool
		journal   []Op // appended before the second build
		want      string
		articles  int // in the second generation, when it is published
	}{
		{name: "all garbage", bad: 1000,
			want: "build gen-000002: skipped 1,000 of 1,000 records (100%), more than ingest.max_skip_ratio 50%: nothing published; gen-000001 is still served"},
		{name: "40% garbage, default ratio", good: 6, bad: 4, articles: 6},
		{name: "40% garbage, ratio 0.3", good: 6, bad: 4, ratio: 0.3,
			want: "skipped 4 of 10 records (40%), more than ingest.max_skip_ratio 30%: nothing published; gen-000001 is still served"},
		{name: "half garbage is allowed", good: 5, bad: 5, articles: 5},
		{name: "all garbage, no limit", bad: 5, ratio: 1,
			want: "build gen-000002: no article to index (read 0, skipped 5, journal ops 0): nothing published; gen-000001 is still served"},
		{name: "empty file", want: "no article to index (read 0, skipped 0, journal ops 0): nothing published; gen-000001 is still served"},
		{name: "empty file, journal adds one", articles: 1,
			journal: []Op{{Kind: OpUpsert, Article: &news.Article{ID: "j1", Title: "Journaled", Body: "Added later."}}}},
		{name: "journal deletes the only article", good: 1,
			journal: []Op{{Kind: OpDelete, ID: "g0"}, {Kind: OpDelete, ID: "first"}},
			want:    "no article to index (read 1, skipped 0, journal ops 2): nothing published"},
		{name: "strict stops at the first bad record", good: 6, bad: 1, strict: true,
			want: "corpus.jsonl:2: invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := OpenStore(filepath.Join(dir, "idx"))
			if err != nil {
				t.Fatal(err)
			}
			first := build(t, s, BuildOptions{Extractor: x, Inputs: []ingest.Input{ingest.OSInput(
				writeCorpus(t, dir, "first.jsonl", art("first", "First", "The ceasefire held.", "2022-01-01")))}})
			before, err := s.Current()
			if err != nil {
				t.Fatal(err)
			}
			if len(tt.journal) > 0 {
				if _, err := s.AppendJournal(tt.journal); err != nil {
					t.Fatal(err)
				}
			}
			sum, err := s.Build(context.Background(), BuildOptions{
				Extractor: x, Inputs: []ingest.Input{ingest.OSInput(corpusOf(t, dir, tt.good, tt.bad))},
				Ingest: ingest.Options{Strict: tt.strict}, MaxSkipRatio: tt.ratio,
			})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("build failed: %v", err)
				}
				g := openCurrent(t, s)
				if g.Name != sum.Generation || g.Name == first.Generation || g.Meta.Articles != tt.articles || sum.Skipped != tt.bad {
					t.Fatalf("published %s with %d articles (summary %+v), want a new generation with %d", g.Name, g.Meta.Articles, sum, tt.articles)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("build error = %v, want one containing %q", err, tt.want)
			}
			after, err := s.Current()
			if err != nil {
				t.Fatal(err)
			}
			if after.Name != first.Generation || !reflect.DeepEqual(after.Meta, before.Meta) {
				t.Fatalf("current is %s %+v after a failed build, want %s %+v unchanged", after.Name, after.Meta, first.Generation, before.Meta)
			}
			entries, err := os.ReadDir(s.Dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), "gen-") && e.Name() != first.Generation || strings.HasPrefix(e.Name(), buildPrefix) {
					t.Errorf("a failed build left %s", e.Name())
				}
			}
		})
	}
}

// TestFirstBuildOfGarbage: with no generation yet, the error says so.
func TestFirstBuildOfGarbage(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	_, err := s.Build(context.Background(), BuildOptions{Extractor: newExtractor(t), Inputs: []ingest.Input{ingest.OSInput(corpusOf(t, dir, 0, 3))}})
	var se *ingest.SkipError
	if !errors.As(err, &se) || se.Skipped != 3 || !strings.HasSuffix(err.Error(), "nothing published; no generation is published yet") {
		t.Fatalf("err = %v", err)
	}
	if _, err := s.Current(); !errors.Is(err, ErrNoGeneration) {
		t.Fatalf("Current after a failed first build: %v", err)
	}
}

// TestBuildLogIsBounded: 100,000 bad lines write ten warnings, one line
// saying further ones are counted, and one summary with the count; the
// build summary still counts every skipped record.
func TestBuildLogIsBounded(t *testing.T) {
	dir := t.TempDir()
	corpus := corpusOf(t, dir, 2, 100000)
	var buf bytes.Buffer
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	var told int
	sum := build(t, s, BuildOptions{
		Inputs: []ingest.Input{ingest.OSInput(corpus)}, MaxSkipRatio: 1,
		Logger:    slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn})),
		OnProblem: func(*ingest.Problem) { told++ },
	})
	if sum.Skipped != 100000 || sum.Indexed != 2 || told != 100000 {
		t.Fatalf("summary %+v, OnProblem told %d times", sum, told)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 12 {
		t.Fatalf("%d warning lines for 100,000 bad records, want 12:\n%s", len(lines), buf.String())
	}
	for i, l := range lines[:10] {
		line := i + 3 // after g0, bad 0, g1
		if i < 2 {
			line = 2*i + 2
		}
		if want := fmt.Sprintf("corpus.jsonl:%d: invalid JSON", line); !strings.Contains(l, want) {
			t.Errorf("line %d = %s, want %s", i+1, l, want)
		}
	}
	if want := "skipped 99,990 more records: invalid JSON (100,000 in all, first at " + corpus + ":2)"; !strings.Contains(lines[11], want) {
		t.Errorf("summary line = %s, want %s", lines[11], want)
	}
}
