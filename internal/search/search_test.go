package search_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

func newEngine(t *testing.T) *search.Engine {
	t.Helper()
	e := search.New(nil, nil, search.Options{}, nil)
	e.Serve(searchtest.Generation(t, "gen-000001", searchtest.Fixture()), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	return e
}

func ids(r *search.Response) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID
	}
	return out
}

func TestSpeakerSemantics(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		name    string
		speaker string
		q       string
		want    []string
	}{
		{"speaker says the words", "anna-kovac", "de-escalation", []string{"k1"}},
		{"other speaker in the same article does not count", "boris-lind", "de-escalation", []string{"l1"}},
		{"speaker by name", "Boris Lind", "de-escalation", []string{"l1"}},
		{"speaker by surname", "lind", "de-escalation", []string{"l1"}},
		{"speaker without q: every article quoting them", "boris-lind", "", []string{"k1", "l1"}},
		{"narration does not count", "chidi-okafor", "de-escalation", []string{}},
		{"two speakers OR", "anna-kovac", "de-escalation", []string{"k1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := e.Search(context.Background(), search.Request{
				Q: tt.q, Filters: map[string][]string{"speaker": {tt.speaker}}, Sort: search.SortOldest, Facets: []search.FacetSpec{},
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(res); !slices.Equal(got, tt.want) {
				t.Fatalf("hits = %v, want %v", got, tt.want)
			}
			if res.Total != len(tt.want) {
				t.Errorf("total = %d, want %d", res.Total, len(tt.want))
			}
			for _, h := range res.Hits {
				if len(h.Quotes) == 0 {
					t.Errorf("%s: no quotes attached", h.ID)
				}
				for _, q := range h.Quotes {
					if q.Speaker == nil || !slices.Contains([]string{"anna-kovac", "boris-lind", "chidi-okafor"}, q.Speaker.ID) {
						t.Errorf("%s: quote %s has speaker %v", h.ID, q.ID, q.Speaker)
					}
				}
			}
		})
	}
}

