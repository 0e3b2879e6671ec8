package search_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/readout/readout/internal/search"
)

func TestFacetValuesPrefix(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		field, prefix string
		req           search.Request
		want          []string
	}{
		{"speaker", "kov", search.Request{}, []string{"anna-kovac"}},
		{"speaker", "KOVÁ", search.Request{}, []string{"anna-kovac"}}, // case and accents
		{"speaker", "anna", search.Request{}, []string{"anna-kovac"}},
		{"speaker", "", search.Request{}, []string{"boris-lind", "anna-kovac", "chidi-okafor"}},
		{"speaker", "", search.Request{Q: "grain"}, []string{"chidi-okafor"}},
		// Own selection excluded: other speakers still listed.
		{"speaker", "", search.Request{Filters: map[string][]string{"speaker": {"anna-kovac"}}}, []string{"boris-lind", "anna-kovac", "chidi-okafor"}},
		{"country", "ukr", search.Request{}, []string{"UA"}},
		{"country", "u", search.Request{}, []string{"UA", "US"}},
		{"source", "wire", search.Request{Filters: map[string][]string{"country": {"RU"}}}, []string{"Wire A"}},
	}
	for _, tt := range tests {
		res, err := e.FacetValues(context.Background(), tt.req, tt.field, tt.prefix, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range res.Values {
			got = append(got, v.Value)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s %q %+v: %v, want %v", tt.field, tt.prefix, tt.req, got, tt.want)
		}
	}
	if _, err := e.FacetValues(context.Background(), search.Request{}, "colour", "", 10); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("unknown field: %v", err)
	}
}

func TestArticle(t *testing.T) {
	e := newEngine(t)
	a, err := e.Article(context.Background(), "k1")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Ministers meet in Geneva" || len(a.Quotes) != 2 || a.Quotes[0].ID != "k1#q1" || a.Quotes[0].Speaker.ID != "anna-kovac" {
		t.Fatalf("article = %+v", a)
	}
	q := a.Quotes[1]
	if a.Body[q.Start:q.End] != q.Text {
		t.Errorf("offsets %d:%d give %q, want %q", q.Start, q.End, a.Body[q.Start:q.End], q.Text)
	}
	if len(a.Countries) != 2 || len(a.Entities) != 2 {
		t.Errorf("countries %v entities %v", a.Countries, a.Entities)
	}
	for _, id := range []string{"nope", "k1#q1", ""} {
		if _, err := e.Article(context.Background(), id); !errors.Is(err, search.ErrNotFound) {
			t.Errorf("%q: err = %v", id, err)
		}
	}
}

func TestStats(t *testing.T) {
	e := newEngine(t)
	st, err := e.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 45 || st.Quotes != 4 || st.Speakers != 3 || st.Sources != 4 || st.Undated != 2 || st.Countries != 3 {
		t.Errorf("stats = %+v", st)
	}
	if st.Entities["person"] != 3 || st.DateSpan == nil || st.DateSpan.From.Format("2006-01-02") != "2022-02-15" {
		t.Errorf("stats = %+v span %+v", st, st.DateSpan)
	}
}

// TestSelectedFacetValuesKept: a selected value outside the top values is
// still listed (after them) with its count.
func TestSelectedFacetValuesKept(t *testing.T) {
	e := newEngine(t)
	res, err := e.Search(context.Background(), search.Request{
		Facets:  []search.FacetSpec{{Name: "source", Size: 1}},
		Filters: map[string][]string{"source": {"Wire B", "Archive"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Facets["source"]
	wireA, err := e.Search(context.Background(), search.Request{Filters: map[string][]string{"source": {"Wire A"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []search.FacetValue{
		{Value: "Wire A", Label: "Wire A", Count: wireA.Total},
		{Value: "Archive", Label: "Archive", Count: 2, Selected: true},
		{Value: "Wire B", Label: "Wire B", Count: 1, Selected: true},
	}
	if !slices.Equal(got, want) {
		t.Errorf("source facet = %+v\nwant %+v", got, want)
	}
}
