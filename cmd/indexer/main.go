// Command indexer reads article corpora, extracts entities and quotes, and
// builds Readout's Bleve index in generations that it publishes atomically.
//
//	indexer build   [--corpus PATH ...] [--index DIR]   full build of a new generation
//	indexer status  [--index DIR]                      list generations
//	indexer extract [--corpus PATH ...]                annotations as JSON lines
//	indexer add     --corpus PATH ... [--index DIR]    journal upserts (searchd applies them live)
//	indexer delete  [--index DIR] ID ...               journal deletes
package main

import "github.com/readout/readout/internal/cli"

func main() { cli.Main("indexer", run) }
