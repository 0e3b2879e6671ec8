package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/testutil"
)

// overlayCorpus is the base of the overlay tests: three sources of unequal
// size (so that the journal can reorder a top-1 facet), articles with
// quotes, one undated.
func overlayCorpus(t *testing.T, dir string) string {
	t.Helper()
	return writeCorpus(t, dir, "a.jsonl",
		artSrc("keep", "Kept", `The envoy arrived in Vienna. "We expect progress," the envoy said.`, "2022-01-01", "Wire A"),
		artSrc("replace", "Old title", `The old text about fisheries. "Fisheries matter to us," the minister said. "Quotas matter too," the minister said.`, "2022-01-02", "Wire B"),
		artSrc("remove", "Removed", `A story about pipelines. "Pipelines leak every winter," the engineer said.`, "2022-01-03", "Wire B"),
		artSrc("a4", "Fourth", "Grain talks in Geneva.", "2022-01-04", "Wire A"),
		artSrc("a5", "Fifth", "More grain talks in Geneva.", "", "Wire A"),
	)
}

func artSrc(id, title, body, published, source string) string {
	m := map[string]any{"id": id, "title": title, "body": body, "source": source, "language": "en"}
	if published != "" {
		m["published"] = published
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func upsert(id, title, body, published, source string) Op {
	a := &news.Article{ID: id, Title: title, Body: body, Source: source, Language: "en"}
	if published != "" {
		a.Published, _ = time.Parse(DayLayout, published)
	}
	return Op{Kind: OpUpsert, Article: a}
}

func del(id string) Op { return Op{Kind: OpDelete, ID: id} }

// testShards are the shard counts the overlay tests run with: a generation
// of one index, and one split into three shards.
var testShards = []int{1, 3}

// forShards runs test once for each of testShards, as subtests.
func forShards(t *testing.T, test func(t *testing.T, shards int)) {
	for _, n := range testShards {
		t.Run(fmt.Sprintf("shards=%d", n), func(t *testing.T) { test(t, n) })
	}
}

// TestOverlayMatchesRebuild: after journal changes, the overlay of the
// generation built before them shows what a generation rebuilt from the
// corpus and the journal shows: the same documents and stored fields, text
// matches, exact facet counts (also at size 1, where a top term from each
// side would be wrong), highlights, sorted pages through SearchAfter, and
// document counts. Replacing an article twice, deleting one the journal
// added and re-adding a deleted one come out right. The generation is built
// as one index and as three shards; the rebuilt one is always one index.
func TestOverlayMatchesRebuild(t *testing.T) {
	cases := []struct {
		name  string
		ops   [][]Op // one Apply call each
		finds map[string][]string
	}{
		{
			name: "replace twice, one apply each",
			ops: [][]Op{
				{upsert("replace", "Second title", `Shipping lanes. "Lanes are open," the minister said. "Ports too," the minister said. "And canals," the minister said.`, "2022-02-01", "Wire B")},
				{upsert("replace", "Third title", `Harbour works. "The harbour is ready," the minister said.`, "2022-02-02", "Wire C")},
			},
			finds: map[string][]string{"fisheries": nil, "lanes": nil, "harbour": {"replace"}, "envoy": {"keep"}},
		},
		{
			name: "replace twice in one apply",
			ops: [][]Op{{
				upsert("replace", "Second title", `Shipping lanes. "Lanes are open," the minister said. "Ports too," the minister said. "And canals," the minister said.`, "2022-02-01", "Wire B"),
				upsert("replace", "Third title", `Harbour works. "The harbour is ready," the minister said.`, "2022-02-02", "Wire C"),
			}},
			finds: map[string][]string{"fisheries": nil, "lanes": nil, "harbour": {"replace"}},
		},
		{
			name: "delete an article the journal added",
			ops: [][]Op{
				{upsert("added", "Added", `"Patrols will resume," the spokesperson said about the archipelago.`, "2022-03-01", "Wire C")},
				{del("added")},
			},
			finds: map[string][]string{"archipelago": nil, "grain": {"a4", "a5"}},
		},
		{
			name: "re-add a deleted article",
			ops: [][]Op{
				{del("remove")},
				{upsert("remove", "Back", `Turbines now. "Turbines spin," the engineer said.`, "", "Wire A")},
			},
			finds: map[string][]string{"pipelines": nil, "turbines": {"remove"}},
		},
		{
			name:  "delete an article with quotes",
			ops:   [][]Op{{del("replace")}},
			finds: map[string][]string{"fisheries": nil, "pipelines": {"remove"}},
		},
		{
			name: "journal tips the top source",
			ops: [][]Op{{
				upsert("b1", "B one", `"Wire B leads," the analyst said.`, "2022-04-01", "Wire B"),
				upsert("b2", "B two", `"Wire B leads again," the analyst said.`, "2022-04-02", "Wire B"),
				upsert("a4", "Fourth, moved", "Grain talks moved to Wire B.", "2022-01-04", "Wire B"),
			}},
			finds: map[string][]string{"grain": {"a4", "a5"}, "leads": {"b1", "b2"}},
		},
	}
	for _, c := range cases {
		forShards(t, func(t *testing.T, shards int) {
			t.Run(c.name, func(t *testing.T) {
				dir := t.TempDir()
				s, err := OpenStore(filepath.Join(dir, "idx"))
				if err != nil {
					t.Fatal(err)
				}
				x := newExtractor(t)
				build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(overlayCorpus(t, dir))}, Extractor: x, Shards: shards})
				g := openCurrent(t, s)
				if n := len(docIDs(t, g.Index, "replace#")); n != 2 {
					t.Fatalf("base: article replace has %d quote documents, want 2 (did the extractor change?)", n)
				}
				for _, ops := range c.ops {
					done, err := s.AppendJournal(ops)
					if err != nil {
						t.Fatal(err)
					}
					if err := g.Apply(context.Background(), x, done); err != nil {
						t.Fatal(err)
					}
				}
				for word, want := range c.finds {
					if got := searchIDs(t, g.Index, word); !slices.Equal(got, want) {
						t.Errorf("overlay: %q finds %v, want %v", word, got, want)
					}
				}
				build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(overlayCorpus(t, dir))}, Extractor: x, Shards: 1})
				want := openCurrent(t, s)
				if want.Name == g.Name {
					t.Fatal("no new generation")
				}
				sameView(t, g.Index, want.Index)
			})
		})
	}
}

