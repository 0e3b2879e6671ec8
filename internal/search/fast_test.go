package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
	"github.com/readout/readout/internal/testutil"
)

// enginePair serves one index directory twice: with the fast path of
// facets and the histogram (the default), and with the per-hit path.
func enginePair(t *testing.T, s *index.Store) (fast, perHit *search.Engine) {
	t.Helper()
	for _, opts := range []search.Options{{}, {PerHitFacets: true}} {
		e := search.New(s, nil, opts, nil)
		if ok, err := e.Reload(context.Background()); err != nil || !ok {
			t.Fatalf("reload: %v %v", ok, err)
		}
		t.Cleanup(func() { _ = e.Close(context.Background()) })
		if opts.PerHitFacets {
			perHit = e
		} else {
			fast = e
		}
	}
	return fast, perHit
}

// topValues are the top n values of facet name over the whole archive.
func topValues(t *testing.T, e *search.Engine, mode, name string, n int) []string {
	t.Helper()
	res, err := e.Search(context.Background(), search.Request{Mode: mode, NoHits: true, Facets: []search.FacetSpec{{Name: name, Size: n}}})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range res.Facets[name] {
		out = append(out, v.Value)
	}
	if len(out) == 0 {
		t.Fatalf("no value of %s", name)
	}
	return out
}

// at returns vals[i], or the last value when there are fewer.
func at(vals []string, i int) string { return vals[min(i, len(vals)-1)] }

