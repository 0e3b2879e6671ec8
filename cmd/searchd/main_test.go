package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/cli"
	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/testutil"
)

func buildIndex(t *testing.T, dir string) {
	t.Helper()
	var b strings.Builder
	for i := range 12 {
		fmt.Fprintf(&b, `{"id":"sd-%02d","title":"Grain talks %d","body":"Negotiators discussed grain exports.","published":"2022-03-%02dT08:00:00Z","source":"Wire S"}`+"\n", i, i, i+1)
	}
	corpus := filepath.Join(t.TempDir(), "c.jsonl")
	if err := os.WriteFile(corpus, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	store, err := index.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Build(context.Background(), index.BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x, Workers: 1}); err != nil {
		t.Fatal(err)
	}
}

var readyLine = regexp.MustCompile(`Readout searchd serving (gen-\d+) \((\d+) articles\) at (http://\S+/)`)

// startSearchd runs searchd with args and returns once it prints its ready
// line, with that line's submatches, its stderr, and stop, which cancels it
// and returns run's error.
func startSearchd(t *testing.T, args ...string) (ready []string, stderr *testutil.SyncBuffer, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var stdout testutil.SyncBuffer
	stderr = new(testutil.SyncBuffer)
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, &stdout, stderr) }()
	deadline := time.Now().Add(20 * time.Second)
	for ready == nil {
		if time.Now().After(deadline) {
			t.Fatalf("no ready line; stdout %q stderr %q", stdout.String(), stderr.String())
		}
		select {
		case err := <-done:
			t.Fatalf("run returned early: %v; stderr %s", err, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		ready = readyLine.FindStringSubmatch(stdout.String())
	}
	stop = func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(15 * time.Second):
			t.Fatal("run did not return after cancel")
			return nil
		}
	}
	return ready, stderr, stop
}

func TestRunServesAndShutsDown(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	buildIndex(t, dir)
	m, stderr, stop := startSearchd(t, "--index", dir, "--listen", "127.0.0.1:0", "--admin-token", "tok", "--log-format", "json")
	if m[1] != "gen-000001" || m[2] != "12" {
		t.Errorf("ready line %q", m[0])
	}
	base := m[3]
	for _, tt := range []struct {
		method, path string
		hdr          string
		status       int
	}{
		{"GET", "readyz", "", 200},
		{"GET", "api/v1/search?q=grain", "", 200},
		{"GET", "api/v1/stats", "", 200},
		{"GET", "metrics", "", 200},
		{"POST", "api/v1/admin/reload", "", 401},
		{"POST", "api/v1/admin/reload", "Bearer tok", 200},
	} {
		req, _ := http.NewRequest(tt.method, base+tt.path, nil)
		if tt.hdr != "" {
			req.Header.Set("Authorization", tt.hdr)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s: %d, want %d: %s", tt.method, tt.path, resp.StatusCode, tt.status, body)
		}
		if tt.path == "api/v1/search?q=grain" {
			var res struct{ Total int }
			if err := json.Unmarshal(body, &res); err != nil || res.Total != 12 {
				t.Errorf("search: total %d (%v)", res.Total, err)
			}
		}
	}
	if err := stop(); err != nil {
		t.Errorf("run: %v", err)
	}
	if !strings.Contains(stderr.String(), `"msg":"request"`) {
		t.Errorf("no access log on stderr: %s", stderr.String())
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{{"--no-such-flag"}, {"extra"}} {
		var out, errb bytes.Buffer
		err := run(context.Background(), args, &out, &errb)
		if !errors.Is(err, cli.ErrUsage) || cli.ExitCode(err) != 2 {
			t.Errorf("%v: err = %v", args, err)
		}
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"--help"}, &out, &errb); err != nil || !strings.Contains(errb.String(), "--listen") {
		t.Errorf("--help: %v %q", err, errb.String())
	}
}

func TestRunBadListen(t *testing.T) {
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"--index", t.TempDir(), "--listen", "256.0.0.1:1"}, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "listen") {
		t.Errorf("err = %v", err)
	}
}

// TestRunIndexInUse: a second searchd on an index that one already serves
// stops with an error that says so, instead of waiting for the lock; once
// the first has stopped, the directory serves again.
func TestRunIndexInUse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	buildIndex(t, dir)
	_, _, stop := startSearchd(t, "--index", dir, "--listen", "127.0.0.1:0")

	second := make(chan error, 1)
	go func() {
		var out, errb bytes.Buffer
		second <- run(context.Background(), []string{"--index", dir, "--listen", "127.0.0.1:0"}, &out, &errb)
	}()
	select {
	case err := <-second:
		if !errors.Is(err, index.ErrInUse) || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "another searchd") {
			t.Errorf("second searchd: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("second searchd did not return")
	}
	if err := stop(); err != nil {
		t.Errorf("first searchd: %v", err)
	}
	_, _, stop = startSearchd(t, "--index", dir, "--listen", "127.0.0.1:0")
	if err := stop(); err != nil {
		t.Errorf("searchd after the first stopped: %v", err)
	}
}

// TestRunServesDebugProfiles: --debug-listen serves Go's profiles on its
// own listener, and the API's listener does not.
func TestRunServesDebugProfiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	buildIndex(t, dir)
	m, stderr, stop := startSearchd(t, "--index", dir, "--listen", "127.0.0.1:0", "--debug-listen", "127.0.0.1:0", "--log-format", "json")
	profiles := regexp.MustCompile(`"msg":"debug: Go profiles","url":"(http://[^"]+)"`)
	var url string
	for deadline := time.Now().Add(10 * time.Second); url == ""; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no debug listener logged: %s", stderr.String())
		}
		if sm := profiles.FindStringSubmatch(stderr.String()); sm != nil {
			url = sm[1]
		}
	}
	for _, tt := range []struct {
		url    string
		status int
		want   string
	}{
		{url + "heap?debug=1", 200, "heap profile"},
		{url + "goroutine?debug=1", 200, "goroutine profile"},
		{m[3] + "debug/pprof/heap?debug=1", 404, ""},
	} {
		resp, err := http.Get(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
			t.Errorf("GET %s: %d, want %d with %q: %.200s", tt.url, resp.StatusCode, tt.status, tt.want, body)
		}
	}
	if err := stop(); err != nil {
		t.Errorf("run: %v", err)
	}
}
