package cluster

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

// BuildSpec is a distributed build: what a local build is given, less the
// index directory.
type BuildSpec struct {
	Inputs       []ingest.Input
	Ingest       ingest.Options
	Aliases      []extract.Alias // besides the built-in table
	Shards       int             // 0: index.DefaultShards
	MaxSkipRatio float64         // as index.BuildOptions
	Dir          string          // scratch space for the parts and the merge; "": the system's
	Logger       *slog.Logger
	OnProblem    func(*ingest.Problem)
}

// BuildSummary is what a distributed build did.
type BuildSummary struct {
	Manifest Manifest
	Read     int
	Skipped  int
	Workers  []string // that built the shards, by shard
	Changes  int      // ops of the change stream folded in
	Seconds  float64
}

// Build builds a generation of the corpus on the cluster's workers and
// publishes it: it reads the corpus (problems reported as a local build
// reports them), cuts it into one part a shard by index.ShardOf, stores
// each part and queues its job, waits for every shard's result, checks
// the counts, merges the parts' files (index.MergeParts) and swaps the
// manifest. Until that swap nothing is published, and a build that fails
// removes what it stored.
func (c *Client) Build(ctx context.Context, spec BuildSpec) (BuildSummary, error) {
	start := time.Now()
	log := spec.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if spec.Shards == 0 {
		spec.Shards = index.DefaultShards
	}
	if spec.Shards < 1 || spec.Shards > index.MaxShards {
		return BuildSummary{}, fmt.Errorf("cluster: build: %d shards: want 1 to %d", spec.Shards, index.MaxShards)
	}
	if err := c.openJobs(ctx); err != nil {
		return BuildSummary{}, err
	}
	prev, err := c.Current(ctx)
	if err != nil && !errors.Is(err, ErrNoManifest) {
		return BuildSummary{}, err
	}
	id := "build-" + time.Now().UTC().Format("20060102-150405") + "-" + randHex()
	scratch, err := os.MkdirTemp(spec.Dir, id+"-")
	if err != nil {
		return BuildSummary{}, fmt.Errorf("cluster: build: %w", err)
	}
	defer os.RemoveAll(scratch)
	// What the build stored: its parts and the parts' files are its own,
	// removed in any case; the shards (and the merged files) too unless it
	// published them. A failed build also purges its jobs no worker took.
	var (
		parts     []string
		results   []Result
		files     string
		published bool
	)
	defer func() {
		bg := context.WithoutCancel(ctx)
		drop := parts
		for _, r := range results {
			drop = append(drop, r.Files.Object)
			if !published {
				drop = append(drop, r.Shard.Object)
			}
		}
		if !published {
			drop = append(drop, files)
			c.purgeJobs(bg, id)
		}
		for _, name := range drop {
			if name != "" {
				c.DeleteBlob(bg, name)
			}
		}
	}()

	sum := BuildSummary{}
	records, err := c.cut(ctx, spec, scratch, &sum, log)
	if err != nil {
		return sum, err
	}
	if err := ingest.CheckSkipped(sum.Read, sum.Skipped, spec.MaxSkipRatio); err != nil {
		return sum, fmt.Errorf("cluster: build %s: %w: nothing published", id, err)
	}
	changes, changeSeq, err := c.cutChanges(ctx, scratch, spec.Shards)
	if err != nil {
		return sum, fmt.Errorf("cluster: build %s: %w", id, err)
	}
	for _, n := range changes {
		sum.Changes += n
	}
	log.Info("cluster build: corpus cut into parts", "build", id, "read", sum.Read, "skipped", sum.Skipped,
		"changes", sum.Changes, "change_seq", changeSeq, "shards", spec.Shards)
	for i := range spec.Shards {
		b, err := c.PutDir(ctx, fmt.Sprintf("%s/part-%03d", id, i), filepath.Join(scratch, fmt.Sprintf("part-%03d", i)))
		if err != nil {
			return sum, err
		}
		parts = append(parts, b.Object)
		job, err := json.Marshal(Job{Build: id, Shard: i, Shards: spec.Shards, Part: b, Records: records[i], Changes: changes[i], Aliases: spec.Aliases})
		if err != nil {
			return sum, err
		}
		if err := c.queue(ctx, id, job); err != nil {
			return sum, fmt.Errorf("cluster: build %s: queue shard %d: %w", id, i, err)
		}
	}
	results, err = c.await(ctx, id, spec.Shards, log)
	if err != nil {
		return sum, err
	}

	// check, then merge the parts' files
	partDirs := make([]string, spec.Shards)
	m := Manifest{ID: id, Generation: id, ChangeSeq: changeSeq}
	for i, r := range results {
		if r.Read != records[i] {
			return sum, fmt.Errorf("cluster: build %s: shard %d: the worker read %d articles of %d", id, i, r.Read, records[i])
		}
		partDirs[i] = filepath.Join(scratch, fmt.Sprintf("files-%03d", i))
		if err := c.GetDir(ctx, r.Files, partDirs[i]); err != nil {
			return sum, err
		}
		m.Shards = append(m.Shards, Shard{Blob: r.Shard, Documents: r.Documents})
		m.Documents += r.Documents
		sum.Workers = append(sum.Workers, r.Worker)
	}
	merged := filepath.Join(scratch, "merged")
	if err := os.Mkdir(merged, 0o755); err != nil {
		return sum, err
	}
	var inputs []string
	for _, in := range spec.Inputs {
		inputs = append(inputs, in.Name)
	}
	meta, err := index.MergeParts(merged, partDirs, index.MergeInfo{
		Name: id, Read: sum.Read, Skipped: sum.Skipped, Inputs: inputs, Aliases: spec.Aliases,
		Seconds: time.Since(start).Seconds(), JournalSeq: changeSeq,
	}, log)
	if err == nil && meta.Documents != m.Documents {
		err = fmt.Errorf("the parts count %d documents, the shards hold %d", meta.Documents, m.Documents)
	}
	if err != nil {
		return sum, fmt.Errorf("cluster: build %s: %w", id, err)
	}
	m.Articles = meta.Articles
	if m.Files, err = c.PutDir(ctx, id+"/files", merged); err != nil {
		return sum, err
	}
	files = m.Files.Object
	m.Published = time.Now().UTC()
	rev, err := c.Swap(ctx, m, prev.Revision)
	if err != nil {
		return sum, err
	}
	m.Revision = rev
	published = true
	sum.Manifest, sum.Seconds = m, time.Since(start).Seconds()
	if prev.ID != "" {
		if err := c.prune(ctx, m.ID, prev.ID); err != nil {
			log.Warn("cluster build: remove old blobs", "err", err)
		}
	}
	return sum, nil
}

