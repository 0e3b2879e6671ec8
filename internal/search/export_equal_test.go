package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search"
)

// exported is what an export delivers: every page's total and generation,
// and its rows as JSON Lines give them.
type exported struct {
	pages []string // "total generation mode" of each page
	rows  []string
}

func exportAll(t *testing.T, e *search.Engine, req search.Request, limit int) exported {
	t.Helper()
	return collectExport(t, req, func(page func(*search.Response) error) error {
		return e.Export(context.Background(), req, limit, page)
	})
}

// collectExport is what run delivers to its page function.
func collectExport(t *testing.T, req search.Request, run func(page func(*search.Response) error) error) exported {
	t.Helper()
	var x exported
	err := run(func(r *search.Response) error {
		x.pages = append(x.pages, fmt.Sprintf("%d %s %s", r.Total, r.Generation, r.Mode))
		for _, h := range r.Hits {
			b, err := json.Marshal(h)
			if err != nil {
				return err
			}
			x.rows = append(x.rows, string(b))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("export %+v: %v", req, err)
	}
	return x
}

// exportCases are export requests of every kind: with and without q,
// filters (one value, several, a speaker's articles), each sort, quotes
// mode, a date range, limits cutting a page.
func exportCases(e *search.Engine, word string) []struct {
	name  string
	req   search.Request
	limit int
} {
	top := func(req search.Request, name string, n int) []string {
		req.Size, req.Facets = 1, []search.FacetSpec{{Name: name, Size: n}}
		res, err := e.Search(context.Background(), req)
		if err != nil {
			return nil
		}
		var out []string
		for _, v := range res.Facets[name] {
			out = append(out, v.Value)
		}
		return out
	}
	all, quoting := search.Request{}, search.Request{Q: word, Mode: search.ModeQuotes}
	sources, countries, speakers := top(all, "source", 2), top(all, "country", 3), top(all, "speaker", 1)
	quoted := top(quoting, "speaker", 1) // a speaker with quotes that match word
	// A value of few articles: its class is a small part of the id order
	// (sorted, not walked).
	rare := top(all, "person", 40)
	rare = rare[len(rare)-1:]
	return []struct {
		name  string
		req   search.Request
		limit int
	}{
		{"browse", search.Request{}, 0},
		{"browse quotes", search.Request{Mode: search.ModeQuotes}, 0},
		{"browse limit mid-page", search.Request{}, 150},
		{"browse limit one", search.Request{Mode: search.ModeQuotes}, 1},
		{"source", search.Request{Filters: map[string][]string{"source": sources[:1]}}, 0},
		// Without q the default sort is newest first; by relevance, a
		// browse's classes of equal score are read in id order: a large
		// class walks the id order, a small one sorts its ranks.
		{"browse relevance", search.Request{Sort: search.SortRelevance}, 0},
		{"browse relevance quotes", search.Request{Mode: search.ModeQuotes, Sort: search.SortRelevance}, 0},
		{"browse relevance limit mid-page", search.Request{Sort: search.SortRelevance}, 150},
		{"countries relevance", search.Request{Sort: search.SortRelevance, Filters: map[string][]string{"country": countries}}, 0},
		{"rare person relevance", search.Request{Sort: search.SortRelevance, Filters: map[string][]string{"person": rare}}, 0},
		{"rare person relevance limit", search.Request{Sort: search.SortRelevance, Filters: map[string][]string{"person": rare}}, 2},
		{"sources and countries", search.Request{Filters: map[string][]string{"source": sources, "country": countries}}, 0},
		{"countries quotes", search.Request{Mode: search.ModeQuotes, Filters: map[string][]string{"country": countries}}, 0},
		{"speaker", search.Request{Filters: map[string][]string{"speaker": speakers}}, 0},
		{"speaker quotes", search.Request{Mode: search.ModeQuotes, Filters: map[string][]string{"speaker": speakers}}, 0},
		{"newest", search.Request{Sort: search.SortNewest}, 0},
		{"oldest quotes", search.Request{Mode: search.ModeQuotes, Sort: search.SortOldest}, 0},
		{"date range", search.Request{From: time.Date(1987, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, 0},
		{"q", search.Request{Q: word}, 0},
		{"q newest", search.Request{Q: word, Sort: search.SortNewest}, 0},
		{"q quotes", search.Request{Q: word, Mode: search.ModeQuotes}, 0},
		{"q speaker", search.Request{Q: word, Filters: map[string][]string{"speaker": quoted}}, 0},
	}
}

// TestExportEqualsPagedSearch: an export (in one pass where it can, with
// stored fields read from the segments) delivers what the export by pages
// of searches with Bleve's stored fields delivers: the same rows, fields
// and order, totals and generation, for every kind of request, in every
// layout, and under an overlay of journal changes.
func TestExportEqualsPagedSearch(t *testing.T) {
	for _, c := range shardCorpora {
		t.Run(c.name, func(t *testing.T) {
			for i, e := range layoutEngines(t, c) {
				t.Run(fmt.Sprint(i), func(t *testing.T) { sameExports(t, e, c.words[len(c.words)-1]) })
			}
		})
	}
	for _, shards := range []int{1, 3} {
		t.Run(fmt.Sprintf("overlay shards=%d", shards), func(t *testing.T) {
			_, e, oldest := servedSample(t, shards)
			changed := asArticle(t, e, oldest[0].ID)
			changed.Title, changed.Source = changed.Title+" (updated)", "Wire Overlay"
			added := asArticle(t, e, oldest[1].ID)
			added.ID = "overlay-added"
			ops := []index.Op{{Kind: index.OpUpsert, Article: changed}, {Kind: index.OpUpsert, Article: added},
				{Kind: index.OpDelete, ID: oldest[2].ID}}
			if _, err := e.Apply(context.Background(), ops); err != nil {
				t.Fatal(err)
			}
			sameExports(t, e, "said")
		})
	}
}

func sameExports(t *testing.T, e *search.Engine, word string) {
	for _, tc := range exportCases(e, word) {
		search.SetExportReference(e, true)
		want := exportAll(t, e, tc.req, tc.limit)
		search.SetExportReference(e, false)
		search.SetIDOrders(t, e, false)
		noOrder := exportAll(t, e, tc.req, tc.limit)
		search.SetIDOrders(t, e, true)
		got := exportAll(t, e, tc.req, tc.limit)
		if fmt.Sprint(noOrder) != fmt.Sprint(got) {
			t.Errorf("%s: the export differs with and without the id order", tc.name)
		}
		if len(want.rows) == 0 {
			t.Errorf("%s: no rows", tc.name)
			continue
		}
		if fmt.Sprint(got.pages) != fmt.Sprint(want.pages) {
			t.Errorf("%s: pages %v, paged search %v", tc.name, got.pages, want.pages)
		}
		if len(got.rows) != len(want.rows) {
			t.Errorf("%s: %d rows, paged search %d", tc.name, len(got.rows), len(want.rows))
			continue
		}
		for i := range got.rows {
			if got.rows[i] != want.rows[i] {
				t.Errorf("%s: row %d of %d:\n%s\npaged search:\n%s", tc.name, i, len(got.rows), got.rows[i], want.rows[i])
				break
			}
		}
	}
}

// servedSample builds the sample corpus in shards into a new store and
// serves it, with its ten oldest articles (for journal changes to make).
func servedSample(t *testing.T, shards int) (*index.Store, *search.Engine, []search.Hit) {
	t.Helper()
	s, err := index.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sampleBuild(t, s, shards)
	e := loaded(t, s)
	all, err := e.Search(context.Background(), search.Request{Sort: search.SortOldest, Size: 10, Facets: []search.FacetSpec{}})
	if err != nil || len(all.Hits) < 4 {
		t.Fatalf("%v: %d hits", err, len(all.Hits))
	}
	return s, e, all.Hits
}
