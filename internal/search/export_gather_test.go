package search_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// gatherAll is exportAll through ExportGather: the pages of an export
// gathered from searchers and merged by e.
func gatherAll(t *testing.T, e *search.Engine, req search.Request, limit int, searchers []search.PartialSearcher) exported {
	t.Helper()
	return collectExport(t, req, func(page func(*search.Response) error) error {
		return e.ExportGather(context.Background(), req, limit, searchers, page)
	})
}

// viaJSON is a searcher reached as a remote node is: the request and the
// partial travel as JSON.
type viaJSON struct{ search.PartialSearcher }

func (v viaJSON) SearchPartial(ctx context.Context, pr search.PartialRequest) (*search.Partial, error) {
	var back search.PartialRequest
	if b, err := json.Marshal(pr); err != nil || json.Unmarshal(b, &back) != nil {
		return nil, fmt.Errorf("partial request to JSON and back: %v", err)
	}
	pt, err := v.PartialSearcher.SearchPartial(ctx, back)
	if err != nil {
		return nil, err
	}
	var out search.Partial
	if b, err := json.Marshal(pt); err != nil || json.Unmarshal(b, &out) != nil {
		return nil, fmt.Errorf("partial to JSON and back: %v", err)
	}
	return &out, nil
}

// TestExportGatherEqualsExport: an export gathered from the shards of
// each cut of a three-shard generation, page by page (partitioned
// serving, requests and partials through JSON), delivers what one engine's export over the whole generation
// delivers: the same pages, rows, fields and order, for every kind of
// export request.
func TestExportGatherEqualsExport(t *testing.T) {
	for _, c := range shardCorpora {
		t.Run(c.name, func(t *testing.T) {
			store := c.store(t, searchtest.Layout{Shards: 3})
			whole := loaded(t, store)
			cases := exportCases(whole, c.words[len(c.words)-1])
			rows := 0
			for _, cut := range splits {
				parts := partEngines(t, store, cut...)
				merger := parts[0].(*search.Engine)
				for i := range parts {
					parts[i] = viaJSON{parts[i]}
				}
				for _, tc := range cases {
					want := exportAll(t, whole, tc.req, tc.limit)
					got := gatherAll(t, merger, tc.req, tc.limit, parts)
					if len(want.rows) == 0 {
						t.Errorf("%s: no rows", tc.name)
					}
					if fmt.Sprint(got.pages) != fmt.Sprint(want.pages) {
						t.Errorf("cut %v, %s: pages %v, one engine %v", cut, tc.name, got.pages, want.pages)
					}
					if len(got.rows) != len(want.rows) {
						t.Errorf("cut %v, %s: %d rows, one engine %d", cut, tc.name, len(got.rows), len(want.rows))
						continue
					}
					for i := range got.rows {
						if got.rows[i] != want.rows[i] {
							t.Errorf("cut %v, %s: row %d of %d:\n%s\none engine:\n%s", cut, tc.name, i, len(got.rows), got.rows[i], want.rows[i])
							break
						}
					}
					rows += len(got.rows)
				}
			}
			if rows < 2000 {
				t.Errorf("%d rows compared: a weak test", rows)
			}
		})
	}
}

// TestExportGatherRefusals: a cursor, a bad limit and a missing shard
// fail the gathered export before any page, as they fail Export.
func TestExportGatherRefusals(t *testing.T) {
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: 3})
	parts := partEngines(t, store, []int{0}, []int{1, 2})
	merger := parts[0].(*search.Engine)
	none := func(*search.Response) error { t.Error("a page was delivered"); return nil }
	for _, tc := range []struct {
		name      string
		req       search.Request
		limit     int
		searchers []search.PartialSearcher
		want      string
	}{
		{"cursor", search.Request{Cursor: "abc"}, 0, parts, "cursor"},
		{"limit", search.Request{}, -1, parts, "limit"},
		{"missing shard", search.Request{}, 0, parts[:1], "shards [1 2]"},
	} {
		err := merger.ExportGather(context.Background(), tc.req, tc.limit, tc.searchers, none)
		if err == nil || !contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error naming %q", tc.name, err, tc.want)
		}
	}
}

// tightTransport refuses partials of export pages longer than most, as a
// transport with a small payload limit does, and records the page sizes
// asked for.
type tightTransport struct {
	search.PartialSearcher
	most  int
	asked *[]int
}

