package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/readout/readout/internal/cli"
)

// errHelp is returned by a command that printed its --help: a success.
var errHelp = errors.New("help shown")

const usage = `usage: bench <command> [flags]

commands:
  corpus    write a synthetic news corpus of any size (JSON Lines, gzip
            when the name ends in .gz), deterministic for a seed
  run       build, serve and query a corpus, next to SQLite FTS5, and
            report the figures

Run 'bench <command> --help' for a command's flags.
`

// run is the whole program; main only maps its error to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return cli.ErrUsage
		}
		return nil
	}
	commands := map[string]func(context.Context, []string, io.Writer, io.Writer) error{
		"corpus": runCorpus, "run": runBench,
	}
	f, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "bench: unknown command %q\n\n%s", args[0], usage)
		return cli.ErrUsage
	}
	if err := f(ctx, args[1:], stdout, stderr); !errors.Is(err, errHelp) {
		return err
	}
	return nil
}
