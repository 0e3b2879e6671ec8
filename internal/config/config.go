// Package config is the one place that reads configuration. Defaults need no
// file; a YAML file (--config or READOUT_CONFIG), READOUT_* environment
// variables and command-line flags override them, in that order. Load returns
// a typed, validated Config; nothing else in Readout imports viper.
package config

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Config is Readout's whole configuration.
type Config struct {
	Index   Index   `mapstructure:"index"`
	Ingest  Ingest  `mapstructure:"ingest"`
	Extract Extract `mapstructure:"extract"`
	Server  Server  `mapstructure:"server"`
	Query   Query   `mapstructure:"query"`
	Log     Log     `mapstructure:"log"`
	Cluster Cluster `mapstructure:"cluster"`
}

// Index configures the index directory and builds.
type Index struct {
	Dir       string `mapstructure:"dir"`        // the index directory holding generations
	Keep      int    `mapstructure:"keep"`       // complete generations kept after a build
	Workers   int    `mapstructure:"workers"`    // extraction workers; 0: one per core
	BatchSize int    `mapstructure:"batch_size"` // Bleve documents per batch
	Shards    int    `mapstructure:"shards"`     // Bleve indexes a build splits a generation into
}

// Ingest configures corpus reading.
type Ingest struct {
	Corpus       []string `mapstructure:"corpus"`         // corpus files or folders; empty: the bundled sample corpus
	MaxBodyBytes int      `mapstructure:"max_body_bytes"` // larger bodies are reported and skipped
	Strict       bool     `mapstructure:"strict"`         // fail the run on the first bad record
	MaxSkipRatio float64  `mapstructure:"max_skip_ratio"` // build/add fail, publishing nothing, when they skip a larger share of the records; 1: no limit
	Mapping      string   `mapstructure:"mapping"`        // a field mapping (YAML, docs/mapping.md) for corpora not in the record format; empty: none
}

// Extract configures extraction.
type Extract struct {
	AliasFiles []string `mapstructure:"alias_files"` // YAML alias tables added to the built-in one
}

// Server configures searchd.
type Server struct {
	Listen          string        `mapstructure:"listen"`
	RequestTimeout  time.Duration `mapstructure:"request_timeout"`
	ShutdownTimeout time.Duration `mapstructure:"shutdown_timeout"`
	ReloadInterval  time.Duration `mapstructure:"reload_interval"` // how often CURRENT is checked; 0: never (SIGHUP and admin reload only)
	MaxBodyBytes    int64         `mapstructure:"max_body_bytes"`
	MaxQueryLen     int           `mapstructure:"max_query_len"`
	MaxSize         int           `mapstructure:"max_size"`
	MaxFacetSize    int           `mapstructure:"max_facet_size"`
	MaxPageDepth    int           `mapstructure:"max_page_depth"`
	MaxExport       int           `mapstructure:"max_export"`  // hits one export may download
	AdminToken      string        `mapstructure:"admin_token"` // empty: admin endpoints off
	// DebugListen, host:port, serves Go's profiles (net/http/pprof) on a
	// listener of their own, never on Listen; empty: off.
	DebugListen string `mapstructure:"debug_listen"`

	// One /api/v1/export, request to last row; an export whose client
	// takes no bytes for the idle timeout is cut off (internal/api).
	ExportTimeout     time.Duration `mapstructure:"export_timeout"`
	ExportIdleTimeout time.Duration `mapstructure:"export_idle_timeout"`
}

