package cluster

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/readout/readout/internal/config"
)

// Options configure a connection to the cluster (config cluster.*).
type Options struct {
	URL string // NATS server URLs, comma-separated
	// Prefix names the buckets: PREFIX_manifest, PREFIX_nodes, PREFIX_shards.
	// Several Readout clusters can share one NATS cluster under different
	// prefixes. Empty: "readout".
	Prefix string
	// StreamReplicas is how many NATS servers hold each bucket (1 to 5); 3
	// on a cluster of three or more servers survives the loss of one.
	// 0: 1.
	StreamReplicas int
	// NodeTTL is how long a node that stops announcing itself stays live.
	// 0: 15s.
	NodeTTL time.Duration
	// Name is this connection's name in the NATS server's monitoring.
	Name string
	// JobAckWait is how long a worker may go without telling the jobs
	// stream it is still at a job (it does every third of it) before the
	// job goes to another worker: set by the first worker, the one that
	// creates the workers' consumer. 0: a minute.
	JobAckWait time.Duration
}

// OptionsFrom are the options config cluster.* sets, for a connection
// named name to the servers at url (cluster.nats_url, or an embedded
// server's).
func OptionsFrom(c config.Cluster, url, name string) Options {
	return Options{URL: url, Prefix: c.Prefix, StreamReplicas: c.StreamReplicas, NodeTTL: c.NodeTTL, Name: name}
}

// Client is a connection to the cluster's buckets.
type Client struct {
	NC        *nats.Conn
	JS        jetstream.JetStream
	manifests jetstream.KeyValue
	nodes     jetstream.KeyValue
	blobs     jetstream.ObjectStore
	opts      Options

	// distributed builds (jobs.go), opened on first use
	stream jetstream.Stream   // of jobs
	jobs   jetstream.Consumer // the workers'
	builds jetstream.KeyValue

	// the change stream (changes.go), opened on first use
	changesMu sync.Mutex
	changes   jetstream.Stream

	kvStreams sync.Map // bucket name -> the stream under it (leaderMsg)
}

