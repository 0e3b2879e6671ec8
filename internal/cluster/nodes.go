package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/readout/readout/internal/index"
)

// NodeState is what a searchd node announces of itself in the nodes
// bucket. An entry not renewed within Options.NodeTTL expires: the node is
// no longer live.
type NodeState struct {
	Node     string `json:"node"`
	Addr     string `json:"addr,omitempty"`     // its HTTP address
	Manifest string `json:"manifest,omitempty"` // the publication whose shards Ready lists
	Ready    []int  `json:"ready"`              // shards fetched, verified and served
	// ChangeSeq is the last op of the change stream the node serves
	// (folded into its generation or laid over it).
	ChangeSeq int64     `json:"change_seq"`
	Updated   time.Time `json:"updated"`
	// Held, for a node in partitioned mode (Partition), lists by
	// publication the shards it serves over NATS: fetched, verified and
	// answering in their queue groups. Manifest is then the publication
	// its HTTP searches are answered from, Ready its shards of it.
	Held map[string][]int `json:"held,omitempty"`
}

var nodeName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// ValidNode reports whether name can name a node: 1 to 64 letters, digits,
// - and _.
func ValidNode(name string) error {
	if !nodeName.MatchString(name) {
		return fmt.Errorf("node name %q: want 1 to 64 letters, digits, - or _", name)
	}
	return nil
}

// Announce writes st as its node's entry, renewing it.
func (c *Client) Announce(ctx context.Context, st NodeState) error {
	if err := ValidNode(st.Node); err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	st.Updated = time.Now().UTC()
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	octx, cancel := op(ctx)
	defer cancel()
	if _, err := c.nodes.Put(octx, st.Node, b); err != nil {
		return fmt.Errorf("cluster: announce %s: %w", st.Node, err)
	}
	return nil
}

// Leave removes node's entry: the others stop counting it at once instead
// of after its entry expires.
func (c *Client) Leave(ctx context.Context, node string) error {
	octx, cancel := op(ctx)
	defer cancel()
	if err := c.nodes.Delete(octx, node); err != nil && !errors.Is(err, jetstream.ErrKeyNotFound) {
		return fmt.Errorf("cluster: leave %s: %w", node, err)
	}
	return nil
}

// Nodes returns the live nodes' entries, by name.
func (c *Client) Nodes(ctx context.Context) ([]NodeState, error) {
	ctx, cancel := op(ctx)
	defer cancel()
	keys, err := c.nodes.Keys(ctx)
	if errors.Is(err, jetstream.ErrNoKeysFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cluster: list nodes: %w", err)
	}
	slices.Sort(keys)
	out := make([]NodeState, 0, len(keys))
	for _, k := range keys {
		e, err := c.nodes.Get(ctx, k)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			continue // left or expired since the listing
		}
		if err != nil {
			return nil, fmt.Errorf("cluster: node %s: %w", k, err)
		}
		var st NodeState
		if err := json.Unmarshal(e.Value(), &st); err != nil {
			return nil, fmt.Errorf("cluster: node %s: %w", k, err)
		}
		out = append(out, st)
	}
	return out, nil
}

// Fetch makes dir/<m.ID> a generation folder holding m's files and the
// given shards, fetching from the Object Store what it does not hold yet
// and verifying each blob before it is put in place. It returns the
// folder. A folder of a publication other than m and keep is removed.
func (c *Client) Fetch(ctx context.Context, m Manifest, shards []int, dir string, keep ...string) (string, error) {
	gen := filepath.Join(dir, m.ID)
	if _, err := os.Stat(gen); errors.Is(err, os.ErrNotExist) {
		if err := c.GetDir(ctx, m.Files, gen); err != nil {
			return "", err
		}
	} else if err != nil {
		return "", fmt.Errorf("cluster: fetch %s: %w", m.ID, err)
	}
	for _, i := range shards {
		if i < 0 || i >= len(m.Shards) {
			return "", fmt.Errorf("cluster: fetch %s: shard %d of %d", m.ID, i, len(m.Shards))
		}
		dest := filepath.Join(gen, index.ShardFolder(i))
		if _, err := os.Stat(dest); err == nil {
			continue // put in place only after it was verified
		}
		if err := c.GetDir(ctx, m.Shards[i].Blob, dest); err != nil {
			return "", err
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", fmt.Errorf("cluster: fetch %s: %w", m.ID, err)
	}
	for _, e := range entries {
		if e.Name() != m.ID && !slices.Contains(keep, e.Name()) {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	return gen, nil
}

// NodeName makes a node name of a host name: characters a name may not
// hold become -, and it is cut to 64.
func NodeName(host string) string {
	b := []byte(host)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '-'
		}
	}
	if len(b) > 64 {
		b = b[:64]
	}
	if len(b) == 0 {
		return "node"
	}
	return string(b)
}
