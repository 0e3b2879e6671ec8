package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/query"
	"github.com/readout/readout/internal/search"
)

func flags(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.String(FileFlag, "", "")
	fs.String("index", "", "")
	fs.String("listen", "", "")
	fs.StringArray("corpus", nil, "")
	fs.Bool("strict", false, "")
	fs.Int("keep", 0, "")
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return fs
}

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "readout.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDefaultsNeedNoFile(t *testing.T) {
	c := Default()
	if c.Server.Listen != "127.0.0.1:8080" || c.Index.Keep != 3 || c.Server.RequestTimeout != 10*time.Second {
		t.Fatalf("unexpected defaults: %+v", c)
	}
}

func TestPrecedence(t *testing.T) {
	file := writeFile(t, "index:\n  dir: from-file\n  keep: 5\nserver:\n  listen: 127.0.0.1:9000\n  request_timeout: 3s\n")
	tests := []struct {
		name    string
		args    []string
		env     []string
		wantDir string
		wantLis string
		wantKp  int
	}{
		{"file only", []string{"--config", file}, nil, "from-file", "127.0.0.1:9000", 5},
		{"env over file", []string{"--config", file}, []string{"READOUT_INDEX_DIR=from-env"}, "from-env", "127.0.0.1:9000", 5},
		{"flag over env", []string{"--config", file, "--index", "from-flag"}, []string{"READOUT_INDEX_DIR=from-env"}, "from-flag", "127.0.0.1:9000", 5},
		{"config file from env", nil, []string{"READOUT_CONFIG=" + file, "READOUT_SERVER_LISTEN=0.0.0.0:1"}, "from-file", "0.0.0.0:1", 5},
		{"flag int", []string{"--keep", "7"}, nil, "data/index", "127.0.0.1:8080", 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := append([]string{"HOME=/nowhere"}, tt.env...)
			c, err := Load(flags(t, tt.args...), env)
			if err != nil {
				t.Fatal(err)
			}
			if c.Index.Dir != tt.wantDir || c.Server.Listen != tt.wantLis || c.Index.Keep != tt.wantKp {
				t.Fatalf("got dir=%q listen=%q keep=%d", c.Index.Dir, c.Server.Listen, c.Index.Keep)
			}
		})
	}
}

func TestListsFromFlagsAndEnv(t *testing.T) {
	c, err := Load(flags(t, "--corpus", "a.jsonl", "--corpus", "b"), []string{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Ingest.Corpus, "|") != "a.jsonl|b" {
		t.Fatalf("corpus from flags = %q", c.Ingest.Corpus)
	}
	c, err = Load(nil, []string{"READOUT_INGEST_CORPUS=x.jsonl,y"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Ingest.Corpus, "|") != "x.jsonl|y" {
		t.Fatalf("corpus from env = %q", c.Ingest.Corpus)
	}
}

func TestInvalidValuesNameTheKey(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		env  []string
		want string
	}{
		{"keep zero", "index:\n  keep: 0\n", nil, "index.keep"},
		{"keep not a number", "index:\n  keep: many\n", nil, "keep"},
		{"bad listen", "server:\n  listen: nowhere\n", nil, "server.listen"},
		{"bad debug listen", "", []string{"READOUT_SERVER_DEBUG_LISTEN=6060"}, "server.debug_listen"},
		{"bad duration", "server:\n  request_timeout: soon\n", nil, "request_timeout"},
		{"negative timeout env", "", []string{"READOUT_SERVER_REQUEST_TIMEOUT=-1s"}, "server.request_timeout"},
		{"unknown key", "index:\n  dri: x\n", nil, "dri"},
		{"bad log level", "log:\n  level: loud\n", nil, "log.level"},
		{"missing alias file", "extract:\n  alias_files: [/no/such/aliases.yaml]\n", nil, "/no/such/aliases.yaml"},
		{"max size", "server:\n  max_size: 0\n", nil, "server.max_size"},
		{"min prefix", "query:\n  min_prefix_len: 0\n", nil, "query.min_prefix_len"},
		{"fuzziness", "", []string{"READOUT_QUERY_MAX_FUZZINESS=3"}, "query.max_fuzziness"},
		{"expansions", "query:\n  max_expansions: -1\n", nil, "query.max_expansions"},
		{"slot wait", "", []string{"READOUT_QUERY_SLOT_WAIT=-1s"}, "query.slot_wait"},
		{"skip ratio over 1", "ingest:\n  max_skip_ratio: 1.5\n", nil, "ingest.max_skip_ratio"},
		{"skip ratio zero env", "", []string{"READOUT_INGEST_MAX_SKIP_RATIO=0"}, "ingest.max_skip_ratio"},
		{"skip ratio negative env", "", []string{"READOUT_INGEST_MAX_SKIP_RATIO=-0.1"}, "ingest.max_skip_ratio"},
		{"skip ratio not a number", "", []string{"READOUT_INGEST_MAX_SKIP_RATIO=half"}, "max_skip_ratio"},
		{"skip ratio NaN", "", []string{"READOUT_INGEST_MAX_SKIP_RATIO=NaN"}, "ingest.max_skip_ratio"},
		{"export timeout zero", "server:\n  export_timeout: 0s\n", nil, "server.export_timeout"},
		{"export idle timeout env", "", []string{"READOUT_SERVER_EXPORT_IDLE_TIMEOUT=-5s"}, "server.export_idle_timeout"},
		{"shards zero", "index:\n  shards: 0\n", nil, "index.shards"},
		{"shards env too many", "", []string{"READOUT_INDEX_SHARDS=65"}, "index.shards"},
		{"nats url no scheme", "", []string{"READOUT_CLUSTER_NATS_URL=localhost"}, "cluster.nats_url"},
		{"nats url http", "cluster:\n  nats_url: http://localhost:4222\n", nil, "cluster.nats_url"},
		{"nats url second bad", "", []string{"READOUT_CLUSTER_NATS_URL=nats://a:4222,b"}, "cluster.nats_url"},
		{"cluster prefix", "cluster:\n  prefix: a.b\n", nil, "cluster.prefix"},
		{"stream replicas", "", []string{"READOUT_CLUSTER_STREAM_REPLICAS=0"}, "cluster.stream_replicas"},
		{"node name", "", []string{"READOUT_CLUSTER_NODE=a/b"}, "cluster.node"},
		{"node ttl", "cluster:\n  node_ttl: 10ms\n", nil, "cluster.node_ttl"},
		{"embed", "", []string{"READOUT_CLUSTER_EMBED=4222"}, "cluster.embed"},
		{"replicas zero", "", []string{"READOUT_CLUSTER_REPLICAS=0"}, "cluster.replicas"},
		{"partitioned without nats", "cluster:\n  partitioned: true\n", nil, "cluster.partitioned"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := tt.env
			if tt.yaml != "" {
				env = append(env, "READOUT_CONFIG="+writeFile(t, tt.yaml))
			}
			_, err := Load(nil, append(env, "X=1"))
			if err == nil {
				t.Fatal("want an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not name %q", err, tt.want)
			}
		})
	}
}

