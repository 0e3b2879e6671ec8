package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/ingest"
)

// BuildOptions configure a full build.
type BuildOptions struct {
	Inputs    []ingest.Input
	Ingest    ingest.Options
	Extractor *extract.Extractor
	// Aliases are the alias entries the extractor was made with beyond the
	// built-in table; they are kept with the generation so that incremental
	// changes are extracted the same way.
	Aliases   []extract.Alias
	Workers   int // extraction workers; 0: GOMAXPROCS
	BatchSize int // Bleve documents per batch; 0: 1000
	Keep      int // complete generations kept after publishing; 0: 3
	Logger    *slog.Logger

	// Progress, if set, is told of every article written.
	Progress func(articles int)
	// OnProblem, if set, is told of every skipped record (besides the log,
	// which holds the first ingest.DefaultProblemLimit of each reason and a
	// count of the rest).
	OnProblem func(*ingest.Problem)
	// MaxSkipRatio is the largest share of the corpus records that may be
	// skipped: a build that skips more fails without publishing (0:
	// ingest.DefaultMaxSkipRatio; 1: no limit). A build that would hold no
	// article fails too.
	MaxSkipRatio float64

	// ablate switches stages off for the cost benchmark in this package;
	// nothing outside it can set them.
	ablate ablation
}

// ablation names the stages the cost benchmark switches off to measure what
// each one costs. A build with any of them on is not a usable generation.
type ablation struct {
	noExtraction bool // articles indexed with empty annotations
	noQuoteDocs  bool // extraction runs, but no quote documents are written
}

// Summary reports a build.
type Summary struct {
	Generation string   `json:"generation"`
	Read       int      `json:"read"`
	Indexed    int      `json:"indexed"` // articles in the new generation
	Quotes     int      `json:"quotes"`
	Skipped    int      `json:"skipped"`
	Duplicates int      `json:"duplicates"`
	JournalOps int      `json:"journal_ops"`
	Seconds    float64  `json:"seconds"`
	DocsPerSec float64  `json:"docs_per_sec"`
	InputBytes int64    `json:"input_bytes"`
	SizeBytes  int64    `json:"size_bytes"`
	Stale      []string `json:"stale_removed,omitempty"`
	Pruned     []string `json:"pruned,omitempty"`
}

// item flows from the reader through the extraction workers to the writer.
type item struct {
	seq     int64
	corpus  bool // read from the corpus (not the journal)
	del     bool
	id      string
	article ingest.Article
	doc     map[string]any
	quotes  []QuoteDoc
	ann     extract.Annotations
}

// liveDoc is what the writer remembers of each article id it wrote.
type liveDoc struct {
	seq       int64
	quotes    int
	published int64 // unix seconds; 0: undated
	deleted   bool
}

