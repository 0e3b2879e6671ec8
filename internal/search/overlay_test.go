package search_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/corpus"
	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/search"
)

// sampleBuild builds the bundled sample corpus (with its aliases) into s,
// as the indexer does, in shards Bleve shards (0: the default).
func sampleBuild(t *testing.T, s *index.Store, shards int) {
	t.Helper()
	sampleBuildWith(t, s, index.BuildOptions{Shards: shards})
}

// sampleBuildWith builds the sample corpus into s with opts (its inputs,
// extractor and aliases set here).
func sampleBuildWith(t *testing.T, s *index.Store, opts index.BuildOptions) {
	t.Helper()
	f, err := corpus.FS.Open(corpus.AliasFile)
	if err != nil {
		t.Fatal(err)
	}
	aliases, err := extract.LoadAliases(f, corpus.AliasFile)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	opts.Inputs, opts.Extractor, opts.Aliases = []ingest.Input{{Name: "corpus", FS: corpus.FS, Path: "."}}, x, aliases
	if _, err := s.Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
}

func loaded(t *testing.T, s *index.Store) *search.Engine {
	t.Helper()
	e := search.New(s, nil, search.Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	return e
}

// asArticle is a sample article as the journal would carry it.
func asArticle(t *testing.T, e *search.Engine, id string) *news.Article {
	t.Helper()
	a, err := e.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return asIngest(a)
}

func asIngest(a *search.Article) *news.Article {
	return &news.Article{ID: a.ID, Title: a.Title, Body: a.Body, Published: a.Published, Source: a.Source,
		URL: a.URL, Authors: a.Authors, Language: a.Language}
}

// TestSampleOverlayAgreesWithRebuild: on the sample corpus, after uploads
// (replacing an article twice, deleting one, adding copies of others under
// new ids and sources, deleting an added one, re-adding a deleted one), the
// engine serving the generation under its overlay answers every kind of
// search as an engine serving a generation rebuilt from the corpus and the
// journal: hits in order with their fields, snippets and attached quotes,
// facets, histograms and their split series, cursors, exports, articles,
// stats and facet-value lookups. Relevance order aside: the overlay's
// documents are scored with their own term statistics, so relevance results
// are compared as sets. On top, every facet count of the overlay equals what
// filtering on the value finds.
//
// The overlaid generation is built as one shard and as three; the rebuilt
// one as one.
func TestSampleOverlayAgreesWithRebuild(t *testing.T) {
	for _, shards := range []int{1, 3} {
		t.Run(fmt.Sprintf("shards=%d", shards), func(t *testing.T) { testSampleOverlayAgreesWithRebuild(t, shards) })
	}
}

func testSampleOverlayAgreesWithRebuild(t *testing.T, shards int) {
	s, err := index.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sampleBuild(t, s, shards)
	e := loaded(t, s)
	ctx := context.Background()
	all, err := e.Search(ctx, search.Request{Sort: search.SortOldest, Size: 100, Facets: []search.FacetSpec{}})
	if err != nil {
		t.Fatal(err)
	}
	articles := ids(all)
	if len(articles) < 20 {
		t.Fatalf("sample corpus has %d articles", len(articles))
	}
	// Articles with quotes, so that speakers and quote documents change.
	var quoted []string
	for _, id := range articles {
		if a, err := e.Article(ctx, id); err == nil && len(a.Quotes) >= 2 {
			quoted = append(quoted, id)
		}
	}
	if len(quoted) < 6 {
		t.Fatalf("only %d sample articles with two quotes or more", len(quoted))
	}
	replace, removed, copied, readd := quoted[0], quoted[1], quoted[2], quoted[3]
	v1 := asArticle(t, e, quoted[4]) // another article's text under replace's id
	v1.ID = replace
	v2 := asArticle(t, e, replace)
	v2.Title, v2.Source = v2.Title+" (updated)", "Wire Overlay"
	v2.Published = v2.Published.Add(40 * 24 * time.Hour)
	v2.Body = v2.Body + "\n\n\"We will publish the full report next week,\" Foreign Minister Anna Kovač said."
	cp := asArticle(t, e, copied)
	cp.ID, cp.Source = "overlay-copy", "Wire Overlay"
	gone := asArticle(t, e, quoted[5])
	gone.ID = "overlay-gone"
	back := asArticle(t, e, readd)
	back.Published = time.Time{} // re-added undated
	for _, ops := range [][]index.Op{
		{{Kind: index.OpUpsert, Article: v1}, {Kind: index.OpUpsert, Article: cp}},
		{{Kind: index.OpUpsert, Article: v2}, {Kind: index.OpDelete, ID: removed}, {Kind: index.OpUpsert, Article: gone}},
		{{Kind: index.OpDelete, ID: "overlay-gone"}, {Kind: index.OpDelete, ID: readd}},
		{{Kind: index.OpUpsert, Article: back}},
	} {
		if _, err := e.Apply(ctx, ops); err != nil {
			t.Fatal(err)
		}
	}

	res, err := e.Search(ctx, search.Request{Sort: search.SortOldest, Filters: map[string][]string{"source": {"Wire Overlay"}}, Facets: []search.FacetSpec{}})
	if err != nil {
		t.Fatal(err)
	}
	if got := sorted(ids(res)); !slices.Equal(got, sorted([]string{replace, "overlay-copy"})) {
		t.Fatalf("uploads under Wire Overlay: %v", got)
	}

	// The rebuilt generation, served by another engine. e keeps serving
	// the first generation: it is not reloaded.
	sampleBuild(t, s, 1)
	r := loaded(t, s)
	if a, _, _ := e.Current(); a != "gen-000001" {
		t.Fatalf("overlay engine serves %s", a)
	}
	if b, _, _ := r.Current(); b != "gen-000002" {
		t.Fatalf("rebuilt engine serves %s", b)
	}

	var facets []search.FacetSpec
	for _, name := range search.FilterNames {
		facets = append(facets, search.FacetSpec{Name: name, Size: 3})
	}
	var reqs []search.Request
	for _, mode := range []string{search.ModeArticles, search.ModeQuotes} {
		for _, q := range []string{"", "talks", `"foreign minister"`, "report OR minister"} {
			for _, sort := range []string{search.SortNewest, search.SortOldest} {
				reqs = append(reqs, search.Request{Mode: mode, Q: q, Sort: sort, Size: 7, Facets: facets,
					Histogram: search.IntervalMonth, Split: search.FacetSpec{Name: "country", Size: 3}, Highlight: true})
			}
			reqs = append(reqs, search.Request{Mode: mode, Q: q, Sort: search.SortNewest, Size: 5, Facets: []search.FacetSpec{},
				Filters: map[string][]string{"source": {"Wire Overlay"}}})
			reqs = append(reqs, search.Request{Mode: mode, Q: q, Sort: search.SortOldest, Size: 5,
				Facets: []search.FacetSpec{{Name: "speaker", Size: 2}}, Filters: map[string][]string{"speaker": {"anna-kovac"}}})
		}
	}
	for _, req := range reqs {
		name := fmt.Sprintf("%s q=%q sort=%s filters=%v", req.Mode, req.Q, req.Sort, req.Filters)
		got, want := pages(t, e, req), pages(t, r, req)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", name, brief(got), brief(want))
		}
	}
	for _, mode := range []string{search.ModeArticles, search.ModeQuotes} {
		req := search.Request{Mode: mode, Q: "minister OR talks OR report", Size: 100, Facets: []search.FacetSpec{}}
		g, w := pages(t, e, req), pages(t, r, req)
		if gi, wi := sorted(hitIDs(g)), sorted(hitIDs(w)); !slices.Equal(gi, wi) {
			t.Errorf("%s relevance: %v, want %v", mode, gi, wi)
		}
	}
	for _, id := range []string{replace, removed, copied, readd, "overlay-copy", "overlay-gone"} {
		ga, gerr := e.Article(ctx, id)
		wa, werr := r.Article(ctx, id)
		if (gerr == nil) != (werr == nil) || !reflect.DeepEqual(ga, wa) {
			t.Errorf("article %s: %+v (%v), want %+v (%v)", id, ga, gerr, wa, werr)
		}
	}
	gs, ws := stats(t, e), stats(t, r)
	gs.Generation, gs.BuiltAt, ws.Generation, ws.BuiltAt = "", time.Time{}, "", time.Time{}
	if gs.OverlayDocs == 0 || gs.HiddenDocs == 0 {
		t.Errorf("stats: %d documents laid over the generation, %d hidden; want some of each", gs.OverlayDocs, gs.HiddenDocs)
	}
	gs.OverlayDocs, gs.HiddenDocs = 0, 0 // the rebuild folds them in
	if !reflect.DeepEqual(gs, ws) {
		t.Errorf("stats %+v, want %+v", gs, ws)
	}
	for _, field := range []string{"speaker", "person", "source"} {
		gv, err := e.FacetValues(ctx, search.Request{}, field, "a", 20)
		if err != nil {
			t.Fatal(err)
		}
		wv, err := r.FacetValues(ctx, search.Request{}, field, "a", 20)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gv, wv) {
			t.Errorf("facet values of %s: %+v, want %+v", field, gv, wv)
		}
	}
	if g, w := export(t, e), export(t, r); !slices.Equal(g, w) {
		t.Errorf("export: %d quotes, want %d", len(g), len(w))
	}
	facetCountsMatchFilters(t, e)
}

