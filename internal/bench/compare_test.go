package bench

import (
	"net/http"
	"reflect"
	"testing"
)

func TestCompare(t *testing.T) {
	base := func() Answer {
		return Answer{Total: 10, Facets: map[string]map[string]int{"country": {"US": 7, "JP": 3}},
			Months: map[string]int{"1987-03": 6, "1987-04": 4}, HitIDs: []string{"a", "b"}}
	}
	tests := []struct {
		name   string
		r      Request
		change func(*Answer)
		want   []string
	}{
		{"equal", Request{Kind: KindBroad}, func(*Answer) {}, nil},
		{"total", Request{Kind: KindPhrase}, func(a *Answer) { a.Total = 12 }, []string{"total: Readout 10, FTS5 12"}},
		{"facet count", Request{Kind: KindBroad}, func(a *Answer) { a.Facets["country"]["JP"] = 4 },
			[]string{"facet country: 1 values differ (JP: Readout 3, FTS5 4)"}},
		// A value missing from one top list is a tie at the cut, not a difference.
		{"facet value missing", Request{Kind: KindBroad}, func(a *Answer) { delete(a.Facets["country"], "JP") }, nil},
		{"month", Request{Kind: KindBroad}, func(a *Answer) { a.Months["1987-05"] = 1 },
			[]string{"histogram: 1 of 3 differ (1987-05: Readout 0, FTS5 1)"}},
		{"split", Request{Kind: KindSplit}, func(a *Answer) { a.Series = map[string]int{"US": 3} },
			[]string{"split series: 1 of 1 differ (US: Readout 0, FTS5 3)"}},
		{"deep page", Request{Kind: KindDeep}, func(a *Answer) { a.HitIDs = []string{"a", "c"} },
			[]string{"page hits differ from position 2 (Readout 2 hits, FTS5 2)"}},
		// Other pages are ranked by different scores: their hits are not compared.
		{"top page", Request{Kind: KindTop10}, func(a *Answer) { a.HitIDs = []string{"b", "a"} }, nil},
		{"export rows", Request{Kind: KindExport, Export: true}, func(a *Answer) { a.Rows = 5 },
			[]string{"export rows: Readout 0, FTS5 5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ft := base()
			tt.change(&ft)
			if got := Compare(tt.r, base(), ft); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Compare = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadoutAnswer(t *testing.T) {
	body := `{"total": 12, "facets": {"country": [{"value": "US", "label": "United States", "count": 9}]},
		"histogram": {"interval": "month", "buckets": [{"start": "1987-03-01", "count": 5}, {"start": "1987-04-01", "count": 0},
			{"start": "1987-05-01", "count": 6}], "undated": 1,
			"series": [{"value": "US", "count": 8}]},
		"hits": [{"id": "a"}, {"id": "b"}], "next_cursor": "abc"}`
	a, err := ReadoutAnswer(Request{Kind: KindBroad}, Reply{Status: http.StatusOK, Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	want := Answer{Total: 12, Facets: map[string]map[string]int{"country": {"US": 9}},
		Months: map[string]int{"1987-03": 5, "1987-05": 6, "undated": 1}, Series: map[string]int{"US": 8},
		HitIDs: []string{"a", "b"}, next: "abc"}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("ReadoutAnswer = %+v, want %+v", a, want)
	}
	if _, err := ReadoutAnswer(Request{Kind: KindBroad}, Reply{Status: 429, Body: []byte(`{}`)}); err == nil {
		t.Error("a 429: no error")
	}
	exp := Reply{Status: http.StatusOK, Lines: 7, Header: http.Header{"X-Total-Count": {"9"}}, Trailer: http.Header{}}
	if _, err := ReadoutAnswer(Request{Kind: KindExport, Export: true}, exp); err == nil {
		t.Error("an export without its completion trailer: no error")
	}
	exp.Trailer.Set("X-Export-Complete", "true")
	if a, err := ReadoutAnswer(Request{Kind: KindExport, Export: true}, exp); err != nil || a.Total != 9 || a.Rows != 7 {
		t.Errorf("export: %+v, %v; want total 9, 7 rows", a, err)
	}
}
