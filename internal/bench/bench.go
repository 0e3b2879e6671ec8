package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/readout/readout/corpus"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
)

// Options configure one run.
type Options struct {
	Repo        string        // module root, where the binaries are built from
	BinDir      string        // prebuilt indexer and searchd; "": build them into the work dir
	Corpus      []string      // corpus files or folders; nil: the bundled sample corpus
	CorpusName  string        // what the report calls the corpus
	WorkDir     string        // index, SQLite file, binaries; "": a temp dir removed at the end
	Runs        int           // timed runs of each request per system
	Warmups     int           // untimed runs of each request before
	DeepPages   int           // the cursor page KindDeep times
	ExportRows  int           // rows an export asks for
	LoadTime    time.Duration // each load run
	Concurrency []int         // load runs; the generation swap happens in the last
	Words       Words
	// Reuse keeps the index, the SQLite database and their build and load
	// figures from an earlier run in the same WorkDir (reuse.json), and
	// only serves and times the requests again: for measuring a change of
	// searchd on a corpus whose build takes a quarter of an hour.
	Reuse bool
	// Rebuild, with Reuse, builds the index again (new build figures) and
	// keeps only the SQLite database: for measuring an indexer change
	// without loading SQLite again (the annotations it was loaded with must
	// be the same: the extraction has not changed).
	Rebuild bool
	// Reload, with Reuse, loads the SQLite database again from the kept
	// index (new load figures): for comparing hit counts after a change of
	// the extraction, whose annotations the database holds.
	Reload  bool
	Command string    // the command line, for the report
	Log     io.Writer // progress and the children's logs; nil: discarded
}

