package cluster

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/news"
)

// Worker takes shard jobs of distributed builds from the jobs stream,
// one at a time, and builds them (indexer worker).
type Worker struct {
	Client  *Client
	Name    string // in results and logs
	Dir     string // scratch space; each job works in a folder of its own, removed after
	Workers int    // extraction workers; 0: one per core
	Logger  *slog.Logger

	// beforeBuild, in tests, is called with each job before it is built.
	beforeBuild func(Job)
}

// Run takes jobs until ctx ends. A job in progress then is handed back
// for another worker at once.
func (w *Worker) Run(ctx context.Context) error {
	log := w.logger()
	if err := w.Client.openJobs(ctx); err != nil {
		return err
	}
	if err := w.Client.openConsumer(ctx); err != nil {
		return err
	}
	log.Info("worker: waiting for jobs", "worker", w.Name)
	for ctx.Err() == nil {
		msg, err := w.Client.jobs.Next(jetstream.FetchMaxWait(2 * time.Second))
		if errors.Is(err, nats.ErrTimeout) || errors.Is(err, jetstream.ErrNoMessages) {
			continue
		}
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			log.Warn("worker: fetch a job", "err", err)
			time.Sleep(time.Second)
			continue
		}
		w.handle(ctx, msg, log)
	}
	return nil
}

func (w *Worker) logger() *slog.Logger {
	if w.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Logger
}

// handle runs one job and acknowledges it, or hands it back when ctx ended
// during it.
func (w *Worker) handle(ctx context.Context, msg jetstream.Msg, log *slog.Logger) {
	var job Job
	if err := json.Unmarshal(msg.Data(), &job); err != nil {
		log.Error("worker: a job that does not decode; dropped", "err", err)
		msg.Term()
		return
	}
	md, _ := msg.Metadata()
	attempt := uint64(1)
	if md != nil {
		attempt = md.NumDelivered
	}
	key := resultKey(job.Build, job.Shard)
	gctx, cancel := op(ctx)
	_, err := w.Client.builds.Get(gctx, key)
	cancel()
	if err == nil {
		msg.DoubleAck(ctx) // another delivery finished it
		return
	}
	// Tell the stream the job is in hand, every third of the ack wait.
	alive, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		t := time.NewTicker(w.Client.consumerAckWait() / 3)
		defer t.Stop()
		for {
			select {
			case <-alive.Done():
				return
			case <-t.C:
				msg.InProgress()
			}
		}
	}()
	var res Result
	log.Info("worker: building", "build", job.Build, "shard", job.Shard, "of", job.Shards, "articles", job.Records, "attempt", attempt)
	start := time.Now()
	res, err = w.build(ctx, job, attempt)
	stop()
	if ctx.Err() != nil {
		msg.Nak() // stopping: another worker takes it now
		return
	}
	if errors.Is(err, errAgain) && attempt < maxDeliveries {
		log.Warn("worker: job handed back, to be tried again", "build", job.Build, "shard", job.Shard, "attempt", attempt, "err", err)
		msg.NakWithDelay(2 * time.Second)
		return
	}
	if err != nil {
		log.Error("worker: job failed", "build", job.Build, "shard", job.Shard, "err", err)
		res = Result{Error: err.Error()}
	}
	res.Worker, res.Attempt, res.Seconds = w.Name, attempt, time.Since(start).Seconds()
	b, _ := json.Marshal(res)
	cctx, cancel := op(ctx)
	_, err = w.Client.builds.Create(cctx, key, b)
	cancel()
	if err != nil {
		if errors.Is(err, jetstream.ErrKeyExists) {
			// another delivery of the job finished first: its result stands
			w.removeResult(ctx, res)
			msg.DoubleAck(ctx)
			return
		}
		log.Error("worker: store the result; the job will be delivered again", "build", job.Build, "shard", job.Shard, "err", err)
		w.removeResult(ctx, res)
		msg.Nak()
		return
	}
	if err := msg.DoubleAck(ctx); err != nil {
		log.Warn("worker: acknowledge", "build", job.Build, "shard", job.Shard, "err", err)
	}
	log.Info("worker: built", "build", job.Build, "shard", job.Shard, "documents", res.Documents, "seconds", res.Seconds)
}

func (w *Worker) removeResult(ctx context.Context, r Result) {
	for _, b := range []Blob{r.Shard, r.Files} {
		if b.Object != "" {
			w.Client.DeleteBlob(context.WithoutCancel(ctx), b.Object)
		}
	}
}

