// Package bench is the whole-corpus benchmark behind `bench run`: it builds
// an index of a corpus with the indexer, serves it with searchd, times a
// fixed set of requests over HTTP, and runs the same requests on SQLite FTS5
// loaded with the same articles and Readout's own extracted entities, the two
// systems alternating within one run. It writes a table, a section of
// docs/benchmarks.md, a JSON file of results and an SVG plot of latency
// against archive size.
//
// Files: queries.go (the request set), runner.go (HTTP timing and
// throughput), procs.go (the indexer and searchd as child processes, rusage,
// RSS, the generation swap), source.go (the corpus with the annotations
// stored in the built generation), fts.go and ftsquery.go (the SQLite
// side), compare.go (where the two answers differ), report.go (tables,
// docs/benchmarks.md, the results file), plot.go (the SVG), stats.go
// (percentiles), bench.go (one run, in order).
package bench
