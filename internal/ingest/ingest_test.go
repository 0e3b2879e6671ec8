package ingest

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/readout/readout/internal/news"
)

// result is everything one Read produced.
type result struct {
	articles []news.Article
	problems []string
	stats    Stats
	err      error
}

func readInputs(t testing.TB, opts Options, inputs ...Input) result {
	t.Helper()
	var res result
	res.stats, res.err = Read(context.Background(), inputs, opts,
		func(a news.Article) error { res.articles = append(res.articles, a); return nil },
		func(p *Problem) { res.problems = append(res.problems, p.Error()) })
	return res
}

func readPaths(t testing.TB, opts Options, paths ...string) result {
	t.Helper()
	var inputs []Input
	for _, p := range paths {
		inputs = append(inputs, OSInput(p))
	}
	return readInputs(t, opts, inputs...)
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// checkResult compares articles field by field and problems exactly.
func checkResult(t *testing.T, got result, want []news.Article, wantProblems []string) {
	t.Helper()
	if got.err != nil {
		t.Fatalf("Read error: %v", got.err)
	}
	if len(got.articles) != len(want) {
		var ids []string
		for _, a := range got.articles {
			ids = append(ids, a.ID)
		}
		t.Errorf("got %d articles %q, want %d", len(got.articles), ids, len(want))
	}
	for i := 0; i < min(len(got.articles), len(want)); i++ {
		if !reflect.DeepEqual(got.articles[i], want[i]) {
			t.Errorf("article %d:\n got %#v\nwant %#v", i, got.articles[i], want[i])
		}
	}
	if !reflect.DeepEqual(got.problems, wantProblems) {
		t.Errorf("problems:\n got %q\nwant %q", got.problems, wantProblems)
	}
	if got.stats.Read != len(got.articles) || got.stats.Skipped != len(got.problems) {
		t.Errorf("stats %+v disagree with %d articles, %d problems", got.stats, len(got.articles), len(got.problems))
	}
}

func TestReadJSONLines(t *testing.T) {
	tests := []struct {
		name         string
		path         string
		opts         Options
		want         []news.Article
		wantProblems []string
		wantUnknown  []string
	}{
		{
			name: "good records, blank lines, CRLF, last line without newline",
			path: "testdata/jsonl/good.jsonl",
			want: []news.Article{
				{ID: "t-1", Title: "Ministers meet in Valdoria over border talks", Body: "The foreign ministers of Valdoria and Estrenia met on Tuesday.\n\nThey agreed to meet again.", Published: date("2022-02-15T18:30:00Z"), Source: "Example Wire", URL: "https://example.org/t-1", Authors: []string{"A. Writer", "B. Editor"}, Language: "en", Origin: "testdata/jsonl/good.jsonl:1"},
				{ID: "t-2", Title: "FLASH: TALKS END", Published: date("2022-02-16T00:00:00Z"), Origin: "testdata/jsonl/good.jsonl:3"},
				{ID: "t-3", Body: "Body-only wire copy without a headline.", Published: date("2022-02-16T07:00:00Z"), Origin: "testdata/jsonl/good.jsonl:4"},
				{ID: "t-4", Title: "Undated feature", Body: "No date here.", Origin: "testdata/jsonl/good.jsonl:5"},
				{ID: "t-5", Title: "CRLF line", Body: "Ends with a carriage return.", Origin: "testdata/jsonl/good.jsonl:7"},
				{ID: "t-6", Title: "no newline at end", Body: "x", Origin: "testdata/jsonl/good.jsonl:8"},
			},
			wantUnknown: []string{"mood", "tags"},
		},
		{
			name: "body limit",
			path: "testdata/jsonl/good.jsonl",
			opts: Options{MaxBodyBytes: 39},
			want: []news.Article{
				{ID: "t-2", Title: "FLASH: TALKS END", Published: date("2022-02-16T00:00:00Z"), Origin: "testdata/jsonl/good.jsonl:3"},
				{ID: "t-3", Body: "Body-only wire copy without a headline.", Published: date("2022-02-16T07:00:00Z"), Origin: "testdata/jsonl/good.jsonl:4"},
				{ID: "t-4", Title: "Undated feature", Body: "No date here.", Origin: "testdata/jsonl/good.jsonl:5"},
				{ID: "t-5", Title: "CRLF line", Body: "Ends with a carriage return.", Origin: "testdata/jsonl/good.jsonl:7"},
				{ID: "t-6", Title: "no newline at end", Body: "x", Origin: "testdata/jsonl/good.jsonl:8"},
			},
			wantProblems: []string{"testdata/jsonl/good.jsonl:1: body: over the size limit: 90 bytes, limit 39"},
			wantUnknown:  []string{"mood", "tags"},
		},
		{
			name: "broken records are reported with path:line and field",
			path: "testdata/jsonl/bad.jsonl",
			opts: Options{MaxBodyBytes: 32},
			want: []news.Article{
				{ID: "b-1", Title: "Fine record before the broken ones", Origin: "testdata/jsonl/bad.jsonl:1"},
				{ID: "b-13", Title: "Last fine record", Origin: "testdata/jsonl/bad.jsonl:14"},
			},
			wantProblems: []string{
				"testdata/jsonl/bad.jsonl:2: title: invalid JSON at byte 36: unexpected EOF",
				"testdata/jsonl/bad.jsonl:3: id: missing id",
				"testdata/jsonl/bad.jsonl:4: neither title nor body",
				`testdata/jsonl/bad.jsonl:5: published: invalid date "15/02/2022": want RFC 3339, YYYY-MM-DD, YYYY-MM or YYYY`,
				"testdata/jsonl/bad.jsonl:6: title: invalid JSON: want a string, got a number",
				"testdata/jsonl/bad.jsonl:7: body: over the size limit: 40 bytes, limit 32",
				"testdata/jsonl/bad.jsonl:8: title: invalid JSON at byte 30: duplicate object member name",
				"testdata/jsonl/bad.jsonl:9: invalid JSON: want an object, got an array",
				"testdata/jsonl/bad.jsonl:10: authors: invalid JSON: want an array of strings, got a string",
				"testdata/jsonl/bad.jsonl:11: id: missing id",
				`testdata/jsonl/bad.jsonl:12: published: invalid date "2022-02-30": want RFC 3339, YYYY-MM-DD, YYYY-MM or YYYY`,
				"testdata/jsonl/bad.jsonl:13: title: invalid UTF-8",
			},
		},
		{
			name: "byte-order mark, blank title, null values, trailing garbage",
			path: "testdata/jsonl/edge.jsonl",
			want: []news.Article{
				{ID: "e-1", Title: "After a byte-order mark", Origin: "testdata/jsonl/edge.jsonl:1"},
				{ID: "e-5", Title: "Survivor", Origin: "testdata/jsonl/edge.jsonl:5"},
			},
			wantProblems: []string{
				"testdata/jsonl/edge.jsonl:2: neither title nor body",
				"testdata/jsonl/edge.jsonl:3: id: missing id",
				"testdata/jsonl/edge.jsonl:4: invalid JSON at byte 28: invalid character 't' after top-level value",
			},
		},
		{
			name: "gzip",
			path: "testdata/gzip/good.jsonl.gz",
			want: []news.Article{
				{ID: "g-1", Title: "Compressed one", Published: date("1987-03-02T00:00:00Z"), Origin: "testdata/gzip/good.jsonl.gz:1"},
				{ID: "g-2", Title: "Compressed two", Body: "Second.", Published: date("1987-03-03T00:00:00Z"), Origin: "testdata/gzip/good.jsonl.gz:2"},
				{ID: "g-3", Title: "Compressed three", Body: "Third.", Origin: "testdata/gzip/good.jsonl.gz:3"},
			},
		},
		{
			name: "truncated gzip keeps the records before the break",
			path: "testdata/gzip/truncated.jsonl.gz",
			want: []news.Article{
				{ID: "g-1", Title: "Compressed one", Published: date("1987-03-02T00:00:00Z"), Origin: "testdata/gzip/truncated.jsonl.gz:1"},
				{ID: "g-2", Title: "Compressed two", Body: "Second.", Published: date("1987-03-03T00:00:00Z"), Origin: "testdata/gzip/truncated.jsonl.gz:2"},
			},
			wantProblems: []string{"testdata/gzip/truncated.jsonl.gz:3: read: unexpected EOF"},
		},
		{
			name:         "not gzip at all",
			path:         "testdata/gzip/notgzip.jsonl.gz",
			wantProblems: []string{"testdata/gzip/notgzip.jsonl.gz: read: gzip: invalid header"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readPaths(t, tt.opts, tt.path)
			checkResult(t, got, tt.want, tt.wantProblems)
			if !reflect.DeepEqual(got.stats.UnknownFields, tt.wantUnknown) {
				t.Errorf("unknown fields %q, want %q", got.stats.UnknownFields, tt.wantUnknown)
			}
		})
	}
}

func TestReadText(t *testing.T) {
	tests := []struct {
		file        string
		want        []news.Article
		wantProblem string
	}{
		{file: "front.md", want: []news.Article{{
			ID: "valdoria-summit", Title: "Summit in Valdoria ends without accord",
			Body:      "Delegates from Valdoria and Estrenia left the summit on Thursday\nwithout a joint statement.\n\nA second round is planned for June.",
			Published: date("2023-05-04T00:00:00Z"), Source: "Example Herald", URL: "https://example.org/summit",
			Authors: []string{"C. Reporter"}, Language: "en", Origin: "testdata/text/front.md",
		}}},
		{file: "heading.md", want: []news.Article{{ID: "heading.md", Title: "Port strike enters second week", Body: "Dock workers in the Estrenian capital kept the port closed.", Origin: "testdata/text/heading.md"}}},
		{file: "setext.md", want: []news.Article{{ID: "setext.md", Title: "Grain exports resume", Body: "Ships left the harbour at dawn.", Origin: "testdata/text/setext.md"}}},
		{file: "plain.txt", want: []news.Article{{ID: "plain.txt", Title: "FLOOD WARNING FOR RIVER TOWNS", Body: "Authorities issued a warning on Monday.\nResidents were told to move to higher ground.", Origin: "testdata/text/plain.txt"}}},
		{file: "author-string.md", want: []news.Article{{ID: "author-string.md", Title: "Election results delayed", Body: "Counting continued through the night.", Published: date("2024-01-02T07:00:00Z"), Authors: []string{"D. Correspondent"}, Origin: "testdata/text/author-string.md"}}},
		{file: "nested/deeper/wire.txt", want: []news.Article{{ID: "wire.txt", Title: "CEASEFIRE HOLDS IN NORTHERN PROVINCE", Origin: "testdata/text/nested/deeper/wire.txt"}}},
		{file: "no-close.md", wantProblem: "testdata/text/no-close.md:1: front matter: no closing --- line"},
		{file: "bad-yaml.md", wantProblem: "testdata/text/bad-yaml.md:2: front matter: did not find expected ',' or ']'"},
		{file: "bad-date.md", wantProblem: `testdata/text/bad-date.md:4: published: invalid date "last Tuesday": want RFC 3339 or YYYY-MM-DD`},
		{file: "bad-type.md", wantProblem: "testdata/text/bad-type.md:2: title: want a string, got a mapping"},
		{file: "empty.txt", wantProblem: "testdata/text/empty.txt: neither title nor body"},
		{file: "latin1.txt", wantProblem: "testdata/text/latin1.txt:1: invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var wantProblems []string
			if tt.wantProblem != "" {
				wantProblems = []string{tt.wantProblem}
			}
			checkResult(t, readPaths(t, Options{}, "testdata/text/"+tt.file), tt.want, wantProblems)
		})
	}
}

