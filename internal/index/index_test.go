package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

func TestDocuments(t *testing.T) {
	pub := time.Date(2022, 2, 15, 18, 30, 0, 0, time.UTC)
	a := news.Article{ID: "a1", Title: "T", Body: "B", Published: pub, Source: "Wire", Language: "EN", URL: "https://example.org/a1", Authors: []string{"X"}}
	ann := news.Annotations{
		Entities: []news.Entity{
			{ID: "anna-kovac", Name: "Anna Kovač", Type: news.TypePerson, Country: "HR"},
			{ID: "united-nations", Name: "United Nations", Type: news.TypeOrg},
			{ID: "geneva", Name: "Geneva", Type: news.TypePlace, Country: "CH"},
		},
		Countries: []news.Country{{Code: "HR", Name: "Croatia"}, {Code: "CH", Name: "Switzerland"}},
		Quotes: []news.Quote{
			{Text: "We will talk", SpeakerID: "anna-kovac", SpeakerName: "Anna Kovač", Kind: news.KindDirect, Paragraph: 1},
			{Text: "No speaker here", Kind: news.KindDirect},
		},
	}
	art, quotes := Documents(a, ann)
	want := map[string]any{
		FieldType: TypeArticle, FieldDay: "2022-02-15",
		FieldDated: "true", FieldLanguage: "en", FieldSource: "Wire",
		FieldPerson: []string{"anna-kovac"}, FieldOrg: []string{"united-nations"}, FieldPlace: []string{"geneva"},
		FieldCountry: []string{"CH", "HR"}, FieldSpeaker: []string{"anna-kovac"},
	}
	for k, v := range want {
		if !reflect.DeepEqual(art[k], v) {
			t.Errorf("article[%s] = %#v, want %#v", k, art[k], v)
		}
	}
	if len(quotes) != 2 || quotes[0].ID != "a1#q1" || quotes[1].ID != "a1#q2" {
		t.Fatalf("quote docs = %+v", quotes)
	}
	if quotes[0].Fields[FieldSpeaker] != "anna-kovac" || quotes[0].Fields[FieldArticleID] != "a1" || quotes[0].Fields[FieldText] != "We will talk" {
		t.Errorf("quote 1 fields = %+v", quotes[0].Fields)
	}
	if _, ok := quotes[1].Fields[FieldSpeaker]; ok {
		t.Errorf("quote without speaker has a speaker field: %+v", quotes[1].Fields)
	}
	// The article's date and source, not its Joined fields (entities,
	// countries, authors), which quote searches join through the article;
	// as generations built before wrote them, those too.
	if quotes[1].Fields[FieldSource] != "Wire" || quotes[1].Fields[FieldDay] != "2022-02-15" {
		t.Errorf("quote does not carry the article's source and day: %+v", quotes[1].Fields)
	}
	for _, f := range []string{FieldCountry, FieldPerson, FieldOrg, FieldPlace} {
		if v, ok := quotes[1].Fields[f]; ok {
			t.Errorf("quote carries the article's %s: %v", f, v)
		}
	}
	if _, repeated := DocumentsRepeated(a, ann); !reflect.DeepEqual(repeated[1].Fields[FieldCountry], []string{"CH", "HR"}) {
		t.Errorf("a quote as built before does not carry the article's countries: %+v", repeated[1].Fields)
	}

	undated, _ := Documents(news.Article{ID: "u", Title: "x"}, news.Annotations{})
	if undated[FieldDated] != "false" || undated[FieldDay] != nil || undated[FieldPublished] != nil {
		t.Errorf("undated article fields = %+v", undated)
	}
}

