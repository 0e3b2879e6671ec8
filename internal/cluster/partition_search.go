package cluster

import (
	"context"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/readout/readout/internal/search"
)

// Search answers req from one replica of each shard of the publication
// Front serves, merged by Front; with allowPartial, without the shards no
// live replica answers (marked partial). Before any publication is
// covered it fails with search.ErrUnavailable.
func (p *Partition) Search(ctx context.Context, req search.Request, allowPartial bool) (*search.Response, error) {
	for try := 0; ; try++ {
		cur, searchers := p.searchers()
		if cur == "" {
			return nil, search.ErrUnavailable
		}
		resp, err := p.Front.Gather(ctx, req, searchers, search.GatherOptions{AllowPartial: allowPartial})
		if err != nil && try == 0 && ctx.Err() == nil && p.serving() != cur {
			continue // Front moved to another publication meanwhile: ask its shards
		}
		return resp, err
	}
}

// Export answers an export from one replica of each shard of the
// publication Front serves, page by page (search.Engine.ExportGather),
// every page of that publication: one that moves on mid-export fails it.
func (p *Partition) Export(ctx context.Context, req search.Request, limit int, page func(*search.Response) error) error {
	cur, searchers := p.searchers()
	if cur == "" {
		return search.ErrUnavailable
	}
	return p.Front.ExportGather(ctx, req, limit, searchers, page)
}

// Article answers the article page from a replica of the article's
// shard, of the publication Front serves (search.Engine.GatherArticle).
func (p *Partition) Article(ctx context.Context, id, q string, variants bool) (*search.Article, error) {
	cur, searchers := p.searchers()
	if cur == "" {
		return nil, search.ErrUnavailable
	}
	return p.Front.GatherArticle(ctx, id, q, variants, searchers)
}

// searchers are the searchers of every shard of the publication served
// now, and its id ("" before any).
func (p *Partition) searchers() (string, []search.PartialSearcher) {
	p.mu.Lock()
	cur := p.current
	var shards int
	if h := p.gens[cur]; h != nil {
		shards = len(h.m.Shards)
	}
	p.mu.Unlock()
	if cur == "" {
		return "", nil
	}
	o := p.Shard
	o.Replicas = func(n int) []string { return p.replicasOf(cur, n) }
	o.Unanswered = p.unanswered
	return cur, ShardSearchers(p.Client.NC, p.Client.opts.Prefix, cur, shards, o)
}

// replicasOf names the live nodes announcing shard n of publication id
// served, this one included, in the order to ask them: at random (the
// load spreads), those that left a request unanswered within
// suspectFor last.
func (p *Partition) replicasOf(id string, n int) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := readyOf(p.othersLocked(), id)[n]
	if h := p.gens[id]; h != nil && h.shards[n] != nil {
		out = append(out, p.Node)
	}
	rand.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	suspect := func(node string) bool {
		at, ok := p.suspects[node]
		return ok && time.Since(at) < suspectFor
	}
	slices.SortStableFunc(out, func(a, b string) int {
		switch sa, sb := suspect(a), suspect(b); {
		case sa == sb:
			return 0
		case sb:
			return -1
		}
		return 1
	})
	return out
}

// suspectFor is how long a replica that left a request unanswered is
// asked after the others.
const suspectFor = 30 * time.Second

// unanswered marks node as having left a shard request unanswered.
func (p *Partition) unanswered(node string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.suspects == nil {
		p.suspects = map[string]time.Time{}
	}
	p.suspects[node] = time.Now()
}

func (p *Partition) serving() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.current
}