func TestReadHTML(t *testing.T) {
	tests := []struct {
		file        string
		want        []news.Article
		wantProblem string
	}{
		{file: "article.html", want: []news.Article{{
			ID: "article.html",
			// og:title is preferred to <title>; the <h1> is left out of the
			// body as the page's headline all the same.
			Title: "Drought tightens grip (social title)",
			// Readability adds the teaser <article> beside the story to it.
			Body: "Farmers in the southern plains have seen no rain since April, officials said.\n\n" +
				"\"We are selling the herd,\" one farmer said.\n\"There is nothing else.\"\n\n" +
				"Wells are dry.\n\nPrices have doubled.\n\nRegion Rainfall\n\nSouth 4 mm\n\n" +
				"Water & grain aid arrives next week.\n\nShort teaser for another story.",
			Published: date("2021-08-09T05:15:00Z"), Source: "Example Chronicle", URL: "https://example.org/drought",
			Authors: []string{"E. Fieldworker"}, Language: "en-GB", Origin: "testdata/html/article.html",
		}}},
		{file: "minimal.htm", want: []news.Article{{ID: "minimal.htm", Title: "Headline only from h1", Body: "First paragraph.\n\nSecond paragraph.", Origin: "testdata/html/minimal.htm"}}},
		{file: "latin1.html", want: []news.Article{{ID: "latin1.html", Title: "Café talks", Body: "Talks at the café went well.", Origin: "testdata/html/latin1.html"}}},
		{file: "bad-date.html", wantProblem: `testdata/html/bad-date.html: article:published_time: invalid date "yesterday"`},
		{file: "empty.html", wantProblem: "testdata/html/empty.html: neither title nor body"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var wantProblems []string
			if tt.wantProblem != "" {
				wantProblems = []string{tt.wantProblem}
			}
			checkResult(t, readPaths(t, Options{}, "testdata/html/"+tt.file), tt.want, wantProblems)
		})
	}
}