func (tt tightTransport) SearchPartial(ctx context.Context, pr search.PartialRequest) (*search.Partial, error) {
	*tt.asked = append(*tt.asked, pr.ExportPage)
	if pr.ExportPage > tt.most {
		return nil, fmt.Errorf("shard: reply too large: %w", search.ErrPartialTooLarge)
	}
	return tt.PartialSearcher.SearchPartial(ctx, pr)
}

// TestExportGatherHalvesPages: when a page's partials are too large for
// the transport, the page is asked for again half as long, and the pages
// after it stay that long; the rows are the export's.
func TestExportGatherHalvesPages(t *testing.T) {
	store := searchtest.ReutersHeadStore(t, reutersHead, searchtest.Layout{Shards: 3})
	whole := loaded(t, store)
	parts := partEngines(t, store, []int{0, 1, 2})
	var asked []int
	tight := []search.PartialSearcher{tightTransport{parts[0], 300, &asked}}
	req := search.Request{Mode: search.ModeQuotes}
	want := exportAll(t, whole, req, 2000)
	got := gatherAll(t, parts[0].(*search.Engine), req, 2000, tight)
	if fmt.Sprint(got.rows) != fmt.Sprint(want.rows) || len(want.rows) != 2000 {
		t.Errorf("%d rows, one engine %d: not the same rows", len(got.rows), len(want.rows))
	}
	// 100, 200, 400 refused, 200 again, then 200 a page to 2,000 rows.
	if fmt.Sprint(asked[:6]) != "[100 200 400 200 200 200]" || slices.Max(asked[4:]) != 200 {
		t.Errorf("page sizes asked %v", asked)
	}
}

// TestExportGatherDeep: a gathered export's pages go past max_page_depth
// (which bounds the cursors of searches, not exports), as Export's do.
func TestExportGatherDeep(t *testing.T) {
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: 3})
	whole := loaded(t, store)
	parts := partEnginesWith(t, store, search.Options{MaxPageDepth: 120}, []int{0, 1}, []int{2})
	req := search.Request{Mode: search.ModeQuotes}
	want := exportAll(t, whole, req, 0)
	got := gatherAll(t, parts[0].(*search.Engine), req, 0, parts)
	if len(want.rows) < 400 || fmt.Sprint(got.rows) != fmt.Sprint(want.rows) {
		t.Errorf("%d rows, one engine %d: not the same rows", len(got.rows), len(want.rows))
	}
	// A search's cursor still stops there.
	res, err := parts[0].(*search.Engine).Gather(context.Background(), search.Request{Mode: search.ModeQuotes, Size: 100}, parts, search.GatherOptions{})
	for page := 0; err == nil && res.NextCursor != nil && page < 5; page++ {
		res, err = parts[0].(*search.Engine).Gather(context.Background(), search.Request{Mode: search.ModeQuotes, Size: 100, Cursor: *res.NextCursor}, parts, search.GatherOptions{})
	}
	var le *search.LimitError
	if !errors.As(err, &le) || le.Param != "cursor" {
		t.Errorf("paging a search past max_page_depth: %v, want the cursor's LimitError", err)
	}
}

// TestGatherArticle: the article page from the searcher of the article's
// shard (partitioned serving, through JSON) is one engine's article, with
// the same matches of q; an id no shard holds is ErrNotFound, a bad q the
// same error as on one engine, before anything is sent.
func TestGatherArticle(t *testing.T) {
	ctx := context.Background()
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: 3})
	whole := loaded(t, store)
	parts := partEngines(t, store, []int{0}, []int{1}, []int{2})
	merger := parts[1].(*search.Engine)
	var asked atomic.Int64
	for i := range parts {
		parts[i] = countingJSON{viaJSON{parts[i]}, &asked}
	}
	res, err := whole.Search(ctx, search.Request{Sort: search.SortOldest, Size: 30, Facets: []search.FacetSpec{}})
	if err != nil || len(res.Hits) < 30 {
		t.Fatalf("%v: %d hits", err, len(res.Hits))
	}
	shards := map[int]bool{}
	for _, h := range res.Hits {
		shards[index.ShardOf(h.ID, 3)] = true
		for _, q := range []string{"", "said", "minister*"} {
			want, err := whole.Article(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			if q != "" {
				if want.Matches, err = whole.ArticleMatches(ctx, want, q, true); err != nil {
					t.Fatal(err)
				}
			}
			before := asked.Load()
			got, err := merger.GatherArticle(ctx, h.ID, q, true, parts)
			if err != nil {
				t.Fatalf("%s q=%q: %v", h.ID, q, err)
			}
			// As the API writes them (an empty match list and none are
			// the same JSON).
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			if string(gj) != string(wj) {
				t.Errorf("%s q=%q: %s", h.ID, q, diff(got, want))
			}
			if asked.Load() != before+1 {
				t.Errorf("%s: %d shards asked, want its own alone", h.ID, asked.Load()-before)
			}
		}
	}
	if len(shards) != 3 {
		t.Errorf("the articles are in shards %v: a weak test", shards)
	}
	if _, err := merger.GatherArticle(ctx, "no-such-article", "", true, parts); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("unknown id: %v, want ErrNotFound", err)
	}
	before := asked.Load()
	var qe *search.QueryError
	if _, err := merger.GatherArticle(ctx, res.Hits[0].ID, `"unclosed`, true, parts); !errors.As(err, &qe) || asked.Load() != before {
		t.Errorf("bad q: %v (%d shards asked), want a *QueryError before any", err, asked.Load()-before)
	}
}

