package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
)

// Machine is what the run ran on.
type Machine struct {
	CPUs     int     `json:"cpus"`
	MemoryGB float64 `json:"memory_gb"`
	CPU      string  `json:"cpu"`
	Go       string  `json:"go"`
}

// ThisMachine describes this machine from /proc (Linux).
func ThisMachine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), Go: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb float64
		if _, err := fmt.Sscanf(string(b), "MemTotal: %f kB", &kb); err == nil {
			m.MemoryGB = kb / (1 << 20)
		}
	}
	return m
}

// RequestResult is one request kind on both systems.
type RequestResult struct {
	Kind    string  `json:"kind"`
	Label   string  `json:"label"`
	Readout Latency `json:"readout"`
	FTS     Latency `json:"fts5"`
	// ReadoutFirstMs is Readout's first answer to the request, in the
	// first warm-up round: before searchd's caches hold it.
	ReadoutFirstMs float64  `json:"readout_first_ms,omitempty"`
	ReadoutTotal   int      `json:"readout_total"`
	FTSTotal       int      `json:"fts5_total"`
	Mismatches     []string `json:"mismatches,omitempty"`
}

// Result is everything one `bench run` measured for one corpus.
type Result struct {
	Corpus    string  `json:"corpus"`
	Articles  int     `json:"articles"`
	TextBytes int64   `json:"text_bytes"` // title + body bytes of the articles indexed
	Date      string  `json:"date"`
	Command   string  `json:"command"`
	Machine   Machine `json:"machine"`
	Runs      int     `json:"runs"`
	Warmups   int     `json:"warmups"`

	Build   BuildStats  `json:"build"`
	Source  SourceStats `json:"source"` // the corpus with the stored annotations, for FTS5
	FTSLoad LoadStats   `json:"fts5_load"`
	// Memory figures (…MB, *_mb) are MiB (kilobytes from the kernel over
	// 1,024), written as MiB; sizes on disk and of text are 10⁶ bytes (MB).
	FTSPeakRSSMB     float64 `json:"fts5_peak_rss_mb"` // the bench process's, over the load
	SearchdRSSWarmMB float64 `json:"searchd_rss_warm_mb"`
	SearchdRSSEndMB  float64 `json:"searchd_rss_end_mb"`
	SearchdRSSLoadMB float64 `json:"searchd_rss_load_mb"` // after the load runs
	// The anonymous part of each (RssAnon: heap, column tables); the rest
	// is the index's files mapped, pages the kernel reclaims under pressure.
	SearchdAnonWarmMB float64 `json:"searchd_anon_warm_mb,omitempty"`
	SearchdAnonEndMB  float64 `json:"searchd_anon_end_mb,omitempty"`
	SearchdAnonLoadMB float64 `json:"searchd_anon_load_mb,omitempty"`

	HTTPFloor Latency `json:"http_floor"` // GET /healthz on the same client: what HTTP alone costs

	Picks    Picks           `json:"picks"`
	Requests []RequestResult `json:"requests"`
	Loads    []Load          `json:"loads"`
}

