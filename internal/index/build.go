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
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/pairs"
)

// BuildOptions configure a full build.
type BuildOptions struct {
	Inputs []ingest.Input
	// Articles, if set, is read before Inputs: it calls emit with each
	// article of the corpus, in order (a distributed build's part, which
	// its coordinator read and checked).
	Articles  func(ctx context.Context, emit func(news.Article) error) error
	Ingest    ingest.Options
	Extractor *extract.Extractor
	// Aliases are the alias entries the extractor was made with beyond the
	// built-in table; they are kept with the generation so that incremental
	// changes are extracted the same way.
	Aliases   []extract.Alias
	Workers   int // extraction workers; 0: GOMAXPROCS
	BatchSize int // Bleve documents per batch (of each shard); 0: 1000
	// Shards is the number of Bleve indexes the generation is split into,
	// by ShardOf of the article id; 0: DefaultShards.
	Shards int
	Keep   int // complete generations kept after publishing; 0: 3
	// Partial marks the build of one part of a corpus that MergeParts
	// merges with the others (a distributed build): the generation also
	// keeps each value's spellings (spellings.json) and the signatures of
	// its articles (signatures.spill).
	Partial bool
	// RepeatJoined builds quote documents that repeat their article's
	// Joined fields, as generations built before the join
	// (DocumentsRepeated, Meta.JoinedQuotes false): for tests, which
	// compare the answers of both layouts.
	RepeatJoined bool
	Logger       *slog.Logger

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
	article news.Article
	doc     map[string]any
	quotes  []QuoteDoc
	ann     news.Annotations
	sig     *Signature // nil: a body without words
	qkeys   []quoteKey // the keys of its quote documents
}

// quoteKey is the key of quote document num of an article (QuoteKey).
type quoteKey struct {
	key uint64
	num uint16
}

// liveDoc is what the writer remembers of each article id it wrote (what
// the groups of near-duplicates need of it is in the spill, dupspill.go).
type liveDoc struct {
	seq       int64
	published int64 // unix seconds; 0: undated
	quotes    int32 // quote documents
	lastQuote int32 // the highest quote document number (scare quotes have none)
	deleted   bool
	inCorpus  bool // the corpus holds this id (the duplicates count the others)
}

// Build reads the inputs and the journal, writes a complete new generation,
// verifies it and publishes it atomically. The published generation is never
// touched; on any error (or a crash) the new generation is not published and
// the next build removes what is left of it.
//
// The phases, in order, are the builder's methods below: prepare (clean what
// an interrupted build left, create the new generation's folder and index,
// open the journal), index (the pipeline of build_pipeline.go: read the
// corpus and replay the journal, extract in parallel, write in batches),
// finishMeta (meta from what is live, and the checks that keep a bad corpus
// from replacing a good generation), verify, and publish.
func (s *Store) Build(ctx context.Context, opts BuildOptions) (Summary, error) {
	b, err := newBuilder(s, opts)
	if err != nil {
		return Summary{}, err
	}
	unlock, err := s.lock()
	if err != nil {
		return Summary{}, err
	}
	defer unlock()
	defer b.cleanup()
	if err := b.prepare(ctx); err != nil {
		return b.sum, err
	}
	if err := b.index(); err != nil {
		return b.sum, fmt.Errorf("build %s: %w", b.name, err)
	}
	if err := b.finishMeta(); err != nil {
		return b.sum, err
	}
	if err := b.verify(); err != nil {
		return b.sum, err
	}
	if err := b.publish(); err != nil {
		return b.sum, err
	}
	return b.summarize(), nil
}

// builder holds one build's state from phase to phase.
type builder struct {
	s     *Store
	opts  BuildOptions
	log   *slog.Logger
	start time.Time
	sum   Summary

	// set by prepare
	name      string
	buildDir  string
	published bool          // the folder is a complete generation: cleanup keeps it
	idxs      []bleve.Index // the shards, open until verify closes them
	journal   *journalReader
	ctx       context.Context
	cancel    context.CancelCauseFunc

	// extract runs extraction on one item; see extractDocs.
	extract func(*extract.Extractor, *item)

	// the pipeline's reader
	read       atomic.Int64
	skipped    atomic.Int64
	inputBytes int64 // set by the reader before it closes its channel
	problems   *ingest.ProblemLog

	// the pipeline's writer
	labels     *Labels
	live       *liveTable
	spill      *dupSpill // what the groups of near-duplicates need of each article written
	duplicates int
	dateSpans  bool // an article dated by a year or a month was written (Meta.DateSpans)
	journalOps int
	written    int
	lastLog    time.Time
	bats       []*batcher // one per shard

	meta Meta // set by finishMeta
}

