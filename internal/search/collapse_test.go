package search_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/readout/readout/internal/search"
)

// withCollapse adds to reqs, for every nth request (in name order), the
// same collapsed (Collapse) and counting stories (CountStories), alone and
// together; with hitsOnly, the collapsed one alone (stories change no
// hit).
func withCollapse(reqs map[string]search.Request, nth int, hitsOnly bool) map[string]search.Request {
	out := maps.Clone(reqs)
	for i, name := range slices.Sorted(maps.Keys(reqs)) {
		if i%nth != 0 {
			continue
		}
		c := reqs[name]
		c.Collapse = true
		out[name+" collapsed"] = c
		if hitsOnly {
			continue
		}
		c.CountStories = true
		out[name+" collapsed, stories"] = c
		c.Collapse = false
		out[name+" stories"] = c
	}
	return out
}

// assertCollapseConsistent checks collapse on each request of reqs: collapsed, the total is the total without collapse; total_stories
// hits come in pages, none of a group seen before, one of each group the
// uncollapsed hits hold; each facet value counted in stories is the
// total_stories of selecting it.
func assertCollapseConsistent(t *testing.T, e *search.Engine, reqs map[string]search.Request) {
	t.Helper()
	ctx := context.Background()
	groupsSeen := 0
	for name, req := range reqs {
		if req.Cursor != "" || req.NoHits {
			continue
		}
		req.Collapse, req.CountStories = false, false
		req.Size = 100
		plain := allPages(t, e, req)
		req.Collapse = true
		collapsed := allPages(t, e, req)
		if plain[0].Total != collapsed[0].Total || collapsed[0].TotalStories == nil {
			t.Fatalf("%s: total %d collapsed (stories %v), %d not", name, collapsed[0].Total, collapsed[0].TotalStories, plain[0].Total)
		}
		// The story of a hit: its group, or itself.
		story := func(h search.Hit) string {
			if h.Group != "" {
				return h.Group
			}
			return h.ID
		}
		want := map[string]bool{}
		for _, page := range plain {
			for _, h := range page.Hits {
				want[story(h)] = true
			}
		}
		got := map[string]bool{}
		n := 0
		for i, page := range collapsed {
			if *page.TotalStories != *collapsed[0].TotalStories || page.Total != collapsed[0].Total {
				t.Fatalf("%s page %d: totals %d/%d, first page %d/%d", name, i, page.Total, *page.TotalStories, collapsed[0].Total, *collapsed[0].TotalStories)
			}
			for _, h := range page.Hits {
				n++
				if got[story(h)] {
					t.Fatalf("%s page %d: story %s twice", name, i, story(h))
				}
				got[story(h)] = true
				if h.Group != "" {
					groupsSeen++
				}
			}
		}
		if n != *collapsed[0].TotalStories || len(got) != len(want) {
			t.Fatalf("%s: %d collapsed hits of %d stories, total_stories %d, %d stories uncollapsed", name, n, len(got), *collapsed[0].TotalStories, len(want))
		}
		for s := range want {
			if !got[s] {
				t.Fatalf("%s: story %s missing from the collapsed hits", name, s)
			}
		}
		// Facet values counted in stories: selecting one finds as many.
		req.CountStories, req.Size, req.NoHits = true, 0, true
		req.Facets = []search.FacetSpec{{Name: "source", Size: 2}, {Name: "country", Size: 2}}
		res, err := e.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		for facet, vals := range res.Facets {
			for _, v := range vals {
				if len(req.Filters[facet]) > 0 {
					continue
				}
				sel := req
				sel.Filters = maps.Clone(req.Filters)
				if sel.Filters == nil {
					sel.Filters = map[string][]string{}
				}
				sel.Filters[facet] = []string{v.Value}
				r, err := e.Search(ctx, sel)
				if err != nil {
					t.Fatal(err)
				}
				if *r.TotalStories != v.Count {
					t.Errorf("%s: %s=%s counts %d stories, selecting it finds %d", name, facet, v.Value, v.Count, *r.TotalStories)
				}
			}
		}
	}
	if len(reqs) == 0 || groupsSeen == 0 {
		t.Error("no collapsed hit of a group: the requests test nothing")
	}
}

// allPages pages through req with cursors.
func allPages(t *testing.T, e *search.Engine, req search.Request) []*search.Response {
	t.Helper()
	var out []*search.Response
	for {
		res, err := e.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, res)
		if res.NextCursor == nil || len(out) > 500 {
			return out
		}
		req.Cursor = *res.NextCursor
	}
}

// pick is the requests of reqs named names.
func pick(reqs map[string]search.Request, names ...string) map[string]search.Request {
	out := map[string]search.Request{}
	for _, n := range names {
		if r, ok := reqs[n]; ok {
			out[n] = r
		}
	}
	return out
}
