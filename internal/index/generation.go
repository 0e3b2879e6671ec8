package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	bbolt "go.etcd.io/bbolt"

	"github.com/readout/readout/internal/extract"
)

// Generation is an opened generation: its Bleve index, meta and labels.
type Generation struct {
	Name   string
	Path   string
	Index  bleve.Index
	Meta   Meta
	Labels *Labels
	// Aliases are the extra alias entries the generation was built with.
	Aliases []extract.Alias

	applyMu   sync.Mutex
	closeOnce sync.Once
	closeErr  error
}

// ErrInUse: another process has the generation open.
var ErrInUse = errors.New("in use by another process")

// lockTimeout bounds the wait for a generation's lock.
var lockTimeout = time.Second

// OpenGeneration opens a generation for searching (and for incremental
// changes through Apply).
func OpenGeneration(info GenInfo) (*Generation, error) {
	labels, err := readLabels(filepath.Join(info.Path, labelsFile))
	if err != nil {
		return nil, fmt.Errorf("open generation %s: %w", info.Name, err)
	}
	var aliases []extract.Alias
	if b, err := os.ReadFile(filepath.Join(info.Path, aliasesFile)); err == nil {
		if err := json.Unmarshal(b, &aliases); err != nil {
			return nil, fmt.Errorf("open generation %s: %s: %w", info.Name, aliasesFile, err)
		}
	}
	// Bleve locks the index file for the process that opens it; without a
	// timeout a second process (a second searchd on the same index) would
	// wait for the lock forever, silently.
	idx, err := bleve.OpenUsing(filepath.Join(info.Path, bleveDir), map[string]any{"bolt_timeout": lockTimeout.String()})
	if errors.Is(err, bbolt.ErrTimeout) {
		return nil, fmt.Errorf("open generation %s: %w (lock not free after %v)", info.Name, ErrInUse, lockTimeout)
	}
	if err != nil {
		return nil, fmt.Errorf("open generation %s: %w", info.Name, err)
	}
	return &Generation{Name: info.Name, Path: info.Path, Index: idx, Meta: info.Meta, Labels: labels, Aliases: aliases}, nil
}

// Close closes the Bleve index. Closing twice is harmless.
func (g *Generation) Close() error {
	g.closeOnce.Do(func() {
		if err := g.Index.Close(); err != nil {
			g.closeErr = fmt.Errorf("close generation %s: %w", g.Name, err)
		}
	})
	return g.closeErr
}

// Apply applies journaled ops to this generation: upserts are extracted and
// replace the article and all its quote documents; deletes remove them.
// Ops are applied in order; Apply calls are serialised.
func (g *Generation) Apply(ctx context.Context, x *extract.Extractor, ops []Op) error {
	g.applyMu.Lock()
	defer g.applyMu.Unlock()
	for _, op := range ops {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := op.Validate(); err != nil {
			return fmt.Errorf("apply op %d: %w", op.Seq, err)
		}
		id := op.articleID()
		old, err := g.quoteDocIDs(id)
		if err != nil {
			return fmt.Errorf("apply op %d: %w", op.Seq, err)
		}
		b := g.Index.NewBatch()
		for _, qid := range old {
			b.Delete(qid)
		}
		switch op.Kind {
		case OpDelete:
			b.Delete(id)
		case OpUpsert:
			ann := x.Extract(*op.Article)
			art, quotes := Documents(*op.Article, ann)
			if err := b.Index(id, art); err != nil {
				return fmt.Errorf("apply op %d: index %q: %w", op.Seq, id, err)
			}
			for _, q := range quotes {
				if err := b.Index(q.ID, q.Fields); err != nil {
					return fmt.Errorf("apply op %d: index %q: %w", op.Seq, q.ID, err)
				}
			}
			g.Labels.AddAnnotations(ann)
			if op.Article.Source != "" {
				g.Labels.Add(FieldSource, op.Article.Source, op.Article.Source)
			}
		}
		if err := g.Index.Batch(b); err != nil {
			return fmt.Errorf("apply op %d: %w", op.Seq, err)
		}
	}
	return nil
}

// quoteDocIDs lists the ids of an article's quote documents.
func (g *Generation) quoteDocIDs(articleID string) ([]string, error) {
	q := query.NewTermQuery(articleID)
	q.SetField(FieldArticleID)
	req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	res, err := g.Index.Search(req)
	if err != nil {
		return nil, fmt.Errorf("find quotes of %q: %w", articleID, err)
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids, nil
}

// StoredAnnotations decodes the annotations stored with an article document.
func StoredAnnotations(raw any) (extract.Annotations, error) {
	var ann extract.Annotations
	s, ok := raw.(string)
	if !ok || s == "" {
		return ann, nil
	}
	if err := json.Unmarshal([]byte(s), &ann); err != nil {
		return ann, fmt.Errorf("decode annotations: %w", err)
	}
	return ann, nil
}
