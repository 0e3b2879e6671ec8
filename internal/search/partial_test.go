package search_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/query"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// The partial tests serve a generation of three shards whole and in parts
// (each shard alone; shards 0 and 1 together, shard 2 alone), and hold the
// merge of the parts' partial responses (Engine.Gather) to the whole
// engine's responses: totals, hits in order with their scores, every facet
// value, histogram bucket and split series, and the cursors of every page.

// partEngines serves the shards of held out of the current generation of
// s, one engine a set.
func partEngines(t *testing.T, s *index.Store, held ...[]int) []search.PartialSearcher {
	t.Helper()
	return partEnginesWith(t, s, search.Options{}, held...)
}

// partEnginesWith is partEngines with engines of opts.
func partEnginesWith(t *testing.T, s *index.Store, opts search.Options, held ...[]int) []search.PartialSearcher {
	t.Helper()
	info, err := s.Current()
	if err != nil {
		t.Fatal(err)
	}
	var out []search.PartialSearcher
	for _, h := range held {
		g, err := index.OpenGenerationShards(info, h)
		if err != nil {
			t.Fatal(err)
		}
		e := search.New(nil, nil, opts, nil)
		e.Serve(g, g.Meta.JournalSeq)
		t.Cleanup(func() { _ = e.Close(context.Background()) })
		out = append(out, e)
	}
	return out
}

// splits are the ways the partial tests cut a generation of three shards.
var splits = [][][]int{
	{{0}, {1}, {2}},
	{{0, 1}, {2}},
}

// comparableResponse is r as the merge must give it: all of it but the
// time it took.
func comparableResponse(r *search.Response) search.Response {
	c := *r
	c.TookMS = 0
	c.Suggestion = nil // not made by partitioned serving yet
	return c
}

// closeScores checks that the scores of got's hits are those of want's
// hits at the same rank to 1e-12 (relative), then gives got want's
// scores. The engine's relevance scores are not bit for bit stable: a
// first page by relevance searches the candidates of a search by score
// alone (topk.go), advancing a disjunction's searchers to them, which can
// change the order a document's term scores are summed in, and so the
// last bits of its score; a node's candidates are its own shards'.
func closeScores(got, want *search.Response) error {
	if len(got.Hits) != len(want.Hits) {
		return nil // the comparison that follows says it
	}
	hits := slices.Clone(got.Hits)
	for i := range hits {
		g, w := hits[i].Score, want.Hits[i].Score
		if math.Abs(g-w) > 1e-12*math.Max(math.Abs(w), 1) {
			return fmt.Errorf("hit %d (%s): score %v, want %v", i, hits[i].ID, g, w)
		}
		hits[i].Score = w
	}
	got.Hits = hits
	if got.NextCursor == nil || want.NextCursor == nil || *got.NextCursor == *want.NextCursor {
		return nil
	}
	// A relevance cursor holds the last hit's score, in full.
	type cursor struct {
		K string   `json:"k"`
		A [][]byte `json:"a"`
		N int      `json:"n"`
	}
	var c [2]cursor
	for i, s := range []string{*got.NextCursor, *want.NextCursor} {
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &c[i]); err != nil {
			return err
		}
	}
	g, gerr := strconv.ParseFloat(string(c[0].A[0]), 64)
	w, werr := strconv.ParseFloat(string(c[1].A[0]), 64)
	if gerr != nil || werr != nil || math.Abs(g-w) > 1e-12*math.Max(math.Abs(w), 1) {
		return fmt.Errorf("next cursor %+v, want %+v", c[0], c[1])
	}
	c[0].A[0] = c[1].A[0]
	if !reflect.DeepEqual(c[0], c[1]) {
		return fmt.Errorf("next cursor %+v, want %+v", c[0], c[1])
	}
	got.NextCursor = want.NextCursor
	return nil
}

