package api_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/readout/readout/internal/search"
)

// collapseRecords: one story in three outlets (the second re-headlined and
// re-datelined, the third a day later without its last paragraph) and
// twice in the first, and a different story that shares its lead.
func collapseRecords() []map[string]any {
	lead := "The foreign ministers of Croatia and Serbia agreed on Tuesday to reopen the border crossing at Bačka Palanka, closed since the floods of last spring, officials said after talks in Zagreb."
	rest := []string{
		"The crossing carried most of the trade between the two countries before the floods, and traders on both sides had asked for months that it be reopened.",
		"Engineers will inspect the bridge over the Danube next week, and the first lorries could cross by the end of the month if it is found sound, a ministry spokesman said.",
		"The ministers also discussed a joint fund for repairing roads damaged by the water, but reached no agreement on how its cost would be shared.",
	}
	body := func(dateline string, paras ...string) string {
		return dateline + strings.Join(append([]string{lead}, paras...), "\n\n")
	}
	return []map[string]any{
		{"id": "w1", "title": "Border crossing to reopen", "published": "2026-03-03T09:00:00Z", "source": "Wire A", "body": body("ZAGREB, March 3 - ", rest...)},
		{"id": "w2", "title": "Croatia and Serbia agree to reopen flooded crossing", "published": "2026-03-03T11:00:00Z", "source": "Wire B", "body": body("BELGRADE (Wire B) - ", rest...)},
		{"id": "w4", "title": "Border crossing to reopen", "published": "2026-03-03T12:00:00Z", "source": "Wire A", "body": body("ZAGREB, March 3 - ", rest...)},
		{"id": "w3", "title": "Border crossing to reopen", "published": "2026-03-04T08:00:00Z", "source": "Wire C", "body": body("ZAGREB, March 3 - ", rest[:2]...)},
		{"id": "d1", "title": "Ministers meet on the border", "published": "2026-03-03T10:00:00Z", "source": "Wire A", "body": body("ZAGREB, March 3 - ",
			"In a separate statement, the central bank said inflation had fallen for the third month in a row and that it would keep interest rates unchanged until the summer.",
			"Unemployment rose slightly in the northern provinces, where two car plants closed last year, while the capital grew faster than at any time since the war.",
			"The finance minister will present a revised budget to parliament in April, with cuts to defence and more for schools and hospitals.")},
	}
}

// TestCollapseHTTP: the copies of one story collapse to its first copy by
// default, with the count of the others; collapse=false lists them all;
// count=stories counts stories in the facets; /similar lists a group.
func TestCollapseHTTP(t *testing.T) {
	s := serveRecords(t, nil, collapseRecords()...)
	var res search.Response
	if code := get(t, s, "/api/v1/search?q=border&sort=newest&facets=source", &res); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	if res.Total != 5 || res.TotalStories == nil || *res.TotalStories != 2 || !slices.Equal(hitIDs(res), []string{"d1", "w1"}) {
		t.Fatalf("collapsed: total %d, stories %v, hits %v; want 5, 2, [d1 w1]", res.Total, res.TotalStories, hitIDs(res))
	}
	if h := res.Hits[1]; h.Group != "w1" || h.SimilarCount != 3 {
		t.Errorf("w1: group %q, similar_count %d; want w1, 3", h.Group, h.SimilarCount)
	}
	if h := res.Hits[0]; h.Group != "" || h.SimilarCount != 0 {
		t.Errorf("d1: group %q, similar_count %d; want none", h.Group, h.SimilarCount)
	}
	if got := facetCounts(res.Facets["source"]); got != "Wire A=3 Wire B=1 Wire C=1" {
		t.Errorf("source facet (copies): %s", got)
	}

	var all search.Response
	get(t, s, "/api/v1/search?q=border&sort=newest&collapse=false&facets=none", &all)
	if all.Total != 5 || all.TotalStories != nil || !slices.Equal(hitIDs(all), []string{"w3", "w4", "w2", "d1", "w1"}) {
		t.Errorf("collapse=false: total %d, stories %v, hits %v", all.Total, all.TotalStories, hitIDs(all))
	}

	// In stories, Wire A has two (d1 and the story w1 stands for, twice
	// in Wire A); the histogram counts a story on its first copy's day.
	var st search.Response
	get(t, s, "/api/v1/search?q=border&count=stories&facets=source&histogram=day", &st)
	if got := facetCounts(st.Facets["source"]); got != "Wire A=2 Wire B=1 Wire C=1" {
		t.Errorf("source facet (stories): %s, want Wire A=2 Wire B=1 Wire C=1", got)
	}
	if h := st.Histogram; h == nil || len(h.Buckets) == 0 || h.Buckets[0].Start != "2026-03-03" || h.Buckets[0].Count != 2 || bucketSum(h) != 2 {
		t.Errorf("histogram (stories): %+v, want 2 on March 3 and none after", st.Histogram)
	}
	for _, src := range []string{"Wire+A", "Wire+B"} {
		var sel search.Response
		get(t, s, "/api/v1/search?q=border&count=stories&facets=source&source="+src, &sel)
		want := map[string]int{"Wire+A": 2, "Wire+B": 1}[src]
		if *sel.TotalStories != want || facetCounts(sel.Facets["source"]) != "Wire A=2 Wire B=1 Wire C=1" {
			t.Errorf("source=%s: %d stories, facet %s; want %d, Wire A=2 Wire B=1 Wire C=1", src, *sel.TotalStories, facetCounts(sel.Facets["source"]), want)
		}
	}

	var sim search.SimilarResponse
	if code := get(t, s, "/api/v1/articles/w2/similar", &sim); code != http.StatusOK || sim.Group != "w1" || !slices.Equal(similarIDs(sim), []string{"w1", "w2", "w4", "w3"}) {
		t.Errorf("similar of w2: %d, group %q, %v", code, sim.Group, similarIDs(sim))
	}
	sim = search.SimilarResponse{}
	if code := get(t, s, "/api/v1/articles/d1/similar", &sim); code != http.StatusOK || sim.Group != "" || !slices.Equal(similarIDs(sim), []string{"d1"}) {
		t.Errorf("similar of d1: %d, group %q, %v", code, sim.Group, similarIDs(sim))
	}
	if code := get(t, s, "/api/v1/articles/nope/similar", nil); code != http.StatusNotFound {
		t.Errorf("similar of an unknown id: %d", code)
	}
	for _, bad := range []struct{ params, param string }{{"count=all", "count"}, {"collapse=maybe", "collapse"}} {
		var e errorBody
		if code := get(t, s, "/api/v1/search?"+bad.params, &e); code != http.StatusBadRequest || e.Error.Param != bad.param {
			t.Errorf("%s: %d %+v", bad.params, code, e)
		}
	}
}

