package api_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/search"
)

// serveRecords builds a generation from JSON Lines records with the real
// extractor (and aliases), and serves it over the real router.
func serveRecords(t *testing.T, aliases []extract.Alias, records ...map[string]any) *api.Server {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	for _, r := range records {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	corpus := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(corpus, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	store, err := index.OpenStore(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Build(context.Background(), index.BuildOptions{
		Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x, Aliases: aliases, Workers: 1,
	}); err != nil {
		t.Fatal(err)
	}
	e := search.New(store, nil, search.Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	return api.New(e, api.Options{}, nil)
}