// writeCorpus writes JSON Lines articles and returns the file's path.
func writeCorpus(t testing.TB, dir, name string, lines ...string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func art(id, title, body, published string) string {
	m := map[string]any{"id": id, "title": title, "body": body, "source": "Test Wire", "language": "en"}
	if published != "" {
		m["published"] = published
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func newExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func build(t testing.TB, s *Store, opts BuildOptions) Summary {
	t.Helper()
	if opts.Extractor == nil {
		opts.Extractor = newExtractor(t)
	}
	sum, err := s.Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return sum
}

// searchIDs returns the ids of article documents matching a match query on
// the body, sorted.
func searchIDs(t testing.TB, idx bleve.Index, text string) []string {
	t.Helper()
	mq := query.NewMatchQuery(text)
	mq.SetField(FieldBody)
	tq := query.NewTermQuery(TypeArticle)
	tq.SetField(FieldType)
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{mq, tq}), 1000, 0, false)
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	sort.Strings(ids)
	return ids
}

func openCurrent(t testing.TB, s *Store) *Generation {
	t.Helper()
	info, err := s.Current()
	if err != nil {
		t.Fatal(err)
	}
	g, err := OpenGeneration(info)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

func TestBuildCountsAndPublishes(t *testing.T) {
	dir := t.TempDir()
	corpus := writeCorpus(t, dir, "a.jsonl",
		art("a1", "Talks resume", `"We will keep talking," Foreign Minister Anna Kovač said in Geneva.`, "2022-02-15"),
		art("a2", "Flash", "", "2022-03-01T10:00:00Z"),
		`{"id": "bad", "title": "x", "published": "15/02/2022"}`,
		art("a1", "Talks resume (updated)", "Second version of the story about maritime patrols.", "2022-02-16"),
		art("a3", "Undated note", "Patrols in the strait continue.", ""),
		`{not json`,
	)
	s, err := OpenStore(filepath.Join(dir, "idx"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Current(); !errors.Is(err, ErrNoGeneration) {
		t.Fatalf("empty store: Current err = %v", err)
	}
	var problems []string
	sum := build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, OnProblem: func(p *ingest.Problem) { problems = append(problems, p.Error()) }})
	if sum.Read != 4 || sum.Indexed != 3 || sum.Skipped != 2 || sum.Duplicates != 1 {
		t.Fatalf("summary = %+v", sum)
	}
	if len(problems) != 2 || !strings.Contains(problems[0], "a.jsonl:3") || !strings.Contains(problems[1], "a.jsonl:6") {
		t.Fatalf("problems = %q", problems)
	}
	g := openCurrent(t, s)
	if g.Name != sum.Generation || g.Meta.Articles != 3 || g.Meta.Undated != 1 {
		t.Fatalf("generation = %s, meta = %+v", g.Name, g.Meta)
	}
	n, _ := g.Index.DocCount()
	if n != g.Meta.Documents {
		t.Fatalf("doc count %d, meta says %d", n, g.Meta.Documents)
	}
	// The last duplicate wins.
	if got := searchIDs(t, g.Index, "maritime"); !reflect.DeepEqual(got, []string{"a1"}) {
		t.Fatalf("maritime -> %v", got)
	}
	if got := searchIDs(t, g.Index, "talking"); len(got) != 0 {
		t.Fatalf("first version of a1 still searchable: %v", got)
	}
	if !g.Meta.DateFrom.Equal(time.Date(2022, 2, 16, 0, 0, 0, 0, time.UTC)) || !g.Meta.DateTo.Equal(time.Date(2022, 3, 1, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("date span %v – %v", g.Meta.DateFrom, g.Meta.DateTo)
	}
}

func TestStrictFailureLeavesCurrent(t *testing.T) {
	dir := t.TempDir()
	good := writeCorpus(t, dir, "good.jsonl", art("a1", "One", "Body one.", "2022-01-01"))
	bad := writeCorpus(t, dir, "bad.jsonl", art("b1", "Two", "Body two.", "2022-01-02"), `{"id": ""}`)
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	first := build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(good)}})

	_, err := s.Build(context.Background(), BuildOptions{
		Inputs: []ingest.Input{ingest.OSInput(bad)}, Ingest: ingest.Options{Strict: true}, Extractor: newExtractor(t),
	})
	if err == nil || !strings.Contains(err.Error(), "bad.jsonl:2") {
		t.Fatalf("strict build error = %v, want one naming bad.jsonl:2", err)
	}
	cur, _ := s.CurrentName()
	if cur != first.Generation {
		t.Fatalf("current = %s after a failed build, want %s", cur, first.Generation)
	}
	entries, _ := os.ReadDir(s.Dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), buildPrefix) {
			t.Fatalf("failed build left %s", e.Name())
		}
	}
}

