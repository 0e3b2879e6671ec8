package index

import (
	"fmt"
	"testing"
)

// TestLiveTable: ids set, overwritten and read back, under the real hash
// and under hashes that collide (every id on one chain, or two), against
// a map of the same operations.
func TestLiveTable(t *testing.T) {
	for _, tt := range []struct {
		name string
		hash func(string) uint64
	}{
		{"maphash", nil},
		{"all collide", func(string) uint64 { return 7 }},
		{"two chains", func(id string) uint64 { return uint64(len(id) % 2) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lt := newLiveTable()
			if tt.hash != nil {
				lt.hash = tt.hash
			}
			want := map[string]liveDoc{}
			var order []string
			for i := range 300 {
				id := fmt.Sprintf("a%d", i%170) // ids 0-129 set twice
				d := liveDoc{seq: int64(i + 1), published: int64(i * 10), quotes: int32(i % 5), deleted: i%7 == 0, inCorpus: i%3 == 0}
				if _, ok := want[id]; !ok {
					order = append(order, id)
				}
				want[id] = d
				lt.set(id, d)
			}
			lt.set("", liveDoc{seq: 1000}) // the empty id is an id
			want[""] = liveDoc{seq: 1000}
			order = append(order, "")
			if lt.len() != len(want) {
				t.Fatalf("len = %d, want %d", lt.len(), len(want))
			}
			for id, d := range want {
				if got, ok := lt.get(id); !ok || got != d {
					t.Errorf("get(%q) = %+v, %v; want %+v", id, got, ok, d)
				}
			}
			for _, id := range []string{"a170", "a1 ", "b1", "a"} {
				if got, ok := lt.get(id); ok {
					t.Errorf("get(%q) = %+v, found; never set", id, got)
				}
			}
			var i int
			lt.each(func(id string, d liveDoc) {
				if i >= len(order) || id != order[i] || d != want[id] {
					t.Errorf("each #%d: %q %+v; want %q %+v", i, id, d, order[min(i, len(order)-1)], want[id])
				}
				i++
			})
			if i != len(order) {
				t.Errorf("each visited %d ids, want %d", i, len(order))
			}
		})
	}
}