// partialRequests are the table of requests the merge is held to: no q
// with facets and histogram, q with filters, speaker filters, date
// ranges, every sort, split series with and without a selection, quote
// mode, small facet sizes.
func partialRequests(t *testing.T, ref *search.Engine, words []string) []search.Request {
	t.Helper()
	top := func(req search.Request, name string, n int) []string {
		t.Helper()
		req.NoHits, req.Facets = true, []search.FacetSpec{{Name: name, Size: n}}
		res, err := ref.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, v := range res.Facets[name] {
			out = append(out, v.Value)
		}
		if len(out) < n {
			t.Fatalf("%+v: %d values of %s, want %d", req, len(out), name, n)
		}
		return out
	}
	every := func(size int) []search.FacetSpec {
		var fs []search.FacetSpec
		for _, n := range search.FilterNames {
			fs = append(fs, search.FacetSpec{Name: n, Size: size})
		}
		return fs
	}
	country, source := top(search.Request{}, "country", 3), top(search.Request{}, "source", 1)
	from, to := time.Date(1987, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var reqs []search.Request
	for _, mode := range []string{search.ModeArticles, search.ModeQuotes} {
		reqs = append(reqs,
			search.Request{Mode: mode, Histogram: search.IntervalMonth},
			search.Request{Mode: mode, Facets: every(1), Histogram: search.IntervalAuto, Sort: search.SortOldest},
			search.Request{Mode: mode, Facets: every(500), Histogram: search.IntervalYear, Size: 7},
			search.Request{Mode: mode, Filters: map[string][]string{"country": country[:1]}, Facets: every(2), Histogram: search.IntervalWeek, Split: search.FacetSpec{Name: "source", Size: 3}},
			search.Request{Mode: mode, Filters: map[string][]string{"country": country[1:3], "source": source}, Facets: every(4), Histogram: search.IntervalMonth, Split: search.FacetSpec{Name: "country"}},
			search.Request{Mode: mode, From: from, To: to, Facets: every(5), Histogram: search.IntervalDay},
			search.Request{Mode: mode, From: from.Add(90 * time.Minute), Facets: every(3), Histogram: search.IntervalMonth, Sort: search.SortOldest},
			search.Request{Mode: mode, NoHits: true, Facets: every(10), Histogram: search.IntervalMonth, Split: search.FacetSpec{Name: "speaker", Size: 4}},
			search.Request{Mode: mode, Collapse: true, Histogram: search.IntervalMonth, Size: 40},
			search.Request{Mode: mode, Collapse: true, Sort: search.SortOldest, NoHits: true},
			search.Request{Mode: mode, Collapse: true, Filters: map[string][]string{"country": country[:1]}, Sort: search.SortOldest, Size: 25},
		)
		for _, w := range words {
			qSpeakers := top(search.Request{Q: w}, "speaker", 2)
			qCountry := top(search.Request{Q: w, Filters: map[string][]string{"speaker": qSpeakers[1:]}}, "country", 1)
			for _, sort := range []string{search.SortRelevance, search.SortNewest, search.SortOldest} {
				reqs = append(reqs,
					search.Request{Mode: mode, Q: w, Sort: sort, Facets: every(3), Histogram: search.IntervalMonth, Split: search.FacetSpec{Name: "country", Size: 3}, Highlight: true},
					search.Request{Mode: mode, Q: w, Sort: sort, Filters: map[string][]string{"speaker": qSpeakers}, Facets: every(3), Histogram: search.IntervalMonth, Split: search.FacetSpec{Name: "speaker"}},
					search.Request{Mode: mode, Q: w, Sort: sort, Filters: map[string][]string{"speaker": qSpeakers[1:], "country": qCountry}, Facets: every(2), Histogram: search.IntervalYear, From: from, To: to},
					search.Request{Mode: mode, Q: w[:min(4, len(w))] + "*", Sort: sort, Facets: every(3), Size: 5},
					search.Request{Mode: mode, Q: `"` + w + `" OR ` + w + "~1", Sort: sort, Facets: every(2), Size: 5},
					// Collapse: one copy of each group of near-duplicates in
					// the hits, whichever shards the copies are in.
					search.Request{Mode: mode, Q: w, Sort: sort, Collapse: true, Facets: every(2), Histogram: search.IntervalMonth, Size: 9},
					search.Request{Mode: mode, Q: w, Sort: sort, Collapse: true, Filters: map[string][]string{"speaker": qSpeakers}, Size: 6},
				)
			}
		}
	}
	return reqs
}

// gather answers req from searchers, failing t on an error.
func gather(t *testing.T, e *search.Engine, req search.Request, searchers []search.PartialSearcher) *search.Response {
	t.Helper()
	res, err := e.Gather(context.Background(), req, searchers, search.GatherOptions{})
	if err != nil {
		t.Fatalf("gather %+v: %v", req, err)
	}
	return res
}

// TestPartialMergeEqualsWhole: for every request of the table and its
// next two pages, the merge of the partials of each cut of three shards is
// the whole engine's response.
func TestPartialMergeEqualsWhole(t *testing.T) {
	for _, c := range shardCorpora {
		t.Run(c.name, func(t *testing.T) {
			store := c.store(t, searchtest.Layout{Shards: 3})
			whole := search.New(store, nil, search.Options{}, nil)
			if _, err := whole.Reload(context.Background()); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = whole.Close(context.Background()) })
			reqs := partialRequests(t, whole, c.words)
			for si, cut := range splits {
				parts := partEngines(t, store, cut...)
				// The merge runs on a node holding some of the shards.
				merger := parts[len(parts)-1].(*search.Engine)
				pages, hits, collapsed := 0, 0, 0
				for i, req := range reqs {
					for page := 0; page < 3; page++ {
						want, err := whole.Search(context.Background(), req)
						if err != nil {
							t.Fatalf("request %d %+v: %v", i, req, err)
						}
						if want.Total == 0 {
							t.Errorf("request %d %+v matches nothing: a weak test", i, req)
						}
						got := gather(t, merger, req, parts)
						if err := closeScores(got, want); err != nil {
							t.Fatalf("cut %v: request %d %+v, page %d: %v", cut, i, req, page+1, err)
						}
						if g, w := comparableResponse(got), comparableResponse(want); !reflect.DeepEqual(g, w) {
							t.Fatalf("cut %v: request %d %+v, page %d: %s", cut, i, req, page+1, diff(g, w))
						}
						pages++
						hits += len(got.Hits)
						if want.TotalStories != nil && *want.TotalStories < want.Total {
							collapsed++
						}
						if want.NextCursor == nil {
							break
						}
						req.Cursor = *want.NextCursor
					}
				}
				t.Logf("cut %v: %d requests, %d pages, %d hits, %d pages collapsing copies", cut, len(reqs), pages, hits, collapsed)
				if collapsed < 5 {
					t.Errorf("%d pages collapse copies: a weak test", collapsed)
				}
				if si == 0 && (pages < len(reqs)+20 || hits < 500) {
					t.Errorf("%d pages, %d hits compared: a weak test", pages, hits)
				}
			}
		})
	}
}

