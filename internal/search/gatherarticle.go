package search

import (
	"context"
	"fmt"

	"github.com/readout/readout/internal/index"
)

// ArticleLookup asks a node for one article of its shards (the article
// page in partitioned serving), with where q matches it when q is set
// (ArticleMatches).
type ArticleLookup struct {
	ID       string `json:"id"`
	Q        string `json:"q,omitempty"`
	Variants bool   `json:"variants,omitempty"`
}

// partialArticle answers a PartialRequest's Article.
func (e *Engine) partialArticle(ctx context.Context, l ArticleLookup) (*Partial, error) {
	s, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer s.release()
	a, err := e.Article(ctx, l.ID)
	if err != nil {
		return nil, err
	}
	if l.Q != "" {
		if a.Matches, err = e.ArticleMatches(ctx, a, l.Q, l.Variants); err != nil {
			return nil, err
		}
	}
	return &Partial{Generation: s.gen.Name, Shards: s.held(), Hits: []PartialHit{}, Article: a}, nil
}

// GatherArticle is Article (and, with q, its ArticleMatches) in
// partitioned serving: it asks the searcher of the article's shard, of
// searchers (Gather's, one a shard of the generation, in shard order),
// and checks that the answer is of the served generation. q is checked
// here, so that a bad one is the same error as on one machine. An article
// the shard does not hold is ErrNotFound.
func (e *Engine) GatherArticle(ctx context.Context, id, q string, variants bool, searchers []PartialSearcher) (*Article, error) {
	s, err := e.acquire()
	if err != nil {
		return nil, err
	}
	gen, shards := s.gen.Name, max(s.gen.Meta.Shards, 1)
	if q != "" {
		_, err = e.compileQuery(ctx, s, q, false, variants, s.resolve)
	}
	s.release()
	if err != nil {
		return nil, err
	}
	if len(searchers) != shards {
		return nil, fmt.Errorf("article %q: %d shard searchers for the %d shards of %s", id, len(searchers), shards, gen)
	}
	n := index.ShardOf(id, shards)
	pt, err := searchers[n].SearchPartial(ctx, PartialRequest{Article: &ArticleLookup{ID: id, Q: q, Variants: variants}})
	if err != nil {
		return nil, err
	}
	if pt.Generation != gen || pt.Article == nil {
		return nil, fmt.Errorf("article %q: shard %d answered for %q (article %v), not %s", id, n, pt.Generation, pt.Article != nil, gen)
	}
	return pt.Article, nil
}
