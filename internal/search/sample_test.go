package search_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// sampleEngine serves the bundled sample corpus, built with the real
// extractor.
func sampleEngine(t *testing.T) *search.Engine {
	t.Helper()
	store := searchtest.SampleStore(t)
	e := search.New(store, nil, search.Options{}, nil)
	if ok, err := e.Reload(context.Background()); err != nil || !ok {
		t.Fatalf("reload: %v %v", ok, err)
	}
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	return e
}

// TestSampleCorpusSpeakers checks speaker semantics on the real sample
// index: for the most quoted speakers and words they use, every article
// returned has an attached quote by that speaker containing the word, and
// no article is missing where such a quote exists.
func TestSampleCorpusSpeakers(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	all, err := e.Search(ctx, search.Request{Facets: []search.FacetSpec{{Name: "speaker", Size: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Facets["speaker"]) < 2 {
		t.Fatalf("sample corpus has too few speakers: %+v", all.Facets["speaker"])
	}
	checked := 0
	for _, sp := range all.Facets["speaker"] {
		// Words of this speaker's first quote.
		quotes, err := e.Search(ctx, search.Request{Mode: search.ModeQuotes, Filters: map[string][]string{"speaker": {sp.Value}}, Size: 1, Facets: []search.FacetSpec{}})
		if err != nil || len(quotes.Hits) == 0 {
			t.Fatalf("%s: quotes %v %v", sp.Value, quotes, err)
		}
		var word string
		for _, w := range strings.Fields(quotes.Hits[0].Text) {
			w = strings.Trim(strings.ToLower(w), `.,;:"'“”‘’!?()`)
			if len(w) >= 7 && !strings.ContainsAny(w, "-'’") {
				word = w
				break
			}
		}
		if word == "" {
			continue
		}
		res, err := e.Search(ctx, search.Request{Q: word, Filters: map[string][]string{"speaker": {sp.Label}}, Size: 100, Highlight: true})
		if err != nil {
			t.Fatal(err)
		}
		checked++
		if res.Total == 0 {
			t.Errorf("speaker %s q=%s: no article, but quote %s has the word", sp.Value, word, quotes.Hits[0].ID)
		}
		for _, h := range res.Hits {
			ok := slices.ContainsFunc(h.Quotes, func(q search.QuoteHit) bool {
				return q.Speaker != nil && q.Speaker.ID == sp.Value && strings.Contains(q.Highlighted, "<mark>")
			})
			if !ok {
				t.Errorf("speaker %s q=%s: article %s has no matching quote by the speaker: %+v", sp.Value, word, h.ID, h.Quotes)
			}
		}
		// Quote mode agrees: the articles of the speaker's matching quotes.
		qm, err := e.Search(ctx, search.Request{Mode: search.ModeQuotes, Q: word, Filters: map[string][]string{"speaker": {sp.Value}}, Size: 100})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, h := range qm.Hits {
			want = append(want, h.ArticleID)
		}
		slices.Sort(want)
		want = slices.Compact(want)
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("speaker %s q=%s: articles %v, quotes' articles %v", sp.Value, word, got, want)
		}
	}
	if checked < 2 {
		t.Errorf("only %d speakers checked", checked)
	}
}

// TestSamplePagingAndHistogram pages through the whole sample corpus in each
// sort and checks the histogram adds up.
func TestSamplePagingAndHistogram(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	for _, sort := range []string{search.SortRelevance, search.SortNewest, search.SortOldest} {
		req := search.Request{Sort: sort, Size: 7, Facets: []search.FacetSpec{}}
		seen := map[string]bool{}
		total := -1
		for {
			res, err := e.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			total = res.Total
			for _, h := range res.Hits {
				if seen[h.ID] {
					t.Fatalf("%s: duplicate %s", sort, h.ID)
				}
				seen[h.ID] = true
			}
			if res.NextCursor == nil {
				break
			}
			req.Cursor = *res.NextCursor
		}
		if len(seen) != total || total < 50 {
			t.Errorf("%s: paged %d of %d", sort, len(seen), total)
		}
	}
	res, err := e.Search(ctx, search.Request{Histogram: search.IntervalAuto, Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	sum := res.Histogram.Undated
	for _, b := range res.Histogram.Buckets {
		sum += b.Count
	}
	if sum != res.Total || len(res.Histogram.Buckets) > 60 {
		t.Errorf("histogram %s: %d buckets summing to %d, total %d", res.Histogram.Interval, len(res.Histogram.Buckets), sum, res.Total)
	}
}

// TestSampleTitleRanksFirst: searching the words of an article's title puts
// that article first (title matches weigh twice body matches).
func TestSampleTitleRanksFirst(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	all, err := e.Search(ctx, search.Request{Sort: search.SortOldest, Size: 100, Facets: []search.FacetSpec{}})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i, h := range all.Hits {
		if i%6 != 0 || h.Title == "" {
			continue
		}
		res, err := e.Search(ctx, search.Request{Q: `"` + strings.ReplaceAll(h.Title, `"`, ``) + `"`, Size: 3, Facets: []search.FacetSpec{}})
		if err != nil {
			t.Fatalf("%q: %v", h.Title, err)
		}
		checked++
		if len(res.Hits) == 0 || res.Hits[0].ID != h.ID {
			t.Errorf("title %q: first hits %v, want %s first", h.Title, ids(res), h.ID)
		}
	}
	if checked < 5 {
		t.Errorf("only %d titles checked", checked)
	}
}
