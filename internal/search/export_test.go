package search_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/readout/readout/internal/search"
)

// TestExport: an export delivers every hit of the search, in its order,
// across pages, up to the limit, and rejects what it cannot honour.
func TestExport(t *testing.T) {
	e := newEngine(t)
	ctx := context.Background()
	all := func(req search.Request) []string {
		t.Helper()
		req.Size, req.Facets = 100, []search.FacetSpec{}
		res, err := e.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return ids(res)
	}
	tests := []struct {
		name  string
		req   search.Request
		limit int
		want  int // hits expected; -1: all
	}{
		{"all articles, oldest first", search.Request{Sort: search.SortOldest}, 0, -1},
		{"quotes", search.Request{Mode: search.ModeQuotes, Sort: search.SortNewest}, 0, -1},
		{"query and filter", search.Request{Q: "grain", Filters: map[string][]string{"source": {"Wire A"}}}, 0, -1},
		{"limit inside a page", search.Request{Sort: search.SortNewest}, 7, 7},
		{"limit one", search.Request{Q: "grain"}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := all(tt.req)
			if tt.want >= 0 {
				want = want[:tt.want]
			}
			var got []string
			pages, total := 0, -1
			err := e.Export(ctx, tt.req, tt.limit, func(r *search.Response) error {
				pages++
				total = r.Total
				for _, h := range r.Hits {
					got = append(got, h.ID)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) || total < len(want) || len(want) == 0 {
				t.Errorf("export %v (total %d, %d pages), search %v", got, total, pages, want)
			}
		})
	}

	// Pages beyond the first: TestSampleExportAllQuotes.
	stop := errors.New("stop")
	n := 0
	err := e.Export(ctx, search.Request{}, 0, func(r *search.Response) error { n += len(r.Hits); return stop })
	if !errors.Is(err, stop) || n == 0 {
		t.Errorf("an error of the callback ends the export: %v after %d", err, n)
	}

	bad := []struct {
		name  string
		req   search.Request
		limit int
		param string
	}{
		{"negative limit", search.Request{}, -1, "limit"},
		{"limit too large", search.Request{}, 1 << 30, "limit"},
		{"cursor", search.Request{Cursor: "abc"}, 0, "cursor"},
		{"bad sort", search.Request{Sort: "random"}, 0, "sort"},
	}
	for _, tt := range bad {
		err := e.Export(ctx, tt.req, tt.limit, func(*search.Response) error { t.Fatal("page of a bad export"); return nil })
		var pe *search.ParamError
		var le *search.LimitError
		switch {
		case errors.As(err, &pe) && pe.Param == tt.param:
		case errors.As(err, &le) && le.Param == tt.param:
		default:
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