func (o *Options) defaults() {
	if o.Runs <= 0 {
		o.Runs = 30
	}
	if o.Warmups < 0 {
		o.Warmups = 0
	}
	if o.DeepPages <= 0 {
		o.DeepPages = 50
	}
	if o.ExportRows <= 0 {
		o.ExportRows = 100000
	}
	if o.LoadTime <= 0 {
		o.LoadTime = 10 * time.Second
	}
	if len(o.Concurrency) == 0 {
		o.Concurrency = []int{1, 4, 16}
	}
	if o.Words == (Words{}) {
		o.Words = DefaultWords
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.CorpusName == "" {
		o.CorpusName = "sample corpus"
		if len(o.Corpus) > 0 {
			o.CorpusName = filepath.Base(o.Corpus[0])
		}
	}
}

// Run builds, loads, serves and measures one corpus; see the package doc.
func Run(ctx context.Context, o Options) (Result, error) {
	o.defaults()
	res := Result{Corpus: o.CorpusName, Date: time.Now().UTC().Format("2006-01-02"), Command: o.Command,
		Machine: ThisMachine(), Runs: o.Runs, Warmups: o.Warmups}
	work := o.WorkDir
	if work == "" {
		d, err := os.MkdirTemp("", "readout-bench-")
		if err != nil {
			return res, fmt.Errorf("work dir: %w", err)
		}
		defer os.RemoveAll(d)
		work = d
	}
	logf := func(format string, args ...any) { fmt.Fprintf(o.Log, "bench: "+format+"\n", args...) }
	indexer, searchd := filepath.Join(o.BinDir, "indexer"), filepath.Join(o.BinDir, "searchd")
	if o.BinDir == "" {
		logf("building indexer and searchd")
		var err error
		if indexer, searchd, err = BuildBinaries(ctx, o.Repo, filepath.Join(work, "bin")); err != nil {
			return res, err
		}
	}
	indexDir := filepath.Join(work, "index")
	fts, err := prepare(ctx, o, work, indexer, &res, logf)
	if err != nil {
		return res, err
	}
	defer fts.Close()

	sd, err := StartSearchd(ctx, searchd, indexDir, o.Log)
	if err != nil {
		return res, err
	}
	defer sd.Stop()
	m := &measure{o: o, cl: NewClient(sd.URL), fts: fts, logf: logf}
	if err := m.requests(ctx, sd, &res); err != nil {
		return res, err
	}
	if res.SearchdRSSEndMB, err = sd.RSSMB(); err != nil {
		return res, err
	}
	if res.SearchdAnonEndMB, err = sd.AnonMB(); err != nil {
		return res, err
	}
	res.Loads = m.loads(ctx, sd, indexDir)
	if res.SearchdRSSLoadMB, err = sd.RSSMB(); err != nil {
		return res, err
	}
	if res.SearchdAnonLoadMB, err = sd.AnonMB(); err != nil {
		return res, err
	}
	return res, nil
}

// reused is what a run keeps in its work dir for a later run with Reuse.
type reused struct {
	Build        BuildStats  `json:"build"`
	FTSLoad      LoadStats   `json:"fts_load"`
	FTSPeakRSSMB float64     `json:"fts_peak_rss_mb"`
	Source       SourceStats `json:"source"`
}

const reuseFile = "reuse.json"

// prepare builds the index and loads SQLite in work, or with o.Reuse takes
// both, and their figures, from an earlier run there.
func prepare(ctx context.Context, o Options, work, indexer string, res *Result, logf func(string, ...any)) (*FTS, error) {
	indexDir, dbPath := filepath.Join(work, "index"), filepath.Join(work, "fts5.db")
	if o.Reuse {
		b, err := os.ReadFile(filepath.Join(work, reuseFile))
		if err != nil {
			return nil, fmt.Errorf("reuse: nothing to reuse in %s (run once without --reuse): %w", work, err)
		}
		var r reused
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("reuse: %s: %w", reuseFile, err)
		}
		res.Build, res.FTSLoad, res.FTSPeakRSSMB, res.Source = r.Build, r.FTSLoad, r.FTSPeakRSSMB, r.Source
		res.Articles, res.TextBytes = r.Build.Articles, r.Source.TextBytes
		if o.Rebuild {
			if err := rebuild(ctx, o, work, indexer, res, logf); err != nil {
				return nil, err
			}
			r.Build = res.Build
			if err := writeReused(work, r); err != nil {
				return nil, err
			}
		}
		if o.Reload {
			if err := os.RemoveAll(dbPath); err != nil {
				return nil, fmt.Errorf("work dir: %w", err)
			}
			logf("loading SQLite FTS5 again from the index of %s", work)
			res.Source = SourceStats{} // counted again by the load, not added to the kept run's
			fts, err := loadFTS(ctx, o, indexDir, dbPath, res)
			if err != nil {
				return nil, err
			}
			if res.FTSLoad.Docs != res.Articles {
				fts.Close()
				return nil, fmt.Errorf("reload: %d articles loaded; the index holds %d (another corpus?)", res.FTSLoad.Docs, res.Articles)
			}
			res.TextBytes = res.Source.TextBytes
			r.FTSLoad, r.FTSPeakRSSMB, r.Source = res.FTSLoad, res.FTSPeakRSSMB, res.Source
			if err := writeReused(work, r); err != nil {
				fts.Close()
				return nil, err
			}
			logf("FTS5 loaded %d articles in %.1f s", res.FTSLoad.Docs, res.FTSLoad.Seconds)
			return fts, nil
		}
		logf("reusing the SQLite database of %s (%d articles)", work, res.Articles)
		return OpenFTS(dbPath)
	}
	// A fresh index and database each run, also in a kept work dir.
	for _, p := range []string{indexDir, dbPath, filepath.Join(work, reuseFile)} {
		if err := os.RemoveAll(p); err != nil {
			return nil, fmt.Errorf("work dir: %w", err)
		}
	}
	logf("indexer build into %s", indexDir)
	var err error
	if res.Build, err = RunIndexer(ctx, indexer, o.Corpus, indexDir, o.Log); err != nil {
		return nil, err
	}
	res.Articles = res.Build.Articles
	logf("built %d articles in %.1f s; loading SQLite FTS5", res.Articles, res.Build.Seconds)
	fts, err := loadFTS(ctx, o, indexDir, dbPath, res)
	if err != nil {
		return nil, err
	}
	res.TextBytes = res.Source.TextBytes
	logf("FTS5 loaded %d articles in %.1f s", res.FTSLoad.Docs, res.FTSLoad.Seconds)
	if err := writeReused(work, reused{res.Build, res.FTSLoad, res.FTSPeakRSSMB, res.Source}); err != nil {
		fts.Close()
		return nil, err
	}
	return fts, nil
}