func TestReadFeeds(t *testing.T) {
	atom := func(origin string) []news.Article {
		return []news.Article{
			{ID: "urn:example:atom-1", Title: "Rail strike called off", Body: "Unions accepted the offer.\n\nTrains run tomorrow.", Published: date("2023-03-01T09:00:00Z"), Source: "Example Atom Bureau", URL: "https://example.org/atom/rail", Authors: []string{"G. Transport"}, Language: "en", Origin: origin + ": item 1"},
			{ID: "urn:example:atom-2", Title: "Updated only", Body: "Plain summary text.", Published: date("2023-03-02T09:30:00Z"), Source: "Example Atom Bureau", Language: "en", Origin: origin + ": item 2"},
		}
	}
	tests := []struct {
		file         string
		want         []news.Article
		wantProblems []string
	}{
		{
			file: "news.rss",
			want: []news.Article{
				{ID: "urn:example:talks-1", Title: "Talks resume in Valdoria", Body: "Negotiators returned to the table.\n\nA deal is not expected.", Published: date("2022-02-15T18:30:00Z"), Source: "Example World Desk", URL: "https://example.org/world/talks", Authors: []string{"F. Diplomatic"}, Language: "en-us", Origin: "testdata/feeds/news.rss: item 1"},
				{ID: "https://example.org/world/border", Title: "Border crossing reopens & traffic builds", Body: "Lorries queued for hours.\n\nOfficials expect delays.", Published: date("2022-02-16T06:00:00Z"), Source: "Example World Desk", URL: "https://example.org/world/border", Language: "en-us", Origin: "testdata/feeds/news.rss: item 2"},
				{ID: "urn:example:undated", Title: "Undated brief", Source: "Example World Desk", Language: "en-us", Origin: "testdata/feeds/news.rss: item 6"},
			},
			wantProblems: []string{
				"testdata/feeds/news.rss: item 3: id: missing id (no guid, id or link)",
				`testdata/feeds/news.rss: item 4: published: invalid date "sometime soon"`,
				"testdata/feeds/news.rss: item 5: neither title nor body",
			},
		},
		{file: "news.atom", want: atom("testdata/feeds/news.atom")},
		{file: "atom-as.xml", want: atom("testdata/feeds/atom-as.xml")},
		{file: "not-a-feed.xml", wantProblems: []string{"testdata/feeds/not-a-feed.xml: not an RSS or Atom feed"}},
		{file: "broken.rss", wantProblems: []string{"testdata/feeds/broken.rss: parse feed: XML syntax error on line 3: unexpected EOF"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			checkResult(t, readPaths(t, Options{}, "testdata/feeds/"+tt.file), tt.want, tt.wantProblems)
		})
	}
}

