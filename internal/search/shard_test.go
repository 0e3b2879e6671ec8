package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// The shard tests build one corpus in every layout of searchtest.Layouts
// (one shard, three shards, the layout of builds before sharding) and
// hold every layout to the answers of the first: totals, every facet count,
// histogram bucket and split series, every cursor page and every export row
// (as sets where the order is by relevance, which Bleve scores with each
// shard's own term statistics).

// shardCorpus is a corpus the shard tests build in every layout, with words
// of q that match a good part of it.
type shardCorpus struct {
	name  string
	store func(testing.TB, searchtest.Layout) *index.Store
	words []string
}

// reutersHead is how many Reuters records the shard tests index.
const reutersHead = 2000

var shardCorpora = []shardCorpus{
	{"sample", searchtest.SampleStoreLayout, []string{"ceasefire", "said"}},
	{"reuters", func(tb testing.TB, l searchtest.Layout) *index.Store {
		return searchtest.ReutersHeadStore(tb, reutersHead, l)
	}, []string{"oil", "said"}},
}

// layoutEngines serves c in every layout, in the order of
// searchtest.Layouts.
func layoutEngines(t *testing.T, c shardCorpus) []*search.Engine {
	t.Helper()
	var out []*search.Engine
	for _, l := range searchtest.Layouts {
		e := search.New(c.store(t, l), nil, search.Options{}, nil)
		if ok, err := e.Reload(context.Background()); err != nil || !ok {
			t.Fatalf("%s %s: reload: %v %v", c.name, l, ok, err)
		}
		t.Cleanup(func() { _ = e.Close(context.Background()) })
		if got := len(servedShards(t, e)); got != max(l.Shards, 1) {
			t.Fatalf("%s %s: served with %d shards", c.name, l, got)
		}
		out = append(out, e)
	}
	return out
}

// servedShards are the shards of e's generation, as the meta says.
func servedShards(t *testing.T, e *search.Engine) []int {
	t.Helper()
	_, meta, ok := e.Current()
	if !ok {
		t.Fatal("nothing served")
	}
	return make([]int, max(meta.Shards, 1))
}

// aggregates are what a search counts: everything but the hits.
type aggregates struct {
	Total     int
	Facets    map[string][]search.FacetValue
	Histogram *search.Histogram
}

func aggregatesOf(r *search.Response) aggregates {
	return aggregates{Total: r.Total, Facets: r.Facets, Histogram: r.Histogram}
}

