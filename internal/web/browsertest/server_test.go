package browsertest_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/testutil"
	"github.com/readout/readout/internal/web"
)

// shared is the one real server of the test binary: the sample corpus is
// indexed once and every scenario reads it (none writes).
var shared struct {
	once    sync.Once
	url     string
	err     error
	cleanup []func()
}

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(shared.cleanup) - 1; i >= 0; i-- {
		shared.cleanup[i]()
	}
	os.Exit(code)
}

// realServer returns the URL of the real API router and web UI over an
// index of the bundled sample corpus, built on first use in a temporary
// folder. It skips the test when no Chromium is installed.
func realServer(t *testing.T) string {
	t.Helper()
	if chromiumPath() == "" {
		t.Skip("no Chromium binary found (install Debian's chromium or set READOUT_CHROMIUM); skipping browser test")
	}
	shared.once.Do(func() { shared.url, shared.err = startReal() })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.url
}

func startReal() (string, error) {
	dir := filepath.Join(testutil.RepoRoot(), "corpus")
	f, err := os.Open(filepath.Join(dir, "aliases.yaml"))
	if err != nil {
		return "", fmt.Errorf("sample corpus aliases: %w", err)
	}
	aliases, err := extract.LoadAliases(f, "corpus/aliases.yaml")
	f.Close()
	if err != nil {
		return "", err
	}
	x, err := extract.New(extract.Options{Aliases: aliases})
	if err != nil {
		return "", fmt.Errorf("extractor: %w", err)
	}
	var inputs []ingest.Input
	for _, name := range []string{"articles.jsonl", "articles", "feeds"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			inputs = append(inputs, ingest.OSInput(filepath.Join(dir, name)))
		}
	}
	if len(inputs) == 0 {
		return "", errors.New("sample corpus: no articles.jsonl, articles/ or feeds/ under corpus/")
	}
	url, sum, err := serveIndex(inputs, x, aliases)
	if err != nil {
		return "", err
	}
	if sum.Indexed < 10 {
		return "", fmt.Errorf("sample index holds %d articles, want at least 10", sum.Indexed)
	}
	return url, nil
}

// serveIndex builds an index of inputs in a temporary folder (removed by
// TestMain) and serves it with the real API router and the web UI.
func serveIndex(inputs []ingest.Input, x *extract.Extractor, aliases []extract.Alias) (string, index.Summary, error) {
	tmp, err := os.MkdirTemp("", "readout-browsertest-")
	if err != nil {
		return "", index.Summary{}, err
	}
	shared.cleanup = append(shared.cleanup, func() { os.RemoveAll(tmp) })
	store, err := index.OpenStore(filepath.Join(tmp, "index"))
	if err != nil {
		return "", index.Summary{}, err
	}
	logger := slog.New(slog.DiscardHandler)
	sum, err := store.Build(context.Background(), index.BuildOptions{
		Inputs: inputs, Extractor: x, Aliases: aliases, Logger: logger, Workers: 2,
	})
	if err != nil {
		return "", sum, fmt.Errorf("build index: %w", err)
	}
	engine := search.New(store, x, search.Options{}, logger)
	if ok, err := engine.Reload(context.Background()); err != nil || !ok {
		return "", sum, fmt.Errorf("load index: loaded %v, %v", ok, err)
	}
	shared.cleanup = append(shared.cleanup, func() { _ = engine.Close(context.Background()) })
	srv := httptest.NewServer(api.New(engine, api.Options{UI: web.Handler()}, logger))
	shared.cleanup = append(shared.cleanup, srv.Close)
	return srv.URL, sum, nil
}
