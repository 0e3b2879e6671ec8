package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/readout/readout/internal/index"
)

// Manifest is a generation as published to the cluster: where its files
// are and what each shard must hold. It is the value of the manifest
// bucket's key "current", replaced by compare-and-set.
type Manifest struct {
	// ID names this publication: the generation's name and a random
	// suffix, since two index directories may both have a gen-000003.
	ID         string    `json:"id"`
	Generation string    `json:"generation"`
	Published  time.Time `json:"published"`
	Articles   int       `json:"articles"`
	Documents  uint64    `json:"documents"`
	Files      Blob      `json:"files"` // the generation's folder without its shards
	Shards     []Shard   `json:"shards"`
	// ChangeSeq is the last op of the change stream the generation folds
	// in (changes.go): a distributed build's last at its start; 0 for a
	// generation built on one machine and published (indexer publish),
	// which folds its own journal but none of the stream. Nodes lay the
	// ops after it over the generation.
	ChangeSeq int64 `json:"change_seq"`
	// Revision is the manifest's revision in the bucket (not stored).
	Revision uint64 `json:"-"`
}

// Shard is one of a published generation's shards.
type Shard struct {
	Blob
	Documents uint64 `json:"documents"` // Bleve documents: articles and their quotes
}

const currentKey = "current"

// ErrNoManifest: nothing has been published to the cluster yet.
var ErrNoManifest = errors.New("no generation published to the cluster")

// ErrConflict: another publication replaced the manifest first.
var ErrConflict = errors.New("the manifest changed since it was read")

// Current returns the published manifest. A read that goes unanswered
// (a bucket electing its leader) is tried again, a few times.
func (c *Client) Current(ctx context.Context) (Manifest, error) {
	var e jetstream.KeyValueEntry
	none := false
	err := retry(ctx, func(ctx context.Context) (err error) {
		e, err = c.manifests.Get(ctx, currentKey)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			none = true
			return nil
		}
		return err
	})
	if err != nil {
		return Manifest{}, fmt.Errorf("cluster: read manifest: %w", err)
	}
	if none {
		return Manifest{}, ErrNoManifest
	}
	return decodeManifest(e)
}

func decodeManifest(e jetstream.KeyValueEntry) (Manifest, error) {
	return parseManifest(e.Value(), e.Revision())
}

func parseManifest(b []byte, rev uint64) (Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return Manifest{}, fmt.Errorf("cluster: manifest revision %d: %w", rev, err)
	}
	if err := m.validate(); err != nil {
		return Manifest{}, fmt.Errorf("cluster: manifest revision %d: %w", rev, err)
	}
	m.Revision = rev
	return m, nil
}

// leaderManifest reads the manifest from its stream's leader (leaderGet).
func (c *Client) leaderManifest(ctx context.Context) (Manifest, error) {
	msg, err := c.leaderMsg(ctx, c.opts.Prefix+"_manifest", currentKey)
	if errors.Is(err, jetstream.ErrMsgNotFound) || errors.Is(err, jetstream.ErrKeyNotFound) {
		return Manifest{}, ErrNoManifest
	}
	if err != nil {
		return Manifest{}, fmt.Errorf("cluster: read manifest: %w", err)
	}
	return parseManifest(msg.Data, msg.Sequence)
}

func (m Manifest) validate() error {
	if m.ID == "" || m.Generation == "" {
		return errors.New("no id or generation")
	}
	if len(m.Shards) == 0 {
		return errors.New("no shards")
	}
	if m.Files.Object == "" || m.Files.SHA256 == "" {
		return errors.New("no files blob")
	}
	var docs uint64
	for i, s := range m.Shards {
		if s.Object == "" || s.SHA256 == "" {
			return fmt.Errorf("shard %d: no blob", i)
		}
		docs += s.Documents
	}
	if docs != m.Documents {
		return fmt.Errorf("shards hold %d documents, the manifest says %d", docs, m.Documents)
	}
	return nil
}