// equivalenceRequests are requests of every kind the fast path answers,
// with values taken from the index served by e: the broad and narrow words
// of q, the top values of the facets. Facet sizes are small so that
// truncation and ties are exercised.
func equivalenceRequests(t *testing.T, e *search.Engine, broad, narrow string) map[string]search.Request {
	t.Helper()
	countries := topValues(t, e, search.ModeArticles, "country", 30)
	sources := topValues(t, e, search.ModeArticles, "source", 10)
	speakers := topValues(t, e, search.ModeQuotes, "speaker", 30)
	persons := topValues(t, e, search.ModeArticles, "person", 5)
	all := []search.FacetSpec{{Name: "speaker", Size: 3}, {Name: "person", Size: 2}, {Name: "org", Size: 3},
		{Name: "place", Size: 1}, {Name: "country", Size: 4}, {Name: "source", Size: 2}, {Name: "lang"}, {Name: "authors", Size: 2}}
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	res, err := e.Search(context.Background(), search.Request{Sort: search.SortOldest, Size: 1, Facets: []search.FacetSpec{}})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("oldest: %v %v", res, err)
	}
	first := res.Hits[0].Published.UTC()
	mid := first.AddDate(0, 3, 0)
	fromDay := time.Date(first.Year(), first.Month(), first.Day()+2, 0, 0, 0, 0, time.UTC)
	// A document's own time: a range ending a minute after it (starting a
	// minute before it) holds it, on the range's last (first) day.
	res, err = e.Search(context.Background(), search.Request{To: mid, Sort: search.SortNewest, Size: 1, Facets: []search.FacetSpec{}})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("newest before %v: %v %v", mid, res, err)
	}
	docTime := res.Hits[0].Published.UTC()
	f := func(kv ...string) map[string][]string {
		m := map[string][]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = append(m[kv[i]], kv[i+1])
		}
		return m
	}
	quotes := search.ModeQuotes
	return map[string]search.Request{
		"whole archive":                {Histogram: "month"},
		"whole archive all facets":     {Facets: all, Histogram: "year", NoHits: true},
		"whole archive sorted newest":  {Sort: search.SortNewest, Histogram: "auto"},
		"broad q":                      {Q: broad, Facets: all, Histogram: "month"},
		"broad q week":                 {Q: broad, Histogram: "week", Facets: []search.FacetSpec{{Name: "country", Size: 1}}},
		"narrow q":                     {Q: narrow, Facets: all, Histogram: "auto"},
		"narrow q day":                 {Q: narrow, Histogram: "day"},
		"one filter":                   {Filters: f("country", countries[0]), Facets: all, Histogram: "month"},
		"several filters":              {Q: broad, Filters: f("country", countries[0], "country", at(countries, 1), "source", sources[0]), Facets: all, Histogram: "month"},
		"selected beyond top":          {Filters: f("country", at(countries, 20), "source", at(sources, 5)), Facets: all},
		"selected unknown":             {Filters: f("country", "zz-none"), Facets: all, Histogram: "year"},
		"person filter":                {Q: broad, Filters: f("person", persons[0]), Facets: all},
		"date range whole days":        {From: fromDay, To: fromDay.AddDate(0, 2, 0), Facets: all, Histogram: "week"},
		"date range to only":           {Q: broad, To: mid, Facets: all, Histogram: "month"},
		"date range not whole days":    {From: first.Add(5 * time.Hour), To: mid.Add(-90 * time.Minute), Facets: all, Histogram: "day"},
		"empty date range":             {From: day("1900-01-01"), To: day("1900-02-01"), Facets: all, Histogram: "month"},
		"to a minute after, newest":    {To: docTime.Add(time.Minute), Sort: search.SortNewest, Size: 3},
		"from a minute before, oldest": {From: docTime.Add(-time.Minute), Sort: search.SortOldest, Size: 3},
		"days before, newest":          {From: fromDay, To: fromDay.AddDate(0, 1, 0), Sort: search.SortNewest, Size: 5},
		"speaker semantics":            {Q: broad, Filters: f("speaker", speakers[0]), Facets: all, Histogram: "month"},
		"speaker semantics two":        {Q: narrow, Filters: f("speaker", speakers[0], "speaker", at(speakers, 25), "country", countries[0]), Facets: all},
		"speaker semantics split":      {Q: broad, Filters: f("speaker", speakers[0]), Histogram: "year", Split: search.FacetSpec{Name: "speaker"}},
		"speaker facet through quotes": {Q: broad, Filters: f("country", countries[0]), Facets: all},
		"speaker no q":                 {Filters: f("speaker", speakers[0]), Facets: all, Histogram: "auto"},
		"quote mode":                   {Mode: quotes, Q: broad, Facets: all, Histogram: "month"},
		"quote mode filters":           {Mode: quotes, Q: broad, Filters: f("speaker", speakers[0], "country", countries[0]), Facets: all, Histogram: "year"},
		"quote mode no q":              {Mode: quotes, Facets: all, Histogram: "auto", Split: search.FacetSpec{Name: "speaker", Size: 3}},
		"split country":                {Histogram: "month", Split: search.FacetSpec{Name: "country"}},
		"split speaker q":              {Q: broad, Histogram: "year", Split: search.FacetSpec{Name: "speaker", Size: 4}},
		"split source filtered":        {Q: broad, Filters: f("country", countries[0]), Histogram: "auto", Split: search.FacetSpec{Name: "source", Size: 2}},
		"split selected":               {Filters: f("country", countries[0], "country", at(countries, 2)), Histogram: "year", Split: search.FacetSpec{Name: "country"}},
		"no facets":                    {Q: broad, Facets: []search.FacetSpec{}},
	}
}

// assertEquivalent runs each request on both engines and requires the
// same whole response (the time taken aside) or the same error.
func assertEquivalent(t *testing.T, fast, perHit *search.Engine, reqs map[string]search.Request) {
	t.Helper()
	ctx := context.Background()
	for name, req := range reqs {
		want, werr := perHit.Search(ctx, req)
		got, gerr := fast.Search(ctx, req)
		if werr != nil || gerr != nil {
			if fmt.Sprint(werr) != fmt.Sprint(gerr) {
				t.Errorf("%s: error %v; per-hit path: %v", name, gerr, werr)
			}
			continue
		}
		want.TookMS, got.TookMS = 0, 0
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: fast path differs:\n%s", name, diffJSON(got, want))
		}
		nf, nb := 0, 0
		for _, vals := range got.Facets {
			nf += len(vals)
		}
		if got.Histogram != nil {
			nb = len(got.Histogram.Buckets) + len(got.Histogram.Series)
		}
		t.Logf("%s: total %d, %d facet values, %d buckets and series", name, got.Total, nf, nb)
	}
}

