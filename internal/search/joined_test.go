package search_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// joinedRequests are quote-mode requests on the Joined fields (person,
// org, place, country, authors): filters on each, facets, the histogram,
// a split, q with fielded terms, in every sort order. Values are the top
// ones of e's articles.
func joinedRequests(t *testing.T, e *search.Engine) []search.Request {
	t.Helper()
	top := func(name string, n int) []string { return topValues(t, e, search.ModeArticles, name, n) }
	persons, countries := top("person", 3), top("country", 3)
	facets := []search.FacetSpec{{Name: "person", Size: 4}, {Name: "org", Size: 3}, {Name: "place", Size: 2},
		{Name: "country", Size: 5}, {Name: "authors", Size: 2}, {Name: "source", Size: 2}, {Name: "speaker", Size: 3}}
	base := []search.Request{
		{},
		{Q: "said"},
		{Filters: map[string][]string{"person": {at(persons, 0)}}},
		{Filters: map[string][]string{"org": {at(top("org", 1), 0)}}},
		{Filters: map[string][]string{"place": {at(top("place", 1), 0)}}},
		{Filters: map[string][]string{"country": {at(countries, 0), at(countries, 2)}}},
		{Filters: map[string][]string{"authors": {at(top("authors", 1), 0)}}},
		{Filters: map[string][]string{"country": {at(countries, 1)}, "source": {at(top("source", 1), 0)}}},
		{Q: "said", Filters: map[string][]string{"person": {at(persons, 1)}}},
		{Q: fmt.Sprintf("person:%q", at(persons, 0))},
		{Q: fmt.Sprintf("country:%s OR person:%q", at(countries, 1), at(persons, 2))},
		{Q: fmt.Sprintf("said -country:%s", at(countries, 0))},
		{Q: fmt.Sprintf("person:%s*", at(persons, 0)[:3])},
		{Filters: map[string][]string{"speaker": {at(topValues(t, e, search.ModeQuotes, "speaker", 1), 0)}}, Split: search.FacetSpec{Name: "country", Size: 3}},
	}
	var out []search.Request
	for i, r := range base {
		r.Mode = search.ModeQuotes
		r.Facets, r.Histogram, r.Size = facets, search.IntervalMonth, 7
		if i%3 == 2 {
			r.Histogram = search.IntervalYear
		}
		for _, sort := range []string{search.SortNewest, search.SortOldest, search.SortRelevance} {
			r.Sort = sort
			out = append(out, r)
		}
	}
	return out
}

// TestJoinedLayoutSameAnswers: a generation whose quote documents leave
// their article's Joined fields to it (as builds now write them) answers
// quote-mode requests on those fields exactly as one whose quotes repeat
// them (generations written before): every page through the cursors,
// facet, histogram bucket and split series, on the fast path and on the
// per-hit path. And the two paths agree on the joined generation.
func TestJoinedLayoutSameAnswers(t *testing.T) {
	ctx := context.Background()
	for _, shards := range []int{1, 3} {
		t.Run(fmt.Sprintf("shards=%d", shards), func(t *testing.T) {
			oldFast, oldPerHit := enginePair(t, searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: shards, Repeated: true}))
			newFast, newPerHit := enginePair(t, searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: shards}))
			reqs := joinedRequests(t, oldFast)
			hits := 0
			for i, req := range reqs {
				var paths [2][]*search.Response
				for k, pair := range [][2]*search.Engine{{oldFast, newFast}, {oldPerHit, newPerHit}} {
					want, got := pages(t, pair[0], req), pages(t, pair[1], req)
					if !reflect.DeepEqual(got, want) {
						t.Errorf("request %d %+v, path %d: the joined generation answers differently: %s", i, req, k, diff(got, want))
					}
					paths[k] = got
				}
				for _, r := range paths[0] {
					hits += len(r.Hits)
				}
				// The two paths on the joined generation (scores left
				// out by pages).
				if !reflect.DeepEqual(paths[0], paths[1]) {
					t.Errorf("request %d %+v: the joined generation's fast and per-hit paths differ: %s", i, req, diff(paths[0], paths[1]))
				}
			}
			if hits < 200 {
				t.Errorf("%d hits compared: a weak test", hits)
			}
			// Facet values of the joined fields in quote mode.
			for _, name := range []string{"person", "country", "authors"} {
				for _, req := range []search.Request{{Mode: search.ModeQuotes}, {Mode: search.ModeQuotes, Q: "said"}} {
					var got []*search.FacetValues
					for _, e := range []*search.Engine{oldFast, newFast, oldPerHit, newPerHit} {
						fv, err := e.FacetValues(ctx, req, name, "", 20)
						if err != nil {
							t.Fatal(err)
						}
						got = append(got, fv)
					}
					if len(got[0].Values) == 0 {
						t.Errorf("%s: no values: a weak test", name)
					}
					for k := range got[1:] {
						if !reflect.DeepEqual(got[k+1], got[0]) {
							t.Errorf("%+v facet values %s, engine %d: %+v, want %+v", req, name, k+1, got[k+1].Values, got[0].Values)
						}
					}
				}
			}
		})
	}
}