// cut reads the corpus into one gzip JSON Lines part a shard, in
// scratch/part-NNN/part.jsonl.gz, and returns the articles of each.
func (c *Client) cut(ctx context.Context, spec BuildSpec, scratch string, sum *BuildSummary, log *slog.Logger) ([]int, error) {
	type part struct {
		f  *os.File
		bw *bufio.Writer
		zw *gzip.Writer
		n  int
	}
	parts := make([]*part, spec.Shards)
	defer func() {
		for _, p := range parts {
			if p != nil {
				p.f.Close()
			}
		}
	}()
	for i := range parts {
		dir := filepath.Join(scratch, fmt.Sprintf("part-%03d", i))
		if err := os.Mkdir(dir, 0o755); err != nil {
			return nil, err
		}
		f, err := os.Create(filepath.Join(dir, partFile))
		if err != nil {
			return nil, err
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		zw, _ := gzip.NewWriterLevel(bw, gzip.BestSpeed)
		parts[i] = &part{f: f, bw: bw, zw: zw}
	}
	problems := ingest.NewProblemLog(log, 0)
	_, err := ingest.Read(ctx, spec.Inputs, spec.Ingest, func(a news.Article) error {
		sum.Read++
		b, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("%s: %w", a.Origin, err)
		}
		p := parts[index.ShardOf(a.ID, spec.Shards)]
		p.n++
		if _, err := p.zw.Write(append(b, '\n')); err != nil {
			return err
		}
		return nil
	}, func(p *ingest.Problem) {
		sum.Skipped++ // Read counts the articles read, as a local build's
		problems.Report(p)
		if spec.OnProblem != nil {
			spec.OnProblem(p)
		}
	})
	problems.Summarize()
	if err != nil {
		return nil, fmt.Errorf("cluster: build: read corpus: %w", err)
	}
	records := make([]int, len(parts))
	for i, p := range parts {
		if err := errors.Join(p.zw.Close(), p.bw.Flush(), p.f.Close()); err != nil {
			return nil, fmt.Errorf("cluster: build: part %d: %w", i, err)
		}
		records[i] = p.n
	}
	return records, nil
}

