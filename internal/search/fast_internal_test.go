package search

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/search/searchtest"
)

// TestTableNumbering checks the numbering the column tables rely on, on a
// generation built and opened as searchd opens it (scorch, read-only): an
// internal id is the big-endian document number of the snapshot, the
// same in postings, searchers and InternalID; and the read-only index
// hands every search the same snapshot, which is how the speaker filter's
// bitmap query finds its side.
func TestTableNumbering(t *testing.T) {
	g := searchtest.Open(t, searchtest.SampleStore(t))
	defer g.Close()
	articles, quotes := 0, 0
	for _, shard := range g.Shards() {
		a, q := checkNumbering(t, g, shard)
		articles, quotes = articles+a, quotes+q
	}
	if articles != g.Meta.Articles || quotes != g.Meta.Quotes {
		t.Fatalf("tables have %d articles and %d quotes; the generation %d and %d", articles, quotes, g.Meta.Articles, g.Meta.Quotes)
	}
}

// checkNumbering checks the numbering of shard's table (see
// TestTableNumbering) and returns its articles and quotes.
func checkNumbering(t *testing.T, g *index.Generation, shard bleve.Index) (articles, quotes int) {
	adv, err := shard.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r1, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	if r1 != r2 {
		t.Fatal("a read-only generation gave two searches different snapshots")
	}
	tb, err := buildTable(context.Background(), shard)
	if err != nil {
		t.Fatal(err)
	}
	defer tb.close()
	if tb.ids != nil {
		t.Fatal("scorch snapshot numbered through a map")
	}
	arts := tb.cols[index.FieldType].posting(index.TypeArticle)
	qs := tb.cols[index.FieldType].posting(index.TypeQuote)
	// Every article found by a search has the number of its internal id,
	// and InternalID of its external id gives the same.
	res, err := shard.Search(&bleve.SearchRequest{Query: termQ(index.FieldType, index.TypeArticle), Size: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		n, ok := tb.docNum(h.IndexInternalID)
		if !ok || !arts.Contains(n) {
			t.Fatalf("hit %s: internal id %x is not an article of the table", h.ID, h.IndexInternalID)
		}
		iid, err := tb.reader.InternalID(h.ID)
		if err != nil || iid.Value() != uint64(n) {
			t.Fatalf("%s: InternalID %x (%v); search hit %d", h.ID, iid, err, n)
		}
	}
	// Each quote's article, through its article id, is the article
	// document of that id.
	checked := 0
	it := qs.Iterator()
	for it.HasNext() {
		q := it.Next()
		a := tb.articleOfQuote(q)
		qid, err := tb.reader.ExternalID(tb.internalID(nil, q))
		if err != nil {
			t.Fatal(err)
		}
		aid, err := tb.reader.ExternalID(tb.internalID(nil, a))
		if err != nil {
			t.Fatal(err)
		}
		want, _, ok := index.ParseQuoteDocID(qid)
		if !ok {
			t.Fatalf("quote %s: not a quote id", qid)
		}
		if aid != want {
			t.Fatalf("quote %s: article %q; its article id %q", qid, aid, want)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no quote checked")
	}
	return int(arts.GetCardinality()), int(qs.GetCardinality())
}

// TestAggregateCache checks that repeated requests are answered from the
// cache with the same response, that an overlay change clears it (the next
// response counts the change), and that a swap starts from an empty one.
func TestAggregateCache(t *testing.T) {
	e := New(nil, nil, Options{}, nil)
	e.Serve(fixtureGeneration(t), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	ctx := context.Background()
	req := Request{Histogram: IntervalMonth, Facets: []FacetSpec{{Name: "source"}, {Name: "speaker"}}}
	cached := func() int {
		s, err := e.acquire()
		if err != nil {
			t.Fatal(err)
		}
		defer s.release()
		return s.fast.cache.len()
	}
	first, err := e.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if cached() != 1 {
		t.Fatalf("%d cached entries after one request", cached())
	}
	again, err := e.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	first.TookMS, again.TookMS = 0, 0
	if !reflect.DeepEqual(first, again) {
		t.Fatal("a cached response differs from the computed one")
	}
	again.Facets["source"][0].Count = -1 // a caller's change must not reach the cache
	if _, err := e.Apply(ctx, []index.Op{{Kind: index.OpDelete, ID: "g01"}}); err != nil {
		t.Fatal(err)
	}
	if cached() != 0 {
		t.Fatalf("%d cached entries after a change", cached())
	}
	after, err := e.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != first.Total-1 || after.Facets["source"][0].Count < 0 {
		t.Fatalf("after a delete: total %d (was %d), source %+v", after.Total, first.Total, after.Facets["source"])
	}
	// A swap serves a generation of its own, with its own cache.
	e.Serve(searchtest.Generation(t, "gen-000002", searchtest.Fixture()[:10]), 0)
	if cached() != 0 {
		t.Fatalf("%d cached entries after a swap", cached())
	}
	swapped, err := e.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if swapped.Total != 10 || swapped.Generation != "gen-000002" {
		t.Fatalf("after the swap: total %d of %s", swapped.Total, swapped.Generation)
	}
}

// TestAggregateCacheBounds checks the cache's bounds: least recently used
// entries go first, and entries beyond the byte bound are not kept.
func TestAggregateCacheBounds(t *testing.T) {
	c := newAggCache(2, 1000)
	agg := func(n int) *aggregates { return &aggregates{total: n, facets: map[string][]FacetValue{}} }
	yes := func() bool { return true }
	c.put("a", agg(1), yes)
	c.put("b", agg(2), yes)
	if _, ok := c.get("a"); !ok {
		t.Fatal("a not cached")
	}
	c.put("c", agg(3), yes) // evicts b, the least recently used
	if _, ok := c.get("b"); ok {
		t.Fatal("b still cached")
	}
	if got, ok := c.get("c"); !ok || got.total != 3 {
		t.Fatalf("c: %v %v", got, ok)
	}
	big := agg(4)
	big.facets["x"] = make([]FacetValue, 100)
	c.put("big", big, yes)
	if _, ok := c.get("big"); ok || c.len() != 2 {
		t.Fatalf("an entry over the byte bound was cached (%d entries)", c.len())
	}
	c.put("d", agg(5), func() bool { return false })
	if _, ok := c.get("d"); ok {
		t.Fatal("an entry of an older state was cached")
	}
}

// TestSpeakerSemanticsAnySize: a speaker filter with q selects every
// article that quotes the speaker on q, here 20,500 (more than the 20,000
// the per-hit path once refused), on both paths.
func TestSpeakerSemanticsAnySize(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 41,000 documents")
	}
	const n = 20_500
	path := filepath.Join(t.TempDir(), "index")
	idx, err := bleve.New(path, index.NewMapping())
	if err != nil {
		t.Fatal(err)
	}
	b := idx.NewBatch()
	for i := range n {
		d := searchtest.Article(fmt.Sprintf("a%05d", i), "Talks", "2024-01-02T10:00:00Z", "Wire", []string{"FR"}, nil,
			searchtest.Q{By: searchtest.Kovac, Text: "Talks on the harbour"})
		art, quotes := index.Documents(d.Article, d.Ann)
		if err := b.Index(d.Article.ID, art); err != nil {
			t.Fatal(err)
		}
		for _, q := range quotes {
			if err := b.Index(q.ID, q.Fields); err != nil {
				t.Fatal(err)
			}
		}
		if b.Size() >= 20000 {
			if err := idx.Batch(b); err != nil {
				t.Fatal(err)
			}
			b = idx.NewBatch()
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	req := Request{Q: "harbour", Filters: map[string][]string{"speaker": {searchtest.Kovac.ID}}, Size: 5,
		Facets: []FacetSpec{{Name: "speaker"}, {Name: "country"}}, Histogram: IntervalMonth}
	var got []*Response
	for _, opts := range []Options{{}, {PerHitFacets: true}} {
		idx, err := bleve.OpenUsing(path, map[string]any{"read_only": true})
		if err != nil {
			t.Fatal(err)
		}
		e := New(nil, nil, opts, nil)
		e.Serve(index.NewGeneration("gen-000001", idx, index.Meta{Articles: n, Quotes: n}, index.NewLabels()), 0)
		start := time.Now()
		res, err := e.Search(context.Background(), req)
		t.Logf("per-hit %v: %v", opts.PerHitFacets, time.Since(start))
		_ = e.Close(context.Background())
		if err != nil {
			t.Fatalf("%+v: %v", opts, err)
		}
		if res.Total != n || len(res.Hits) != 5 || res.Facets["speaker"][0].Count != n || res.Histogram.Buckets[0].Count != n {
			t.Fatalf("%+v: total %d, %d hits, speaker %+v", opts, res.Total, len(res.Hits), res.Facets["speaker"])
		}
		res.TookMS = 0
		got = append(got, res)
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Error("fast and per-hit paths differ")
	}
}

// TestBrowseCandidates checks that a browse without q, sorted each way,
// filtered or not, is answered from a few candidates (topk.go), not by a
// search of every match: the paging tests of fast_test.go hold the pages
// equal to the full search's.
func TestBrowseCandidates(t *testing.T) {
	e := New(searchtest.SampleStore(t), nil, Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer e.Close(context.Background())
	s, err := e.acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer s.release()
	v, err := s.acquireView(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer v.release()
	for _, sort := range []string{SortRelevance, SortNewest, SortOldest} {
		for _, filters := range []map[string][]string{nil, {"country": {"RS", "HR", "AT"}}, {"country": {"RS", "HR"}, "source": {"Readout Wire", "Meridian Daily"}}} {
			req := Request{Sort: sort, Size: 3, Filters: filters}
			if err := e.normalize(&req); err != nil {
				t.Fatal(err)
			}
			p, err := e.newPlan(context.Background(), s, &req)
			if err != nil {
				t.Fatal(err)
			}
			f := &fastReq{s: s, view: v}
			total, _, _, _, _, err := f.histCounts(context.Background(), p, false)
			if err != nil {
				t.Fatal(err)
			}
			cands, err := f.pageCandidates(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(cands) != len(v.sides) {
				t.Fatalf("%s %v: no candidates", sort, filters)
			}
			n := 0
			for _, c := range cands {
				n += int(c.GetCardinality())
			}
			t.Logf("%s %v: %d candidates of %d matches", sort, filters, n, total)
			if total < 8 || n < 3 || n > 4*len(v.sides) {
				t.Errorf("%s %v: %d candidates of %d matches", sort, filters, n, total)
			}
		}
	}
}

// TestNoTablesFallsBack: when a generation's column tables cannot be built,
// its searches take the per-hit path and answer the same.
func TestNoTablesFallsBack(t *testing.T) {
	perHit := New(nil, nil, Options{PerHitFacets: true}, nil)
	perHit.Serve(fixtureGeneration(t), 0)
	defer perHit.Close(context.Background())
	e := New(nil, nil, Options{}, nil)
	e.Serve(fixtureGeneration(t), 0)
	defer e.Close(context.Background())
	s, err := e.acquire()
	if err != nil {
		t.Fatal(err)
	}
	s.fast.buildOnce.Do(func() { s.fast.buildErr = errors.New("broken") })
	s.release()
	req := Request{Q: "de-escalation", Filters: map[string][]string{"speaker": {"anna-kovac"}}, Histogram: IntervalAuto,
		Facets: []FacetSpec{{Name: "speaker"}, {Name: "source"}, {Name: "country"}}}
	want, err := perHit.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	got.TookMS, want.TookMS = 0, 0
	if !reflect.DeepEqual(got, want) || got.Total == 0 {
		t.Errorf("without tables: total %d; per-hit path: %d", got.Total, want.Total)
	}
}

// TestBrowseCandidatesInDateRanges: a browse by date within a date range
// (whole days or not, each end open or not) pages from the days of the
// range (dayBounds) as the search of every match does (noTopK).
func TestBrowseCandidatesInDateRanges(t *testing.T) {
	ctx := context.Background()
	var engines []*Engine
	for _, opts := range []Options{{}, {noTopK: true}} {
		e := New(searchtest.SampleStore(t), nil, opts, nil)
		if _, err := e.Reload(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = e.Close(ctx) })
		engines = append(engines, e)
	}
	all, err := engines[1].Search(ctx, Request{Sort: SortOldest, Size: 100, Facets: []FacetSpec{}})
	if err != nil || len(all.Hits) < 20 {
		t.Fatalf("%v: %d hits", err, len(all.Hits))
	}
	var reqs []Request
	for _, i := range []int{3, len(all.Hits) / 2, len(all.Hits) - 5} {
		at := all.Hits[i].Published.UTC()
		if at.IsZero() {
			continue
		}
		midnight := at.Truncate(24 * time.Hour)
		for _, sort := range []string{SortNewest, SortOldest} {
			reqs = append(reqs,
				Request{Sort: sort, To: at.Add(time.Minute)},
				Request{Sort: sort, From: at.Add(-time.Minute)},
				Request{Sort: sort, From: at.Add(-time.Minute), To: at.Add(time.Minute)},
				Request{Sort: sort, From: midnight, To: midnight.AddDate(0, 0, 1)},
				Request{Sort: sort, From: midnight.AddDate(0, -2, 0), To: midnight},
			)
		}
	}
	for _, req := range reqs {
		req.Size, req.Facets = 3, []FacetSpec{}
		var ids [2][]string
		for i, e := range engines {
			res, err := e.Search(ctx, req)
			if err != nil {
				t.Fatalf("%+v: %v", req, err)
			}
			for _, h := range res.Hits {
				ids[i] = append(ids[i], h.ID)
			}
		}
		if !slices.Equal(ids[0], ids[1]) || len(ids[1]) == 0 {
			t.Errorf("%s from %v to %v: %v, every match searched %v", req.Sort, req.From, req.To, ids[0], ids[1])
		}
	}
}
