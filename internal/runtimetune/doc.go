// Package runtimetune sets Go's garbage collector for Readout's programs:
// the figures of each program (the indexer's build, searchd's serving), and
// the one rule they share, that the standard GOGC and GOMEMLIMIT environment
// variables win over them. cmd/indexer and cmd/searchd call it at start; so
// do the benchmarks that measure a build or a search as those programs run
// it.
package runtimetune
