package index

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

// index runs the build's pipeline: one reader (the corpus, then the
// journal), extraction workers in parallel, and one writer that fills Bleve
// batches. It returns once every stage has stopped, with the first error of
// any of them.
func (b *builder) index() error {
	b.problems = ingest.NewProblemLog(b.log, 0)
	// Small buffers: enough to keep every stage busy, and memory flat even
	// when articles are megabytes long.
	toExtract := make(chan item, b.opts.Workers*8)
	toWrite := make(chan item, b.opts.Workers*8)
	go b.readAll(toExtract)
	b.startExtractors(toExtract, toWrite)
	return b.writeAll(toWrite)
}

// readAll is stage 1: it reads the corpus, then the journal, and closes
// toExtract.
func (b *builder) readAll(toExtract chan<- item) {
	defer close(toExtract)
	ctx, opts := b.ctx, b.opts
	var seq int64
	send := func(it item) error {
		select {
		case toExtract <- it:
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	emit := func(a news.Article) error {
		seq++
		b.read.Add(1)
		return send(item{seq: seq, corpus: true, id: a.ID, article: a})
	}
	if opts.Articles != nil {
		if err := opts.Articles(ctx, emit); err != nil {
			b.cancel(fmt.Errorf("read corpus: %w", err))
			return
		}
	}
	st, err := ingest.Read(ctx, opts.Inputs, opts.Ingest, emit,
		func(p *ingest.Problem) {
			b.skipped.Add(1)
			b.problems.Report(p)
			if opts.OnProblem != nil {
				opts.OnProblem(p)
			}
		})
	if err != nil {
		b.cancel(fmt.Errorf("read corpus: %w", err))
		return
	}
	b.inputBytes = st.Bytes
	err = b.journal.each(0, func(op Op) error {
		seq++
		it := item{seq: seq, id: op.articleID(), del: op.Kind == OpDelete}
		if op.Article != nil {
			it.article = *op.Article
		}
		return send(it)
	})
	if err != nil {
		b.cancel(fmt.Errorf("replay journal: %w", err))
	}
}

// startExtractors starts stage 2: extraction, in parallel. toWrite is closed
// once every worker has stopped.
func (b *builder) startExtractors(toExtract <-chan item, toWrite chan<- item) {
	var wg sync.WaitGroup
	for w := 0; w < b.opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range toExtract {
				if !it.del {
					if err := b.extractItem(&it); err != nil {
						b.cancel(err)
						return
					}
				}
				select {
				case toWrite <- it:
				case <-b.ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(toWrite) }()
}

// extractItem runs extraction and builds the documents. Extraction is meant
// never to panic; if it does, the build fails naming the article instead of
// crashing the process.
func (b *builder) extractItem(it *item) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract %s (%s): panic: %v\n%s", it.id, it.article.Origin, r, debug.Stack())
		}
	}()
	b.extract(b.opts.Extractor, it)
	if b.opts.RepeatJoined {
		it.doc, it.quotes = DocumentsRepeated(it.article, it.ann)
	}
	if sig, ok := SignatureOf(it.article.Title, it.article.Body); ok {
		it.sig = &sig
	}
	for i, q := range it.ann.Quotes {
		if q.Scare() || i+1 > 1<<16-1 {
			continue // no quote document (QuoteDocID numbers from 1)
		}
		if k, ok := QuoteKey(q.SpeakerID, q.Text); ok {
			it.qkeys = append(it.qkeys, quoteKey{key: k, num: uint16(i + 1)})
		}
	}
	return nil
}

// writeAll is stage 3: one writer, in batches. Bleve analyses a batch's
// documents on all cores itself.
func (b *builder) writeAll(toWrite <-chan item) error {
	b.labels = NewLabels()
	b.live = newLiveTable()
	var err error
	if b.spill, err = newDupSpill(b.buildDir); err != nil {
		return err
	}
	b.lastLog = time.Now()
	// One batcher per shard, sharing the batches in flight among them.
	parallel := (b.opts.Workers + len(b.idxs) - 1) / len(b.idxs)
	for _, idx := range b.idxs {
		b.bats = append(b.bats, newBatcher(idx, b.opts.BatchSize, maxBatchBytes, parallel))
	}
	for it := range toWrite {
		if err := b.write(it); err != nil {
			b.cancel(err)
			break
		}
	}
	// Drain so that the stages above can exit after a cancel.
	for range toWrite {
	}
	b.problems.Summarize()
	if err := context.Cause(b.ctx); err != nil {
		return err
	}
	errs := make([]error, len(b.bats))
	var wg sync.WaitGroup
	for i, bat := range b.bats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = bat.finish()
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// write adds one item to the current batch: the article's document and its
// quote documents, or its deletion, replacing the quote documents of the
// version written before.
func (b *builder) write(it item) error {
	prev, seen := b.live.get(it.id)
	// inCorpus: the corpus holds this id, in this item or one written
	// before (extraction workers can hand items on out of order).
	inCorpus := it.corpus || (seen && prev.inCorpus)
	switch {
	case !it.corpus:
		b.journalOps++
	case seen && prev.inCorpus:
		b.duplicates++
	}
	if seen && prev.seq > it.seq {
		if inCorpus && !prev.inCorpus {
			prev.inCorpus = true
			b.live.set(it.id, prev)
		}
		return nil // a later version of this id was written already
	}
	bat := b.bats[ShardOf(it.id, len(b.bats))]
	bat.touch(it.id, textBytes(it))
	batch := bat.batch()
	if seen {
		for n := 1; n <= int(prev.lastQuote); n++ {
			batch.Delete(QuoteDocID(it.id, n))
		}
	}
	if it.del {
		batch.Delete(it.id)
		b.live.set(it.id, liveDoc{seq: it.seq, deleted: true, inCorpus: inCorpus})
	} else {
		if err := bat.index(it.id, it.doc); err != nil {
			return fmt.Errorf("index %s (%s): %w", it.id, it.article.Origin, err)
		}
		for _, q := range it.quotes {
			if err := bat.index(q.ID, q.Fields); err != nil {
				return fmt.Errorf("index %s: %w", q.ID, err)
			}
		}
		ld := liveDoc{seq: it.seq, quotes: int32(len(it.quotes)), lastQuote: int32(len(it.ann.Quotes)), inCorpus: inCorpus}
		if it.article.Dated() {
			if it.article.DatePrecision != "" {
				b.dateSpans = true
			}
			ld.published = it.article.Published.Unix()
			if ld.published == 0 {
				ld.published = 1 // the epoch itself is a date
			}
		}
		b.live.set(it.id, ld)
		if err := b.spill.add(spilled{id: it.id, seq: it.seq, published: ld.published, sig: it.sig, qkeys: it.qkeys}); err != nil {
			return err
		}
		b.labels.AddAnnotations(it.ann)
		if it.article.Source != "" {
			b.labels.Add(FieldSource, it.article.Source, it.article.Source)
		}
		if it.article.Language != "" {
			b.labels.Add(FieldLanguage, it.article.Language, it.article.Language)
		}
		b.written++
		if b.opts.Progress != nil {
			b.opts.Progress(b.written)
		}
	}
	if err := bat.maybeFlush(); err != nil {
		return err
	}
	if b.opts.Progress == nil && time.Since(b.lastLog) > 10*time.Second {
		b.lastLog = time.Now()
		el := time.Since(b.start).Seconds()
		b.log.Info("indexing", "articles", b.written, "docs_per_sec", int(float64(b.written)/el))
	}
	return nil
}
