package search

import "github.com/readout/readout/internal/index"

// Garbage collector settings for serving, unless GOGC or GOMEMLIMIT say
// otherwise. The engine's live heap is small (Bleve reads the index through
// mmap; on Reuters it is about 8 MB) while a search allocates about 1 MB, so
// the default GOGC=100 collects every three requests or so (76 collections
// in 220 searches, measured). Collecting at nine times the live heap instead
// leaves more CPU to searches, under a soft limit that makes the collector
// work harder before the heap passes 1 GiB. BenchmarkHTTPOverheadReuters
// runs with these settings, as searchd does.
const (
	serveGCPercent   = 800
	serveMemoryLimit = 1 << 30
)

// TuneRuntime applies the serving garbage collector settings to the
// process. searchd calls it at start; so do the search benchmarks.
func TuneRuntime() { index.TuneGC(serveGCPercent, serveMemoryLimit) }
