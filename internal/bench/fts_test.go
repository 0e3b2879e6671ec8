package bench

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/readout/readout/corpus"
	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

var (
	sampleOnce sync.Once
	sampleMemo []Doc
	sampleErr  error
	ftsOnce    sync.Once
	ftsMemo    *FTS
	ftsErr     error
	ftsDir     string
)

// TestMain removes the shared sample database.
func TestMain(m *testing.M) {
	code := m.Run()
	if ftsMemo != nil {
		ftsMemo.Close()
	}
	if ftsDir != "" {
		os.RemoveAll(ftsDir)
	}
	os.Exit(code)
}

// sampleDocs reads the bundled sample corpus and extracts its annotations
// as the indexer does (with the corpus's alias file), once per test binary.
// A record read later replaces an earlier one with its id.
func sampleDocs(t *testing.T) []Doc {
	t.Helper()
	sampleOnce.Do(func() { sampleMemo, sampleErr = readSample() })
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	if len(sampleMemo) < 50 {
		t.Fatalf("sample corpus: %d articles, want the whole corpus", len(sampleMemo))
	}
	return slices.Clone(sampleMemo)
}

// sampleFTS is the sample corpus loaded into SQLite, once per test binary;
// tests only read it.
func sampleFTS(t *testing.T) (*FTS, []Doc) {
	t.Helper()
	docs := sampleDocs(t)
	ftsOnce.Do(func() {
		if ftsDir, ftsErr = os.MkdirTemp("", "bench-fts-test-"); ftsErr != nil {
			return
		}
		if ftsMemo, ftsErr = OpenFTS(filepath.Join(ftsDir, "fts.db")); ftsErr != nil {
			return
		}
		_, ftsErr = ftsMemo.Load(context.Background(), emitAll(docs))
	})
	if ftsErr != nil {
		t.Fatal(ftsErr)
	}
	return ftsMemo, docs
}

func emitAll(docs []Doc) func(func(Doc) error) error {
	return func(emit func(Doc) error) error {
		for _, d := range docs {
			if err := emit(d); err != nil {
				return err
			}
		}
		return nil
	}
}

func readSample() ([]Doc, error) {
	f, err := corpus.FS.Open(corpus.AliasFile)
	if err != nil {
		return nil, err
	}
	aliases, err := extract.LoadAliases(f, corpus.AliasFile)
	f.Close()
	if err != nil {
		return nil, err
	}
	x, err := extract.New(extract.Options{Aliases: aliases})
	if err != nil {
		return nil, err
	}
	var docs []Doc
	pos := map[string]int{}
	_, err = ingest.Read(context.Background(), []ingest.Input{ingest.FSInput("corpus", corpus.FS, ".")}, ingest.Options{},
		func(a news.Article) error {
			d := Doc{Article: a, Ann: x.Extract(a)}
			if i, ok := pos[a.ID]; ok {
				docs[i] = d
				return nil
			}
			pos[a.ID] = len(docs)
			docs = append(docs, d)
			return nil
		}, nil)
	return docs, err
}

