// Package scalegen makes large synthetic news corpora for measuring Readout
// at archive scale (1k to 10M articles): JSON Lines records in the layout
// the indexer reads, assembled from real paragraphs.
//
// A [Pool] of paragraphs is loaded once, with a bounded size, from the real
// corpora (Reuters-21578, PolNeAR, Wikinews and a sample of the UN General
// Debate speeches) or, when they are absent, from the bundled sample
// corpus. [Generate] then streams articles out with constant memory: each
// is a run of 3–8 paragraphs (mostly consecutive ones of one source text),
// a title from its first sentence or the source text's title, a date over
// 2000–2024 (more of them in later years, about 3% undated), one of 40
// invented sources, and about 9% of the articles are syndicated
// near-duplicates: a recent story re-run under another source within a few
// days, lightly edited (a paragraph dropped or moved, a few words changed,
// another title). The output is a function of the pool and the options
// only: the same seed gives the same bytes.
//
//	pool, err := scalegen.LoadPool(ctx, "../shared/corpora", os.Stderr)
//	st, err := scalegen.WriteFile(ctx, "/tmp/scale/1m.jsonl.gz", pool, scalegen.Options{Articles: 1_000_000, Seed: 1})
//
// The command is `bench corpus` (cmd/bench); docs/corpus-generator.md has
// the commands and measured times and sizes.
package scalegen