// docIDs lists the ids of all documents whose id starts with prefix.
func docIDs(t *testing.T, idx bleve.Index, prefix string) []string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10000, 0, false)
	req.SortBy([]string{"_id"})
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		if strings.HasPrefix(h.ID, prefix) {
			out = append(out, h.ID)
		}
	}
	return out
}

// sameView fails t unless got answers like want on the searches Readout
// makes (relevance scores aside: the overlay's delta has its own term
// statistics).
func sameView(t *testing.T, got, want bleve.Index) {
	t.Helper()
	type view struct {
		Total  uint64
		Hits   []string
		Fields []map[string]any
		Frags  []map[string][]string
		Facets map[string][]string
	}
	run := func(idx bleve.Index, req *bleve.SearchRequest) view {
		t.Helper()
		res, err := idx.SearchInContext(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		v := view{Total: res.Total, Facets: map[string][]string{}}
		for _, h := range res.Hits {
			v.Hits = append(v.Hits, h.ID)
			v.Fields = append(v.Fields, h.Fields)
			v.Frags = append(v.Frags, h.Fragments)
		}
		for name, f := range res.Facets {
			for _, tf := range f.Terms.Terms() {
				v.Facets[name] = append(v.Facets[name], fmt.Sprintf("%s=%d", tf.Term, tf.Count))
			}
			v.Facets[name] = append(v.Facets[name], fmt.Sprintf("total=%d missing=%d other=%d", f.Total, f.Missing, f.Other))
		}
		return v
	}
	byID := bsearch.SortOrder{&bsearch.SortDocID{}}
	newest := bsearch.SortOrder{
		&bsearch.SortField{Field: FieldPublished, Desc: true, Missing: bsearch.SortFieldMissingLast},
		&bsearch.SortDocID{},
	}
	var reqs []*bleve.SearchRequest
	// Every document, every stored field.
	all := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1000, 0, false)
	all.SortByCustom(byID)
	all.Fields = []string{"*"}
	reqs = append(reqs, all)
	// Facets at a small and a large size, by type.
	for _, typ := range []string{TypeArticle, TypeQuote} {
		for _, size := range []int{1, 2, 100} {
			r := bleve.NewSearchRequestOptions(termQuery(FieldType, typ), 0, 0, false)
			for _, f := range []string{FieldSource, FieldPerson, FieldCountry, FieldSpeaker, FieldDay, FieldDated, FieldArticleID} {
				r.AddFacet(f, bleve.NewFacetRequest(f, size))
			}
			reqs = append(reqs, r)
		}
	}
	// Text, sorted newest first, highlighted.
	for _, word := range []string{"minister", "grain", "harbour", "said"} {
		mq := query.NewMatchQuery(word)
		r := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery([]query.Query{mq}), 100, 0, false)
		r.SortByCustom(newest)
		r.Highlight = bleve.NewHighlight()
		r.Fields = []string{FieldTitle, FieldText}
		r.AddFacet(FieldSource, bleve.NewFacetRequest(FieldSource, 1))
		reqs = append(reqs, r)
	}
	for i, req := range reqs {
		g, w := run(got, req), run(want, req)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("request %d (%s):\n got %+v\nwant %+v", i, queryString(req), g, w)
		}
	}
	// Pages through SearchAfter, and From, give the sorted whole.
	for _, typ := range []string{TypeArticle, TypeQuote} {
		whole := bleve.NewSearchRequestOptions(termQuery(FieldType, typ), 1000, 0, false)
		whole.SortByCustom(newest)
		w := run(want, whole).Hits
		if len(w) < 2 {
			t.Fatalf("only %d %s documents to page through", len(w), typ)
		}
		var paged, fromPaged []string
		var after []string
		for {
			r := bleve.NewSearchRequestOptions(termQuery(FieldType, typ), 2, 0, false)
			r.SortByCustom(newest)
			r.SearchAfter = after
			res, err := got.Search(r)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 {
				break
			}
			for _, h := range res.Hits {
				paged = append(paged, h.ID)
			}
			after = res.Hits[len(res.Hits)-1].Sort
		}
		for from := 0; from < len(w); from += 2 {
			r := bleve.NewSearchRequestOptions(termQuery(FieldType, typ), 2, from, false)
			r.SortByCustom(newest)
			fromPaged = append(fromPaged, run(got, r).Hits...)
		}
		if !slices.Equal(paged, w) || !slices.Equal(fromPaged, w) {
			t.Errorf("%s pages: after %v, from %v, want %v", typ, paged, fromPaged, w)
		}
	}
	gn, err := got.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	wn, err := want.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	if gn != wn {
		t.Errorf("doc count %d, want %d", gn, wn)
	}
	ids := append(run(want, all).Hits, "replace", "replace#q2", "remove", "added", "added#q1")
	for _, id := range ids {
		gd, err := got.Document(id)
		if err != nil {
			t.Fatal(err)
		}
		wd, err := want.Document(id)
		if err != nil {
			t.Fatal(err)
		}
		if (gd == nil) != (wd == nil) {
			t.Errorf("Document(%q): got %v, want %v", id, gd != nil, wd != nil)
		}
	}
}