var bucketName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// Connect connects to NATS and opens the cluster's buckets, creating them
// when they do not exist yet.
func Connect(ctx context.Context, o Options) (*Client, error) {
	if o.URL == "" {
		return nil, errors.New("cluster: no NATS URL")
	}
	if o.Prefix == "" {
		o.Prefix = "readout"
	}
	if !bucketName.MatchString(o.Prefix) {
		return nil, fmt.Errorf("cluster: prefix %q: only letters, digits, - and _", o.Prefix)
	}
	if o.StreamReplicas == 0 {
		o.StreamReplicas = 1
	}
	if o.StreamReplicas < 1 || o.StreamReplicas > 5 {
		return nil, fmt.Errorf("cluster: stream replicas %d: want 1 to 5", o.StreamReplicas)
	}
	if o.NodeTTL == 0 {
		o.NodeTTL = 15 * time.Second
	}
	nc, err := nats.Connect(o.URL,
		nats.Name(o.Name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(false),
	)
	if err != nil {
		return nil, fmt.Errorf("cluster: connect %s: %w", o.URL, err)
	}
	c := &Client{NC: nc, opts: o}
	if err := c.open(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return c, nil
}

// open opens the buckets, creating those that do not exist. A bucket that
// exists is taken as it is: a client configured with other replicas does
// not change it.
func (c *Client) open(ctx context.Context) error {
	js, err := jetstream.New(c.NC)
	if err != nil {
		return fmt.Errorf("cluster: jetstream: %w", err)
	}
	c.JS = js
	p, r := c.opts.Prefix, c.opts.StreamReplicas
	if c.manifests, err = openKV(ctx, js, jetstream.KeyValueConfig{
		Bucket:      p + "_manifest",
		Description: "Readout: the published generation's manifest",
		History:     16,
		Replicas:    r,
		Storage:     jetstream.FileStorage,
	}); err != nil {
		return err
	}
	if c.nodes, err = openKV(ctx, js, jetstream.KeyValueConfig{
		Bucket:      p + "_nodes",
		Description: "Readout: live searchd nodes and the shards each serves",
		TTL:         c.opts.NodeTTL,
		Replicas:    r,
		Storage:     jetstream.FileStorage,
	}); err != nil {
		return err
	}
	err = retry(ctx, func(ctx context.Context) (err error) {
		c.blobs, err = js.ObjectStore(ctx, p+"_shards")
		if errors.Is(err, jetstream.ErrBucketNotFound) {
			c.blobs, err = js.CreateObjectStore(ctx, jetstream.ObjectStoreConfig{
				Bucket:      p + "_shards",
				Description: "Readout: the files of published generations",
				Replicas:    r,
				Storage:     jetstream.FileStorage,
			})
			if errors.Is(err, jetstream.ErrBucketExists) {
				c.blobs, err = js.ObjectStore(ctx, p+"_shards")
			}
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("cluster: bucket %s_shards: %w", p, err)
	}
	return nil
}

// openKV opens the bucket cfg names, creating it with cfg if it does not
// exist.
func openKV(ctx context.Context, js jetstream.JetStream, cfg jetstream.KeyValueConfig) (jetstream.KeyValue, error) {
	var kv jetstream.KeyValue
	err := retry(ctx, func(ctx context.Context) (err error) {
		kv, err = getOrCreateKV(ctx, js, cfg)
		return err
	})
	return kv, err
}

// retry runs f, each try bounded by opTimeout, until it succeeds, ctx
// ends or it failed five times: creating a stream while a new cluster
// elects its leaders, or while another client creates it, can go
// unanswered.
func retry(ctx context.Context, f func(context.Context) error) error {
	var err error
	for try := 0; try < 5; try++ {
		octx, cancel := op(ctx)
		err = f(octx)
		cancel()
		if err == nil || ctx.Err() != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(try+1) * 250 * time.Millisecond):
		}
	}
	return err
}

func getOrCreateKV(ctx context.Context, js jetstream.JetStream, cfg jetstream.KeyValueConfig) (jetstream.KeyValue, error) {
	kv, err := js.KeyValue(ctx, cfg.Bucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		kv, err = js.CreateKeyValue(ctx, cfg)
		if errors.Is(err, jetstream.ErrBucketExists) { // created by another client meanwhile
			kv, err = js.KeyValue(ctx, cfg.Bucket)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("cluster: bucket %s: %w", cfg.Bucket, err)
	}
	return kv, nil
}

// Close drains the connection.
func (c *Client) Close() error {
	if c == nil || c.NC == nil {
		return nil
	}
	return c.NC.Drain()
}

// opTimeout bounds one request to NATS (a key read or write, a publish):
// a request lost while a server fails over is given up after it and tried
// again by its caller, instead of waiting as long as the caller's context.
const opTimeout = 5 * time.Second

// op returns ctx bounded by opTimeout.
func op(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, opTimeout)
}

// leaderMsg reads key of the bucket from its stream's leader. A bucket's
// Get may be answered by any replica (a direct get), and one that lost
// its peer a moment ago can answer "not found" for a while: the readers
// that poll (a build awaiting its results, a follower) ask the leader.
func (c *Client) leaderMsg(ctx context.Context, bucket, key string) (*jetstream.RawStreamMsg, error) {
	var st jetstream.Stream
	if v, ok := c.kvStreams.Load(bucket); ok {
		st = v.(jetstream.Stream)
	} else {
		var err error
		if st, err = c.JS.Stream(ctx, "KV_"+bucket); err != nil {
			return nil, err
		}
		c.kvStreams.Store(bucket, st)
	}
	m, err := st.GetLastMsgForSubject(ctx, "$KV."+bucket+"."+key)
	if err != nil {
		return nil, err
	}
	if op := m.Header.Get("KV-Operation"); op == "DEL" || op == "PURGE" {
		return nil, jetstream.ErrKeyNotFound
	}
	return m, nil
}
