package api_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/testutil"
)

// ungdSubset writes the speeches of a few countries from 2010 to 2020 of
// the UN General Debate corpus to dir (a file the shipped mapping matches)
// and returns its path and, by id, the year and whether the body says
// "de-escalation".
func ungdSubset(t *testing.T, dir string) (string, map[string]int, map[string]bool) {
	t.Helper()
	countries := []string{"USA", "RUS", "CHN", "FRA", "GBR", "DEU", "UKR", "SYR", "KAZ", "ARE", "EU"}
	p := filepath.Join(dir, "ungd-2010-2020.jsonl")
	years, says := map[string]int{}, map[string]bool{}
	testutil.Subset(t, testutil.Corpus(t, "ungd-1990-2024.jsonl.gz"), p, func(_ int, rec []byte) bool {
		var r struct{ ID, Body string }
		if err := json.Unmarshal(rec, &r); err != nil {
			t.Fatal(err)
		}
		parts := strings.Split(r.ID, "-") // ungd-USA-75-2020
		y, _ := strconv.Atoi(parts[len(parts)-1])
		if y < 2010 || y > 2020 || !slices.Contains(countries, parts[1]) {
			return false
		}
		years[r.ID], says[r.ID] = y, strings.Contains(strings.ToLower(r.Body), "de-escalation")
		return true
	})
	return p, years, says
}

// TestUNGeneralDebateMapping: the UN General Debate file built with the
// mapping shipped in examples/ungd.yaml: every speech dated by its year
// and spoken by its country; what the United States said about
// de-escalation, year by year; a from filter finds the speeches of 2014
// and later.
func TestUNGeneralDebateMapping(t *testing.T) {
	dir := t.TempDir()
	corpus, years, says := ungdSubset(t, dir)
	m, err := ingest.LoadMapping(filepath.Join(testutil.RepoRoot(), "examples", "ungd.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	store, err := index.OpenStore(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Build(context.Background(), index.BuildOptions{
		Inputs: []ingest.Input{ingest.OSInput(corpus)}, Ingest: ingest.Options{Mapping: m, Strict: true}, Extractor: x,
	}); err != nil {
		t.Fatal(err)
	}
	e := search.New(store, nil, search.Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	s := api.New(e, api.Options{}, nil)

	var st search.Stats
	get(t, s, "/api/v1/stats", &st)
	if st.Articles != len(years) || st.Undated != 0 || st.DateSpan == nil || st.DateSpan.From.Year() != 2010 || st.DateSpan.To.Year() != 2020 {
		t.Errorf("stats %+v: want %d speeches, none undated, 2010 to 2020", st, len(years))
	}

	var res search.Response
	get(t, s, "/api/v1/search?q=de-escalation&speaker_country=US&histogram=year&mode=quotes&facets=none&size=100", &res)
	t.Logf("q=de-escalation&speaker_country=US&histogram=year&mode=quotes: total %d, histogram %+v", res.Total, res.Histogram)
	wantYears := map[int]bool{}
	for id, ok := range says {
		if ok && strings.HasPrefix(id, "ungd-USA-") {
			wantYears[years[id]] = true
		}
	}
	if res.Total == 0 || len(wantYears) == 0 {
		t.Fatalf("no statement of the United States on de-escalation (speeches saying it in %v)", wantYears)
	}
	sum := 0
	for _, b := range res.Histogram.Buckets {
		y, _ := strconv.Atoi(b.Start[:4])
		sum += b.Count
		if b.Count > 0 != wantYears[y] || b.Start[4:] != "-01-01" {
			t.Errorf("bucket %+v: want statements in the years %v only", b, wantYears)
		}
	}
	if res.Histogram.Interval != "year" || sum != res.Total || res.Histogram.Undated != 0 || res.Histogram.Imprecise != 0 {
		t.Errorf("histogram %+v of %d statements", res.Histogram, res.Total)
	}
	for _, h := range res.Hits {
		if h.DatePrecision != "year" || h.Published.Year() != years[h.ArticleID] || h.Speaker == nil || h.Speaker.Country != "US" || h.Kind != "statement" {
			t.Errorf("hit %s: %s (%s), speaker %+v, kind %s", h.ID, h.Published, h.DatePrecision, h.Speaker, h.Kind)
		}
	}
	if len(res.Hits) > 0 {
		b, _ := json.Marshal(res.Hits[0])
		t.Logf("first hit: %.400s", b)
	}

	var from search.Response
	get(t, s, "/api/v1/search?q=de-escalation&from=2014-01-01&facets=none&size=100", &from)
	var got []string
	for _, h := range from.Hits {
		got = append(got, h.ID)
		if h.Published.Year() < 2014 || h.DatePrecision != "year" {
			t.Errorf("from=2014-01-01: hit %s of %s (%s)", h.ID, h.Published, h.DatePrecision)
		}
	}
	for id, ok := range says {
		if ok && years[id] >= 2014 && !slices.Contains(got, id) {
			t.Errorf("from=2014-01-01: %s (%d) says de-escalation and is missing from %v", id, years[id], got)
		}
	}
	var mid search.Response // a range inside a year finds that year's speeches
	get(t, s, "/api/v1/search?from=2016-10-01&to=2016-11-01&facets=none&size=0", &mid)
	n2016 := 0
	for _, y := range years {
		if y == 2016 {
			n2016++
		}
	}
	if mid.Total != n2016 {
		t.Errorf("October 2016: %d speeches, want the %d of 2016", mid.Total, n2016)
	}
	var newest search.Response
	get(t, s, "/api/v1/search?sort=newest&facets=none&size=1", &newest)
	if len(newest.Hits) != 1 || newest.Hits[0].Published.Year() != 2020 {
		t.Errorf("sort=newest: %+v, want a speech of 2020", newest.Hits)
	}
}
