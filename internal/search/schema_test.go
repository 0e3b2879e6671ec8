package search_test

import (
	"context"
	"slices"
	"testing"

	"github.com/readout/readout/internal/schema"
	"github.com/readout/readout/internal/search"
)

// TestSchemaFilters checks that every filter and facet of the schema table
// is accepted under each of its spellings (lang and language, authors and
// author) as a filter, a facet, a split and a facet-values field, with the
// results of its name.
func TestSchemaFilters(t *testing.T) {
	e := newEngine(t)
	ctx := context.Background()
	var all []search.FacetSpec
	for _, f := range schema.Select(func(f schema.Field) bool { return f.Filter }) {
		all = append(all, search.FacetSpec{Name: f.Name, Size: 1})
		if !search.IsFilterName(f.Name) || !slices.Contains(search.FilterNames, f.Name) {
			t.Errorf("filter %q is not in search.FilterNames", f.Name)
		}
	}
	for _, mode := range []string{search.ModeArticles, search.ModeQuotes} {
		base, err := e.Search(ctx, search.Request{Mode: mode, Facets: all, NoHits: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range schema.Select(func(f schema.Field) bool { return f.Filter }) {
			// The fixture has no orgs, places nor authors: their spellings
			// are still accepted, and match nothing.
			v := search.FacetValue{Value: "none-such"}
			if top := base.Facets[f.Name]; len(top) > 0 {
				v = top[0]
			}
			for _, name := range f.Spellings() {
				if !search.IsFilterName(name) {
					t.Errorf("IsFilterName(%q) = false", name)
				}
				filters := map[string][]string{name: {v.Value}}
				res, err := e.Search(ctx, search.Request{
					Mode: mode, Filters: filters, NoHits: true,
					Facets: []search.FacetSpec{{Name: name}}, Histogram: search.IntervalYear, Split: search.FacetSpec{Name: name},
				})
				if err != nil {
					t.Errorf("%s: %s=%s: %v", mode, name, v.Value, err)
					continue
				}
				if res.Total != v.Count {
					t.Errorf("%s: %s=%s: total %d, want %d", mode, name, v.Value, res.Total, v.Count)
				}
				if fv := res.Facets[f.Name]; len(fv) == 0 || !fv[0].Selected {
					t.Errorf("%s: facets=%s: %v, want facet %s with %s selected", mode, name, res.Facets, f.Name, v.Value)
				}
				if res.Histogram == nil || res.Histogram.Split != f.Name || len(res.Histogram.Series) != 1 {
					t.Errorf("%s: split=%s: %+v, want one series of %s", mode, name, res.Histogram, f.Name)
				}
				if len(filters) != 1 || filters[name] == nil {
					t.Errorf("%s: the request's filters became %v", mode, filters)
				}
				fvs, err := e.FacetValues(ctx, search.Request{Mode: mode}, name, "", 0)
				if err != nil {
					t.Errorf("%s: FacetValues(%s): %v", mode, name, err)
					continue
				}
				want, err := e.FacetValues(ctx, search.Request{Mode: mode}, f.Name, "", 0)
				if err != nil {
					t.Fatal(err)
				}
				if fvs.Field != f.Name || !slices.Equal(fvs.Values, want.Values) {
					t.Errorf("%s: FacetValues(%s) = %+v, want %+v", mode, name, fvs, want)
				}
			}
		}
	}
	// A filter given under two spellings is one filter with both values.
	res, err := e.Search(ctx, search.Request{Filters: map[string][]string{"lang": {"en"}, "language": {"xx"}}, NoHits: true, Facets: []search.FacetSpec{}})
	if err != nil {
		t.Fatal(err)
	}
	en, err := e.Search(ctx, search.Request{Filters: map[string][]string{"lang": {"en"}}, NoHits: true, Facets: []search.FacetSpec{}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != en.Total || en.Total == 0 {
		t.Errorf("lang=en&language=xx: total %d, want lang=en's %d (> 0)", res.Total, en.Total)
	}
	if _, err := e.Search(ctx, search.Request{Facets: []search.FacetSpec{{Name: "lang"}, {Name: "language"}}}); err == nil {
		t.Error("facets=lang,language: no error, want the facet given twice")
	}
}
