// Package cluster is Readout across machines, on NATS JetStream
// (docs/scaling.md). A generation built anywhere is published to the
// cluster: its files and shards go to an Object Store bucket, and its
// manifest (shards, document counts, checksums) to a KeyValue bucket by
// compare-and-set. Each searchd that follows the cluster (Follower) fetches
// every published generation, verifies it against the manifest, imports
// it into its own index directory and swaps to it; it announces itself,
// and what it serves, in a second KeyValue bucket. Incremental changes go
// to a stream, the cluster's journal (changes.go): every node lays them
// over the generation it serves, and distributed builds fold them in.
//
// Partitioned serving's transport (shards.go, not yet used by searchd):
// ServeShard answers the partial searches of one shard in the shard's
// queue group, and ShardSearchers ask one replica of each shard, for
// search.Engine.Gather to merge.
//
// Nothing here runs unless cluster mode is configured: a single machine
// needs no NATS. StartServer embeds a NATS server with JetStream in the
// process, for a local cluster and for tests.
package cluster
