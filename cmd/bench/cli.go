package main

import (
	"context"
	"io"

	"github.com/readout/readout/internal/cli"
)

const usage = `usage: bench <command> [flags]

commands:
  corpus    write a synthetic news corpus of any size (JSON Lines, gzip
            when the name ends in .gz), deterministic for a seed
  run       build, serve and query a corpus, next to SQLite FTS5, and
            report the figures
  nodes     time the request set on searchds already running (one
            machine's, a partitioned cluster's nodes), side by side,
            and compare their answers

Run 'bench <command> --help' for a command's flags.
`

// run is the whole program; main only maps its error to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return cli.Dispatch(ctx, "bench", usage, map[string]cli.Run{"corpus": runCorpus, "run": runBench, "nodes": runNodes}, args, stdout, stderr)
}