// writeReused keeps r in work for a later run with Reuse.
func writeReused(work string, r reused) error {
	b, err := json.Marshal(r)
	if err == nil {
		err = os.WriteFile(filepath.Join(work, reuseFile), b, 0o644)
	}
	if err != nil {
		return fmt.Errorf("work dir: %s: %w", reuseFile, err)
	}
	return nil
}

// rebuild builds the index of a reused work dir again, into res.Build; the
// corpus must be the one the kept database was loaded from.
func rebuild(ctx context.Context, o Options, work, indexer string, res *Result, logf func(string, ...any)) error {
	indexDir := filepath.Join(work, "index")
	if err := os.RemoveAll(indexDir); err != nil {
		return fmt.Errorf("work dir: %w", err)
	}
	logf("indexer build into %s (the SQLite database is kept)", indexDir)
	b, err := RunIndexer(ctx, indexer, o.Corpus, indexDir, o.Log)
	if err != nil {
		return err
	}
	if b.Articles != res.Articles {
		return fmt.Errorf("rebuild: %d articles built; the kept SQLite database holds %d (another corpus?)", b.Articles, res.Articles)
	}
	res.Build = b
	return nil
}

// loadFTS loads the corpus, with the annotations stored in the built
// generation, into a new SQLite database, and measures the bench process's
// peak memory over it.
func loadFTS(ctx context.Context, o Options, indexDir, dbPath string, res *Result) (*FTS, error) {
	store, err := index.OpenStore(indexDir)
	if err != nil {
		return nil, err
	}
	info, err := store.Current()
	if err != nil {
		return nil, err
	}
	gen, err := index.OpenGeneration(info)
	if err != nil {
		return nil, err
	}
	defer gen.Close()
	inputs := []ingest.Input{ingest.FSInput("corpus", corpus.FS, ".")}
	if len(o.Corpus) > 0 {
		inputs = inputs[:0]
		for _, c := range o.Corpus {
			inputs = append(inputs, ingest.OSInput(c))
		}
	}
	fts, err := OpenFTS(dbPath)
	if err != nil {
		return nil, err
	}
	resetPeakRSS()
	res.FTSLoad, err = fts.Load(ctx, CorpusDocs(ctx, inputs, gen.Index, &res.Source))
	if err != nil {
		fts.Close()
		return nil, err
	}
	res.FTSPeakRSSMB, _ = procStatusMB(0, "VmHWM")
	return fts, nil
}

type measure struct {
	o    Options
	cl   *Client
	fts  *FTS
	logf func(string, ...any)
	reqs []Request
	// the cursor and keyset of the page KindDeep times, and its number
	roCursor, ftsKey any
	paths            []string
}

