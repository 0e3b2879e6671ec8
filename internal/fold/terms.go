package fold

import (
	"bytes"
	"hash/maphash"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/analysis"
)

// termSlots is the number of words the analyzer remembers (a power of
// two). News text is Zipfian: a table of 64k words answers most of a
// body's tokens, and costs a few megabytes.
const termSlots = 1 << 16

// terms remembers what the analyzer's token filters make of a word. Each
// of the filters (possessive, lower case, folding, stop words, Porter
// stemmer) looks at one token's term alone, so the chain is a function of
// the word as the tokenizer cut it; the stemmer alone was 3% of a build's
// CPU, every word of every article going through it again. One table,
// shared by every analyzer of the process: the chain is always the same.
var terms = newTermCache(termSlots)

// termCache is a direct-mapped table of words and what the chain makes of
// them, safe for concurrent use without locks: a slot holds an immutable
// entry, replaced whole when another word hashes there.
type termCache struct {
	seed  maphash.Seed
	mask  uint64
	slots []atomic.Pointer[termEntry]
}

// termEntry is a word (raw) and the chain's term for it (out), or keep
// false when the chain drops it (a stop word).
type termEntry struct {
	raw  string
	out  []byte // shared by every token of the word: read, never written
	keep bool
}

// newTermCache makes a table of n slots, n a power of two.
func newTermCache(n int) *termCache {
	return &termCache{seed: maphash.MakeSeed(), mask: uint64(n - 1), slots: make([]atomic.Pointer[termEntry], n)}
}

// CachedChain applies a chain of per-token filters through the table.
// It is exported for those who must know what an analyzer does to a
// token (Filters), as search does to find offsets again.
type CachedChain struct {
	chain []analysis.TokenFilter
	cache *termCache
}

// Filters returns the chain the table stands for, in order.
func (c *CachedChain) Filters() []analysis.TokenFilter { return c.chain }

// Filter replaces each token's term by the chain's, dropping the tokens
// the chain drops; offsets, positions and types are left as they are, as
// the chain leaves them.
func (c *CachedChain) Filter(input analysis.TokenStream) analysis.TokenStream {
	j := 0
	for _, t := range input {
		if t.KeyWord { // the stemmer leaves keywords alone: not cached
			kept := c.apply(t)
			if kept == nil {
				continue
			}
			input[j] = kept
			j++
			continue
		}
		e := c.lookup(t)
		if !e.keep {
			continue
		}
		t.Term = e.out
		input[j] = t
		j++
	}
	return input[:j]
}

// lookup returns the table's entry for t's term, computing it on a miss.
func (c *CachedChain) lookup(t *analysis.Token) *termEntry {
	slot := &c.cache.slots[maphash.Bytes(c.cache.seed, t.Term)&c.cache.mask]
	if e := slot.Load(); e != nil && e.raw == string(t.Term) {
		return e
	}
	e := &termEntry{raw: string(t.Term)}
	probe := *t
	probe.Term = []byte(e.raw)
	if kept := c.apply(&probe); kept != nil {
		e.keep = true
		e.out = bytes.Clone(kept.Term)
	}
	slot.Store(e)
	return e
}

// apply runs the chain on t alone and returns the token it leaves, or nil.
func (c *CachedChain) apply(t *analysis.Token) *analysis.Token {
	s := analysis.TokenStream{t}
	for _, f := range c.chain {
		s = f.Filter(s)
	}
	if len(s) == 0 {
		return nil
	}
	return s[0]
}
