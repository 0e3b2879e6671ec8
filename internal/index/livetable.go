package index

import "hash/maphash"

// liveTable is what a build remembers of each article id it wrote (a
// liveDoc), for a million ids or ten. A map[string]liveDoc holds a string
// per id, which the garbage collector marks on every cycle of a build that
// runs under a soft heap limit, and about 170 bytes an article at a
// million. Here nothing holds a pointer: the ids are appended to one byte
// arena, the entries are a slice of plain values, and the index maps an
// id's 64-bit hash to its entry, entries of equal hashes chained.
type liveTable struct {
	hash  func(string) uint64
	index map[uint64]int32 // hash -> its first entry
	ents  []liveEntry
	arena []byte
}

type liveEntry struct {
	off  int64 // the id in the arena
	n    int32 // its length
	next int32 // the next entry of the same hash, -1: none
	doc  liveDoc
}

var liveSeed = maphash.MakeSeed()

func newLiveTable() *liveTable {
	return &liveTable{
		hash:  func(id string) uint64 { return maphash.String(liveSeed, id) },
		index: map[uint64]int32{},
	}
}

// find returns the entry of id (-1: none), the id's hash and the first
// entry of that hash (-1: none).
func (t *liveTable) find(id string) (i int32, h uint64, first int32) {
	h = t.hash(id)
	first, ok := t.index[h]
	if !ok {
		return -1, h, -1
	}
	for i = first; i >= 0; i = t.ents[i].next {
		e := &t.ents[i]
		if string(t.arena[e.off:e.off+int64(e.n)]) == id {
			return i, h, first
		}
	}
	return -1, h, first
}

// get returns what is remembered of id.
func (t *liveTable) get(id string) (liveDoc, bool) {
	i, _, _ := t.find(id)
	if i < 0 {
		return liveDoc{}, false
	}
	return t.ents[i].doc, true
}

// set remembers d for id.
func (t *liveTable) set(id string, d liveDoc) {
	i, h, first := t.find(id)
	if i >= 0 {
		t.ents[i].doc = d
		return
	}
	t.index[h] = int32(len(t.ents))
	t.ents = append(t.ents, liveEntry{off: int64(len(t.arena)), n: int32(len(id)), next: first, doc: d})
	t.arena = append(t.arena, id...)
}

// len is the number of ids remembered.
func (t *liveTable) len() int { return len(t.ents) }

// each calls fn with every id and what is remembered of it, in the order
// the ids were first set.
func (t *liveTable) each(fn func(id string, d liveDoc)) {
	for i := range t.ents {
		e := &t.ents[i]
		fn(string(t.arena[e.off:e.off+int64(e.n)]), e.doc)
	}
}
