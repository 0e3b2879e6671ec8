package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/pflag"

	"github.com/readout/readout/internal/cli"
	"github.com/readout/readout/internal/cluster"
	"github.com/readout/readout/internal/config"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/runtimetune"
)

// clusterFlags are the flags of the commands that talk to a cluster.
func clusterFlags(fs *pflag.FlagSet) {
	fs.String("nats-url", "", "NATS servers of the cluster, comma-separated (also cluster.nats_url, READOUT_CLUSTER_NATS_URL)")
}

// connectCluster connects to the cluster c configures; it is a usage error
// when none is configured.
func connectCluster(ctx context.Context, c *config.Config, name string) (*cluster.Client, error) {
	if c.Cluster.NATSURL == "" {
		return nil, fmt.Errorf("%w: no cluster: give --nats-url, cluster.nats_url or READOUT_CLUSTER_NATS_URL", cli.ErrUsage)
	}
	return cluster.Connect(ctx, cluster.OptionsFrom(c.Cluster, c.Cluster.NATSURL, name))
}

// runPublish publishes a generation of the index directory to the cluster:
// the current one, or the one --generation names.
func runPublish(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("publish", stderr)
	indexFlag(fs)
	clusterFlags(fs)
	genName := fs.String("generation", "", "generation to publish (default: the current one)")
	c, err := load(fs, args)
	if err != nil {
		return err
	}
	store, err := index.OpenStore(c.Index.Dir)
	if err != nil {
		return err
	}
	gen, err := pickGeneration(store, *genName)
	if err != nil {
		return err
	}
	cl, err := connectCluster(ctx, c, "indexer publish")
	if err != nil {
		return err
	}
	defer cl.Close()
	start := time.Now()
	m, err := cl.Publish(ctx, gen)
	if err != nil {
		return err
	}
	var bytes int64
	for _, s := range m.Shards {
		bytes += s.Size
	}
	fmt.Fprintf(stdout, "published %s as %s (revision %d): %d articles, %d shards, %s in %.1fs; it folds no op of the cluster's change stream (change seq 0): nodes lay them all over it\n",
		gen.Name, m.ID, m.Revision, m.Articles, len(m.Shards), humanBytes(bytes+m.Files.Size), time.Since(start).Seconds())
	return nil
}

func pickGeneration(store *index.Store, name string) (index.GenInfo, error) {
	if name == "" {
		return store.Current()
	}
	gens, err := store.Generations()
	if err != nil {
		return index.GenInfo{}, err
	}
	i := slices.IndexFunc(gens, func(g index.GenInfo) bool { return g.Name == name })
	if i < 0 {
		var names []string
		for _, g := range gens {
			names = append(names, g.Name)
		}
		return index.GenInfo{}, fmt.Errorf("generation %q: not in %s (it holds %s)", name, store.Dir, strings.Join(names, ", "))
	}
	return gens[i], nil
}

