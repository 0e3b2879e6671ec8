package bench

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/readout/readout/corpus"
	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
)

// TestPrepareReload: a --reuse --reload run loads SQLite again from the
// kept index and counts the source once, whatever the kept run counted;
// the next run reads the same counts.
func TestPrepareReload(t *testing.T) {
	work := t.TempDir()
	store, err := index.OpenStore(filepath.Join(work, "index"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := store.Build(context.Background(), index.BuildOptions{Inputs: []ingest.Input{ingest.FSInput("corpus", corpus.FS, ".")}, Extractor: x})
	if err != nil {
		t.Fatal(err)
	}
	kept := reused{Build: BuildStats{Articles: sum.Indexed}, Source: SourceStats{Read: 5, TextBytes: 123}}
	if err := writeReused(work, kept); err != nil {
		t.Fatal(err)
	}
	var first Result
	for run := range 2 {
		var res Result
		fts, err := prepare(context.Background(), Options{Reuse: true, Reload: true}, work, "", &res, t.Logf)
		if err != nil {
			t.Fatal(err)
		}
		fts.Close()
		if res.Source.Read != sum.Indexed || res.FTSLoad.Docs != sum.Indexed {
			t.Errorf("run %d: source read %d, loaded %d; the index holds %d", run, res.Source.Read, res.FTSLoad.Docs, sum.Indexed)
		}
		if res.TextBytes != res.Source.TextBytes || res.TextBytes == 123 {
			t.Errorf("run %d: text %d bytes, the source's %d", run, res.TextBytes, res.Source.TextBytes)
		}
		if run == 0 {
			first = res
		} else if res.TextBytes != first.TextBytes {
			t.Errorf("text %d bytes in the second run, %d in the first", res.TextBytes, first.TextBytes)
		}
		b, err := os.ReadFile(filepath.Join(work, reuseFile))
		if err != nil {
			t.Fatal(err)
		}
		var r reused
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		if r.Source != res.Source {
			t.Errorf("run %d: kept %+v, counted %+v", run, r.Source, res.Source)
		}
	}
}
