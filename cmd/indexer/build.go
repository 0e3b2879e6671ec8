package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/readout/readout/internal/cluster"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/runtimetune"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := newFlags("build", stderr)
	corpusFlags(fs)
	prof := profileFlags(fs)
	skipRatioFlag(fs)
	indexFlag(fs)
	fs.Int("keep", 0, "complete generations to keep (default 3)")
	fs.Int("workers", 0, "extraction workers (default: one per core)")
	fs.Int("batch-size", 0, "Bleve documents per batch (default 1000)")
	fs.Int("shards", 0, "Bleve indexes the generation is split into (default 2)")
	clusterFlags(fs)
	progress := fs.String("progress", "auto", "progress display: auto (a bar on a terminal), bar, log")
	c, err := load(fs, args)
	if err != nil {
		return err
	}
	log := c.Logger(stderr)
	runtimetune.Indexer()
	stopProfiles, err := prof.start(stderr)
	if err != nil {
		return err
	}
	defer func() {
		if perr := stopProfiles(); err == nil {
			err = perr
		}
	}()
	iopts, err := ingestOptions(c, log)
	if err != nil {
		return err
	}
	ins, aliases, x, err := extraction(c)
	if err != nil {
		return err
	}
	if c.Cluster.NATSURL != "" {
		return buildOnCluster(ctx, c, cluster.BuildSpec{
			Inputs: ins, Ingest: iopts, Aliases: aliases, Shards: c.Index.Shards,
			MaxSkipRatio: c.Ingest.MaxSkipRatio, Logger: log,
		}, stdout)
	}
	store, err := index.OpenStore(c.Index.Dir)
	if err != nil {
		return err
	}
	opts := index.BuildOptions{
		Inputs:    ins,
		Ingest:    iopts,
		Extractor: x,
		Aliases:   aliases,
		Workers:   c.Index.Workers,
		BatchSize: c.Index.BatchSize,
		Shards:    c.Index.Shards,
		Keep:      c.Index.Keep,
		Logger:    log,

		MaxSkipRatio: c.Ingest.MaxSkipRatio,
	}
	var bar *progressbar.ProgressBar
	if showBar(*progress, stderr) {
		bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("indexing"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionClearOnFinish(),
		)
		if total := ingest.Estimate(ins); total > 0 {
			bar.ChangeMax64(total)
		}
		last := 0
		opts.Progress = func(n int) {
			_ = bar.Add(n - last)
			last = n
		}
	}
	sum, err := store.Build(ctx, opts)
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %s in %s: read %d, indexed %d, skipped %d, duplicates %d, journal ops %d, quotes %d; %.1f s, %.0f docs/s, %.1f MB/s; index %s\n",
		sum.Generation, c.Index.Dir, sum.Read, sum.Indexed, sum.Skipped, sum.Duplicates, sum.JournalOps, sum.Quotes,
		sum.Seconds, sum.DocsPerSec, float64(sum.InputBytes)/1e6/max(sum.Seconds, 1e-9), humanBytes(sum.SizeBytes))
	if len(sum.Pruned) > 0 {
		fmt.Fprintf(stdout, "pruned %v\n", sum.Pruned)
	}
	return nil
}

func showBar(mode string, w io.Writer) bool {
	switch mode {
	case "bar":
		return true
	case "log":
		return false
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
