package cluster

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/readout/readout/internal/search"
)

// applyChanges lays the change stream's ops over every engine the node
// serves with, after each one's position: Front's and each shard's, of
// every publication held. A shard's engine applies the ops of its own
// articles (an article's shard is fixed by its id) and every op's labels,
// as Front does (index.OpenGenerationShards). Unless notified, it first
// asks whether the stream holds anything after the positions, which
// costs less than reading it.
func (p *Partition) applyChanges(ctx context.Context, log *slog.Logger, notified bool) error {
	p.mu.Lock()
	engines := []*search.Engine{p.Front}
	for _, h := range p.gens {
		for _, sh := range h.shards {
			engines = append(engines, sh.engine)
		}
	}
	p.mu.Unlock()
	from := int64(-1)
	for _, e := range engines {
		if e.Ready() && (from < 0 || e.JournalSeq() < from) {
			from = e.JournalSeq()
		}
	}
	if from < 0 {
		return nil // nothing served yet
	}
	if !notified {
		last, err := p.Client.LastChange(ctx)
		if err != nil || last <= from {
			return err
		}
	}
	ops, err := p.Client.ChangesSince(ctx, from)
	if err != nil || len(ops) == 0 {
		return err
	}
	for _, e := range engines {
		if err := e.CatchUp(ctx, ops); err != nil {
			return fmt.Errorf("cluster: %w", err)
		}
	}
	log.Info("cluster: applied the change stream", "ops", len(ops), "change_seq", ops[len(ops)-1].Seq, "engines", len(engines))
	return nil
}
