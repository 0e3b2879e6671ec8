package api_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/runtimetune"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

func TestExportHTTP(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	// What search finds, to compare with.
	var quotes search.Response
	get(t, s, "/api/v1/search?mode=quotes&sort=oldest&size=100&facets=none", &quotes)

	t.Run("csv quotes", func(t *testing.T) {
		rec := do(t, s, http.MethodGet, "/api/v1/export?mode=quotes&sort=oldest&format=csv", nil, nil, nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
			!strings.Contains(rec.Header().Get("Content-Disposition"), `.csv"`) {
			t.Fatalf("%d %v", rec.Code, rec.Header())
		}
		rows, err := csv.NewReader(rec.Body).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], []string{"id", "article_id", "published", "date_precision", "source", "speaker_id", "speaker", "speaker_as_written", "cue", "kind", "text", "title", "url"}) {
			t.Fatalf("header %v", rows[0])
		}
		if len(rows)-1 != len(quotes.Hits) || rec.Header().Get("X-Total-Count") != strconv.Itoa(quotes.Total) {
			t.Fatalf("%d rows, X-Total-Count %s; search finds %d", len(rows)-1, rec.Header().Get("X-Total-Count"), quotes.Total)
		}
		for i, h := range quotes.Hits {
			r := rows[i+1]
			if r[0] != h.ID || r[1] != h.ArticleID || r[3] != h.DatePrecision || r[10] != h.Text || r[11] != h.Title {
				t.Errorf("row %d %v, hit %+v", i, r, h)
			}
			if h.Speaker != nil && (r[5] != h.Speaker.ID || r[6] != h.Speaker.Name) {
				t.Errorf("row %d speaker %q %q, hit %+v", i, r[5], r[6], h.Speaker)
			}
			if !h.Published.IsZero() && r[2] != h.Published.UTC().Format("2006-01-02T15:04:05Z07:00") {
				t.Errorf("row %d published %q, hit %v", i, r[2], h.Published)
			}
		}
	})

	t.Run("jsonl articles with limit", func(t *testing.T) {
		var articles search.Response
		get(t, s, "/api/v1/search?q=grain&sort=newest&size=5&facets=none&highlight=false", &articles)
		rec := do(t, s, http.MethodGet, "/api/v1/export?q=grain&sort=newest&limit=5", nil, nil, nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/x-ndjson") {
			t.Fatalf("%d %v", rec.Code, rec.Header())
		}
		var got []string
		sc := bufio.NewScanner(rec.Body)
		for sc.Scan() {
			var h search.Hit
			if err := json.Unmarshal(sc.Bytes(), &h); err != nil {
				t.Fatalf("line %q: %v", sc.Text(), err)
			}
			// Each line is the hit as search answers it, field by field.
			if i := len(got); i < len(articles.Hits) && !reflect.DeepEqual(h, articles.Hits[i]) {
				t.Errorf("line %d %+v, search hit %+v", i, h, articles.Hits[i])
			}
			got = append(got, h.ID)
		}
		if !slices.Equal(got, hitIDs(articles)) || rec.Header().Get("X-Total-Count") != strconv.Itoa(articles.Total) || articles.Total <= 5 {
			t.Errorf("export %v (total %s), search %v (total %d)", got, rec.Header().Get("X-Total-Count"), hitIDs(articles), articles.Total)
		}
	})

	bad := []struct{ target, code, param string }{
		{"/api/v1/export?format=xml", "bad_request", "format"},
		{"/api/v1/export?limit=0", "bad_request", "limit"},
		{"/api/v1/export?limit=ten", "bad_request", "limit"},
		{"/api/v1/export?limit=1000000", "limit_exceeded", "limit"},
		{"/api/v1/export?cursor=abc", "bad_request", "cursor"},
		{"/api/v1/export?q=%22open", "invalid_query", "q"},
		{"/api/v1/export?sort=random", "bad_request", "sort"},
	}
	for _, tt := range bad {
		var eb errorBody
		if code := get(t, s, tt.target, &eb); code != 400 || eb.Error.Code != tt.code || eb.Error.Param != tt.param {
			t.Errorf("%s: %d %+v, want 400 %s %s", tt.target, code, eb.Error, tt.code, tt.param)
		}
	}
}