func stats(t *testing.T, e *search.Engine) search.Stats {
	t.Helper()
	st, err := e.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return *st
}

// pages runs req and every page after it through its cursors, with what
// differs between two generations of the same documents (timings, the
// generation's name, relevance scores, the order of an article's quotes
// within a paragraph) left out.
func pages(t *testing.T, e *search.Engine, req search.Request) []*search.Response {
	t.Helper()
	var out []*search.Response
	for {
		res, err := e.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		res.TookMS, res.Generation = 0, ""
		for i := range res.Hits {
			res.Hits[i].Score = 0
			// An article added through the journal is in no group of
			// near-duplicates until the next build (docs/design.md).
			res.Hits[i].Group, res.Hits[i].SimilarCount = "", 0
			// Quotes of one paragraph come in index order, which two
			// builds of the same documents need not share.
			slices.SortFunc(res.Hits[i].Quotes, func(a, b search.QuoteHit) int {
				return cmp.Or(a.Paragraph-b.Paragraph, strings.Compare(a.ID, b.ID))
			})
		}
		out = append(out, res)
		if res.NextCursor == nil || len(out) == 20 {
			return out
		}
		req.Cursor = *res.NextCursor
	}
}

func hitIDs(rs []*search.Response) []string {
	var out []string
	for _, r := range rs {
		out = append(out, ids(r)...)
	}
	return out
}

