package api_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// TestSampleCountryYearByYearHTTP: "what did country X say about Y, year
// by year" on the bundled sample corpus, over the real router. Croatia's
// and Serbia's speeches and statements on de-escalation are statement hits
// of that speaking country in at least two years; the histogram's buckets
// add up to the total and each is what selecting its year finds; each
// value of the speaker_country and speaker facets is what selecting it
// finds.
func TestSampleCountryYearByYearHTTP(t *testing.T) {
	e := search.New(searchtest.SampleStore(t), nil, search.Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	s := api.New(e, api.Options{}, nil)

	const base = "/api/v1/search?q=de-escalation&mode=quotes"
	for _, tt := range []struct{ country, code string }{{"HR", "HR"}, {"Croatia", "HR"}, {"RS", "RS"}} {
		target := base + "&speaker_country=" + url.QueryEscape(tt.country) + "&histogram=year&size=100&facets=speaker_country:20,speaker:20"
		var res search.Response
		if code := get(t, s, target, &res); code != 200 {
			t.Fatalf("%s: status %d", target, code)
		}
		if res.Total != len(res.Hits) || res.Total == 0 {
			t.Fatalf("%s: total %d, %d hits", target, res.Total, len(res.Hits))
		}
		statementYears := map[int]int{}
		for _, h := range res.Hits {
			if h.QuoteFields == nil || h.Speaker == nil || h.Speaker.Country != tt.code {
				t.Errorf("%s: hit %s spoken by %+v, want a speaker of %s", target, h.ID, h.QuoteFields, tt.code)
				continue
			}
			if h.Kind == "statement" {
				statementYears[h.Published.Year()]++
			}
		}
		if len(statementYears) < 2 {
			t.Errorf("%s: statements in years %v, want at least two years", target, statementYears)
		}
		if res.Histogram == nil || res.Histogram.Interval != "year" {
			t.Fatalf("%s: histogram %+v", target, res.Histogram)
		}
		sum, years := res.Histogram.Undated, 0
		for _, b := range res.Histogram.Buckets {
			sum += b.Count
			if b.Count == 0 {
				continue
			}
			years++
			y := b.Start[:4]
			var one search.Response
			get(t, s, target+"&from="+y+"-01-01&to="+y+"-12-31", &one)
			if one.Total != b.Count {
				t.Errorf("%s: the %s bucket counts %d, selecting the year finds %d", target, y, b.Count, one.Total)
			}
		}
		if years < 2 || sum != res.Total {
			t.Errorf("%s: %d years with quotes, buckets and undated add up to %d of %d", target, years, sum, res.Total)
		}
		for _, name := range []string{"speaker_country", "speaker"} {
			if len(res.Facets[name]) == 0 {
				t.Errorf("%s: no %s facet", target, name)
			}
			for _, fv := range res.Facets[name] {
				var one search.Response
				q := fmt.Sprintf("%s&speaker_country=%s&%s=%s&size=0&facets=none", base, url.QueryEscape(tt.country), name, url.QueryEscape(fv.Value))
				if name == "speaker_country" {
					q = fmt.Sprintf("%s&speaker_country=%s&size=0&facets=none", base, url.QueryEscape(fv.Value))
				}
				get(t, s, q, &one)
				if one.Total != fv.Count {
					t.Errorf("%s: facet %s=%s counts %d, selecting it finds %d", target, name, fv.Value, fv.Count, one.Total)
				}
			}
		}
		// kind=statement keeps the speeches alone, still over two years.
		var st search.Response
		get(t, s, strings.Replace(target, "&histogram=year", "&histogram=year&kind=statement", 1), &st)
		years, statements := 0, 0
		for _, n := range statementYears {
			statements += n
		}
		for _, b := range st.Histogram.Buckets {
			if b.Count > 0 {
				years++
			}
		}
		if st.Total != statements || years < 2 {
			t.Errorf("%s&kind=statement: %d statements in %d years, the unfiltered answer has %v", target, st.Total, years, statementYears)
		}
		for _, h := range st.Hits {
			if h.Kind != "statement" {
				t.Errorf("%s&kind=statement: hit %s of kind %s", target, h.ID, h.Kind)
			}
		}
	}
}
