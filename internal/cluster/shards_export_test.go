package cluster

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// exportRows runs an export (run: Engine.Export or a gathered one) and
// returns its rows as JSON.
func exportRows(t *testing.T, run func(context.Context, search.Request, int, func(*search.Response) error) error, req search.Request, limit int) []string {
	t.Helper()
	var rows []string
	err := run(context.Background(), req, limit, func(r *search.Response) error {
		for _, h := range r.Hits {
			b, err := json.Marshal(h)
			if err != nil {
				return err
			}
			rows = append(rows, string(b))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("export %+v: %v", req, err)
	}
	return rows
}

// TestExportOverNATS: an export gathered over NATS from the shards of a
// generation (two nodes, three shards) delivers one engine's export, row
// for row; its pages of up to 1,000 hits travel compressed.
func TestExportOverNATS(t *testing.T) {
	ctx := context.Background()
	url, _ := startNATS(t, 1)
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: 3})
	info, err := store.Current()
	if err != nil {
		t.Fatal(err)
	}
	whole := search.New(store, nil, search.Options{}, nil)
	if _, err := whole.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = whole.Close(ctx) })
	nodeA, nodeB := natsConn(t, url, "node-a"), natsConn(t, url, "node-b")
	for n, nc := range []*nats.Conn{nodeA, nodeA, nodeB} {
		if _, err := ServeShard(nc, "readout", info.Name, n, shardEngine(t, info, n)); err != nil {
			t.Fatal(err)
		}
	}
	for _, nc := range []*nats.Conn{nodeA, nodeB} {
		if err := nc.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	asker := natsConn(t, url, "node-c")
	merger := shardEngine(t, info, 2)
	searchers := ShardSearchers(asker, "readout", info.Name, 3, ShardOptions{Timeout: 5 * time.Second})
	gathered := func(ctx context.Context, req search.Request, limit int, page func(*search.Response) error) error {
		return merger.ExportGather(ctx, req, limit, searchers, page)
	}
	rows := 0
	for _, tc := range []struct {
		req   search.Request
		limit int
	}{
		{search.Request{Mode: search.ModeQuotes}, 0},
		{search.Request{Q: "said", Sort: search.SortNewest}, 0},
		{search.Request{Mode: search.ModeQuotes, Q: "said"}, 150},
		{search.Request{Filters: map[string][]string{"country": {"UA"}}, Sort: search.SortOldest}, 0},
	} {
		want := exportRows(t, whole.Export, tc.req, tc.limit)
		got := exportRows(t, gathered, tc.req, tc.limit)
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: %d rows over NATS, one engine %d, or not the same rows", tc.req, len(got), len(want))
		}
		rows += len(got)
	}
	if rows < 500 {
		t.Errorf("%d rows compared: a weak test", rows)
	}
}

// bigPartial answers every request with a partial of hits whose titles
// total about size bytes: random (incompressible) or repeated text.
type bigPartial struct {
	size   int
	random bool
}

func (b bigPartial) SearchPartial(context.Context, search.PartialRequest) (*search.Partial, error) {
	pt := &search.Partial{Generation: "g1", Shards: []int{0}, Facets: map[string][]search.ValueCount{}}
	for len(pt.Hits)*1000 < b.size {
		title := strings.Repeat("Ministers met in Vienna. ", 40)
		if b.random {
			buf := make([]byte, 750)
			_, _ = rand.Read(buf)
			title = base64.StdEncoding.EncodeToString(buf)
		}
		pt.Hits = append(pt.Hits, search.PartialHit{Hit: search.Hit{ID: fmt.Sprint(len(pt.Hits)), Title: title}, Sort: [][]byte{{byte(len(pt.Hits))}}})
	}
	pt.Total = len(pt.Hits)
	return pt, nil
}

// TestShardReplySize: a reply larger than NATS's max payload (1 MB by
// default) arrives whole when it compresses below it, and otherwise fails
// at once as too large (search.ErrPartialTooLarge, which an export answers
// with shorter pages) instead of timing out.
func TestShardReplySize(t *testing.T) {
	url, _ := startNATS(t, 1)
	node, asker := natsConn(t, url, "node"), natsConn(t, url, "asker")
	if asker.MaxPayload() > 2<<20 {
		t.Fatalf("max payload %d: the test needs replies above it", asker.MaxPayload())
	}
	for i, b := range []bigPartial{{size: 3 << 20}, {size: 3 << 20, random: true}} {
		gen := fmt.Sprintf("g%d", i)
		if _, err := ServeShard(node, "readout", gen, 0, b); err != nil {
			t.Fatal(err)
		}
		if err := node.Flush(); err != nil {
			t.Fatal(err)
		}
		s := ShardSearcher(asker, "readout", gen, 0, ShardOptions{Timeout: 10 * time.Second, Tries: 1})
		start := time.Now()
		got, err := s.SearchPartial(context.Background(), search.PartialRequest{})
		want, _ := b.SearchPartial(context.Background(), search.PartialRequest{})
		switch {
		case !b.random && (err != nil || len(got.Hits) != len(want.Hits) || got.Hits[7].Hit.Title != want.Hits[7].Hit.Title):
			t.Errorf("compressible 3 MB reply: %v", err)
		case b.random && (!errors.Is(err, search.ErrPartialTooLarge) || !strings.Contains(err.Error(), "shard 0: reply of") || time.Since(start) > 5*time.Second):
			t.Errorf("incompressible 3 MB reply: %v after %v, want a prompt ErrPartialTooLarge naming the shard and size", err, time.Since(start))
		}
	}
}
