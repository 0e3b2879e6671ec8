package api

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// BenchmarkHTTPOverheadReuters measures what HTTP adds to a search in one
// run: each iteration runs the same query in process (the Request the handler
// would parse from the URL) and then over HTTP on loopback (parsing, the
// search, JSON encoding, middleware, the round trip, reading the body). It
// reports p50 and p99 of both and the ratio of the p50s; the target is at
// most 1.15. Interleaving the two keeps machine noise out of the ratio.
func BenchmarkHTTPOverheadReuters(b *testing.B) {
	store := searchtest.ReutersStore(b)
	e := search.New(store, nil, search.Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer e.Close(context.Background())
	top, err := e.Search(context.Background(), search.Request{Q: searchtest.BenchWord, Mode: search.ModeQuotes, Facets: []search.FacetSpec{{Name: "speaker", Size: 1}}})
	if err != nil || len(top.Facets["speaker"]) == 0 {
		b.Fatalf("no speaker: %v", err)
	}
	speaker := top.Facets["speaker"][0].Value
	srv := httptest.NewServer(New(e, Options{}, nil))
	defer srv.Close()
	c := srv.Client()
	for _, q := range searchtest.ReutersQueries {
		b.Run(q.Name, func(b *testing.B) {
			params := strings.ReplaceAll(q.Params, "{speaker}", speaker)
			v, err := url.ParseQuery(params)
			if err != nil {
				b.Fatal(err)
			}
			req, err := searchRequest(v)
			if err != nil {
				b.Fatal(err)
			}
			u := srv.URL + "/api/v1/search?" + params
			var inproc, overHTTP searchtest.Latencies
			for b.Loop() {
				start := time.Now()
				res, err := e.Search(context.Background(), req)
				inproc = append(inproc, time.Since(start))
				if err != nil || res.Total == 0 {
					b.Fatalf("%s in process: %v", q.Name, err)
				}
				start = time.Now()
				resp, err := c.Get(u)
				if err != nil {
					b.Fatal(err)
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				overHTTP = append(overHTTP, time.Since(start))
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("%s over HTTP: %d %v", q.Name, resp.StatusCode, err)
				}
			}
			p50 := func(l searchtest.Latencies) float64 {
				s := slices.Clone(l)
				slices.Sort(s)
				return float64(s[len(s)/2].Microseconds()) / 1000
			}
			p99 := func(l searchtest.Latencies) float64 {
				s := slices.Clone(l)
				slices.Sort(s)
				return float64(s[(len(s)-1)*99/100].Microseconds()) / 1000
			}
			b.ReportMetric(p50(inproc), "inproc-p50-ms")
			b.ReportMetric(p99(inproc), "inproc-p99-ms")
			b.ReportMetric(p50(overHTTP), "http-p50-ms")
			b.ReportMetric(p99(overHTTP), "http-p99-ms")
			b.ReportMetric(p50(overHTTP)/p50(inproc), "http/inproc")
		})
	}
}
