package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Client sends the request set to one searchd.
type Client struct {
	Base string
	HC   *http.Client
}

// NewClient returns a client of the searchd at base with enough idle
// connections for the highest concurrency of the load runs.
func NewClient(base string) *Client {
	tr := &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64, IdleConnTimeout: time.Minute}
	return &Client{Base: base, HC: &http.Client{Transport: tr, Timeout: 10 * time.Minute}}
}

// Reply is one timed HTTP exchange: status, the body (nil for exports,
// whose lines are only counted), the time to the body's end.
type Reply struct {
	Status  int
	Body    []byte
	Lines   int
	Header  http.Header
	Trailer http.Header
	Elapsed time.Duration
}

// Get sends one request and reads its whole answer. An export's body is
// counted in lines instead of kept.
func (c *Client) Get(ctx context.Context, path string, export bool) (Reply, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+path, nil)
	if err != nil {
		return Reply{}, fmt.Errorf("request %s: %w", path, err)
	}
	start := time.Now()
	resp, err := c.HC.Do(req)
	if err != nil {
		return Reply{}, fmt.Errorf("get %s: %w", path, err)
	}
	defer resp.Body.Close()
	rp := Reply{Status: resp.StatusCode, Header: resp.Header}
	if export && resp.StatusCode == http.StatusOK {
		rp.Lines, err = countLines(resp.Body)
	} else {
		rp.Body, err = io.ReadAll(resp.Body)
	}
	rp.Elapsed = time.Since(start)
	rp.Trailer = resp.Trailer
	if err != nil {
		return rp, fmt.Errorf("read %s: %w", path, err)
	}
	return rp, nil
}

func countLines(r io.Reader) (int, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	n := 0
	for {
		_, err := br.ReadSlice('\n')
		switch {
		case err == nil:
			n++
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			return n, nil
		default:
			return n, err
		}
	}
}

// searchReply is the part of a search answer the benchmark reads.
type searchReply struct {
	Total  int `json:"total"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Count int    `json:"count"`
	} `json:"facets"`
	Histogram *struct {
		Buckets []struct {
			Start string `json:"start"`
			Count int    `json:"count"`
		} `json:"buckets"`
		Undated int `json:"undated"`
		Series  []struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		} `json:"series"`
	} `json:"histogram"`
	Hits []struct {
		ID string `json:"id"`
	} `json:"hits"`
	NextCursor *string `json:"next_cursor"`
}

// ReadoutAnswer reads what a reply of searchd found.
func ReadoutAnswer(r Request, rp Reply) (Answer, error) {
	var a Answer
	if rp.Status != http.StatusOK {
		return a, fmt.Errorf("%s: status %d: %.300s", r.Kind, rp.Status, rp.Body)
	}
	if r.Export {
		n, err := strconv.Atoi(rp.Header.Get("X-Total-Count"))
		if err != nil {
			return a, fmt.Errorf("%s: X-Total-Count: %w", r.Kind, err)
		}
		if rp.Trailer.Get("X-Export-Complete") != "true" {
			return a, fmt.Errorf("%s: export not complete (no X-Export-Complete trailer)", r.Kind)
		}
		a.Total, a.Rows = n, rp.Lines
		return a, nil
	}
	var sr searchReply
	if err := json.Unmarshal(rp.Body, &sr); err != nil {
		return a, fmt.Errorf("%s: decode answer: %w", r.Kind, err)
	}
	a.Total = sr.Total
	if len(sr.Facets) > 0 {
		a.Facets = map[string]map[string]int{}
		for f, vs := range sr.Facets {
			a.Facets[f] = map[string]int{}
			for _, v := range vs {
				a.Facets[f][v.Value] = v.Count
			}
		}
	}
	if h := sr.Histogram; h != nil {
		a.Months = map[string]int{}
		for _, b := range h.Buckets {
			if b.Count > 0 && len(b.Start) >= 7 {
				a.Months[b.Start[:7]] += b.Count
			}
		}
		if h.Undated > 0 {
			a.Months["undated"] = h.Undated
		}
		if len(h.Series) > 0 {
			a.Series = map[string]int{}
			for _, s := range h.Series {
				a.Series[s.Value] = s.Count
			}
		}
	}
	for _, h := range sr.Hits {
		a.HitIDs = append(a.HitIDs, h.ID)
	}
	if sr.NextCursor != nil {
		a.next = *sr.NextCursor
	}
	return a, nil
}

// pagePath is the path of r's page after cursor ("" for the first).
func pagePath(r Request, cursor any) string {
	p := r.Path()
	if c, ok := cursor.(string); ok && c != "" {
		p += "&cursor=" + url.QueryEscape(c)
	}
	return p
}

// Load describes one fixed-time run of concurrent clients.
type Load struct {
	Concurrency int     `json:"concurrency"`
	Seconds     float64 `json:"seconds"`
	Requests    int     `json:"requests"` // answered with 2xx
	RPS         float64 `json:"rps"`
	Failed      int     `json:"failed"` // non-2xx or transport errors
	Busy        int     `json:"busy"`   // of them 429 too_busy (the cost budget's slots)
	SwapTo      string  `json:"swap_to,omitempty"`
	SwapServed  bool    `json:"swap_served,omitempty"`  // searchd answered from the new generation within swapWait
	SwapSeconds float64 `json:"swap_seconds,omitempty"` // from SIGHUP to the new generation served (polled every 100 ms)
}

// RunLoad sends paths round-robin (each client starting at its own offset)
// from conc clients for d, and counts answers. during, if not nil, runs
// once halfway through, concurrently with the load.
func (c *Client) RunLoad(ctx context.Context, paths []string, conc int, d time.Duration, during func()) Load {
	var ok, failed, busy atomic.Int64
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var wg sync.WaitGroup
	start := time.Now()
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ctx.Err() == nil; i++ {
				rp, err := c.Get(ctx, paths[i%len(paths)], false)
				switch {
				case ctx.Err() != nil:
					return // cut by the end of the run: not a failure
				case err != nil:
					failed.Add(1)
				case rp.Status == http.StatusTooManyRequests:
					failed.Add(1)
					busy.Add(1)
				case rp.Status/100 != 2:
					failed.Add(1)
				default:
					ok.Add(1)
				}
			}
		}()
	}
	if during != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case <-time.After(d / 2):
				during()
			case <-ctx.Done():
			}
		}()
	}
	wg.Wait()
	el := time.Since(start).Seconds()
	return Load{Concurrency: conc, Seconds: el, Requests: int(ok.Load()), RPS: float64(ok.Load()) / el,
		Failed: int(failed.Load()), Busy: int(busy.Load())}
}