func TestPartitionedSources(t *testing.T) {
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.Bool("partitioned", false, "")
	fs.Int("replicas", 0, "")
	if err := fs.Parse([]string{"--partitioned", "--replicas", "3"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		fs          *pflag.FlagSet
		env         []string
		partitioned bool
		replicas    int
	}{
		{"default", nil, []string{}, false, 2},
		{"env", nil, []string{"READOUT_CLUSTER_NATS_URL=nats://a:4222", "READOUT_CLUSTER_PARTITIONED=true", "READOUT_CLUSTER_REPLICAS=1"}, true, 1},
		{"flags", fs, []string{"READOUT_CLUSTER_NATS_URL=nats://a:4222", "READOUT_CLUSTER_REPLICAS=1"}, true, 3},
	}
	for _, tt := range tests {
		c, err := Load(tt.fs, tt.env)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
		} else if c.Cluster.Partitioned != tt.partitioned || c.Cluster.Replicas != tt.replicas {
			t.Errorf("%s: partitioned %v, replicas %d; want %v, %d", tt.name, c.Cluster.Partitioned, c.Cluster.Replicas, tt.partitioned, tt.replicas)
		}
	}
}

func TestShardsSources(t *testing.T) {
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.Int("shards", 0, "")
	if err := fs.Parse([]string{"--shards", "3"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		fs   *pflag.FlagSet
		env  []string
		want int
	}{
		{"default", nil, []string{}, 2},
		{"file", nil, []string{"READOUT_CONFIG=" + writeFile(t, "index:\n  shards: 4\n")}, 4},
		{"env", nil, []string{"READOUT_INDEX_SHARDS=1"}, 1},
		{"flag over env", fs, []string{"READOUT_INDEX_SHARDS=1"}, 3},
	}
	for _, tt := range tests {
		c, err := Load(tt.fs, tt.env)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
		} else if c.Index.Shards != tt.want {
			t.Errorf("%s: index.shards %d, want %d", tt.name, c.Index.Shards, tt.want)
		}
	}
}

func TestMaxSkipRatioSources(t *testing.T) {
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.Float64("max-skip-ratio", 0, "")
	if err := fs.Parse([]string{"--max-skip-ratio", "0.3"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		fs   *pflag.FlagSet
		env  []string
		want float64
	}{
		{"default", nil, []string{}, 0.5},
		{"env", nil, []string{"READOUT_INGEST_MAX_SKIP_RATIO=1"}, 1},
		{"flag over env", fs, []string{"READOUT_INGEST_MAX_SKIP_RATIO=1"}, 0.3},
	}
	for _, tt := range tests {
		c, err := Load(tt.fs, tt.env)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
		} else if c.Ingest.MaxSkipRatio != tt.want {
			t.Errorf("%s: max_skip_ratio %v, want %v", tt.name, c.Ingest.MaxSkipRatio, tt.want)
		}
	}
}

func TestMissingConfigFile(t *testing.T) {
	_, err := Load(flags(t, "--config", filepath.Join(t.TempDir(), "nope.yaml")), []string{})
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Fatalf("err = %v", err)
	}
}