// TestPartialJSON: partial requests and partials travel as JSON: the
// merge of partials read back from their JSON is the same response.
func TestPartialJSON(t *testing.T) {
	ctx := context.Background()
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: 3})
	parts := partEngines(t, store, []int{0, 1}, []int{2})
	merger := parts[0].(*search.Engine)
	for _, req := range []search.Request{
		{Q: "said", Sort: search.SortNewest, Histogram: search.IntervalMonth, Split: search.FacetSpec{Name: "country", Size: 2}, Highlight: true},
		{Mode: search.ModeQuotes, Q: "ceasefire", Facets: []search.FacetSpec{{Name: "speaker", Size: 2}}, From: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Filters: map[string][]string{"country": {"US"}}, Facets: []search.FacetSpec{}, Size: 3},
	} {
		pr := search.PartialRequest{Request: req}
		b, err := json.Marshal(pr)
		if err != nil {
			t.Fatal(err)
		}
		var back search.PartialRequest
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, pr) {
			t.Errorf("request %+v came back from JSON as %+v", pr, back)
		}
		var direct, viaJSON []*search.Partial
		for _, p := range parts {
			pt, err := p.SearchPartial(ctx, back)
			if err != nil {
				t.Fatal(err)
			}
			direct = append(direct, pt)
			b, err := json.Marshal(pt)
			if err != nil {
				t.Fatal(err)
			}
			var rt search.Partial
			if err := json.Unmarshal(b, &rt); err != nil {
				t.Fatal(err)
			}
			viaJSON = append(viaJSON, &rt)
		}
		if req.Split.Name != "" {
			// The series of the second round.
			vals, err := merger.SplitValues(req, direct)
			if err != nil || len(vals) == 0 {
				t.Fatalf("split values %v: %v", vals, err)
			}
			for i, p := range parts {
				pt, err := p.SearchPartial(ctx, search.PartialRequest{Request: req, SplitValues: vals, SeriesOnly: true})
				if err != nil {
					t.Fatal(err)
				}
				direct[i].Series = pt.Series
				b, _ := json.Marshal(pt.Series)
				viaJSON[i].Series = nil
				if err := json.Unmarshal(b, &viaJSON[i].Series); err != nil {
					t.Fatal(err)
				}
			}
		}
		want, err := merger.MergePartials(ctx, req, direct)
		if err != nil {
			t.Fatal(err)
		}
		got, err := merger.MergePartials(ctx, req, viaJSON)
		if err != nil {
			t.Fatal(err)
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("%+v: merged from JSON %s\nwant %s", req, gj, wj)
		}
		if want.Total == 0 {
			t.Errorf("%+v matches nothing: a weak test", req)
		}
	}
}

