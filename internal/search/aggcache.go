package search

import (
	"container/list"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
)

// The cache of aggregates: a request's total, facets and histogram on one
// state of the served generation (its overlay's version), keyed by the
// normalized request without its paging. A swap drops it with the served
// generation; every overlay change clears it. It is bounded in entries and
// in (estimated) bytes, and evicts the least recently used.
const (
	aggCacheEntries = 512
	aggCacheBytes   = 32 << 20
)

// aggregates are what the fast path computes for a request.
type aggregates struct {
	total  int
	facets map[string][]FacetValue
	hist   *Histogram
}

// cacheable is what an lru holds: a value that estimates its size and
// copies itself for a caller that may change the copy (values that no one
// changes return themselves).
type cacheable[V any] interface {
	size() int
	clone() V
}

type lruEntry[V cacheable[V]] struct {
	key   string
	val   V
	bytes int
}

// lru is a cache bounded in entries and in (estimated) bytes that evicts
// the least recently used entry.
type lru[V cacheable[V]] struct {
	mu         sync.Mutex
	maxEntries int
	maxBytes   int
	bytes      int
	order      *list.List // of *lruEntry[V], most recent first
	byKey      map[string]*list.Element
}

// aggCache is the cache of aggregates.
type aggCache = lru[*aggregates]

func newAggCache(entries, bytes int) *aggCache { return newLRU[*aggregates](entries, bytes) }

func newLRU[V cacheable[V]](entries, bytes int) *lru[V] {
	return &lru[V]{maxEntries: entries, maxBytes: bytes, order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns a copy of the value cached under key.
func (c *lru[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*lruEntry[V]).val.clone(), true
}

// put caches a copy of v under key, unless current reports that the
// state it was computed on has changed since (checked under the lock that
// clear takes, so that a change never leaves an entry of an older state).
func (c *lru[V]) put(key string, v V, current func() bool) {
	n := len(key) + v.size()
	c.mu.Lock()
	defer c.mu.Unlock()
	if !current() || n > c.maxBytes {
		return
	}
	if el, ok := c.byKey[key]; ok {
		c.remove(el)
	}
	c.byKey[key] = c.order.PushFront(&lruEntry[V]{key: key, val: v.clone(), bytes: n})
	c.bytes += n
	for c.order.Len() > c.maxEntries || c.bytes > c.maxBytes {
		c.remove(c.order.Back())
	}
}

func (c *lru[V]) remove(el *list.Element) {
	e := c.order.Remove(el).(*lruEntry[V])
	delete(c.byKey, e.key)
	c.bytes -= e.bytes
}

// clear drops every entry.
func (c *lru[V]) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.order.Init()
	clear(c.byKey)
	c.bytes = 0
}

// len is the number of entries.
func (c *lru[V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// size estimates the bytes a holds.
func (a *aggregates) size() int {
	n := 64
	for name, vals := range a.facets {
		n += len(name) + 32
		for _, v := range vals {
			n += len(v.Value) + len(v.Label) + 48
		}
	}
	if h := a.hist; h != nil {
		n += 64 + 40*len(h.Buckets)
		for _, s := range h.Series {
			n += len(s.Value) + len(s.Label) + 64 + 40*len(s.Buckets)
		}
	}
	return n
}

// clone copies a deeply enough that a caller may change the copy.
func (a *aggregates) clone() *aggregates {
	out := &aggregates{total: a.total, facets: make(map[string][]FacetValue, len(a.facets))}
	for k, v := range a.facets {
		out.facets[k] = slices.Clone(v)
	}
	if h := a.hist; h != nil {
		c := *h
		c.Buckets = slices.Clone(h.Buckets)
		c.Series = slices.Clone(h.Series)
		for i := range c.Series {
			c.Series[i].Buckets = slices.Clone(c.Series[i].Buckets)
		}
		out.hist = &c
	}
	return out
}

// aggKey is the cache key of p's aggregates: everything of the request
// they depend on, with the filters as resolved.
func aggKey(p *plan) string {
	r := p.req
	var b strings.Builder
	b.WriteString(setKey(p))
	fmt.Fprintf(&b, "\x00%s", r.Histogram)
	for _, f := range r.Facets {
		fmt.Fprintf(&b, "\x00a:%s:%d", f.Name, f.Size)
	}
	fmt.Fprintf(&b, "\x00s:%s:%d", r.Split.Name, r.Split.Size)
	if r.CountStories {
		b.WriteString("\x00stories")
	}
	return b.String()
}

// setKey is the cache key of the documents p matches: its mode, q and
// whether q's names match their variants, the date range and the filters
// as resolved.
func setKey(p *plan) string {
	r := p.req
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%s\x00%s\x00%s", r.Mode, qKey(r), r.From.UTC().Format(time.RFC3339Nano), r.To.UTC().Format(time.RFC3339Nano))
	for _, name := range slices.Sorted(maps.Keys(p.filters)) {
		fmt.Fprintf(&b, "\x00f:%s=%q", name, p.filters[name])
	}
	return b.String()
}

// qKey is q as the caches know it: as typed, and whether its names match
// their variants (a different query when they do not).
func qKey(r *Request) string {
	if r.NoVariants {
		return fmt.Sprintf("%q\x00as typed", r.Q)
	}
	return fmt.Sprintf("%q", r.Q)
}
