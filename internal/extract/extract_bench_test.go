package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"

	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/testutil"
)

// loadReuters decodes the Reuters-21578 corpus (up to max articles with a
// body) with plain encoding/json.
func loadReuters(b *testing.B, max int) ([]news.Article, int64) {
	b.Helper()
	path := testutil.Corpus(b, "reuters21578.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatalf("%s: %v", path, err)
	}
	var arts []news.Article
	var n int64
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() && len(arts) < max {
		var a news.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		if a.Body == "" {
			continue
		}
		arts = append(arts, a)
		n += int64(len(a.Title) + len(a.Body))
	}
	if err := sc.Err(); err != nil {
		b.Fatalf("%s: %v", path, err)
	}
	return arts, n
}

// BenchmarkExtractReuters runs Extract over 2,000 Reuters articles per
// iteration on one goroutine; MB/s is the wall-clock throughput and
// MB/cpu-s the throughput per CPU second (target >= 5 MB/s per core; run
// with -cpu 1 so that the garbage collector's work is on the same core).
func BenchmarkExtractReuters(b *testing.B) {
	arts, n := loadReuters(b, 2000)
	x, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := testutil.ProcessCPU()
	iters := 0
	for b.Loop() {
		ents := 0
		for _, a := range arts {
			ents += len(x.Extract(a).Entities)
		}
		if ents == 0 {
			b.Fatal("no entities in the whole sample")
		}
		iters++
	}
	// MB per CPU second (garbage collection included): the single-core
	// throughput even when other processes share the machine.
	if cpu := testutil.ProcessCPU() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)*float64(iters)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
}

// BenchmarkNew measures building an Extractor with user aliases (a clone
// of the gazetteer).
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(Options{Aliases: testAliases}); err != nil {
			b.Fatal(err)
		}
	}
}