// Swap publishes m in place of the manifest at revision prev (0: none
// published yet). It fails with ErrConflict if the manifest is no longer
// at prev.
func (c *Client) Swap(ctx context.Context, m Manifest, prev uint64) (uint64, error) {
	if err := m.validate(); err != nil {
		return 0, fmt.Errorf("cluster: publish %s: %w", m.ID, err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return 0, fmt.Errorf("cluster: publish %s: %w", m.ID, err)
	}
	var rev uint64
	octx, cancel := op(ctx)
	defer cancel()
	if prev == 0 {
		rev, err = c.manifests.Create(octx, currentKey, b)
	} else {
		rev, err = c.manifests.Update(octx, currentKey, b, prev)
	}
	if errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
		return 0, fmt.Errorf("cluster: publish %s: %w", m.ID, ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("cluster: publish %s: %w", m.ID, err)
	}
	return rev, nil
}

// Publish uploads the generation gen (a folder of an index directory) and
// makes it the cluster's current generation. It folds in no op of the
// change stream (ChangeSeq 0): nodes lay every op of the stream over it. Its blobs are stored first;
// the manifest names them only once all are stored, so a node never sees a
// manifest whose files are missing. A publication that loses the race to
// another fails with ErrConflict and removes what it stored. After a
// publication, blobs of generations older than the one it replaced are
// removed: the replaced one stays for nodes still serving it.
func (c *Client) Publish(ctx context.Context, gen index.GenInfo) (Manifest, error) {
	if gen.Meta.Shards == 0 {
		return Manifest{}, fmt.Errorf("cluster: publish %s: built before sharded generations; rebuild it with indexer build", gen.Name)
	}
	prev, err := c.Current(ctx)
	if err != nil && !errors.Is(err, ErrNoManifest) {
		return Manifest{}, err
	}
	m := Manifest{
		ID:         gen.Name + "-" + randHex(),
		Generation: gen.Name,
		Articles:   gen.Meta.Articles,
	}
	stored := []string{}
	fail := func(err error) (Manifest, error) {
		for _, name := range stored {
			c.DeleteBlob(context.WithoutCancel(ctx), name)
		}
		return Manifest{}, err
	}
	m.Files, err = c.PutDir(ctx, m.ID+"/files", gen.Path, index.ShardsFolder)
	if err != nil {
		return fail(err)
	}
	stored = append(stored, m.Files.Object)
	counts, err := index.ShardDocCounts(gen)
	if err != nil {
		return fail(fmt.Errorf("cluster: publish %s: %w", gen.Name, err))
	}
	for i, p := range gen.ShardPaths() {
		b, err := c.PutDir(ctx, fmt.Sprintf("%s/shard-%03d", m.ID, i), p)
		if err != nil {
			return fail(err)
		}
		stored = append(stored, b.Object)
		m.Shards = append(m.Shards, Shard{Blob: b, Documents: counts[i]})
		m.Documents += counts[i]
	}
	m.Published = time.Now().UTC()
	rev, err := c.Swap(ctx, m, prev.Revision)
	if err != nil {
		return fail(err)
	}
	m.Revision = rev
	if prev.ID != "" {
		if err := c.prune(ctx, m.ID, prev.ID); err != nil {
			return m, err
		}
	}
	return m, nil
}

// prune removes the blobs of every publication but keep's.
func (c *Client) prune(ctx context.Context, keep ...string) error {
	list, err := c.blobs.List(ctx)
	if errors.Is(err, jetstream.ErrNoObjectsFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cluster: list blobs: %w", err)
	}
	for _, o := range list {
		id, _, _ := strings.Cut(o.Name, "/")
		if !slices.Contains(keep, id) {
			if err := c.DeleteBlob(ctx, o.Name); err != nil {
				return err
			}
		}
	}
	return nil
}
