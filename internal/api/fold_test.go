package api_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// Invented people among real places, with and without their accents.
var stankovic = searchtest.Person{ID: "nikola-stankovic", Name: "Nikola Stanković"}

func foldDocs() []searchtest.Doc {
	return []searchtest.Doc{
		searchtest.Article("f1", "Stanković and Kovač in Türkiye", "2024-05-01T10:00:00Z", "Wire F", []string{"TR"},
			[]string{"Nikola Stanković met Ana Kovač in Ankara on Tuesday."},
			searchtest.Q{By: stankovic, Text: "Türkiye and São Paulo will sign the accord"}),
		searchtest.Article("f2", "Envoy visits Turkiye", "2024-05-02T10:00:00Z", "Wire F", []string{"TR"},
			[]string{"NIKOLA STANKOVIC, quoted without his accents, toured Turkiye and Sao Paulo."}),
		searchtest.Article("f3", "Ørsted opens an office", "2024-05-03T10:00:00Z", "Wire G", []string{"DE"},
			[]string{"Ørsted opened its office on the Königsallee Straße; Orsted staff moved from the Strasse next door."}),
		searchtest.Article("f4", "Grain talks", "2024-05-04T10:00:00Z", "Wire G", []string{"UA"},
			[]string{"Officials discussed grain exports."}),
	}
}