// runCluster prints the cluster's published generation, its shards and
// which live node holds which.
func runCluster(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("cluster", stderr)
	clusterFlags(fs)
	c, err := load(fs, args)
	if err != nil {
		return err
	}
	cl, err := connectCluster(ctx, c, "indexer cluster")
	if err != nil {
		return err
	}
	defer cl.Close()
	m, err := cl.Current(ctx)
	if errors.Is(err, cluster.ErrNoManifest) {
		fmt.Fprintln(stdout, "no generation is published to the cluster")
	} else if err != nil {
		return err
	}
	nodes, err := cl.Nodes(ctx)
	if err != nil {
		return err
	}
	last, err := cl.LastChange(ctx)
	if err != nil {
		return err
	}
	if m.ID != "" {
		fmt.Fprintf(stdout, "generation %s (%s, revision %d, published %s): %d articles, %d documents, changes folded to seq %d\n",
			m.ID, m.Generation, m.Revision, m.Published.Local().Format(time.DateTime), m.Articles, m.Documents, m.ChangeSeq)
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SHARD\tDOCUMENTS\tSIZE\tSERVED BY")
		for i, s := range m.Shards {
			var serving []string
			for _, n := range nodes {
				// a partitioned node serves the shards it holds of m
				// before it answers from m (NodeState.Held)
				if n.Manifest == m.ID && slices.Contains(n.Ready, i) || slices.Contains(n.Held[m.ID], i) {
					serving = append(serving, n.Node)
				}
			}
			fmt.Fprintf(tw, "%03d\t%d\t%s\t%s\n", i, s.Documents, humanBytes(s.Size), orNone(serving))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "change stream: last seq %d\n", last)
	fmt.Fprintf(stdout, "%d live nodes\n", len(nodes))
	for _, n := range nodes {
		fmt.Fprintf(stdout, "  %s %s: %s, shards %v, changes applied to seq %d, seen %s ago\n",
			n.Node, n.Addr, orNone([]string{n.Manifest}), n.Ready, n.ChangeSeq, time.Since(n.Updated).Round(time.Second))
		if n.Held != nil {
			ids := slices.Sorted(maps.Keys(n.Held))
			for _, id := range ids {
				fmt.Fprintf(stdout, "    partitioned: serves shards %v of %s\n", n.Held[id], id)
			}
		}
	}
	return nil
}

func orNone(xs []string) string {
	xs = slices.DeleteFunc(slices.Clone(xs), func(s string) bool { return s == "" })
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ",")
}

// buildOnCluster runs a distributed build: the shards are built by the
// cluster's workers (indexer worker) and the generation is published to
// the cluster, not to an index directory.
func buildOnCluster(ctx context.Context, c *config.Config, spec cluster.BuildSpec, stdout io.Writer) error {
	cl, err := connectCluster(ctx, c, "indexer build")
	if err != nil {
		return err
	}
	defer cl.Close()
	fmt.Fprintf(stdout, "building on the cluster at %s: %d shard jobs for its workers (indexer worker)\n", c.Cluster.NATSURL, max(spec.Shards, 1))
	sum, err := cl.Build(ctx, spec)
	if err != nil {
		return err
	}
	workers := map[string]int{}
	for _, w := range sum.Workers {
		workers[w]++
	}
	var names []string
	for w, n := range workers {
		names = append(names, fmt.Sprintf("%s (%d)", w, n))
	}
	slices.Sort(names)
	m := sum.Manifest
	fmt.Fprintf(stdout, "built and published %s (revision %d): read %d, indexed %d, skipped %d; %d shards by %s; %.1f s, %.0f docs/s\n",
		m.ID, m.Revision, sum.Read, m.Articles, sum.Skipped, len(m.Shards), strings.Join(names, ", "), sum.Seconds, float64(sum.Read)/max(sum.Seconds, 1e-9))
	return nil
}

// runWorker builds the shard jobs of distributed builds until interrupted.
func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("worker", stderr)
	clusterFlags(fs)
	fs.Int("workers", 0, "extraction workers (default: one per core)")
	name := fs.String("name", "", "this worker's name in results and logs (default: host name and process id)")
	dir := fs.String("dir", "", "scratch folder for the jobs (default: the system's temporary folder)")
	c, err := load(fs, args)
	if err != nil {
		return err
	}
	log := c.Logger(stderr)
	runtimetune.Indexer()
	if *name == "" {
		host, _ := os.Hostname()
		*name = fmt.Sprintf("%s-%d", cluster.NodeName(host), os.Getpid())
	}
	cl, err := connectCluster(ctx, c, "indexer worker "+*name)
	if err != nil {
		return err
	}
	defer cl.Close()
	fmt.Fprintf(stdout, "worker %s taking shard jobs from %s\n", *name, c.Cluster.NATSURL)
	w := &cluster.Worker{Client: cl, Name: *name, Dir: *dir, Workers: c.Index.Workers, Logger: log}
	return w.Run(ctx)
}
