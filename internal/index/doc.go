// Package index owns everything Readout keeps on disk: the explicit Bleve
// mapping, how an article and its annotations become Bleve documents (one
// article document plus one document per quote), the label table that turns
// facet values back into display names, and the generations of an index
// directory.
//
// Layout of an index directory:
//
//	DIR/CURRENT            name of the published generation ("gen-000003")
//	DIR/gen-000003/        one complete generation:
//	    shards/000 …       its Bleve indexes, one per shard (an article and
//	                       its quote documents in shard ShardOf(id)); a
//	                       generation built before sharding has one index
//	                       in bleve/ instead
//	    meta.json          counts, date span, build time, journal position,
//	                       shard count
//	    labels.json        facet value -> display name
//	    groups.json.gz     groups of near-duplicate articles and of
//	                       repeated quotes (dups.go; groups.json, not
//	                       compressed, in generations written before)
//	DIR/journal.jsonl      incremental upserts and deletes (source of truth
//	                       beside the corpus; replayed by every build), in
//	                       all-or-nothing batches: format in journal.go
//	DIR/.build-*           a build in progress (removed by the next build if
//	                       the builder died)
//	DIR/.prune-*           a generation being pruned (removed by the next
//	                       build if the pruner died)
//	DIR/.lock              held by a running build
//
// A build writes a complete new generation beside the served one, verifies
// it, and publishes it by renaming a temporary CURRENT file over the old one.
// The published generation is never modified by a build, nor by searchd,
// which opens it read-only and lays journal changes over it in memory
// (Overlay).
package index
