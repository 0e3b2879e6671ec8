package search_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/search"
)

// spanMapping reads speeches whose ids give the year and the speaking
// country's alpha-3 code, as the UN General Debate corpus does.
const spanMapping = `
inputs:
  - match: "speeches.jsonl"
    fields: {body: text}
    date: {from: id, pattern: '-(\d{4})$', precision: year}
    speaker:
      country: {from: id, pattern: '^un-([A-Z]{3})-'}
    constants: {source: Debates}
`

// spanStore builds speeches dated by their year (through spanMapping) and
// news dated by a day, a month or not at all.
func spanStore(t *testing.T) *index.Store {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"speeches.jsonl": `{"id":"un-CHN-2013","title":"China 2013","text":"China calls for de-escalation in the region."}
{"id":"un-CHN-2014","title":"China 2014","text":"We again urge de-escalation and dialogue."}
{"id":"un-CHN-2016","title":"China 2016","text":"Development is the key to peace."}
{"id":"un-FRA-2014","title":"France 2014","text":"France supports de-escalation in Ukraine."}
{"id":"un-USA-2015","title":"United States 2015","text":"The ceasefire must hold."}
`,
		"news.jsonl": `{"id":"n-day","title":"Talks","body":"Diplomats discussed de-escalation.","published":"2014-03-05T10:00:00Z"}
{"id":"n-day2","title":"Summer","body":"A quiet summer.","published":"2015-07-01"}
{"id":"n-month","title":"A month","body":"Reports of the month.","published":"2014-11"}
{"id":"n-undated","title":"Undated","body":"No date at all."}
`,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := ingest.ParseMapping(strings.NewReader(spanMapping))
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := index.OpenStore(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.Build(context.Background(), index.BuildOptions{
		Inputs:    []ingest.Input{ingest.OSInput(filepath.Join(dir, "news.jsonl")), ingest.OSInput(filepath.Join(dir, "speeches.jsonl"))},
		Ingest:    ingest.Options{Mapping: m, Strict: true},
		Extractor: x, Workers: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	gens, err := s.Generations()
	if err != nil || len(gens) != 1 || !gens[0].Meta.DateSpans || gens[0].Meta.Articles != 9 {
		t.Fatalf("generations %+v, %v (summary %+v): want one of 9 articles with date spans", gens, err, sum)
	}
	return s
}

// TestDateSpans: year and month dates in the histogram, in date filters
// (by overlap), in sorting and in hits, the same on the fast path and the
// per-hit path.
func TestDateSpans(t *testing.T) {
	fast, perHit := enginePair(t, spanStore(t))
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	type bucket = search.Bucket
	tests := []struct {
		name      string
		req       search.Request
		total     int
		ids       []string // the hits, in order (nil: not checked)
		buckets   []bucket // nil: not checked
		undated   int
		imprecise int
	}{
		{name: "years", req: search.Request{Histogram: "year", Sort: search.SortNewest},
			total: 9, ids: []string{"un-CHN-2016", "n-day2", "un-USA-2015", "n-month", "n-day", "un-CHN-2014", "un-FRA-2014", "un-CHN-2013", "n-undated"},
			buckets: []bucket{{Start: "2013-01-01", Count: 1}, {Start: "2014-01-01", Count: 4}, {Start: "2015-01-01", Count: 2}, {Start: "2016-01-01", Count: 1}},
			undated: 1},
		{name: "months: years in January, flagged", req: search.Request{Histogram: "month", From: day("2014-01-01"), To: day("2015-01-01")},
			total: 4, imprecise: 2,
			buckets: []bucket{{Start: "2014-01-01", Count: 2}, {Start: "2014-02-01", Count: 0}, {Start: "2014-03-01", Count: 1},
				{Start: "2014-04-01"}, {Start: "2014-05-01"}, {Start: "2014-06-01"}, {Start: "2014-07-01"}, {Start: "2014-08-01"},
				{Start: "2014-09-01"}, {Start: "2014-10-01"}, {Start: "2014-11-01", Count: 1}}},
		{name: "days: months flagged too", req: search.Request{Histogram: "day", Q: "month OR china"}, total: 4, imprecise: 4},
		{name: "from overlaps a year", req: search.Request{From: day("2014-06-01"), Sort: search.SortOldest},
			total: 6, ids: []string{"un-CHN-2014", "un-FRA-2014", "n-month", "un-USA-2015", "n-day2", "un-CHN-2016"}},
		{name: "a month inside a year", req: search.Request{From: day("2014-06-01"), To: day("2014-07-01"), Sort: search.SortOldest},
			total: 2, ids: []string{"un-CHN-2014", "un-FRA-2014"}},
		{name: "a day inside a month", req: search.Request{From: day("2014-11-15"), To: day("2014-11-16"), Sort: search.SortOldest},
			total: 3, ids: []string{"un-CHN-2014", "un-FRA-2014", "n-month"}},
		{name: "not whole days", req: search.Request{From: day("2014-11-15").Add(3 * time.Hour), To: day("2015-01-01").Add(time.Hour), Sort: search.SortOldest},
			total: 4, ids: []string{"un-CHN-2014", "un-FRA-2014", "n-month", "un-USA-2015"}},
		{name: "to before a year", req: search.Request{To: day("2014-01-01"), Sort: search.SortOldest}, total: 1, ids: []string{"un-CHN-2013"}},
		{name: "speaking country by year", req: search.Request{Mode: search.ModeQuotes, Q: "de-escalation", Histogram: "year",
			Filters: map[string][]string{"speaker_country": {"CN"}}, Sort: search.SortOldest},
			total: 2, ids: []string{"un-CHN-2013#q1", "un-CHN-2014#q1"},
			buckets: []bucket{{Start: "2013-01-01", Count: 1}, {Start: "2014-01-01", Count: 1}}},
		{name: "quotes from 2014", req: search.Request{Mode: search.ModeQuotes, Q: "de-escalation", From: day("2014-01-01"), Sort: search.SortOldest},
			total: 2, ids: []string{"un-CHN-2014#q1", "un-FRA-2014#q1"}},
	}
	reqs := map[string]search.Request{}
	for _, tt := range tests {
		reqs[tt.name] = tt.req
		t.Run(tt.name, func(t *testing.T) {
			res, err := fast.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
				want := ""
				if strings.HasPrefix(h.ID, "un-") {
					want = "year"
				} else if h.ID == "n-month" {
					want = "month"
				}
				if h.DatePrecision != want {
					t.Errorf("hit %s: date_precision %q, want %q", h.ID, h.DatePrecision, want)
				}
			}
			if res.Total != tt.total || (tt.ids != nil && !slices.Equal(ids, tt.ids)) {
				t.Errorf("total %d, hits %v; want %d, %v", res.Total, ids, tt.total, tt.ids)
			}
			if h := res.Histogram; h != nil {
				if (tt.buckets != nil && !slices.Equal(h.Buckets, tt.buckets)) || h.Undated != tt.undated || h.Imprecise != tt.imprecise {
					t.Errorf("histogram %+v, want buckets %v, undated %d, imprecise %d", h, tt.buckets, tt.undated, tt.imprecise)
				}
			}
		})
	}
	for _, iv := range []string{"day", "week", "month", "year", "auto"} {
		reqs["split "+iv] = search.Request{Histogram: iv, Split: search.FacetSpec{Name: "speaker_country"}}
	}
	assertEquivalent(t, fast, perHit, reqs)

	a, err := fast.Article(context.Background(), "un-FRA-2014")
	if err != nil || a.DatePrecision != "year" || !a.Published.Equal(day("2014-01-01")) {
		t.Errorf("article %+v, %v: want a year date, 2014", a, err)
	}
}
