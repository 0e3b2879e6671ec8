package cluster

import (
	"hash/fnv"
	"sort"
	"strconv"
)

// Owners returns the nodes that hold shard, by rendezvous (highest random
// weight) hashing: every node scores the shard, the replicas highest
// scores own it, best first. A node that leaves moves only its own shards,
// each to the next node in that shard's order, and a node that joins takes
// only shards it now scores highest for. The result is the same on every
// node that sees the same set of live nodes, in any order. With fewer nodes
// than replicas every node owns the shard.
func Owners(shard int, nodes []string, replicas int) []string {
	if replicas < 1 {
		replicas = 1
	}
	type scored struct {
		node  string
		score uint64
	}
	seen := make(map[string]bool, len(nodes))
	all := make([]scored, 0, len(nodes))
	for _, n := range nodes {
		if seen[n] {
			continue
		}
		seen[n] = true
		all = append(all, scored{n, weight(n, shard)})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].score != all[j].score {
			return all[i].score > all[j].score
		}
		return all[i].node < all[j].node
	})
	if len(all) > replicas {
		all = all[:replicas]
	}
	out := make([]string, len(all))
	for i, s := range all {
		out[i] = s.node
	}
	return out
}

// Assignment returns, for each node, the shards of a generation of n shards
// it owns, in shard order.
func Assignment(n int, nodes []string, replicas int) map[string][]int {
	out := make(map[string][]int, len(nodes))
	for s := 0; s < n; s++ {
		for _, node := range Owners(s, nodes, replicas) {
			out[node] = append(out[node], s)
		}
	}
	return out
}

// weight is a node's score for a shard: FNV-1a 64 of the node name and the
// shard number, finished with a 64-bit mixer so that names differing in
// their last byte score independently.
func weight(node string, shard int) uint64 {
	h := fnv.New64a()
	h.Write([]byte(node))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(shard)))
	x := h.Sum64()
	// splitmix64's finaliser
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
