package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/runtimetune"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// BenchmarkHTTPOverheadReuters measures what HTTP adds to a search in one
// run. Each iteration runs the same query three ways:
//
//   - in process: engine.Search with the Request the handler would parse;
//   - over HTTP the way curl does it: the request written on one keep-alive
//     loopback connection and the response read back, both from the
//     benchmark goroutine (parsing, the search, JSON encoding, middleware,
//     the round trip, reading the body);
//   - over HTTP through Go's net/http client, whose per-connection read and
//     write goroutines add hand-offs of their own (reported, not the target).
//
// It reports p50 and p99 of each, the ratio of the p50s (http/inproc, the
// target being at most 1.15), and the engine's own time inside the server
// for the same HTTP requests (the response's took_ms) with http/engine:
// what HTTP adds to the very searches it carried. Interleaving keeps machine
// noise out of the ratios.
func BenchmarkHTTPOverheadReuters(b *testing.B) {
	runtimetune.Searchd() // as searchd does
	e, _, speaker := reutersEngine(b)
	srv := httptest.NewServer(New(e, Options{}, nil))
	defer srv.Close()
	client := srv.Client()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	rd := bufio.NewReader(conn)
	var body bytes.Buffer
	// get sends one request on conn and reads the whole response.
	get := func(target string) (*http.Response, error) {
		if _, err := fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: bench\r\nUser-Agent: bench\r\nAccept: */*\r\n\r\n", target); err != nil {
			return nil, err
		}
		resp, err := http.ReadResponse(rd, nil)
		if err != nil {
			return nil, err
		}
		body.Reset()
		_, err = io.Copy(&body, resp.Body)
		resp.Body.Close()
		return resp, err
	}
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
			target := "/api/v1/search?" + params
			var inproc, overHTTP, engine, goClient, floor searchtest.Latencies
			for b.Loop() {
				start := time.Now()
				res, err := e.Search(context.Background(), req)
				inproc = append(inproc, time.Since(start))
				if err != nil || res.Total == 0 {
					b.Fatalf("%s in process: %v", q.Name, err)
				}

				start = time.Now()
				resp, err := get(target)
				overHTTP = append(overHTTP, time.Since(start))
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("%s over HTTP: %v %v", q.Name, resp, err)
				}
				var took struct {
					TookMS float64 `json:"took_ms"`
				}
				if err := json.Unmarshal(body.Bytes(), &took); err != nil {
					b.Fatal(err)
				}
				engine = append(engine, time.Duration(took.TookMS*float64(time.Millisecond)))

				// The floor: the cheapest request there is, right after a
				// search, on the same connection.
				start = time.Now()
				if _, err := get("/healthz"); err != nil {
					b.Fatal(err)
				}
				floor = append(floor, time.Since(start))

				start = time.Now()
				gresp, err := client.Get(srv.URL + target)
				if err != nil {
					b.Fatal(err)
				}
				_, err = io.Copy(io.Discard, gresp.Body)
				gresp.Body.Close()
				goClient = append(goClient, time.Since(start))
				if err != nil || gresp.StatusCode != http.StatusOK {
					b.Fatalf("%s over net/http: %d %v", q.Name, gresp.StatusCode, err)
				}
			}
			b.ReportMetric(pct(inproc, 50), "inproc-p50-ms")
			b.ReportMetric(pct(inproc, 99), "inproc-p99-ms")
			b.ReportMetric(pct(overHTTP, 50), "http-p50-ms")
			b.ReportMetric(pct(overHTTP, 99), "http-p99-ms")
			b.ReportMetric(pct(overHTTP, 50)/pct(inproc, 50), "http/inproc")
			b.ReportMetric(pct(engine, 50), "engine-p50-ms")
			b.ReportMetric(pct(overHTTP, 50)/pct(engine, 50), "http/engine")
			b.ReportMetric(pct(floor, 50), "healthz-p50-ms")
			b.ReportMetric(pct(goClient, 50), "goclient-p50-ms")
			b.ReportMetric(pct(goClient, 50)/pct(inproc, 50), "goclient/inproc")
		})
	}
}

// pct returns the p-th percentile of l in milliseconds.
func pct(l searchtest.Latencies, p int) float64 {
	s := slices.Clone(l)
	slices.Sort(s)
	return float64(s[(len(s)-1)*p/100].Microseconds()) / 1000
}

// reutersEngine serves the Reuters index (built once per process) until the
// end of b, and returns the speaker quoted most often on searchtest.BenchWord,
// for the speaker-filtered benchmark query.
func reutersEngine(b *testing.B) (*search.Engine, *index.Store, string) {
	b.Helper()
	store := searchtest.ReutersStore(b)
	e := search.New(store, nil, search.Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = e.Close(context.Background()) })
	top, err := e.Search(context.Background(), search.Request{Q: searchtest.BenchWord, Mode: search.ModeQuotes, Facets: []search.FacetSpec{{Name: "speaker", Size: 1}}})
	if err != nil || len(top.Facets["speaker"]) == 0 {
		b.Fatalf("no speaker: %v", err)
	}
	return e, store, top.Facets["speaker"][0].Value
}
