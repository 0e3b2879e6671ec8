package scalegen

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/testutil"
)

var (
	poolOnce sync.Once
	poolVal  *Pool
	poolErr  error
)

// testPool is the pool the tests share: a few of the real corpora (the
// small ones under -race), or the sample corpus when they are absent.
func testPool(t *testing.T) *Pool {
	t.Helper()
	poolOnce.Do(func() {
		files := []string{"reuters21578.jsonl.gz", "polnear.jsonl", "wikinews.jsonl"}
		if raceEnabled {
			files = files[1:]
		}
		poolVal, poolErr = loadFiles(context.Background(), testutil.CorporaDir(), files, io.Discard)
	})
	if poolErr != nil {
		t.Fatal(poolErr)
	}
	return poolVal
}

// scaled returns n, or a tenth of it under -race or -short (the race
// detector slows generating about tenfold).
func scaled(n int) int {
	if raceEnabled || testing.Short() {
		return n / 10
	}
	return n
}

func generate(t *testing.T, pool *Pool, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Generate(context.Background(), &buf, pool, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDeterministic(t *testing.T) {
	pool := testPool(t)
	n := scaled(3000)
	a := generate(t, pool, Options{Articles: n, Seed: 1})
	b := generate(t, pool, Options{Articles: n, Seed: 1})
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with seed 1 differ")
	}
	c := generate(t, pool, Options{Articles: n, Seed: 2})
	if bytes.Equal(a, c) {
		t.Fatal("seeds 1 and 2 give the same output")
	}
	// A shorter run is a prefix of a longer one: the count changes nothing
	// before it.
	if d := generate(t, pool, Options{Articles: n / 3, Seed: 1}); !bytes.HasPrefix(a, d) {
		t.Errorf("%d articles are not the first %d of %d", n/3, n/3, n)
	}

	// The gzip files too, byte for byte.
	dir := t.TempDir()
	var files [2][]byte
	for i := range files {
		p := filepath.Join(dir, fmt.Sprintf("c%d.jsonl.gz", i))
		if _, err := WriteFile(context.Background(), p, nil, pool, Options{Articles: scaled(2000), Seed: 7}); err != nil {
			t.Fatal(err)
		}
		var err error
		if files[i], err = os.ReadFile(p); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two .jsonl.gz files with seed 7 differ")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("output folder holds %d entries, want the 2 files (no temporary left)", len(ents))
	}
}

// TestConstantMemory samples the live heap (after a collection) while one
// run writes its 20,000th article and again at its last: writing ten times
// as many must not hold more.
func TestConstantMemory(t *testing.T) {
	pool := testPool(t)
	early, total := 20_000, 200_000
	if raceEnabled || testing.Short() {
		early, total = 10_000, 40_000
	}
	heap := map[int]uint64{}
	progress := func(n int) {
		if n != early && n != total {
			return
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap[n] = ms.HeapAlloc
	}
	st, err := Generate(context.Background(), io.Discard, pool, Options{Articles: total, Seed: 3, Progress: progress})
	if err != nil {
		t.Fatal(err)
	}
	if len(heap) != 2 {
		t.Fatalf("progress sampled %v, want %d and %d", heap, early, total)
	}
	grew := int64(heap[total]) - int64(heap[early])
	t.Logf("pool %.1f MB; live heap %.1f MB after %d articles, %.1f MB after %d (%.0f MB written)",
		float64(pool.Bytes())/1e6, float64(heap[early])/1e6, early, float64(heap[total])/1e6, total, float64(st.Bytes)/1e6)
	if grew > 1<<20 {
		t.Errorf("live heap grew by %d bytes from %d to %d articles; want under 1 MiB", grew, early, total)
	}
	if limit := uint64(pool.Bytes()) + 16<<20; heap[total] > limit {
		t.Errorf("live heap %d bytes, want at most the pool's %d bytes + 16 MiB", heap[total], pool.Bytes())
	}
}

// article is one record as the project's reader returns it, with what the
// checks need.
type article struct {
	news.Article
	paras []uint64 // paragraph hashes
}

// readBack writes n articles to a .jsonl.gz file and reads them with the
// indexer's reader in strict mode (the first bad record fails the test).
func readBack(t *testing.T, pool *Pool, opts Options) ([]article, Stats, int64) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "scale.jsonl.gz")
	st, err := WriteFile(context.Background(), p, nil, pool, opts)
	if err != nil {
		t.Fatal(err)
	}
	seed := maphash.MakeSeed()
	var arts []article
	rs, err := ingest.Read(context.Background(), []ingest.Input{ingest.OSInput(p)}, ingest.Options{Strict: true},
		func(a news.Article) error {
			x := article{Article: a}
			for _, par := range strings.Split(a.Body, "\n\n") {
				x.paras = append(x.paras, maphash.String(seed, par))
			}
			arts = append(arts, x)
			return nil
		}, nil)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if len(rs.UnknownFields) > 0 {
		t.Errorf("unknown fields %v", rs.UnknownFields)
	}
	return arts, st, rs.Bytes
}

