package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/readout/readout/internal/bench"
	"github.com/readout/readout/internal/cli"
)

// runBench is `bench run`: one corpus through the indexer, searchd and
// SQLite FTS5 (internal/bench), then the table on stdout, the section of
// docs/benchmarks.md, the results file and the plot.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("bench run", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	var o bench.Options
	fs.StringArrayVar(&o.Corpus, "corpus", nil, "corpus file or folder (repeatable); default: the bundled sample corpus")
	fs.StringVar(&o.CorpusName, "name", "", "the corpus's name in the report (default: the first corpus file's name)")
	fs.BoolVar(&o.Reuse, "reuse", false, "keep the index and SQLite database of an earlier run in --work-dir (and its build and load figures); serve and time again")
	fs.BoolVar(&o.Rebuild, "rebuild", false, "with --reuse: build the index again (new build figures), keeping only the SQLite database")
	fs.BoolVar(&o.Reload, "reload", false, "with --reuse: load the SQLite database again from the kept index (after a change of the extraction)")
	fs.StringVar(&o.WorkDir, "work-dir", "", "where the index, the SQLite file and the binaries go (default: a temp dir, removed)")
	fs.StringVar(&o.BinDir, "bin-dir", "", "use the indexer and searchd binaries in this folder instead of building them")
	repo := fs.String("repo", "", "the module to build the binaries from (default: the one holding the current folder)")
	fs.IntVar(&o.Runs, "runs", 30, "timed runs of each request on each system")
	fs.IntVar(&o.Warmups, "warmups", 3, "untimed runs of each request first")
	fs.IntVar(&o.DeepPages, "deep-pages", 50, "the cursor page the deep-page request times")
	fs.IntVar(&o.ExportRows, "export-rows", 100000, "rows the export asks for")
	fs.DurationVar(&o.LoadTime, "load-time", 0, "length of each throughput run (default 10s)")
	fs.IntSliceVar(&o.Concurrency, "concurrency", []int{1, 4, 16}, "throughput runs; the generation swap happens during the last")
	w := bench.DefaultWords
	fs.StringVar(&o.Words.Broad, "broad", w.Broad, "the broad word")
	fs.StringVar(&o.Words.Narrow, "narrow", w.Narrow, "the narrower word (with the top country; the split histogram)")
	fs.StringVar(&o.Words.Top, "top", w.Top, "the word of the plain top 10")
	fs.StringVar(&o.Words.Phrase, "phrase", w.Phrase, "the phrase (without quotes)")
	fs.StringVar(&o.Words.Hyphen, "hyphen", w.Hyphen, "the hyphenated word")
	results := fs.String("results", "docs/benchmarks.json", "JSON results file: this run is added (replacing a run of the same size); the plot is drawn from it (\"\": this run only)")
	docs := fs.String("docs", "docs/benchmarks.md", "Markdown file to merge this run's section into (\"\": none)")
	plot := fs.String("plot", "docs/benchmarks-latency.svg", "SVG plot of p50 latency against archive size (\"\": none)")
	plotOnly := fs.Bool("plot-only", false, "only redraw --plot from --results")
	merge := fs.String("merge", "", "only merge the runs of this results file (from runs with --docs \"\" --results FILE) into --docs, --results and --plot")
	verbose := fs.Bool("verbose", false, "show the indexer's and searchd's logs")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", cli.ErrUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", cli.ErrUsage, fs.Args())
	}
	if *plotOnly {
		if *results == "" || *plot == "" {
			return fmt.Errorf("%w: --plot-only needs --results and --plot", cli.ErrUsage)
		}
		return bench.PlotFile(*results, *plot)
	}
	if *merge != "" {
		return mergeRuns(*merge, *docs, *results, *plot)
	}
	o.Repo = *repo
	if o.Repo == "" && o.BinDir == "" {
		var err error
		if o.Repo, err = moduleRoot(); err != nil {
			return err
		}
	}
	o.Command = "bench run " + strings.Join(args, " ")
	o.Log = progressOnly{stderr}
	if *verbose {
		o.Log = stderr
	}
	res, err := bench.Run(ctx, o)
	if err != nil {
		return err
	}
	if err := bench.WriteReport(stdout, res); err != nil {
		return err
	}
	if *docs != "" {
		if err := bench.WriteDocs(*docs, res); err != nil {
			return err
		}
	}
	all := []bench.Result{res}
	if *results != "" {
		if all, err = bench.AppendResult(*results, res); err != nil {
			return err
		}
	}
	if *plot != "" {
		f, err := os.Create(*plot)
		if err != nil {
			return fmt.Errorf("plot: %w", err)
		}
		if err := bench.WritePlot(f, all); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("plot: %w", err)
		}
	}
	return nil
}

// progressOnly passes on the benchmark's own lines and drops the
// children's logs.
type progressOnly struct{ w io.Writer }

func (p progressOnly) Write(b []byte) (int, error) {
	if strings.HasPrefix(string(b), "bench: ") {
		return p.w.Write(b)
	}
	return len(b), nil
}

// moduleRoot is the nearest folder upwards holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("module root: no go.mod above the current folder (use --repo or --bin-dir)")
		}
		dir = parent
	}
}

// mergeRuns merges the runs of the results file from into docs, results
// and plot ("": none), as the runs themselves would have: a run timed
// while the docs were being edited, or on another machine, lands in them
// afterwards.
func mergeRuns(from, docs, results, plot string) error {
	rs, err := bench.ReadResults(from)
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		return fmt.Errorf("%w: --merge %s holds no run", cli.ErrUsage, from)
	}
	for _, r := range rs {
		if docs != "" {
			if err := bench.WriteDocs(docs, r); err != nil {
				return err
			}
		}
		if results != "" {
			if _, err := bench.AppendResult(results, r); err != nil {
				return err
			}
		}
	}
	if plot == "" {
		return nil
	}
	if results == "" {
		results = from
	}
	return bench.PlotFile(results, plot)
}
