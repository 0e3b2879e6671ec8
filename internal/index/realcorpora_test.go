package index

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/testutil"
)

// TestBuildRealCorpora builds a generation from each file of the real public
// corpora and checks the counts against what their README states. It takes a
// few minutes, so it does not run under -race (make test runs it in a second,
// race-free pass) nor with -short.
func TestBuildRealCorpora(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("slow: runs without -race and -short (make test does)")
	}
	tests := []struct {
		file    string
		records int // lines in the file
		skipped int // records that cannot be used
	}{
		// One Reuters record has neither title nor body (reuters21578-12793).
		{"reuters21578.jsonl.gz", 21578, 1},
		{"polnear.jsonl", 1012, 0},
		{"wikinews.jsonl", 293, 0},
		{"gum-wikinews.jsonl", 43, 0},
		{"ungd-1946-1989.jsonl.gz", 4430, 0},
		{"ungd-1990-2024.jsonl.gz", 6522, 0},
	}
	x := newExtractor(t)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := testutil.Corpus(t, tt.file)
			s, err := OpenStore(filepath.Join(t.TempDir(), "idx"))
			if err != nil {
				t.Fatal(err)
			}
			sum, err := s.Build(context.Background(), BuildOptions{Inputs: []ingest.Input{ingest.OSInput(path)}, Extractor: x})
			if err != nil {
				t.Fatal(err)
			}
			// Ids are unique across the corpora: no duplicates.
			if sum.Read+sum.Skipped != tt.records || sum.Skipped != tt.skipped || sum.Duplicates != 0 || sum.Indexed != sum.Read {
				t.Fatalf("summary %+v, want %d records with %d skipped", sum, tt.records, tt.skipped)
			}
			g := openCurrent(t, s)
			n, err := g.Index.DocCount()
			if err != nil || n != g.Meta.Documents || g.Meta.Articles != sum.Indexed {
				t.Fatalf("generation: %d documents (%v), meta %+v", n, err, g.Meta)
			}
			t.Logf("%s: %d articles, %d quotes, %.1f s, %.0f docs/s, index %d MB", tt.file, sum.Indexed, sum.Quotes, sum.Seconds, sum.DocsPerSec, sum.SizeBytes>>20)
		})
	}
}