// errAgain marks a job that failed for the cluster's sake, not its own
// (its part could not be fetched or its shard stored): it is handed back
// to be tried again, by this worker or another, until its last delivery.
var errAgain = errors.New("cluster unavailable")

// build fetches the job's part, builds it (index.BuildOptions.Partial) and
// stores the shard and the part's files.
func (w *Worker) build(ctx context.Context, job Job, attempt uint64) (Result, error) {
	if w.beforeBuild != nil {
		w.beforeBuild(job)
	}
	dir, err := os.MkdirTemp(w.Dir, fmt.Sprintf("job-%s-%03d-", job.Build, job.Shard))
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(dir)
	if err := w.Client.GetDir(ctx, job.Part, filepath.Join(dir, "part")); err != nil {
		return Result{}, fmt.Errorf("%w: %w", errAgain, err)
	}
	store, err := index.OpenStore(filepath.Join(dir, "index"))
	if err != nil {
		return Result{}, err
	}
	x, err := extract.New(extract.Options{Aliases: job.Aliases})
	if err != nil {
		return Result{}, fmt.Errorf("extractor: %w", err)
	}
	if err := journalChanges(store, filepath.Join(dir, "part", changesFile), job.Changes); err != nil {
		return Result{}, err
	}
	part := filepath.Join(dir, "part", partFile)
	if _, err := store.Build(ctx, index.BuildOptions{
		Articles:     func(ctx context.Context, emit func(news.Article) error) error { return readPart(part, emit) },
		Extractor:    x,
		Aliases:      job.Aliases,
		Workers:      w.Workers,
		Shards:       job.Shards,
		Partial:      true,
		MaxSkipRatio: 1,
		Logger:       w.Logger,
	}); err != nil {
		return Result{}, err
	}
	gen, err := store.Current()
	if err != nil {
		return Result{}, err
	}
	if gen.Meta.Read != job.Records {
		return Result{}, fmt.Errorf("read %d articles of the part, the job says %d", gen.Meta.Read, job.Records)
	}
	counts, err := index.ShardDocCounts(gen)
	if err != nil {
		return Result{}, err
	}
	for i, n := range counts {
		if i != job.Shard && n != 0 {
			return Result{}, fmt.Errorf("shard %d holds %d documents of part %d", i, n, job.Shard)
		}
	}
	if want := uint64(gen.Meta.Articles + gen.Meta.Quotes); counts[job.Shard] != want {
		return Result{}, fmt.Errorf("shard %d holds %d documents, its meta counts %d", job.Shard, counts[job.Shard], want)
	}
	res := Result{Documents: counts[job.Shard], Read: gen.Meta.Read}
	name := fmt.Sprintf("%s/shard-%03d.%d", job.Build, job.Shard, attempt)
	if res.Shard, err = w.Client.PutDir(ctx, name, gen.ShardPaths()[job.Shard]); err != nil {
		return Result{}, fmt.Errorf("%w: %w", errAgain, err)
	}
	name = fmt.Sprintf("%s/files-%03d.%d", job.Build, job.Shard, attempt)
	if res.Files, err = w.Client.PutDir(ctx, name, gen.Path, index.ShardsFolder); err != nil {
		w.removeResult(ctx, res)
		return Result{}, fmt.Errorf("%w: %w", errAgain, err)
	}
	return res, nil
}

// journalChanges appends the part's ops of the change stream (want of
// them) to the journal of the job's store, which its build then folds in
// after the part's articles.
func journalChanges(store *index.Store, path string, want int) error {
	if want == 0 {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("changes: %w", err)
	}
	var ops []index.Op
	for n, line := range bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n")) {
		op, err := index.UnmarshalOp(line)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, n+1, err)
		}
		ops = append(ops, op)
	}
	if len(ops) != want {
		return fmt.Errorf("changes: %d ops in the part, the job says %d", len(ops), want)
	}
	if _, err := store.AppendJournal(ops); err != nil {
		return fmt.Errorf("changes: %w", err)
	}
	return nil
}

// readPart calls emit with each article of a part file.
func readPart(path string, emit func(news.Article) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 256<<20)
	for n := 1; sc.Scan(); n++ {
		var a news.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
		a.Origin = fmt.Sprintf("%s:%d", path, n)
		if err := emit(a); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func (c *Client) jobAckWait() time.Duration {
	if c.opts.JobAckWait == 0 {
		return time.Minute
	}
	return c.opts.JobAckWait
}