// countingJSON counts the requests it passes on.
type countingJSON struct {
	search.PartialSearcher
	n *atomic.Int64
}

func (c countingJSON) SearchPartial(ctx context.Context, pr search.PartialRequest) (*search.Partial, error) {
	c.n.Add(1)
	return c.PartialSearcher.SearchPartial(ctx, pr)
}

// recording passes requests on and records whether each asked for facets
// (the searchers of a gather are asked at once: under a lock).
type recording struct {
	search.PartialSearcher
	facets *[]bool
}

var recordingMu sync.Mutex

func (r recording) SearchPartial(ctx context.Context, pr search.PartialRequest) (*search.Partial, error) {
	recordingMu.Lock()
	*r.facets = append(*r.facets, len(pr.Request.Facets) > 0 || pr.Request.Histogram != "")
	recordingMu.Unlock()
	return r.PartialSearcher.SearchPartial(ctx, pr)
}

// TestGatherCachesAggregates: the merged aggregates of a request are
// kept; the same request again (another page, another sort) asks the
// shards for hits alone and answers as one engine; a change laid over the
// merging engine drops them.
func TestGatherCachesAggregates(t *testing.T) {
	ctx := context.Background()
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: 3})
	whole := loaded(t, store)
	parts := partEngines(t, store, []int{0, 1}, []int{2})
	merger := parts[0].(*search.Engine)
	var asked []bool
	rec := []search.PartialSearcher{recording{parts[0], &asked}, recording{parts[1], &asked}}
	req := search.Request{Q: "said", Facets: []search.FacetSpec{{Name: "country", Size: 5}, {Name: "speaker", Size: 3}},
		Histogram: search.IntervalMonth, Split: search.FacetSpec{Name: "source", Size: 2}, Size: 5}
	check := func(req search.Request, wantFacets bool) *search.Response {
		t.Helper()
		asked = nil
		got := gather(t, merger, req, rec)
		want, err := whole.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if err := closeScores(got, want); err != nil {
			t.Fatal(err)
		}
		if g, w := comparableResponse(got), comparableResponse(want); !reflect.DeepEqual(g, w) {
			t.Fatalf("%+v: %s", req, diff(g, w))
		}
		if slices.Contains(asked, true) != wantFacets {
			t.Errorf("%+v: shards asked for aggregates %v, want %v", req, asked, wantFacets)
		}
		return got
	}
	first := check(req, true)
	page2 := req
	page2.Cursor = *first.NextCursor
	check(page2, false)
	oldest := req
	oldest.Sort = search.SortOldest
	check(oldest, false)
	other := req
	other.Facets = []search.FacetSpec{{Name: "country", Size: 4}}
	check(other, true)
	// A change on the merging engine (its position moves): aggregates again.
	if err := merger.CatchUp(ctx, []index.Op{{Seq: 1, Kind: index.OpDelete, ID: "no-such-article"}}); err != nil {
		t.Fatal(err)
	}
	asked = nil
	if _, err := merger.Gather(ctx, req, rec, search.GatherOptions{}); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(asked, true) {
		t.Error("after a change the cached aggregates were used")
	}
	// The other shards' engine has not applied the change: the merge of
	// that moment is not kept.
	asked = nil
	if _, err := merger.Gather(ctx, req, rec, search.GatherOptions{}); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(asked, true) {
		t.Error("a merge of shards at different changes was cached")
	}
}
