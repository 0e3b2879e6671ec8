// Command bench measures Readout at archive scale.
//
//	bench corpus --articles N [--seed S] --out FILE   write a synthetic corpus (JSON Lines, .gz)
//	bench run    ...                                   the benchmark (see 'bench run --help')
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
			fmt.Fprintln(os.Stderr, "bench:", err)
		}
		os.Exit(exitCode(err))
	}
}