// Query bounds what one search may cost searchd (docs/api.md, "Limits and
// cost budget"); server.max_query_len bounds the bytes of q.
type Query struct {
	MaxTerms             int           `mapstructure:"max_terms"`              // words, phrases, prefixes and fuzzy terms of q
	MaxDepth             int           `mapstructure:"max_depth"`              // nesting of parentheses
	MinPrefixLen         int           `mapstructure:"min_prefix_len"`         // letters or digits before *
	MaxFuzziness         int           `mapstructure:"max_fuzziness"`          // edits of fuzzy~N: 1 or 2
	Fuzzy1MinLen         int           `mapstructure:"fuzzy1_min_len"`         // letters or digits of a word~ (one edit)
	Fuzzy2MinLen         int           `mapstructure:"fuzzy2_min_len"`         // letters or digits of a word~2 (two edits)
	MaxExpansions        int           `mapstructure:"max_expansions"`         // index terms the prefix and fuzzy terms of a request may expand to
	MaxExpansionPostings int           `mapstructure:"max_expansion_postings"` // postings (documents to read) of those terms
	ExpensiveExpansions  int           `mapstructure:"expensive_expansions"`   // a request expanding to more terms is expensive
	ExpensiveWork        int           `mapstructure:"expensive_work"`         // a request estimated to read or count more is expensive
	ExpensiveSlots       int           `mapstructure:"expensive_slots"`        // expensive requests at once; 0: half the CPUs, at least 1
	ExportSlots          int           `mapstructure:"export_slots"`           // exports of more than one page at once; 0: half the CPUs, at least 1
	SlotWait             time.Duration `mapstructure:"slot_wait"`              // an expensive request's wait for a slot before 429; 0: none
}

// Cluster configures cluster mode (docs/scaling.md); with no NATS URL
// Readout is one machine and nothing here is used.
type Cluster struct {
	NATSURL        string        `mapstructure:"nats_url"`        // NATS servers, comma-separated; empty: no cluster
	Prefix         string        `mapstructure:"prefix"`          // names the cluster's JetStream buckets
	StreamReplicas int           `mapstructure:"stream_replicas"` // NATS servers holding each bucket: 1, or 3 to survive one server's loss
	Node           string        `mapstructure:"node"`            // this searchd node's name; empty: the host name
	NodeTTL        time.Duration `mapstructure:"node_ttl"`        // a node silent this long is no longer live
	// Partitioned makes searchd hold only the shards rendezvous hashing
	// gives it and answer searches by asking one replica of each shard
	// (docs/scaling.md); false: every node holds the whole generation.
	Partitioned bool `mapstructure:"partitioned"`
	// Replicas is how many live nodes hold each shard in partitioned mode.
	Replicas int `mapstructure:"replicas"`
	// Embed, host:port, makes searchd run a NATS server with JetStream in
	// its own process (storage under the index directory), for a local
	// cluster: with no nats_url searchd follows it.
	Embed string `mapstructure:"embed"`
}

// Enabled reports whether cluster mode is configured.
func (c Cluster) Enabled() bool { return c.NATSURL != "" || c.Embed != "" }

// Log configures logging.
type Log struct {
	Level  string `mapstructure:"level"`  // debug, info, warn, error
	Format string `mapstructure:"format"` // text or json
}

// defaults are the values used when nothing else sets a key.
var defaults = map[string]any{
	"index.dir":               "data/index",
	"index.keep":              3,
	"index.workers":           0,
	"index.batch_size":        1000,
	"index.shards":            2, // index.DefaultShards (TestIndexDefaultsAgree)
	"ingest.corpus":           []string{},
	"ingest.max_body_bytes":   4 << 20,
	"ingest.strict":           false,
	"ingest.max_skip_ratio":   0.5,
	"ingest.mapping":          "",
	"extract.alias_files":     []string{},
	"server.listen":           "127.0.0.1:8080",
	"server.request_timeout":  "10s",
	"server.shutdown_timeout": "10s",
	"server.reload_interval":  "2s",
	"server.max_body_bytes":   8 << 20,
	"server.max_query_len":    1024,
	"server.max_size":         100,
	"server.max_facet_size":   500,
	"server.max_page_depth":   10000,
	"server.max_export":       100000,
	"server.admin_token":      "",
	"server.debug_listen":     "",
	"log.level":               "info",
	"cluster.nats_url":        "",
	"cluster.prefix":          "readout",
	"cluster.stream_replicas": 1,
	"cluster.node":            "",
	"cluster.node_ttl":        "15s",
	"cluster.embed":           "",
	"cluster.partitioned":     false,
	"cluster.replicas":        2,
	"log.format":              "text",

	// api.DefaultExportTimeout and api.DefaultExportIdleTimeout.
	"server.export_timeout":      "10m",
	"server.export_idle_timeout": "30s",

	// The query.* defaults and server.max_query_len are those of
	// search.DefaultOptions and query.DefaultLimits (TestQueryDefaultsAgree).
	"query.max_terms":              64,
	"query.max_depth":              16,
	"query.min_prefix_len":         2,
	"query.max_fuzziness":          2,
	"query.fuzzy1_min_len":         3,
	"query.fuzzy2_min_len":         6,
	"query.max_expansions":         1000,
	"query.max_expansion_postings": 500000,
	"query.expensive_expansions":   100,
	"query.expensive_work":         100000,
	"query.expensive_slots":        0,
	"query.export_slots":           0,
	"query.slot_wait":              "500ms",
}

