package search

import (
	"context"
	"errors"
	"fmt"
)

// Export pages through every hit of a request, for downloads: all its
// matches (up to limit), in its sort order, on one generation even when a
// new one is published meanwhile, without facets, histogram or highlighting.
//
// On the fast path the order is computed once (exportbrowse.go) and each
// page only reads its hits' stored fields from the segments
// (storedfields.go), an article row in one pass over its stored record
// (segments.article): 100,000 rows of a 100k-article scale index in 1.5 s
// as JSON Lines and 0.9 s as CSV over HTTP without q, on a busy 2-core
// machine (3.3 s and 2.5 s when the id, the date and the fields were each
// read on their own, through Bleve's documents; medians of 5, the two
// searchd alternating), where a search per page took 14-17 s. A
// date range, a speaker filter with q and the per-hit path still page with
// a search (search_after) per page, which visits every match again, so
// that export costs pages x matches.
const (
	// Paged with searches, exporting Reuters' 47,726 quotes
	// (BenchmarkExportReuters in internal/api, 2 cores): 100-hit pages
	// 2,000-2,400 rows/s (20-24 s, 1.0 GB allocated); pages doubling from
	// 100 to 1,000 hits 18,000-23,000 rows/s (2.1-2.7 s, 0.5 GB) for 24 MB
	// more peak RSS in searchd; 5,000-hit pages gained little more for 60
	// MB more. Pages start small, so that the first rows go out at once.
	exportFirstPage = 100
	exportPageSize  = 1000
	// DefaultExportLimit is the export limit when a request gives none.
	DefaultExportLimit = 10_000
)

// Export runs req and calls page with each page of hits, in order, until
// limit hits were delivered or none are left. Every page's Total is the
// number of matches, which may exceed limit. req's paging, facets,
// histogram and highlighting are ignored; its cursor must be empty.
func (e *Engine) Export(ctx context.Context, req Request, limit int, page func(*Response) error) error {
	limit, err := e.ExportLimit(limit)
	if err != nil {
		return err
	}
	if req.Cursor != "" {
		return paramErr("cursor", "an export starts at the first hit; leave out the cursor")
	}
	// Pages are larger than a search's max_size: normalize sees size 1,
	// the loop below sets each page's size.
	e.asExport(&req)
	if err := e.normalize(&req); err != nil {
		return err
	}
	s, err := e.acquire()
	if err != nil {
		return err
	}
	defer s.release()
	browse, release, err := e.browseExportOf(ctx, s, req)
	if err != nil {
		return err
	}
	defer release()
	var cur *cursor
	for sent, size := 0, exportFirstPage; ; size = min(2*size, exportPageSize) {
		if err := ctx.Err(); err != nil {
			return err
		}
		req.Size = min(size, limit-sent)
		var (
			resp *Response
			more bool
		)
		if browse != nil {
			resp, more, err = browse.admittedPage(ctx, req.Size)
		} else {
			resp, err = e.run(ctx, s, req, cur)
			more = resp != nil && resp.NextCursor != nil
		}
		if err != nil {
			return err
		}
		if sent == 0 && more && sent+len(resp.Hits) < limit {
			release, err := e.exportSlot(ctx)
			if err != nil {
				return err
			}
			defer release()
		}
		if err := page(resp); err != nil {
			return err
		}
		sent += len(resp.Hits)
		if !more || sent >= limit || len(resp.Hits) == 0 {
			return nil
		}
		if browse != nil {
			continue
		}
		c, err := decodeCursor(*resp.NextCursor)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		cur = &c
	}
}

// exportSlot takes an export slot, held by an export from its first page
// on when more pages follow: taken before anything is sent, so that a
// refusal is a clean 429.
func (e *Engine) exportSlot(ctx context.Context) (func(), error) {
	release, err := e.opts.exportSlots.acquire(ctx, e.opts.SlotWait)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return release, nil
}