func brief(rs []*search.Response) string {
	b, _ := json.MarshalIndent(rs, "", " ")
	return string(b)
}

func export(t *testing.T, e *search.Engine) []string {
	t.Helper()
	var out []string
	if err := e.Export(context.Background(), search.Request{Mode: search.ModeQuotes, Sort: search.SortNewest}, 0, func(r *search.Response) error {
		out = append(out, ids(r)...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// facetCountsMatchFilters checks, in both modes, with and without a query,
// that each facet value's count is what filtering on the value finds.
func facetCountsMatchFilters(t *testing.T, e *search.Engine) {
	t.Helper()
	ctx := context.Background()
	var facets []search.FacetSpec
	for _, name := range search.FilterNames {
		facets = append(facets, search.FacetSpec{Name: name, Size: 100})
	}
	checked := 0
	for _, mode := range []string{search.ModeArticles, search.ModeQuotes} {
		for _, q := range []string{"", "talks"} {
			base := search.Request{Mode: mode, Q: q, Facets: facets, Size: 1}
			res, err := e.Search(ctx, base)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range search.FilterNames {
				for _, fv := range res.Facets[name] {
					req := base
					req.Facets = []search.FacetSpec{}
					req.Filters = map[string][]string{name: {fv.Value}}
					got, err := e.Search(ctx, req)
					if err != nil {
						t.Fatal(err)
					}
					checked++
					if got.Total != fv.Count {
						t.Errorf("%s %q: facet %s=%s counts %d, filtering on it finds %d", mode, q, name, fv.Value, fv.Count, got.Total)
					}
				}
			}
		}
	}
	if checked < 40 {
		t.Errorf("only %d facet values checked", checked)
	}
}
