package runtimetune

import (
	"runtime/debug"
	"testing"
)

func TestFitSearchd(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	for _, tt := range []struct {
		name       string
		gomemlimit string
		before     int64
		live       uint64
		want       int64 // the limit after
	}{
		{"small heap: the limit stays", "", searchdMemoryLimit, 10 << 20, searchdMemoryLimit},
		{"large heap: raised", "", searchdMemoryLimit, 700 << 20, fitLimit(700 << 20)},
		{"never lowered", "", 4 << 30, 700 << 20, 4 << 30},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GOMEMLIMIT", tt.gomemlimit)
			debug.SetMemoryLimit(tt.before)
			if got := raiseLimit(fitLimit(tt.live)); got != tt.want {
				t.Errorf("limit %d, want %d", got, tt.want)
			}
			if got := debug.SetMemoryLimit(-1); got != tt.want {
				t.Errorf("limit set %d, want %d", got, tt.want)
			}
		})
	}
	if fitLimit(700<<20) <= 1<<30 {
		t.Errorf("a live heap of 700 MiB fits in %d bytes, no more than the fixed limit", fitLimit(700<<20))
	}
	// GOMEMLIMIT wins: the limit is left as it is.
	t.Setenv("GOMEMLIMIT", "2GiB")
	debug.SetMemoryLimit(123)
	if live, limit := FitSearchd(); limit != 0 || live == 0 || debug.SetMemoryLimit(-1) != 123 {
		t.Errorf("with GOMEMLIMIT: live %d, limit %d, set %d", live, limit, debug.SetMemoryLimit(-1))
	}
}
