package runtimetune

import (
	"os"
	"runtime/debug"
)

// The indexer's settings for a build: collect less often (a build allocates
// a lot of short-lived analysis data, and the default spends about a tenth
// of the CPU in the collector), under a soft memory limit that makes the
// collector work harder before the heap grows past it. With the bounded
// batches this keeps the peak resident memory of a build under 1 GB on every
// corpus we measured.
const (
	indexerGCPercent   = 300
	indexerMemoryLimit = 640 << 20
)

// searchd's settings for serving. The engine's live heap is small (Bleve
// reads the index through mmap; on Reuters it is about 8 MB) while a search
// allocates about 1 MB, so the default GOGC=100 collects every three
// requests or so (76 collections in 220 searches, measured). Collecting at
// nine times the live heap instead leaves more CPU to searches, under a soft
// limit that makes the collector work harder before the heap passes 1 GiB.
// BenchmarkHTTPOverheadReuters runs with these settings, as searchd does.
const (
	searchdGCPercent   = 800
	searchdMemoryLimit = 1 << 30
)

// Indexer applies the indexer's garbage collector settings for a build to
// the process. The indexer calls it before a build; so do the build
// benchmarks.
func Indexer() { SetGC(indexerGCPercent, indexerMemoryLimit) }

// Searchd applies searchd's garbage collector settings for serving to the
// process. searchd calls it at start; so do the search benchmarks.
func Searchd() { SetGC(searchdGCPercent, searchdMemoryLimit) }

// SetGC sets the collector's percent and soft memory limit (in bytes), each
// unless GOGC or GOMEMLIMIT sets it.
func SetGC(percent int, memoryLimit int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
