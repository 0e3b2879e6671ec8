package index

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/runtimetune"
	"github.com/readout/readout/internal/testutil"
)

// The two benchmarks below index the whole Reuters corpus: Readout's full
// build (read, extract, article and quote documents, verify, publish) and
// plain Bleve with the leanest text-only mapping, in the same run, so that
// their ratio is visible. Run them with scripts/bench-index.sh.

func BenchmarkBuildReuters(b *testing.B) {
	path := testutil.Corpus(b, "reuters21578.jsonl.gz")
	runtimetune.Indexer() // as the indexer does
	x := newExtractor(b)
	b.ReportAllocs()
	var docs, bytes float64
	for i := 0; i < b.N; i++ {
		sum := readoutBuild(b, path, x, ablation{})
		docs += float64(sum.Read)
		bytes += float64(sum.InputBytes)
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(docs/sec, "docs/s")
	b.ReportMetric(bytes/1e6/sec, "MB/s")
}

// ablation names the stages the cost benchmark switches off to measure what
// each one costs. A build with any of them on is not a usable generation.
type ablation struct {
	noExtraction bool // articles indexed with empty annotations
	noQuoteDocs  bool // extraction runs, but no quote documents are written
}

// extractDocs is the build's extraction (build.go's extractDocs) with the
// stages that ab switches off left out.
func (ab ablation) extractDocs(x *extract.Extractor, it *item) {
	if !ab.noExtraction {
		it.ann = x.Extract(it.article)
	}
	it.doc, it.quotes = Documents(it.article, it.ann)
	if ab.noQuoteDocs {
		it.quotes = nil
	}
}

// readoutBuild runs a full build of path into a fresh store, with the
// stages that ab switches off left out.
func readoutBuild(b *testing.B, path string, x *extract.Extractor, ab ablation) Summary {
	b.Helper()
	s, err := OpenStore(filepath.Join(b.TempDir(), "idx"))
	if err != nil {
		b.Fatal(err)
	}
	defer func(full func(*extract.Extractor, *item)) { extractDocs = full }(extractDocs)
	extractDocs = ab.extractDocs
	sum, err := s.Build(context.Background(), BuildOptions{Inputs: []ingest.Input{ingest.OSInput(path)}, Extractor: x})
	if err != nil {
		b.Fatal(err)
	}
	if sum.Indexed < 21000 {
		b.Fatalf("indexed only %d articles", sum.Indexed)
	}
	if (sum.Quotes == 0) != (ab.noExtraction || ab.noQuoteDocs) {
		b.Fatalf("%d quote documents with %+v", sum.Quotes, ab)
	}
	return sum
}

// BenchmarkReutersCosts says where the time of a build goes, against plain
// Bleve in the same iteration: each iteration builds the Reuters corpus four
// ways, interleaved so that machine noise falls on all of them alike, and
// reports each one's docs/s, its ratio to plain Bleve and the CPU seconds
// it used (user and system, whole process):
//
//   - plain: plain Bleve, leanest text-only mapping (the baseline);
//   - mapping: Readout's pipeline and mapping (stored text, term vectors,
//     facet fields), extraction off, so no entities and no quotes;
//   - entities: extraction on, article documents only (no quote documents);
//   - full: the real build, with one document per quote.
//
// Run it with scripts/bench-index.sh --costs.
func BenchmarkReutersCosts(b *testing.B) {
	path := testutil.Corpus(b, "reuters21578.jsonl.gz")
	runtimetune.Indexer()
	x := newExtractor(b)
	stages := []struct {
		name string
		ab   ablation
	}{
		{"mapping", ablation{noExtraction: true, noQuoteDocs: true}},
		{"entities", ablation{noQuoteDocs: true}},
		{"full", ablation{}},
	}
	var plainSec, plainCPU float64
	secs := make([]float64, len(stages))
	cpus := make([]float64, len(stages))
	var docs float64
	for i := 0; i < b.N; i++ {
		start, cpu := time.Now(), testutil.ProcessCPU()
		n, _ := plainBuild(b, path)
		plainSec += time.Since(start).Seconds()
		plainCPU += (testutil.ProcessCPU() - cpu).Seconds()
		docs += float64(n)
		for j, st := range stages {
			start, cpu := time.Now(), testutil.ProcessCPU()
			readoutBuild(b, path, x, st.ab)
			secs[j] += time.Since(start).Seconds()
			cpus[j] += (testutil.ProcessCPU() - cpu).Seconds()
		}
	}
	n := float64(b.N)
	b.ReportMetric(docs/plainSec, "plain-docs/s")
	b.ReportMetric(plainCPU/n, "plain-cpu-s")
	for j, st := range stages {
		b.ReportMetric(docs/secs[j], st.name+"-docs/s")
		b.ReportMetric(plainSec/secs[j], st.name+"/plain")
		b.ReportMetric(cpus[j]/n, st.name+"-cpu-s")
	}
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
		n, by := plainBuild(b, path)
		docs += float64(n)
		bytes += float64(by)
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(docs/sec, "docs/s")
	b.ReportMetric(bytes/1e6/sec, "MB/s")
}

// plainBuild indexes path with plain Bleve and the lean mapping, in batches
// of 1,000, and returns the articles and bytes read.
func plainBuild(b *testing.B, path string) (int, int64) {
	b.Helper()
	idx, err := bleve.New(filepath.Join(b.TempDir(), "plain"), leanMapping())
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	batch := idx.NewBatch()
	st, err := ingest.Read(context.Background(), []ingest.Input{ingest.OSInput(path)}, ingest.Options{},
		func(a news.Article) error {
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
	return st.Read, st.Bytes
}
