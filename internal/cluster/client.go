package cluster

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
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
	// job goes to another worker. 0: a minute.
	JobAckWait time.Duration
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
	jobs   jetstream.Consumer
	builds jetstream.KeyValue
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

func (c *Client) open(ctx context.Context) error {
	js, err := jetstream.New(c.NC)
	if err != nil {
		return fmt.Errorf("cluster: jetstream: %w", err)
	}
	c.JS = js
	p, r := c.opts.Prefix, c.opts.StreamReplicas
	c.manifests, err = js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      p + "_manifest",
		Description: "Readout: the published generation's manifest",
		History:     16,
		Replicas:    r,
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return fmt.Errorf("cluster: bucket %s_manifest: %w", p, err)
	}
	c.nodes, err = js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      p + "_nodes",
		Description: "Readout: live searchd nodes and the shards each serves",
		TTL:         c.opts.NodeTTL,
		Replicas:    r,
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return fmt.Errorf("cluster: bucket %s_nodes: %w", p, err)
	}
	c.blobs, err = js.CreateOrUpdateObjectStore(ctx, jetstream.ObjectStoreConfig{
		Bucket:      p + "_shards",
		Description: "Readout: the files of published generations",
		Replicas:    r,
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return fmt.Errorf("cluster: bucket %s_shards: %w", p, err)
	}
	return nil
}

// Close drains the connection.
func (c *Client) Close() error {
	if c == nil || c.NC == nil {
		return nil
	}
	return c.NC.Drain()
}