func termQuery(field, v string) query.Query {
	q := query.NewTermQuery(v)
	q.SetField(field)
	return q
}

func queryString(r *bleve.SearchRequest) string {
	b, _ := json.Marshal(r.Query)
	return string(b)
}

// TestOverlayMaskKeepsScores: hiding base documents does not change the
// scores of the others, so relevance order within the base is as before.
func TestOverlayMaskKeepsScores(t *testing.T) { forShards(t, testOverlayMaskKeepsScores) }

func testOverlayMaskKeepsScores(t *testing.T, shards int) {
	dir := t.TempDir()
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	x := newExtractor(t)
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(overlayCorpus(t, dir))}, Extractor: x, Shards: shards})
	plain, over := openCurrent(t, s), openCurrent(t, s)
	if err := over.Apply(context.Background(), x, []Op{del("remove")}); err != nil {
		t.Fatal(err)
	}
	match := func(field, text string) query.Query {
		q := query.NewMatchQuery(text)
		q.SetField(field)
		return q
	}
	for _, q := range []query.Query{
		query.NewDisjunctionQuery([]query.Query{match(FieldBody, "pipelines minister engineer grain"), match(FieldTitle, "removed fourth")}),
		query.NewConjunctionQuery([]query.Query{match(FieldText, "pipelines leak fisheries quotas"), termQuery(FieldType, TypeQuote)}),
	} {
		req := bleve.NewSearchRequestOptions(q, 100, 0, false)
		a, err := plain.Index.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := over.Index.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		scores := map[string]float64{}
		for _, h := range a.Hits {
			scores[h.ID] = h.Score
		}
		hidden := 0
		for _, h := range a.Hits {
			if strings.HasPrefix(h.ID, "remove") {
				hidden++
			}
		}
		if hidden == 0 || len(b.Hits) != len(a.Hits)-hidden {
			t.Fatalf("%d hits with the mask, %d without, %d hidden", len(b.Hits), len(a.Hits), hidden)
		}
		for _, h := range b.Hits {
			if scores[h.ID] != h.Score {
				t.Errorf("%s: score %v under the mask, %v without", h.ID, h.Score, scores[h.ID])
			}
		}
	}
}

// TestOverlayUnchanged: with no change applied the overlay answers as its
// base (a sharded one as its shards together), and it refuses every write.
// Field dictionaries are served while there is one shard and no change.
func TestOverlayUnchanged(t *testing.T) { forShards(t, testOverlayUnchanged) }

