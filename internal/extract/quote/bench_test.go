package quote

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/readout/readout/internal/testutil"
)

// benchArticle is an invented article dense in quotations.
var benchArticle = strings.Repeat(`"We will not retreat from what was agreed in Oslo," Foreign Minister Anna Kovač told reporters on Tuesday. "The talks continue."

Defence Minister Tomas Berg said that Norway would send two frigates to the region, and the Croatian Foreign Ministry said in a statement: "Croatia rejects the accusations entirely."

Analysts called the deal a "pragmatic compromise". According to the ministry, the next round will take place in Geneva.

`, 20)

// BenchmarkFindQuotesSynthetic measures the detector alone (no resolver) on
// invented, quote-dense text. The extraction budget is ≥ 5 MB/s per core
// for the whole of Extract.
func BenchmarkFindQuotesSynthetic(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchArticle)))
	for b.Loop() {
		if qs := Find(benchArticle, nil); len(qs) < 100 {
			b.Fatalf("found %d quotes, want ≥ 100", len(qs))
		}
	}
}

// BenchmarkFindQuotesSyntheticResolver is BenchmarkFindQuotesSynthetic with
// the test resolver answering speaker look-ups (its scans are linear).
func BenchmarkFindQuotesSyntheticResolver(b *testing.B) {
	r := newFakeResolver(benchArticle, testCast)
	b.ReportAllocs()
	b.SetBytes(int64(len(benchArticle)))
	for b.Loop() {
		if qs := Find(benchArticle, r); len(qs) < 100 {
			b.Fatalf("found %d quotes, want ≥ 100", len(qs))
		}
	}
}

// BenchmarkFindQuotesReuters measures the detector on the bodies of the
// first 2,000 Reuters-21578 stories (skipped when the corpus is absent).
func BenchmarkFindQuotesReuters(b *testing.B) {
	bodies := readBodies(b, testutil.Corpus(b, "reuters21578.jsonl.gz"), 2000)
	n := 0
	for _, s := range bodies {
		n += len(s)
	}
	b.ReportAllocs()
	b.SetBytes(int64(n))
	for b.Loop() {
		found := 0
		for _, s := range bodies {
			found += len(Find(s, nil))
		}
		if found == 0 {
			b.Fatal("no quotes found in Reuters")
		}
	}
}

// readBodies reads up to max article bodies from a JSON Lines file, gzipped
// when its name ends in .gz.
func readBodies(tb testing.TB, path string, max int) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatalf("open corpus %s: %v", path, err)
	}
	defer f.Close()
	var rd *bufio.Scanner
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatalf("gunzip %s: %v", path, err)
		}
		defer gz.Close()
		rd = bufio.NewScanner(gz)
	} else {
		rd = bufio.NewScanner(f)
	}
	rd.Buffer(make([]byte, 1<<20), 1<<26)
	var out []string
	for rd.Scan() && len(out) < max {
		var a struct {
			Body string `json:"body"`
		}
		if err := json.Unmarshal(rd.Bytes(), &a); err != nil {
			tb.Fatalf("%s line %d: %v", path, len(out)+1, err)
		}
		out = append(out, a.Body)
	}
	if err := rd.Err(); err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return out
}
