package index

import (
	"os"
	"runtime/debug"
)

// Garbage collector settings for a build, unless GOGC or GOMEMLIMIT say
// otherwise: collect less often (a build allocates a lot of short-lived
// analysis data, and the default spends about a tenth of the CPU in the
// collector), under a soft memory limit that makes the collector work harder
// before the heap grows past it. With the bounded batches this keeps the peak
// resident memory of a build under 1 GB on every corpus we measured.
const (
	buildGCPercent   = 300
	buildMemoryLimit = 640 << 20
)

// TuneRuntime applies the build's garbage collector settings to the
// process. The indexer calls it before a build; so do the benchmarks.
func TuneRuntime() { TuneGC(buildGCPercent, buildMemoryLimit) }

// TuneGC sets the collector's percent and soft memory limit, each unless
// GOGC or GOMEMLIMIT sets it; searchd uses it with its own figures.
func TuneGC(percent int, memoryLimit int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
