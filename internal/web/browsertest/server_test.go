package browsertest_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/testutil"
	"github.com/readout/readout/internal/web"
)

// realServer builds an index of the bundled sample corpus in a temporary
// folder, serves it with the real API router and the web UI, and returns
// the server's URL.
func realServer(t *testing.T) string {
	t.Helper()
	if chromiumPath() == "" {
		t.Skip("no Chromium binary found (install Debian's chromium or set READOUT_CHROMIUM); skipping browser test")
	}
	dir := filepath.Join(testutil.RepoRoot(), "corpus")
	f, err := os.Open(filepath.Join(dir, "aliases.yaml"))
	if err != nil {
		t.Fatalf("sample corpus aliases: %v", err)
	}
	aliases, err := extract.LoadAliases(f, "corpus/aliases.yaml")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	store, err := index.OpenStore(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	var inputs []ingest.Input
	for _, name := range []string{"articles.jsonl", "articles", "feeds"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			inputs = append(inputs, ingest.OSInput(filepath.Join(dir, name)))
		}
	}
	logger := slog.New(slog.DiscardHandler)
	sum, err := store.Build(context.Background(), index.BuildOptions{
		Inputs: inputs, Extractor: x, Aliases: aliases, Logger: logger, Workers: 2,
	})
	if err != nil {
		t.Fatalf("build sample index: %v", err)
	}
	if sum.Indexed < 10 {
		t.Fatalf("sample index holds %d articles, want at least 10", sum.Indexed)
	}
	engine := search.New(store, x, search.Options{}, logger)
	if ok, err := engine.Reload(context.Background()); err != nil || !ok {
		t.Fatalf("load sample index: loaded %v, %v", ok, err)
	}
	t.Cleanup(func() { _ = engine.Close(context.Background()) })
	srv := httptest.NewServer(api.New(engine, api.Options{UI: web.Handler()}, logger))
	t.Cleanup(srv.Close)
	return srv.URL
}
