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
	c, err := load(fs, args)
	if err != nil {
		return err
	}
	if len(c.Ingest.Corpus) == 0 {
		return fmt.Errorf("%w: add needs --corpus", cli.ErrUsage)
	}
	if err := journalUsed(c, "add"); err != nil {
		return err
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

func runDelete(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("delete", stderr)
	indexFlag(fs)
	c, err := load(fs, args)
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: delete needs article ids", cli.ErrUsage)
	}
	if err := journalUsed(c, "delete"); err != nil {
		return err
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

// journalUsed fails in cluster mode, where builds run on the cluster and
// do not read this index directory's journal: a change written there
// would never be served.
func journalUsed(c *config.Config, cmd string) error {
	if c.Cluster.NATSURL == "" {
		return nil
	}
	return fmt.Errorf("%s: cluster mode (cluster.nats_url %s): the cluster's builds do not read an index directory's journal; change the corpus and run indexer build (docs/scaling.md)", cmd, c.Cluster.NATSURL)
}
