package corpus_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/readout/readout/corpus"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

const goldPath = "../internal/extract/testdata/sample-gold.jsonl"

type goldLine struct {
	ID       string `json:"id"`
	Entities []struct {
		Name    string `json:"name"`
		Type    string `json:"type"`
		Country string `json:"country"`
	} `json:"entities"`
	Countries []string `json:"countries"`
	Quotes    []struct {
		Speaker    string `json:"speaker"`
		Kind       string `json:"kind"`
		TextPrefix string `json:"text_prefix"`
	} `json:"quotes"`
}

type aliasEntry struct {
	Name    string   `yaml:"name"`
	Type    string   `yaml:"type"`
	Aliases []string `yaml:"aliases"`
	Country string   `yaml:"country"`
	Role    string   `yaml:"role"`
	Gender  string   `yaml:"gender"`
}

func readAll(t *testing.T) map[string]news.Article {
	t.Helper()
	arts := map[string]news.Article{}
	_, err := ingest.Read(context.Background(),
		[]ingest.Input{ingest.FSInput("corpus", corpus.FS, ".")},
		ingest.Options{Strict: true},
		func(a news.Article) error {
			if _, dup := arts[a.ID]; dup {
				t.Errorf("duplicate id %q (%s)", a.ID, a.Origin)
			}
			arts[a.ID] = a
			return nil
		}, nil)
	if err != nil {
		t.Fatalf("read sample corpus: %v", err)
	}
	return arts
}

func readGold(t *testing.T) []goldLine {
	t.Helper()
	f, err := os.Open(goldPath)
	if err != nil {
		t.Fatalf("open gold: %v", err)
	}
	defer f.Close()
	var out []goldLine
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var g goldLine
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&g); err != nil {
			t.Fatalf("%s:%d: %v", goldPath, n, err)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read gold: %v", err)
	}
	return out
}

func readAliases(t *testing.T) []aliasEntry {
	t.Helper()
	b, err := fs.ReadFile(corpus.FS, corpus.AliasFile)
	if err != nil {
		t.Fatalf("read %s: %v", corpus.AliasFile, err)
	}
	var list []aliasEntry
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&list); err != nil {
		t.Fatalf("parse %s: %v", corpus.AliasFile, err)
	}
	return list
}