// asExport makes req an export's: size 1 for normalize (each page sets
// its own, beyond max_size), no facets, histogram, split or highlighting,
// stored fields read from the segments.
func (e *Engine) asExport(req *Request) {
	req.Size, req.NoHits = 1, false
	req.Facets, req.Histogram, req.Split, req.Highlight = []FacetSpec{}, "", FacetSpec{}, false
	req.segmentFields = !e.opts.exportRef
}

// ExportGather is Export in partitioned serving: each page is gathered
// from searchers (Gather's: disjoint shards covering the generation) and
// merged, after the cursor of the page before, with Export's page sizes,
// until limit hits were delivered or none are left. Its rows are
// Export's, in the same order (TestExportGatherEqualsExport). Every page
// is a round of requests to every searcher, which search their shards'
// matches after the cursor again: an export costs pages x matches, spread
// over the nodes. The pages are of one generation: the merge refuses
// partials of another (a publication moving on mid-export fails it).
// A page whose partials are too large for the transport
// (ErrPartialTooLarge) is asked for again, half as long, and so are the
// pages after it. Like Export it holds an export slot from its second
// page on.
func (e *Engine) ExportGather(ctx context.Context, req Request, limit int, searchers []PartialSearcher, page func(*Response) error) error {
	limit, err := e.ExportLimit(limit)
	if err != nil {
		return err
	}
	if req.Cursor != "" {
		return paramErr("cursor", "an export starts at the first hit; leave out the cursor")
	}
	e.asExport(&req)
	largest := exportPageSize // halved by each partial too large to travel
	for sent, size := 0, exportFirstPage; ; {
		if err := ctx.Err(); err != nil {
			return err
		}
		req.exportPage = min(size, limit-sent)
		resp, err := e.Gather(ctx, req, searchers, GatherOptions{})
		if errors.Is(err, ErrPartialTooLarge) && req.exportPage > 1 {
			largest = req.exportPage / 2
			size = largest // this page again, half as long
			continue
		}
		if err != nil {
			return err
		}
		more := resp.NextCursor != nil
		if sent == 0 && more && len(resp.Hits) < limit {
			release, err := e.exportSlot(ctx)
			if err != nil {
				return err
			}
			defer release()
		}
		if err := page(resp); err != nil {
			return err
		}
		sent += len(resp.Hits)
		if !more || sent >= limit || len(resp.Hits) == 0 {
			return nil
		}
		req.Cursor = *resp.NextCursor
		size = min(2*size, largest)
	}
}

// browseExportOf returns the one-pass export of req on s (exportbrowse.go)
// with the release of its view, or nil when req is not a browse it applies
// to.
func (e *Engine) browseExportOf(ctx context.Context, s *served, req Request) (*browseExport, func(), error) {
	nop := func() {}
	if e.opts.PerHitFacets || e.opts.exportRef || e.opts.noTopK {
		return nil, nop, nil
	}
	p, err := e.newPlan(ctx, s, &req)
	if err != nil {
		return nil, nop, err
	}
	v, err := s.acquireView(ctx)
	if errors.Is(err, errNoTables) {
		return nil, nop, nil // Engine.run logs it
	}
	if err != nil {
		return nil, nop, err
	}
	// Ordering is the work of a search: admitted as each page is.
	admitted, err := e.admit(ctx, e.estimate(p))
	if err != nil {
		v.release()
		return nil, nop, err
	}
	x, err := e.newBrowseExport(ctx, p, v)
	admitted()
	if err != nil || x == nil {
		v.release()
		return nil, nop, err
	}
	return x, v.release, nil
}

// ExportLimit is the most rows an export given limit delivers: limit, or
// for 0 the default (DefaultExportLimit within max_export). A negative limit
// or one above max_export is an error naming "limit".
func (e *Engine) ExportLimit(limit int) (int, error) {
	switch {
	case limit == 0:
		return min(DefaultExportLimit, e.opts.MaxExport), nil
	case limit < 0:
		return 0, paramErr("limit", "must be positive")
	case limit > e.opts.MaxExport:
		return 0, &LimitError{Param: "limit", Limit: e.opts.MaxExport, Msg: fmt.Sprintf("limit %d is too large", limit)}
	}
	return limit, nil
}