// TestJoinedOverlay: on a generation whose quote documents leave the
// Joined fields to their article, an article added through the journal is
// found by quote-mode filters and q on those fields before any rebuild:
// its quotes join it in the overlay's delta, on the fast path (the delta's
// table) and the per-hit path (the delta's article ids).
func TestJoinedOverlay(t *testing.T) {
	ctx := context.Background()
	for _, l := range []searchtest.Layout{{Shards: 1}, {Shards: 3}, {Shards: 3, Repeated: true}} {
		t.Run(l.String(), func(t *testing.T) {
			s, err := index.OpenStore(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			sampleBuildWith(t, s, index.BuildOptions{Shards: l.Shards, RepeatJoined: l.Repeated})
			e := loaded(t, s)
			person := topValues(t, e, search.ModeArticles, "person", 1)[0]
			reqs := []search.Request{
				{Filters: map[string][]string{"person": {person}}},
				{Q: fmt.Sprintf("person:%q", person)},
				{Q: fmt.Sprintf("person:%q -country:zz", person)},
			}
			for i := range reqs {
				reqs[i].Mode, reqs[i].Size, reqs[i].Sort = search.ModeQuotes, 20, search.SortNewest
				reqs[i].Facets = []search.FacetSpec{{Name: "person", Size: 3}, {Name: "country", Size: 3}}
			}
			before := make([]*search.Response, len(reqs))
			for i, req := range reqs {
				if before[i], err = e.Search(ctx, req); err != nil {
					t.Fatal(err)
				}
			}
			// An article with quotes of its own (not a speech, whose
			// speakers the journal's copy would not carry).
			orig, n := "", 0
			for _, h := range allHits(t, e, reqs[0]) {
				if orig == "" {
					if a, err := e.Article(ctx, h.ArticleID); err != nil {
						t.Fatal(err)
					} else if len(a.Speakers) == 0 {
						orig = h.ArticleID
					}
				}
				if h.ArticleID == orig {
					n++
				}
			}
			if orig == "" {
				t.Fatal("no article to copy")
			}
			a := asArticle(t, e, orig)
			a.ID, a.Source = "overlay-joined", "Wire Overlay"
			if _, err := e.Apply(ctx, []index.Op{{Kind: index.OpUpsert, Article: a}}); err != nil {
				t.Fatal(err)
			}
			fast, perHit := enginePair(t, s)
			for k, eng := range []*search.Engine{e, fast, perHit} {
				for i, req := range reqs {
					after, err := eng.Search(ctx, req)
					if err != nil {
						t.Fatal(err)
					}
					added := 0
					for _, h := range allHits(t, eng, req) {
						if h.ArticleID == a.ID {
							added++
						}
					}
					if added != n || after.Total != before[i].Total+n {
						t.Errorf("engine %d, request %d: %d quotes of the added article (want %d), total %d (want %d)", k, i, added, n, after.Total, before[i].Total+n)
					}
					if fv := after.Facets["person"]; len(fv) == 0 || fv[0].Value != person || fv[0].Count != after.Total {
						t.Errorf("engine %d, %+v: person facet %+v, want %s first with %d", k, req, fv, person, after.Total)
					}
				}
			}
			for _, req := range reqs {
				if got, want := pages(t, perHit, req), pages(t, fast, req); !reflect.DeepEqual(got, want) {
					t.Errorf("%+v: the per-hit path differs from the fast path: %s", req, diff(got, want))
				}
			}
		})
	}
}