func TestSpeakerSemanticsQuotesBySpeakerOnly(t *testing.T) {
	e := newEngine(t)
	res, err := e.Search(context.Background(), search.Request{
		Q: "de-escalation", Filters: map[string][]string{"speaker": {"anna-kovac"}}, Highlight: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || len(res.Hits[0].Quotes) != 1 {
		t.Fatalf("hits = %+v", res.Hits)
	}
	q := res.Hits[0].Quotes[0]
	if q.Speaker.ID != "anna-kovac" || q.ID != "k1#q1" {
		t.Errorf("quote = %+v", q)
	}
	if want := "<mark>de-escalation</mark>"; !contains(q.Highlighted, "<mark>de</mark>") && !contains(q.Highlighted, want) && !contains(q.Highlighted, "<mark>escalation</mark>") {
		t.Errorf("highlighted = %q, want a <mark>", q.Highlighted)
	}
}

func contains(s, sub string) bool {
	return len(sub) > 0 && len(s) >= len(sub) && (func() bool { return indexOf(s, sub) >= 0 })()
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestPagingNoDuplicatesNoGaps(t *testing.T) {
	e := newEngine(t)
	for _, sort := range []string{search.SortRelevance, search.SortNewest, search.SortOldest} {
		for _, q := range []string{"", "grain"} {
			for _, size := range []int{1, 7} {
				t.Run(fmt.Sprintf("%s/q=%s/size=%d", sort, q, size), func(t *testing.T) {
					base := search.Request{Q: q, Sort: sort, Facets: []search.FacetSpec{}, Size: 100}
					all, err := e.Search(context.Background(), base)
					if err != nil {
						t.Fatal(err)
					}
					want := ids(all)
					var got []string
					req := base
					req.Size = size
					for page := 0; ; page++ {
						if page > 100 {
							t.Fatal("too many pages")
						}
						res, err := e.Search(context.Background(), req)
						if err != nil {
							t.Fatalf("page %d: %v", page, err)
						}
						if res.Total != all.Total {
							t.Fatalf("page %d: total %d, want %d", page, res.Total, all.Total)
						}
						got = append(got, ids(res)...)
						if res.NextCursor == nil {
							break
						}
						req.Cursor = *res.NextCursor
					}
					if !slices.Equal(got, want) {
						t.Fatalf("paged %v\nwant   %v", got, want)
					}
				})
			}
		}
	}
}

func TestSortUndatedLast(t *testing.T) {
	e := newEngine(t)
	for _, sort := range []string{search.SortNewest, search.SortOldest} {
		res, err := e.Search(context.Background(), search.Request{Sort: sort, Size: 100, Facets: []search.FacetSpec{}})
		if err != nil {
			t.Fatal(err)
		}
		n := len(res.Hits)
		if n < 3 {
			t.Fatalf("%s: %d hits", sort, n)
		}
		if got := ids(res)[n-2:]; !slices.Equal(got, []string{"u1", "u2"}) {
			t.Errorf("%s: last = %v, want undated u1, u2", sort, got)
		}
		for i := 1; i < n-2; i++ {
			a, b := res.Hits[i-1].Published, res.Hits[i].Published
			if sort == search.SortNewest && a.Before(b) || sort == search.SortOldest && a.After(b) {
				t.Errorf("%s: %s (%v) before %s (%v)", sort, res.Hits[i-1].ID, a, res.Hits[i].ID, b)
			}
			if a.Equal(b) && res.Hits[i-1].ID > res.Hits[i].ID {
				t.Errorf("%s: tie not broken by id: %s before %s", sort, res.Hits[i-1].ID, res.Hits[i].ID)
			}
		}
	}
}

func TestDisjunctiveFacets(t *testing.T) {
	e := newEngine(t)
	ctx := context.Background()
	facets := []search.FacetSpec{{Name: "source", Size: 10}, {Name: "country", Size: 10}}
	none, err := e.Search(ctx, search.Request{Facets: facets})
	if err != nil {
		t.Fatal(err)
	}
	sel, err := e.Search(ctx, search.Request{Facets: facets, Filters: map[string][]string{"source": {"Wire C"}}})
	if err != nil {
		t.Fatal(err)
	}
	count := func(r *search.Response, facet, v string) (int, bool) {
		for _, fv := range r.Facets[facet] {
			if fv.Value == v {
				return fv.Count, fv.Selected
			}
		}
		return 0, false
	}
	// The source facet keeps its counts under its own selection.
	for _, src := range []string{"Wire A", "Wire B", "Wire C", "Archive"} {
		a, _ := count(none, "source", src)
		b, selected := count(sel, "source", src)
		if a == 0 || a != b {
			t.Errorf("source %q: %d unfiltered, %d with source selected", src, a, b)
		}
		if selected != (src == "Wire C") {
			t.Errorf("source %q: selected = %v", src, selected)
		}
	}
	// Other facets narrow to the selection.
	wireC, _ := count(none, "source", "Wire C")
	if sel.Total != wireC {
		t.Errorf("total %d, want %d", sel.Total, wireC)
	}
	ua, _ := count(sel, "country", "UA")
	if ua != wireC {
		t.Errorf("country UA under source=Wire C: %d, want %d", ua, wireC)
	}
	for _, fv := range sel.Facets["country"] {
		if fv.Value == "UA" && fv.Label != "Ukraine" {
			t.Errorf("label of UA = %q", fv.Label)
		}
	}
}

func TestFiltersANDAcrossORWithin(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		filters map[string][]string
		want    []string
	}{
		{map[string][]string{"source": {"Archive"}}, []string{"u1", "u2"}},
		{map[string][]string{"source": {"Archive", "Wire B"}}, []string{"l1", "u1", "u2"}},
		{map[string][]string{"source": {"Archive"}, "country": {"RU"}}, []string{"u1"}},
		{map[string][]string{"country": {"Russia"}}, []string{"k1", "u1"}},
		{map[string][]string{"person": {"Anna Kovač"}}, []string{"k1"}},
		{map[string][]string{"person": {"anna kovac"}}, []string{"k1"}},
		{map[string][]string{"lang": {"en"}, "source": {"Wire B"}}, []string{"l1"}},
		{map[string][]string{"source": {"Nobody"}}, []string{}},
	}
	for _, tt := range tests {
		res, err := e.Search(context.Background(), search.Request{Filters: tt.filters, Sort: search.SortOldest, Size: 100})
		if err != nil {
			t.Fatal(err)
		}
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%v: %v, want %v", tt.filters, got, tt.want)
		}
	}
}

func TestDateRange(t *testing.T) {
	e := newEngine(t)
	res, err := e.Search(context.Background(), search.Request{
		From: time.Date(2022, 2, 16, 0, 0, 0, 0, time.UTC), To: time.Date(2022, 3, 3, 0, 0, 0, 0, time.UTC), Sort: search.SortOldest,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res); !slices.Equal(got, []string{"l1", "n1"}) {
		t.Errorf("hits = %v", got)
	}
}

func TestHistogram(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		interval, wantInterval string
		q                      string
		from, to               time.Time
		firstStart             string
	}{
		{search.IntervalMonth, "month", "", time.Time{}, time.Time{}, "2022-02-01"},
		{search.IntervalYear, "year", "", time.Time{}, time.Time{}, "2022-01-01"},
		{search.IntervalWeek, "week", "", time.Time{}, time.Time{}, "2022-02-14"},
		{search.IntervalDay, "day", "", time.Time{}, time.Time{}, "2022-02-15"},
		{search.IntervalAuto, "week", "", time.Time{}, time.Time{}, "2022-02-14"}, // 56 weeks
		{search.IntervalAuto, "day", "", time.Time{}, time.Date(2022, 3, 10, 0, 0, 0, 0, time.UTC), "2022-02-15"},
		{search.IntervalAuto, "week", "", time.Time{}, time.Date(2022, 6, 10, 0, 0, 0, 0, time.UTC), "2022-02-14"},
		{search.IntervalAuto, "day", "grain", time.Time{}, time.Date(2022, 3, 10, 0, 0, 0, 0, time.UTC), "2022-03-02"},
	}
	for _, tt := range tests {
		t.Run(tt.interval+"/"+tt.wantInterval, func(t *testing.T) {
			res, err := e.Search(context.Background(), search.Request{Q: tt.q, Histogram: tt.interval, From: tt.from, To: tt.to, Size: 1})
			if err != nil {
				t.Fatal(err)
			}
			h := res.Histogram
			if h == nil || h.Interval != tt.wantInterval {
				t.Fatalf("histogram = %+v", h)
			}
			if h.Buckets[0].Start != tt.firstStart {
				t.Errorf("first bucket %s, want %s", h.Buckets[0].Start, tt.firstStart)
			}
			sum := 0
			for i, b := range h.Buckets {
				sum += b.Count
				if i > 0 && b.Start <= h.Buckets[i-1].Start {
					t.Errorf("buckets out of order at %d", i)
				}
			}
			if sum+h.Undated != res.Total {
				t.Errorf("buckets sum %d + undated %d != total %d", sum, h.Undated, res.Total)
			}
			if tt.from.IsZero() && tt.to.IsZero() && h.Undated != 2 {
				t.Errorf("undated = %d, want 2", h.Undated)
			}
			if tt.wantInterval == "day" && tt.q == "" && len(h.Buckets) < 15 {
				t.Errorf("day buckets not filled: %d", len(h.Buckets))
			}
		})
	}
}

func TestErrors(t *testing.T) {
	e := newEngine(t)
	long := make([]byte, 2000)
	for i := range long {
		long[i] = 'a'
	}
	tests := []struct {
		name  string
		req   search.Request
		param string
		limit bool
	}{
		{"size too large", search.Request{Size: 101}, "size", true},
		{"negative size", search.Request{Size: -1}, "size", false},
		{"q too long", search.Request{Q: string(long)}, "q", true},
		{"bad mode", search.Request{Mode: "x"}, "mode", false},
		{"bad sort", search.Request{Sort: "x"}, "sort", false},
		{"bad facet", search.Request{Facets: []search.FacetSpec{{Name: "nope"}}}, "facets", false},
		{"facet too large", search.Request{Facets: []search.FacetSpec{{Name: "org", Size: 1000}}}, "facets", true},
		{"bad histogram", search.Request{Histogram: "hour"}, "histogram", false},
		{"split without histogram", search.Request{Split: search.FacetSpec{Name: "country"}}, "split", false},
		{"bad split", search.Request{Histogram: "month", Split: search.FacetSpec{Name: "colour"}}, "split", false},
		{"split too large", search.Request{Histogram: "month", Split: search.FacetSpec{Name: "country", Size: 11}}, "split", true},
		{"too many selected to split", search.Request{Histogram: "month", Split: search.FacetSpec{Name: "source"},
			Filters: map[string][]string{"source": {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}}}, "split", true},
		{"bad cursor", search.Request{Cursor: "!!"}, "cursor", false},
		{"bad filter", search.Request{Filters: map[string][]string{"colour": {"x"}}}, "colour", false},
		{"unknown speaker kind", search.Request{Filters: map[string][]string{"speaker_kind": {"person", "robot"}}}, "speaker_kind", false},
		{"to before from", search.Request{From: time.Date(2022, 2, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)}, "to", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Search(context.Background(), tt.req)
			var pe *search.ParamError
			var le *search.LimitError
			switch {
			case tt.limit && errors.As(err, &le):
				if le.Param != tt.param || le.Limit == 0 {
					t.Errorf("limit error %+v", le)
				}
			case !tt.limit && errors.As(err, &pe):
				if pe.Param != tt.param {
					t.Errorf("param = %q, want %q", pe.Param, tt.param)
				}
			default:
				t.Errorf("err = %v (%T)", err, err)
			}
		})
	}
	// Syntax error with a position.
	_, err := e.Search(context.Background(), search.Request{Q: `"unclosed`})
	var qe *search.QueryError
	if !errors.As(err, &qe) {
		t.Fatalf("err = %v, want *QueryError", err)
	}
}