func foldServer(t *testing.T, m mapping.IndexMapping) http.Handler {
	t.Helper()
	e := search.New(nil, nil, search.Options{}, nil)
	e.Serve(searchtest.GenerationWith(t, m, "gen-000001", foldDocs()), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	return api.New(e, api.Options{}, nil)
}

func searchQ(t *testing.T, h http.Handler, params string) search.Response {
	t.Helper()
	var r search.Response
	if code := get(t, h, "/api/v1/search?"+params, &r); code != http.StatusOK {
		t.Fatalf("%s: status %d", params, code)
	}
	return r
}

// TestFoldingHTTP checks accent and case folding through the router: each
// spelling of a word finds the same articles and quotes, as a word, a
// phrase, a prefix or a fuzzy term; highlights mark the text as written;
// the query prints as typed.
func TestFoldingHTTP(t *testing.T) {
	h := foldServer(t, index.NewMapping())
	groups := []struct {
		mode      string
		spellings []string
		want      []string
	}{
		{"articles", []string{"Stankovic", "stankovic", "Stanković", "STANKOVIĆ", "stanković"}, []string{"f1", "f2"}},
		{"articles", []string{`"nikola stankovic"`, `"Nikola Stanković"`, `"NIKOLA STANKOVIĆ"`}, []string{"f1", "f2"}},
		{"articles", []string{"stanko*", "Stankovi*", "stanković*", "stankowic~", "stankovič~"}, []string{"f1", "f2"}},
		{"articles", []string{"Kovac", "kovač", "Kovač", "kovac*"}, []string{"f1"}},
		{"articles", []string{"Turkiye", "Türkiye", "TÜRKIYE", "türk*", "turk*"}, []string{"f1", "f2"}},
		{"articles", []string{`"sao paulo"`, `"São Paulo"`}, []string{"f1", "f2"}},
		{"articles", []string{"Orsted", "Ørsted", "ørst*", "orst*"}, []string{"f3"}},
		{"articles", []string{"Straße", "strasse", "STRASSE", "strass*", "straß*"}, []string{"f3"}},
		{"articles", []string{"title:turkiye", "title:Türkiye"}, []string{"f1", "f2"}},
		{"quotes", []string{"turkiye", "Türkiye", `"turkiye and sao paulo"`, "sao*"}, []string{"f1#q1"}},
	}
	for _, g := range groups {
		for _, q := range g.spellings {
			r := searchQ(t, h, "mode="+g.mode+"&facets=none&q="+url.QueryEscape(q))
			if got := sorted(hitIDs(r)); !reflect.DeepEqual(got, g.want) {
				t.Errorf("%s q=%s: hits %v, want %v", g.mode, q, got, g.want)
			}
		}
	}

	// Highlights mark the original text, whatever the spelling searched.
	r := searchQ(t, h, "facets=none&q=stankovic")
	for _, hit := range r.Hits {
		body := strings.Join(hit.Snippets["body"], " ")
		want := map[string]string{"f1": "<mark>Stanković</mark>", "f2": "<mark>STANKOVIC</mark>"}[hit.ID]
		if !strings.Contains(body, want) {
			t.Errorf("q=stankovic: %s body snippet %q lacks %s", hit.ID, body, want)
		}
	}
	hit := hitByID(t, searchQ(t, h, "facets=none&q="+url.QueryEscape(`"nikola stankovic" turk*`)), "f1")
	if got := strings.Join(hit.Snippets["title"], " "); !strings.Contains(got, "<mark>Türkiye</mark>") {
		t.Errorf("f1 title snippet %q: want <mark>Türkiye</mark>", got)
	}
	if got := strings.Join(hit.Snippets["body"], " "); !strings.Contains(got, "<mark>Nikola Stanković</mark>") {
		t.Errorf("f1 body snippet %q: want <mark>Nikola Stanković</mark>", got)
	}
	r = searchQ(t, h, "mode=quotes&facets=none&q="+url.QueryEscape("turkiye sao paulo"))
	if len(r.Hits) != 1 || r.Hits[0].QuoteFields == nil {
		t.Fatalf("quote mode: %+v", r.Hits)
	}
	if got, want := r.Hits[0].Highlighted, "<mark>Türkiye</mark> and <mark>São Paulo</mark> will sign the accord"; got != want {
		t.Errorf("quote highlighted %q, want %q", got, want)
	}
	// Quotes of an article found by accent-free words are marked too.
	hit = hitByID(t, searchQ(t, h, "facets=none&q=sao+paulo"), "f1")
	if len(hit.Quotes) == 0 || !strings.Contains(hit.Quotes[0].Highlighted, "<mark>São Paulo</mark>") {
		t.Errorf("f1 quotes %+v: want <mark>São Paulo</mark>", hit.Quotes)
	}

	// The query prints as typed: the folding is the analyzer's.
	if r := searchQ(t, h, "facets=none&q="+url.QueryEscape("Stanković stanko*")); r.Query != "(AND Stanković stanko*)" {
		t.Errorf("printed query %q", r.Query)
	}
}

func hitByID(t *testing.T, r search.Response, id string) search.Hit {
	t.Helper()
	for _, h := range r.Hits {
		if h.ID == id {
			return h
		}
	}
	t.Fatalf("q=%s: no hit %s in %v", r.Query, id, hitIDs(r))
	return search.Hit{}
}

// TestFoldingOldGeneration checks that a generation built before folding,
// with Bleve's en analyzer in its mapping, searches as it did: accents
// count, and prefix and fuzzy terms are not folded.
func TestFoldingOldGeneration(t *testing.T) {
	h := foldServer(t, searchtest.EnMapping())
	for _, tc := range []struct {
		mode, q string
		want    []string
	}{
		{"articles", "Stanković", []string{"f1"}},
		{"articles", "stankovic", []string{"f2"}},
		{"articles", `"nikola stanković"`, []string{"f1"}},
		{"articles", "türk*", []string{"f1"}},
		{"articles", "turk*", []string{"f2"}},
		{"articles", "Ørsted", []string{"f3"}},
		{"articles", "Straße", []string{"f3"}},
		{"articles", "kovač", []string{"f1"}},
		{"articles", "kovac", []string{}},
		{"quotes", "Türkiye", []string{"f1#q1"}},
		{"quotes", "turkiye", []string{}},
	} {
		r := searchQ(t, h, "mode="+tc.mode+"&facets=none&q="+url.QueryEscape(tc.q))
		if got := sorted(hitIDs(r)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("en generation %s q=%s: hits %v, want %v", tc.mode, tc.q, got, tc.want)
		}
	}
	r := searchQ(t, h, "facets=none&q="+url.QueryEscape("Stanković"))
	if len(r.Hits) != 1 || !strings.Contains(strings.Join(r.Hits[0].Snippets["body"], " "), "<mark>Stanković</mark>") {
		t.Errorf("en generation: %+v", r.Hits)
	}
}
