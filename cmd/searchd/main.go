// Command searchd serves Readout's search API and web UI over the index
// directory that the indexer publishes generations into.
//
//	searchd [--index DIR] [--listen ADDR] [--config FILE] [--admin-token TOKEN]
//
// It starts even when no generation is published yet (/readyz answers 503)
// and picks up every newly published generation without dropping a request.
// SIGHUP reloads at once; SIGINT and SIGTERM shut down gracefully.
package main

import "github.com/readout/readout/internal/cli"

func main() { cli.Main("searchd", run) }
