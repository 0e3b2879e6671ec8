package search

import (
	"context"
	"fmt"
	"time"
)

// A request's cost is estimated before it runs (docs/api.md, "Limits and
// cost budget"). What its prefix and fuzzy terms expand to is bounded when
// q is compiled (Options.MaxExpansions, MaxExpansionPostings: a 400); a
// request estimated expensive then waits for one of a few slots (429 when
// none frees up in time), so that a handful of them cannot take every CPU
// and the memory of searchd while cheap requests never wait.

// estimate is what a request is expected to cost.
type estimate struct {
	expansions int    // index terms the prefix and fuzzy terms of q expand to
	postings   uint64 // postings of those terms
	aggregated uint64 // documents x aggregations (facets, histogram, split series) over the whole archive
}

// work is the estimate in one figure: postings read and documents counted.
func (c estimate) work() uint64 { return c.postings + c.aggregated }

// estimate estimates p's cost. Facets and histograms over the whole archive
// (no q, no filter, no date range) count every document of the mode once
// per aggregation; narrower requests are not counted, since how many
// documents they match is only known once they run.
func (e *Engine) estimate(p *plan) estimate {
	c := estimate{}
	if p.c != nil {
		c.expansions, c.postings = p.c.expansions, p.c.postings
	}
	r := p.req
	aggs := len(r.Facets)
	if r.Histogram != "" {
		aggs++
		if r.Split.Name != "" {
			aggs += r.Split.Size
		}
	}
	// The per-hit path reads every document of the archive for the
	// aggregates of a request without q or filters; the column tables
	// (the default) count them from posting bitmaps, once per generation
	// and request (aggcache.go), so they cost no slot.
	if e.opts.PerHitFacets && aggs > 0 && p.textQ == nil && len(p.filters) == 0 && r.From.IsZero() && r.To.IsZero() {
		docs := p.s.gen.Meta.Articles
		if p.docType != "article" {
			docs = p.s.gen.Meta.Quotes
		}
		c.aggregated = uint64(max(docs, 0)) * uint64(aggs)
	}
	return c
}

// expensive reports whether a request of cost c needs a slot.
func (o Options) expensive(c estimate) bool {
	return c.expansions > o.ExpensiveExpansions || c.work() > uint64(o.ExpensiveWork)
}

// admit lets a request of cost c run: at once when it is cheap, else once
// it holds a slot. The returned release must be called when it is done.
func (e *Engine) admit(ctx context.Context, c estimate) (func(), error) {
	if !e.opts.expensive(c) {
		return func() {}, nil
	}
	return e.opts.slots.acquire(ctx, e.opts.SlotWait)
}

// TakeSlot takes one of the slots that expensive requests share, waiting at
// most Options.SlotWait, as an expensive request does; it fails with
// ErrTooBusy when none frees up in time. Call release when done. For
// callers with expensive work of their own, and for tests that fill the
// slots.
func (e *Engine) TakeSlot(ctx context.Context) (release func(), err error) {
	return e.opts.slots.acquire(ctx, e.opts.SlotWait)
}

// slotPool is a counting semaphore.
type slotPool struct{ ch chan struct{} }

func newSlotPool(n int) *slotPool { return &slotPool{ch: make(chan struct{}, max(n, 1))} }

func (p *slotPool) acquire(ctx context.Context, wait time.Duration) (func(), error) {
	release := func() { <-p.ch }
	select {
	case p.ch <- struct{}{}:
		return release, nil
	default:
	}
	busy := fmt.Errorf("%w: all %d slots taken for %s; retry shortly", ErrTooBusy, cap(p.ch), wait)
	if wait <= 0 {
		return nil, busy
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case p.ch <- struct{}{}:
		return release, nil
	case <-t.C:
		return nil, busy
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for a slot: %w", ctx.Err())
	}
}
