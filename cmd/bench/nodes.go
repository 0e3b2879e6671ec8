package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/readout/readout/internal/bench"
	"github.com/readout/readout/internal/cli"
)

// runNodes is `bench nodes`: the request set timed on searchds already
// running (one machine's, a partitioned cluster's), the first system the
// baseline, answers compared; the table on stdout.
func runNodes(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("bench nodes", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	var o bench.NodesOptions
	systems := fs.StringArray("system", nil, `LABEL=URL[,URL…]: searchds answering as one system, requests spread over its URLs (repeatable; the first is the baseline)`)
	procs := fs.StringArray("proc", nil, "LABEL=PID: a process whose CPU seconds during each load, and memory at the end, are reported (repeatable)")
	fs.IntVar(&o.Runs, "runs", 15, "timed runs of each request on each system")
	fs.IntVar(&o.Warmups, "warmups", 2, "untimed runs of each request first")
	fs.IntVar(&o.DeepPages, "deep-pages", 50, "the cursor page the deep-page request times")
	fs.IntVar(&o.ExportRows, "export-rows", 100000, "rows the export asks for")
	fs.DurationVar(&o.LoadTime, "load-time", 0, "length of each throughput run (default 10s)")
	fs.IntSliceVar(&o.Concurrency, "concurrency", []int{1, 4, 16}, "throughput runs of each system")
	w := bench.DefaultWords
	fs.StringVar(&o.Words.Broad, "broad", w.Broad, "the broad word")
	fs.StringVar(&o.Words.Narrow, "narrow", w.Narrow, "the narrower word")
	fs.StringVar(&o.Words.Top, "top", w.Top, "the word of the plain top 10")
	fs.StringVar(&o.Words.Phrase, "phrase", w.Phrase, "the phrase (without quotes)")
	fs.StringVar(&o.Words.Hyphen, "hyphen", w.Hyphen, "the hyphenated word")
	out := fs.String("json", "", "also write the result to this JSON file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", cli.ErrUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", cli.ErrUsage, fs.Args())
	}
	if len(*systems) == 0 {
		return fmt.Errorf("%w: --system: give at least one LABEL=URL", cli.ErrUsage)
	}
	for _, s := range *systems {
		label, urls, ok := strings.Cut(s, "=")
		if !ok || label == "" || urls == "" {
			return fmt.Errorf("%w: --system %q: want LABEL=URL[,URL…]", cli.ErrUsage, s)
		}
		sys := bench.System{Label: label}
		for _, u := range strings.Split(urls, ",") {
			if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				return fmt.Errorf("%w: --system %q: %q is not an http(s) URL", cli.ErrUsage, s, u)
			}
			sys.URLs = append(sys.URLs, u)
		}
		o.Systems = append(o.Systems, sys)
	}
	for _, s := range *procs {
		label, pid, ok := strings.Cut(s, "=")
		n, err := strconv.Atoi(pid)
		if !ok || label == "" || err != nil || n <= 0 {
			return fmt.Errorf("%w: --proc %q: want LABEL=PID", cli.ErrUsage, s)
		}
		o.Procs = append(o.Procs, bench.Proc{Label: label, PID: n})
	}
	if o.Runs < 1 {
		return fmt.Errorf("%w: --runs must be at least 1, got %d", cli.ErrUsage, o.Runs)
	}
	if o.LoadTime == 0 {
		o.LoadTime = 10e9
	}
	o.Command = "bench nodes " + strings.Join(args, " ")
	o.Log = stderr
	res, err := bench.Nodes(ctx, o)
	if err != nil {
		return err
	}
	if *out != "" {
		b, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", *out, err)
		}
	}
	return bench.WriteNodesReport(stdout, res)
}