func TestReadFolder(t *testing.T) {
	got := readPaths(t, Options{}, "testdata/folder")
	var origins, ids []string
	for _, a := range got.articles {
		origins = append(origins, a.Origin)
		ids = append(ids, a.ID)
	}
	wantOrigins := []string{
		"testdata/folder/feed.rss: item 1",
		"testdata/folder/page.html",
		"testdata/folder/politics/brief.txt",
		"testdata/folder/politics/europe/summit.md",
		"testdata/folder/wire.jsonl:1",
		"testdata/folder/wire.jsonl:2",
	}
	wantIDs := []string{"urn:folder:1", "page.html", "politics/brief.txt", "politics/europe/summit.md", "w-1", "w-2"}
	if got.err != nil || len(got.problems) != 0 {
		t.Fatalf("err %v, problems %q", got.err, got.problems)
	}
	if !reflect.DeepEqual(origins, wantOrigins) {
		t.Errorf("origins (walk order) %q\nwant %q", origins, wantOrigins)
	}
	if !reflect.DeepEqual(ids, wantIDs) {
		t.Errorf("ids %q\nwant %q", ids, wantIDs)
	}
	// README.md, LICENSE, image.png and notes.xml (not a feed) are ignored;
	// .drafts is hidden and not visited at all.
	if got.stats.Files != 5 || got.stats.Ignored != 4 {
		t.Errorf("stats %+v, want 5 files read and 4 ignored", got.stats)
	}
	// A README named explicitly is read.
	readme := readPaths(t, Options{}, "testdata/folder/README.md")
	if len(readme.articles) != 1 || readme.articles[0].Title != "Test folder" {
		t.Errorf("explicit README.md: %+v", readme)
	}
}

func TestReadFolderLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere")
	if err := os.MkdirAll(filepath.Join(target, "inner"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(target, "story.txt"), "LINKED STORY\n\nText.\n")
	write(filepath.Join(target, "inner", "deep.txt"), "DEEP STORY\n")
	corpus := filepath.Join(dir, "corpus")
	if err := os.Mkdir(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(target, "story.txt"), filepath.Join(corpus, "link.txt")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if err := os.Symlink(filepath.Join(target, "inner"), filepath.Join(corpus, "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(target, "gone.txt"), filepath.Join(corpus, "broken.txt")); err != nil {
		t.Fatal(err)
	}
	got := readPaths(t, Options{}, corpus)
	want := []news.Article{{ID: "link.txt", Title: "LINKED STORY", Body: "Text.", Origin: filepath.Join(corpus, "link.txt")}}
	broken := filepath.Join(corpus, "broken.txt")
	checkResult(t, got, want, []string{broken + ": open: stat broken.txt: no such file or directory"})
	if got.stats.Ignored != 1 {
		t.Errorf("stats %+v, want the folder link ignored", got.stats)
	}
}

func TestReadFileProblems(t *testing.T) {
	tests := []struct {
		name string
		path string
		opts Options
		want string
	}{
		{"unsupported type named explicitly", "testdata/folder/image.png", Options{},
			"testdata/folder/image.png: unsupported file type: want .jsonl, .jsonl.gz, .ndjson, .txt, .md, .html, .htm, .rss, .atom or .xml"},
		{"whole-file limit", "testdata/html/article.html", Options{MaxFileBytes: 100},
			"testdata/html/article.html: file over the size limit: more than 100 bytes"},
		{"default file limit follows the body limit", "testdata/html/article.html", Options{MaxBodyBytes: 10},
			"testdata/html/article.html: file over the size limit: more than 160 bytes"},
		{"body limit on a page", "testdata/html/minimal.htm", Options{MaxBodyBytes: 20, MaxFileBytes: 1 << 20},
			"testdata/html/minimal.htm: body: over the size limit: 35 bytes, limit 20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkResult(t, readPaths(t, tt.opts, tt.path), nil, []string{tt.want})
		})
	}
}

func TestReadFSInput(t *testing.T) {
	fsys := fstest.MapFS{
		"sample/a.jsonl":      {Data: []byte(`{"id":"a1","title":"One"}` + "\n" + `{"id":"a2"}` + "\n")},
		"sample/sub/b.md":     {Data: []byte("# Two\n\nBody two.\n")},
		"sample/sub/skip.bin": {Data: []byte{0, 1, 2}},
	}
	got := readInputs(t, Options{}, FSInput("corpus", fsys, "sample"))
	want := []news.Article{
		{ID: "a1", Title: "One", Origin: "corpus/a.jsonl:1"},
		{ID: "sub/b.md", Title: "Two", Body: "Body two.", Origin: "corpus/sub/b.md"},
	}
	checkResult(t, got, want, []string{"corpus/a.jsonl:2: neither title nor body"})

	single := readInputs(t, Options{}, FSInput("embedded sample.md", fsys, "./sample/sub/../sub/b.md"))
	checkResult(t, single, []news.Article{{ID: "b.md", Title: "Two", Body: "Body two.", Origin: "embedded sample.md"}}, nil)
}

func TestReadStrict(t *testing.T) {
	got := readPaths(t, Options{Strict: true, MaxBodyBytes: 32}, "testdata/jsonl/bad.jsonl", "testdata/jsonl/good.jsonl")
	var p *Problem
	if !errors.As(got.err, &p) {
		t.Fatalf("err = %v, want a *Problem", got.err)
	}
	if p.Path != "testdata/jsonl/bad.jsonl" || p.Line != 2 || p.Field != "title" {
		t.Errorf("problem %+v, want bad.jsonl line 2 field title", p)
	}
	if len(got.articles) != 1 || got.articles[0].ID != "b-1" {
		t.Errorf("articles %+v, want only b-1 (read before the problem)", got.articles)
	}
	if len(got.problems) != 0 || got.stats.Skipped != 0 {
		t.Errorf("strict mode reported %q (stats %+v); want the problem returned only", got.problems, got.stats)
	}

	// A sentinel reason is reachable with errors.Is.
	got = readPaths(t, Options{Strict: true}, "testdata/text/empty.txt")
	if !errors.Is(got.err, ErrNoText) {
		t.Errorf("err = %v, want ErrNoText", got.err)
	}
}

func TestReadLongLines(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("word ", 40_000) // 200,000 bytes: over bufio.Scanner's 64 KiB
	huge := strings.Repeat("x", 3<<20)     // over the line limit for a 1 MiB body limit
	content := `{"id":"long","title":"Long","body":"` + big + `"}` + "\n" +
		`{"id":"huge","title":"Huge","body":"` + huge + `"}` + "\n" +
		`{"id":"after","title":"After"}` + "\n"
	p := filepath.Join(dir, "long.jsonl")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	got := readPaths(t, Options{MaxBodyBytes: 1 << 20}, p)
	if len(got.articles) != 2 || got.articles[0].ID != "long" || got.articles[0].Body != big || got.articles[1].ID != "after" {
		t.Fatalf("got %d articles; want long (full body) and after", len(got.articles))
	}
	wantProblem := p + ":2: line over the size limit: more than 2162688 bytes"
	if !reflect.DeepEqual(got.problems, []string{wantProblem}) {
		t.Errorf("problems %q, want %q", got.problems, wantProblem)
	}
	if got.stats.Bytes != int64(len(content)) {
		t.Errorf("Bytes = %d, want %d", got.stats.Bytes, len(content))
	}
}

func TestReadStops(t *testing.T) {
	stop := errors.New("stop here")
	n := 0
	_, err := Read(context.Background(), []Input{OSInput("testdata/jsonl/good.jsonl")}, Options{},
		func(news.Article) error { n++; return stop }, nil)
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("emit error: err %v after %d articles, want %v after 1", err, n, stop)
	}

	n = 0
	_, err = Read(context.Background(), []Input{OSInput("testdata/gzip/good.jsonl.gz")}, Options{},
		func(news.Article) error { n++; return stop }, nil)
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("emit error in gzip: err %v after %d articles, want %v after 1", err, n, stop)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	_, err = Read(ctx, []Input{OSInput("testdata/folder")}, Options{},
		func(news.Article) error { n++; cancel(); return nil }, nil)
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("cancel: err %v after %d articles, want context.Canceled after 1", err, n)
	}

	_, err = Read(context.Background(), []Input{OSInput("testdata/does-not-exist")}, Options{},
		func(news.Article) error { return nil }, nil)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "testdata/does-not-exist") {
		t.Errorf("missing input: err %v, want not-exist naming the path", err)
	}
}

