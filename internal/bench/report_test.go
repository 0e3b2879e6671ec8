package bench

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update to accept):\n%s", name, got)
	}
}

// fixedResult is a result with every part of the report set, two request
// kinds differing between the systems.
func fixedResult(articles int, scale float64) Result {
	r := Result{
		Corpus: "test corpus", Articles: articles, TextBytes: int64(articles) * 1500, Date: "2026-12-03",
		Command: "bench run --corpus test.jsonl.gz", Runs: 30, Warmups: 3,
		Machine: Machine{CPUs: 2, MemoryGB: 23.5, CPU: "Test CPU @ 2.0GHz", Go: "go1.26.8"},
		Build: BuildStats{Seconds: 30.5, CPUSeconds: 55.25, PeakRSSMB: 512, PeakAnonMB: 190, IndexBytes: int64(articles) * 4000,
			Articles: articles, Quotes: articles * 2, Generation: "gen-000001"},
		Source:           SourceStats{Read: articles, TextBytes: int64(articles) * 1500, Seconds: 1.5},
		FTSLoad:          LoadStats{Docs: articles, Quotes: articles * 2, Facets: articles * 12, Seconds: 12.25, DBBytes: int64(articles) * 3000},
		FTSPeakRSSMB:     300,
		SearchdRSSWarmMB: 150, SearchdRSSEndMB: 210, SearchdRSSLoadMB: 260,
		SearchdAnonWarmMB: 90, SearchdAnonEndMB: 95, SearchdAnonLoadMB: 120,
		Picks:     Picks{Country: "US", Speaker: "james-baker"},
		HTTPFloor: Latency{N: 30, P50ms: 0.21, P99ms: 0.5},
	}
	for i, k := range Kinds {
		rr := RequestResult{Kind: k, Label: "label of " + k,
			Readout:      Latency{N: 30, P50ms: scale * float64(i+1), P99ms: scale * float64(i+1) * 3},
			FTS:          Latency{N: 30, P50ms: scale * float64(i+1) * 1.5, P99ms: scale * float64(i+1) * 4},
			ReadoutTotal: 1000 + i, FTSTotal: 1000 + i}
		if k != KindExport { // an export without its first answer: "–"
			rr.ReadoutFirstMs = scale * float64(i+1) * 7
		}
		switch k {
		case KindPhrase:
			rr.FTSTotal = 1010
			rr.Mismatches = []string{"total: Readout 1005, FTS5 1010"}
		case KindBroad:
			rr.Mismatches = []string{"facet speaker: 2 values differ (a: Readout 3, FTS5 4)"}
		}
		r.Requests = append(r.Requests, rr)
	}
	r.Loads = []Load{
		{Concurrency: 1, Seconds: 10, Requests: 500, RPS: 50},
		{Concurrency: 4, Seconds: 10, Requests: 900, RPS: 90, Failed: 3, Busy: 3},
		{Concurrency: 16, Seconds: 10, Requests: 950, RPS: 95, SwapTo: "gen-000002", SwapServed: true, SwapSeconds: 1.25},
	}
	return r
}

func TestWriteReportGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteReport(&b, fixedResult(21577, 1)); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.golden.md", b.Bytes())
}

func TestMergeSection(t *testing.T) {
	sec := func(n int) string { return "section " + strings.Repeat("x", n%7) + "\n" }
	doc := MergeSection("", 1000, sec(1000))
	if !strings.HasPrefix(doc, "# Benchmarks") || !strings.Contains(doc, "<!-- bench run: articles=1000 -->\nsection xxxxxx\n<!-- end bench run -->\n") {
		t.Fatalf("new doc:\n%s", doc)
	}
	doc = MergeSection(doc, 300000, "big\n")
	doc = MergeSection(doc, 20000, "middle\n")
	doc = MergeSection(doc, 1000, "replaced\n")
	want := docsHeader + "\n" +
		"<!-- bench run: articles=1000 -->\nreplaced\n<!-- end bench run -->\n\n" +
		"<!-- bench run: articles=20000 -->\nmiddle\n<!-- end bench run -->\n\n" +
		"<!-- bench run: articles=300000 -->\nbig\n<!-- end bench run -->\n"
	if doc != want {
		t.Errorf("merged doc:\n%s\nwant:\n%s", doc, want)
	}
	// Text around the sections, written by hand, stays.
	hand := "# Benchmarks\n\nNotes by hand.\n\n<!-- bench run: articles=5 -->\nold\n<!-- end bench run -->\n\nClosing note.\n"
	got := MergeSection(hand, 5, "new\n")
	if got != strings.Replace(hand, "old", "new", 1) {
		t.Errorf("hand-written doc:\n%s", got)
	}
}

func TestAppendResult(t *testing.T) {
	p := filepath.Join(t.TempDir(), "results.json")
	for _, r := range []Result{fixedResult(300000, 10), fixedResult(21577, 1), fixedResult(100000, 4), fixedResult(21577, 2)} {
		if _, err := AppendResult(p, r); err != nil {
			t.Fatal(err)
		}
	}
	rs, err := ReadResults(p)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, r := range rs {
		sizes = append(sizes, r.Articles)
	}
	if len(rs) != 3 || sizes[0] != 21577 || sizes[1] != 100000 || sizes[2] != 300000 {
		t.Fatalf("sizes %v, want [21577 100000 300000]", sizes)
	}
	if rs[0].Requests[0].Readout.P50ms != 2 {
		t.Errorf("the later run of a size did not replace the earlier: p50 %v", rs[0].Requests[0].Readout.P50ms)
	}
	if rs, err := ReadResults(filepath.Join(t.TempDir(), "absent.json")); err != nil || rs != nil {
		t.Errorf("absent file: %v, %v; want none, nil", rs, err)
	}
}

func TestWritePlotGolden(t *testing.T) {
	var b bytes.Buffer
	rs := []Result{fixedResult(1000000, 40), fixedResult(21577, 1), fixedResult(100000, 5)}
	if err := WritePlot(&b, rs); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	// One solid and one dashed line per kind, three dots each.
	if n := strings.Count(svg, "<polyline"); n != 2*len(Kinds) {
		t.Errorf("%d polylines, want %d", n, 2*len(Kinds))
	}
	if n := strings.Count(svg, "<circle"); n != 2*3*len(Kinds) {
		t.Errorf("%d dots, want %d", n, 2*3*len(Kinds))
	}
	golden(t, "plot.golden.svg", b.Bytes())
	if err := WritePlot(&b, nil); err == nil {
		t.Error("WritePlot(no results): no error")
	}
}