// TestExportCSVInert: cells that a spreadsheet would run as formulas are
// exported with a leading apostrophe; nothing else changes.
func TestExportCSVInert(t *testing.T) {
	s, _ := newServer(t, api.Options{AdminToken: "t"})
	auth := map[string]string{"Authorization": "Bearer t"}
	art := `{"id":"f1","title":"=HYPERLINK(\"http://x\")","body":"Plain body.","source":"+Wire","published":"2024-01-02"}`
	if rec := do(t, s, http.MethodPut, "/api/v1/admin/articles/f1", strings.NewReader(art), auth, nil); rec.Code != 200 {
		t.Fatalf("put: %d %s", rec.Code, rec.Body)
	}
	rec := do(t, s, http.MethodGet, "/api/v1/export?format=csv&q=plain", nil, nil, nil)
	rows, err := csv.NewReader(bytes.NewReader(rec.Body.Bytes())).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v %v", rows, err)
	}
	if r := rows[1]; r[0] != "f1" || r[3] != "'+Wire" || r[4] != `'=HYPERLINK("http://x")` {
		t.Errorf("row %q", r)
	}
}

// TestExportDatePrecision: a year or month date is exported with its
// precision, in the CSV column and in JSON Lines, and a day date without.
func TestExportDatePrecision(t *testing.T) {
	s, _ := newServer(t, api.Options{AdminToken: "t"})
	auth := map[string]string{"Authorization": "Bearer t"}
	for id, date := range map[string]string{"p-year": "2019", "p-month": "2019-11", "p-day": "2019-11-05"} {
		art := `{"id":"` + id + `","title":"Precision test","body":"Harbour precision body.","published":"` + date + `"}`
		if rec := do(t, s, http.MethodPut, "/api/v1/admin/articles/"+id, strings.NewReader(art), auth, nil); rec.Code != 200 {
			t.Fatalf("put %s: %d %s", id, rec.Code, rec.Body)
		}
	}
	want := map[string]string{"p-year": "year", "p-month": "month", "p-day": ""}
	rec := do(t, s, http.MethodGet, "/api/v1/export?format=csv&q=precision", nil, nil, nil)
	rows, err := csv.NewReader(bytes.NewReader(rec.Body.Bytes())).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][2] != "date_precision" {
		t.Fatalf("%d %v %v", rec.Code, rows, err)
	}
	for _, r := range rows[1:] {
		if w, ok := want[r[0]]; !ok || r[2] != w {
			t.Errorf("csv row %q: date_precision %q, want %q", r[0], r[2], w)
		}
	}
	rec = do(t, s, http.MethodGet, "/api/v1/export?format=jsonl&q=precision", nil, nil, nil)
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(rec.Body.String()), "\n") {
		var h search.Hit
		if err := json.Unmarshal([]byte(line), &h); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if h.DatePrecision != want[h.ID] {
			t.Errorf("jsonl %s: date_precision %q, want %q", h.ID, h.DatePrecision, want[h.ID])
		}
		n++
	}
	if n != 3 {
		t.Errorf("%d jsonl rows, want 3", n)
	}
}

// bigDocs are n invented articles quoting two people each at length, so
// that an export of their quotes (about 300 KB for 300 articles) takes
// several pages and far exceeds the socket buffers of smallBuffers (a
// client that stops reading holds some 45 KB).
func bigDocs(n int) []searchtest.Doc {
	long := strings.Repeat("The delegations discussed grain, fuel and the border at length. ", 6)
	docs := make([]searchtest.Doc, n)
	for i := range docs {
		day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
		docs[i] = searchtest.Article(fmt.Sprintf("b%04d", i), fmt.Sprintf("Talks, round %d", i), day.Format(time.RFC3339),
			"Wire A", []string{"UA"}, []string{long},
			searchtest.Q{By: searchtest.Kovac, Text: long + "First."}, searchtest.Q{By: searchtest.Lind, Text: long + "Second."})
	}
	return docs
}

// smallBuffers shrinks the send buffer of every accepted connection, so
// that the writes of a server whose client stops reading block soon.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(4 << 10)
	}
	return c, err
}

// rawGet sends a GET for target on a new connection with a small receive
// buffer and reads nothing.
func rawGet(t *testing.T, addr, target string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	_ = c.(*net.TCPConn).SetReadBuffer(4 << 10)
	if _, err := fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: test\r\n\r\n", target); err != nil {
		t.Fatal(err)
	}
	return c
}

