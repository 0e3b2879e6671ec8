package cluster

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/readout/readout/internal/extract"
)

// A distributed build (Client.Build) cuts the corpus into one part a shard
// and queues a Job for each on the jobs stream, a work queue: each job is
// delivered to one worker (Worker) at a time and stays on the stream until
// a worker acknowledges it. A worker that dies mid-job never does, so the
// job is delivered again after the consumer's ack wait. A worker writes
// what it built as a Result in the builds bucket, under the build's id and
// the shard's number; the first result of a job is the one kept.

// Job is one shard of a distributed build.
type Job struct {
	Build   string `json:"build"`
	Shard   int    `json:"shard"`
	Shards  int    `json:"shards"`
	Part    Blob   `json:"part"`    // a folder holding part.jsonl.gz: the shard's articles, in corpus order
	Records int    `json:"records"` // articles in the part
	// Changes is how many ops of the change stream the part's folder holds
	// in changes.jsonl (the shard's, in stream order): the worker journals
	// them before it builds, so that its build folds them in after the
	// articles as a local build folds its journal.
	Changes int             `json:"changes,omitempty"`
	Aliases []extract.Alias `json:"aliases,omitempty"`
}

// Result is what a worker built of a job.
type Result struct {
	Worker    string  `json:"worker"`
	Shard     Blob    `json:"shard"`     // the shard's Bleve index
	Files     Blob    `json:"files"`     // the part's generation files (meta, spellings, signatures)
	Documents uint64  `json:"documents"` // in the shard
	Read      int     `json:"read"`      // articles read from the part
	Seconds   float64 `json:"seconds"`
	Attempt   uint64  `json:"attempt"` // the job's delivery that built it
	Error     string  `json:"error,omitempty"`
}

// partFile is the part's file in its folder; changesFile its ops of the
// change stream, one a line as index.MarshalOp writes them.
const (
	partFile    = "part.jsonl.gz"
	changesFile = "changes.jsonl"
)

// workersConsumer is the durable consumer the workers share.
const workersConsumer = "workers"

func (c *Client) jobsStream() string { return c.opts.Prefix + "_jobs" }

// jobsSubject is the subject of build's jobs: one a build, so that a failed
// build's jobs not yet taken can be purged.
func (c *Client) jobsSubject(build string) string { return c.opts.Prefix + ".jobs." + build }

func resultKey(build string, shard int) string { return fmt.Sprintf("%s.%03d", build, shard) }

// openJobs creates the jobs stream, the builds bucket and the workers'
// consumer if they do not exist.
func (c *Client) openJobs(ctx context.Context) error {
	if c.builds != nil {
		return nil
	}
	var stream jetstream.Stream
	err := retry(ctx, func(ctx context.Context) (err error) {
		stream, err = c.getOrCreateStream(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("cluster: stream %s: %w", c.jobsStream(), err)
	}
	c.stream = stream
	c.builds, err = openKV(ctx, c.JS, jetstream.KeyValueConfig{
		Bucket:      c.opts.Prefix + "_builds",
		Description: "Readout: the results of distributed builds' shard jobs",
		TTL:         7 * 24 * time.Hour,
		Replicas:    c.opts.StreamReplicas,
		Storage:     jetstream.FileStorage,
	})
	return err
}

func (c *Client) getOrCreateStream(ctx context.Context) (jetstream.Stream, error) {
	stream, err := c.JS.Stream(ctx, c.jobsStream())
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		stream, err = c.JS.CreateStream(ctx, jetstream.StreamConfig{
			Name:        c.jobsStream(),
			Description: "Readout: shard jobs of distributed builds",
			Subjects:    []string{c.opts.Prefix + ".jobs.>"},
			Retention:   jetstream.WorkQueuePolicy,
			Replicas:    c.opts.StreamReplicas,
			Storage:     jetstream.FileStorage,
		})
		if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			stream, err = c.JS.Stream(ctx, c.jobsStream())
		}
	}
	return stream, err
}

// openConsumer opens the workers' consumer of the jobs stream, creating it
// (as replicated as the stream, with this client's JobAckWait) if it does
// not exist.
func (c *Client) openConsumer(ctx context.Context) error {
	if c.jobs != nil {
		return nil
	}
	var cons jetstream.Consumer
	err := retry(ctx, func(ctx context.Context) (err error) {
		cons, err = c.getOrCreateConsumer(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("cluster: consumer %s: %w", workersConsumer, err)
	}
	c.jobs = cons
	return nil
}

func (c *Client) getOrCreateConsumer(ctx context.Context) (jetstream.Consumer, error) {
	cons, err := c.stream.Consumer(ctx, workersConsumer)
	if errors.Is(err, jetstream.ErrConsumerNotFound) {
		cons, err = c.stream.CreateConsumer(ctx, jetstream.ConsumerConfig{
			Durable:       workersConsumer,
			Description:   "Readout: indexer workers",
			AckPolicy:     jetstream.AckExplicitPolicy,
			AckWait:       c.jobAckWait(),
			MaxDeliver:    maxDeliveries,
			MaxAckPending: -1,
			Replicas:      c.stream.CachedInfo().Config.Replicas,
		})
		if errors.Is(err, jetstream.ErrConsumerExists) {
			cons, err = c.stream.Consumer(ctx, workersConsumer)
		}
	}
	return cons, err
}

// consumerAckWait is the ack wait of the workers' consumer, which the
// first worker to create it set: a worker tells the stream it is at a job
// every third of it, whatever its own JobAckWait.
func (c *Client) consumerAckWait() time.Duration {
	if c.jobs != nil {
		if info := c.jobs.CachedInfo(); info != nil && info.Config.AckWait > 0 {
			return info.Config.AckWait
		}
	}
	return c.jobAckWait()
}

// purgeJobs removes build's jobs that no worker has finished.
func (c *Client) purgeJobs(ctx context.Context, build string) error {
	return c.stream.Purge(ctx, jetstream.WithPurgeSubject(c.jobsSubject(build)))
}

// maxDeliveries bounds how often one job is delivered: a job that kills
// every worker it reaches fails its build instead of going round forever.
const maxDeliveries = 5
