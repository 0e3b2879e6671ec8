package search

import (
	"context"
	"fmt"
)

// Export pages through every hit of a request, for downloads: all its
// matches (up to limit), in its sort order, on one generation even when a
// new one is published meanwhile, without facets, histogram or highlighting.
const (
	exportPageSize = 100
	// DefaultExportLimit is the export limit when a request gives none.
	DefaultExportLimit = 10_000
)

// Export runs req and calls page with each page of hits, in order, until
// limit hits were delivered or none are left. Every page's Total is the
// number of matches, which may exceed limit. req's paging, facets,
// histogram and highlighting are ignored; its cursor must be empty.
func (e *Engine) Export(ctx context.Context, req Request, limit int, page func(*Response) error) error {
	switch {
	case limit == 0:
		limit = min(DefaultExportLimit, e.opts.MaxExport)
	case limit < 0:
		return paramErr("limit", "must be positive")
	case limit > e.opts.MaxExport:
		return &LimitError{Param: "limit", Limit: e.opts.MaxExport, Msg: fmt.Sprintf("limit %d is too large", limit)}
	}
	if req.Cursor != "" {
		return paramErr("cursor", "an export starts at the first hit; leave out the cursor")
	}
	req.Size, req.NoHits = min(exportPageSize, limit), false
	req.Facets, req.Histogram, req.Split, req.Highlight = []FacetSpec{}, "", FacetSpec{}, false
	if err := e.normalize(&req); err != nil {
		return err
	}
	s, err := e.acquire()
	if err != nil {
		return err
	}
	defer s.release()
	var cur *cursor
	for sent := 0; ; {
		if err := ctx.Err(); err != nil {
			return err
		}
		req.Size = min(exportPageSize, limit-sent)
		resp, err := e.run(ctx, s, req, cur)
		if err != nil {
			return err
		}
		if err := page(resp); err != nil {
			return err
		}
		sent += len(resp.Hits)
		if resp.NextCursor == nil || sent >= limit || len(resp.Hits) == 0 {
			return nil
		}
		c, err := decodeCursor(*resp.NextCursor)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		cur = &c
	}
}