// requests picks the set's values from the start page, warms both
// systems up, and times every request on both, alternating.
func (m *measure) requests(ctx context.Context, sd *Searchd, res *Result) error {
	browse := RequestSet(m.o.Words, Picks{}, m.o.DeepPages, m.o.ExportRows)[0]
	rp, err := m.cl.Get(ctx, browse.Path(), false)
	if err != nil {
		return err
	}
	firstBrowse := rp.Elapsed
	start, err := ReadoutAnswer(browse, rp)
	if err != nil {
		return err
	}
	res.Picks = Picks{Country: topValue(start.Facets["country"]), Speaker: topValue(start.Facets["speaker"])}
	m.reqs = RequestSet(m.o.Words, res.Picks, m.o.DeepPages, m.o.ExportRows)
	m.logf("picks: country %s, speaker %s", res.Picks.Country, res.Picks.Speaker)
	deepNotes, err := m.deepSetup(ctx)
	if err != nil {
		return err
	}
	// Each request's first answer: the first warm-up's, or the first
	// timed run's without warm-ups.
	first := make([]time.Duration, len(m.reqs))
	for w := range m.o.Warmups {
		for i, r := range m.reqs {
			d, err := m.once(ctx, r)
			if err != nil {
				return err
			}
			if w == 0 {
				first[i] = d
			}
		}
	}
	if res.SearchdRSSWarmMB, err = sd.RSSMB(); err != nil {
		return err
	}
	if res.SearchdAnonWarmMB, err = sd.AnonMB(); err != nil {
		return err
	}
	var floor []time.Duration
	for range m.o.Runs {
		rp, err := m.cl.Get(ctx, "/healthz", false)
		if err != nil {
			return err
		}
		floor = append(floor, rp.Elapsed)
	}
	res.HTTPFloor = Summarize(floor)
	for j, r := range m.reqs {
		rr := RequestResult{Kind: r.Kind, Label: r.Label}
		var ro, ft []time.Duration
		var roA, ftA Answer
		for i := range m.o.Runs {
			a, d, err := m.readout(ctx, r)
			if err != nil {
				return err
			}
			ro = append(ro, d)
			b, e, err := m.sqlite(ctx, r)
			if err != nil {
				return err
			}
			ft = append(ft, e)
			if i == 0 {
				roA, ftA = a, b
			}
		}
		rr.Readout, rr.FTS = Summarize(ro), Summarize(ft)
		if m.o.Warmups == 0 {
			first[j] = ro[0]
		}
		if j == 0 && r.Path() == browse.Path() {
			first[j] = firstBrowse // the request values were picked from
		}
		rr.ReadoutFirstMs = float64(first[j]) / float64(time.Millisecond)
		rr.ReadoutTotal, rr.FTSTotal = roA.Total, ftA.Total
		rr.Mismatches = Compare(r, roA, ftA)
		if r.Kind == KindDeep {
			rr.Mismatches = append(rr.Mismatches, deepNotes...)
		}
		m.logf("%-8s Readout p50 %8.2f ms  FTS5 p50 %8.2f ms  hits %d / %d", r.Kind, rr.Readout.P50ms, rr.FTS.P50ms, rr.ReadoutTotal, rr.FTSTotal)
		for _, n := range rr.Mismatches {
			m.logf("MISMATCH %s: %s", r.Kind, n)
		}
		res.Requests = append(res.Requests, rr)
	}
	return nil
}

// deepSetup walks both systems to the page KindDeep times (or the last
// page, when there are fewer), and says where they stopped if apart.
func (m *measure) deepSetup(ctx context.Context) ([]string, error) {
	i := slices.IndexFunc(m.reqs, func(r Request) bool { return r.Kind == KindDeep })
	r := m.reqs[i]
	roPage, ftPage := 1, 1
	var roCur, ftCur any
	for ; roPage < r.Pages; roPage++ {
		rp, err := m.cl.Get(ctx, pagePath(r, roCur), false)
		if err != nil {
			return nil, err
		}
		a, err := ReadoutAnswer(r, rp)
		if err != nil {
			return nil, err
		}
		if a.next == nil {
			break
		}
		roCur = a.next
	}
	for ; ftPage < r.Pages; ftPage++ {
		a, err := m.fts.Run(ctx, r, ftCur)
		if err != nil {
			return nil, err
		}
		if a.next == nil {
			break
		}
		ftCur = a.next
	}
	m.roCursor, m.ftsKey = roCur, ftCur
	m.reqs[i].Label = fmt.Sprintf("cursor page %d of q=%s, newest first", roPage, r.Q)
	if roPage != ftPage {
		return []string{fmt.Sprintf("pages: Readout reached page %d, FTS5 page %d", roPage, ftPage)}, nil
	}
	return nil, nil
}