func TestUnknownFieldWarnsOnce(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	got := readInputs(t, Options{Logger: log}, OSInput("testdata/jsonl/good.jsonl"), OSInput("testdata/text/front.md"))
	if n := strings.Count(logs.String(), "field=mood"); n != 1 {
		t.Errorf("%d warnings for field mood, want 1:\n%s", n, logs.String())
	}
	for _, w := range []string{"field=tags", "field=desk first_seen=testdata/text/front.md:9"} {
		if !strings.Contains(logs.String(), w) {
			t.Errorf("log lacks %q:\n%s", w, logs.String())
		}
	}
	if want := []string{"desk", "mood", "tags"}; !reflect.DeepEqual(got.stats.UnknownFields, want) {
		t.Errorf("UnknownFields %q, want %q", got.stats.UnknownFields, want)
	}

	// Without a report func, problems are logged.
	logs.Reset()
	if _, err := Read(context.Background(), []Input{OSInput("testdata/text/empty.txt")}, Options{Logger: log},
		func(news.Article) error { return nil }, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "empty.txt: neither title nor body") {
		t.Errorf("problem not logged:\n%s", logs.String())
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string // RFC 3339 in UTC; "" means an error
		wantErr bool
	}{
		{in: "2022-02-15T18:30:00Z", want: "2022-02-15T18:30:00Z"},
		{in: "2022-02-15T18:30:00.25+02:00", want: "2022-02-15T16:30:00.25Z"},
		{in: "2022-02-15", want: "2022-02-15T00:00:00Z"},
		{in: "1987-10-20T22:53:18Z", want: "1987-10-20T22:53:18Z"},
		{in: "2022-02-30", wantErr: true},
		{in: "15/02/2022", wantErr: true},
		{in: "2022-02-15 18:30:00", wantErr: true},
		{in: "", wantErr: true},
		{in: "2022-2-15x", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.wantErr {
			if !errors.Is(err, ErrInvalidDate) {
				t.Errorf("ParseDate(%q) = %v, %v; want ErrInvalidDate", tt.in, got, err)
			}
			continue
		}
		if err != nil || got.Format(time.RFC3339Nano) != tt.want || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, %v; want %s UTC", tt.in, got, err, tt.want)
		}
	}
}