func loadSample(t *testing.T, docs []Doc) *FTS {
	t.Helper()
	f, err := OpenFTS(filepath.Join(t.TempDir(), "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, err := f.Load(context.Background(), emitAll(docs))
	if err != nil {
		t.Fatal(err)
	}
	if st.Docs != len(docs) {
		t.Fatalf("loaded %d docs, want %d", st.Docs, len(docs))
	}
	return f
}

// facetsOf is each doc's facet values, without repeats: field → values.
func facetsOf(d Doc) map[string][]string {
	out := map[string][]string{}
	for _, fv := range FacetValues(d) {
		if !slices.Contains(out[fv[0]], fv[1]) {
			out[fv[0]] = append(out[fv[0]], fv[1])
		}
	}
	return out
}

// want computes in Go what the SQLite side must answer for a set of docs.
type want struct {
	total  int
	facets map[string]map[string]int
	months map[string]int
}

func compute(docs []Doc) want {
	w := want{total: len(docs), facets: map[string]map[string]int{}, months: map[string]int{}}
	for _, d := range docs {
		for f, vs := range facetsOf(d) {
			if w.facets[f] == nil {
				w.facets[f] = map[string]int{}
			}
			for _, v := range vs {
				w.facets[f][v]++
			}
		}
		if d.Article.Dated() {
			w.months[d.Article.Published.UTC().Format("2006-01")]++
		} else {
			w.months["undated"]++
		}
	}
	return w
}

// checkFacet checks that got holds the top values of all (every value
// listed has its count, and no unlisted value counts more than the least
// listed).
func checkFacet(t *testing.T, name string, got, all map[string]int, size int) {
	t.Helper()
	if len(got) != min(size, len(all)) {
		t.Errorf("%s: %d values, want %d", name, len(got), min(size, len(all)))
	}
	least := -1
	for v, n := range got {
		if all[v] != n {
			t.Errorf("%s: %s = %d, want %d", name, v, n, all[v])
		}
		if least < 0 || n < least {
			least = n
		}
	}
	for v, n := range all {
		if _, ok := got[v]; !ok && n > least {
			t.Errorf("%s: %s (%d) missing from the top values (least listed %d)", name, v, n, least)
		}
	}
}

func filter(docs []Doc, keep func(Doc) bool) []Doc {
	var out []Doc
	for _, d := range docs {
		if keep(d) {
			out = append(out, d)
		}
	}
	return out
}

func matches(re string) func(Doc) bool {
	r := regexp.MustCompile(re)
	return func(d Doc) bool { return r.MatchString(d.Article.Title + "\n" + d.Article.Body) }
}

func hasValue(field, value string) func(Doc) bool {
	return func(d Doc) bool { return slices.Contains(facetsOf(d)[field], value) }
}

func TestFTSQueries(t *testing.T) {
	f, docs := sampleFTS(t)
	ctx := context.Background()
	all := compute(docs)
	country := topValue(all.facets["country"])
	said := matches(`(?i)\bsaid\b`)
	tests := []struct {
		name string
		r    Request
		// the docs that must match, and (for the disjunctive country facet)
		// those the country facet counts
		match, countryBase []Doc
	}{
		{"browse", Request{Mode: "articles", Facets: DefaultFacets, Histogram: true, Size: 20}, docs, docs},
		{"country", Request{Mode: "articles", Country: country, Facets: DefaultFacets, Histogram: true, Size: 20},
			filter(docs, hasValue("country", country)), docs},
		{"word", Request{Mode: "articles", Words: []string{"said"}, Facets: []string{"country", "person", "source"}, Histogram: true, Size: 5},
			filter(docs, said), filter(docs, said)},
		{"word and country", Request{Mode: "articles", Words: []string{"said"}, Country: country, Facets: []string{"country", "org"}, Histogram: true, Size: 5},
			filter(docs, func(d Doc) bool { return said(d) && hasValue("country", country)(d) }), filter(docs, said)},
		{"phrase", Request{Mode: "articles", Words: []string{"foreign minister"}, Size: 10},
			filter(docs, matches(`(?i)\bforeign\W+minister(s\b|\b)`)), nil},
		{"hyphen", Request{Mode: "articles", Words: []string{"cease-fire"}, Hyphen: true, Size: 10},
			filter(docs, matches(`(?i)\b(cease\W+fire|ceasefire)(s\b|\b)`)), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.Run(ctx, tt.r, nil)
			if err != nil {
				t.Fatal(err)
			}
			w := compute(tt.match)
			if got.Total != w.total || w.total == 0 {
				t.Fatalf("total %d, want %d (and not 0)", got.Total, w.total)
			}
			for _, field := range tt.r.Facets {
				switch {
				case field == "country" && tt.r.Country != "":
					checkFacet(t, field, got.Facets[field], compute(tt.countryBase).facets[field], 10)
				case field == "speaker" && len(tt.r.Words) > 0:
					// counted from the quotes matching q: TestFTSSpeakerFacet
				default:
					checkFacet(t, field, got.Facets[field], w.facets[field], 10)
				}
			}
			if tt.r.Histogram && !maps.Equal(got.Months, w.months) {
				t.Errorf("months = %v, want %v", got.Months, w.months)
			}
			if len(got.HitIDs) != min(tt.r.Size, w.total) {
				t.Errorf("%d hits on the page, want %d", len(got.HitIDs), min(tt.r.Size, w.total))
			}
		})
	}
}

// TestFTSSpeakerFacet: with q, the speaker facet counts the articles where
// a quote of the speaker matches q (Readout's speaker semantics).
func TestFTSSpeakerFacet(t *testing.T) {
	f, docs := sampleFTS(t)
	word := "ceasefire"
	re := regexp.MustCompile(`(?i)\bceasefires?\b`)
	wantCounts := map[string]int{}
	for _, d := range docs {
		if !re.MatchString(d.Article.Title + "\n" + d.Article.Body) {
			continue
		}
		seen := map[string]bool{}
		for _, q := range d.Ann.Quotes {
			if q.SpeakerID != "" && re.MatchString(q.Text) && !seen[q.SpeakerID] {
				seen[q.SpeakerID] = true
				wantCounts[q.SpeakerID]++
			}
		}
	}
	if len(wantCounts) == 0 {
		t.Fatal("no speaker quoted on the word: pick another")
	}
	got, err := f.Run(context.Background(), Request{Mode: "articles", Words: []string{word}, Facets: []string{"speaker"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkFacet(t, "speaker", got.Facets["speaker"], wantCounts, 10)
}

func TestFTSSplit(t *testing.T) {
	f, docs := sampleFTS(t)
	got, err := f.Run(context.Background(), Request{Mode: "articles", Histogram: true, Split: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	all := compute(docs)
	if len(got.Series) != 3 {
		t.Fatalf("series %v, want 3", got.Series)
	}
	checkFacet(t, "split", got.Series, all.facets["country"], 3)
}

// TestFTSKeyset walks every page, newest first, and finds each matching
// article once, in Readout's order (date descending, then id, undated last).
func TestFTSKeyset(t *testing.T) {
	f, docs := sampleFTS(t)
	match := filter(docs, matches(`(?i)\bsaid\b`))
	slices.SortFunc(match, func(a, b Doc) int {
		ad, bd := a.Article.Dated(), b.Article.Dated()
		switch {
		case ad && bd:
			if c := b.Article.Published.Compare(a.Article.Published); c != 0 {
				return c
			}
		case ad != bd:
			if ad {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Article.ID, b.Article.ID)
	})
	var want []string
	for _, d := range match {
		want = append(want, d.Article.ID)
	}
	r := Request{Mode: "articles", Words: []string{"said"}, Newest: true, Size: 7}
	var got []string
	var after any
	for page := 1; ; page++ {
		a, err := f.Run(context.Background(), r, after)
		if err != nil {
			t.Fatal(err)
		}
		if a.Total != len(want) {
			t.Fatalf("page %d: total %d, want %d", page, a.Total, len(want))
		}
		got = append(got, a.HitIDs...)
		if a.next == nil {
			break
		}
		if page > len(want) {
			t.Fatal("paging does not end")
		}
		after = a.next
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages\n got %v\nwant %v", got, want)
	}
}

func TestFTSQuotesAndExport(t *testing.T) {
	f, docs := sampleFTS(t)
	n := map[string]int{}
	for _, d := range docs {
		for _, q := range d.Ann.Quotes {
			if q.SpeakerID != "" && !q.Scare() {
				n[q.SpeakerID]++
			}
		}
	}
	speaker := topValue(n)
	got, err := f.Run(context.Background(), Request{Mode: "quotes", Speaker: speaker, Size: 4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != n[speaker] || len(got.HitIDs) != min(4, n[speaker]) {
		t.Errorf("quotes of %s: total %d, %d hits; want %d, %d", speaker, got.Total, len(got.HitIDs), n[speaker], min(4, n[speaker]))
	}
	all, err := f.Run(context.Background(), Request{Mode: "quotes", Size: 4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	quotes := 0
	for _, d := range docs {
		for _, q := range d.Ann.Quotes {
			if !q.Scare() {
				quotes++
			}
		}
	}
	if all.Total != quotes {
		t.Errorf("quotes of any speaker: total %d, want %d", all.Total, quotes)
	}
	for _, limit := range []int{10, 100000} {
		got, err := f.Run(context.Background(), Request{Mode: "articles", Export: true, Limit: limit}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != len(docs) || got.Rows != min(limit, len(docs)) {
			t.Errorf("export limit %d: total %d rows %d, want %d, %d", limit, got.Total, got.Rows, len(docs), min(limit, len(docs)))
		}
	}
}

// TestFTSReplace: an id loaded again replaces the article, its text, its
// facets and its quotes.
func TestFTSReplace(t *testing.T) {
	docs := sampleDocs(t)
	a, b := docs[0], docs[1]
	b.Article.ID = a.Article.ID
	f := loadSample(t, []Doc{a})
	st, err := f.Load(context.Background(), func(emit func(Doc) error) error { return nil })
	if err == nil {
		t.Fatalf("a second Load on the same database: %+v, want an error (schema exists)", st)
	}
	f2, err := OpenFTS(filepath.Join(t.TempDir(), "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	st, err = f2.Load(context.Background(), func(emit func(Doc) error) error {
		for _, d := range []Doc{a, b} {
			if err := emit(d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Docs != 1 {
		t.Errorf("docs %d, want 1", st.Docs)
	}
	got, err := f2.Run(context.Background(), Request{Mode: "articles", Facets: DefaultFacets, Size: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := compute([]Doc{b})
	if got.Total != 1 {
		t.Errorf("total %d, want 1", got.Total)
	}
	for _, field := range DefaultFacets {
		if !maps.Equal(got.Facets[field], w.facets[field]) {
			t.Errorf("facet %s = %v, want %v", field, got.Facets[field], w.facets[field])
		}
	}
}

func TestMatchExpr(t *testing.T) {
	tests := []struct {
		r    Request
		want string
	}{
		{Request{}, ""},
		{Request{Words: []string{"said"}}, `"said"`},
		{Request{Words: []string{"foreign minister"}}, `"foreign minister"`},
		{Request{Words: []string{"cease-fire"}, Hyphen: true}, `("cease-fire" OR "ceasefire")`},
		{Request{Words: []string{`a"b`, "c"}}, `"a""b" AND "c"`},
	}
	for _, tt := range tests {
		if got := MatchExpr(tt.r); got != tt.want {
			t.Errorf("MatchExpr(%q) = %s, want %s", tt.r.Words, got, tt.want)
		}
	}
}
