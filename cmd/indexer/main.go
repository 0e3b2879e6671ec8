// Command indexer reads article corpora, extracts entities and quotes, and
// builds Readout's Bleve index in generations that it publishes atomically.
//
//	indexer build   [--corpus PATH ...] [--index DIR]   full build of a new generation
//	indexer status  [--index DIR]                      list generations
//	indexer extract [--corpus PATH ...]                annotations as JSON lines
//	indexer add     --corpus PATH ... [--index DIR]    journal upserts (searchd applies them live)
//	indexer delete  [--index DIR] ID ...               journal deletes
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "indexer:", err)
		}
		os.Exit(exitCode(err))
	}
}