func TestCursorOfOtherQueryRejected(t *testing.T) {
	e := newEngine(t)
	res, err := e.Search(context.Background(), search.Request{Q: "grain", Size: 2})
	if err != nil || res.NextCursor == nil {
		t.Fatalf("res=%v err=%v", res, err)
	}
	for _, req := range []search.Request{
		{Q: "grain", Sort: search.SortNewest, Cursor: *res.NextCursor},
		{Q: "ships", Cursor: *res.NextCursor},
		{Q: "grain", Filters: map[string][]string{"source": {"Wire A"}}, Cursor: *res.NextCursor},
	} {
		_, err := e.Search(context.Background(), req)
		var pe *search.ParamError
		if !errors.As(err, &pe) || pe.Param != "cursor" {
			t.Errorf("%+v: err = %v", req, err)
		}
	}
}

func TestPageDepthLimit(t *testing.T) {
	e := search.New(nil, nil, search.Options{MaxPageDepth: 5}, nil)
	e.Serve(searchtest.Generation(t, "gen-000001", searchtest.Fixture()), 0)
	defer e.Close(context.Background())
	req := search.Request{Size: 3, Sort: search.SortOldest}
	var err error
	for range 5 {
		var res *search.Response
		res, err = e.Search(context.Background(), req)
		if err != nil {
			break
		}
		req.Cursor = *res.NextCursor
	}
	var le *search.LimitError
	if !errors.As(err, &le) || le.Param != "cursor" || le.Limit != 5 {
		t.Fatalf("err = %v", err)
	}
}

