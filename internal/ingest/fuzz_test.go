package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/readout/readout/internal/news"
)

const fuzzMaxBody = 1 << 10

// fuzzRead reads data as the one file name and checks the invariants every
// Read keeps on any input: no error in lenient mode, and every emitted
// article has an id, a title or body, valid UTF-8 and a body within the
// limit; every problem names the file.
func fuzzRead(t *testing.T, name string, data []byte) {
	fsys := fstest.MapFS{name: {Data: data}}
	emitted := 0
	stats, err := Read(context.Background(), []Input{FSInput("fuzz/"+name, fsys, name)}, Options{MaxBodyBytes: fuzzMaxBody},
		func(a news.Article) error {
			emitted++
			if strings.TrimSpace(a.ID) == "" {
				t.Errorf("emitted article without id: %#v", a)
			}
			if strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Body) == "" {
				t.Errorf("emitted article without title or body: %#v", a)
			}
			for _, s := range append([]string{a.ID, a.Title, a.Body, a.Source, a.URL, a.Language}, a.Authors...) {
				if !utf8.ValidString(s) {
					t.Errorf("emitted invalid UTF-8 %q in %#v", s, a)
				}
			}
			if len(a.Body) > fuzzMaxBody {
				t.Errorf("emitted body of %d bytes over the limit", len(a.Body))
			}
			if !strings.HasPrefix(a.Origin, "fuzz/"+name) {
				t.Errorf("origin %q does not name the file", a.Origin)
			}
			return nil
		},
		func(p *Problem) {
			if p.Path != "fuzz/"+name || p.Err == nil {
				t.Errorf("problem %+v does not name the file or lacks a reason", p)
			}
			if p.Line < 0 || p.Line > bytes.Count(data, []byte("\n"))+1 {
				t.Errorf("problem %v: line out of range", p)
			}
		})
	if err != nil {
		t.Fatalf("lenient Read returned %v", err)
	}
	if stats.Read != emitted {
		t.Errorf("stats.Read %d, emitted %d", stats.Read, emitted)
	}
}

func addFixtures(f *testing.F, pattern string) {
	files, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzJSONLines(f *testing.F) {
	addFixtures(f, "testdata/jsonl/*.jsonl")
	f.Add([]byte(`{"id":"x","title":"t","published":"2020-01-01"}` + "\n\n" + `{"id":"y","body":"\u0000\ud800"}`))
	f.Add([]byte(`{"id":"x","title":"t","authors":null,"body":null}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.jsonl", data) })
}

func FuzzFeed(f *testing.F) {
	addFixtures(f, "testdata/feeds/*")
	addFixtures(f, "testdata/folder/*.rss")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.rss", data) })
}

func FuzzMarkdown(f *testing.F) {
	addFixtures(f, "testdata/text/*.md")
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\nauthors: [a, [b]]\n---\n# T"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.md", data) })
}

func FuzzHTMLFile(f *testing.F) {
	addFixtures(f, "testdata/html/*")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.html", data) })
}

func FuzzHTMLToText(f *testing.F) {
	addFixtures(f, "testdata/html/*")
	f.Add([]byte("<p>a<br>b</p><pre>\n x \n</pre>"))
	f.Add([]byte("plain\n\n\n\ntext &amp; more"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := HTMLToText(string(data))
		if !utf8.ValidString(got) {
			t.Errorf("invalid UTF-8 output %q", got)
		}
		if strings.TrimSpace(got) != got {
			t.Errorf("output %q has surrounding whitespace", got)
		}
		if strings.Contains(got, "\n\n\n") {
			t.Errorf("output %q has more than one blank line between paragraphs", got)
		}
		if strings.ContainsAny(got, "\r") {
			t.Errorf("output %q holds a carriage return", got)
		}
	})
}
