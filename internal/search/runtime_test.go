package search

import (
	"runtime/debug"
	"testing"
)

func TestTuneRuntime(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	for _, tt := range []struct {
		gogc, gomemlimit string
		wantPercent      int
		wantLimit        int64
	}{
		{"", "", serveGCPercent, serveMemoryLimit},
		{"50", "", 100, serveMemoryLimit}, // the environment wins: left as it was
		{"", "2GiB", serveGCPercent, 123},
	} {
		t.Setenv("GOGC", tt.gogc)
		t.Setenv("GOMEMLIMIT", tt.gomemlimit)
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(123)
		TuneRuntime()
		if got := debug.SetGCPercent(100); got != tt.wantPercent {
			t.Errorf("GOGC=%q: GC percent %d, want %d", tt.gogc, got, tt.wantPercent)
		}
		if got := debug.SetMemoryLimit(-1); got != tt.wantLimit {
			t.Errorf("GOMEMLIMIT=%q: memory limit %d, want %d", tt.gomemlimit, got, tt.wantLimit)
		}
	}
}