func facetCounts(vals []search.FacetValue) string {
	var out []string
	for _, v := range vals {
		out = append(out, v.Label+"="+strconv.Itoa(v.Count))
	}
	return strings.Join(out, " ")
}

func similarIDs(r search.SimilarResponse) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

func bucketSum(h *search.Histogram) int {
	n := 0
	for _, b := range h.Buckets {
		n += b.Count
	}
	return n
}

// TestQuoteCollapseHTTP: a remark reported by three outlets on three days
// is one quote in quote mode, at its first copy, with the count of the
// others; sort=first_seen orders quotes by the day they first appeared;
// /quotes/{id}/similar lists the copies.
func TestQuoteCollapseHTTP(t *testing.T) {
	remark := `"We will not accept any dredging works that move the border on the Danube," Croatian Foreign Minister Goran Vuković said.`
	other := `"The talks on the river will go on next week in Vienna," Croatian Foreign Minister Goran Vuković said on Monday.`
	s := serveRecords(t, nil,
		map[string]any{"id": "q1", "title": "Croatia warns Serbia over dredging", "published": "2026-01-12T10:00:00Z", "source": "Wire A",
			"body": "ZAGREB, Jan 12 - Croatia protested on Monday against dredging near Apatin.\n\n" + remark},
		map[string]any{"id": "q2", "title": "Danube row deepens as barges wait", "published": "2026-01-14T10:00:00Z", "source": "Wire B",
			"body": "VUKOVAR, Jan 14 - Barge operators said on Wednesday they were waiting for the two governments to settle the row.\n\n" + other + "\n\nEarlier in the week he had said: " + remark},
		map[string]any{"id": "q3", "title": "Serbia rejects Croatian protest", "published": "2026-01-21T10:00:00Z", "source": "Wire C",
			"body": "BELGRADE, Jan 21 - Serbia's government rejected the protest in a note on Wednesday, saying the works were routine maintenance.\n\n" + remark},
	)
	var all search.Response
	get(t, s, "/api/v1/search?mode=quotes&speaker=goran-vukovic&collapse=false&sort=oldest&facets=none", &all)
	if all.Total != 4 {
		t.Fatalf("collapse=false: %d quotes %v, want 4", all.Total, hitIDs(all))
	}
	var res search.Response
	get(t, s, "/api/v1/search?mode=quotes&speaker=goran-vukovic&sort=oldest&facets=none", &res)
	if res.Total != 4 || res.TotalStories == nil || *res.TotalStories != 2 || len(res.Hits) != 2 {
		t.Fatalf("collapsed: total %d, stories %v, hits %v; want 4, 2, two hits", res.Total, res.TotalStories, hitIDs(res))
	}
	first := res.Hits[0]
	if first.ArticleID != "q1" || first.SimilarCount != 2 || first.Group != first.ID {
		t.Errorf("first hit %s (article %s): group %q, similar_count %d; want q1's remark, its own group, 2", first.ID, first.ArticleID, first.Group, first.SimilarCount)
	}
	var fs search.Response
	get(t, s, "/api/v1/search?mode=quotes&speaker=goran-vukovic&sort=first_seen&facets=none", &fs)
	if !slices.Equal(hitIDs(fs), hitIDs(res)) || fs.Hits[1].ArticleID != "q2" {
		t.Errorf("first_seen: %v, want %v (the remark of Jan 12, then q2's other remark)", hitIDs(fs), hitIDs(res))
	}
	var sim search.SimilarResponse
	if code := get(t, s, "/api/v1/quotes/"+first.ID+"/similar", &sim); code != http.StatusOK || len(sim.Hits) != 3 || sim.Hits[0].ID != first.ID || sim.Hits[2].ArticleID != "q3" {
		t.Errorf("similar of %s: %d, %v", first.ID, code, similarIDs(sim))
	}
	for _, bad := range []struct{ params, param string }{{"sort=first_seen", "sort"}, {"mode=quotes&sort=first_seen&collapse=false", "collapse"}} {
		var e errorBody
		if code := get(t, s, "/api/v1/search?"+bad.params, &e); code != http.StatusBadRequest || e.Error.Param != bad.param {
			t.Errorf("%s: %d %+v", bad.params, code, e)
		}
	}
	if code := get(t, s, "/api/v1/quotes/q1/similar", nil); code != http.StatusNotFound {
		t.Errorf("quotes/q1/similar (an article id): %d", code)
	}
}
