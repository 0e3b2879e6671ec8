package cluster

import (
	"fmt"
	"slices"
	"testing"
)

func TestOwners(t *testing.T) {
	nodes := []string{"a", "b", "c", "d"}
	tests := []struct {
		name     string
		nodes    []string
		replicas int
		want     int // owners per shard
	}{
		{"two of four", nodes, 2, 2},
		{"one of four", nodes, 1, 1},
		{"replicas above nodes", []string{"a", "b"}, 3, 2},
		{"zero replicas means one", nodes, 0, 1},
		{"duplicates count once", []string{"a", "a", "b"}, 3, 2},
		{"no nodes", nil, 2, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for s := 0; s < 50; s++ {
				got := Owners(s, tc.nodes, tc.replicas)
				if len(got) != tc.want {
					t.Fatalf("shard %d: owners %v, want %d", s, got, tc.want)
				}
				if c := slices.Compact(slices.Sorted(slices.Values(got))); len(c) != len(got) {
					t.Fatalf("shard %d: owners %v repeat a node", s, got)
				}
				rev := slices.Clone(tc.nodes)
				slices.Reverse(rev)
				if again := Owners(s, rev, tc.replicas); !slices.Equal(again, got) {
					t.Fatalf("shard %d: owners depend on the order of the nodes: %v, then %v", s, got, again)
				}
			}
		})
	}
}

// A node that leaves moves only the shards it owned, and each of those
// keeps its other owners; a node that joins takes shards only from the
// owner it displaces.
func TestOwnersMoveLittle(t *testing.T) {
	var nodes []string
	for i := 0; i < 5; i++ {
		nodes = append(nodes, fmt.Sprintf("searchd-%d", i))
	}
	const shards, replicas = 200, 2
	gone := nodes[2]
	rest := slices.DeleteFunc(slices.Clone(nodes), func(n string) bool { return n == gone })
	moved := 0
	for s := 0; s < shards; s++ {
		before := Owners(s, nodes, replicas)
		after := Owners(s, rest, replicas)
		if !slices.Contains(before, gone) {
			if !slices.Equal(before, after) {
				t.Fatalf("shard %d did not belong to %s but moved: %v -> %v", s, gone, before, after)
			}
			continue
		}
		moved++
		for _, n := range before {
			if n != gone && !slices.Contains(after, n) {
				t.Fatalf("shard %d lost its other owner %s: %v -> %v", s, n, before, after)
			}
		}
		// joining again restores the old owners
		if back := Owners(s, nodes, replicas); !slices.Equal(back, before) {
			t.Fatalf("shard %d: %v after rejoin, want %v", s, back, before)
		}
	}
	if moved == 0 {
		t.Fatalf("%s owned no shard of %d", gone, shards)
	}
}

// Every node owns about its share: shards×replicas/nodes.
func TestAssignmentBalance(t *testing.T) {
	nodes := []string{"n1", "n2", "n3"}
	const shards, replicas = 300, 2
	got := Assignment(shards, nodes, replicas)
	total := 0
	for _, n := range nodes {
		c := len(got[n])
		total += c
		share := float64(c) / float64(shards*replicas/len(nodes))
		if share < 0.85 || share > 1.15 {
			t.Errorf("%s owns %d shards, %.2f of its share", n, c, share)
		}
		if !slices.IsSorted(got[n]) {
			t.Errorf("%s: shards not in order: %v", n, got[n])
		}
	}
	if total != shards*replicas {
		t.Errorf("%d shard copies, want %d", total, shards*replicas)
	}
}
