package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/testutil"
)

// benchRead reads inputs once per iteration, checks the article count and
// reports throughput in uncompressed bytes.
func benchRead(b *testing.B, inputs []Input, wantRead int) {
	b.Helper()
	benchReadOpts(b, inputs, Options{}, wantRead)
}

func benchReadOpts(b *testing.B, inputs []Input, opts Options, wantRead int) {
	b.Helper()
	b.ReportAllocs()
	var bytes int64
	for b.Loop() {
		n := 0
		stats, err := Read(context.Background(), inputs, opts, func(news.Article) error { n++; return nil }, func(*Problem) {})
		if err != nil {
			b.Fatal(err)
		}
		if n != wantRead {
			b.Fatalf("read %d articles, want %d", n, wantRead)
		}
		bytes = stats.Bytes
	}
	b.SetBytes(bytes)
}

// BenchmarkReadReuters reads reuters21578.jsonl.gz from disk, gzip
// included; MB/s is of uncompressed JSON Lines.
func BenchmarkReadReuters(b *testing.B) {
	benchRead(b, []Input{OSInput(testutil.Corpus(b, "reuters21578.jsonl.gz"))}, 21577)
}

// BenchmarkReadReutersUncompressed reads the same records from memory,
// without gzip: the JSON Lines decoding alone.
func BenchmarkReadReutersUncompressed(b *testing.B) {
	f, err := os.Open(testutil.Corpus(b, "reuters21578.jsonl.gz"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, zr); err != nil {
		b.Fatal(err)
	}
	fsys := fstest.MapFS{"reuters.jsonl": {Data: buf.Bytes()}}
	benchRead(b, []Input{FSInput("reuters.jsonl", fsys, "reuters.jsonl")}, 21577)
}

// BenchmarkHTMLToText converts the HTML fixture's markup.
func BenchmarkHTMLToText(b *testing.B) {
	data, err := os.ReadFile("testdata/html/article.html")
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if HTMLToText(s) == "" {
			b.Fatal("no text")
		}
	}
}

// BenchmarkReadHTML reads the HTML fixture pages that make articles, from
// memory: charset, parsing, main-content extraction and metadata.
func BenchmarkReadHTML(b *testing.B) {
	fsys := fstest.MapFS{}
	for _, name := range []string{"article.html", "clutter.html", "cp1252.html", "latin1.html", "minimal.htm", "og-title.html", "utf8-nocharset.html"} {
		data, err := os.ReadFile("testdata/html/" + name)
		if err != nil {
			b.Fatal(err)
		}
		fsys["pages/"+name] = &fstest.MapFile{Data: data}
	}
	benchRead(b, []Input{FSInput("pages", fsys, "pages")}, len(fsys))
}

// BenchmarkReadUNGDMapped reads ungd-1990-2024.jsonl.gz through the
// shipped mapping (examples/ungd.yaml) and, as a reference, without it:
// what rewriting each line into the record format costs.
func BenchmarkReadUNGDMapped(b *testing.B) {
	in := []Input{OSInput(testutil.Corpus(b, "ungd-1990-2024.jsonl.gz"))}
	m, err := LoadMapping(filepath.Join(testutil.RepoRoot(), "examples", "ungd.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("mapped", func(b *testing.B) { benchReadOpts(b, in, Options{Mapping: m}, 6522) })
	b.Run("plain", func(b *testing.B) { benchReadOpts(b, in, Options{}, 6522) })
}
