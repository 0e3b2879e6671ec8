package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// BenchmarkHTTPSearchReuters runs the queries of internal/search
// BenchmarkSearchReuters over HTTP (loopback, keep-alive, JSON decoded) and
// reports p50/p99 latency; the difference is what the HTTP layer adds.
func BenchmarkHTTPSearchReuters(b *testing.B) {
	store := searchtest.ReutersStore(b)
	e := search.New(store, nil, search.Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer e.Close(context.Background())
	// The speaker quoted most often on oil, so that the speaker-filtered
	// query (q=oil) has hits whatever extraction finds.
	top, err := e.Search(context.Background(), search.Request{Q: searchtest.BenchWord, Mode: search.ModeQuotes, Facets: []search.FacetSpec{{Name: "speaker", Size: 1}}})
	if err != nil || len(top.Facets["speaker"]) == 0 {
		b.Fatalf("no speaker: %v", err)
	}
	speaker := top.Facets["speaker"][0].Value
	srv := httptest.NewServer(api.New(e, api.Options{}, nil))
	defer srv.Close()
	c := srv.Client()
	for _, q := range searchtest.ReutersQueries {
		b.Run(q.Name, func(b *testing.B) {
			u := srv.URL + "/api/v1/search?" + strings.ReplaceAll(q.Params, "{speaker}", speaker)
			want := -1
			lat := make(searchtest.Latencies, 0, b.N)
			b.ReportAllocs()
			for b.Loop() {
				start := time.Now()
				resp, err := c.Get(u)
				if err != nil {
					b.Fatal(err)
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				// The answer starts with {"total":N; reading the body is
				// the client's share, decoding it all is not the server's.
				var res struct{ Total int }
				if err == nil {
					err = json.Unmarshal(totalPrefix(body), &res)
				}
				lat = append(lat, time.Since(start))
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("%s: %d %v", q.Name, resp.StatusCode, err)
				}
				if want < 0 {
					want = res.Total
				}
				if res.Total != want || res.Total == 0 {
					b.Fatalf("%s: total %d, want %d", q.Name, res.Total, want)
				}
				b.SetBytes(int64(len(body)))
			}
			lat.Report(b)
		})
	}
}

// totalPrefix returns {"total":N} from the start of a search answer.
func totalPrefix(body []byte) []byte {
	end := bytes.IndexByte(body, ',')
	if end < 0 {
		return body
	}
	return append(body[:end:end], '}')
}
