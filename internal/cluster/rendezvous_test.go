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

// A node that joins takes only shards it now owns, each from the one
// owner it displaces; the shards' other owners stay. With few shards, as
// a real generation has, every copy is still placed on distinct nodes.
func TestAssignmentJoin(t *testing.T) {
	tests := []struct {
		name     string
		nodes    []string
		joins    string
		shards   int
		replicas int
	}{
		{"third node, 4 shards", []string{"sd1", "sd2"}, "sd3", 4, 2},
		{"fourth node, 12 shards", []string{"sd1", "sd2", "sd3"}, "sd4", 12, 2},
		{"second node, replicas 3", []string{"sd1"}, "sd2", 6, 3},
		{"sixth node, 100 shards", []string{"a", "b", "c", "d", "e"}, "f", 100, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			after := append(slices.Clone(tc.nodes), tc.joins)
			before, now := Assignment(tc.shards, tc.nodes, tc.replicas), Assignment(tc.shards, after, tc.replicas)
			for s := 0; s < tc.shards; s++ {
				was, is := Owners(s, tc.nodes, tc.replicas), Owners(s, after, tc.replicas)
				lost := 0
				for _, n := range was {
					if !slices.Contains(is, n) {
						lost++
					}
				}
				switch {
				case slices.Contains(is, tc.joins) && len(was) == tc.replicas && lost != 1:
					t.Errorf("shard %d: %v -> %v: the new node displaced %d owners, want 1", s, was, is, lost)
				case slices.Contains(is, tc.joins) && len(was) < tc.replicas && lost != 0:
					t.Errorf("shard %d: %v -> %v: a node below the replicas lost the shard", s, was, is)
				case !slices.Contains(is, tc.joins) && !slices.Equal(was, is):
					t.Errorf("shard %d: moved without the new node: %v -> %v", s, was, is)
				}
			}
			for _, n := range tc.nodes {
				for _, s := range now[n] {
					if !slices.Contains(before[n], s) {
						t.Errorf("%s gained shard %d when %s joined", n, s, tc.joins)
					}
				}
			}
		})
	}
}

// Fewer nodes than replicas: every node holds every shard.
func TestAssignmentFewNodes(t *testing.T) {
	got := Assignment(3, []string{"only"}, 2)
	if fmt.Sprint(got) != "map[only:[0 1 2]]" {
		t.Errorf("one node, replicas 2: %v, want every shard", got)
	}
	got = Assignment(3, []string{"x", "y"}, 3)
	if fmt.Sprint(got["x"]) != "[0 1 2]" || fmt.Sprint(got["y"]) != "[0 1 2]" {
		t.Errorf("two nodes, replicas 3: %v, want every shard on both", got)
	}
	if got := Assignment(3, nil, 2); len(got) != 0 {
		t.Errorf("no nodes: %v", got)
	}
}
