package main

import (
	"context"
	"errors"
	"io"
)

// runBench is the benchmark run; this placeholder stands until the
// benchmark is merged.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("bench run: not built yet")
}
