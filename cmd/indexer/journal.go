package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/readout/readout/internal/cli"
	"github.com/readout/readout/internal/config"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

func runAdd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("add", stderr)
	fs.StringArray("corpus", nil, "file or folder of articles to add or replace (repeatable, required)")
	fs.Bool("strict", false, "fail on the first bad record")
	mappingFlag(fs)
	skipRatioFlag(fs)
	indexFlag(fs)
	clusterFlags(fs)
	c, err := load(fs, args)
	if err != nil {
		return err
	}
	if len(c.Ingest.Corpus) == 0 {
		return fmt.Errorf("%w: add needs --corpus", cli.ErrUsage)
	}
	log := c.Logger(stderr)
	iopts, err := ingestOptions(c, log)
	if err != nil {
		return err
	}
	ins, _, err := inputs(c)
	if err != nil {
		return err
	}
	if c.Cluster.NATSURL != "" {
		return addToCluster(ctx, c, ins, iopts, stdout)
	}
	store, err := index.OpenStore(c.Index.Dir)
	if err != nil {
		return err
	}
	store.Logger = log
	// The articles stream into one journal batch as they are read (memory
	// stays flat however large the input); the batch becomes live only at
	// Commit, so an error, Ctrl-C or a kill before it leaves nothing of it.
	// The journal stays locked meanwhile: other appends wait.
	tx, err := store.BeginJournal()
	if err != nil {
		return err
	}
	fail := func(err error) error {
		return errors.Join(fmt.Errorf("add: %w: nothing journaled", err), tx.Abort())
	}
	st, err := ingest.Read(ctx, ins, iopts, func(a news.Article) error {
		return tx.Add(index.Op{Kind: index.OpUpsert, Article: &a})
	}, nil) // nil: problems are logged, at most ingest.DefaultProblemLimit per reason
	if err != nil {
		return fail(err)
	}
	if err := ingest.CheckSkipped(st.Read, st.Skipped, c.Ingest.MaxSkipRatio); err != nil {
		return fail(err)
	}
	if tx.Len() == 0 {
		return fail(fmt.Errorf("nothing to journal (%d records skipped)", st.Skipped))
	}
	return commit(tx, c.Index.Dir, stdout)
}

func runDelete(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("delete", stderr)
	indexFlag(fs)
	clusterFlags(fs)
	c, err := load(fs, args)
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: delete needs article ids", cli.ErrUsage)
	}
	if c.Cluster.NATSURL != "" {
		var ops []index.Op
		for _, id := range fs.Args() {
			ops = append(ops, index.Op{Kind: index.OpDelete, ID: id})
		}
		return appendToCluster(ctx, c, "delete", ops, stdout)
	}
	store, err := index.OpenStore(c.Index.Dir)
	if err != nil {
		return err
	}
	store.Logger = c.Logger(stderr)
	tx, err := store.BeginJournal()
	if err != nil {
		return err
	}
	for _, id := range fs.Args() {
		if err := tx.Add(index.Op{Kind: index.OpDelete, ID: id}); err != nil {
			return fmt.Errorf("delete: %w: nothing journaled", err) // Add aborted the batch
		}
	}
	return commit(tx, c.Index.Dir, stdout)
}

// commit commits the batch (durably: it is fsync'ed when Commit returns)
// and reports it.
func commit(tx *index.JournalTx, dir string, stdout io.Writer) error {
	n := tx.Len()
	first, last, err := tx.Commit()
	if err != nil {
		return fmt.Errorf("%w: nothing journaled", err)
	}
	fmt.Fprintf(stdout, "journaled %d ops (seq %d-%d) in %s; a running searchd applies them within its reload interval, and every later build replays them\n",
		n, first, last, dir)
	return nil
}

// addToCluster reads the articles of ins into upserts and appends them to
// the cluster's change stream. They are all read (and held in memory)
// before the first is appended, so that a bad input appends nothing.
func addToCluster(ctx context.Context, c *config.Config, ins []ingest.Input, iopts ingest.Options, stdout io.Writer) error {
	var ops []index.Op
	st, err := ingest.Read(ctx, ins, iopts, func(a news.Article) error {
		op := index.Op{Kind: index.OpUpsert, Article: &a}
		if err := op.Validate(); err != nil {
			return fmt.Errorf("%s: %w", a.Origin, err)
		}
		ops = append(ops, op)
		return nil
	}, nil) // nil: problems are logged, at most ingest.DefaultProblemLimit per reason
	if err != nil {
		return fmt.Errorf("add: %w: nothing appended", err)
	}
	if err := ingest.CheckSkipped(st.Read, st.Skipped, c.Ingest.MaxSkipRatio); err != nil {
		return fmt.Errorf("add: %w: nothing appended", err)
	}
	if len(ops) == 0 {
		return fmt.Errorf("add: nothing to append (%d records skipped)", st.Skipped)
	}
	return appendToCluster(ctx, c, "add", ops, stdout)
}

// appendToCluster appends ops to the cluster's change stream (one message
// an op, each acknowledged by JetStream) and reports them.
func appendToCluster(ctx context.Context, c *config.Config, cmd string, ops []index.Op, stdout io.Writer) error {
	cl, err := connectCluster(ctx, c, "indexer "+cmd)
	if err != nil {
		return err
	}
	defer cl.Close()
	done, err := cl.AppendChanges(ctx, ops)
	if err != nil {
		if len(done) == 0 {
			return fmt.Errorf("%s: %w: nothing appended", cmd, err)
		}
		return fmt.Errorf("%s: %w: %d of %d ops appended before (seq %d-%d), and live", cmd, err,
			len(done), len(ops), done[0].Seq, done[len(done)-1].Seq)
	}
	fmt.Fprintf(stdout, "appended %d ops (seq %d-%d) to the cluster's change stream; every following searchd applies them at once, and every later distributed build folds them in\n",
		len(done), done[0].Seq, done[len(done)-1].Seq)
	return nil
}