func TestProblemError(t *testing.T) {
	base := errors.New("reason")
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "a.jsonl", Line: 3, Field: "id", Err: base}, "a.jsonl:3: id: reason"},
		{Problem{Path: "a.jsonl", Line: 3, Err: base}, "a.jsonl:3: reason"},
		{Problem{Path: "dir/b.md", Err: base}, "dir/b.md: reason"},
		{Problem{Path: "f.rss", Item: 2, Field: "published", Err: base}, "f.rss: item 2: published: reason"},
		{Problem{Path: "x"}, "x: unusable"},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("%+v.Error() = %q, want %q", tt.p, got, tt.want)
		}
		if tt.p.Err != nil && !errors.Is(&tt.p, base) {
			t.Errorf("%+v does not unwrap to its reason", tt.p)
		}
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text keeps paragraphs", "First line.\n\n\n\nSecond &amp; last.  ", "First line.\n\nSecond & last."},
		{"inline markup", "<p>A <b>bold</b> <i>move</i>.</p>", "A bold move."},
		{"blocks become paragraphs", "<h2>Head</h2><p>One</p><div>Two</div><ul><li>a</li><li>b</li></ul>", "Head\n\nOne\n\nTwo\n\na\n\nb"},
		{"br is a line break", "<p>line one<br/>  line two</p>", "line one\nline two"},
		{"scripts styles and chrome dropped", "<nav>Menu</nav><script>x()</script><style>p{}</style><p>Kept</p><footer>Foot</footer><aside>Side</aside><form>F</form><header>H</header>", "Kept"},
		{"hidden dropped", `<p hidden>no</p><p aria-hidden="true">no</p><p style="display: none">no</p><p>yes</p>`, "yes"},
		{"pre keeps lines", "<pre>a  b\n  c\n\n\n\nd</pre>", "a  b\n  c\n\nd"},
		{"entities", "<p>caf&eacute; &lt;tag&gt; &#8212;</p>", "café <tag> —"},
		{"invalid UTF-8 replaced", "<p>bad \xff byte</p>", "bad \uFFFD byte"},
		{"whitespace collapsed", "<p>  many\n\t spaces\u00a0here  </p>", "many spaces here"},
		{"empty", "", ""},
		{"unclosed tags", "<p>open <b>bold", "open bold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTMLToText(tt.in); got != tt.want {
				t.Errorf("HTMLToText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