// once sends r to both systems, untimed but for Readout's time.
func (m *measure) once(ctx context.Context, r Request) (time.Duration, error) {
	_, d, err := m.readout(ctx, r)
	if err != nil {
		return d, err
	}
	_, _, err = m.sqlite(ctx, r)
	return d, err
}

func (m *measure) readout(ctx context.Context, r Request) (Answer, time.Duration, error) {
	p := r.Path()
	if r.Kind == KindDeep {
		p = pagePath(r, m.roCursor)
	}
	rp, err := m.cl.Get(ctx, p, r.Export)
	if err != nil {
		return Answer{}, 0, err
	}
	a, err := ReadoutAnswer(r, rp)
	return a, rp.Elapsed, err
}

func (m *measure) sqlite(ctx context.Context, r Request) (Answer, time.Duration, error) {
	var after any
	if r.Kind == KindDeep {
		after = m.ftsKey
	}
	t0 := time.Now()
	a, err := m.fts.Run(ctx, r, after)
	return a, time.Since(t0), err
}

// loads runs the mix of requests (all but the export) at each concurrency;
// during the last, a copy of the generation is published and searchd told
// to reload.
func (m *measure) loads(ctx context.Context, sd *Searchd, indexDir string) []Load {
	var paths []string
	for _, r := range m.reqs {
		switch r.Kind {
		case KindExport:
		case KindDeep:
			paths = append(paths, pagePath(r, m.roCursor))
		default:
			paths = append(paths, r.Path())
		}
	}
	var out []Load
	for i, c := range m.o.Concurrency {
		var swapTo string
		var during func()
		swapped := make(chan float64, 1) // seconds from SIGHUP to served; -1: not within swapWait
		if i == len(m.o.Concurrency)-1 {
			during = func() {
				name, err := PublishCopy(indexDir)
				if err != nil {
					m.logf("generation swap: %v", err)
					return
				}
				swapTo = name
				t0 := time.Now()
				if err := sd.Reload(); err != nil {
					m.logf("generation swap: %v", err)
				}
				go func() {
					if m.waitGeneration(ctx, name, swapWait) {
						swapped <- time.Since(t0).Seconds()
						return
					}
					swapped <- -1
				}()
			}
		}
		ld := m.cl.RunLoad(ctx, paths, c, m.o.LoadTime, during)
		if swapTo != "" {
			ld.SwapTo = swapTo
			if sec := <-swapped; sec >= 0 {
				ld.SwapServed, ld.SwapSeconds = true, sec
			}
		}
		m.logf("load c=%d: %.1f req/s, %d failed (%d of them 429)", c, ld.RPS, ld.Failed, ld.Busy)
		out = append(out, ld)
	}
	return out
}

// swapWait is how long the load's generation swap may take to be served
// (searchd builds the new generation's column tables before it swaps).
const swapWait = 3 * time.Minute

// waitGeneration says whether searchd serves gen within d.
func (m *measure) waitGeneration(ctx context.Context, gen string, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		rp, err := m.cl.Get(ctx, "/readyz", false)
		if err == nil && rp.Status == http.StatusOK {
			var st struct {
				Generation string `json:"generation"`
			}
			if json.Unmarshal(rp.Body, &st) == nil && st.Generation == gen {
				return true
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

// topValue is the value with the highest count (the smallest value among
// equals).
func topValue(counts map[string]int) string {
	best, bestN := "", -1
	for _, v := range slices.Sorted(maps.Keys(counts)) {
		if counts[v] > bestN {
			best, bestN = v, counts[v]
		}
	}
	return best
}