func TestCancelledBuildLeavesCurrent(t *testing.T) {
	dir := t.TempDir()
	lines := make([]string, 3000)
	for i := range lines {
		lines[i] = art(fmt.Sprintf("a%d", i), "Title", "Body about the border talks and sanctions.", "2022-01-01")
	}
	corpus := writeCorpus(t, dir, "big.jsonl", lines...)
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	first := build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(writeCorpus(t, dir, "small.jsonl", art("x", "X", "Y", "")))}})
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := s.Build(ctx, BuildOptions{
		Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: newExtractor(t), BatchSize: 100,
		Progress: func(int) {
			if n++; n == 500 {
				cancel()
			}
		},
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build error = %v", err)
	}
	if cur, _ := s.CurrentName(); cur != first.Generation {
		t.Fatalf("current = %s, want %s", cur, first.Generation)
	}
	g := openCurrent(t, s)
	if g.Meta.Articles != 1 {
		t.Fatalf("current generation changed: %+v", g.Meta)
	}
}

func TestStaleBuildIsCleanedAndPrune(t *testing.T) {
	dir := t.TempDir()
	corpus := writeCorpus(t, dir, "a.jsonl", art("a1", "One", "Body.", "2022-01-01"))
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	stale := filepath.Join(s.Dir, buildPrefix+"gen-000099")
	if err := os.MkdirAll(filepath.Join(stale, bleveDir), 0o755); err != nil {
		t.Fatal(err)
	}
	var names []string
	for i := 0; i < 4; i++ {
		sum := build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Keep: 2})
		names = append(names, sum.Generation)
		if i == 0 && (len(sum.Stale) != 1 || sum.Stale[0] != filepath.Base(stale)) {
			t.Fatalf("stale removed = %v", sum.Stale)
		}
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("stale build dir still there: %v", err)
	}
	gens, err := s.Generations()
	if err != nil {
		t.Fatal(err)
	}
	if len(gens) != 2 || gens[0].Name != names[2] || gens[1].Name != names[3] || !gens[1].Current || gens[0].Current {
		t.Fatalf("generations after prune = %+v (built %v)", gens, names)
	}
}

