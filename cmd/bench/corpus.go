package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/readout/readout/internal/cli"
	"github.com/readout/readout/internal/scalegen"
)

// defaultCorpora is where the real corpora are looked for, beside a
// checkout, when neither --corpora nor READOUT_CORPORA says.
const defaultCorpora = "../shared/corpora"

func runCorpus(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("bench corpus", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	articles := fs.Int("articles", 0, "articles to write (required)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and corpora give the same bytes")
	out := fs.String("out", "", `output file, gzip-compressed when it ends in .gz; "-" for stdout (required)`)
	corpora := fs.String("corpora", "", "folder of the real corpora the paragraphs come from (default $READOUT_CORPORA, else "+defaultCorpora+")")
	copyShare := fs.Float64("copy-share", scalegen.DefaultCopyShare, "share of syndicated near-duplicates (0: none)")
	undated := fs.Float64("undated-share", scalegen.DefaultUndatedShare, "share of original articles without a date (0: none)")
	quiet := fs.Bool("quiet", false, "no progress lines on stderr")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: bench corpus --articles N --out FILE [flags]\n\n%s", fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return cli.ErrHelp
		}
		// pflag prints nothing with ContinueOnError, and main prints no
		// usage error: say here what is wrong.
		fmt.Fprintf(stderr, "bench corpus: %v\n", err)
		fs.Usage()
		return cli.ErrUsage
	}
	if *articles <= 0 || *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "bench corpus: --articles (above 0) and --out are required, and nothing else")
		fs.Usage()
		return cli.ErrUsage
	}
	if *copyShare < 0 || *copyShare >= 1 || *undated < 0 || *undated > 1 {
		fmt.Fprintln(stderr, "bench corpus: --copy-share must be in [0, 1) and --undated-share in [0, 1]")
		return cli.ErrUsage
	}
	dir := *corpora
	if dir == "" {
		dir = os.Getenv("READOUT_CORPORA")
	}
	if dir == "" {
		dir = defaultCorpora
	}
	start := time.Now()
	pool, err := scalegen.LoadPool(ctx, dir, stderr)
	if err != nil {
		return fmt.Errorf("paragraph pool: %w", err)
	}
	opts := scalegen.Options{Articles: *articles, Seed: *seed, CopyShare: share(*copyShare), UndatedShare: share(*undated)}
	if !*quiet {
		fmt.Fprintf(stderr, "pool: %d paragraphs of %d texts, %.1f MB, from %v (%.1f s)\n",
			pool.Paragraphs(), pool.Docs(), float64(pool.Bytes())/1e6, pool.Files, time.Since(start).Seconds())
		opts.Progress = func(n int) {
			if n%100_000 == 0 && n < *articles {
				fmt.Fprintf(stderr, "%d of %d articles (%.0f s)\n", n, *articles, time.Since(start).Seconds())
			}
		}
	}
	st, err := scalegen.WriteFile(ctx, *out, stdout, pool, opts)
	if err != nil {
		return err
	}
	if *out == "-" {
		return nil
	}
	var onDisk int64
	if fi, err := os.Stat(*out); err == nil {
		onDisk = fi.Size()
	}
	fmt.Fprintf(stdout, "wrote %s: %d articles (%d syndicated copies, %d undated), %.1f MB of JSON (%.0f bytes an article), %.1f MB on disk, %.1f s\n",
		*out, st.Articles, st.Copies, st.Undated, float64(st.Bytes)/1e6, float64(st.Bytes)/float64(st.Articles),
		float64(onDisk)/1e6, time.Since(start).Seconds())
	return nil
}

// share maps a flag's 0 ("none") to the negative value Options reads as none.
func share(v float64) float64 {
	if v == 0 {
		return -1
	}
	return v
}
