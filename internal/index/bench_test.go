package index

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/testutil"
)

// The two benchmarks below index the whole Reuters corpus: Readout's full
// build (read, extract, article and quote documents, verify, publish) and
// plain Bleve with the leanest text-only mapping, in the same run, so that
// their ratio is visible. Run them with scripts/bench-index.sh.

func BenchmarkBuildReuters(b *testing.B) {
	path := testutil.Corpus(b, "reuters21578.jsonl.gz")
	TuneRuntime() // as the indexer does
	x := newExtractor(b)
	b.ReportAllocs()
	var docs, bytes float64
	for i := 0; i < b.N; i++ {
		s, err := OpenStore(filepath.Join(b.TempDir(), "idx"))
		if err != nil {
			b.Fatal(err)
		}
		sum, err := s.Build(context.Background(), BuildOptions{Inputs: []ingest.Input{ingest.OSInput(path)}, Extractor: x})
		if err != nil {
			b.Fatal(err)
		}
		if sum.Indexed < 21000 {
			b.Fatalf("indexed only %d articles", sum.Indexed)
		}
		docs += float64(sum.Read)
		bytes += float64(sum.InputBytes)
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(docs/sec, "docs/s")
	b.ReportMetric(bytes/1e6/sec, "MB/s")
}

// leanMapping is plain Bleve at its leanest: title and body as English text,
// nothing stored, no term vectors, no doc values, no _all field.
func leanMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	im.DefaultAnalyzer = en.AnalyzerName
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range []string{"title", "body"} {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = en.AnalyzerName
		fm.Store, fm.IncludeTermVectors, fm.DocValues, fm.IncludeInAll = false, false, false, false
		dm.AddFieldMappingsAt(f, fm)
	}
	disableAll(dm)
	im.DefaultMapping = dm
	return im
}

func BenchmarkPlainBleveReuters(b *testing.B) {
	path := testutil.Corpus(b, "reuters21578.jsonl.gz")
	b.ReportAllocs()
	var docs, bytes float64
	for i := 0; i < b.N; i++ {
		idx, err := bleve.New(filepath.Join(b.TempDir(), "plain"), leanMapping())
		if err != nil {
			b.Fatal(err)
		}
		batch := idx.NewBatch()
		st, err := ingest.Read(context.Background(), []ingest.Input{ingest.OSInput(path)}, ingest.Options{},
			func(a ingest.Article) error {
				if err := batch.Index(a.ID, map[string]any{"title": a.Title, "body": a.Body}); err != nil {
					return err
				}
				if batch.Size() >= 1000 {
					if err := idx.Batch(batch); err != nil {
						return err
					}
					batch = idx.NewBatch() // not Reset: see build.go
				}
				return nil
			}, func(*ingest.Problem) {})
		if err == nil {
			err = idx.Batch(batch)
		}
		if err != nil {
			b.Fatal(err)
		}
		if n, _ := idx.DocCount(); n < 21000 {
			b.Fatalf("indexed only %d", n)
		}
		idx.Close()
		docs += float64(st.Read)
		bytes += float64(st.Bytes)
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(docs/sec, "docs/s")
	b.ReportMetric(bytes/1e6/sec, "MB/s")
}
