package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// NodesOptions configures `bench nodes`: the request set timed against
// searchds already running (one machine's, a partitioned cluster's nodes),
// alternating between them, with their answers compared.
type NodesOptions struct {
	Systems     []System // the first is the baseline
	Procs       []Proc   // processes whose CPU seconds and memory are reported
	Words       Words
	DeepPages   int
	ExportRows  int
	Runs        int
	Warmups     int
	LoadTime    time.Duration
	Concurrency []int
	Command     string
	Log         io.Writer
}

// System is one way of answering: a label and the searchd URLs that share
// its requests (round-robin, as a load balancer would).
type System struct {
	Label string   `json:"label"`
	URLs  []string `json:"urls"`
}

// Proc is a process watched from /proc.
type Proc struct {
	Label string `json:"label"`
	PID   int    `json:"pid"`
}

// NodesResult is what `bench nodes` measured.
type NodesResult struct {
	Date     string         `json:"date"`
	Command  string         `json:"command"`
	Machine  Machine        `json:"machine"`
	Systems  []System       `json:"systems"`
	Picks    Picks          `json:"picks"`
	Requests []NodesRequest `json:"requests"`
	Loads    []NodesLoad    `json:"loads"`
	// MemoryMB is each watched process's resident memory at the end, in MB.
	MemoryMB map[string]float64 `json:"memory_mb"`
}

// NodesRequest is one request kind on every system. A system that did not
// answer it (a partitioned node's 501 for an export) has a zero Latency
// and its status in Status.
type NodesRequest struct {
	Kind    string    `json:"kind"`
	Label   string    `json:"label"`
	Latency []Latency `json:"latency"`
	Total   []int     `json:"total"`
	Status  []int     `json:"status"`
	// Diffs says where each system's first answer differs from the
	// baseline's: the total, facet counts, histogram, series, hit ids.
	Diffs [][]string `json:"diffs,omitempty"`
}

// NodesLoad is one system's throughput at one concurrency, and the CPU
// seconds each watched process spent during it.
type NodesLoad struct {
	System string             `json:"system"`
	Load   Load               `json:"load"`
	CPU    map[string]float64 `json:"cpu_seconds"`
}

// multiClient spreads requests over a system's URLs in turn.
type multiClient struct {
	cls  []*Client
	next int
}

func (m *multiClient) get(ctx context.Context, path string, export bool) (Reply, error) {
	c := m.cls[m.next%len(m.cls)]
	m.next++
	return c.Get(ctx, path, export)
}