func TestRecords(t *testing.T) {
	pool := testPool(t)
	n := scaled(20_000)
	arts, st, jsonBytes := readBack(t, pool, Options{Articles: n, Seed: 1})
	if len(arts) != n || st.Articles != n || st.Bytes != jsonBytes {
		t.Fatalf("read %d articles, %d bytes; generator says %d, %d bytes", len(arts), jsonBytes, st.Articles, st.Bytes)
	}
	names := map[string]bool{}
	for _, s := range sources {
		names[s.name] = true
	}
	lo := time.Date(firstYear, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(lastYear+1, 1, 1, 0, 0, 0, 0, time.UTC)
	var undated, early, late int
	used := map[string]int{}
	for i, a := range arts {
		if want := fmt.Sprintf("scale-%09d", i+1); a.ID != want {
			t.Fatalf("record %d: id %q, want %q", i+1, a.ID, want)
		}
		if a.Title == "" || len(a.Title) > maxTitle+10 || strings.TrimSpace(a.Title) != a.Title {
			t.Errorf("%s: title %q", a.ID, a.Title)
		}
		if k := len(a.paras); k < minParas || k > maxParas {
			t.Errorf("%s: %d paragraphs, want %d-%d", a.ID, k, minParas, maxParas)
		}
		for _, par := range strings.Split(a.Body, "\n\n") {
			if par == "" || strings.TrimSpace(par) != par || strings.Contains(par, "\n\n") {
				t.Errorf("%s: paragraph %q is empty or not trimmed", a.ID, par)
			}
		}
		if !names[a.Source] {
			t.Errorf("%s: source %q is not one of the invented sources", a.ID, a.Source)
		}
		used[a.Source]++
		if a.Language != "en" {
			t.Errorf("%s: language %q", a.ID, a.Language)
		}
		if a.URL != "" && !strings.HasPrefix(a.URL, "https://www.") {
			t.Errorf("%s: url %q", a.ID, a.URL)
		}
		switch {
		case !a.Dated():
			undated++
		case a.Published.Before(lo) || !a.Published.Before(hi):
			t.Errorf("%s: published %s, want %d-%d", a.ID, a.Published, firstYear, lastYear)
		case a.Published.Year() < firstYear+5:
			early++
		case a.Published.Year() > lastYear-5:
			late++
		}
	}
	if len(used) < len(sources)*9/10 {
		t.Errorf("%d sources used, want nearly all %d", len(used), len(sources))
	}
	if float64(late) < 1.5*float64(early) {
		t.Errorf("%d articles in the last five years, %d in the first five: want growth", late, early)
	}
	within(t, "undated share", float64(undated)/float64(n), 0.02, 0.045)
	within(t, "bytes of JSON an article", float64(jsonBytes)/float64(n), 1550, 1950)
	within(t, "copies share (generator)", float64(st.Copies)/float64(n), 0.07, 0.11)
	if undated != st.Undated {
		t.Errorf("undated: read %d, generator says %d", undated, st.Undated)
	}
	if pool.Sample {
		return // paragraphs of the sample repeat too often to tell copies from chance
	}
	dups := nearDuplicates(arts)
	t.Logf("%d articles: %d near-duplicates read back (generator: %d copies), %d undated, %.0f bytes of JSON each",
		n, dups, st.Copies, undated, float64(jsonBytes)/float64(n))
	within(t, "near-duplicate share (read back)", float64(dups)/float64(n), 0.07, 0.11)
}

func within(t *testing.T, what string, got, lo, hi float64) {
	t.Helper()
	if math.IsNaN(got) || got < lo || got > hi {
		t.Errorf("%s: %.4g, want %.4g-%.4g", what, got, lo, hi)
	}
}

// nearDuplicates counts the articles that re-run an earlier one: under
// another source, within maxCopyDelay of it (or both undated), sharing all
// of their paragraphs but at most one (the one whose words changed).
func nearDuplicates(arts []article) int {
	byPara := map[uint64][]int{}
	count := 0
	for i, a := range arts {
		shared := map[int]int{}
		for _, h := range a.paras {
			for _, j := range byPara[h] {
				shared[j]++
			}
		}
		for j, k := range shared {
			b := arts[j]
			if k >= len(a.paras)-1 && b.Source != a.Source && b.Dated() == a.Dated() &&
				(!a.Dated() || a.Published.Sub(b.Published).Abs() <= maxCopyDelay) {
				count++
				break
			}
		}
		for _, h := range a.paras {
			byPara[h] = append(byPara[h], i)
		}
	}
	return count
}

func TestSampleFallback(t *testing.T) {
	for _, dir := range []string{"", t.TempDir()} {
		var warn bytes.Buffer
		pool, err := LoadPool(context.Background(), dir, &warn)
		if err != nil {
			t.Fatal(err)
		}
		if !pool.Sample || pool.Paragraphs() < 100 {
			t.Errorf("dir %q: sample %v with %d paragraphs, want the bundled sample", dir, pool.Sample, pool.Paragraphs())
		}
		if !strings.Contains(warn.String(), "falling back to the bundled sample corpus") {
			t.Errorf("dir %q: message %q", dir, warn.String())
		}
		n := scaled(2000)
		arts, st, _ := readBack(t, pool, Options{Articles: n, Seed: 1})
		if len(arts) != n || st.Copies == 0 {
			t.Errorf("dir %q: %d articles, %d copies", dir, len(arts), st.Copies)
		}
	}
}

// TestLoadPoolRealCorpora reads every corpus, the UN speeches included,
// and checks the pool stays within its bounds.
func TestLoadPoolRealCorpora(t *testing.T) {
	dir := testutil.CorporaDir()
	if dir == "" {
		t.Skip("real corpora folder absent (set READOUT_CORPORA or place ../shared/corpora)")
	}
	if raceEnabled || testing.Short() {
		t.Skip("reads 300 MB of corpora: not under -race or -short")
	}
	var warn bytes.Buffer
	pool, err := LoadPool(context.Background(), dir, &warn)
	if err != nil {
		t.Fatal(err)
	}
	if pool.Sample || len(pool.Files) != len(corporaFiles) || warn.Len() > 0 {
		t.Errorf("files %v, warnings %q: want every corpus", pool.Files, warn.String())
	}
	ungd := 0
	for _, p := range pool.paras {
		if strings.Contains(pool.str(p.text), "General Assembly") {
			ungd++
		}
	}
	t.Logf("pool: %d paragraphs of %d texts, %.1f MB; %d mention the General Assembly",
		pool.Paragraphs(), pool.Docs(), float64(pool.Bytes())/1e6, ungd)
	if pool.Bytes() > MaxPoolBytes || pool.Bytes() < 10<<20 {
		t.Errorf("pool holds %d bytes, want 10 MiB to %d", pool.Bytes(), MaxPoolBytes)
	}
	if ungd < 500 {
		t.Errorf("%d paragraphs mention the General Assembly: the UN speeches are missing", ungd)
	}
}

func TestText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SALVADOR, Feb 26 - Showers continued throughout the week. Cocoa rose.", "Showers continued throughout the week"},
		{"Mr. Smith met U.S. officials in Geneva on Monday. They talked.", "Mr. Smith met U.S. officials in Geneva on Monday"},
		{"Is it over? Nobody knows.", "Is it over?"},
		{"no sentence end here", "no sentence end here"},
		{strings.Repeat("word ", 40), strings.TrimSpace(strings.Repeat("word ", 18))},
	} {
		if got := sentenceTitle(tc.in); got != tc.want {
			t.Errorf("sentenceTitle(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"Oil prices rise, OPEC says!", "oil-prices-rise-opec-says"},
		{"Élan: ça va", "lan-a-va"},
		{"one two three four five six seven eight nine ten", "one-two-three-four-five-six-seven-eight"},
		{"???", "story"},
	} {
		if got := slug(tc.in); got != tc.want {
			t.Errorf("slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		ok   bool
		note string
	}{
		{"The ministers met in Geneva on Monday to discuss the ceasefire, officials said, and agreed to meet again.", true, "prose"},
		{"Shr 1.25 dlrs vs 1.10 dlrs Net 12.5 mln vs 11.0 mln Revs 150.3 mln vs 140.2 mln Avg shrs 10.0 mln vs 9.9 mln", false, "figures"},
		{"U.S. TREASURY SAYS IT WILL AUCTION NINE BILLION DLRS OF TWO-YEAR NOTES NEXT WEEK IN NEW YORK CITY", false, "shouted"},
		{"Too short to use.", false, "short"},
	} {
		if got := usable(tc.in); got != tc.ok {
			t.Errorf("usable(%s) = %v, want %v", tc.note, got, tc.ok)
		}
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := filepath.Join(t.TempDir(), "x.jsonl")
	if _, err := WriteFile(ctx, p, nil, testPool(t), Options{Articles: 5000}); err == nil {
		t.Fatal("cancelled run succeeded")
	}
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Errorf("cancelled run left %s (%v)", p, err)
	}
}

// TestWriteFileIntoPipe: an output that exists and is not a regular file
// (here a named pipe; /dev/null in use) is written to, never replaced by
// the rename that publishes a regular output (a run with --out /dev/null
// once replaced the machine's /dev/null by a regular file).
func TestWriteFileIntoPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	read := make(chan []byte)
	go func() {
		f, err := os.Open(p)
		if err != nil {
			read <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		read <- b
	}()
	pool := testPool(t)
	if _, err := WriteFile(context.Background(), p, nil, pool, Options{Articles: 20, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	got := <-read
	if want := generate(t, pool, Options{Articles: 20, Seed: 3}); !bytes.Equal(got, want) {
		t.Errorf("the pipe read %d bytes, want the %d of the corpus", len(got), len(want))
	}
	fi, err := os.Lstat(p)
	if err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("after the run %s is %v (%v), want the named pipe still", p, fi.Mode(), err)
	}
}