func TestQuoteMode(t *testing.T) {
	e := newEngine(t)
	res, err := e.Search(context.Background(), search.Request{Mode: search.ModeQuotes, Q: "de-escalation", Highlight: true, Sort: search.SortOldest})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res); !slices.Equal(got, []string{"k1#q1", "l1#q1"}) {
		t.Fatalf("hits = %v", got)
	}
	h := res.Hits[0]
	if h.Type != "quote" || h.ArticleID != "k1" || h.Title != "Ministers meet in Geneva" || h.Speaker == nil || h.Speaker.Name != "Anna Kovač" || h.Cue != "said" || h.Kind != "direct" {
		t.Errorf("hit = %+v %+v", h, h.QuoteFields)
	}
	if indexOf(h.Highlighted, "<mark>") < 0 {
		t.Errorf("highlighted = %q", h.Highlighted)
	}
	sp, err := e.Search(context.Background(), search.Request{Mode: search.ModeQuotes, Filters: map[string][]string{"speaker": {"boris-lind"}}, Sort: search.SortOldest})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(sp); !slices.Equal(got, []string{"k1#q2", "l1#q1"}) {
		t.Errorf("speaker quotes = %v", got)
	}
}

// TestSwapDuringSearches swaps generations while searches run: none fails,
// and every old generation is closed.
func TestSwapDuringSearches(t *testing.T) {
	e := search.New(nil, nil, search.Options{}, nil)
	e.Serve(searchtest.Generation(t, "gen-000001", searchtest.Fixture()), 0)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 100)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := e.Search(context.Background(), search.Request{Q: "grain", Histogram: "auto"}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := 2; i <= 6; i++ {
		time.Sleep(20 * time.Millisecond)
		e.Serve(searchtest.Generation(t, fmt.Sprintf("gen-%06d", i), searchtest.Fixture()), 0)
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("search failed during swap: %v", err)
	}
	if name, _, _ := e.Current(); name != "gen-000006" {
		t.Errorf("current = %s", name)
	}
	if err := e.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Search(context.Background(), search.Request{}); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("after close: %v", err)
	}
}

// TestSpeakerFacetMatchesSelection: with q in article mode, selecting a
// value of the speaker facet yields as many articles as it counted.
func TestSpeakerFacetMatchesSelection(t *testing.T) {
	e := newEngine(t)
	ctx := context.Background()
	for _, q := range []string{"de-escalation", "grain", "talks OR sail"} {
		res, err := e.Search(ctx, search.Request{Q: q, Facets: []search.FacetSpec{{Name: "speaker", Size: 10}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, fv := range res.Facets["speaker"] {
			sel, err := e.Search(ctx, search.Request{Q: q, Filters: map[string][]string{"speaker": {fv.Value}}})
			if err != nil {
				t.Fatal(err)
			}
			if sel.Total == 0 || sel.Total != fv.Count {
				t.Errorf("q=%s speaker %s: facet count %d, selection gives %d", q, fv.Value, fv.Count, sel.Total)
			}
		}
	}
	res, err := e.Search(ctx, search.Request{Q: "de-escalation", Facets: []search.FacetSpec{{Name: "speaker"}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, fv := range res.Facets["speaker"] {
		got = append(got, fv.Value)
	}
	if !slices.Equal(got, []string{"anna-kovac", "boris-lind"}) {
		t.Errorf("speakers of de-escalation = %v (Okafor only narrates around it)", got)
	}
}
