package cli

import (
	"bytes"
	"errors"
	"fmt"
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
