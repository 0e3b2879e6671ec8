// Package corpus is the bundled sample corpus: 74 invented documents, 67
// wire-style news articles and seven speeches, statements and transcripts,
// about four geopolitical threads (a Danube border dispute, nuclear
// inspections in Iran, a ceasefire in Abyei, a maritime dispute in the
// Sulawesi Sea) plus Black Sea mine clearance, in every input format the
// indexer reads (JSON Lines, Markdown with front matter, HTML, RSS), and the
// aliases of its invented people and organisations.
//
// This folder is data; the Go code that reads corpora is internal/ingest.
// The events and people are invented and set among real countries and
// organisations; no words are put in a real person's mouth (see README.md).
// The extraction gold for these articles lives in
// internal/extract/testdata/sample-gold.jsonl.
package corpus