// exportsCounted is readout_exports_total{outcome} as /metrics shows it.
func exportsCounted(t *testing.T, s http.Handler, outcome string) int {
	t.Helper()
	rec := do(t, s, http.MethodGet, "/metrics", nil, nil, nil)
	prefix := `readout_exports_total{outcome="` + outcome + `"} `
	for line := range strings.Lines(rec.Body.String()) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), prefix); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatalf("metric %q", line)
			}
			return n
		}
	}
	t.Fatalf("no %s in /metrics", prefix)
	return 0
}

// waitExport waits until the server counted an export with outcome, that
// is until its handler returned (and released the generation).
func waitExport(t *testing.T, s http.Handler, outcome string) {
	t.Helper()
	for start := time.Now(); exportsCounted(t, s, outcome) == 0; time.Sleep(10 * time.Millisecond) {
		if time.Since(start) > time.Minute {
			t.Fatalf("no export ended %q", outcome)
		}
	}
}

// readAborted reads the response on c and returns its status, the number
// of body bytes read and the error that ended the body.
func readAborted(t *testing.T, c net.Conn) (int, int64, error) {
	t.Helper()
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	n, err := io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, n, err
}

// TestExportCompleteOrAborted: an export that completes ends its body with
// the X-Export-Complete and X-Export-Rows trailers, its rows as many as
// X-Total-Count says (or X-Export-Limit, when fewer); one that stops early
// (its own timeout, a client that stopped reading, server shutdown) is
// aborted, so that the client's read fails instead of ending cleanly; each
// is counted by its outcome once the handler has returned.
func TestExportCompleteOrAborted(t *testing.T) {
	e := search.New(nil, nil, search.Options{}, nil)
	e.Serve(searchtest.Generation(t, "gen-000001", bigDocs(300)), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	start := func(t *testing.T, h http.Handler) *httptest.Server {
		srv := httptest.NewUnstartedServer(h)
		srv.Listener = smallBuffers{srv.Listener}
		srv.Start()
		t.Cleanup(srv.Close)
		return srv
	}
	const quotesCSV = "/api/v1/export?mode=quotes&format=csv&sort=oldest"

	t.Run("complete", func(t *testing.T) {
		s := api.New(e, api.Options{}, nil)
		srv := start(t, s)
		tests := []struct {
			target string
			rows   int
		}{
			{quotesCSV, 600},
			{"/api/v1/export?q=talks", 300},
			{"/api/v1/export?mode=quotes&limit=250", 250},
		}
		for _, tt := range tests {
			resp, err := http.Get(srv.URL + tt.target)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("%s: %d, %v", tt.target, resp.StatusCode, err)
			}
			var rows int
			if strings.Contains(tt.target, "format=csv") {
				recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				rows = len(recs) - 1
			} else {
				rows = bytes.Count(body, []byte("\n"))
			}
			total, _ := strconv.Atoi(resp.Header.Get("X-Total-Count"))
			limit, _ := strconv.Atoi(resp.Header.Get("X-Export-Limit"))
			if rows != tt.rows || rows != min(total, limit) || resp.Trailer.Get("X-Export-Complete") != "true" ||
				resp.Trailer.Get("X-Export-Rows") != strconv.Itoa(rows) {
				t.Errorf("%s: %d rows, X-Total-Count %d, X-Export-Limit %d, trailers %v; want %d rows", tt.target, rows, total, limit, resp.Trailer, tt.rows)
			}
		}
		if n := exportsCounted(t, s, "complete"); n != len(tests) {
			t.Errorf("%d exports counted complete, want %d", n, len(tests))
		}
	})

	// The client reads the head, then stops; the server's writes block
	// until the export's 2 s are over.
	t.Run("timeout", func(t *testing.T) {
		s := api.New(e, api.Options{ExportTimeout: 2 * time.Second, ExportIdleTimeout: time.Hour}, nil)
		c := rawGet(t, start(t, s).Listener.Addr().String(), quotesCSV)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if _, declared := resp.Trailer["X-Export-Complete"]; err != nil || resp.StatusCode != 200 || !declared {
			t.Fatalf("head: %v %v", resp, err)
		}
		waitExport(t, s, "timeout")
		n, err := io.Copy(io.Discard, resp.Body)
		if err == nil {
			t.Fatalf("the body of an export that timed out ended cleanly after %d bytes", n)
		}
		t.Logf("client read %d bytes, then %v", n, err)
	})

	// Shutdown waits ShutdownTimeout for the export, then aborts it.
	t.Run("shutdown", func(t *testing.T) {
		s := api.New(e, api.Options{ExportTimeout: time.Hour, ExportIdleTimeout: time.Hour, ShutdownTimeout: 100 * time.Millisecond}, nil)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		served := make(chan error, 1)
		go func() { served <- s.Serve(ctx, smallBuffers{ln}) }()
		c := rawGet(t, ln.Addr().String(), quotesCSV)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("head: %v %v", resp, err)
		}
		cancel()
		if err := <-served; err == nil {
			t.Error("Serve returned nil with an export in flight past the shutdown timeout")
		}
		waitExport(t, s, "shutdown")
		if n, err := io.Copy(io.Discard, resp.Body); err == nil {
			t.Fatalf("the body of an export stopped by shutdown ended cleanly after %d bytes", n)
		}
	})
	// The client reads the head and hangs up: the export ends at once.
	t.Run("client gone", func(t *testing.T) {
		s := api.New(e, api.Options{ExportTimeout: time.Hour, ExportIdleTimeout: time.Hour}, nil)
		c := rawGet(t, start(t, s).Listener.Addr().String(), quotesCSV)
		if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err != nil || resp.StatusCode != 200 {
			t.Fatalf("head: %v %v", resp, err)
		}
		c.Close()
		waitExport(t, s, "gone")
	})

	// The client reads nothing at all: cut off after the idle time, and
	// the generation is released (the engine closes at once). Last: it
	// closes the engine.
	t.Run("stalled client", func(t *testing.T) {
		s := api.New(e, api.Options{ExportTimeout: time.Hour, ExportIdleTimeout: 300 * time.Millisecond}, nil)
		c := rawGet(t, start(t, s).Listener.Addr().String(), quotesCSV)
		waitExport(t, s, "stalled")
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := e.Close(ctx); err != nil {
			t.Errorf("the generation is still held: %v", err)
		}
		status, n, err := readAborted(t, c)
		if status != 200 || err == nil {
			t.Fatalf("status %d, %d bytes, then %v; want a failed read", status, n, err)
		}
		t.Logf("client read %d bytes, then %v", n, err)
	})
}

