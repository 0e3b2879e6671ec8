package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

// extracted is one line of 'indexer extract' (docs/extract.md): the
// article's annotations, each quote with its speaker's kind and whether it
// is a scare quote.
type extracted struct {
	ID string `json:"id"`
	news.Annotations
	Quotes []extractedQuote `json:"quotes"` // shadows Annotations.Quotes
}

type extractedQuote struct {
	news.Quote
	SpeakerKind string `json:"speaker_kind,omitempty"`
	Scare       bool   `json:"scare,omitempty"`
}

func newExtracted(id string, ann news.Annotations) extracted {
	out := extracted{ID: id, Annotations: ann, Quotes: make([]extractedQuote, len(ann.Quotes))}
	kinds := ann.SpeakerKinds()
	for i, q := range ann.Quotes {
		out.Quotes[i] = extractedQuote{Quote: q, SpeakerKind: kinds[i], Scare: q.Scare()}
	}
	return out
}

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("extract", stderr)
	corpusFlags(fs)
	c, err := load(fs, args)
	if err != nil {
		return err
	}
	log := c.Logger(stderr)
	iopts, err := ingestOptions(c, log)
	if err != nil {
		return err
	}
	ins, _, x, err := extraction(c)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	st, err := ingest.Read(ctx, ins, iopts,
		func(a news.Article) error {
			return enc.Encode(newExtracted(a.ID, x.ExtractWithCountryPlaces(a)))
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