// browseRequests are browses without q, sorted each way, and searches for
// word sorted by date, that the fast path answers with a restricted main
// search (topk.go).
func browseRequests(t *testing.T, e *search.Engine, size int, word string) map[string]search.Request {
	t.Helper()
	countries := topValues(t, e, search.ModeArticles, "country", 3)
	sources := topValues(t, e, search.ModeArticles, "source", 2)
	speakers := topValues(t, e, search.ModeArticles, "speaker", 1)
	none := []search.FacetSpec{}
	out := map[string]search.Request{}
	for _, sort := range []string{search.SortRelevance, search.SortNewest, search.SortOldest} {
		out["all "+sort] = search.Request{Sort: sort, Size: size, Facets: none}
		out["quotes "+sort] = search.Request{Mode: search.ModeQuotes, Sort: sort, Size: size, Facets: none}
		out["filtered "+sort] = search.Request{Sort: sort, Size: size, Facets: none, Filters: map[string][]string{"country": {countries[0], at(countries, 2)}}}
		out["two filters "+sort] = search.Request{Sort: sort, Size: size, Facets: none,
			Filters: map[string][]string{"country": {countries[0], at(countries, 1)}, "source": {sources[0], at(sources, 1)}}}
		out["quotes filtered "+sort] = search.Request{Mode: search.ModeQuotes, Sort: sort, Size: size, Facets: none, Filters: map[string][]string{"country": {countries[0]}}}
		if sort == search.SortRelevance {
			continue
		}
		out["q "+sort] = search.Request{Q: word, Sort: sort, Size: size, Facets: none}
		out["q filtered "+sort] = search.Request{Q: word, Sort: sort, Size: size, Facets: none, Filters: map[string][]string{"country": {countries[0]}}}
		out["q speaker "+sort] = search.Request{Q: word, Sort: sort, Size: size, Facets: none, Filters: map[string][]string{"speaker": {at(speakers, 0)}}}
		out["quotes q "+sort] = search.Request{Mode: search.ModeQuotes, Q: word, Sort: sort, Size: size, Facets: none}
	}
	return out
}

// assertSamePages pages through each request with cursors on both
// engines, up to pages pages, and requires every page equal.
func assertSamePages(t *testing.T, fast, perHit *search.Engine, reqs map[string]search.Request, pages int) {
	t.Helper()
	ctx := context.Background()
	for name, req := range reqs {
		for i := 0; i < pages; i++ {
			want, werr := perHit.Search(ctx, req)
			got, gerr := fast.Search(ctx, req)
			if werr != nil || gerr != nil {
				t.Fatalf("%s page %d: %v; per-hit path: %v", name, i, gerr, werr)
			}
			want.TookMS, got.TookMS = 0, 0
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s page %d: fast path differs:\n%s", name, i, diffJSON(got, want))
			}
			if got.NextCursor == nil {
				break
			}
			req.Cursor = *got.NextCursor
		}
	}
}