func TestJournal(t *testing.T) {
	s, _ := OpenStore(t.TempDir())
	if ops, err := s.JournalSince(0); err != nil || len(ops) != 0 {
		t.Fatalf("empty journal: %v %v", ops, err)
	}
	pub := time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)
	done, err := s.AppendJournal([]Op{
		{Kind: OpUpsert, Article: &news.Article{ID: "n1", Title: "New", Published: pub}},
		{Kind: OpDelete, ID: "old"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if done[0].Seq != 1 || done[1].Seq != 2 || done[0].ID != "n1" {
		t.Fatalf("journaled = %+v", done)
	}
	if _, err := s.AppendJournal([]Op{{Kind: OpUpsert, Article: &news.Article{ID: "x"}}}); err == nil || !strings.Contains(err.Error(), "neither title nor body") {
		t.Fatalf("invalid op accepted: %v", err)
	}
	ops, err := s.JournalSince(1)
	if err != nil || len(ops) != 1 || ops[0].Kind != OpDelete {
		t.Fatalf("since 1 = %+v, %v", ops, err)
	}
	all, _ := s.JournalSince(0)
	if !all[0].Article.Published.Equal(pub) {
		t.Fatalf("published lost in the journal: %+v", all[0].Article)
	}
	// A torn last line (crash mid-append) is ignored; the next append goes on.
	f, _ := os.OpenFile(filepath.Join(s.Dir, journalFile), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"seq": 3, "kind": "ups`)
	f.Close()
	if ops, err := s.JournalSince(0); err != nil || len(ops) != 2 {
		t.Fatalf("torn line: %d ops, %v", len(ops), err)
	}
}

func TestIncrementalChangesSurviveRebuild(t *testing.T) {
	dir := t.TempDir()
	corpus := writeCorpus(t, dir, "a.jsonl",
		art("keep", "Kept", "The envoy arrived in Vienna.", "2022-01-01"),
		art("replace", "Old title", "The old text about fisheries.", "2022-01-02"),
		art("remove", "Removed", "A story about pipelines.", "2022-01-03"),
	)
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	x := newExtractor(t)
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x})
	g := openCurrent(t, s)

	ops, err := s.AppendJournal([]Op{
		{Kind: OpUpsert, Article: &news.Article{ID: "added", Title: "Added", Body: `"Patrols will resume," the spokesperson said about the archipelago.`}},
		{Kind: OpUpsert, Article: &news.Article{ID: "replace", Title: "New title", Body: "The new text about shipping lanes."}},
		{Kind: OpDelete, ID: "remove"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Apply(context.Background(), x, ops); err != nil {
		t.Fatal(err)
	}
	check := func(idx bleve.Index, when string) {
		t.Helper()
		cases := []struct {
			text string
			want []string
		}{
			{"archipelago", []string{"added"}},
			{"shipping", []string{"replace"}},
			{"fisheries", nil},
			{"pipelines", nil},
			{"envoy", []string{"keep"}},
		}
		for _, c := range cases {
			if got := searchIDs(t, idx, c.text); !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s: %q -> %v, want %v", when, c.text, got, c.want)
			}
		}
	}
	check(g.Index, "after apply")

	sum := build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x})
	if sum.JournalOps != 3 || sum.Indexed != 3 {
		t.Fatalf("rebuild summary = %+v", sum)
	}
	g2 := openCurrent(t, s)
	if g2.Meta.JournalSeq != ops[2].Seq {
		t.Fatalf("journal seq = %d, want %d", g2.Meta.JournalSeq, ops[2].Seq)
	}
	check(g2.Index, "after rebuild")
}

// TestBuildDuplicatesWithJournal: the corpus's duplicate ids are counted
// once each, whatever the journal does to those ids and in whatever order
// the extraction workers hand the items on (eight workers, several builds).
func TestBuildDuplicatesWithJournal(t *testing.T) {
	dir := t.TempDir()
	corpus := writeCorpus(t, dir, "a.jsonl",
		art("a1", "One", "The first version about the strait.", "2022-01-01"),
		art("a2", "Two", "A story about fisheries.", "2022-01-02"),
		art("a1", "One again", "The second version about the strait.", "2022-01-03"),
		art("a4", "Four", "A story about pipelines.", "2022-01-04"),
	)
	s, err := OpenStore(filepath.Join(dir, "idx"))
	if err != nil {
		t.Fatal(err)
	}
	x := newExtractor(t)
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x})
	if _, err := s.AppendJournal([]Op{
		{Kind: OpUpsert, Article: &news.Article{ID: "a1", Title: "One, third", Body: "The lighthouse version about the strait."}},
		{Kind: OpDelete, ID: "a2"},
		{Kind: OpUpsert, Article: &news.Article{ID: "a3", Title: "Three", Body: "Added through the journal."}},
		{Kind: OpUpsert, Article: &news.Article{ID: "a3", Title: "Three", Body: "Added through the journal, again."}},
	}); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		sum := build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x, Workers: 8})
		if sum.Read != 4 || sum.Duplicates != 1 || sum.JournalOps != 4 || sum.Indexed != 3 {
			t.Fatalf("summary = %+v, want read 4, duplicates 1, journal ops 4, indexed 3", sum)
		}
		g := openCurrent(t, s)
		if got := searchIDs(t, g.Index, "lighthouse"); !reflect.DeepEqual(got, []string{"a1"}) {
			t.Fatalf("the journal's a1: %v", got)
		}
	}
}

// TestOpenGenerationInUse: generations open read-only, so readers share
// them; what one searchd holds is its index directory's serving lock, which
// a second one is refused at once with ErrInUse and which is free again once
// released. A process that opened the generation for writing still makes an
// open fail with ErrInUse after lockTimeout instead of waiting forever.
func TestOpenGenerationInUse(t *testing.T) {
	defer func(d time.Duration) { lockTimeout = d }(lockTimeout)
	lockTimeout = 100 * time.Millisecond
	dir := t.TempDir()
	corpus := writeCorpus(t, dir, "a.jsonl", art("a1", "One", "Body one.", "2022-01-01"))
	s, _ := OpenStore(filepath.Join(dir, "idx"))
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}})
	first, second := openCurrent(t, s), openCurrent(t, s)
	for _, g := range []*Generation{first, second} {
		if got := searchIDs(t, g.Index, "body"); !reflect.DeepEqual(got, []string{"a1"}) {
			t.Fatalf("reader sharing the generation finds %v", got)
		}
	}

	lock, err := s.LockServing()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s.LockServing()
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), s.Dir) {
		t.Fatalf("second serving lock: %v, want ErrInUse naming %s", err, s.Dir)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("second lock took %v", d)
	}
	if err := lock.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := s.LockServing()
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again.Release()

	first.Close()
	second.Close()
	info, _ := s.Current()
	writer, err := bleve.Open(shardDir(info.Path, info.Meta.Shards-1)) // the last shard: the others open first
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	if _, err := OpenGeneration(info); !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), info.Name) {
		t.Fatalf("open beside a writer: %v, want ErrInUse naming %s", err, info.Name)
	}
}