// aggregateRequests are requests whose facet counts, histogram and split
// series the layouts must agree on: with and without q, with filters
// (several values of one facet too), small facet sizes (truncation and
// ties), speaker semantics, quote mode, every histogram interval and
// split facets. Filter values are top values of what they filter, so that
// every request matches something.
func aggregateRequests(t *testing.T, ref *search.Engine, words []string) []search.Request {
	t.Helper()
	top := func(req search.Request, name string, n int) []string {
		t.Helper()
		req.NoHits, req.Facets = true, []search.FacetSpec{{Name: name, Size: n}}
		res, err := ref.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, v := range res.Facets[name] {
			out = append(out, v.Value)
		}
		if len(out) < n {
			t.Fatalf("%+v: %d values of %s, want %d", req, len(out), name, n)
		}
		return out
	}
	every := func(size int) []search.FacetSpec {
		var fs []search.FacetSpec
		for _, n := range search.FilterNames {
			fs = append(fs, search.FacetSpec{Name: n, Size: size})
		}
		return fs
	}
	country, source, speaker := top(search.Request{}, "country", 3), top(search.Request{}, "source", 1), top(search.Request{}, "speaker", 2)
	var reqs []search.Request
	for _, mode := range []string{search.ModeArticles, search.ModeQuotes} {
		reqs = append(reqs,
			search.Request{Mode: mode, Histogram: search.IntervalMonth},
			search.Request{Mode: mode, Facets: every(1), Histogram: search.IntervalDay},
			search.Request{Mode: mode, Facets: every(3), Histogram: search.IntervalAuto},
			search.Request{Mode: mode, Facets: every(500), Histogram: search.IntervalYear},
			search.Request{Mode: mode, Filters: map[string][]string{"country": country[:1]}, Facets: every(2), Histogram: search.IntervalWeek, Split: search.FacetSpec{Name: "source", Size: 3}},
			search.Request{Mode: mode, Filters: map[string][]string{"country": country[1:3], "source": source}, Facets: every(4), Histogram: search.IntervalMonth, Split: search.FacetSpec{Name: "country"}},
			search.Request{Mode: mode, Filters: map[string][]string{"speaker": speaker[:1]}, Facets: every(3), Histogram: search.IntervalMonth},
			search.Request{Mode: mode, From: time.Date(1987, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Facets: every(5), Histogram: search.IntervalDay},
		)
		for _, w := range words {
			// In article mode with q the speaker facet counts, for each
			// speaker, the articles where a quote of theirs matches q:
			// its top values are speakers that select something with q.
			qSpeakers := top(search.Request{Q: w}, "speaker", 2)
			qCountry := top(search.Request{Q: w, Filters: map[string][]string{"speaker": qSpeakers[1:]}}, "country", 1)
			prefix := w[:min(4, len(w))] + "*"
			qSource := top(search.Request{Mode: mode, Q: prefix}, "source", 1)
			reqs = append(reqs,
				search.Request{Mode: mode, Q: w, Facets: every(1), Histogram: search.IntervalMonth, Split: search.FacetSpec{Name: "speaker", Size: 4}},
				search.Request{Mode: mode, Q: w, Facets: every(10), Histogram: search.IntervalAuto, Split: search.FacetSpec{Name: "country", Size: 3}},
				// Speaker semantics in article mode: the articles where a
				// selected speaker's quote matches q.
				search.Request{Mode: mode, Q: w, Filters: map[string][]string{"speaker": qSpeakers}, Facets: every(3), Histogram: search.IntervalMonth, Split: search.FacetSpec{Name: "speaker"}},
				search.Request{Mode: mode, Q: w, Filters: map[string][]string{"speaker": qSpeakers[1:], "country": qCountry}, Facets: every(2), Histogram: search.IntervalYear},
				search.Request{Mode: mode, Q: prefix, Filters: map[string][]string{"source": qSource}, Facets: every(3), Histogram: search.IntervalWeek},
			)
		}
	}
	for i := range reqs {
		reqs[i].NoHits = true
	}
	return reqs
}

// withoutLabels blanks the labels of a's facet values and series: a
// value's label is the last one the build's writer saw, and the writer
// sees articles in the order extraction finishes them, which differs from
// build to build. Counts do not.
func withoutLabels(a aggregates) aggregates {
	facets := map[string][]search.FacetValue{}
	for name, vs := range a.Facets {
		vs = slices.Clone(vs)
		for i := range vs {
			vs[i].Label = ""
		}
		facets[name] = vs
	}
	a.Facets = facets
	if a.Histogram != nil {
		h := *a.Histogram
		h.Series = slices.Clone(h.Series)
		for i := range h.Series {
			h.Series[i].Label = ""
		}
		a.Histogram = &h
	}
	return a
}

// diff shows where got and want differ, as JSON lines.
func diff(got, want any) string {
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	gl, wl := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
	for i := range max(len(gl), len(wl)) {
		var a, b string
		if i < len(gl) {
			a = gl[i]
		}
		if i < len(wl) {
			b = wl[i]
		}
		if a != b {
			lo := max(0, i-3)
			return fmt.Sprintf("line %d:\n got %s\nwant %s\n(want around it: %s)", i+1, a, b,
				strings.Join(wl[lo:min(len(wl), i+3)], " "))
		}
	}
	return "no difference in JSON"
}

// TestShardsAggregate: every layout counts every facet, histogram bucket
// and split series as one shard does.
func TestShardsAggregate(t *testing.T) {
	for _, c := range shardCorpora {
		t.Run(c.name, func(t *testing.T) {
			engines := layoutEngines(t, c)
			ctx := context.Background()
			for i, req := range aggregateRequests(t, engines[0], c.words) {
				want, err := engines[0].Search(ctx, req)
				if err != nil {
					t.Fatalf("request %d %+v: %v", i, req, err)
				}
				if want.Total == 0 {
					t.Errorf("request %d %+v matches nothing: a weak test", i, req)
				}
				for j, e := range engines[1:] {
					got, err := e.Search(ctx, req)
					if err != nil {
						t.Fatalf("%s: request %d: %v", searchtest.Layouts[j+1], i, err)
					}
					if g, w := withoutLabels(aggregatesOf(got)), withoutLabels(aggregatesOf(want)); !reflect.DeepEqual(g, w) {
						t.Errorf("%s: request %d %+v: %s", searchtest.Layouts[j+1], i, req, diff(g, w))
					}
				}
			}
		})
	}
}

// hitRequests are the requests whose hits the layouts are compared on, in
// each sort order.
func hitRequests(words []string) []search.Request {
	var reqs []search.Request
	for _, mode := range []string{search.ModeArticles, search.ModeQuotes} {
		reqs = append(reqs, search.Request{Mode: mode})
		for _, w := range words {
			reqs = append(reqs, search.Request{Mode: mode, Q: w, Highlight: true})
		}
	}
	var out []search.Request
	for _, r := range reqs {
		for _, sort := range []string{search.SortNewest, search.SortOldest, search.SortRelevance} {
			r.Sort = sort
			out = append(out, r)
		}
	}
	return out
}

// comparable is a hit as the layouts must agree on it: all of it but its
// score (the shards' term statistics differ).
func comparableHits(hits []search.Hit) []search.Hit {
	out := slices.Clone(hits)
	for i := range out {
		out[i].Score = 0
	}
	return out
}

func idsOf(hits []search.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

// cursorWalk pages through every hit of req with cursors, with facets and
// histogram off, and returns the pages.
func cursorWalk(t *testing.T, e *search.Engine, req search.Request, size int) []*search.Response {
	t.Helper()
	req.Size, req.Facets = size, []search.FacetSpec{}
	var pages []*search.Response
	for {
		res, err := e.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		res.TookMS = 0
		pages = append(pages, res)
		if res.NextCursor == nil {
			return pages
		}
		if len(pages) > 2000 {
			t.Fatalf("%+v: more than 2000 pages", req)
		}
		req.Cursor = *res.NextCursor
	}
}

// TestShardsCursorWalk: walking every page of a search with cursors gives,
// sorted by date, the same pages (hits and cursors) in every layout; sorted
// by relevance, the same hits in all and the same totals.
func TestShardsCursorWalk(t *testing.T) {
	for _, c := range shardCorpora {
		t.Run(c.name, func(t *testing.T) {
			engines := layoutEngines(t, c)
			for i, req := range hitRequests(c.words) {
				size := 17
				if c.name == "reuters" && req.Q == "" {
					size = 100 // every document of the corpus
				}
				want := cursorWalk(t, engines[0], req, size)
				wantAll := []string{}
				for _, p := range want {
					wantAll = append(wantAll, idsOf(p.Hits)...)
				}
				if len(wantAll) != want[0].Total || want[0].Total == 0 {
					t.Fatalf("request %d %+v: %d hits walked, total %d", i, req, len(wantAll), want[0].Total)
				}
				for j, e := range engines[1:] {
					l := searchtest.Layouts[j+1]
					got := cursorWalk(t, e, req, size)
					if req.Sort != search.SortRelevance {
						if len(got) != len(want) {
							t.Errorf("%s: request %d %+v: %d pages, want %d", l, i, req, len(got), len(want))
							continue
						}
						for k := range got {
							g, w := *got[k], *want[k]
							g.Hits, w.Hits = comparableHits(g.Hits), comparableHits(w.Hits)
							if !reflect.DeepEqual(g, w) {
								t.Errorf("%s: request %d %+v, page %d: %s", l, i, req, k, diff(g, w))
								break
							}
						}
						continue
					}
					gotAll := []string{}
					for _, p := range got {
						if p.Total != want[0].Total {
							t.Errorf("%s: request %d %+v: total %d, want %d", l, i, req, p.Total, want[0].Total)
						}
						gotAll = append(gotAll, idsOf(p.Hits)...)
					}
					if g, w := sortedCopy(gotAll), sortedCopy(wantAll); !slices.Equal(g, w) {
						t.Errorf("%s: request %d %+v: walked %d hits (%d distinct), want %d", l, i, req, len(g), len(slices.Compact(g)), len(w))
					}
				}
			}
		})
	}
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// exportRows runs an export of req and returns its rows.
func exportRows(t *testing.T, e *search.Engine, req search.Request) ([]search.Hit, int) {
	t.Helper()
	var rows []search.Hit
	total := -1
	err := e.Export(context.Background(), req, 100_000, func(r *search.Response) error {
		rows = append(rows, r.Hits...)
		if total >= 0 && r.Total != total {
			return fmt.Errorf("total %d, then %d", total, r.Total)
		}
		total = r.Total
		return nil
	})
	if err != nil {
		t.Fatalf("export %+v: %v", req, err)
	}
	return rows, total
}

// TestShardsExport: exports give every layout's rows: the same rows in the
// same order sorted by date, the same set by relevance.
func TestShardsExport(t *testing.T) {
	for _, c := range shardCorpora {
		t.Run(c.name, func(t *testing.T) {
			engines := layoutEngines(t, c)
			for i, req := range hitRequests(c.words) {
				req.Highlight = false
				want, wantTotal := exportRows(t, engines[0], req)
				if len(want) != wantTotal || wantTotal == 0 {
					t.Fatalf("request %d %+v: %d rows of %d", i, req, len(want), wantTotal)
				}
				for j, e := range engines[1:] {
					l := searchtest.Layouts[j+1]
					got, total := exportRows(t, e, req)
					if total != wantTotal {
						t.Errorf("%s: request %d %+v: total %d, want %d", l, i, req, total, wantTotal)
					}
					if req.Sort != search.SortRelevance {
						if g, w := comparableHits(got), comparableHits(want); !reflect.DeepEqual(g, w) {
							t.Errorf("%s: request %d %+v: rows differ (%d, want %d): %s", l, i, req, len(g), len(w), diff(g, w))
						}
						continue
					}
					if g, w := sortedCopy(idsOf(got)), sortedCopy(idsOf(want)); !slices.Equal(g, w) {
						t.Errorf("%s: request %d %+v: %d rows, want the %d of one shard", l, i, req, len(g), len(w))
					}
				}
			}
		})
	}
}

// TestStatsFromTables: the stats counted from the column tables equal
// those Bleve's facets and searches count (the per-hit path), in every
// layout, and under an overlay of journal changes.
func TestStatsFromTables(t *testing.T) {
	ctx := context.Background()
	same := func(t *testing.T, s *index.Store) {
		t.Helper()
		var got []search.Stats
		for _, opts := range []search.Options{{}, {PerHitFacets: true}} {
			e := search.New(s, nil, opts, nil)
			if _, err := e.Reload(ctx); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = e.Close(ctx) })
			got = append(got, stats(t, e))
		}
		if !reflect.DeepEqual(got[0], got[1]) {
			t.Errorf("from the tables %+v\nfrom Bleve      %+v", got[0], got[1])
		}
		if st := got[0]; st.Articles == 0 || st.Quotes == 0 || st.Speakers == 0 || st.Countries == 0 || st.Entities["person"] == 0 {
			t.Errorf("stats %+v: a weak test", st)
		}
	}
	for _, c := range shardCorpora {
		for _, l := range searchtest.Layouts {
			t.Run(fmt.Sprintf("%s %s", c.name, l), func(t *testing.T) { same(t, c.store(t, l)) })
		}
	}
	for _, shards := range []int{1, 3} {
		t.Run(fmt.Sprintf("overlay shards=%d", shards), func(t *testing.T) {
			s, e, oldest := servedSample(t, shards)
			// The oldest article deleted: the date span starts later.
			changed := asArticle(t, e, oldest[1].ID)
			changed.Source = "Wire Overlay"
			added := asArticle(t, e, oldest[2].ID)
			added.ID, added.Published = "overlay-added", time.Time{}
			ops := []index.Op{{Kind: index.OpUpsert, Article: changed}, {Kind: index.OpUpsert, Article: added},
				{Kind: index.OpDelete, ID: oldest[0].ID}}
			if _, err := e.Apply(ctx, ops); err != nil {
				t.Fatal(err)
			}
			same(t, s)
		})
	}
}

// TestFacetValuesFromTables: the values of a facet-value search counted
// from the column tables equal those of Bleve's facet (the per-hit path),
// for every facet, with and without q, filters, a speaker's articles, a
// date range and quotes, in every layout.
func TestFacetValuesFromTables(t *testing.T) {
	ctx := context.Background()
	for _, c := range shardCorpora {
		for _, l := range searchtest.Layouts {
			t.Run(fmt.Sprintf("%s %s", c.name, l), func(t *testing.T) {
				s := c.store(t, l)
				var engines []*search.Engine
				for _, opts := range []search.Options{{}, {PerHitFacets: true}} {
					e := search.New(s, nil, opts, nil)
					if _, err := e.Reload(ctx); err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { _ = e.Close(ctx) })
					engines = append(engines, e)
				}
				top := func(name string) string {
					res, err := engines[1].Search(ctx, search.Request{Size: 1, Facets: []search.FacetSpec{{Name: name, Size: 1}}})
					if err != nil || len(res.Facets[name]) == 0 {
						t.Fatalf("top %s: %v", name, err)
					}
					return res.Facets[name][0].Value
				}
				word := c.words[len(c.words)-1]
				reqs := []search.Request{
					{},
					{Q: word},
					{Mode: search.ModeQuotes},
					{Mode: search.ModeQuotes, Q: word},
					{Filters: map[string][]string{"country": {top("country")}}},
					{Q: word, Filters: map[string][]string{"speaker": {top("speaker")}}},
					{From: time.Date(1987, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)},
				}
				n := 0
				for _, req := range reqs {
					for _, name := range search.FilterNames {
						for _, prefix := range []string{"", "a", "s", "u"} {
							var got [2]*search.FacetValues
							for i, e := range engines {
								var err error
								if got[i], err = e.FacetValues(ctx, req, name, prefix, 20); err != nil {
									t.Fatalf("%+v %s %q: %v", req, name, prefix, err)
								}
							}
							if !reflect.DeepEqual(got[0], got[1]) {
								t.Errorf("%+v %s %q:\nfrom the tables %+v\nfrom Bleve      %+v", req, name, prefix, got[0].Values, got[1].Values)
							}
							n += len(got[0].Values)
						}
					}
				}
				if n < 100 {
					t.Errorf("%d values compared: a weak test", n)
				}
			})
		}
	}
}
