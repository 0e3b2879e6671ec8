package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeSearchd answers the request set as searchd's JSON would: a total
// and facets that depend on q, three cursor pages, an export of three
// rows; facets unless facets=none. skew adds one to the JP count of the country facet when q is set;
// noExport answers exports 501 as a partitioned node does.
func fakeSearchd(t *testing.T, skew, noExport bool) *httptest.Server {
	t.Helper()
	return fakeSearchdCounting(t, skew, noExport, new(atomic.Int64))
}

// fakeSearchdCounting is fakeSearchd counting the requests it gets.
func fakeSearchdCounting(t *testing.T, skew, noExport bool, n *atomic.Int64) *httptest.Server {
	t.Helper()
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		q := r.URL.Query()
		if r.URL.Path == "/api/v1/export" {
			if noExport {
				w.WriteHeader(http.StatusNotImplemented)
				fmt.Fprint(w, `{"error":{"code":"partitioned_unsupported"}}`)
				return
			}
			w.Header().Set("Trailer", "X-Export-Complete")
			w.Header().Set("X-Total-Count", "3")
			fmt.Fprint(w, "{}\n{}\n{}\n")
			w.Header().Set("X-Export-Complete", "true")
			return
		}
		jp := 7
		if skew && q.Get("q") != "" {
			jp++
		}
		page := 1
		if c := q.Get("cursor"); c != "" {
			fmt.Sscanf(c, "p%d", &page)
			page++
		}
		ans := map[string]any{
			"total": 10 + len(q.Get("q")),
			"facets": map[string]any{
				"country": []map[string]any{{"value": "JP", "count": jp}, {"value": "FR", "count": 3}},
				"speaker": []map[string]any{{"value": "Ana Ruiz", "count": 4}},
			},
			"histogram": map[string]any{"buckets": []map[string]any{{"start": "2020-01-01", "count": 5}}},
			"hits":      []map[string]any{{"id": fmt.Sprintf("a%d", page)}},
		}
		if q.Get("facets") == "none" {
			delete(ans, "facets")
		}
		if page < 3 {
			ans["next_cursor"] = fmt.Sprintf("p%d", page)
		}
		json.NewEncoder(w).Encode(ans)
	}))
}

// TestNodes times the set on three systems: one like the baseline, one
// whose facet counts differ under q (listed as differences), and one
// spread over two URLs that refuses exports (reported as not served).
// The load at concurrency 1 keeps to the first URL of each system, so the
// second's requests are the timed runs', which alternate.
func TestNodes(t *testing.T) {
	base, same, skewed := fakeSearchd(t, false, false), fakeSearchd(t, false, false), fakeSearchd(t, true, false)
	var part2Hits atomic.Int64
	part1, part2 := fakeSearchd(t, false, true), fakeSearchdCounting(t, false, true, &part2Hits)
	for _, s := range []*httptest.Server{base, same, skewed, part1, part2} {
		defer s.Close()
	}
	o := NodesOptions{
		Systems: []System{{Label: "one", URLs: []string{base.URL}}, {Label: "same", URLs: []string{same.URL}},
			{Label: "skewed", URLs: []string{skewed.URL}}, {Label: "parts", URLs: []string{part1.URL, part2.URL}}},
		Procs: []Proc{{Label: "self", PID: os.Getpid()}},
		Words: DefaultWords,
		Runs:  3, Warmups: 1, DeepPages: 5, ExportRows: 3,
		LoadTime: 200 * time.Millisecond, Concurrency: []int{1},
		Command: "bench nodes (test)",
	}
	res, err := Nodes(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Picks.Country != "JP" || res.Picks.Speaker != "Ana Ruiz" {
		t.Errorf("picks %+v", res.Picks)
	}
	if len(res.Requests) != len(Kinds) {
		t.Fatalf("%d requests, want %d", len(res.Requests), len(Kinds))
	}
	for _, q := range res.Requests {
		for i := range o.Systems {
			served := !(q.Kind == KindExport && i == 3)
			switch {
			case served && (q.Status[i] != 200 || q.Latency[i].N != 3):
				t.Errorf("%s on %s: status %d, %d runs; want 200, 3", q.Kind, o.Systems[i].Label, q.Status[i], q.Latency[i].N)
			case !served && (q.Status[i] != 501 || q.Latency[i].N != 0):
				t.Errorf("%s on %s: status %d, %d runs; want 501, none timed", q.Kind, o.Systems[i].Label, q.Status[i], q.Latency[i].N)
			}
		}
		if len(q.Diffs[1]) != 0 || len(q.Diffs[3]) != 0 {
			t.Errorf("%s: equal systems differ: %v, %v", q.Kind, q.Diffs[1], q.Diffs[3])
		}
		wantSkew := q.Kind == KindBroad || q.Kind == KindNarrow
		if got := len(q.Diffs[2]) > 0; got != wantSkew {
			t.Errorf("%s: skewed system differs %v (%v), want %v", q.Kind, got, q.Diffs[2], wantSkew)
		} else if wantSkew && !strings.Contains(q.Diffs[2][0], "facet country: 1 of 2 differ (JP: this 8, baseline 7)") {
			t.Errorf("%s: diff %q", q.Kind, q.Diffs[2][0])
		}
		if q.Kind == KindDeep && !strings.Contains(q.Label, "cursor page 3") {
			t.Errorf("deep label %q: want the last page, 3", q.Label)
		}
	}
	// 2 deep pages, 11 warm-up requests and 33 timed, alternating.
	if n := part2Hits.Load(); n < 20 || n > 26 {
		t.Errorf("the second URL of a system got %d requests, want half of 46", n)
	}
	if len(res.Loads) != 4 {
		t.Fatalf("%d loads, want 4", len(res.Loads))
	}
	for _, l := range res.Loads {
		if l.Load.Requests == 0 || l.Load.Failed != 0 {
			t.Errorf("load %s c=%d: %+v", l.System, l.Load.Concurrency, l.Load)
		}
		if _, ok := l.CPU["self"]; !ok {
			t.Errorf("load %s: no CPU seconds of the watched process", l.System)
		}
	}
	if res.MemoryMB["self"] <= 0 {
		t.Errorf("memory %v", res.MemoryMB)
	}
	var buf bytes.Buffer
	if err := WriteNodesReport(&buf, res); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"not served (501)", " ≠ |", "broad, skewed: facet country", "| parts | 1 |", "CPU s self", "**one** (the baseline)"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
}

// TestNodesLoadSpread checks that a load over several URLs sends each a
// share of the clients and adds their answers up.
func TestNodesLoadSpread(t *testing.T) {
	var hits [2]atomic.Int64
	var srv [2]*httptest.Server
	for i := range srv {
		srv[i] = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits[i].Add(1)
			time.Sleep(time.Millisecond)
		}))
		defer srv[i].Close()
	}
	ld := runLoadOver(context.Background(), []*Client{NewClient(srv[0].URL), NewClient(srv[1].URL)}, []string{"/x"}, 2, 200*time.Millisecond)
	// A request in flight when the run ends reaches its server but is
	// not counted: at most one a client.
	h0, h1 := hits[0].Load(), hits[1].Load()
	if sent := h0 + h1; h0 == 0 || h1 == 0 || int64(ld.Requests) > sent || sent-int64(ld.Requests) > 2 || ld.Failed != 0 || ld.Concurrency != 2 {
		t.Errorf("load %+v, server hits %d and %d", ld, h0, h1)
	}
}
