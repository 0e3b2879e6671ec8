package api_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// TestArticleMatchesHTTP: /api/v1/articles/{id}?q= gives the spans of the
// title and body that q matches, as the search analysed q: stems, both
// words of a phrase, a hyphenated word whole, prefix expansions; nothing
// for a q without text or an article q does not match; a bad q is a 400.
func TestArticleMatchesHTTP(t *testing.T) {
	title := "Ceasefire talks resume"
	body := "Envoys talked for hours about de-escalation. The ceasefire held overnight.\n\nA second round of talks on the ceasefire line is planned."
	docs := append(searchtest.Fixture(),
		searchtest.Article("m1", title, "2023-05-01T10:00:00Z", "Wire M", []string{"UA"},
			[]string{"Envoys talked for hours about de-escalation. The ceasefire held overnight.", "A second round of talks on the ceasefire line is planned."}))
	e := search.New(nil, nil, search.Options{}, nil)
	e.Serve(searchtest.Generation(t, "gen-000003", docs), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	s := api.New(e, api.Options{}, nil)

	var plain search.Article
	get(t, s, "/api/v1/articles/m1", &plain)
	if plain.Body != body || plain.Matches != nil {
		t.Fatalf("article without q: body %q, matches %v", plain.Body, plain.Matches)
	}
	tests := []struct {
		q    string
		want []string // field:text of each match, in order
	}{
		{"talks", []string{"title:talks", "body:talked", "body:talks"}},
		{"de-escalation", []string{"body:de-escalation"}},
		{`"ceasefire line"`, []string{"body:ceasefire line"}},
		{"ceasef*", []string{"title:Ceasefire", "body:ceasefire", "body:ceasefire"}},
		{"talks -moscow", []string{"title:talks", "body:talked", "body:talks"}},
		{"source:reuters", nil}, // no text terms: nothing to mark
		{"zeppelinium", nil},    // the article does not match
		{"country:UA talks", []string{"title:talks", "body:talked", "body:talks"}},
	}
	for _, tt := range tests {
		var a search.Article
		if code := get(t, s, "/api/v1/articles/m1?q="+url.QueryEscape(tt.q), &a); code != 200 {
			t.Errorf("q=%s: status %d", tt.q, code)
			continue
		}
		var got []string
		for _, m := range a.Matches {
			text := a.Body
			if m.Field == "title" {
				text = a.Title
			}
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Errorf("q=%s: match %+v out of the %s", tt.q, m, m.Field)
				continue
			}
			got = append(got, m.Field+":"+text[m.Start:m.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("q=%s: matches %q, want %q", tt.q, got, tt.want)
		}
	}
	rec := do(t, s, http.MethodGet, "/api/v1/articles/m1?q=%22unclosed", nil, nil, nil)
	if rec.Code != 400 {
		t.Errorf("bad q: %d %s", rec.Code, rec.Body)
	}
}

// TestQuoteSpreadHTTP: /api/v1/quotes/{id}/spread answers a quote's copies
// and where it first appeared; an unknown quote is a 404, an unknown
// parameter a 400.
func TestQuoteSpreadHTTP(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	var sp search.Spread
	if code := get(t, s, "/api/v1/quotes/"+url.PathEscape("k1#q1")+"/spread", &sp); code != 200 {
		t.Fatalf("status %d", code)
	}
	if sp.Count < 1 || sp.First == nil || sp.Quote.ID != "k1#q1" || sp.Quote.QuoteFields == nil || sp.Quote.Text == "" || !strings.HasPrefix(sp.Query, "text:") {
		t.Errorf("spread %+v", sp)
	}
	for target, want := range map[string]int{
		"/api/v1/quotes/" + url.PathEscape("k1#q99") + "/spread":    404,
		"/api/v1/quotes/" + url.PathEscape("nope#q1") + "/spread":   404,
		"/api/v1/quotes/" + url.PathEscape("k1#q1") + "/spread?x=1": 400,
	} {
		if rec := do(t, s, http.MethodGet, target, nil, nil, nil); rec.Code != want {
			t.Errorf("%s: %d, want %d: %s", target, rec.Code, want, rec.Body)
		}
	}
}
