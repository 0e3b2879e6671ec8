package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/pflag"

	"github.com/readout/readout/corpus"
	"github.com/readout/readout/internal/cli"
	"github.com/readout/readout/internal/config"
	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/ingest"
)

const usage = `usage: indexer <command> [flags]

commands:
  build     read the corpus and the journal, build a new generation, publish it
            (with --nats-url: on the cluster's workers, published to the cluster)
  status    list the generations of an index directory
  extract   print each article's entities, countries and quotes as JSON lines
  add       journal articles to add or replace (searchd applies them live;
            every later build replays them; with --nats-url: appended to
            the cluster's change stream)
  delete    journal article ids to delete (with --nats-url: as add)
  publish   publish a generation to a cluster (docs/scaling.md)
  cluster   show the cluster: its generation, shards and live nodes
  worker    build shard jobs of distributed builds until interrupted

Run 'indexer <command> --help' for a command's flags.
`

// run is the whole program; main only maps its error to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return cli.Dispatch(ctx, "indexer", usage, map[string]cli.Run{
		"build": runBuild, "status": runStatus, "extract": runExtract, "add": runAdd, "delete": runDelete,
		"publish": runPublish, "cluster": runCluster, "worker": runWorker,
	}, args, stdout, stderr)
}

// newFlags returns a flag set with the flags every command shares.
func newFlags(name string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet("indexer "+name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.String(config.FileFlag, "", "YAML configuration file (also READOUT_CONFIG)")
	fs.String("log-level", "", "log level: debug, info, warn, error")
	fs.String("log-format", "", "log format: text or json")
	return fs
}

func corpusFlags(fs *pflag.FlagSet) {
	fs.StringArray("corpus", nil, "corpus file or folder (repeatable); default: the bundled sample corpus")
	fs.StringArray("aliases", nil, "YAML alias table to add (repeatable)")
	fs.Bool("strict", false, "fail on the first bad record instead of reporting and skipping it")
	fs.Int("max-body-bytes", 0, "skip articles whose body is larger")
	mappingFlag(fs)
}

// mappingFlag is the flag of the commands that read corpora.
func mappingFlag(fs *pflag.FlagSet) {
	fs.String("mapping", "", "field mapping (YAML, docs/mapping.md) for JSON Lines corpora not in the record format")
}

// indexFlag is the flag of the commands that open an index directory.
func indexFlag(fs *pflag.FlagSet) {
	fs.String("index", "", "index directory (default data/index)")
}

// skipRatioFlag is the flag of the commands that write to the index.
func skipRatioFlag(fs *pflag.FlagSet) {
	fs.Float64("max-skip-ratio", 0, "fail, writing nothing, when more than this share of the records is skipped (default 0.5; 1: no limit)")
}

// load parses args and returns the configuration; after --help it returns
// cli.ErrHelp, which run turns into success.
func load(fs *pflag.FlagSet, args []string) (*config.Config, error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil, cli.ErrHelp
		}
		return nil, fmt.Errorf("%w: %v", cli.ErrUsage, err)
	}
	return config.Load(fs, nil)
}

// extraction returns the corpus inputs and alias tables of inputs, and an
// extractor with those aliases.
func extraction(c *config.Config) ([]ingest.Input, []extract.Alias, *extract.Extractor, error) {
	ins, aliases, err := inputs(c)
	if err != nil {
		return nil, nil, nil, err
	}
	x, err := extract.New(extract.Options{Aliases: aliases})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("extractor: %w", err)
	}
	return ins, aliases, x, nil
}

// inputs returns the corpus inputs and the alias tables that come with them:
// the configured paths, or the bundled sample corpus (with its own alias
// file) when none is configured.
func inputs(c *config.Config) ([]ingest.Input, []extract.Alias, error) {
	var ins []ingest.Input
	var aliases []extract.Alias
	if len(c.Ingest.Corpus) == 0 {
		ins = append(ins, ingest.Input{Name: "corpus", FS: corpus.FS, Path: "."})
		f, err := corpus.FS.Open(corpus.AliasFile)
		if err != nil {
			return nil, nil, fmt.Errorf("sample corpus aliases: %w", err)
		}
		defer f.Close()
		a, err := extract.LoadAliases(f, "corpus/"+corpus.AliasFile)
		if err != nil {
			return nil, nil, err
		}
		aliases = append(aliases, a...)
	}
	for _, p := range c.Ingest.Corpus {
		if _, err := os.Stat(p); err != nil {
			return nil, nil, fmt.Errorf("corpus %s: %w", p, errors.Unwrap(err))
		}
		ins = append(ins, ingest.OSInput(p))
	}
	for _, p := range c.Extract.AliasFiles {
		f, err := os.Open(p)
		if err != nil {
			return nil, nil, fmt.Errorf("aliases: %w", err)
		}
		a, err := extract.LoadAliases(f, p)
		f.Close()
		if err != nil {
			return nil, nil, err
		}
		aliases = append(aliases, a...)
	}
	return ins, aliases, nil
}

// ingestOptions are the reading options of c, its mapping (ingest.mapping,
// --mapping) read and checked: a bad one fails before anything is read.
func ingestOptions(c *config.Config, log *slog.Logger) (ingest.Options, error) {
	opts := ingest.Options{MaxBodyBytes: c.Ingest.MaxBodyBytes, Strict: c.Ingest.Strict, Logger: log}
	if c.Ingest.Mapping != "" {
		m, err := ingest.LoadMapping(c.Ingest.Mapping)
		if err != nil {
			return opts, err
		}
		opts.Mapping = m
	}
	return opts, nil
}