// diffJSON shows the first differing lines of a and b as indented JSON.
func diffJSON(a, b any) string {
	ja, _ := json.MarshalIndent(a, "", " ")
	jb, _ := json.MarshalIndent(b, "", " ")
	la, lb := splitLines(string(ja)), splitLines(string(jb))
	for i := 0; i < max(len(la), len(lb)); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			lo := max(0, i-6)
			return fmt.Sprintf("line %d: fast %q, per-hit %q\ncontext (fast):\n%s", i, x, y, joinLines(la[lo:min(len(la), i+3)]))
		}
	}
	return "(same JSON)"
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i, c := range s {
		if c == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func joinLines(ls []string) string {
	out := ""
	for _, l := range ls {
		out += l + "\n"
	}
	return out
}

// TestFastPathEquivalentSample: on the sample corpus, the fast path
// answers every kind of request exactly as the per-hit path, before and
// after journal changes (deletes, replacements, additions).
func TestFastPathEquivalentSample(t *testing.T) {
	s, err := index.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sampleBuild(t, s, 0)
	fast, perHit := enginePair(t, s)
	reqs := equivalenceRequests(t, perHit, "minister", "de-escalation")
	assertEquivalent(t, fast, perHit, reqs)
	pages := browseRequests(t, perHit, 7, "minister")
	search.SetIDOrders(t, fast, false) // each class's next ids from the dictionaries
	assertSamePages(t, fast, perHit, pages, 20)
	search.SetIDOrders(t, fast, true) // from the id order
	assertSamePages(t, fast, perHit, pages, 20)
	applyChanges(t, perHit, fast, perHit)
	assertEquivalent(t, fast, perHit, reqs)
	assertSamePages(t, fast, perHit, pages, 20)
}

// applyChanges applies the same journal changes, made from articles of
// src, to each engine: replacements (one moved to another source, date
// and speaker), deletions, and additions under new ids.
func applyChanges(t *testing.T, src *search.Engine, engines ...*search.Engine) {
	t.Helper()
	ctx := context.Background()
	all, err := src.Search(ctx, search.Request{Sort: search.SortOldest, Size: 100, Facets: []search.FacetSpec{}})
	if err != nil {
		t.Fatal(err)
	}
	var quoted []string
	for _, h := range all.Hits {
		if a, err := src.Article(ctx, h.ID); err == nil && len(a.Quotes) >= 2 {
			quoted = append(quoted, h.ID)
		}
	}
	if len(quoted) < 6 {
		t.Fatalf("only %d articles with two quotes or more", len(quoted))
	}
	v := asArticle(t, src, quoted[0])
	v.Title, v.Source = v.Title+" (updated)", "Wire Overlay"
	v.Published = v.Published.Add(40 * 24 * time.Hour)
	v.Body += "\n\n\"We will publish the full report next week,\" Foreign Minister Anna Kovač said."
	cp := asArticle(t, src, quoted[1])
	cp.ID, cp.Source = "overlay-copy", "Wire Overlay"
	undated := asArticle(t, src, quoted[2])
	undated.ID, undated.Published = "overlay-undated", time.Time{}
	ops := []index.Op{
		{Kind: index.OpUpsert, Article: v}, {Kind: index.OpUpsert, Article: cp}, {Kind: index.OpUpsert, Article: undated},
		{Kind: index.OpDelete, ID: quoted[3]}, {Kind: index.OpDelete, ID: quoted[4]},
	}
	for _, e := range engines {
		if _, err := e.Apply(ctx, ops); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFastPathEquivalentReuters: the same on the first few thousand
// Reuters articles, built with the real extractor.
func TestFastPathEquivalentReuters(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a Reuters index")
	}
	src := testutil.Corpus(t, "reuters21578.jsonl.gz")
	s, err := index.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	part := filepath.Join(t.TempDir(), "head.jsonl")
	testutil.Subset(t, src, part, func(line int, _ []byte) bool { return line < 4000 })
	if _, err := s.Build(context.Background(), index.BuildOptions{Inputs: []ingest.Input{ingest.OSInput(part)}, Extractor: x}); err != nil {
		t.Fatal(err)
	}
	fast, perHit := enginePair(t, s)
	reqs := withCollapse(equivalenceRequests(t, perHit, "oil", `"crude oil"`), 2, false)
	assertEquivalent(t, fast, perHit, reqs)
	pages := withCollapse(browseRequests(t, perHit, 100, "oil"), 2, true)
	search.SetIDOrders(t, fast, true)
	assertSamePages(t, fast, perHit, pages, 8)
	assertCollapseConsistent(t, fast, pick(pages, "q filtered newest", "quotes q oldest", "filtered relevance", "q speaker oldest", "two filters newest"))
	applyChanges(t, perHit, fast, perHit)
	assertEquivalent(t, fast, perHit, reqs)
	assertSamePages(t, fast, perHit, pages, 8)
}

// TestFastPathEquivalentFixture: the same on the in-memory fixture (an
// index type that numbers documents by their ids, unlike scorch).
func TestFastPathEquivalentFixture(t *testing.T) {
	fast := search.New(nil, nil, search.Options{}, nil)
	perHit := search.New(nil, nil, search.Options{PerHitFacets: true}, nil)
	for _, e := range []*search.Engine{fast, perHit} {
		e.Serve(searchtest.Generation(t, "gen-000001", searchtest.Fixture()), 0)
		t.Cleanup(func() { _ = e.Close(context.Background()) })
	}
	reqs := equivalenceRequests(t, perHit, "grain", "de-escalation")
	assertEquivalent(t, fast, perHit, reqs)
	assertSamePages(t, fast, perHit, browseRequests(t, perHit, 4, "grain"), 30)
}