// BenchmarkExportReuters downloads every quote of Reuters-21578 (47,726) as
// CSV, and its articles newest first as JSON Lines, through the router
// over loopback, as curl would, and reports rows/s; each download must
// hold X-Total-Count rows and end complete. It sizes server.export_timeout
// (api.DefaultExportTimeout) and the export's page size
// (internal/search/export.go). READOUT_BENCH_INDEX runs it on another
// index, such as a scale corpus's.
func BenchmarkExportReuters(b *testing.B) {
	runtimetune.Searchd() // as searchd does
	e := search.New(searchtest.ReutersStore(b), nil, search.Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer e.Close(context.Background())
	srv := httptest.NewServer(api.New(e, api.Options{}, nil))
	defer srv.Close()
	for _, bc := range []struct {
		name, query string
		count       func(io.Reader) (int, error) // the rows
	}{
		{"quotes-csv", "mode=quotes&format=csv", func(r io.Reader) (int, error) { n, err := countCSVRecords(r); return n - 1, err }},
		{"articles-jsonl", "sort=newest", countLines},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			rows := 0
			for b.Loop() {
				resp, err := http.Get(srv.URL + "/api/v1/export?limit=100000&" + bc.query)
				if err != nil {
					b.Fatal(err)
				}
				n, err := bc.count(resp.Body)
				resp.Body.Close()
				total, _ := strconv.Atoi(resp.Header.Get("X-Total-Count"))
				if err != nil || resp.Trailer.Get("X-Export-Complete") != "true" || n == 0 || n != min(total, 100_000) {
					b.Fatalf("%d rows, X-Total-Count %s, trailers %v: %v", n, resp.Header.Get("X-Total-Count"), resp.Trailer, err)
				}
				rows += n
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// countLines counts the lines of a body.
func countLines(r io.Reader) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	n := 0
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}

// countCSVRecords counts the records of a CSV body.
func countCSVRecords(r io.Reader) (int, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	n := 0
	for {
		if _, err := cr.Read(); err == io.EOF {
			return n, nil
		} else if err != nil {
			return n, err
		}
		n++
	}
}
