package runtimetune

import (
	"os"
	"runtime"
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
// limit that makes the collector work harder before the heap passes 1 GiB
// (FitSearchd raises it for a generation whose live heap needs more).
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

// FitSearchd raises searchd's soft memory limit to fit the generation it
// serves, unless GOMEMLIMIT sets the limit: to searchdLiveFactor times the
// live heap (measured by a collection; the column tables, the groups and
// the caches) and searchdGarbage for the searches' garbage, if that is
// more than the limit set. A fixed limit near the live heap makes the
// collector run all the time: at a million articles (a live heap of about
// 0.7 GB under a 1 GiB limit) a top 10 took 40 ms instead of 9 and a broad
// query with facets 590 ms instead of 145. searchd calls it after each
// swap; the limit only grows. It returns the live heap and the limit (0:
// left to GOMEMLIMIT).
func FitSearchd() (live uint64, limit int64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live = ms.HeapAlloc
	if os.Getenv("GOMEMLIMIT") != "" {
		return live, 0
	}
	return live, raiseLimit(fitLimit(live))
}

// fitLimit is the soft memory limit for a live heap of live bytes.
func fitLimit(live uint64) int64 {
	return int64(searchdLiveFactor*float64(live)) + searchdGarbage
}

// raiseLimit sets the soft memory limit to limit if that is more than the
// one set, and returns the limit set.
func raiseLimit(limit int64) int64 {
	if cur := debug.SetMemoryLimit(-1); cur >= limit {
		return cur
	}
	debug.SetMemoryLimit(limit)
	return limit
}

// The soft memory limit FitSearchd sets: measured at a million articles
// (live heap about 0.7 GB), a 1.7 GiB limit kept the p50 of a top 10 at
// 8.6 ms, of a broad query with facets at 143 ms (3 GiB: 9.8 and 175 ms, the
// same within noise), for 2.4 GB resident.
const (
	searchdLiveFactor = 2.0
	searchdGarbage    = 256 << 20
)
