package runtimetune

import (
	"runtime/debug"
	"testing"
)

func TestTune(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	for _, tt := range []struct {
		program          string
		tune             func()
		gogc, gomemlimit string
		wantPercent      int
		wantLimit        int64
	}{
		{"searchd", Searchd, "", "", searchdGCPercent, searchdMemoryLimit},
		{"searchd", Searchd, "50", "", 100, searchdMemoryLimit}, // the environment wins: left as it was
		{"searchd", Searchd, "", "2GiB", searchdGCPercent, 123},
		{"searchd", Searchd, "50", "2GiB", 100, 123},
		{"indexer", Indexer, "", "", indexerGCPercent, indexerMemoryLimit},
		{"indexer", Indexer, "50", "", 100, indexerMemoryLimit},
		{"indexer", Indexer, "", "2GiB", indexerGCPercent, 123},
	} {
		t.Setenv("GOGC", tt.gogc)
		t.Setenv("GOMEMLIMIT", tt.gomemlimit)
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(123)
		tt.tune()
		if got := debug.SetGCPercent(100); got != tt.wantPercent {
			t.Errorf("%s, GOGC=%q: GC percent %d, want %d", tt.program, tt.gogc, got, tt.wantPercent)
		}
		if got := debug.SetMemoryLimit(-1); got != tt.wantLimit {
			t.Errorf("%s, GOMEMLIMIT=%q: memory limit %d, want %d", tt.program, tt.gomemlimit, got, tt.wantLimit)
		}
	}
}