// flagKeys maps command-line flag names to configuration keys. A command
// defines the flags it supports; Load binds those that exist.
var flagKeys = map[string]string{
	"index":          "index.dir",
	"keep":           "index.keep",
	"workers":        "index.workers",
	"batch-size":     "index.batch_size",
	"shards":         "index.shards",
	"corpus":         "ingest.corpus",
	"max-body-bytes": "ingest.max_body_bytes",
	"strict":         "ingest.strict",
	"max-skip-ratio": "ingest.max_skip_ratio",
	"mapping":        "ingest.mapping",
	"aliases":        "extract.alias_files",
	"listen":         "server.listen",
	"admin-token":    "server.admin_token",
	"debug-listen":   "server.debug_listen",
	"log-level":      "log.level",
	"log-format":     "log.format",
	"nats-url":       "cluster.nats_url",
	"node":           "cluster.node",
	"embed-nats":     "cluster.embed",
	"partitioned":    "cluster.partitioned",
	"replicas":       "cluster.replicas",
}

// FileFlag is the flag naming the YAML configuration file.
const FileFlag = "config"

// EnvPrefix prefixes every environment variable: READOUT_INDEX_DIR sets
// index.dir, READOUT_SERVER_LISTEN sets server.listen.
const EnvPrefix = "READOUT"

// Load builds the configuration from defaults, the YAML file named by the
// --config flag or READOUT_CONFIG (optional), READOUT_* environment
// variables, and the flags of fs that were set. environ is the environment
// as os.Environ gives it (nil: the process environment).
func Load(fs *pflag.FlagSet, environ []string) (*Config, error) {
	v := viper.New()
	for k, val := range defaults {
		v.SetDefault(k, val)
	}
	env := envMap(environ)
	file := env[EnvPrefix+"_CONFIG"]
	if fs != nil {
		if f := fs.Lookup(FileFlag); f != nil && f.Changed {
			file = f.Value.String()
		}
	}
	if file != "" {
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("config file %s: %w", file, err)
		}
	}
	// Environment, from the map given (so tests need no setenv), merged over
	// the file and under the flags.
	fromEnv := map[string]any{}
	for key := range defaults {
		name := EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
		if val, ok := env[name]; ok {
			section, leaf, _ := strings.Cut(key, ".")
			m, _ := fromEnv[section].(map[string]any)
			if m == nil {
				m = map[string]any{}
				fromEnv[section] = m
			}
			m[leaf] = val
		}
	}
	if len(fromEnv) > 0 {
		if err := v.MergeConfigMap(fromEnv); err != nil {
			return nil, fmt.Errorf("config: environment: %w", err)
		}
	}
	if fs != nil {
		var bindErr error
		fs.Visit(func(f *pflag.Flag) {
			if key, ok := flagKeys[f.Name]; ok && bindErr == nil {
				bindErr = v.BindPFlag(key, f)
			}
		})
		if bindErr != nil {
			return nil, fmt.Errorf("config: %w", bindErr)
		}
	}

	var c Config
	err := v.UnmarshalExact(&c, viper.DecodeHook(mapstructure.ComposeDecodeHookFunc(
		mapstructure.StringToTimeDurationHookFunc(),
		mapstructure.StringToSliceHookFunc(","),
	)))
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Default returns the configuration with every default and nothing else.
func Default() *Config {
	c, err := Load(nil, []string{})
	if err != nil {
		panic(fmt.Sprintf("config: defaults are invalid: %v", err)) // a programming error
	}
	return c
}

