package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
)

func runAdd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("add", stderr)
	fs.StringArray("corpus", nil, "file or folder of articles to add or replace (repeatable, required)")
	fs.Bool("strict", false, "fail on the first bad record")
	fs.String("index", "", "index directory (default data/index)")
	c, err := load(fs, args)
	if errors.Is(err, errHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(c.Ingest.Corpus) == 0 {
		return fmt.Errorf("%w: add needs --corpus", errUsage)
	}
	log := c.Logger(stderr)
	ins, _, err := inputs(c)
	if err != nil {
		return err
	}
	var ops []index.Op
	st, err := ingest.Read(ctx, ins, ingestOptions(c, log), func(a ingest.Article) error {
		ops = append(ops, index.Op{Kind: index.OpUpsert, Article: &a})
		return nil
	}, func(p *ingest.Problem) { log.Warn("skipped record", "problem", p.Error()) })
	if err != nil {
		return err
	}
	return journal(c.Index.Dir, ops, st.Skipped, stdout)
}

func runDelete(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("delete", stderr)
	fs.String("index", "", "index directory (default data/index)")
	c, err := load(fs, args)
	if errors.Is(err, errHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: delete needs article ids", errUsage)
	}
	var ops []index.Op
	for _, id := range fs.Args() {
		ops = append(ops, index.Op{Kind: index.OpDelete, ID: id})
	}
	return journal(c.Index.Dir, ops, 0, stdout)
}

func journal(dir string, ops []index.Op, skipped int, stdout io.Writer) error {
	store, err := index.OpenStore(dir)
	if err != nil {
		return err
	}
	if len(ops) == 0 {
		return fmt.Errorf("nothing to journal (%d records skipped)", skipped)
	}
	done, err := store.AppendJournal(ops)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "journaled %d ops (seq %d-%d) in %s; a running searchd applies them within its reload interval, and every later build replays them\n",
		len(done), done[0].Seq, done[len(done)-1].Seq, dir)
	return nil
}