// TestQueryDefaultsAgree holds the one set of query limits together: the
// defaults here are search.DefaultOptions' and query.DefaultLimits', which
// cmd/searchd passes from here to the engine and the engine to the parser.
func TestQueryDefaultsAgree(t *testing.T) {
	c, q := Default(), Default().Query
	o, lim := search.DefaultOptions(), query.DefaultLimits
	for _, f := range []struct {
		key                string
		config, search, qd int
	}{
		{"server.max_query_len", c.Server.MaxQueryLen, o.MaxQueryLen, lim.MaxLen},
		{"query.max_terms", q.MaxTerms, o.MaxQueryTerms, lim.MaxTerms},
		{"query.max_depth", q.MaxDepth, o.MaxQueryDepth, lim.MaxDepth},
		{"query.min_prefix_len", q.MinPrefixLen, o.MinPrefixLen, lim.MinPrefixLen},
		{"query.max_fuzziness", q.MaxFuzziness, o.MaxFuzziness, lim.MaxFuzziness},
		{"query.fuzzy1_min_len", q.Fuzzy1MinLen, o.Fuzzy1MinLen, lim.Fuzzy1MinLen},
		{"query.fuzzy2_min_len", q.Fuzzy2MinLen, o.Fuzzy2MinLen, lim.Fuzzy2MinLen},
		{"query.max_expansions", q.MaxExpansions, o.MaxExpansions, -1},
		{"query.max_expansion_postings", q.MaxExpansionPostings, o.MaxExpansionPostings, -1},
		{"query.expensive_expansions", q.ExpensiveExpansions, o.ExpensiveExpansions, -1},
		{"query.expensive_work", q.ExpensiveWork, o.ExpensiveWork, -1},
		{"query.expensive_slots", q.ExpensiveSlots, o.ExpensiveSlots, -1},
		{"query.export_slots", q.ExportSlots, o.ExportSlots, -1},
		{"query.slot_wait (ms)", int(q.SlotWait.Milliseconds()), int(o.SlotWait.Milliseconds()), -1},
		{"server.max_size", c.Server.MaxSize, o.MaxSize, -1},
		{"server.max_facet_size", c.Server.MaxFacetSize, o.MaxFacetSize, -1},
		{"server.max_page_depth", c.Server.MaxPageDepth, o.MaxPageDepth, -1},
		{"server.max_export", c.Server.MaxExport, o.MaxExport, -1},
		{"server.reload_interval (ms)", int(c.Server.ReloadInterval.Milliseconds()), int(o.ReloadInterval.Milliseconds()), -1},
	} {
		if f.config != f.search || (f.qd >= 0 && f.qd != f.config) {
			t.Errorf("%s: config %d, search %d, query %d; want one value", f.key, f.config, f.search, f.qd)
		}
	}
}

// TestIndexDefaultsAgree: index.shards is internal/index's default, and
// its bound.
func TestIndexDefaultsAgree(t *testing.T) {
	c := Default()
	if c.Index.Shards != index.DefaultShards {
		t.Errorf("index.shards %d; index.DefaultShards %d", c.Index.Shards, index.DefaultShards)
	}
	c.Index.Shards = index.MaxShards
	if err := c.Validate(); err != nil {
		t.Errorf("index.shards %d (index.MaxShards): %v", c.Index.Shards, err)
	}
	c.Index.Shards = index.MaxShards + 1
	if err := c.Validate(); err == nil {
		t.Errorf("index.shards %d: valid", c.Index.Shards)
	}
}

// TestExportDefaultsAgree: the export time limits here are internal/api's
// defaults, which cmd/searchd passes from here.
func TestExportDefaultsAgree(t *testing.T) {
	c := Default()
	if c.Server.ExportTimeout != api.DefaultExportTimeout || c.Server.ExportIdleTimeout != api.DefaultExportIdleTimeout {
		t.Errorf("server.export_timeout %s, export_idle_timeout %s; api: %s, %s",
			c.Server.ExportTimeout, c.Server.ExportIdleTimeout, api.DefaultExportTimeout, api.DefaultExportIdleTimeout)
	}
}

// TestExampleFileMatchesDefaults keeps readout.example.yaml honest: loading
// it gives exactly the defaults, and it names every key.
func TestExampleFileMatchesDefaults(t *testing.T) {
	p := filepath.Join("..", "..", "readout.example.yaml")
	c, err := Load(nil, []string{"READOUT_CONFIG=" + p})
	if err != nil {
		t.Fatal(err)
	}
	if d := Default(); fmt.Sprintf("%+v", *c) != fmt.Sprintf("%+v", *d) {
		t.Fatalf("example file gives\n%+v\nwant the defaults\n%+v", *c, *d)
	}
	b, _ := os.ReadFile(p)
	for key := range defaults {
		leaf := key[strings.IndexByte(key, '.')+1:]
		if !strings.Contains(string(b), leaf+":") {
			t.Errorf("readout.example.yaml lacks %s", key)
		}
	}
}