// TestPartialRefusals: the merge fails, naming them, when shards are
// missing or counted twice (or, allowed, answers partial); counting
// stories on a generation with groups is refused by the nodes rather than
// answered inexactly.
func TestPartialRefusals(t *testing.T) {
	ctx := context.Background()
	store := searchtest.ReutersHeadStore(t, reutersHead, searchtest.Layout{Shards: 3})
	parts := partEngines(t, store, []int{0, 1}, []int{2}, []int{1})
	merger := parts[0].(*search.Engine)
	req := search.Request{Q: "oil", Facets: []search.FacetSpec{}}
	var pts []*search.Partial
	for _, p := range parts {
		pt, err := p.SearchPartial(ctx, search.PartialRequest{Request: req})
		if err != nil {
			t.Fatal(err)
		}
		pts = append(pts, pt)
	}
	_, err := merger.MergePartials(ctx, req, pts[:1])
	var missing *search.MissingShardsError
	if !errors.As(err, &missing) || fmt.Sprint(missing.Missing) != "[2]" {
		t.Errorf("shards 0 and 1 alone: %v, want shard 2 missing", err)
	}
	if _, err := merger.MergePartials(ctx, req, pts); err == nil {
		t.Error("shard 1 twice: merged")
	}
	// A shard with no live replica: an error naming it, or with
	// AllowPartial, the others' answer marked partial.
	lost := []search.PartialSearcher{parts[0], noReplica{"shard 2"}}
	for _, r := range []search.Request{req, {Q: "oil*", Histogram: search.IntervalYear, Split: search.FacetSpec{Name: "country"}}} {
		if _, err := merger.Gather(ctx, r, lost, search.GatherOptions{}); !errors.As(err, &missing) || fmt.Sprint(missing.Missing) != "[2]" {
			t.Errorf("%+v, shard 2 lost: %v, want shard 2 missing", r, err)
		}
		res, err := merger.Gather(ctx, r, lost, search.GatherOptions{AllowPartial: true})
		if err != nil {
			t.Fatal(err)
		}
		pt, err := parts[0].SearchPartial(ctx, search.PartialRequest{Request: r})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Partial || fmt.Sprint(res.MissingShards) != "[2]" || res.Total != pt.Total || res.Total == 0 {
			t.Errorf("%+v, shard 2 lost, partial allowed: partial %v, missing %v, total %d, want shards 0 and 1's %d",
				r, res.Partial, res.MissingShards, res.Total, pt.Total)
		}
	}
	// Every shard with no live replica is named, not the first alone.
	allLost := []search.PartialSearcher{noReplica{"shard 2"}, missingShards{[]int{1, 0}}}
	if _, err := merger.Gather(ctx, req, allLost, search.GatherOptions{}); !errors.As(err, &missing) || fmt.Sprint(missing.Missing) != "[0 1 2]" {
		t.Errorf("shards 0, 1 and 2 lost: %v, want them all missing", err)
	}
	whole := search.New(store, nil, search.Options{}, nil)
	if _, err := whole.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = whole.Close(ctx) })
	res, err := whole.Search(ctx, search.Request{Collapse: true, NoHits: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.TotalStories == nil || *res.TotalStories == res.Total {
		t.Fatalf("the Reuters head collapses nothing (%d of %d): a weak test", *res.TotalStories, res.Total)
	}
	for _, r := range []search.Request{{CountStories: true, NoHits: true}, {Collapse: true, CountStories: true}} {
		if _, err := merger.Gather(ctx, r, parts[:2], search.GatherOptions{}); !errors.Is(err, search.ErrPartialCollapse) {
			t.Errorf("%+v: %v, want ErrPartialCollapse", r, err)
		}
	}
}

// TestPartialBudgetGlobal: the expansion budget of a prefix term is
// checked against every shard's dictionary, before the search: a q each
// shard alone would expand within the limit, but all of them together
// beyond it, is refused by the merge with the whole engine's error; with
// the limit at the whole's count, the merge answers as the whole engine.
func TestPartialBudgetGlobal(t *testing.T) {
	ctx := context.Background()
	store := searchtest.SampleStoreLayout(t, searchtest.Layout{Shards: 3})
	req := search.Request{Q: "co*", Sort: search.SortRelevance, Size: 5}
	terms := func(rs []query.LookupResult) int {
		n := 0
		for _, r := range rs {
			n += len(r.Terms)
		}
		return n
	}
	var local []int
	var sets [][]query.LookupResult
	for _, p := range partEngines(t, store, []int{0}, []int{1}, []int{2}) {
		pt, err := p.SearchPartial(ctx, search.PartialRequest{Request: req, LookupOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		local = append(local, terms(pt.Expansions))
		sets = append(sets, pt.Expansions)
	}
	limit := slices.Max(local)
	whole := func(opts search.Options) *search.Engine {
		e := search.New(store, nil, opts, nil)
		if _, err := e.Reload(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = e.Close(ctx) })
		return e
	}
	opts := search.Options{MaxExpansions: limit}
	_, wantErr := whole(opts).Search(ctx, req)
	var ce *search.CostError
	if !errors.As(wantErr, &ce) {
		t.Fatalf("limit %d (shards alone %v): whole engine %v, want a cost error: a weak test", limit, local, wantErr)
	}
	parts := partEnginesWith(t, store, opts, []int{0}, []int{1}, []int{2})
	for i, p := range parts {
		if _, err := p.(*search.Engine).Search(ctx, req); err != nil {
			t.Fatalf("shard %d alone: %v", i, err)
		}
	}
	counted := make([]search.PartialSearcher, len(parts))
	var searched atomic.Int64
	for i, p := range parts {
		counted[i] = countingSearcher{p, &searched}
	}
	_, err := parts[0].(*search.Engine).Gather(ctx, req, counted, search.GatherOptions{})
	if err == nil || err.Error() != wantErr.Error() {
		t.Errorf("merged: %v\nwant %v", err, wantErr)
	}
	if n := searched.Load(); n != 0 {
		t.Errorf("%d searches sent for a q over the budget, want none", n)
	}
	// At the whole's count, every page is the whole's.
	n := terms(query.MergeResults(sets...).Results())
	opts = search.Options{MaxExpansions: n}
	want, err := whole(opts).Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	parts = partEnginesWith(t, store, opts, []int{0, 1}, []int{2})
	got := gather(t, parts[0].(*search.Engine), req, parts)
	if err := closeScores(got, want); err != nil {
		t.Fatal(err)
	}
	if g, w := comparableResponse(got), comparableResponse(want); !reflect.DeepEqual(g, w) {
		t.Errorf("limit %d: %s", n, diff(g, w))
	}
}

// countingSearcher counts the searches (not the lookups) it passes on.
type countingSearcher struct {
	search.PartialSearcher
	n *atomic.Int64
}

func (c countingSearcher) SearchPartial(ctx context.Context, pr search.PartialRequest) (*search.Partial, error) {
	if !pr.LookupOnly {
		c.n.Add(1)
	}
	return c.PartialSearcher.SearchPartial(ctx, pr)
}

// noReplica is a shard whose replicas are all gone.
type noReplica struct{ name string }

// missingShards is a searcher of shards with no live replica.
type missingShards struct{ shards []int }

func (m missingShards) SearchPartial(context.Context, search.PartialRequest) (*search.Partial, error) {
	return nil, &search.MissingShardsError{Missing: m.shards}
}

func (n noReplica) SearchPartial(context.Context, search.PartialRequest) (*search.Partial, error) {
	return nil, fmt.Errorf("%s: %w", n.name, &search.MissingShardsError{Missing: []int{2}})
}
