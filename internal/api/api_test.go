package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// newServer serves the fixture generation through the real router.
func newServer(t testing.TB, opts api.Options) (*api.Server, *search.Engine) {
	t.Helper()
	e := search.New(nil, nil, search.Options{}, nil)
	e.Serve(searchtest.Generation(t, "gen-000001", searchtest.Fixture()), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	return api.New(e, opts, nil), e
}

type errorBody struct {
	Error struct {
		Code     string `json:"code"`
		Message  string `json:"message"`
		Param    string `json:"param"`
		Position *int   `json:"position"`
	} `json:"error"`
}

// do runs one request and decodes the JSON answer into out (when not nil).
func do(t *testing.T, h http.Handler, method, target string, body io.Reader, hdr map[string]string, out any) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if out != nil {
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Fatalf("%s %s: content type %q, body %s", method, target, ct, rec.Body)
		}
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			t.Fatalf("%s %s: decode %q: %v", method, target, rec.Body, err)
		}
	}
	return rec
}

func get(t *testing.T, h http.Handler, target string, out any) int {
	t.Helper()
	return do(t, h, http.MethodGet, target, nil, nil, out).Code
}

func hitIDs(r search.Response) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID
	}
	return out
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

func TestHealthAndReady(t *testing.T) {
	e := search.New(nil, nil, search.Options{}, nil)
	defer e.Close(context.Background())
	s := api.New(e, api.Options{}, nil)
	var eb errorBody
	if code := get(t, s, "/healthz", nil); code != 200 {
		t.Errorf("healthz = %d", code)
	}
	if code := get(t, s, "/readyz", &eb); code != 503 || eb.Error.Code != "unavailable" {
		t.Errorf("readyz before load = %d %+v", code, eb)
	}
	if code := get(t, s, "/api/v1/search?q=grain", &eb); code != 503 || eb.Error.Code != "unavailable" {
		t.Errorf("search before load = %d %+v", code, eb)
	}
	e.Serve(searchtest.Generation(t, "gen-000007", searchtest.Fixture()), 0)
	var ready struct{ Status, Generation string }
	if code := get(t, s, "/readyz", &ready); code != 200 || ready.Generation != "gen-000007" {
		t.Errorf("readyz after load = %d %+v", code, ready)
	}
}

func TestSearchFilters(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	tests := []struct {
		query string
		want  []string
	}{
		{"speaker=anna-kovac", []string{"k1"}},
		{"speaker=Boris+Lind", []string{"k1", "l1"}},
		{"speaker=anna-kovac&speaker=chidi-okafor", []string{"k1", "n1"}},
		{"person=Kova%C4%8D", []string{"k1"}},
		{"country=RU", []string{"k1", "u1"}},
		{"country=Russia", []string{"k1", "u1"}},
		{"country=us&source=Wire+B", []string{"l1"}},
		{"source=Archive", []string{"u1", "u2"}},
		{"source=Archive&source=Wire+B", []string{"l1", "u1", "u2"}},
		{"lang=en&source=Archive", []string{"u1", "u2"}},
		{"lang=fr", []string{}},
		{"language=en&source=Archive", []string{"u1", "u2"}}, // the alias of q's language:
		{"language=fr&lang=en&source=Archive", []string{"u1", "u2"}},
		{"language=fr", []string{}},
		{"org=nobody", []string{}},
		{"place=nowhere", []string{}},
		{"from=2022-02-16&to=2022-03-02", []string{"l1", "n1"}},
		{"from=2022-02-15T18:30:00Z&to=2022-02-16T09:00:00Z", []string{"k1", "l1"}},
		{"to=2022-02-15", []string{"k1"}},
		{"q=de-escalation", []string{"k1", "l1", "n1"}},
		{"q=de-escalation&speaker=boris-lind", []string{"l1"}},
		{"q=speaker:kovac", []string{"k1"}},
		{`q=%22grain+ships%22`, []string{"n1"}},
		{"q=grain+-report&source=Wire+A", []string{"n1"}},
		// Article fields: matched on articles; a speaker filter then
		// selects the articles quoting the speaker.
		{"q=title:meet", []string{"k1"}},
		{"q=title:(calm+OR+geneva)", []string{"k1", "l1"}},
		{"q=body:envoy+-title:grain", []string{"l1"}},
		{"q=title:ministers&speaker=boris-lind", []string{"k1"}},
		{"q=title:ministers&speaker=chidi-okafor", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var res search.Response
			if code := get(t, s, "/api/v1/search?size=100&facets=none&"+tt.query, &res); code != 200 {
				t.Fatalf("status %d", code)
			}
			if got := sorted(hitIDs(res)); !slices.Equal(got, tt.want) {
				t.Errorf("hits %v, want %v", got, tt.want)
			}
			if res.Total != len(tt.want) {
				t.Errorf("total %d, want %d", res.Total, len(tt.want))
			}
		})
	}
}

