package api_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/readout/readout/internal/search"
)

// TestNameVariantsHTTP: a name in q also finds the entity's other names
// (Kiev and Kyiv, Burma and Myanmar), shown in the printed query, in
// articles, quotes and the reading view's matches; variants=false and
// quotes search the name as typed; a place filter takes either name.
func TestNameVariantsHTTP(t *testing.T) {
	arts := []map[string]any{
		{"id": "v1", "title": "Talks in Kyiv", "body": "Delegations met in Kyiv on Monday.\n\n\"The talks in Kyiv were useful,\" the envoy said.", "published": "2023-03-01T09:00:00Z", "source": "Wire V"},
		{"id": "v2", "title": "Talks in Kiev", "body": "Delegations met in Kiev on Tuesday.\n\n\"The talks in Kiev were useful,\" the envoy said.", "published": "1993-03-02T09:00:00Z", "source": "Wire V"},
		{"id": "v3", "title": "Rice from Burma", "body": "Burma sold rice to its neighbours.", "published": "1987-03-03T09:00:00Z", "source": "Wire V"},
		{"id": "v4", "title": "Rice from Myanmar", "body": "Myanmar sold rice to its neighbours.", "published": "2020-03-03T09:00:00Z", "source": "Wire V"},
	}
	s := serveRecords(t, nil, arts...)

	tests := []struct {
		params string
		want   []string
		query  string // a part of the printed query
	}{
		{"q=Kiev", []string{"v1", "v2"}, "kyiv"},
		{"q=kyiv", []string{"v1", "v2"}, "kiev"},
		{"q=Kiev&variants=false", []string{"v2"}, ""},
		{"q=%22Kiev%22", []string{"v2"}, ""},
		{"q=Burma+rice", []string{"v3", "v4"}, "myanmar"},
		{"q=Kiev&mode=quotes", []string{"v1#q1", "v2#q1"}, "kyiv"},
		{"place=Kiev", []string{"v1", "v2"}, ""},
		{"place=Kyiv", []string{"v1", "v2"}, ""},
	}
	for _, tt := range tests {
		var res search.Response
		get(t, s, "/api/v1/search?sort=oldest&facets=source&histogram=year&"+tt.params, &res)
		// The total and the counts are q's as given: q=Kiev and
		// q=Kiev&variants=false are two queries to the caches too.
		if n := len(tt.want); res.Total != n || len(res.Facets["source"]) != 1 || res.Facets["source"][0].Count != n {
			t.Errorf("%s: total %d, source facet %+v; want %d", tt.params, res.Total, res.Facets["source"], n)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: hits %v, want %v (query %s)", tt.params, got, tt.want, res.Query)
		}
		if tt.query != "" && !strings.Contains(res.Query, tt.query) {
			t.Errorf("%s: printed query %q lacks %q", tt.params, res.Query, tt.query)
		}
	}
	var a search.Article
	get(t, s, "/api/v1/articles/v1?q="+url.QueryEscape("Kiev"), &a)
	var marked []string
	for _, m := range a.Matches {
		if m.Field == "body" {
			marked = append(marked, a.Body[m.Start:m.End])
		}
	}
	if len(marked) == 0 || marked[0] != "Kyiv" {
		t.Errorf("reading view of q=Kiev in a Kyiv article marks %q", marked)
	}
}
