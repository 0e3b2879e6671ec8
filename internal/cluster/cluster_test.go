package cluster

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
)

// startNATS starts n embedded NATS servers with JetStream, clustered when
// n > 1, and returns their client URLs joined by commas.
func startNATS(t *testing.T, n int) (string, []*server.Server) {
	t.Helper()
	routePorts := make([]int, n)
	var routes []string
	if n > 1 {
		for i := range routePorts {
			routePorts[i] = freePort(t)
			routes = append(routes, fmt.Sprintf("nats-route://127.0.0.1:%d", routePorts[i]))
		}
	}
	servers := make([]*server.Server, n)
	errs := make(chan error, n)
	for i := range n {
		go func() {
			o := ServerOptions{Name: fmt.Sprintf("nats-%d", i), StoreDir: t.TempDir()}
			if n > 1 {
				o.ClusterName, o.ClusterPort, o.Routes = "readout-test", routePorts[i], routes
			}
			s, err := StartServer(o)
			servers[i] = s
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, s := range servers {
			s.Shutdown()
		}
	})
	if n > 1 {
		waitForMetaLeader(t, servers)
	}
	var urls []string
	for _, s := range servers {
		urls = append(urls, s.ClientURL())
	}
	return strings.Join(urls, ","), servers
}

// waitForMetaLeader waits until the servers have elected JetStream's meta
// leader and all are current with it.
func waitForMetaLeader(t *testing.T, servers []*server.Server) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		leader, current := false, true
		for _, s := range servers {
			leader = leader || s.JetStreamIsLeader()
			current = current && s.JetStreamIsCurrent()
		}
		if leader && current {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("no JetStream meta leader after 30s")
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// connect connects to url, retrying while a new JetStream cluster elects
// its meta leader.
func connect(t *testing.T, o Options) *Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var last error
	for ctx.Err() == nil {
		try, cancelTry := context.WithTimeout(ctx, 5*time.Second)
		c, err := Connect(try, o)
		cancelTry()
		if err == nil {
			t.Cleanup(func() { c.Close() })
			return c
		}
		last = err
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("connect: %v", last)
	return nil
}

// buildGeneration builds a generation of shards shards from a small
// corpus and returns it.
func buildGeneration(t *testing.T, shards, articles int) index.GenInfo {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	for i := range articles {
		fmt.Fprintf(&b, `{"id":"a%03d","title":"Grain talks %d","body":"Negotiators from Kenya and Egypt discussed grain exports in Geneva. \"Grain must move,\" the envoy said.","published":"2022-03-%02dT08:00:00Z","source":"Wire %c"}`+"\n", i, i, 1+i%28, 'A'+i%3)
	}
	corpus := filepath.Join(dir, "c.jsonl")
	if err := os.WriteFile(corpus, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := index.OpenStore(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Build(context.Background(), index.BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x, Workers: 1, Shards: shards}); err != nil {
		t.Fatal(err)
	}
	g, err := s.Current()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// files maps the regular files under dir (relative, slash-separated) to
// their contents.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameFiles fails unless got holds exactly want's files with the same
// bytes, leaving out want's files under skip/.
func sameFiles(t *testing.T, got, want map[string]string, skip string) {
	t.Helper()
	n := 0
	for name, body := range want {
		if skip != "" && strings.HasPrefix(name, skip+"/") {
			continue
		}
		n++
		if g, ok := got[name]; !ok {
			t.Errorf("%s: missing", name)
		} else if g != body {
			t.Errorf("%s: %d bytes differ from the original's %d", name, len(g), len(body))
		}
	}
	if len(got) != n {
		t.Errorf("%d files, want %d", len(got), n)
	}
}