// Nodes times the request set on every system, alternating run by run,
// then runs each system's loads alone.
func Nodes(ctx context.Context, o NodesOptions) (NodesResult, error) {
	if len(o.Systems) == 0 {
		return NodesResult{}, errors.New("bench nodes: no system to time")
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	logf := func(format string, args ...any) { fmt.Fprintf(o.Log, "bench: "+format+"\n", args...) }
	res := NodesResult{Date: time.Now().UTC().Format("2006-01-02"), Command: o.Command, Machine: ThisMachine(), Systems: o.Systems}
	clients := make([]*multiClient, len(o.Systems))
	for i, s := range o.Systems {
		if len(s.URLs) == 0 {
			return res, fmt.Errorf("bench nodes: system %q has no URL", s.Label)
		}
		clients[i] = &multiClient{}
		for _, u := range s.URLs {
			clients[i].cls = append(clients[i].cls, NewClient(strings.TrimSuffix(u, "/")))
		}
	}
	browse := RequestSet(o.Words, Picks{}, o.DeepPages, o.ExportRows)[0]
	rp, err := clients[0].get(ctx, browse.Path(), false)
	if err != nil {
		return res, err
	}
	start, err := ReadoutAnswer(browse, rp)
	if err != nil {
		return res, fmt.Errorf("%s: %w", o.Systems[0].Label, err)
	}
	res.Picks = Picks{Country: topValue(start.Facets["country"]), Speaker: topValue(start.Facets["speaker"])}
	reqs := RequestSet(o.Words, res.Picks, o.DeepPages, o.ExportRows)
	logf("picks: country %s, speaker %s", res.Picks.Country, res.Picks.Speaker)
	// Each system walks to the deep page with its own cursors.
	deep := slices.IndexFunc(reqs, func(r Request) bool { return r.Kind == KindDeep })
	deepPath := make([]string, len(o.Systems))
	for i, c := range clients {
		page, cursor := 1, any(nil)
		for ; page < reqs[deep].Pages; page++ {
			rp, err := c.get(ctx, pagePath(reqs[deep], cursor), false)
			if err != nil {
				return res, err
			}
			a, err := ReadoutAnswer(reqs[deep], rp)
			if err != nil {
				return res, fmt.Errorf("%s: %w", o.Systems[i].Label, err)
			}
			if a.next == nil {
				break
			}
			cursor = a.next
		}
		deepPath[i] = pagePath(reqs[deep], cursor)
		if i == 0 {
			reqs[deep].Label = fmt.Sprintf("cursor page %d of q=%s, newest first", page, reqs[deep].Q)
		}
	}
	path := func(i int, r Request) string {
		if r.Kind == KindDeep {
			return deepPath[i]
		}
		return r.Path()
	}
	for range o.Warmups {
		for _, r := range reqs {
			for i, c := range clients {
				if _, err := c.get(ctx, path(i, r), r.Export); err != nil {
					return res, err
				}
			}
		}
	}
	for _, r := range reqs {
		nr := NodesRequest{Kind: r.Kind, Label: r.Label, Latency: make([]Latency, len(clients)),
			Total: make([]int, len(clients)), Status: make([]int, len(clients)), Diffs: make([][]string, len(clients))}
		times := make([][]time.Duration, len(clients))
		answers := make([]*Answer, len(clients))
		for range o.Runs {
			for i, c := range clients {
				rp, err := c.get(ctx, path(i, r), r.Export)
				if err != nil {
					return res, err
				}
				nr.Status[i] = rp.Status
				if rp.Status != http.StatusOK {
					continue // not served: reported by its status, not timed
				}
				times[i] = append(times[i], rp.Elapsed)
				if answers[i] == nil {
					a, err := ReadoutAnswer(r, rp)
					if err != nil {
						return res, fmt.Errorf("%s: %w", o.Systems[i].Label, err)
					}
					answers[i] = &a
					nr.Total[i] = a.Total
				}
			}
		}
		for i := range clients {
			nr.Latency[i] = Summarize(times[i])
			if i > 0 && answers[0] != nil && answers[i] != nil {
				nr.Diffs[i] = DiffAnswers(*answers[0], *answers[i])
			}
		}
		var line []string
		for i, s := range o.Systems {
			line = append(line, fmt.Sprintf("%s p50 %.2f ms (status %d, %d hits)", s.Label, nr.Latency[i].P50ms, nr.Status[i], nr.Total[i]))
			for _, d := range nr.Diffs[i] {
				logf("DIFFERENT %s on %s: %s", r.Kind, s.Label, d)
			}
		}
		logf("%-8s %s", r.Kind, strings.Join(line, "; "))
		res.Requests = append(res.Requests, nr)
	}
	for i, s := range o.Systems {
		var paths []string
		for _, r := range reqs {
			if r.Kind != KindExport {
				paths = append(paths, path(i, r))
			}
		}
		for _, conc := range o.Concurrency {
			before := cpuSeconds(o.Procs)
			ld := runLoadOver(ctx, clients[i].cls, paths, conc, o.LoadTime)
			after := cpuSeconds(o.Procs)
			nl := NodesLoad{System: s.Label, Load: ld, CPU: map[string]float64{}}
			for k, v := range after {
				nl.CPU[k] = v - before[k]
			}
			logf("load %s c=%d: %.1f req/s, %d failed", s.Label, conc, ld.RPS, ld.Failed)
			res.Loads = append(res.Loads, nl)
		}
	}
	res.MemoryMB = map[string]float64{}
	for _, p := range o.Procs {
		if v, err := procStatusMB(p.PID, "VmRSS"); err == nil {
			res.MemoryMB[p.Label] = v
		}
	}
	return res, nil
}

// runLoadOver runs a load whose clients each keep to one URL of the
// system, spread evenly, and adds the runs up.
func runLoadOver(ctx context.Context, cls []*Client, paths []string, conc int, d time.Duration) Load {
	loads := make([]Load, len(cls))
	done := make(chan struct{})
	for i, c := range cls {
		n := conc / len(cls)
		if i < conc%len(cls) {
			n++
		}
		go func() {
			defer func() { done <- struct{}{} }()
			if n > 0 {
				loads[i] = c.RunLoad(ctx, paths, n, d, nil)
			}
		}()
	}
	for range cls {
		<-done
	}
	out := Load{Concurrency: conc}
	for _, l := range loads {
		out.Seconds = max(out.Seconds, l.Seconds)
		out.Requests += l.Requests
		out.Failed += l.Failed
		out.Busy += l.Busy
	}
	if out.Seconds > 0 {
		out.RPS = float64(out.Requests) / out.Seconds
	}
	return out
}

// clockTicks is the kernel's USER_HZ, the unit of /proc/PID/stat's times
// (100 on every Linux platform Go supports).
const clockTicks = 100

// cpuSeconds reads each process's user + system CPU time; a process that
// cannot be read is left out.
func cpuSeconds(ps []Proc) map[string]float64 {
	out := map[string]float64{}
	for _, p := range ps {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(p.PID) + "/stat")
		if err != nil {
			continue
		}
		// The command name, in parentheses, may hold spaces: the fields
		// counted start after its closing parenthesis.
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) < 13 {
			continue
		}
		ut, err1 := strconv.ParseFloat(f[11], 64)
		st, err2 := strconv.ParseFloat(f[12], 64)
		if err1 == nil && err2 == nil {
			out[p.Label] = (ut + st) / clockTicks
		}
	}
	return out
}