// TestFormats checks that every reader has files to read.
func TestFormats(t *testing.T) {
	count := map[string]int{}
	err := fs.WalkDir(corpus.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasPrefix(path.Base(p), "README") {
			count[path.Ext(p)]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		ext string
		min int
	}{{".jsonl", 1}, {".md", 5}, {".html", 4}, {".rss", 1}, {".yaml", 1}} {
		if count[tc.ext] < tc.min {
			t.Errorf("%s files: got %d, want at least %d", tc.ext, count[tc.ext], tc.min)
		}
	}
}

// TestArticles reads the corpus as the indexer does and checks its shape.
func TestArticles(t *testing.T) {
	arts := readAll(t)
	if len(arts) < 64 {
		t.Errorf("articles: got %d, want at least 64", len(arts))
	}
	var first, last time.Time
	var undated, flashes int
	sources := map[string]bool{}
	for id, a := range arts {
		if a.Title == "" {
			t.Errorf("%s: no title", id)
		}
		if a.Source == "" {
			t.Errorf("%s: no source", id)
		}
		sources[a.Source] = true
		if a.Body == "" {
			flashes++
		} else if n := len(strings.Fields(a.Body)); n < 150 || n > 450 {
			t.Errorf("%s: %d words, want 150-450", id, n)
		}
		if !a.Dated() {
			undated++
			continue
		}
		if first.IsZero() || a.Published.Before(first) {
			first = a.Published
		}
		if a.Published.After(last) {
			last = a.Published
		}
	}
	if last.Sub(first) < 2*365*24*time.Hour {
		t.Errorf("dates span %s to %s, want at least two years", first, last)
	}
	if undated < 2 || flashes < 2 || len(sources) < 3 {
		t.Errorf("undated %d, flashes %d, sources %d: want at least 2, 2, 3", undated, flashes, len(sources))
	}
}

// TestGoldMatchesCorpus checks the extraction gold against the articles:
// the same ids, every quote prefix verbatim in its body, direct quotes
// right after an opening quote mark, turns right after a speaker label,
// statements at a paragraph's start by a speaker the record names, and
// invented entities named in the text by their name or one of their
// aliases.
func TestGoldMatchesCorpus(t *testing.T) {
	arts := readAll(t)
	gold := readGold(t)
	aliases := map[string][]string{}
	for _, e := range readAliases(t) {
		aliases[e.Name] = append([]string{e.Name}, e.Aliases...)
	}
	code := regexp.MustCompile(`^[A-Z]{2}$`)
	seen := map[string]bool{}
	for _, g := range gold {
		a, ok := arts[g.ID]
		if !ok {
			t.Errorf("gold id %q is not in the corpus", g.ID)
			continue
		}
		seen[g.ID] = true
		text := a.Title + "\n\n" + a.Body
		norm := strings.NewReplacer("\u2019", "'").Replace(text)
		for _, e := range g.Entities {
			switch e.Type {
			case "person", "org", "place":
			default:
				t.Errorf("%s: entity %q: type %q", g.ID, e.Name, e.Type)
			}
			names, invented := aliases[e.Name]
			if !invented {
				continue
			}
			found := false
			for _, n := range names {
				found = found || strings.Contains(norm, n)
			}
			if !found {
				t.Errorf("%s: entity %q not named in the article", g.ID, e.Name)
			}
		}
		for _, c := range g.Countries {
			if !code.MatchString(c) {
				t.Errorf("%s: country %q is not an alpha-2 code", g.ID, c)
			}
		}
		for _, q := range g.Quotes {
			i := strings.Index(a.Body, q.TextPrefix)
			switch {
			case q.TextPrefix == "" || i < 0:
				t.Errorf("%s: quote prefix %q not in body", g.ID, q.TextPrefix)
			case q.Kind == "direct":
				if before := a.Body[:i]; !strings.HasSuffix(before, `"`) && !strings.HasSuffix(before, "\u201c") {
					t.Errorf("%s: direct quote %q does not follow an opening quote mark", g.ID, q.TextPrefix)
				}
			case q.Kind == "turn":
				// A turn's words follow its speaker label ("MS. HORVAT: ").
				if before := a.Body[:i]; !strings.HasSuffix(before, ": ") {
					t.Errorf("%s: turn %q does not follow a speaker label", g.ID, q.TextPrefix)
				}
			case q.Kind == "statement":
				// A statement is a whole paragraph of a document its record's speaker speaks.
				if i > 0 && !strings.HasSuffix(a.Body[:i], "\n\n") {
					t.Errorf("%s: statement %q does not start a paragraph", g.ID, q.TextPrefix)
				}
				if !slices.ContainsFunc(a.Speakers, func(s news.DocSpeaker) bool { return s.Name == q.Speaker }) {
					t.Errorf("%s: statement %q by %q, the record's speakers are %v", g.ID, q.TextPrefix, q.Speaker, a.Speakers)
				}
			case q.Kind != "indirect":
				t.Errorf("%s: quote %q: kind %q", g.ID, q.TextPrefix, q.Kind)
			}
			if _, ok := aliases[q.Speaker]; q.Speaker != "" && !ok && !strings.Contains(text, q.Speaker) {
				t.Errorf("%s: speaker %q unknown", g.ID, q.Speaker)
			}
		}
	}
	for id := range arts {
		if !seen[id] {
			t.Errorf("article %q has no gold line", id)
		}
	}
}

// TestAliases checks the alias table: valid entries, no alias shared by two
// entities.
func TestAliases(t *testing.T) {
	owner := map[string]string{}
	code := regexp.MustCompile(`^[A-Z]{2}$`)
	for _, e := range readAliases(t) {
		if e.Name == "" {
			t.Errorf("entry without name: %+v", e)
		}
		switch e.Type {
		case "person":
			if e.Gender != "m" && e.Gender != "f" {
				t.Errorf("%s: gender %q", e.Name, e.Gender)
			}
		case "org", "place":
		default:
			t.Errorf("%s: type %q", e.Name, e.Type)
		}
		if e.Country != "" && !code.MatchString(e.Country) {
			t.Errorf("%s: country %q", e.Name, e.Country)
		}
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			if o, dup := owner[s]; dup {
				t.Errorf("%q names both %q and %q", s, o, e.Name)
			}
			owner[s] = e.Name
		}
	}
}