// Build reads the inputs and the journal, writes a complete new generation,
// verifies it and publishes it atomically. The published generation is never
// touched; on any error (or a crash) the new generation is not published and
// the next build removes what is left of it.
func (s *Store) Build(ctx context.Context, opts BuildOptions) (Summary, error) {
	start := time.Now()
	if opts.Extractor == nil {
		return Summary{}, errors.New("build: no extractor")
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 1000
	}
	if opts.Keep <= 0 {
		opts.Keep = 3
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}

	unlock, err := s.lock()
	if err != nil {
		return Summary{}, err
	}
	defer unlock()
	var sum Summary
	if sum.Stale, err = s.cleanStale(); err != nil {
		return sum, fmt.Errorf("build: %w", err)
	}
	if len(sum.Stale) > 0 {
		log.Info("removed what an interrupted build left", "paths", sum.Stale)
	}
	name, err := s.nextGenName()
	if err != nil {
		return sum, fmt.Errorf("build: %w", err)
	}
	sum.Generation = name
	buildDir := filepath.Join(s.Dir, buildPrefix+name)
	published := false
	defer func() {
		if !published {
			_ = os.RemoveAll(buildDir)
		}
	}()
	if err := os.MkdirAll(buildDir, 0o755); err != nil {
		return sum, fmt.Errorf("build: %w", err)
	}
	// Each Bleve batch returns once its segment is persisted (scorch's
	// unsafe_batch would return earlier, but then Close drops what is not yet
	// persisted and memory grows on long corpora); the batcher overlaps
	// batches instead.
	idx, err := bleve.New(filepath.Join(buildDir, bleveDir), NewMapping())
	if err != nil {
		return sum, fmt.Errorf("build: create index: %w", err)
	}
	idxOpen := true
	defer func() {
		if idxOpen {
			idx.Close()
		}
	}()

	// The journal's framing is read now, so that a corrupt journal fails
	// the build at once; its ops are decoded one at a time after the corpus.
	journal, err := s.openJournal()
	if err != nil {
		return sum, fmt.Errorf("build: %w", err)
	}
	defer journal.close()
	if t := journal.tail; t != nil && !t.InProgress {
		log.Warn("journal: ignoring the torn tail of an interrupted append; the next append removes it",
			"line", t.Line, "bytes", t.Bytes, "reason", t.Reason)
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var (
		read       atomic.Int64
		skipped    atomic.Int64
		inputBytes int64
	)
	problems := ingest.NewProblemLog(log, 0)
	// Small buffers: enough to keep every stage busy, and memory flat even
	// when articles are megabytes long.
	toExtract := make(chan item, opts.Workers*8)
	toWrite := make(chan item, opts.Workers*8)

	// Stage 1: read the corpus, then the journal.
	go func() {
		defer close(toExtract)
		var seq int64
		send := func(it item) error {
			select {
			case toExtract <- it:
				return nil
			case <-ctx.Done():
				return context.Cause(ctx)
			}
		}
		st, err := ingest.Read(ctx, opts.Inputs, opts.Ingest,
			func(a ingest.Article) error {
				seq++
				read.Add(1)
				return send(item{seq: seq, corpus: true, id: a.ID, article: a})
			},
			func(p *ingest.Problem) {
				skipped.Add(1)
				problems.Report(p)
				if opts.OnProblem != nil {
					opts.OnProblem(p)
				}
			})
		if err != nil {
			cancel(fmt.Errorf("read corpus: %w", err))
			return
		}
		inputBytes = st.Bytes
		err = journal.each(0, func(op Op) error {
			seq++
			it := item{seq: seq, id: op.articleID(), del: op.Kind == OpDelete}
			if op.Article != nil {
				it.article = *op.Article
			}
			return send(it)
		})
		if err != nil {
			cancel(fmt.Errorf("replay journal: %w", err))
		}
	}()

	// Stage 2: extraction, in parallel.
	var wg sync.WaitGroup
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range toExtract {
				if !it.del {
					if err := extractItem(opts.Extractor, opts.ablate, &it); err != nil {
						cancel(err)
						return
					}
				}
				select {
				case toWrite <- it:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(toWrite) }()

	// Stage 3: one writer, in batches. Bleve analyses a batch's documents
	// on all cores itself.
	labels := NewLabels()
	live := map[string]*liveDoc{}
	corpusSeen := map[string]struct{}{}
	var (
		duplicates, journalOps int
		written                int
		lastLog                = time.Now()
	)
	bat := newBatcher(idx, opts.BatchSize, maxBatchBytes, opts.Workers)
	defer bat.wait()
	handle := func(it item) error {
		if it.corpus {
			if _, dup := corpusSeen[it.id]; dup {
				duplicates++
			} else {
				corpusSeen[it.id] = struct{}{}
			}
		} else {
			journalOps++
		}
		prev := live[it.id]
		if prev != nil && prev.seq > it.seq {
			return nil // a later version of this id was written already
		}
		bat.touch(it.id, textBytes(it))
		batch := bat.batch()
		if prev != nil {
			for n := 1; n <= prev.quotes; n++ {
				batch.Delete(QuoteDocID(it.id, n))
			}
		}
		if it.del {
			batch.Delete(it.id)
			live[it.id] = &liveDoc{seq: it.seq, deleted: true}
		} else {
			if err := batch.Index(it.id, it.doc); err != nil {
				return fmt.Errorf("index %s (%s): %w", it.id, it.article.Origin, err)
			}
			for _, q := range it.quotes {
				if err := batch.Index(q.ID, q.Fields); err != nil {
					return fmt.Errorf("index %s: %w", q.ID, err)
				}
			}
			ld := &liveDoc{seq: it.seq, quotes: len(it.quotes)}
			if it.article.Dated() {
				ld.published = it.article.Published.Unix()
				if ld.published == 0 {
					ld.published = 1 // the epoch itself is a date
				}
			}
			live[it.id] = ld
			labels.AddAnnotations(it.ann)
			if it.article.Source != "" {
				labels.Add(FieldSource, it.article.Source, it.article.Source)
			}
			if it.article.Language != "" {
				labels.Add(FieldLanguage, it.article.Language, it.article.Language)
			}
			written++
			if opts.Progress != nil {
				opts.Progress(written)
			}
		}
		if err := bat.maybeFlush(); err != nil {
			return err
		}
		if opts.Progress == nil && time.Since(lastLog) > 10*time.Second {
			lastLog = time.Now()
			el := time.Since(start).Seconds()
			log.Info("indexing", "articles", written, "docs_per_sec", int(float64(written)/el))
		}
		return nil
	}
	for it := range toWrite {
		if err := handle(it); err != nil {
			cancel(err)
			break
		}
	}
	// Drain so that the stages above can exit after a cancel.
	for range toWrite {
	}
	problems.Summarize()
	if err := context.Cause(ctx); err != nil {
		return sum, fmt.Errorf("build %s: %w", name, err)
	}
	if err := bat.finish(); err != nil {
		return sum, fmt.Errorf("build %s: %w", name, err)
	}

	// Meta from what is live.
	meta := Meta{
		Generation: name,
		BuiltAt:    time.Now().UTC(),
		Read:       int(read.Load()),
		Skipped:    int(skipped.Load()),
		Duplicates: duplicates,
		Entities:   map[string]int{},
	}
	meta.JournalSeq = journal.info.LastSeq
	for _, in := range opts.Inputs {
		meta.Inputs = append(meta.Inputs, in.Name)
	}
	var minT, maxT int64
	for _, ld := range live {
		if ld.deleted {
			continue
		}
		meta.Articles++
		meta.Quotes += ld.quotes
		if ld.published == 0 {
			meta.Undated++
			continue
		}
		if minT == 0 || ld.published < minT {
			minT = ld.published
		}
		if ld.published > maxT {
			maxT = ld.published
		}
	}
	if maxT != 0 {
		meta.DateFrom, meta.DateTo = time.Unix(minT, 0).UTC(), time.Unix(maxT, 0).UTC()
	}
	for _, f := range []string{FieldPerson, FieldOrg, FieldPlace, FieldSpeaker} {
		meta.Entities[f] = labels.Count(f)
	}
	meta.Countries = labels.Count(FieldCountry)
	meta.Documents = uint64(meta.Articles + meta.Quotes)

	// A corpus of garbage never replaces a good generation.
	if err := ingest.CheckSkipped(meta.Read, meta.Skipped, opts.MaxSkipRatio); err != nil {
		return sum, fmt.Errorf("build %s: %w: %s", name, err, s.notPublished())
	}
	if meta.Articles == 0 {
		return sum, fmt.Errorf("build %s: no article to index (read %d, skipped %d, journal ops %d): %s",
			name, meta.Read, meta.Skipped, journalOps, s.notPublished())
	}

	// Verify: the index holds exactly what was read, closed and reopened.
	if err := verifyCount(idx, meta.Documents); err != nil {
		return sum, fmt.Errorf("build %s: verify: %w", name, err)
	}
	idxOpen = false
	if err := idx.Close(); err != nil {
		return sum, fmt.Errorf("build %s: close index: %w", name, err)
	}
	re, err := bleve.Open(filepath.Join(buildDir, bleveDir))
	if err != nil {
		return sum, fmt.Errorf("build %s: verify: reopen: %w", name, err)
	}
	err = verifyCount(re, meta.Documents)
	re.Close()
	if err != nil {
		return sum, fmt.Errorf("build %s: verify after reopen: %w", name, err)
	}

	meta.Seconds = time.Since(start).Seconds()
	if err := writeJSONSync(filepath.Join(buildDir, labelsFile), labels); err != nil {
		return sum, fmt.Errorf("build %s: %w", name, err)
	}
	if err := writeJSONSync(filepath.Join(buildDir, aliasesFile), opts.Aliases); err != nil {
		return sum, fmt.Errorf("build %s: %w", name, err)
	}
	if err := writeJSONSync(filepath.Join(buildDir, metaFile), meta); err != nil {
		return sum, fmt.Errorf("build %s: %w", name, err)
	}
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("build %s: %w", name, err)
	}
	final := filepath.Join(s.Dir, name)
	crash("build.written")
	if err := os.Rename(buildDir, final); err != nil {
		return sum, fmt.Errorf("build %s: %w", name, err)
	}
	published = true // from here the folder is a complete generation
	if err := syncDir(s.Dir); err != nil {
		return sum, fmt.Errorf("build %s: %w", name, err)
	}
	crash("build.renamed")
	if err := s.publish(name); err != nil {
		return sum, err
	}
	crash("build.published")
	if sum.Pruned, err = s.Prune(opts.Keep); err != nil {
		log.Warn("prune old generations", "err", err)
	}

	sum.Read = meta.Read
	sum.Indexed = meta.Articles
	sum.Quotes = meta.Quotes
	sum.Skipped = meta.Skipped
	sum.Duplicates = meta.Duplicates
	sum.JournalOps = journalOps
	sum.Seconds = time.Since(start).Seconds()
	if sum.Seconds > 0 {
		sum.DocsPerSec = float64(sum.Read) / sum.Seconds
	}
	sum.InputBytes = inputBytes
	sum.SizeBytes = dirSize(final)
	return sum, nil
}

// notPublished says that a failed build published nothing, and what is
// served instead.
func (s *Store) notPublished() string {
	cur, err := s.CurrentName()
	switch {
	case errors.Is(err, ErrNoGeneration):
		return "nothing published; no generation is published yet"
	case err != nil:
		return "nothing published"
	}
	return "nothing published; " + cur + " is still served"
}

// maxBatchBytes bounds the text of one Bleve batch (besides its document
// count), so that memory stays flat on corpora of very long articles.
const maxBatchBytes = 8 << 20

func textBytes(it item) int {
	n := len(it.article.Title) + len(it.article.Body)
	for _, q := range it.quotes {
		s, _ := q.Fields[FieldText].(string)
		n += len(s)
	}
	return n
}

// extractItem runs extraction and builds the documents. Extraction is meant
// never to panic; if it does, the build fails naming the article instead of
// crashing the process.
func extractItem(x *extract.Extractor, ab ablation, it *item) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract %s (%s): panic: %v\n%s", it.id, it.article.Origin, r, debug.Stack())
		}
	}()
	if !ab.noExtraction {
		it.ann = x.Extract(it.article)
	}
	it.doc, it.quotes = Documents(it.article, it.ann)
	if ab.noQuoteDocs {
		it.quotes = nil
	}
	return nil
}

func verifyCount(idx bleve.Index, want uint64) error {
	got, err := idx.DocCount()
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("index holds %d documents, expected %d", got, want)
	}
	return nil
}

func writeJSONSync(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", filepath.Base(path), err)
	}
	if err := writeFileSync(path, append(b, '\n')); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}