func testOverlayUnchanged(t *testing.T, shards int) {
	dir := t.TempDir()
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	x := newExtractor(t)
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(overlayCorpus(t, dir))}, Extractor: x, Shards: shards})
	plain, g := openCurrent(t, s), openCurrent(t, s)
	if got := len(g.Shards()); got != shards {
		t.Fatalf("%d shards, want %d", got, shards)
	}
	if shards == 1 {
		sameView(t, g.Index, g.Shards()[0])
	} else {
		sameView(t, g.Index, plain.Index)
	}
	if d, err := g.Index.FieldDict(FieldSource); shards == 1 && err != nil {
		t.Errorf("field dict without changes: %v", err)
	} else if shards > 1 && !errors.Is(err, errNoDict) {
		t.Errorf("field dict of %d shards: %v, want errNoDict", shards, err)
	} else if err == nil {
		d.Close()
	}
	for name, err := range map[string]error{
		"Index":          g.Index.Index("x", map[string]any{"type": "article"}),
		"Delete":         g.Index.Delete("keep"),
		"Batch":          g.Index.Batch(g.Index.NewBatch()),
		"SetInternal":    g.Index.SetInternal([]byte("k"), []byte("v")),
		"DeleteInternal": g.Index.DeleteInternal([]byte("k")),
	} {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s: %v, want ErrReadOnly", name, err)
		}
	}
	if delta, masked := g.OverlaySize(); delta != 0 || masked != 0 {
		t.Errorf("overlay size %d, %d before any change", delta, masked)
	}
	if err := g.Apply(context.Background(), x, []Op{upsert("n1", "New", `"All is fine here," the envoy said.`, "", "Wire C"), del("keep")}); err != nil {
		t.Fatal(err)
	}
	if delta, masked := g.OverlaySize(); delta != 2 || masked != 2 {
		t.Errorf("overlay size %d, %d, want 2 new documents (article and quote) and 2 hidden", delta, masked)
	}
	if _, err := g.Index.FieldDict(FieldSource); err == nil {
		t.Error("field dict of the base alone while changes are overlaid")
	}
}

// TestOverlayApplyAtomic: searches running while articles are replaced see
// each replacement whole: never the old and the new document together,
// never neither.
func TestOverlayApplyAtomic(t *testing.T) { forShards(t, testOverlayApplyAtomic) }

func testOverlayApplyAtomic(t *testing.T, shards int) {
	dir := t.TempDir()
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	x := newExtractor(t)
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(overlayCorpus(t, dir))}, Extractor: x, Shards: shards})
	g := openCurrent(t, s)
	req := bleve.NewSearchRequestOptions(termQuery(FieldType, TypeArticle), 0, 0, false)
	res, err := g.Index.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	want := res.Total
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := g.Index.Search(bleve.NewSearchRequestOptions(termQuery(FieldType, TypeArticle), 0, 0, false))
				if err == nil && res.Total != want {
					err = fmt.Errorf("%d articles seen, want %d", res.Total, want)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := range 30 {
		id := []string{"keep", "a4", "a5"}[i%3]
		if err := g.Apply(context.Background(), x, []Op{upsert(id, "Version", fmt.Sprintf("Version %d.", i), "", "Wire C")}); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// chmodTree sets the permissions of dir and everything under it (folders
// get x bits), and restores them at cleanup so t.TempDir can remove it.
func chmodTree(t testing.TB, dir string, files, dirs fs.FileMode) {
	t.Helper()
	set := func(f, d fs.FileMode) error {
		return filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() {
				return os.Chmod(p, d)
			}
			return os.Chmod(p, f)
		})
	}
	if err := set(files, dirs); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = set(0o644, 0o755) })
}

// TestGenerationUntouched: opening a generation, searching it and applying
// changes write nothing into its folder, which may be read-only (for
// root, which permission bits do not stop, the byte-for-byte comparison of
// every file is what holds).
func TestGenerationUntouched(t *testing.T) { forShards(t, testGenerationUntouched) }

func testGenerationUntouched(t *testing.T, shards int) {
	dir := t.TempDir()
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	x := newExtractor(t)
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(overlayCorpus(t, dir))}, Extractor: x, Shards: shards})
	info, err := s.Current()
	if err != nil {
		t.Fatal(err)
	}
	chmodTree(t, info.Path, 0o444, 0o555)
	before := testutil.Snapshot(t, info.Path)
	g, err := OpenGeneration(info)
	if err != nil {
		t.Fatalf("open read-only generation: %v", err)
	}
	for i := range 20 {
		ops := []Op{upsert(fmt.Sprintf("n%d", i), "New", `"Fine," the envoy said.`, "2022-05-01", "Wire C"), del("remove"), upsert("keep", "Kept", fmt.Sprintf("Version %d.", i), "", "Wire A")}
		if err := g.Apply(context.Background(), x, ops); err != nil {
			t.Fatal(err)
		}
		if got := searchIDs(t, g.Index, "version"); !slices.Equal(got, []string{"keep"}) {
			t.Fatalf("after apply %d: %v", i, got)
		}
	}
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
	testutil.CompareSnapshots(t, "generation", before, testutil.Snapshot(t, info.Path))
}