// Error is an invalid configuration value, naming its key.
type Error struct {
	Key string
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("config: %s: %s", e.Key, e.Msg) }

// Validate checks every value and returns the first problem, naming its key.
func (c *Config) Validate() error {
	bad := func(key, format string, args ...any) error {
		return &Error{Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	switch {
	case strings.TrimSpace(c.Index.Dir) == "":
		return bad("index.dir", "must not be empty")
	case c.Index.Keep < 1:
		return bad("index.keep", "must be at least 1, got %d", c.Index.Keep)
	case c.Index.Workers < 0:
		return bad("index.workers", "must be 0 (one per core) or more, got %d", c.Index.Workers)
	case c.Index.BatchSize < 1 || c.Index.BatchSize > 100000:
		return bad("index.batch_size", "must be between 1 and 100000, got %d", c.Index.BatchSize)
	case c.Index.Shards < 1 || c.Index.Shards > 64:
		return bad("index.shards", "must be between 1 and 64, got %d", c.Index.Shards)
	case c.Ingest.MaxBodyBytes < 1:
		return bad("ingest.max_body_bytes", "must be positive, got %d", c.Ingest.MaxBodyBytes)
	case !(c.Ingest.MaxSkipRatio > 0 && c.Ingest.MaxSkipRatio <= 1): // NaN too
		return bad("ingest.max_skip_ratio", "must be more than 0 and at most 1 (1: no limit; --strict stops at the first bad record), got %v", c.Ingest.MaxSkipRatio)
	case c.Server.RequestTimeout <= 0:
		return bad("server.request_timeout", "must be positive, got %s", c.Server.RequestTimeout)
	case c.Server.ShutdownTimeout <= 0:
		return bad("server.shutdown_timeout", "must be positive, got %s", c.Server.ShutdownTimeout)
	case c.Server.ExportTimeout <= 0:
		return bad("server.export_timeout", "must be positive, got %s", c.Server.ExportTimeout)
	case c.Server.ExportIdleTimeout <= 0:
		return bad("server.export_idle_timeout", "must be positive, got %s", c.Server.ExportIdleTimeout)
	case c.Server.ReloadInterval < 0:
		return bad("server.reload_interval", "must be 0 (off) or positive, got %s", c.Server.ReloadInterval)
	case c.Server.MaxBodyBytes < 1:
		return bad("server.max_body_bytes", "must be positive, got %d", c.Server.MaxBodyBytes)
	case c.Server.MaxQueryLen < 1:
		return bad("server.max_query_len", "must be positive, got %d", c.Server.MaxQueryLen)
	case c.Server.MaxSize < 1 || c.Server.MaxSize > 1000:
		return bad("server.max_size", "must be between 1 and 1000, got %d", c.Server.MaxSize)
	case c.Server.MaxFacetSize < 1:
		return bad("server.max_facet_size", "must be positive, got %d", c.Server.MaxFacetSize)
	case c.Server.MaxPageDepth < 1:
		return bad("server.max_page_depth", "must be positive, got %d", c.Server.MaxPageDepth)
	case c.Server.MaxExport < 1:
		return bad("server.max_export", "must be positive, got %d", c.Server.MaxExport)
	}
	if err := c.Query.validate(); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(c.Server.Listen); err != nil {
		return bad("server.listen", "want host:port, got %q", c.Server.Listen)
	}
	if c.Server.DebugListen != "" {
		if _, _, err := net.SplitHostPort(c.Server.DebugListen); err != nil {
			return bad("server.debug_listen", "want host:port, got %q", c.Server.DebugListen)
		}
	}
	switch strings.ToLower(c.Log.Level) {
	case "debug", "info", "warn", "error":
	default:
		return bad("log.level", "want debug, info, warn or error, got %q", c.Log.Level)
	}
	switch strings.ToLower(c.Log.Format) {
	case "text", "json":
	default:
		return bad("log.format", "want text or json, got %q", c.Log.Format)
	}
	if err := c.Cluster.validate(); err != nil {
		return err
	}
	for _, f := range c.Extract.AliasFiles {
		if _, err := os.Stat(f); err != nil {
			return bad("extract.alias_files", "%s: %v", f, errors.Unwrap(err))
		}
	}
	return nil
}

var (
	clusterPrefix = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	clusterNode   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
)

func (c *Cluster) validate() error {
	bad := func(key, format string, args ...any) error {
		return &Error{Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	if c.NATSURL != "" {
		for _, u := range strings.Split(c.NATSURL, ",") {
			p, err := url.Parse(strings.TrimSpace(u))
			if err != nil || p.Host == "" {
				return bad("cluster.nats_url", "want nats://host:port[,nats://host:port...], got %q", u)
			}
			switch p.Scheme {
			case "nats", "tls", "ws", "wss":
			default:
				return bad("cluster.nats_url", "scheme %q of %q: want nats, tls, ws or wss", p.Scheme, u)
			}
		}
	}
	if c.Embed != "" {
		if _, _, err := net.SplitHostPort(c.Embed); err != nil {
			return bad("cluster.embed", "want host:port, got %q", c.Embed)
		}
	}
	switch {
	case !clusterPrefix.MatchString(c.Prefix):
		return bad("cluster.prefix", "want letters, digits, - and _, got %q", c.Prefix)
	case c.StreamReplicas < 1 || c.StreamReplicas > 5:
		return bad("cluster.stream_replicas", "must be between 1 and 5, got %d", c.StreamReplicas)
	case c.Node != "" && !clusterNode.MatchString(c.Node):
		return bad("cluster.node", "want 1 to 64 letters, digits, - and _, got %q", c.Node)
	case c.NodeTTL < time.Second:
		return bad("cluster.node_ttl", "must be at least 1s, got %s", c.NodeTTL)
	case c.Replicas < 1 || c.Replicas > 16:
		return bad("cluster.replicas", "must be between 1 and 16, got %d", c.Replicas)
	case c.Partitioned && !c.Enabled():
		return bad("cluster.partitioned", "needs cluster.nats_url or cluster.embed")
	}
	return nil
}

func (q *Query) validate() error {
	for _, f := range []struct {
		key       string
		v, lo, hi int
	}{
		{"query.max_terms", q.MaxTerms, 1, 10000},
		{"query.max_depth", q.MaxDepth, 1, 1000},
		{"query.min_prefix_len", q.MinPrefixLen, 1, 100},
		{"query.max_fuzziness", q.MaxFuzziness, 1, 2},
		{"query.fuzzy1_min_len", q.Fuzzy1MinLen, 1, 100},
		{"query.fuzzy2_min_len", q.Fuzzy2MinLen, 1, 100},
		{"query.max_expansions", q.MaxExpansions, 1, 1_000_000},
		{"query.max_expansion_postings", q.MaxExpansionPostings, 1, math.MaxInt},
		{"query.expensive_expansions", q.ExpensiveExpansions, 1, 1_000_000},
		{"query.expensive_work", q.ExpensiveWork, 1, math.MaxInt},
		{"query.expensive_slots", q.ExpensiveSlots, 0, 10000},
		{"query.export_slots", q.ExportSlots, 0, 10000},
	} {
		if f.v < f.lo || f.v > f.hi {
			return &Error{Key: f.key, Msg: fmt.Sprintf("must be between %d and %d, got %d", f.lo, f.hi, f.v)}
		}
	}
	if q.SlotWait < 0 {
		return &Error{Key: "query.slot_wait", Msg: fmt.Sprintf("must be 0 (no wait) or positive, got %s", q.SlotWait)}
	}
	return nil
}

// Logger returns the structured logger the log settings describe, writing
// to w.
func (c *Config) Logger(w io.Writer) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(c.Log.Level)) // validated by Validate
	opts := &slog.HandlerOptions{Level: lvl}
	if strings.EqualFold(c.Log.Format, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func envMap(environ []string) map[string]string {
	if environ == nil {
		environ = os.Environ()
	}
	m := make(map[string]string, len(environ))
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}
