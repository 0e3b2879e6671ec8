package index

// The quote layout decision (docs/design.md): one document per quote, or
// Bleve 2.6 nested documents inside the article. This file keeps the
// measurement that decided it, runnable:
//
//	go test -run '^$' -bench QuoteLayout -benchtime 1x ./internal/index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/testutil"
)

func nestedMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	dm := bleve.NewDocumentStaticMapping()
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer, f.Store, f.IncludeTermVectors = en.AnalyzerName, true, true
		return f
	}
	kw := bleve.NewKeywordFieldMapping()
	kw.Analyzer, kw.DocValues = keyword.Name, true
	dm.AddFieldMappingsAt("title", text())
	dm.AddFieldMappingsAt("body", text())
	qm := mapping.NewNestedDocumentStaticMapping()
	qm.AddFieldMappingsAt("text", text())
	qm.AddFieldMappingsAt("speaker", kw)
	dm.AddSubDocumentMapping("quotes", qm)
	disableAll(dm)
	im.DefaultMapping = dm
	return im
}

// leanFlatMapping is the flat layout with only the fields nestedMapping has,
// so that the two differ in layout alone.
func leanFlatMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	dm := bleve.NewDocumentStaticMapping()
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer, f.Store, f.IncludeTermVectors = en.AnalyzerName, true, true
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer, f.DocValues = keyword.Name, true
		return f
	}
	for _, f := range []string{"title", "body", "text"} {
		dm.AddFieldMappingsAt(f, text())
	}
	for _, f := range []string{"type", "speaker", "article_id"} {
		dm.AddFieldMappingsAt(f, kw())
	}
	disableAll(dm)
	im.DefaultMapping = dm
	return im
}

func nestedDoc(a news.Article, ann news.Annotations) map[string]any {
	qs := make([]any, 0, len(ann.Quotes))
	for _, q := range ann.Quotes {
		qs = append(qs, map[string]any{"text": q.Text, "speaker": q.SpeakerID})
	}
	return map[string]any{"title": a.Title, "body": a.Body, "quotes": qs}
}

func nestedQuery(speaker, word string) query.Query {
	tq := query.NewTermQuery(speaker)
	tq.SetField("quotes.speaker")
	mq := query.NewMatchQuery(word)
	mq.SetField("quotes.text")
	return query.NewConjunctionQuery([]query.Query{tq, mq})
}

// TestNestedQuoteSemantics shows that the nested layout would also keep a
// speaker and the words of their own quote together.
func TestNestedQuoteSemantics(t *testing.T) {
	idx, err := bleve.New(filepath.Join(t.TempDir(), "n"), nestedMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	a := news.Article{ID: "a", Title: "Talks", Body: "..."}
	ann := news.Annotations{Quotes: []news.Quote{
		{Text: "We want de-escalation now", SpeakerID: "anna-kovac"},
		{Text: "We will keep talking", SpeakerID: "boris-lind"},
	}}
	if err := idx.Index("a", nestedDoc(a, ann)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		speaker string
		want    uint64
	}{{"anna-kovac", 1}, {"boris-lind", 0}} {
		res, err := idx.Search(bleve.NewSearchRequest(nestedQuery(tt.speaker, "escalation")))
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != tt.want {
			t.Errorf("speaker %s + escalation: %d hits, want %d", tt.speaker, res.Total, tt.want)
		}
	}
}

func BenchmarkQuoteLayout(b *testing.B) {
	path := testutil.Corpus(b, "polnear.jsonl")
	x := newExtractor(b)
	type rec struct {
		a   news.Article
		ann news.Annotations
	}
	var recs []rec
	_, err := ingest.Read(context.Background(), []ingest.Input{ingest.OSInput(path)}, ingest.Options{},
		func(a news.Article) error { recs = append(recs, rec{a, x.Extract(a)}); return nil }, nil)
	if err != nil {
		b.Fatal(err)
	}
	var speaker string
	for _, r := range recs {
		for _, q := range r.ann.Quotes {
			if q.SpeakerID != "" {
				speaker = q.SpeakerID
				break
			}
		}
		if speaker != "" {
			break
		}
	}
	layouts := []struct {
		name  string
		m     mapping.IndexMapping
		index func(batch *bleve.Batch, r rec) error
		query query.Query
	}{
		{"flat", NewMapping(), func(batch *bleve.Batch, r rec) error {
			art, quotes := Documents(r.a, r.ann)
			if err := batch.Index(r.a.ID, art); err != nil {
				return err
			}
			for _, q := range quotes {
				if err := batch.Index(q.ID, q.Fields); err != nil {
					return err
				}
			}
			return nil
		}, func() query.Query {
			tq := query.NewTermQuery(speaker)
			tq.SetField(FieldSpeaker)
			mq := query.NewMatchQuery("people")
			mq.SetField(FieldText)
			ty := query.NewTermQuery(TypeQuote)
			ty.SetField(FieldType)
			return query.NewConjunctionQuery([]query.Query{ty, tq, mq})
		}()},
		{"flat-lean", leanFlatMapping(), func(batch *bleve.Batch, r rec) error {
			if err := batch.Index(r.a.ID, map[string]any{"type": "article", "title": r.a.Title, "body": r.a.Body}); err != nil {
				return err
			}
			for i, q := range r.ann.Quotes {
				doc := map[string]any{"type": "quote", "text": q.Text, "speaker": q.SpeakerID, "article_id": r.a.ID}
				if err := batch.Index(QuoteDocID(r.a.ID, i+1), doc); err != nil {
					return err
				}
			}
			return nil
		}, func() query.Query {
			tq := query.NewTermQuery(speaker)
			tq.SetField("speaker")
			mq := query.NewMatchQuery("people")
			mq.SetField("text")
			return query.NewConjunctionQuery([]query.Query{tq, mq})
		}()},
		{"nested", nestedMapping(), func(batch *bleve.Batch, r rec) error {
			return batch.Index(r.a.ID, nestedDoc(r.a, r.ann))
		}, nestedQuery(speaker, "people")},
	}
	for _, l := range layouts {
		b.Run(l.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				dir := filepath.Join(b.TempDir(), l.name)
				idx, err := bleve.New(dir, l.m)
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				batch := idx.NewBatch()
				for _, r := range recs {
					if err := l.index(batch, r); err != nil {
						b.Fatal(err)
					}
					if batch.Size() >= 1000 {
						if err := idx.Batch(batch); err != nil {
							b.Fatal(err)
						}
						batch = idx.NewBatch()
					}
				}
				if err := idx.Batch(batch); err != nil {
					b.Fatal(err)
				}
				build := time.Since(start)
				const n = 200
				qstart := time.Now()
				var hits uint64
				for j := 0; j < n; j++ {
					res, err := idx.Search(bleve.NewSearchRequest(l.query))
					if err != nil {
						b.Fatal(err)
					}
					hits = res.Total
				}
				perQuery := time.Since(qstart) / n
				idx.Close()
				b.ReportMetric(float64(len(recs))/build.Seconds(), "articles/s")
				b.ReportMetric(float64(dirSize(dir))/(1<<20), "MiB")
				b.ReportMetric(float64(perQuery.Microseconds()), "µs/query")
				b.ReportMetric(float64(hits), "hits")
				if os.Getenv("READOUT_LAYOUT_VERBOSE") != "" {
					fmt.Println(l.name, build, perQuery, hits)
				}
			}
		})
	}
}