// newBuilder checks the options and fills in their defaults.
func newBuilder(s *Store, opts BuildOptions) (*builder, error) {
	start := time.Now()
	if opts.Extractor == nil {
		return nil, errors.New("build: no extractor")
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 1000
	}
	if opts.Shards <= 0 {
		opts.Shards = DefaultShards
	}
	if opts.Shards > MaxShards {
		return nil, fmt.Errorf("build: %d shards: at most %d", opts.Shards, MaxShards)
	}
	if opts.Keep <= 0 {
		opts.Keep = 3
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &builder{s: s, opts: opts, log: log, start: start, extract: extractDocs}, nil
}

// cleanup releases what the phases hold, in the reverse order of their
// taking it, and removes the new generation's folder unless it was
// published.
func (b *builder) cleanup() {
	for _, bat := range b.bats {
		bat.wait()
	}
	if b.cancel != nil {
		b.cancel(nil)
	}
	if b.journal != nil {
		b.journal.close()
	}
	for _, idx := range b.idxs {
		idx.Close()
	}
	if b.spill != nil {
		_ = b.spill.remove()
	}
	if b.buildDir != "" && !b.published {
		_ = os.RemoveAll(b.buildDir)
	}
}

// prepare removes what an interrupted build left, creates the new
// generation's folder and its empty index, and opens the journal. Called
// with the store locked.
func (b *builder) prepare(ctx context.Context) error {
	s, log := b.s, b.log
	var err error
	if b.sum.Stale, err = s.cleanStale(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if len(b.sum.Stale) > 0 {
		log.Info("removed what an interrupted build left", "paths", b.sum.Stale)
	}
	name, err := s.nextGenName()
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	b.name, b.sum.Generation = name, name
	b.buildDir = filepath.Join(s.Dir, buildPrefix+name)
	if err := os.MkdirAll(b.buildDir, 0o755); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	// Each Bleve batch returns once its segment is persisted (scorch's
	// unsafe_batch would return earlier, but then Close drops what is not yet
	// persisted and memory grows on long corpora); the batcher overlaps
	// batches instead.
	for i := range b.opts.Shards {
		idx, err := bleve.NewUsing(shardDir(b.buildDir, i), buildMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, buildConfig())
		if err != nil {
			return fmt.Errorf("build: create shard %d: %w", i, err)
		}
		b.idxs = append(b.idxs, idx)
		// Every document of a build goes through AddToBatch.
		if err := pairs.Mark(idx); err != nil {
			return fmt.Errorf("build: mark shard %d: %w", i, err)
		}
	}

	// The journal's framing is read now, so that a corrupt journal fails
	// the build at once; its ops are decoded one at a time after the corpus.
	if b.journal, err = s.openJournal(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if t := b.journal.tail; t != nil && !t.InProgress {
		log.Warn("journal: ignoring the torn tail of an interrupted append; the next append removes it",
			"line", t.Line, "bytes", t.Bytes, "reason", t.Reason)
	}
	b.ctx, b.cancel = context.WithCancelCause(ctx)
	return nil
}

// finishMeta computes the generation's meta from what is live, and fails a
// build that must not replace the published generation.
func (b *builder) finishMeta() error {
	meta := Meta{
		Generation:   b.name,
		BuiltAt:      time.Now().UTC(),
		Read:         int(b.read.Load()),
		Skipped:      int(b.skipped.Load()),
		Duplicates:   b.duplicates,
		Entities:     map[string]int{},
		Shards:       b.opts.Shards,
		DateTerms:    true,
		DateSpans:    b.dateSpans,
		JoinedQuotes: !b.opts.RepeatJoined,
	}
	meta.JournalSeq = b.journal.info.LastSeq
	for _, in := range b.opts.Inputs {
		meta.Inputs = append(meta.Inputs, in.Name)
	}
	var minT, maxT int64
	b.live.each(func(_ string, ld liveDoc) {
		if ld.deleted {
			return
		}
		meta.Articles++
		meta.Quotes += int(ld.quotes)
		if ld.published == 0 {
			meta.Undated++
			return
		}
		if minT == 0 || ld.published < minT {
			minT = ld.published
		}
		if ld.published > maxT {
			maxT = ld.published
		}
	})
	if maxT != 0 {
		meta.DateFrom, meta.DateTo = time.Unix(minT, 0).UTC(), time.Unix(maxT, 0).UTC()
	}
	for _, f := range []string{FieldPerson, FieldOrg, FieldPlace, FieldSpeaker} {
		meta.Entities[f] = b.labels.Count(f)
	}
	meta.Countries = b.labels.Count(FieldCountry)
	meta.Documents = uint64(meta.Articles + meta.Quotes)
	b.meta = meta

	// A corpus of garbage never replaces a good generation.
	if err := ingest.CheckSkipped(meta.Read, meta.Skipped, b.opts.MaxSkipRatio); err != nil {
		return fmt.Errorf("build %s: %w: %s", b.name, err, b.s.notPublished())
	}
	if meta.Articles == 0 && !b.opts.Partial { // a part may hold none
		return fmt.Errorf("build %s: no article to index (read %d, skipped %d, journal ops %d): %s",
			b.name, meta.Read, meta.Skipped, b.journalOps, b.s.notPublished())
	}
	return nil
}

// verify checks that each shard holds exactly the documents of the live
// articles whose id it owns, before and after it is closed and reopened.
func (b *builder) verify() error {
	want := make([]uint64, len(b.idxs))
	b.live.each(func(id string, ld liveDoc) {
		if !ld.deleted {
			want[ShardOf(id, len(want))] += 1 + uint64(ld.quotes)
		}
	})
	for i, idx := range b.idxs {
		if err := verifyCount(idx, want[i]); err != nil {
			return fmt.Errorf("build %s: verify shard %d: %w", b.name, i, err)
		}
	}
	idxs := b.idxs
	b.idxs = nil
	var errs []error
	for i, idx := range idxs {
		if err := idx.Close(); err != nil {
			errs = append(errs, fmt.Errorf("build %s: close shard %d: %w", b.name, i, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for i := range idxs {
		re, err := bleve.Open(shardDir(b.buildDir, i))
		if err != nil {
			return fmt.Errorf("build %s: verify: reopen shard %d: %w", b.name, i, err)
		}
		err = verifyCount(re, want[i])
		re.Close()
		if err != nil {
			return fmt.Errorf("build %s: verify shard %d after reopen: %w", b.name, i, err)
		}
	}
	return nil
}

// publish writes the generation's files, renames its folder into place,
// publishes it and prunes old generations. The crash tests kill the process
// at each of its crash points.
func (b *builder) publish() error {
	s, name, dir := b.s, b.name, b.buildDir
	b.meta.Seconds = time.Since(b.start).Seconds()
	if err := writeJSONSync(filepath.Join(dir, labelsFile), b.labels); err != nil {
		return fmt.Errorf("build %s: %w", name, err)
	}
	if b.opts.Partial {
		if err := writeJSONSync(filepath.Join(dir, spellingsFile), b.labels.Counts()); err != nil {
			return fmt.Errorf("build %s: %w", name, err)
		}
	}
	groups, err := b.groups()
	if err != nil {
		return fmt.Errorf("build %s: %w", name, err)
	}
	if err := writeGroups(filepath.Join(dir, groupsFile), groups); err != nil {
		return fmt.Errorf("build %s: %w", name, err)
	}
	if err := writeJSONSync(filepath.Join(dir, aliasesFile), b.opts.Aliases); err != nil {
		return fmt.Errorf("build %s: %w", name, err)
	}
	if err := writeJSONSync(filepath.Join(dir, metaFile), b.meta); err != nil {
		return fmt.Errorf("build %s: %w", name, err)
	}
	if err := b.ctx.Err(); err != nil {
		return fmt.Errorf("build %s: %w", name, err)
	}
	final := filepath.Join(s.Dir, name)
	crash("build.written")
	if err := os.Rename(dir, final); err != nil {
		return fmt.Errorf("build %s: %w", name, err)
	}
	b.published = true // from here the folder is a complete generation
	if err := syncDir(s.Dir); err != nil {
		return fmt.Errorf("build %s: %w", name, err)
	}
	crash("build.renamed")
	if err := s.publish(name); err != nil {
		return err
	}
	crash("build.published")
	if b.sum.Pruned, err = s.Prune(b.opts.Keep); err != nil {
		b.log.Warn("prune old generations", "err", err)
	}
	return nil
}

// summarize completes the summary of a published build.
func (b *builder) summarize() Summary {
	sum, meta := b.sum, b.meta
	sum.Read = meta.Read
	sum.Indexed = meta.Articles
	sum.Quotes = meta.Quotes
	sum.Skipped = meta.Skipped
	sum.Duplicates = meta.Duplicates
	sum.JournalOps = b.journalOps
	sum.Seconds = time.Since(b.start).Seconds()
	if sum.Seconds > 0 {
		sum.DocsPerSec = float64(sum.Read) / sum.Seconds
	}
	sum.InputBytes = b.inputBytes
	sum.SizeBytes = dirSize(filepath.Join(b.s.Dir, b.name))
	return sum
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

// maxSegmentDocs bounds the documents of a segment that scorch's merger
// writes during a build (its default, 5 million, lets it merge most of a
// shard at once). A merge reads its segments through mmap, so their pages
// count in the build's resident memory: at a million articles (4.2 million
// documents in 2 shards) the two shards' merges of ten 100 MB segments at
// once took it from 0.6 GB (the heap) to 2.8 GB. With the cap no merge
// reads more than about 250 MB, and a shard ends with about as many
// segments as before (docs/design.md, "Build settings").
const maxSegmentDocs = 250_000

// buildConfig is the scorch configuration of a build's shard: a new map
// each time, as Bleve writes the index's path into it.
func buildConfig() map[string]any {
	return map[string]any{"scorchMergePlanOptions": map[string]any{"MaxSegmentSize": maxSegmentDocs}}
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

// extractDocs finds an article's entities and quotes and makes its
// documents. The cost benchmark swaps it (in bench_test.go) for versions
// that leave stages out; a build always starts with the one it finds here.
var extractDocs = func(x *extract.Extractor, it *item) {
	it.ann = x.Extract(it.article)
	it.doc, it.quotes = Documents(it.article, it.ann)
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
