package search_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
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
	for _, mode := range []string{search.ModeArticles, search.ModeQuotes} {
		for _, sort := range []string{search.SortRelevance, search.SortNewest, search.SortOldest} {
			req := search.Request{Mode: mode, Sort: sort, Size: 7, Facets: []search.FacetSpec{}}
			if sort == search.SortRelevance {
				req.Q = "minister OR talks" // scores that differ and tie
			}
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
						t.Fatalf("%s %s: duplicate %s", mode, sort, h.ID)
					}
					seen[h.ID] = true
				}
				if res.NextCursor == nil {
					break
				}
				req.Cursor = *res.NextCursor
			}
			if len(seen) != total || total < 30 {
				t.Errorf("%s %s: paged %d of %d", mode, sort, len(seen), total)
			}
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

// TestSampleQuoteModeFilters: in quote mode every article-level filter
// selects exactly the quotes of the articles it selects in article mode, for
// the two most frequent values of every filter; and the quote-only fields
// cue: and kind: select exactly the quotes that carry them.
func TestSampleQuoteModeFilters(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	all := func(req search.Request) []search.Hit { t.Helper(); return allHits(t, e, req) }
	// Every quote of the corpus, from the articles themselves.
	quotesOf := map[string][]search.ArticleQuote{}
	for _, h := range all(search.Request{}) {
		a, err := e.Article(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range a.Quotes {
			if !q.Scare { // scare quotes are marked in the article, not searchable on their own
				quotesOf[h.ID] = append(quotesOf[h.ID], q)
			}
		}
	}
	var facets []search.FacetSpec
	for _, name := range search.FilterNames {
		facets = append(facets, search.FacetSpec{Name: name, Size: 2})
	}
	top, err := e.Search(ctx, search.Request{Facets: facets, Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	checked := map[string]bool{}
	for _, name := range search.FilterNames {
		if name == "speaker" || name == "speaker_kind" || name == "speaker_country" {
			continue // a quote's own speaker, not its article's: TestSpeakerSemantics*, TestSpeakerKinds
		}
		for _, fv := range top.Facets[name] {
			filters := map[string][]string{name: {fv.Value}}
			var want []string
			for _, h := range all(search.Request{Filters: filters}) {
				for _, q := range quotesOf[h.ID] {
					want = append(want, q.ID)
				}
			}
			var got []string
			for _, h := range all(search.Request{Mode: search.ModeQuotes, Filters: filters}) {
				got = append(got, h.ID)
			}
			if !slices.Equal(sorted(got), sorted(want)) {
				t.Errorf("quote mode, %s=%s: %d quotes, want the %d of its articles", name, fv.Value, len(got), len(want))
			}
			checked[name] = len(want) > 0
		}
	}
	for _, name := range []string{"person", "org", "place", "country", "source", "authors"} {
		if !checked[name] {
			t.Errorf("no quotes checked for filter %s", name)
		}
	}

	var cues, kinds = map[string]int{}, map[string]int{}
	for _, qs := range quotesOf {
		for _, q := range qs {
			cues[q.Cue]++
			kinds[q.Kind]++
		}
	}
	tests := []struct {
		field string
		count map[string]int
		value func(search.Hit) string
	}{
		{"kind", kinds, func(h search.Hit) string { return h.Kind }},
		{"cue", cues, func(h search.Hit) string { return h.Cue }},
	}
	for _, tt := range tests {
		for v, n := range tt.count {
			if v == "" || strings.ContainsAny(v, ` "`) {
				continue
			}
			hits := all(search.Request{Mode: search.ModeQuotes, Q: tt.field + ":" + v})
			if len(hits) != n {
				t.Errorf("q=%s:%s: %d quotes, the articles have %d", tt.field, v, len(hits), n)
			}
			for _, h := range hits {
				if tt.value(h) != v {
					t.Errorf("q=%s:%s: hit %s has %s %q", tt.field, v, h.ID, tt.field, tt.value(h))
				}
			}
		}
	}
	if len(kinds) < 2 || len(cues) < 3 {
		t.Errorf("sample corpus has kinds %v and cues %v", kinds, cues)
	}
}

// allHits pages through every hit of req, oldest first.
func allHits(t *testing.T, e *search.Engine, req search.Request) []search.Hit {
	t.Helper()
	req.Size, req.Facets, req.Sort = 100, []search.FacetSpec{}, search.SortOldest
	var hits []search.Hit
	for {
		res, err := e.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		hits = append(hits, res.Hits...)
		if res.NextCursor == nil {
			return hits
		}
		req.Cursor = *res.NextCursor
	}
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

// TestSampleQuoteModeArticleFacets: in quote mode, a facet on a field of
// the article (its people, organisations, places, countries, source,
// language, authors) counts every quote of the articles that have the
// value, on the fast path and on the per-hit path. The counts are worked
// out from article mode: the articles a filter on the value finds, and
// each one's quotes.
func TestSampleQuoteModeArticleFacets(t *testing.T) {
	store := searchtest.SampleStore(t)
	ctx := context.Background()
	fast, perHit := enginePair(t, store)
	quotes := map[string]int{} // article id -> its quote documents
	for _, h := range allHits(t, fast, search.Request{}) {
		a, err := fast.Article(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range a.Quotes {
			if !q.Scare {
				quotes[h.ID]++
			}
		}
	}
	names := []string{"person", "org", "place", "country", "source", "lang", "authors"}
	var facets []search.FacetSpec
	for _, name := range names {
		facets = append(facets, search.FacetSpec{Name: name, Size: 500})
	}
	for _, tt := range []struct {
		engine string
		e      *search.Engine
	}{{"fast", fast}, {"per-hit", perHit}} {
		res, err := tt.e.Search(ctx, search.Request{Mode: search.ModeQuotes, Facets: facets, NoHits: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			art, err := fast.Search(ctx, search.Request{Facets: []search.FacetSpec{{Name: name, Size: 500}}, NoHits: true})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]int{}
			for _, fv := range art.Facets[name] {
				n := 0
				for _, h := range allHits(t, fast, search.Request{Filters: map[string][]string{name: {fv.Value}}}) {
					n += quotes[h.ID]
				}
				if n > 0 {
					want[fv.Value] = n
				}
			}
			got := map[string]int{}
			for _, fv := range res.Facets[name] {
				got[fv.Value] = fv.Count
			}
			if len(want) == 0 {
				t.Fatalf("%s: no article with a quote has a value of %s: a weak test", tt.engine, name)
			}
			if !maps.Equal(got, want) {
				t.Errorf("%s: quote-mode facet %s counts %d values, want %d; first differences: %s", tt.engine, name, len(got), len(want), firstDiffs(got, want, 3))
			}
		}
	}
}

// firstDiffs names up to n values whose counts differ between got and want.
func firstDiffs(got, want map[string]int, n int) string {
	keys := slices.Sorted(maps.Keys(want))
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	var out []string
	for _, k := range keys {
		if got[k] != want[k] && len(out) < n {
			out = append(out, fmt.Sprintf("%s %d (want %d)", k, got[k], want[k]))
		}
	}
	return strings.Join(out, ", ")
}

// TestSampleFacetCountsMatchFilters: in both modes, with and without a
// query, every facet value's count is the total that filtering on that value
// returns (in article mode with a query, the speaker facet too: the
// articles where that speaker's quote matches), and the histogram's buckets
// add up to the total.
func TestSampleFacetCountsMatchFilters(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	var facets []search.FacetSpec
	for _, name := range search.FilterNames {
		facets = append(facets, search.FacetSpec{Name: name, Size: 100})
	}
	queries := map[string][]string{
		// title: and body: exist on articles only: the speaker facet and
		// filter then count the articles quoting a speaker.
		search.ModeArticles: {"", "talks", `"foreign minister"`, "title:ceasefire", "danube body:minister"},
		search.ModeQuotes:   {"", "talks", `"foreign minister"`},
	}
	for _, mode := range []string{search.ModeArticles, search.ModeQuotes} {
		for _, q := range queries[mode] {
			base := search.Request{Mode: mode, Q: q, Facets: facets, Histogram: search.IntervalMonth, Size: 1}
			res, err := e.Search(ctx, base)
			if err != nil {
				t.Fatalf("%s %q: %v", mode, q, err)
			}
			if res.Total == 0 {
				t.Fatalf("%s %q: nothing found", mode, q)
			}
			sum := res.Histogram.Undated
			for _, b := range res.Histogram.Buckets {
				sum += b.Count
			}
			if sum != res.Total {
				t.Errorf("%s %q: histogram adds up to %d, total %d", mode, q, sum, res.Total)
			}
			values := 0
			for _, name := range search.FilterNames {
				for _, fv := range res.Facets[name] {
					values++
					req := base
					req.Facets, req.Histogram = []search.FacetSpec{}, ""
					req.Filters = map[string][]string{name: {fv.Value}}
					got, err := e.Search(ctx, req)
					if err != nil {
						t.Fatal(err)
					}
					if got.Total != fv.Count {
						t.Errorf("%s %q: facet %s=%s counts %d, filtering on it finds %d", mode, q, name, fv.Value, fv.Count, got.Total)
					}
					// Selected, with room for one value only: a selected value
					// beyond the top is counted on its own, the same way.
					sel := req
					sel.Facets = []search.FacetSpec{{Name: name, Size: 1}}
					one, err := e.Search(ctx, sel)
					if err != nil {
						t.Fatal(err)
					}
					if i := slices.IndexFunc(one.Facets[name], func(v search.FacetValue) bool { return v.Value == fv.Value }); i < 0 || !one.Facets[name][i].Selected || one.Facets[name][i].Count != fv.Count {
						t.Errorf("%s %q: %s=%s selected counts %+v, want %d", mode, q, name, fv.Value, one.Facets[name], fv.Count)
					}
					// The autocomplete endpoint counts the same way.
					prefix := strings.Fields(fv.Label)[0]
					ac, err := e.FacetValues(ctx, base, name, prefix, 100)
					if err != nil {
						t.Fatal(err)
					}
					i := slices.IndexFunc(ac.Values, func(v search.FacetValue) bool { return v.Value == fv.Value })
					if i < 0 || ac.Values[i].Count != fv.Count {
						t.Errorf("%s %q: facet values of %s for %q: %+v, want %s with %d", mode, q, name, prefix, ac.Values, fv.Value, fv.Count)
					}
				}
			}
			if values < 10 {
				t.Errorf("%s %q: only %d facet values", mode, q, values)
			}
		}
	}
}

// TestSampleArticlesAndQuotesAgree: the quotes an article shows are exactly
// the quote documents that quote mode finds for it, field by field, and the
// stats count what the searches find.
func TestSampleArticlesAndQuotesAgree(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	all := func(mode string) []search.Hit {
		req := search.Request{Mode: mode, Size: 100, Sort: search.SortOldest, Facets: []search.FacetSpec{}}
		var hits []search.Hit
		for {
			res, err := e.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			hits = append(hits, res.Hits...)
			if res.NextCursor == nil {
				return hits
			}
			req.Cursor = *res.NextCursor
		}
	}
	type quote struct {
		id, text, speaker, cue, kind string
		paragraph                    int
	}
	speakerID := func(s *search.Speaker) string {
		if s == nil {
			return ""
		}
		return s.ID
	}
	found := map[string][]quote{}
	quotes := all(search.ModeQuotes)
	for _, h := range quotes {
		found[h.ArticleID] = append(found[h.ArticleID], quote{h.ID, h.Text, speakerID(h.Speaker), h.Cue, h.Kind, h.Paragraph})
	}
	articles := all(search.ModeArticles)
	for _, h := range articles {
		a, err := e.Article(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		var shown []quote
		for _, q := range a.Quotes {
			if q.Scare != (q.ID == "") {
				t.Errorf("%s: quote %q scare %v with id %q: a scare quote has no id, every other quote one", h.ID, q.Text, q.Scare, q.ID)
			}
			if !q.Scare {
				shown = append(shown, quote{q.ID, q.Text, speakerID(q.Speaker), q.Cue, q.Kind, q.Paragraph})
			}
		}
		got := found[h.ID]
		slices.SortFunc(got, func(a, b quote) int { return strings.Compare(a.id, b.id) })
		slices.SortFunc(shown, func(a, b quote) int { return strings.Compare(a.id, b.id) })
		if !slices.Equal(got, shown) {
			t.Errorf("%s: quote mode finds %+v, the article shows %+v", h.ID, got, shown)
		}
		delete(found, h.ID)
	}
	if len(found) > 0 {
		t.Errorf("quotes of no article: %v", found)
	}
	st, err := e.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != len(articles) || st.Quotes != len(quotes) || st.Quotes < 200 {
		t.Errorf("stats count %d articles and %d quotes, searches find %d and %d", st.Articles, st.Quotes, len(articles), len(quotes))
	}
	res, err := e.Search(ctx, search.Request{Size: 1, Facets: []search.FacetSpec{{Name: "country", Size: 100}, {Name: "source", Size: 100}}})
	if err != nil {
		t.Fatal(err)
	}
	if st.Countries != len(res.Facets["country"]) || st.Sources != len(res.Facets["source"]) {
		t.Errorf("stats count %d countries and %d sources, facets list %d and %d", st.Countries, st.Sources, len(res.Facets["country"]), len(res.Facets["source"]))
	}
}

// TestSampleExportAllQuotes: exporting every quote of the sample corpus takes
// several pages and delivers each quote once, in the order paging gives.
func TestSampleExportAllQuotes(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	req := search.Request{Mode: search.ModeQuotes, Sort: search.SortNewest}
	var got []string
	pages := 0
	if err := e.Export(ctx, req, 0, func(r *search.Response) error {
		pages++
		for _, h := range r.Hits {
			got = append(got, h.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var paged []string
	req.Size, req.Facets = 100, []search.FacetSpec{}
	for {
		res, err := e.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			paged = append(paged, h.ID)
		}
		if res.NextCursor == nil {
			break
		}
		req.Cursor = *res.NextCursor
	}
	st, err := e.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if pages < 3 || len(got) != st.Quotes || !slices.Equal(got, paged) {
		t.Errorf("export: %d quotes in %d pages, stats %d, paging gives %d (same order: %v)", len(got), pages, st.Quotes, len(paged), slices.Equal(got, paged))
	}
}

// TestSampleSpeakerKinds: in quote mode speaker_kind selects exactly the
// quotes whose speaker is of that kind (as the article shows them); in
// article mode, the articles that quote at least one speaker of that kind;
// and the quote-mode facet counts what the filter finds.
func TestSampleSpeakerKinds(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	all := func(req search.Request) []search.Hit { t.Helper(); return allHits(t, e, req) }
	wantQuotes, wantArticles := map[string][]string{}, map[string][]string{}
	for _, h := range all(search.Request{}) {
		a, err := e.Article(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]bool{}
		for _, q := range a.Quotes {
			if q.Scare || q.Speaker == nil {
				continue
			}
			if q.Speaker.Kind == "" {
				t.Errorf("%s: speaker %s has no kind", q.ID, q.Speaker.ID)
			}
			wantQuotes[q.Speaker.Kind] = append(wantQuotes[q.Speaker.Kind], q.ID)
			kinds[q.Speaker.Kind] = true
		}
		for k := range kinds {
			wantArticles[k] = append(wantArticles[k], h.ID)
		}
	}
	facet, err := e.Search(ctx, search.Request{Mode: search.ModeQuotes, Facets: []search.FacetSpec{{Name: "speaker_kind", Size: 10}}, Size: 0})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, fv := range facet.Facets["speaker_kind"] {
		counts[fv.Value] = fv.Count
	}
	for _, kind := range []string{news.SpeakerPerson, news.SpeakerOrganization, news.SpeakerCountry} {
		if len(wantQuotes[kind]) == 0 {
			t.Errorf("the sample corpus has no quote of a %s speaker", kind)
			continue
		}
		filters := map[string][]string{"speaker_kind": {kind}}
		var got []string
		for _, h := range all(search.Request{Mode: search.ModeQuotes, Filters: filters}) {
			if h.Speaker == nil || h.Speaker.Kind != kind {
				t.Errorf("speaker_kind=%s: hit %s has speaker %+v", kind, h.ID, h.Speaker)
			}
			got = append(got, h.ID)
		}
		if !slices.Equal(sorted(got), sorted(wantQuotes[kind])) {
			t.Errorf("quote mode, speaker_kind=%s: %d quotes, want %d", kind, len(got), len(wantQuotes[kind]))
		}
		if counts[kind] != len(wantQuotes[kind]) {
			t.Errorf("quote-mode facet speaker_kind %s = %d, want %d", kind, counts[kind], len(wantQuotes[kind]))
		}
		got = got[:0]
		for _, h := range all(search.Request{Filters: filters}) {
			got = append(got, h.ID)
		}
		if !slices.Equal(sorted(got), sorted(wantArticles[kind])) {
			t.Errorf("article mode, speaker_kind=%s: %d articles, want %d", kind, len(got), len(wantArticles[kind]))
		}
	}
	// Other spellings of a kind find the same quotes.
	for typed, kind := range map[string]string{"Organisation": news.SpeakerOrganization, " org ": news.SpeakerOrganization,
		"government": news.SpeakerCountry, "PEOPLE": news.SpeakerPerson} {
		filters := map[string][]string{"speaker_kind": {typed}}
		res, err := e.Search(ctx, search.Request{Mode: search.ModeQuotes, Filters: filters, NoHits: true})
		if filters["speaker_kind"][0] != typed {
			t.Errorf("speaker_kind=%q: the caller's filters were rewritten to %q", typed, filters["speaker_kind"])
		}
		if err != nil {
			t.Errorf("speaker_kind=%q: %v", typed, err)
		} else if res.Total != len(wantQuotes[kind]) {
			t.Errorf("speaker_kind=%q: %d quotes, want %s's %d", typed, res.Total, kind, len(wantQuotes[kind]))
		}
	}
}

// TestSampleQuoteKind: the kinds direct, indirect, turn (the transcripts)
// and statement (the speeches) split quote mode (with and without q,
// filters and facets), and kind=all is no kind.
func TestSampleQuoteKind(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	for _, base := range []search.Request{
		{Mode: search.ModeQuotes},
		{Mode: search.ModeQuotes, Q: "talks"},
		{Mode: search.ModeQuotes, Filters: map[string][]string{"country": {"HR"}}},
	} {
		count := func(kind string) (int, map[string]int) {
			t.Helper()
			r := base
			r.Kind, r.Size = kind, 100
			r.Facets = []search.FacetSpec{{Name: "speaker", Size: 100}}
			res, err := e.Search(ctx, r)
			if err != nil {
				t.Fatalf("%+v kind %q: %v", base, kind, err)
			}
			for _, h := range res.Hits {
				if kind != "" && kind != search.KindAll && h.Kind != kind {
					t.Errorf("%+v kind %s: hit %s of kind %s", base, kind, h.ID, h.Kind)
				}
			}
			speakers := map[string]int{}
			for _, fv := range res.Facets["speaker"] {
				speakers[fv.Value] = fv.Count
			}
			return res.Total, speakers
		}
		all, allSp := count("")
		kinds := []string{news.KindDirect, news.KindIndirect, news.KindTurn, news.KindStatement}
		sum, byKind, spByKind := 0, map[string]int{}, map[string]map[string]int{}
		for _, k := range kinds {
			byKind[k], spByKind[k] = count(k)
			sum += byKind[k]
		}
		for _, k := range kinds {
			if byKind[k] == 0 {
				t.Errorf("%+v: no quote of kind %s", base, k)
			}
		}
		if sum != all {
			t.Errorf("%+v: %v, %d in all", base, byKind, all)
		}
		for sp, n := range allSp {
			if got := spByKind[news.KindDirect][sp] + spByKind[news.KindIndirect][sp] + spByKind[news.KindTurn][sp] + spByKind[news.KindStatement][sp]; got != n {
				t.Errorf("%+v: speaker %s: %d quotes of the four kinds, %d in all", base, sp, got, n)
			}
		}
		if n, _ := count(search.KindAll); n != all {
			t.Errorf("%+v: kind=all %d, no kind %d", base, n, all)
		}
	}
}

// TestSampleSuggestions: a misspelt word that finds (almost) nothing is
// answered with the corrected query, in the spelling the articles use, and
// what it finds; a word spelt right, a short word and a phrase of known
// words get none.
func TestSampleSuggestions(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	tests := []struct {
		q, mode, want string // want: the suggested q, "" for none
	}{
		{"ceasfire", "", "ceasefire"},
		{"ceasefrie", "", "ceasefire"},
		{"negotations", "", "negotiations"},
		{"sanctons", "", "sanctions"},
		{"goverment", "", "government"},
		{"delegtion", "", "delegation"},
		{"minsiter", "", "minister"},
		{"parliment", "", "parliament"},
		{"ceasfire talks", "", "ceasefire talks"},
		{`"foriegn minister"`, "", `"foreign minister"`},
		{"Ceasfire", search.ModeQuotes, "ceasefire"},
		{"ceasefire", "", ""},   // found: nothing to correct
		{"talks", "", ""},       // found
		{"xqzvt", "", ""},       // too short, and nothing near
		{"zeppelinium", "", ""}, // nothing within reach
	}
	for _, tt := range tests {
		res, err := e.Search(ctx, search.Request{Q: tt.q, Mode: tt.mode, Facets: []search.FacetSpec{}})
		if err != nil {
			t.Fatalf("%s: %v", tt.q, err)
		}
		got := ""
		if res.Suggestion != nil {
			got = res.Suggestion.Q
			fixed, err := e.Search(ctx, search.Request{Q: got, Mode: tt.mode, Facets: []search.FacetSpec{}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Suggestion.Total != fixed.Total || fixed.Total <= res.Total {
				t.Errorf("%s: suggestion %q says %d, finds %d (the typo %d)", tt.q, got, res.Suggestion.Total, fixed.Total, res.Total)
			}
		}
		if got != tt.want {
			t.Errorf("q=%s: suggestion %q, want %q (found %d)", tt.q, got, tt.want, res.Total)
		}
	}
	// The count of a suggestion keeps the kind of quotes asked for.
	for _, kind := range []string{news.KindDirect, news.KindIndirect} {
		res, err := e.Search(ctx, search.Request{Q: "ceasfire", Mode: search.ModeQuotes, Kind: kind, Facets: []search.FacetSpec{}})
		if err != nil {
			t.Fatal(err)
		}
		fixed, err := e.Search(ctx, search.Request{Q: "ceasefire", Mode: search.ModeQuotes, Kind: kind, Facets: []search.FacetSpec{}})
		if err != nil {
			t.Fatal(err)
		}
		if fixed.Total > 0 && (res.Suggestion == nil || res.Suggestion.Total != fixed.Total) {
			t.Errorf("kind=%s: suggestion %+v, the corrected search finds %d", kind, res.Suggestion, fixed.Total)
		}
	}
}

// TestSampleSpeakerCountries: speaker_country selects the quotes whose
// speaker speaks for that country (as the article view says), in quote
// mode; the articles quoting such a speaker in article mode; a country's
// name resolves like its code; the facet counts what the filter finds; and
// "what did X say about Y, year by year" answers with a split histogram.
func TestSampleSpeakerCountries(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	total := func(r search.Request) int {
		t.Helper()
		r.NoHits, r.Facets = true, []search.FacetSpec{}
		res, err := e.Search(ctx, r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		return res.Total
	}
	wantQuotes, wantArticles := map[string]int{}, map[string]int{}
	var ids []string
	for _, h := range allHits(t, e, search.Request{}) {
		ids = append(ids, h.ID)
	}
	for _, id := range ids {
		a, err := e.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, q := range a.Quotes {
			if q.Scare || q.Speaker == nil || q.Speaker.Country == "" {
				continue
			}
			wantQuotes[q.Speaker.Country]++
			if !seen[q.Speaker.Country] {
				seen[q.Speaker.Country] = true
				wantArticles[q.Speaker.Country]++
			}
		}
	}
	if len(wantQuotes) < 3 {
		t.Fatalf("speakers of only %d countries in the sample corpus", len(wantQuotes))
	}
	facet, err := e.Search(ctx, search.Request{Mode: search.ModeQuotes, NoHits: true, Facets: []search.FacetSpec{{Name: "speaker_country", Size: 100}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(facet.Facets["speaker_country"]) != len(wantQuotes) {
		t.Errorf("facet has %d countries, the articles %d", len(facet.Facets["speaker_country"]), len(wantQuotes))
	}
	for _, fv := range facet.Facets["speaker_country"] {
		c := fv.Value
		f := map[string][]string{"speaker_country": {c}}
		if got := total(search.Request{Mode: search.ModeQuotes, Filters: f}); got != wantQuotes[c] || fv.Count != got {
			t.Errorf("speaker_country=%s: %d quotes (facet %d), the articles show %d", c, got, fv.Count, wantQuotes[c])
		}
		if got := total(search.Request{Filters: f}); got != wantArticles[c] {
			t.Errorf("articles, speaker_country=%s: %d, want %d", c, got, wantArticles[c])
		}
		if fv.Label == c {
			t.Errorf("speaker_country %s has no name", c)
		}
		byName := map[string][]string{"speaker_country": {fv.Label}}
		if got := total(search.Request{Mode: search.ModeQuotes, Filters: byName}); got != wantQuotes[c] {
			t.Errorf("speaker_country=%s (by name): %d quotes, want %d", fv.Label, got, wantQuotes[c])
		}
	}
	top := facet.Facets["speaker_country"][0]
	res, err := e.Search(ctx, search.Request{Mode: search.ModeQuotes, Filters: map[string][]string{"speaker_country": {top.Value}},
		Histogram: search.IntervalYear, Split: search.FacetSpec{Name: "speaker", Size: 3}, NoHits: true, Facets: []search.FacetSpec{}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Histogram == nil || len(res.Histogram.Buckets) == 0 || len(res.Histogram.Series) == 0 {
		t.Fatalf("speaker_country=%s by year, split by speaker: %+v", top.Value, res.Histogram)
	}
}

// TestSampleQuoteSpread: Goran Vuković's dredger remark, reported by three
// publishers on Jan 12, 14 and 21, 2022, has the same spread from any of
// its copies: three copies, first the wire story, last the Meridian Daily.
func TestSampleQuoteSpread(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	copies := map[string]string{} // article id -> quote id
	for _, aid := range []string{"rw-2022-01-12-danube-dredging", "cd-2022-01-14-dredger-remark", "mer-2022-01-21-danube-barges-wait"} {
		a, err := e.Article(ctx, aid)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range a.Quotes {
			if strings.HasPrefix(q.Text, "Nobody in Zagreb should mistake a dredger") {
				copies[aid] = q.ID
			}
		}
		if copies[aid] == "" {
			t.Fatalf("%s: the dredger remark is not a quote of it", aid)
		}
	}
	for aid, qid := range copies {
		sp, err := e.QuoteSpread(ctx, qid)
		if err != nil {
			t.Fatalf("%s: %v", qid, err)
		}
		if sp.Count != 3 || sp.First == nil || sp.First.ArticleID != "rw-2022-01-12-danube-dredging" ||
			sp.Last == nil || sp.Last.ArticleID != "mer-2022-01-21-danube-barges-wait" {
			t.Errorf("spread from %s: count %d, first %+v, last %+v", aid, sp.Count, sp.First, sp.Last)
		}
		if len(sp.Sources) != 3 || sp.Histogram == nil || len(sp.Histogram.Buckets) == 0 {
			t.Errorf("spread from %s: sources %+v, histogram %+v", aid, sp.Sources, sp.Histogram)
		}
		if sp.Quote.ID != qid || sp.Quote.Speaker == nil || sp.Quote.Speaker.ID != "goran-vukovic" {
			t.Errorf("spread from %s: quote %+v", aid, sp.Quote)
		}
	}
	for _, bad := range []string{"rw-2022-01-12-danube-dredging#q99", "no-such-article#q1", "not-a-quote-id"} {
		if _, err := e.QuoteSpread(ctx, bad); !errors.Is(err, search.ErrNotFound) {
			t.Errorf("QuoteSpread(%q) = %v, want ErrNotFound", bad, err)
		}
	}
}
