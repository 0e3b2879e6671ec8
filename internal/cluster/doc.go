// Package cluster is Readout across machines, on NATS JetStream
// (docs/scaling.md). A generation built anywhere is published to the
// cluster: its shards go to an Object Store bucket and its manifest (shards,
// document counts, checksums) to a KeyValue bucket by compare-and-set.
// searchd nodes announce themselves in a second KeyValue bucket; each node
// holds the shards that rendezvous hashing over the live nodes gives it,
// fetched from the Object Store and verified against the manifest.
//
// Nothing here runs unless cluster mode is configured: a single machine
// needs no NATS. StartServer embeds a NATS server with JetStream in the
// process, for a local cluster and for tests.
package cluster