func mb(b int64) float64 { return float64(b) / 1e6 }

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func ms(x float64) string {
	switch {
	case x == 0:
		return "–"
	case x < 10:
		return fmt.Sprintf("%.2f", x)
	case x < 100:
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.0f", x)
}

// WriteReport writes the result as Markdown: the run, the build and load
// figures, the request table (hit counts of both systems, ≠ where they
// differ, the differences listed under it), and the load runs.
func WriteReport(w io.Writer, r Result) error {
	bw := &errWriter{w: w}
	p := bw.printf
	p("### %s: %d articles (%.1f MB of text)\n\n", r.Corpus, r.Articles, mb(r.TextBytes))
	p("%s, %s, on %d CPUs (%s), %.1f GB of memory, %s.\n\n", r.Date, "`"+r.Command+"`", r.Machine.CPUs, r.Machine.CPU, r.Machine.MemoryGB, r.Machine.Go)
	p("| build | Readout (indexer) | SQLite FTS5 |\n|---|---|---|\n")
	text := float64(r.TextBytes)
	b, l := r.Build, r.FTSLoad
	p("| wall time | %.1f s | %.1f s |\n", b.Seconds, l.Seconds)
	p("| docs/s | %.0f | %.0f |\n", float64(b.Articles)/b.Seconds, float64(l.Docs)/l.Seconds)
	p("| MB/s of text | %.2f | %.2f |\n", mb(r.TextBytes)/b.Seconds, mb(r.TextBytes)/l.Seconds)
	p("| CPU seconds | %.1f | (in the bench process) |\n", b.CPUSeconds)
	p("| peak RSS | %.0f MiB%s | %.0f MiB (the bench process) |\n", b.PeakRSSMB, anonPart(b.PeakAnonMB, "at most "), r.FTSPeakRSSMB)
	p("| on disk | %.1f MB, %s the text | %.1f MB, %s the text |\n", mb(b.IndexBytes), ratio(float64(b.IndexBytes), text), mb(l.DBBytes), ratio(float64(l.DBBytes), text))
	p("\nFTS5 loads Readout's own annotations, read from the generation's stored fields in %.1f s (within its load time); %d quotes, %d facet rows.\n",
		r.Source.Seconds, l.Quotes, l.Facets)
	p("searchd resident memory: %.0f MiB after warm-up%s, %.0f MiB after the request set%s, %.0f MiB after the load runs%s",
		r.SearchdRSSWarmMB, anonPart(r.SearchdAnonWarmMB, ""), r.SearchdRSSEndMB, anonPart(r.SearchdAnonEndMB, ""),
		r.SearchdRSSLoadMB, anonPart(r.SearchdAnonLoadMB, ""))
	p(".\n")
	if r.SearchdAnonWarmMB > 0 || b.PeakAnonMB > 0 {
		p("Anonymous memory is the heap (in searchd, with the column tables); the rest of the resident memory is the index's files mapped, pages the kernel reclaims under memory pressure.\n")
	}
	p("\n")

	p("| request | Readout p50 ms | p99 | first | FTS5 p50 ms | p99 | hits Readout | hits FTS5 |\n|---|--:|--:|--:|--:|--:|--:|--:|\n")
	var notes []string
	for _, q := range r.Requests {
		mark := ""
		if len(q.Mismatches) > 0 {
			mark = " ≠"
			for _, m := range q.Mismatches {
				notes = append(notes, q.Kind+": "+m)
			}
		}
		first := "–"
		if q.ReadoutFirstMs > 0 {
			first = ms(q.ReadoutFirstMs)
		}
		p("| %s (%s) | %s | %s | %s | %s | %s | %d | %d%s |\n", q.Kind, q.Label, ms(q.Readout.P50ms), ms(q.Readout.P99ms),
			first, ms(q.FTS.P50ms), ms(q.FTS.P99ms), q.ReadoutTotal, q.FTSTotal, mark)
	}
	p("\n%d runs of each request after %d warm-ups, the two systems alternating. Readout is timed over loopback HTTP, "+
		"to the end of the answer's body (GET /healthz on the same client: p50 %s ms, the floor of HTTP alone); "+
		"SQLite in the bench process, to the last row read, with no HTTP and no JSON of the answer (an export's rows are encoded). "+
		"The p50 and p99 are those of a warm searchd, whose caches hold each request's aggregates; *first* is Readout's first "+
		"answer to the request, before they do (the start page's is the request the bench picks its values from; the deep page's "+
		"follows the walk of the pages before it).\n",
		r.Runs, r.Warmups, ms(r.HTTPFloor.P50ms))
	if len(notes) > 0 {
		p("\n**Differences between the two systems** (≠):\n\n")
		for _, n := range notes {
			p("- %s\n", n)
		}
	}
	p("\n| concurrency | requests/s | answered | failed | of them 429 | generation swap |\n|--:|--:|--:|--:|--:|---|\n")
	for _, ld := range r.Loads {
		swap := "–"
		if ld.SwapTo != "" {
			swap = "to " + ld.SwapTo
			switch {
			case !ld.SwapServed:
				swap += fmt.Sprintf(" (NOT served within %.0f s)", swapWait.Seconds())
			case ld.SwapSeconds > 0:
				swap += fmt.Sprintf(", served %.1f s after SIGHUP", ld.SwapSeconds)
			}
		}
		p("| %d | %.1f | %d | %d | %d | %s |\n", ld.Concurrency, ld.RPS, ld.Requests, ld.Failed, ld.Busy, swap)
	}
	p("\nThe load runs send every request of the set but the export, round-robin, for %.0f s each; 429 `too_busy` is searchd's cost budget refusing an expensive request that found no free slot. "+
		"Halfway through the last, the bench publishes a hard-linked copy of the served generation as the next one (CURRENT renamed over, as the indexer publishes) and sends searchd SIGHUP.\n",
		loadSeconds(r.Loads))
	return bw.err
}

func loadSeconds(ls []Load) float64 {
	if len(ls) == 0 {
		return 0
	}
	return ls[0].Seconds
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// Markers around one corpus size's section of docs/benchmarks.md.
const (
	sectionBegin = "<!-- bench run: articles=%d -->"
	sectionEnd   = "<!-- end bench run -->"
)

const docsHeader = `# Benchmarks

Written by ` + "`bench run`" + ` (cmd/bench, internal/bench): one section per archive size,
each from one run that builds the index with the indexer, serves it with
searchd, and times the same requests on Readout over HTTP and on SQLite FTS5
(modernc.org/sqlite, in the bench process) loaded with the same articles and
Readout's extracted entities, alternating the two. A new run of the same size
replaces its section; the figures of every size are kept in
[benchmarks.json](benchmarks.json), from which the plot is drawn.

` + "```sh" + `
go run ./cmd/bench run --corpus ../shared/corpora/reuters21578.jsonl.gz --name Reuters-21578
go run ./cmd/bench run --plot-only   # redraw the plot from docs/benchmarks.json
` + "```" + `

![p50 latency against archive size](benchmarks-latency.svg)
`

// MergeSection puts section between the markers of its article count in
// doc: it replaces that size's section when there is one, and otherwise
// inserts it before the first larger size (or at the end). An empty doc
// starts with the file's header.
func MergeSection(doc string, articles int, section string) string {
	if strings.TrimSpace(doc) == "" {
		doc = docsHeader
	}
	begin := fmt.Sprintf(sectionBegin, articles)
	block := begin + "\n" + strings.TrimRight(section, "\n") + "\n" + sectionEnd + "\n"
	if i := strings.Index(doc, begin); i >= 0 {
		if j := strings.Index(doc[i:], sectionEnd); j >= 0 {
			end := i + j + len(sectionEnd)
			if end < len(doc) && doc[end] == '\n' {
				end++
			}
			return doc[:i] + block + doc[end:]
		}
	}
	// Insert before the first section of a larger archive.
	rest := doc
	off := 0
	for {
		k := strings.Index(rest, "<!-- bench run: articles=")
		if k < 0 {
			break
		}
		var n int
		if _, err := fmt.Sscanf(rest[k:], sectionBegin, &n); err == nil && n > articles {
			at := off + k
			return doc[:at] + block + "\n" + doc[at:]
		}
		off += k + 1
		rest = doc[off:]
	}
	return strings.TrimRight(doc, "\n") + "\n\n" + block
}

// WriteDocs merges the result's section into the Markdown file at path.
func WriteDocs(path string, r Result) error {
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("read %s: %w", path, err)
	}
	var sec bytes.Buffer
	if err := WriteReport(&sec, r); err != nil {
		return err
	}
	doc := MergeSection(string(old), r.Articles, sec.String())
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// ReadResults reads a results file; a missing file is no results.
func ReadResults(path string) ([]Result, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read results: %w", err)
	}
	var rs []Result
	if err := json.Unmarshal(b, &rs); err != nil {
		return nil, fmt.Errorf("read results %s: %w", path, err)
	}
	return rs, nil
}

// AppendResult adds r to the results file at path, replacing an earlier
// result of the same article count, sorted by article count.
func AppendResult(path string, r Result) ([]Result, error) {
	rs, err := ReadResults(path)
	if err != nil {
		return nil, err
	}
	rs = slices.DeleteFunc(rs, func(o Result) bool { return o.Articles == r.Articles })
	rs = append(rs, r)
	slices.SortFunc(rs, func(a, b Result) int { return a.Articles - b.Articles })
	b, err := json.MarshalIndent(rs, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("write results: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("write results: %w", err)
	}
	return rs, nil
}

// anonPart is " (N MiB anonymous)" for a measured anonymous size, or
// nothing (runs before it was measured).
func anonPart(mb float64, qual string) string {
	if mb <= 0 {
		return ""
	}
	return fmt.Sprintf(" (%s%.0f MiB anonymous)", qual, mb)
}
