package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/readout/readout/internal/bench"
	"github.com/readout/readout/internal/testutil"
)

// TestRunSample runs `bench run` end to end on the bundled sample corpus
// with a tiny request count: it builds the binaries, indexes, loads SQLite,
// times every request on both systems, runs two short loads with a
// generation swap, and writes the report, the docs section, the results
// and the plot. The two systems must find the same hits.
func TestRunSample(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the indexer and searchd and runs them: skipped under -short")
	}
	dir := t.TempDir()
	docs, results, plot := filepath.Join(dir, "benchmarks.md"), filepath.Join(dir, "results.json"), filepath.Join(dir, "plot.svg")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"run", "--repo", testutil.RepoRoot(), "--work-dir", filepath.Join(dir, "work"),
		"--runs", "2", "--warmups", "1", "--deep-pages", "3", "--export-rows", "50",
		"--load-time", "1s", "--concurrency", "1,4", "--narrow", "ceasefire",
		"--docs", docs, "--results", results, "--plot", plot}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("bench run: %v\n%s", err, stderr.String())
	}
	out := stdout.String()
	for _, k := range bench.Kinds {
		if !strings.Contains(out, "| "+k+" (") {
			t.Errorf("report has no row for %s:\n%s", k, out)
		}
	}
	if strings.Contains(out, "≠") {
		t.Errorf("the systems differ on the sample corpus:\n%s", out)
	}
	rs, err := bench.ReadResults(results)
	if err != nil || len(rs) != 1 {
		t.Fatalf("results: %v, %v", rs, err)
	}
	r := rs[0]
	if r.Articles < 50 || r.FTSLoad.Docs != r.Articles || r.Source.Missing != 0 {
		t.Errorf("articles %d, FTS5 %d, missing %d", r.Articles, r.FTSLoad.Docs, r.Source.Missing)
	}
	for _, q := range r.Requests {
		if q.Readout.N != 2 || q.FTS.N != 2 {
			t.Errorf("%s: %d and %d runs, want 2", q.Kind, q.Readout.N, q.FTS.N)
		}
	}
	if q := r.Requests[0]; q.Kind != bench.KindBrowse || q.ReadoutTotal != r.Articles {
		t.Errorf("browse: %s total %d, want %d", q.Kind, q.ReadoutTotal, r.Articles)
	}
	if len(r.Loads) != 2 {
		t.Fatalf("loads %+v", r.Loads)
	}
	last := r.Loads[1]
	if last.Requests == 0 || last.Failed != 0 || last.SwapTo != "gen-000002" || !last.SwapServed {
		t.Errorf("load with swap: %+v; want requests, none failed, gen-000002 served", last)
	}
	md, err := os.ReadFile(docs)
	if err != nil || !strings.Contains(string(md), "<!-- bench run: articles=") || !strings.Contains(string(md), out) {
		t.Errorf("docs section: %v\n%s", err, md)
	}
	svg, err := os.ReadFile(plot)
	if err != nil || !strings.HasPrefix(string(svg), "<svg") {
		t.Errorf("plot: %v", err)
	}
	// --plot-only redraws the same plot from the results.
	plot2 := filepath.Join(dir, "plot2.svg")
	if err := run(context.Background(), []string{"run", "--plot-only", "--results", results, "--plot", plot2}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	svg2, _ := os.ReadFile(plot2)
	if !bytes.Equal(svg, svg2) {
		t.Error("--plot-only drew another plot")
	}
	var js []map[string]any
	if b, _ := os.ReadFile(results); json.Unmarshal(b, &js) != nil {
		t.Error("results file is not a JSON array")
	}
	// --merge lands the run in other docs and results, as the run wrote its own.
	docs2, results2, plot3 := filepath.Join(dir, "merged.md"), filepath.Join(dir, "merged.json"), filepath.Join(dir, "plot3.svg")
	if err := run(context.Background(), []string{"run", "--merge", results, "--docs", docs2, "--results", results2, "--plot", plot3}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	md2, _ := os.ReadFile(docs2)
	svg3, _ := os.ReadFile(plot3)
	if rs2, err := bench.ReadResults(results2); err != nil || len(rs2) != 1 || !bytes.Equal(md, md2) || !bytes.Equal(svg, svg3) {
		t.Errorf("--merge: %d runs (%v), docs equal %v, plot equal %v", len(rs2), err, bytes.Equal(md, md2), bytes.Equal(svg, svg3))
	}

	// --reuse serves the same index again, with the first run's build and
	// load figures, and replaces that run in the results.
	stderr.Reset()
	err = run(context.Background(), []string{"run", "--reuse", "--repo", testutil.RepoRoot(), "--work-dir", filepath.Join(dir, "work"),
		"--runs", "1", "--warmups", "0", "--deep-pages", "2", "--export-rows", "20",
		"--load-time", "500ms", "--concurrency", "1", "--narrow", "ceasefire",
		"--docs", "", "--results", results, "--plot", ""}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("bench run --reuse: %v\n%s", err, stderr.String())
	}
	rs2, err := bench.ReadResults(results)
	if err != nil || len(rs2) != 1 {
		t.Fatalf("results after --reuse: %d runs, %v", len(rs2), err)
	}
	if got := rs2[0]; got.Build != r.Build || got.FTSLoad != r.FTSLoad || got.Requests[0].Readout.N != 1 {
		t.Errorf("--reuse: build %+v load %+v runs %d; want the first run's build and load, 1 run",
			got.Build, got.FTSLoad, got.Requests[0].Readout.N)
	}
	// --reuse --rebuild builds the index again (a new build, the same
	// articles) and keeps the database and its load figures.
	stderr.Reset()
	err = run(context.Background(), []string{"run", "--reuse", "--rebuild", "--repo", testutil.RepoRoot(), "--work-dir", filepath.Join(dir, "work"),
		"--runs", "1", "--warmups", "0", "--deep-pages", "2", "--export-rows", "20",
		"--load-time", "500ms", "--concurrency", "1", "--narrow", "ceasefire",
		"--docs", "", "--results", results, "--plot", ""}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("bench run --reuse --rebuild: %v\n%s", err, stderr.String())
	}
	rs3, err := bench.ReadResults(results)
	if err != nil || len(rs3) != 1 {
		t.Fatalf("results after --reuse --rebuild: %d runs, %v", len(rs3), err)
	}
	if got := rs3[0]; got.Build == r.Build || got.Build.Articles != r.Build.Articles || got.FTSLoad != r.FTSLoad {
		t.Errorf("--reuse --rebuild: build %+v load %+v; want a new build of as many articles and the first run's load", got.Build, got.FTSLoad)
	}
	if err := run(context.Background(), []string{"run", "--reuse", "--work-dir", t.TempDir(), "--repo", testutil.RepoRoot()}, &stdout, &stderr); err == nil ||
		!strings.Contains(err.Error(), "nothing to reuse") {
		t.Errorf("--reuse of an empty work dir: %v", err)
	}

	// bench nodes times a real searchd over the run's index as two
	// systems (one index directory is served by one searchd): every
	// request served by both, the same answers.
	work := filepath.Join(dir, "work")
	var sdLog testutil.SyncBuffer // written by the child's output goroutines
	sd, err := bench.StartSearchd(context.Background(), filepath.Join(work, "bin", "searchd"), filepath.Join(work, "index"), &sdLog)
	if err != nil {
		t.Fatal(err)
	}
	defer sd.Stop()
	sds := []string{sd.URL, sd.URL}
	stdout.Reset()
	stderr.Reset()
	err = run(context.Background(), []string{"nodes", "--system", "one=" + sds[0], "--system", "other=" + sds[1] + "," + sds[0],
		"--runs", "2", "--warmups", "0", "--deep-pages", "2", "--export-rows", "20", "--load-time", "300ms", "--concurrency", "1,2",
		"--narrow", "ceasefire", "--proc", "self=" + strconv.Itoa(os.Getpid())}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("bench nodes: %v\n%s", err, stderr.String())
	}
	out = stdout.String()
	for _, k := range bench.Kinds {
		if !strings.Contains(out, "| "+k+" (") {
			t.Errorf("nodes report has no row for %s:\n%s", k, out)
		}
	}
	if strings.Contains(out, "≠") || strings.Contains(out, "not served") || !strings.Contains(out, "| other | 2 |") {
		t.Errorf("two searchds over one index: differences, refusals or no load:\n%s\n%s", out, stderr.String())
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"nope"}, {"run", "--runs"}, {"run", "extra"}, {"run", "--plot-only", "--results", ""},
		{"nodes"}, {"nodes", "--system", "a"}, {"nodes", "--system", "a=localhost:1"}, {"nodes", "--system", "a=http://x", "--proc", "p=0"}} {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), args, &stdout, &stderr); err == nil {
			t.Errorf("run %q: no error", args)
		}
	}
}