// DiffAnswers lists where b differs from a: the total, the export's rows,
// each facet's values and counts (all of them: both are Readout and trim
// the same way), the histogram, the series and the page's hit ids.
func DiffAnswers(a, b Answer) []string {
	var notes []string
	add := func(format string, args ...any) { notes = append(notes, fmt.Sprintf(format, args...)) }
	if a.Total != b.Total {
		add("total %d, baseline %d", b.Total, a.Total)
	}
	if a.Rows != b.Rows {
		add("export rows %d, baseline %d", b.Rows, a.Rows)
	}
	names := slices.Sorted(maps.Keys(a.Facets))
	for f := range b.Facets {
		if _, ok := a.Facets[f]; !ok {
			names = append(names, f)
		}
	}
	for _, f := range names {
		if d := diffCounts(b.Facets[f], a.Facets[f], "this", "baseline"); d != "" {
			add("facet %s: %s", f, d)
		}
	}
	if d := diffCounts(b.Months, a.Months, "this", "baseline"); d != "" {
		add("histogram: %s", d)
	}
	if d := diffCounts(b.Series, a.Series, "this", "baseline"); d != "" {
		add("split series: %s", d)
	}
	if !slices.Equal(a.HitIDs, b.HitIDs) {
		i := 0
		for i < len(a.HitIDs) && i < len(b.HitIDs) && a.HitIDs[i] == b.HitIDs[i] {
			i++
		}
		add("hits differ from position %d (%d hits, baseline %d)", i+1, len(b.HitIDs), len(a.HitIDs))
	}
	return notes
}

// WriteNodesReport writes the result as Markdown: the systems, a table of
// each request's p50 and p99 on each (with the p50's ratio to the
// baseline's, and ≠ where an answer differs), the loads with each watched
// process's CPU seconds, and the processes' memory.
func WriteNodesReport(w io.Writer, r NodesResult) error {
	bw := &errWriter{w: w}
	p := bw.printf
	p("%s, %s, on %d CPUs (%s), %.1f GB of memory, %s.\n\n", r.Date, "`"+r.Command+"`", r.Machine.CPUs, r.Machine.CPU, r.Machine.MemoryGB, r.Machine.Go)
	for i, s := range r.Systems {
		role := ""
		if i == 0 {
			role = " (the baseline)"
		}
		p("- **%s**%s: %s\n", s.Label, role, strings.Join(s.URLs, ", "))
	}
	p("\n| request |")
	for _, s := range r.Systems {
		p(" %s p50 ms | p99 |", s.Label)
	}
	p(" hits |\n|---|")
	for range r.Systems {
		p("--:|--:|")
	}
	p("--:|\n")
	var notes []string
	for _, q := range r.Requests {
		p("| %s (%s) |", q.Kind, q.Label)
		for i := range r.Systems {
			if q.Status[i] != 200 {
				p(" not served (%d) | – |", q.Status[i])
				continue
			}
			rel := ""
			if i > 0 && q.Status[0] == 200 {
				rel = " (" + ratio(q.Latency[i].P50ms, q.Latency[0].P50ms) + ")"
			}
			mark := ""
			if len(q.Diffs) > i && len(q.Diffs[i]) > 0 {
				mark = " ≠"
				for _, d := range q.Diffs[i] {
					notes = append(notes, fmt.Sprintf("%s, %s: %s", q.Kind, r.Systems[i].Label, d))
				}
			}
			p(" %s%s%s | %s |", ms(q.Latency[i].P50ms), rel, mark, ms(q.Latency[i].P99ms))
		}
		p(" %d |\n", q.Total[0])
	}
	if len(notes) > 0 {
		p("\n**Answers that differ from the baseline's** (≠):\n\n")
		for _, n := range notes {
			p("- %s\n", n)
		}
	}
	var procs []string
	for _, l := range r.Loads {
		for k := range l.CPU {
			if !slices.Contains(procs, k) {
				procs = append(procs, k)
			}
		}
	}
	slices.Sort(procs)
	p("\n| system | concurrency | requests/s | failed |")
	for _, k := range procs {
		p(" CPU s %s |", k)
	}
	p("\n|---|--:|--:|--:|")
	for range procs {
		p("--:|")
	}
	p("\n")
	for _, l := range r.Loads {
		p("| %s | %d | %.1f | %d |", l.System, l.Load.Concurrency, l.Load.RPS, l.Load.Failed)
		for _, k := range procs {
			p(" %.1f |", l.CPU[k])
		}
		p("\n")
	}
	if len(r.MemoryMB) > 0 {
		p("\nResident memory at the end:")
		for i, k := range slices.Sorted(maps.Keys(r.MemoryMB)) {
			sep := ","
			if i == 0 {
				sep = ""
			}
			p("%s %s %.0f MiB", sep, k, r.MemoryMB[k])
		}
		p(".\n")
	}
	return bw.err
}
