package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

// extracted is one line of 'indexer extract'.
type extracted struct {
	ID string `json:"id"`
	news.Annotations
}

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("extract", stderr)
	corpusFlags(fs)
	c, err := load(fs, args)
	if err != nil {
		return err
	}
	log := c.Logger(stderr)
	ins, _, x, err := extraction(c)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	st, err := ingest.Read(ctx, ins, ingestOptions(c, log),
		func(a news.Article) error {
			return enc.Encode(extracted{ID: a.ID, Annotations: x.Extract(a)})
		},
		nil) // nil: problems are logged, at most ingest.DefaultProblemLimit per reason
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	log.Info("extracted", "articles", st.Read, "skipped", st.Skipped)
	return nil
}
