package bench

import (
	"context"
	"fmt"
	"time"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

// Documenter reads a stored document by id (a bleve.Index does).
type Documenter interface {
	Document(id string) (bindex.Document, error)
}

// SourceStats describes a read of the corpus with its annotations.
type SourceStats struct {
	Read      int     `json:"read"`       // articles the corpus reader gave
	Missing   int     `json:"missing"`    // of them not in the generation (skipped by the build)
	TextBytes int64   `json:"text_bytes"` // title + body bytes of those found
	Seconds   float64 `json:"seconds"`    // reading the stored annotations, within the whole read
}

// CorpusDocs returns a producer of the corpus's articles with the
// annotations Readout extracted from them at build time, read from the
// generation's stored fields (the article document's annotations, which
// refer to its stored title and body):
// the extraction runs once, in the build, and both systems see its result.
// Articles the generation lacks (the build skipped them) are counted and
// left out. st is filled in as the producer runs.
func CorpusDocs(ctx context.Context, inputs []ingest.Input, gen Documenter, st *SourceStats) func(emit func(Doc) error) error {
	return func(emit func(Doc) error) error {
		var inStore time.Duration
		_, err := ingest.Read(ctx, inputs, ingest.Options{}, func(a news.Article) error {
			st.Read++
			t0 := time.Now()
			ann, ok, err := storedAnnotations(gen, a.ID)
			inStore += time.Since(t0)
			if err != nil {
				return err
			}
			if !ok {
				st.Missing++
				return nil
			}
			st.TextBytes += int64(len(a.Title) + len(a.Body))
			return emit(Doc{Article: a, Ann: ann})
		}, func(*ingest.Problem) {})
		st.Seconds = inStore.Seconds()
		if err != nil {
			return fmt.Errorf("read corpus: %w", err)
		}
		return nil
	}
}

func storedAnnotations(gen Documenter, id string) (news.Annotations, bool, error) {
	d, err := gen.Document(id)
	if err != nil {
		return news.Annotations{}, false, fmt.Errorf("stored document %q: %w", id, err)
	}
	if d == nil {
		return news.Annotations{}, false, nil
	}
	var title string
	var lead, content, body, annotations []byte
	isArticle := false
	d.VisitFields(func(f bindex.Field) {
		switch f.Name() {
		case index.FieldTitle: // stored on articles only
			title = string(f.Value())
			isArticle = true
		case index.FieldLead:
			lead, isArticle = f.Value(), true
		case index.FieldContent:
			content, isArticle = f.Value(), true
		case index.FieldBody: // generations written before FieldContent
			body, isArticle = f.Value(), true
		case index.FieldAnnotations:
			annotations, isArticle = f.Value(), true
		}
	})
	if !isArticle {
		return news.Annotations{}, false, nil
	}
	text, raw, err := index.StoredBody(lead, content, body, annotations)
	if err != nil {
		return news.Annotations{}, false, fmt.Errorf("stored document %q: %w", id, err)
	}
	ann, err := index.StoredAnnotations(raw, title, text)
	if err != nil {
		return ann, false, fmt.Errorf("stored document %q: %w", id, err)
	}
	return ann, true, nil
}