// cutChanges writes the ops of the change stream, up to its last
// sequence now, into the parts' folders (scratch/part-NNN/changes.jsonl,
// each op in its article's shard by index.ShardOf, in stream order), and
// returns the ops of each part and the last sequence read.
func (c *Client) cutChanges(ctx context.Context, scratch string, shards int) ([]int, int64, error) {
	counts := make([]int, shards)
	files := make([]*os.File, shards)
	defer func() {
		for _, f := range files {
			if f != nil {
				f.Close()
			}
		}
	}()
	last, err := c.EachChange(ctx, 0, func(op index.Op) error {
		i := index.ShardOf(op.ID, shards)
		if files[i] == nil {
			f, err := os.Create(filepath.Join(scratch, fmt.Sprintf("part-%03d", i), changesFile))
			if err != nil {
				return err
			}
			files[i] = f
		}
		b, err := index.MarshalOp(op)
		if err != nil {
			return err
		}
		if _, err := files[i].Write(append(b, '\n')); err != nil {
			return fmt.Errorf("part %d: %w", i, err)
		}
		counts[i]++
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("read the change stream: %w", err)
	}
	for i, f := range files {
		if f != nil {
			if err := f.Close(); err != nil {
				return nil, 0, fmt.Errorf("part %d: %w", i, err)
			}
			files[i] = nil
		}
	}
	return counts, last, nil
}

// queue publishes a job, trying again when a server fails over: a job
// queued twice is built twice and its first result kept.
func (c *Client) queue(ctx context.Context, build string, job []byte) error {
	var err error
	for try := 0; try < 5 && ctx.Err() == nil; try++ {
		octx, cancel := op(ctx)
		_, err = c.JS.Publish(octx, c.jobsSubject(build), job)
		cancel()
		if err == nil {
			return nil
		}
		time.Sleep(time.Duration(try+1) * 200 * time.Millisecond)
	}
	return err
}

// await waits for the result of every shard of build id, logging progress.
// A job that failed fails the build with its error; one that is never
// finished fails it when ctx ends. The missing results are read every
// second from the bucket's leader: a watch can stall for as long as its
// context while a NATS server fails over, and a replica that lost its
// peer a moment ago can answer "not found" for a while.
func (c *Client) await(ctx context.Context, id string, shards int, log *slog.Logger) ([]Result, error) {
	results := make([]Result, shards)
	have := make([]bool, shards)
	got := 0
	var failed []string
	poll := time.NewTicker(awaitPoll)
	defer poll.Stop()
	for got < shards {
		select {
		case <-ctx.Done():
			return results, fmt.Errorf("cluster: build %s: %d of %d shards built: %w", id, got, shards, ctx.Err())
		case <-poll.C:
		}
		for i := range shards {
			if have[i] {
				continue
			}
			octx, cancel := op(ctx)
			msg, err := c.leaderMsg(octx, c.opts.Prefix+"_builds", resultKey(id, i))
			cancel()
			if errors.Is(err, jetstream.ErrMsgNotFound) || errors.Is(err, jetstream.ErrKeyNotFound) {
				continue
			}
			if err != nil {
				log.Debug("cluster build: read a result", "build", id, "shard", i, "err", err)
				continue
			}
			if err := json.Unmarshal(msg.Data, &results[i]); err != nil {
				return results, fmt.Errorf("cluster: build %s: result of shard %d: %w", id, i, err)
			}
			have[i] = true
			got++
			if r := results[i]; r.Error != "" {
				failed = append(failed, fmt.Sprintf("shard %d on %s: %s", i, r.Worker, r.Error))
			} else {
				log.Info("cluster build: shard built", "build", id, "shard", i, "worker", r.Worker, "documents", r.Documents, "seconds", r.Seconds, "done", got, "of", shards)
			}
		}
	}
	if len(failed) > 0 {
		return results, fmt.Errorf("cluster: build %s: %s", id, strings.Join(failed, "; "))
	}
	return results, nil
}

// awaitPoll is how often a build reads the results it awaits.
const awaitPoll = 500 * time.Millisecond