// TestHistoricalCountryFilters: a country filter takes any name, alias,
// demonym or code of a historical state (extract.CountryCodes through
// Labels.Resolve); Burma is Myanmar.
func TestHistoricalCountryFilters(t *testing.T) {
	docs := append(searchtest.Fixture(),
		searchtest.Article("h1", "Moscow buys grain", "1987-03-03T10:00:00Z", "Wire A", []string{"SU"}, []string{"Moscow bought grain."}),
		searchtest.Article("h2", "Rangoon rice", "1987-03-04T10:00:00Z", "Wire A", []string{"MM"}, []string{"Burma sold rice."}))
	e := search.New(nil, nil, search.Options{}, nil)
	e.Serve(searchtest.Generation(t, "gen-000002", docs), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	s := api.New(e, api.Options{}, nil)
	tests := []struct {
		query string
		want  []string
	}{
		{"country=SU", []string{"h1"}},
		{"country=su", []string{"h1"}},
		{"country=USSR", []string{"h1"}},
		{"country=U.S.S.R.", []string{"h1"}},
		{"country=Soviet+Union", []string{"h1"}},
		{"country=Soviet", []string{"h1"}},
		{"country=SUHH", []string{"h1"}},
		{"country=Burma", []string{"h2"}},
		{"country=BU", []string{"h2"}},
		{"country=Myanmar", []string{"h2"}},
		{"country=Yugoslavia", []string{}},
		{"country=Russia&from=1987-01-01&to=1987-12-31", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var res search.Response
			if code := get(t, s, "/api/v1/search?size=100&facets=none&"+tt.query, &res); code != 200 {
				t.Fatalf("status %d", code)
			}
			if got := sorted(hitIDs(res)); !slices.Equal(got, tt.want) {
				t.Errorf("hits %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSpeakerSemanticsHTTP: k1 has Kovač saying "de-escalation" and Lind
// speaking without it; speaker=Lind&q=de-escalation must not return k1.
func TestSpeakerSemanticsHTTP(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	var res search.Response
	get(t, s, "/api/v1/search?q=de-escalation&speaker=boris-lind", &res)
	if slices.Contains(hitIDs(res), "k1") {
		t.Fatalf("k1 returned for speaker=boris-lind&q=de-escalation: %v", hitIDs(res))
	}
	if len(res.Hits) != 1 || len(res.Hits[0].Quotes) != 1 || res.Hits[0].Quotes[0].Speaker.ID != "boris-lind" {
		t.Fatalf("hits = %+v", res.Hits)
	}
	if !strings.Contains(res.Hits[0].Quotes[0].Highlighted, "<mark>") {
		t.Errorf("quote not highlighted: %q", res.Hits[0].Quotes[0].Highlighted)
	}
}

func TestResponseShape(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	var raw map[string]any
	get(t, s, "/api/v1/search?q=grain&source=Archive&histogram=month", &raw)
	for _, k := range []string{"total", "took_ms", "mode", "query", "hits", "facets", "histogram", "next_cursor"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("response lacks %q", k)
		}
	}
	if raw["next_cursor"] != nil {
		t.Errorf("next_cursor on the last page = %v", raw["next_cursor"])
	}
	hits := raw["hits"].([]any)
	for _, h := range hits {
		hm := h.(map[string]any)
		if _, ok := hm["published"]; ok {
			t.Errorf("undated hit %v has published", hm["id"])
		}
		if hm["type"] != "article" || hm["url"] == "" {
			t.Errorf("hit = %v", hm)
		}
	}
	facets := raw["facets"].(map[string]any)
	for _, f := range []string{"speaker", "person", "org", "place", "country", "source"} {
		if _, ok := facets[f]; !ok {
			t.Errorf("default facet %s missing", f)
		}
	}
	// Highlighting: <mark> in snippets, escaped text otherwise.
	var res search.Response
	get(t, s, "/api/v1/search?q=grain&source=Wire+A&size=1&sort=oldest", &res)
	if sn := res.Hits[0].Snippets["body"]; len(sn) == 0 || !strings.Contains(sn[0], "<mark>grain</mark>") {
		t.Errorf("snippets = %v", res.Hits[0].Snippets)
	}
	get(t, s, "/api/v1/search?q=grain&source=Wire+A&size=1&sort=oldest&highlight=false", &res)
	if sn := res.Hits[0].Snippets["body"]; len(sn) == 0 || strings.Contains(sn[0], "<mark>") {
		t.Errorf("unhighlighted snippets = %v", res.Hits[0].Snippets)
	}
	// Quote mode shape.
	var qres search.Response
	get(t, s, "/api/v1/search?mode=quotes&q=de-escalation&sort=oldest", &qres)
	if qres.Mode != "quotes" || len(qres.Hits) != 2 || qres.Hits[0].Type != "quote" || qres.Hits[0].ArticleID != "k1" ||
		qres.Hits[0].QuoteFields == nil || qres.Hits[0].Speaker.ID != "anna-kovac" {
		t.Errorf("quote hits = %+v", qres.Hits)
	}
}

func TestFacetsHTTP(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	var all, sel search.Response
	get(t, s, "/api/v1/search?facets=country,source:2", &all)
	if len(all.Facets) != 2 || len(all.Facets["source"]) != 2 {
		t.Fatalf("facets = %+v", all.Facets)
	}
	get(t, s, "/api/v1/search?facets=country,source:2&country=US", &sel)
	count := func(r search.Response, f, v string) int {
		for _, fv := range r.Facets[f] {
			if fv.Value == v {
				return fv.Count
			}
		}
		return -1
	}
	if a, b := count(all, "country", "UA"), count(sel, "country", "UA"); a != b || a <= 0 {
		t.Errorf("country UA count %d without, %d with country selected (disjunctive)", a, b)
	}
	if a, b := count(all, "source", "Wire A"), count(sel, "source", "Wire A"); b >= a {
		t.Errorf("source Wire A %d -> %d: other facets must narrow", a, b)
	}
	var none search.Response
	get(t, s, "/api/v1/search?facets=none", &none)
	if len(none.Facets) != 0 {
		t.Errorf("facets=none gave %v", none.Facets)
	}
	// Facet-value search. With q, speakers count their quotes matching q:
	// Lind says "de-escalation" once (in l1; not in k1, where Kovač says it).
	var fv search.FacetValues
	if code := get(t, s, "/api/v1/facets/speaker?prefix=lin&q=de-escalation", &fv); code != 200 || len(fv.Values) != 1 || fv.Values[0].Label != "Boris Lind" || fv.Values[0].Count != 1 {
		t.Errorf("facet values = %d %+v", code, fv)
	}
	var eb errorBody
	if code := get(t, s, "/api/v1/facets/colour", &eb); code != 404 || eb.Error.Code != "not_found" {
		t.Errorf("unknown facet = %d %+v", code, eb)
	}
}

func TestHistogramHTTP(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	for _, iv := range []string{"day", "week", "month", "year", "auto"} {
		var res search.Response
		if code := get(t, s, "/api/v1/search?facets=none&histogram="+iv, &res); code != 200 || res.Histogram == nil {
			t.Fatalf("%s: %d", iv, code)
		}
		h := res.Histogram
		sum := 0
		for _, b := range h.Buckets {
			sum += b.Count
		}
		if h.Undated != 2 || sum != res.Total-2 {
			t.Errorf("%s: undated %d, buckets sum %d, total %d", iv, h.Undated, sum, res.Total)
		}
		if iv != "auto" && h.Interval != iv {
			t.Errorf("interval %s, want %s", h.Interval, iv)
		}
	}
	var res search.Response
	get(t, s, "/api/v1/search?facets=none", &res)
	if res.Histogram != nil {
		t.Errorf("histogram without asking: %+v", res.Histogram)
	}

	// Split by country: the top two countries, month by month.
	var split search.Response
	if code := get(t, s, "/api/v1/search?facets=none&histogram=month&split=country:2", &split); code != 200 || split.Histogram == nil {
		t.Fatalf("split: %d", code)
	}
	h := split.Histogram
	if h.Split != "country" || len(h.Series) != 2 || h.Series[0].Value != "UA" || h.Series[0].Label != "Ukraine" || h.Series[1].Value != "US" {
		t.Fatalf("split series %+v", h.Series)
	}
	for _, sr := range h.Series {
		if len(sr.Buckets) != len(h.Buckets) {
			t.Errorf("%s: %d buckets, histogram %d", sr.Value, len(sr.Buckets), len(h.Buckets))
		}
	}
	var plain search.Response
	get(t, s, "/api/v1/search?facets=none&histogram=month&split=none", &plain)
	if plain.Histogram == nil || plain.Histogram.Split != "" || len(plain.Histogram.Series) != 0 {
		t.Errorf("split=none: %+v", plain.Histogram)
	}
}

func TestPagingHTTP(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	for _, sort := range []string{"relevance", "newest", "oldest"} {
		for _, q := range []string{"", "grain"} {
			var all search.Response
			get(t, s, "/api/v1/search?facets=none&size=100&sort="+sort+"&q="+q, &all)
			var got []string
			cursor := ""
			for page := 0; page < 100; page++ {
				var res search.Response
				target := "/api/v1/search?facets=none&size=4&sort=" + sort + "&q=" + q
				if cursor != "" {
					target += "&cursor=" + url.QueryEscape(cursor)
				}
				if code := get(t, s, target, &res); code != 200 {
					t.Fatalf("%s page %d: %d", sort, page, code)
				}
				got = append(got, hitIDs(res)...)
				if res.NextCursor == nil {
					break
				}
				cursor = *res.NextCursor
			}
			if !slices.Equal(got, hitIDs(all)) {
				t.Errorf("sort=%s q=%s: paged %v\n want %v", sort, q, got, hitIDs(all))
			}
			seen := map[string]bool{}
			for _, id := range got {
				if seen[id] {
					t.Errorf("sort=%s: duplicate %s", sort, id)
				}
				seen[id] = true
			}
		}
	}
}

func TestSortsHTTP(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	var newest, oldest, rel search.Response
	get(t, s, "/api/v1/search?facets=none&size=3&sort=newest", &newest)
	get(t, s, "/api/v1/search?facets=none&size=3&sort=oldest", &oldest)
	get(t, s, "/api/v1/search?facets=none&size=3&q=grain", &rel)
	if got := hitIDs(oldest); !slices.Equal(got, []string{"k1", "l1", "n1"}) {
		t.Errorf("oldest = %v", got)
	}
	if got := hitIDs(newest); got[0] != "g40" {
		t.Errorf("newest = %v", got)
	}
	for i := 1; i < len(rel.Hits); i++ {
		if rel.Hits[i].Score > rel.Hits[i-1].Score {
			t.Errorf("relevance not descending: %v", hitIDs(rel))
		}
	}

	// No sort given: newest first without a query, relevance with one.
	var browse, explicit, q, qRel search.Response
	get(t, s, "/api/v1/search?facets=none&size=20", &browse)
	get(t, s, "/api/v1/search?facets=none&size=20&sort=newest", &explicit)
	if !slices.Equal(hitIDs(browse), hitIDs(explicit)) {
		t.Errorf("default order without q = %v, want newest first %v", hitIDs(browse), hitIDs(explicit))
	}
	get(t, s, "/api/v1/search?facets=none&size=20&q=grain", &q)
	get(t, s, "/api/v1/search?facets=none&size=20&q=grain&sort=relevance", &qRel)
	if !slices.Equal(hitIDs(q), hitIDs(qRel)) {
		t.Errorf("default order with q = %v, want relevance %v", hitIDs(q), hitIDs(qRel))
	}
}

func TestBadRequests(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	long := strings.Repeat("a", 1100)
	tests := []struct {
		target   string
		status   int
		code     string
		param    string
		position int // -1: none expected
	}{
		{"/api/v1/search?size=abc", 400, "bad_request", "size", -1},
		{"/api/v1/search?size=-1", 400, "bad_request", "size", -1},
		{"/api/v1/search?size=0&cursor=abc", 400, "bad_request", "cursor", -1},
		{"/api/v1/search?size=101", 400, "limit_exceeded", "size", -1},
		{"/api/v1/search?q=" + long, 400, "limit_exceeded", "q", -1},
		{"/api/v1/search?facets=speaker:1000", 400, "limit_exceeded", "facets", -1},
		{"/api/v1/search?facets=speaker:x", 400, "bad_request", "facets", -1},
		{"/api/v1/search?facets=colour", 400, "bad_request", "facets", -1},
		{"/api/v1/search?mode=videos", 400, "bad_request", "mode", -1},
		{"/api/v1/search?mode=quotes&kind=paraphrase", 400, "bad_request", "kind", -1},
		{"/api/v1/search?kind=direct", 400, "bad_request", "kind", -1},
		{"/api/v1/export?kind=indirect", 400, "bad_request", "kind", -1},
		{"/api/v1/search?sort=random", 400, "bad_request", "sort", -1},
		{"/api/v1/search?histogram=hour", 400, "bad_request", "histogram", -1},
		{"/api/v1/search?split=country", 400, "bad_request", "split", -1},
		{"/api/v1/search?histogram=month&split=colour", 400, "bad_request", "split", -1},
		{"/api/v1/search?histogram=month&split=country,org", 400, "bad_request", "split", -1},
		{"/api/v1/search?histogram=month&split=country:x", 400, "bad_request", "split", -1},
		{"/api/v1/search?histogram=month&split=country:11", 400, "limit_exceeded", "split", -1},
		{"/api/v1/search?from=yesterday", 400, "bad_request", "from", -1},
		{"/api/v1/search?to=2022-13-01", 400, "bad_request", "to", -1},
		{"/api/v1/search?from=2022-03-01&to=2022-02-01", 400, "bad_request", "to", -1},
		{"/api/v1/search?highlight=maybe", 400, "bad_request", "highlight", -1},
		{"/api/v1/search?cursor=garbage", 400, "bad_request", "cursor", -1},
		{"/api/v1/search?q=%22unclosed", 400, "invalid_query", "q", 0},
		{"/api/v1/search?q=grain+(ships", 400, "invalid_query", "q", 6},
		{"/api/v1/search?q=colour:red", 400, "invalid_query", "q", -1},
		{"/api/v1/search?q=title:meet&mode=quotes", 400, "invalid_query", "q", -1},
		{"/api/v1/articles/nope", 404, "not_found", "", -1},
		{"/api/v1/nothing", 404, "not_found", "", -1},
		{"/nothing", 404, "not_found", "", -1},
	}
	for _, tt := range tests {
		t.Run(tt.target[:min(len(tt.target), 60)], func(t *testing.T) {
			var eb errorBody
			code := get(t, s, tt.target, &eb)
			if code != tt.status || eb.Error.Code != tt.code || eb.Error.Param != tt.param || eb.Error.Message == "" {
				t.Errorf("got %d %+v, want %d %s param %q", code, eb.Error, tt.status, tt.code, tt.param)
			}
			switch {
			case tt.position < 0 && eb.Error.Position != nil:
				t.Errorf("position %d, want none", *eb.Error.Position)
			case tt.position >= 0 && (eb.Error.Position == nil):
				t.Errorf("no position, want %d", tt.position)
			case tt.position > 0 && *eb.Error.Position < tt.position:
				t.Errorf("position %d, want >= %d", *eb.Error.Position, tt.position)
			}
		})
	}
	// A cursor of another query.
	var res search.Response
	get(t, s, "/api/v1/search?q=grain&size=2", &res)
	var eb errorBody
	if code := get(t, s, "/api/v1/search?q=ships&size=2&cursor="+url.QueryEscape(*res.NextCursor), &eb); code != 400 || eb.Error.Param != "cursor" {
		t.Errorf("foreign cursor: %d %+v", code, eb)
	}
	if code := get(t, s, "/api/v1/search?q=grain&sort=newest&size=2&cursor="+url.QueryEscape(*res.NextCursor), &eb); code != 400 || eb.Error.Param != "cursor" {
		t.Errorf("cursor of another sort: %d %+v", code, eb)
	}
}

// TestSizeZeroHTTP: size=0 answers the total, facets and histogram of the
// same search with hits, and no hits or cursor.
func TestSizeZeroHTTP(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	for _, params := range []string{
		"q=grain&histogram=month&split=source:3",
		"mode=quotes&facets=speaker,country",
		"q=de-escalation&speaker=boris-lind&facets=speaker,source",
		"source=Archive&histogram=year",
	} {
		t.Run(params, func(t *testing.T) {
			var full, none search.Response
			get(t, s, "/api/v1/search?"+params, &full)
			rec := do(t, s, http.MethodGet, "/api/v1/search?size=0&"+params, nil, nil, &none)
			if rec.Code != 200 || full.Total == 0 {
				t.Fatalf("size=0: %d %s; total with hits %d", rec.Code, rec.Body, full.Total)
			}
			if none.Total != full.Total || !reflect.DeepEqual(none.Facets, full.Facets) || !reflect.DeepEqual(none.Histogram, full.Histogram) {
				t.Errorf("size=0: total %d facets %v histogram %+v; with hits: %d %v %+v", none.Total, none.Facets, none.Histogram, full.Total, full.Facets, full.Histogram)
			}
			if !strings.Contains(rec.Body.String(), `"hits":[]`) || none.NextCursor != nil {
				t.Errorf("size=0: hits %v, cursor %v", none.Hits, none.NextCursor)
			}
		})
	}
}

func TestArticleHTTP(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	var a map[string]any
	if code := get(t, s, "/api/v1/articles/k1", &a); code != 200 {
		t.Fatalf("status %d", code)
	}
	for _, k := range []string{"id", "title", "body", "source", "published", "url", "authors", "language", "entities", "countries", "quotes"} {
		if _, ok := a[k]; !ok {
			t.Errorf("article lacks %q", k)
		}
	}
	qs := a["quotes"].([]any)
	q0 := qs[0].(map[string]any)
	for _, k := range []string{"id", "text", "speaker", "speaker_as_written", "cue", "kind", "paragraph", "start", "end"} {
		if _, ok := q0[k]; !ok {
			t.Errorf("quote lacks %q", k)
		}
	}
	var u map[string]any
	get(t, s, "/api/v1/articles/u1", &u)
	if _, ok := u["published"]; ok {
		t.Errorf("undated article has published: %v", u["published"])
	}
}

func TestStatsHTTP(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	var st map[string]any
	if code := get(t, s, "/api/v1/stats", &st); code != 200 {
		t.Fatalf("status %d", code)
	}
	if st["generation"] != "gen-000001" || st["articles"] != float64(45) || st["undated"] != float64(2) {
		t.Errorf("stats = %v", st)
	}
	for _, k := range []string{"built_at", "quotes", "entities", "countries", "speakers", "sources", "date_span"} {
		if _, ok := st[k]; !ok {
			t.Errorf("stats lacks %q", k)
		}
	}
}

func TestAdmin(t *testing.T) {
	off, _ := newServer(t, api.Options{})
	var eb errorBody
	if rec := do(t, off, http.MethodPost, "/api/v1/admin/reload", nil, nil, &eb); rec.Code != 404 {
		t.Errorf("admin without token configured: %d", rec.Code)
	}
	s, _ := newServer(t, api.Options{AdminToken: "s3cret", MaxBodyBytes: 4096})
	auth := map[string]string{"Authorization": "Bearer s3cret"}
	tests := []struct {
		hdr    map[string]string
		status int
	}{
		{nil, 401},
		{map[string]string{"Authorization": "Bearer wrong"}, 403},
		{map[string]string{"Authorization": "s3cret"}, 401},
		{auth, 200},
	}
	for _, tt := range tests {
		if rec := do(t, s, http.MethodPost, "/api/v1/admin/reload", nil, tt.hdr, nil); rec.Code != tt.status {
			t.Errorf("reload with %v: %d, want %d (%s)", tt.hdr, rec.Code, tt.status, rec.Body)
		}
	}
	// Upsert one, then find it.
	art := `{"id":"x1","title":"Zeppelin summit","body":"Delegates discussed zeppelins.","published":"2023-05-01T10:00:00Z","source":"Wire Z","language":"en"}`
	if rec := do(t, s, http.MethodPut, "/api/v1/admin/articles/x1", strings.NewReader(art), auth, nil); rec.Code != 200 {
		t.Fatalf("put: %d %s", rec.Code, rec.Body)
	}
	var res search.Response
	get(t, s, "/api/v1/search?q=zeppelins", &res)
	if !slices.Equal(hitIDs(res), []string{"x1"}) {
		t.Errorf("after put: %v", hitIDs(res))
	}
	// JSON Lines upserts.
	lines := `{"id":"x2","title":"Zeppelin fleet","body":"More zeppelins."}` + "\n" + `{"id":"x3","title":"Airship","body":"zeppelins again"}` + "\n"
	if rec := do(t, s, http.MethodPost, "/api/v1/admin/articles", strings.NewReader(lines), auth, nil); rec.Code != 200 {
		t.Fatalf("post: %d %s", rec.Code, rec.Body)
	}
	get(t, s, "/api/v1/search?q=zeppelins", &res)
	if got := sorted(hitIDs(res)); !slices.Equal(got, []string{"x1", "x2", "x3"}) {
		t.Errorf("after post: %v", got)
	}
	// Ids may hold slashes (HTML articles are named by their path).
	slashed := `{"title":"Slashed","body":"An article named by its path."}`
	if rec := do(t, s, http.MethodPut, "/api/v1/admin/articles/articles%2Fz.html", strings.NewReader(slashed), auth, nil); rec.Code != 200 {
		t.Fatalf("put slashed id: %d %s", rec.Code, rec.Body)
	}
	var got search.Article
	if code := get(t, s, "/api/v1/articles/articles%2Fz.html", &got); code != 200 || got.ID != "articles/z.html" {
		t.Errorf("get slashed id: %d %+v", code, got)
	}
	// Delete.
	if rec := do(t, s, http.MethodDelete, "/api/v1/admin/articles/x2", nil, auth, nil); rec.Code != 200 {
		t.Fatalf("delete: %d %s", rec.Code, rec.Body)
	}
	get(t, s, "/api/v1/search?q=zeppelins", &res)
	if got := sorted(hitIDs(res)); !slices.Equal(got, []string{"x1", "x3"}) {
		t.Errorf("after delete: %v", got)
	}
	// The corpus record format: a date as YYYY-MM-DD, unknown fields
	// ignored and named in the answer.
	var applied struct {
		Applied int      `json:"applied"`
		Ignored []string `json:"ignored_fields"`
	}
	dated := `{"title":"Zeppelin census","body":"Counting zeppelins.","published":"2023-06-02","colour":"red","rank":3}`
	if rec := do(t, s, http.MethodPut, "/api/v1/admin/articles/x4", strings.NewReader(dated), auth, &applied); rec.Code != 200 ||
		applied.Applied != 1 || !slices.Equal(applied.Ignored, []string{"colour", "rank"}) {
		t.Fatalf("put dated: %d %s", rec.Code, rec.Body)
	}
	get(t, s, "/api/v1/search?q=zeppelins&from=2023-06-02&to=2023-06-02", &res)
	if !slices.Equal(hitIDs(res), []string{"x4"}) {
		t.Errorf("dated upload by its day: %v", hitIDs(res))
	}
	bad := []struct {
		method, target, body string
		status               int
		code, param          string
	}{
		{http.MethodDelete, "/api/v1/admin/articles/x2", "", 404, "not_found", ""},
		{http.MethodPut, "/api/v1/admin/articles/x9", `{"id":"x8","title":"t"}`, 400, "bad_request", "id"},
		{http.MethodPut, "/api/v1/admin/articles/x9", `{"title":"t","published":"last week"}`, 400, "bad_request", "body"},
		{http.MethodPut, "/api/v1/admin/articles/x9", `{"title":"t","authors":"one"}`, 400, "bad_request", "body"},
		{http.MethodPut, "/api/v1/admin/articles/x9", `{"id":"x9"}`, 400, "bad_request", "body"},
		{http.MethodPost, "/api/v1/admin/articles", `{"id":"a"` + "\n", 400, "bad_request", "body"},
		{http.MethodPost, "/api/v1/admin/articles", "", 400, "bad_request", "body"},
		{http.MethodPut, "/api/v1/admin/articles/big", `{"title":"` + strings.Repeat("x", 5000) + `"}`, 400, "limit_exceeded", "body"},
	}
	for _, tt := range bad {
		var eb errorBody
		rec := do(t, s, tt.method, tt.target, strings.NewReader(tt.body), auth, &eb)
		if rec.Code != tt.status || eb.Error.Code != tt.code || eb.Error.Param != tt.param {
			t.Errorf("%s %s %.40q: %d %+v, want %d %s %s", tt.method, tt.target, tt.body, rec.Code, eb.Error, tt.status, tt.code, tt.param)
		}
	}
}

func TestRequestIDAndMethod(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	rec := do(t, s, http.MethodGet, "/healthz", nil, map[string]string{"X-Request-ID": "abc-123"}, nil)
	if rec.Header().Get("X-Request-ID") != "abc-123" {
		t.Errorf("request id not echoed: %q", rec.Header().Get("X-Request-ID"))
	}
	rec = do(t, s, http.MethodGet, "/healthz", nil, map[string]string{"X-Request-ID": "bad id\n"}, nil)
	if id := rec.Header().Get("X-Request-ID"); id == "" || strings.Contains(id, " ") {
		t.Errorf("generated request id = %q", id)
	}
	var eb errorBody
	if rec := do(t, s, http.MethodPost, "/api/v1/search", nil, nil, &eb); rec.Code != 405 {
		t.Errorf("POST search: %d", rec.Code)
	}
}

func TestUIMounted(t *testing.T) {
	ui := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ui:"+r.URL.Path) })
	s, _ := newServer(t, api.Options{UI: ui})
	rec := do(t, s, http.MethodGet, "/", nil, nil, nil)
	if rec.Body.String() != "ui:/" {
		t.Errorf("/ = %q", rec.Body)
	}
	var res search.Response
	if code := get(t, s, "/api/v1/search?q=grain", &res); code != 200 {
		t.Errorf("search with UI mounted: %d", code)
	}
	var eb errorBody
	if code := get(t, s, "/api/v1/nothing", &eb); code != 404 || eb.Error.Code != "not_found" {
		t.Errorf("unknown API path with UI mounted: %d %+v", code, eb)
	}
	if rec := do(t, s, http.MethodPost, "/api/v1/search", nil, nil, &eb); rec.Code != 405 {
		t.Errorf("POST search with UI mounted: %d", rec.Code)
	}
}

// TestStrictParams: malformed percent-encoding, invalid UTF-8, unknown
// and repeated parameters are 400s naming the parameter on every route
// that takes a query string (they used to answer 200 with every document),
// and error messages repeat at most the first 100 bytes of a long value.
func TestStrictParams(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	tests := []struct {
		target, param, msg string
	}{
		{"/api/v1/search?q=%ZZ%", "q", `invalid percent-encoding "%ZZ"`},
		{"/api/v1/search?q=grain%", "q", "invalid percent-encoding"},
		{"/api/v1/search?q=%FF%FE%FD", "q", "not valid UTF-8 (byte 0xFF at offset 0)"},
		{"/api/v1/search?q=caf%C3%28", "q", "not valid UTF-8 (byte 0xC3 at offset 3)"},
		{"/api/v1/search?cursor=%%%%", "cursor", "invalid percent-encoding"},
		{"/api/v1/search?%ZZ=1", "%ZZ", "parameter name: invalid percent-encoding"},
		{"/api/v1/search?sizee=3", "sizee", `unknown parameter "sizee" (did you mean "size"?); /api/v1/search takes q, speaker, speaker_kind, speaker_country, person`},
		{"/api/v1/search?speakr=lind&q=x", "speakr", `(did you mean "speaker"?)`},
		{"/api/v1/search?Q=grain", "Q", `(did you mean "q"?)`},
		{"/api/v1/search?q=grain&=0", "=0", `a parameter without a name: "=0"`},
		{"/api/v1/search?zzz=1&yyy=2&zzz=3", "zzz", `unknown parameters "zzz", "yyy"; /api/v1/search takes`},
		{"/api/v1/search?" + strings.Repeat("a1=&a2=&a3=&a4=&a5=&a6=&", 2000), "a1", `unknown parameters "a1", "a2", "a3", "a4", "a5" and more; /api/v1/search takes`},
		{"/api/v1/search?size=1&size=2", "size", "given more than once"},
		{"/api/v1/search?q=a&q=b", "q", "given more than once"},
		{"/api/v1/export?size=5", "size", "/api/v1/export does not take size: an export has no pages; limit sets how many rows it gives"},
		{"/api/v1/export?format=csv&colour=red", "colour", `unknown parameter "colour"; /api/v1/export takes q, speaker`},
		{"/api/v1/export?q=%ZZ", "q", "invalid percent-encoding"},
		{"/api/v1/facets/speaker?sort=newest", "sort", "facet values come most frequent first"},
		{"/api/v1/facets/speaker?prefix=%C3%28", "prefix", "not valid UTF-8"},
		{"/api/v1/facets/speaker?limit=5", "limit", "/api/v1/facets/{field} takes prefix, size, q"},
		{"/api/v1/articles/k1?full=1", "full", "/api/v1/articles/{id} takes q, variants"},
		{"/api/v1/articles/k1?q=x&country=UA", "country", "/api/v1/articles/{id} takes q, variants"},
		{"/api/v1/articles/k%FF1", "id", "not valid UTF-8 (byte 0xFF at offset 1)"},
		{"/api/v1/stats?verbose", "verbose", "/api/v1/stats takes none"},
		{"/api/v1/search?mode=" + strings.Repeat("m", 5000), "mode", "… (5"},
		{"/api/v1/search?size=" + strings.Repeat("9x", 3000), "size", `"` + strings.Repeat("9x", 50) + `"… (6000 bytes)`},
		{"/api/v1/search?" + strings.Repeat("n", 3000) + "=1", strings.Repeat("n", 100) + "… (3000 bytes)", "… (3000 bytes)"},
	}
	for _, tt := range tests {
		t.Run(tt.target[:min(len(tt.target), 60)], func(t *testing.T) {
			var eb errorBody
			code := get(t, s, tt.target, &eb)
			if code != 400 || eb.Error.Code != "bad_request" || eb.Error.Param != tt.param || !strings.Contains(eb.Error.Message, tt.msg) {
				t.Errorf("got %d %+v, want 400 bad_request param %q with %q", code, eb.Error, tt.param, tt.msg)
			}
			if len(eb.Error.Message) > 400 {
				t.Errorf("message of %d bytes", len(eb.Error.Message))
			}
		})
	}

	// A 900 KB id comes back cut in the 404.
	long := strings.Repeat("x", 900_000)
	var eb errorBody
	if code := get(t, s, "/api/v1/articles/"+long, &eb); code != 404 || eb.Error.Code != "not_found" ||
		eb.Error.Message != `article "`+long[:100]+`"… (900000 bytes): not found` {
		t.Errorf("404 of a 900 KB id: %d, %d-byte message %.200q", code, len(eb.Error.Message), eb.Error.Message)
	}

	ok := []string{
		"/api/v1/search?q=a;b",                     // a literal ';' is part of the value
		"/api/v1/search?&q=caf%C3%A9&&size=1&",     // empty pairs
		"/api/v1/search?speaker=a&speaker=b+c",     // filters repeat
		"/api/v1/search?q=%E2%80%9Cgrain%E2%80%9D", // curly quotes
		"/api/v1/articles/k1",
		"/api/v1/stats",
	}
	for _, target := range ok {
		if code := get(t, s, target, nil); code != 200 {
			t.Errorf("%s: %d", target, code)
		}
	}
}

// TestUIRequestsAreValid: the requests the web page makes (as its module
// tests in internal/web/browsertest pin them) pass the strict parameters.
func TestUIRequestsAreValid(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	for _, target := range []string{
		"/api/v1/search?q=x&facets=speaker%3A10%2Cperson%3A10%2Corg%3A50%2Cplace%3A10%2Ccountry%3A10%2Csource%3A10&histogram=week&size=20",
		"/api/v1/search?q=x&facets=speaker%3A10%2Cperson%3A10%2Corg%3A10%2Cplace%3A10%2Ccountry%3A10%2Csource%3A10&histogram=auto&split=speaker%3A5&size=20",
		"/api/v1/search?q=x&mode=quotes&speaker=s&facets=speaker%3A10&histogram=auto&sort=oldest&size=20&cursor=",
		"/api/v1/export?q=x&mode=quotes&country=UA&from=2022-01-01&sort=oldest&format=csv",
		"/api/v1/facets/speaker?prefix=b&size=20&q=x&mode=quotes&country=UA&from=2022-01-01&to=2022-12-31",
		"/api/v1/articles/k1",
		"/api/v1/stats",
	} {
		if rec := do(t, s, http.MethodGet, target, nil, nil, nil); rec.Code != 200 {
			t.Errorf("%s: %d %s", target, rec.Code, rec.Body)
		}
	}
}
