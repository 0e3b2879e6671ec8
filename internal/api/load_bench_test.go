package api

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/runtimetune"
	"github.com/readout/readout/internal/search/searchtest"
)

var (
	loadDuration = flag.Duration("load.duration", 60*time.Second, "BenchmarkLoadMixedReuters: length of the loaded phase")
	loadBaseline = flag.Duration("load.baseline", 20*time.Second, "BenchmarkLoadMixedReuters: length of the unloaded phase")
	loadControl  = flag.Bool("load.control", false, "BenchmarkLoadMixedReuters: the 4 extra clients send normal queries too (what 4 more clients cost by themselves)")
)

// Load mix: how many of the 16 loopback clients send normal queries, and
// how many send expensive or hostile ones.
const (
	loadNormalClients    = 12
	loadExpensiveClients = 4
)

// expensiveRequests are what an attacker or an unlucky user sends: fuzzy
// and prefix floods (the parser refuses them with 400), two-letter prefixes
// past the expansion budget (400), and requests that are legitimate but
// costly: fuzzy terms with two edits, the whole archive with six facets and
// a histogram, the broadest word, a split histogram, an export of every
// quote, a broad OR of common words. 400 and 429 are the expected answers
// of a bounded searchd; a 5xx or a broken body is a failure.
func expensiveRequests() []string {
	return []string{
		"/api/v1/search?q=" + url.QueryEscape(searchtest.HostileFuzzy()),
		"/api/v1/search?q=" + url.QueryEscape(searchtest.HostilePrefixes()),
		"/api/v1/search?q=" + url.QueryEscape("co* OR in* OR re* OR st*"),
		"/api/v1/search?q=" + url.QueryEscape("government~2 OR minister~2 OR economy~2 OR currency~2") + "&histogram=month",
		"/api/v1/search?histogram=month&facets=speaker,person,org,place,country,source",
		"/api/v1/search?q=said&histogram=month&facets=speaker,person,org,place,country,source&sort=newest",
		"/api/v1/search?q=oil&histogram=month&split=country:5&size=0",
		"/api/v1/export?mode=quotes&format=csv&limit=100000",
		"/api/v1/search?q=" + url.QueryEscape("oil OR gas OR said OR year OR company OR bank") + "&size=100&mode=quotes",
	}
}

// BenchmarkLoadMixedReuters is the bounded load test of the hardening
// work, on loopback only: 12 clients send the normal benchmark queries
// (searchtest.ReutersQueries) alone for -load.baseline, then the same 12
// with 4 clients sending expensiveRequests for -load.duration, during
// which the served generation is swapped (a fresh open of the current
// generation through Engine.Serve, as a reload does). It reports the
// normal queries' p50 and p99 in both phases, their ratio (the target:
// p99 loaded/unloaded at most 2), and failures: a normal query that does
// not answer 200, or any request answering 5xx or breaking off.
//
//	go test -run '^$' -bench LoadMixedReuters -benchtime 1x ./internal/api/
func BenchmarkLoadMixedReuters(b *testing.B) {
	runtimetune.Searchd()
	e, store, speaker := reutersEngine(b)
	var normal []string
	for _, q := range searchtest.ReutersQueries {
		normal = append(normal, "/api/v1/search?"+strings.ReplaceAll(q.Params, "{speaker}", speaker))
	}
	srv := httptest.NewServer(New(e, Options{}, nil))
	defer srv.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Minute}

	for b.Loop() {
		base := runLoad(b, client, srv.URL, normal, nil, *loadBaseline, nil)
		swapped := make(chan error, 1)
		swap := func() {
			info, err := store.Current()
			if err == nil {
				var g *index.Generation
				g, err = index.OpenGeneration(info)
				if err == nil {
					e.Serve(g, g.Meta.JournalSeq)
				}
			}
			swapped <- err
		}
		extra := expensiveRequests()
		if *loadControl {
			extra = normal
		}
		loaded := runLoad(b, client, srv.URL, normal, extra, *loadDuration, swap)
		if err := <-swapped; err != nil {
			b.Fatalf("swap: %v", err)
		}
		b.ReportMetric(base.pct(50), "unloaded-p50-ms")
		b.ReportMetric(base.pct(99), "unloaded-p99-ms")
		b.ReportMetric(loaded.pct(50), "loaded-p50-ms")
		b.ReportMetric(loaded.pct(99), "loaded-p99-ms")
		b.ReportMetric(loaded.pct(99)/base.pct(99), "p99-loaded/unloaded")
		b.ReportMetric(float64(len(base.lat)+len(loaded.lat)), "normal-requests")
		b.ReportMetric(float64(base.failed+loaded.failed), "failed")
		b.ReportMetric(float64(loaded.expensive), "expensive-requests")
		b.ReportMetric(float64(loaded.refused), "expensive-400-429")
		for _, f := range append(base.failures, loaded.failures...) {
			b.Log("failure:", f)
		}
		if n := base.failed + loaded.failed; n > 0 {
			b.Errorf("%d requests failed", n)
		}
	}
}

type loadResult struct {
	mu        sync.Mutex
	lat       []time.Duration
	failed    int
	failures  []string // the first few
	expensive int
	refused   int
}

func (r *loadResult) fail(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed++
	if len(r.failures) < 10 {
		r.failures = append(r.failures, msg)
	}
}

func (r *loadResult) pct(p int) float64 {
	s := slices.Clone(r.lat)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return float64(s[(len(s)-1)*p/100].Microseconds()) / 1000
}

// runLoad runs loadNormalClients clients over normal, and (when expensive
// is not empty) loadExpensiveClients over expensive, for d; swap, if not
// nil, runs once halfway.
func runLoad(b *testing.B, client *http.Client, base string, normal, expensive []string, d time.Duration, swap func()) *loadResult {
	b.Helper()
	res := &loadResult{}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var wg sync.WaitGroup
	var next atomic.Int64
	get := func(target string) (int, error) {
		resp, err := client.Get(base + target)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			return resp.StatusCode, fmt.Errorf("body: %w", err)
		}
		return resp.StatusCode, nil
	}
	for range loadNormalClients {
		wg.Go(func() {
			for ctx.Err() == nil {
				target := normal[int(next.Add(1))%len(normal)]
				start := time.Now()
				code, err := get(target)
				took := time.Since(start)
				if err != nil || code != http.StatusOK {
					res.fail(fmt.Sprintf("%s: %d %v", target, code, err))
					continue
				}
				res.mu.Lock()
				res.lat = append(res.lat, took)
				res.mu.Unlock()
			}
		})
	}
	if len(expensive) > 0 {
		for c := range loadExpensiveClients {
			wg.Go(func() {
				for i := c; ctx.Err() == nil; i += loadExpensiveClients {
					target := expensive[i%len(expensive)]
					code, err := get(target)
					res.mu.Lock()
					res.expensive++
					if code == http.StatusBadRequest || code == http.StatusTooManyRequests {
						res.refused++
					}
					res.mu.Unlock()
					if err != nil || code >= 500 {
						res.fail(fmt.Sprintf("%s: %d %v", target, code, err))
					}
					if code == http.StatusTooManyRequests {
						time.Sleep(100 * time.Millisecond) // as Retry-After asks
					}
				}
			})
		}
	}
	if swap != nil {
		wg.Go(func() {
			select {
			case <-time.After(d / 2):
			case <-ctx.Done():
			}
			swap()
		})
	}
	wg.Wait()
	return res
}
