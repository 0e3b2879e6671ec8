package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestExitCode(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{ErrUsage, 2},
		{fmt.Errorf("%w: unknown flag --x", ErrUsage), 2},
		{errors.New("open index: no such file"), 1},
	} {
		if got := ExitCode(tc.err); got != tc.want {
			t.Errorf("ExitCode(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestReport(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{ErrUsage, ""}, // the usage text is already out
		{fmt.Errorf("%w: unknown flag: --bogus", ErrUsage), "indexer: usage: unknown flag: --bogus\n"},
		{errors.New("open index: no such file"), "indexer: open index: no such file\n"},
	} {
		var b bytes.Buffer
		Report(&b, "indexer", tc.err)
		if b.String() != tc.want {
			t.Errorf("Report(%v) wrote %q, want %q", tc.err, b.String(), tc.want)
		}
	}
}

func TestDispatch(t *testing.T) {
	ran := ""
	commands := map[string]Run{
		"build": func(_ context.Context, args []string, _, _ io.Writer) error {
			ran = "build " + strings.Join(args, " ")
			return nil
		},
		"help":  nil, // never reached: help prints the usage
		"flags": func(context.Context, []string, io.Writer, io.Writer) error { return ErrHelp },
		"fail":  func(context.Context, []string, io.Writer, io.Writer) error { return errors.New("boom") },
	}
	for _, tc := range []struct {
		args    []string
		err     string // "" for success
		stderr  string // a part of it
		wantRan string
	}{
		{nil, "usage", "usage: x", ""},
		{[]string{"--help"}, "", "usage: x", ""},
		{[]string{"nope"}, "usage", `x: unknown command "nope"`, ""},
		{[]string{"build", "--a", "b"}, "", "", "build --a b"},
		{[]string{"flags"}, "", "", ""},
		{[]string{"fail"}, "boom", "", ""},
	} {
		ran = ""
		var stderr bytes.Buffer
		err := Dispatch(context.Background(), "x", "usage: x <command>\n", commands, tc.args, io.Discard, &stderr)
		if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%q: err %v, want %q", tc.args, err, tc.err)
		}
		if !strings.Contains(stderr.String(), tc.stderr) || ran != tc.wantRan {
			t.Errorf("%q: stderr %q ran %q; want stderr with %q, ran %q", tc.args, stderr.String(), ran, tc.stderr, tc.wantRan)
		}
	}
}
