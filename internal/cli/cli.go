// Package cli is what Readout's programs share around their run function:
// the signals that end a run, the usage error and the exit codes. Each
// program's main is one call to Main.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// ErrUsage marks a command line that is wrong; the program exits with
// status 2. Bare, it means the program has printed its usage; wrapped
// ("%w: unknown flag --x"), Main prints the message.
var ErrUsage = errors.New("usage")

// ExitCode is the exit status for run's error: 2 for a usage error, 1 for
// any other.
func ExitCode(err error) int {
	if errors.Is(err, ErrUsage) {
		return 2
	}
	return 1
}

// Run is a program: its arguments (without the program name) and its
// output streams in, an error out. ctx ends on SIGINT or SIGTERM.
type Run func(ctx context.Context, args []string, stdout, stderr io.Writer) error

// Main runs run with the process's arguments and streams, prints its
// failure as Report does, and exits with ExitCode's status.
func Main(name string, run Run) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		Report(os.Stderr, name, err)
		os.Exit(ExitCode(err))
	}
}

// Report writes err as "name: error" to w, unless it is the bare ErrUsage
// (the usage is already printed).
func Report(w io.Writer, name string, err error) {
	if err != ErrUsage { // the bare sentinel only, not a wrapped one
		fmt.Fprintln(w, name+":", err)
	}
}

// ErrHelp is what a command returns after printing its --help: Dispatch
// turns it into success.
var ErrHelp = errors.New("help shown")

// Dispatch runs the command args[0] names, from commands, with the rest of
// args. No command, or -h, --help or help, prints usage (an error only
// when args is empty); an unknown command prints it after saying so.
func Dispatch(ctx context.Context, name, usage string, commands map[string]Run, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return ErrUsage
		}
		return nil
	}
	f, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "%s: unknown command %q\n\n%s", name, args[0], usage)
		return ErrUsage
	}
	if err := f(ctx, args[1:], stdout, stderr); !errors.Is(err, ErrHelp) {
		return err
	}
	return nil
}
