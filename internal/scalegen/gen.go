package scalegen

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/go-json-experiment/json"
)

// Defaults of Options.
const (
	DefaultCopyShare    = 0.09
	DefaultUndatedShare = 0.03
)

// Shape of the articles.
const (
	minParas = 3
	maxParas = 8
	// bodyTarget is the mean body size aimed at, in bytes; with the other
	// fields a record is about 1.75 KB of JSON.
	bodyTarget = 1560
	// ringSize is how many recent original stories syndicated copies are
	// drawn from.
	ringSize = 256
	// maxCopyDelay is the latest a copy runs after its original.
	maxCopyDelay = 4 * 24 * time.Hour
	firstYear    = 2000
	lastYear     = 2024
	// yearGrowth is the yearly growth of the number of articles, relative
	// to 2000 (2024 has 1+24×yearGrowth times as many).
	yearGrowth = 0.08
)

// Options say what to generate.
type Options struct {
	Articles int    // articles to write
	Seed     uint64 // the same seed (with the same pool) gives the same bytes
	// CopyShare is the share of articles that are syndicated copies of a
	// recent story; 0 means DefaultCopyShare, a negative value none.
	CopyShare float64
	// UndatedShare is the share of original articles without a date; 0
	// means DefaultUndatedShare, a negative value none.
	UndatedShare float64
	// Progress, when set, is called with the number of articles written
	// every ProgressEvery articles and at the end.
	Progress func(n int)
}

// ProgressEvery is how often Options.Progress is called, in articles.
const ProgressEvery = 10_000

// Stats counts what Generate wrote.
type Stats struct {
	Articles int   // records written
	Copies   int   // of which syndicated copies
	Undated  int   // records without a date
	Bytes    int64 // bytes of JSON Lines written (before any compression)
}

// record is one output line, fields in the corpora's order.
type record struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	Published string `json:"published,omitempty"`
	Source    string `json:"source"`
	URL       string `json:"url,omitempty"`
	Language  string `json:"language"`
}

// story is what a syndicated copy needs of its original.
type story struct {
	paras     [maxParas]uint32
	n         int
	title     string
	fromTitle bool // the title is the source text's, not a sentence
	published time.Time
	source    int
}

// generator makes one article after another; its memory does not depend on
// how many it makes.
type generator struct {
	pool    *Pool
	rng     *rand.Rand
	opts    Options
	ring    [ringSize]story
	ringN   int // stories in the ring (at most ringSize)
	ringAt  int // next slot to overwrite
	seq     int
	body    strings.Builder
	srcCDF  []float64
	yearCDF []float64
}

func newGenerator(pool *Pool, opts Options) *generator {
	if opts.CopyShare == 0 {
		opts.CopyShare = DefaultCopyShare
	}
	if opts.UndatedShare == 0 {
		opts.UndatedShare = DefaultUndatedShare
	}
	g := &generator{
		pool: pool,
		rng:  rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5ca1e9e4)),
		opts: opts,
	}
	// Sources: a few large outlets and a long tail (weights 1/(i+1)^0.7).
	g.srcCDF = cdf(len(sources), func(i int) float64 { return 1 / math.Pow(float64(i+1), 0.7) })
	g.yearCDF = cdf(lastYear-firstYear+1, func(i int) float64 { return 1 + yearGrowth*float64(i) })
	return g
}

// cdf returns the cumulative distribution of n weights, normalised to 1.
func cdf(n int, weight func(int) float64) []float64 {
	out := make([]float64, n)
	sum := 0.0
	for i := range out {
		sum += weight(i)
		out[i] = sum
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

func (g *generator) pick(cdf []float64) int {
	u := g.rng.Float64()
	for i, c := range cdf {
		if u < c {
			return i
		}
	}
	return len(cdf) - 1
}

// next returns the next record and whether it is a syndicated copy.
func (g *generator) next() (record, bool) {
	g.seq++
	id := fmt.Sprintf("scale-%09d", g.seq)
	if g.ringN > 0 && g.rng.Float64() < g.opts.CopyShare {
		return g.syndicate(id), true
	}
	return g.original(id), false
}

// original assembles a new story: consecutive paragraphs of one source
// text from a random paragraph (or from its start), continued with those
// of other source texts until the body reaches its target size.
func (g *generator) original(id string) record {
	var s story
	target := g.bodySize()
	size := 0
	first := true
	for s.n < maxParas && (s.n < minParas || size < target) {
		p := g.rng.IntN(len(g.pool.paras))
		d := g.pool.docs[g.pool.paras[p].doc]
		if first && d.title.n > 0 && g.rng.IntN(2) == 0 {
			p = int(d.first) // from the top, so that its title fits
		}
		for ; p < int(d.first+d.n) && s.n < maxParas && (s.n < minParas || size < target); p++ {
			if first {
				s.fromTitle = p == int(d.first) && d.title.n > 0 && g.rng.IntN(5) < 3
				if s.fromTitle {
					s.title = g.pool.str(d.title)
				}
				first = false
			}
			s.paras[s.n] = uint32(p)
			s.n++
			size += int(g.pool.paras[p].text.n) + 2
		}
	}
	if !s.fromTitle {
		s.title = sentenceTitle(g.pool.str(g.pool.paras[s.paras[0]].text))
	}
	s.source = g.pick(g.srcCDF)
	if g.opts.UndatedShare < 0 || g.rng.Float64() >= g.opts.UndatedShare {
		s.published = g.date()
	}
	g.ring[g.ringAt] = s
	g.ringAt = (g.ringAt + 1) % ringSize
	g.ringN = min(g.ringN+1, ringSize)
	return g.record(id, &s, -1)
}

// bodySize draws a body size: a log-normal around bodyTarget, bounded.
func (g *generator) bodySize() int {
	const sigma = 0.45
	v := bodyTarget * math.Exp(sigma*g.rng.NormFloat64()-sigma*sigma/2)
	return int(min(max(v, 400), 5000))
}

// date draws a publication time: a year weighted by yearCDF, then any
// second of it.
func (g *generator) date() time.Time {
	y := firstYear + g.pick(g.yearCDF)
	start := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC)
	return start.Add(time.Duration(g.rng.Int64N(int64(end.Sub(start)/time.Second))) * time.Second)
}

// syndicate re-runs a recent story under another source a few hours to a
// few days later, lightly edited: a paragraph dropped or two swapped, a few
// words changed, the other kind of title.
func (g *generator) syndicate(id string) record {
	orig := &g.ring[g.rng.IntN(g.ringN)]
	s := *orig
	if s.n > minParas && g.rng.IntN(2) == 0 {
		k := 1 + g.rng.IntN(s.n-1)
		copy(s.paras[k:], s.paras[k+1:s.n])
		s.n--
	}
	if s.n > 2 && g.rng.IntN(2) == 0 {
		k := 1 + g.rng.IntN(s.n-2)
		s.paras[k], s.paras[k+1] = s.paras[k+1], s.paras[k]
	}
	s.title = g.copyTitle(orig, &s)
	for s.source == orig.source {
		s.source = g.pick(g.srcCDF)
	}
	if !s.published.IsZero() {
		s.published = s.published.Add(time.Hour + time.Duration(g.rng.Int64N(int64(maxCopyDelay-time.Hour))))
		if s.published.Year() > lastYear {
			s.published = orig.published.Add(-(s.published.Sub(orig.published)))
		}
	}
	return g.record(id, &s, g.rng.IntN(s.n))
}

// copyTitle gives a copy the other kind of title than its original's: the
// first sentence for a source title, else a shorter cut of the sentence or
// a sentence of the second paragraph.
func (g *generator) copyTitle(orig, s *story) string {
	lead := g.pool.str(g.pool.paras[s.paras[0]].text)
	if orig.fromTitle {
		if t := sentenceTitle(lead); t != orig.title {
			return t
		}
	}
	if t := trimAt(orig.title, 60+g.rng.IntN(20)); t != orig.title {
		return t
	}
	if s.n > 1 {
		if t := sentenceTitle(g.pool.str(g.pool.paras[s.paras[1]].text)); t != orig.title {
			return t
		}
	}
	return "Update: " + orig.title
}

// record writes out a story; edit is the index of the paragraph whose words
// are changed (-1: none).
func (g *generator) record(id string, s *story, edit int) record {
	g.body.Reset()
	for i := range s.n {
		if i > 0 {
			g.body.WriteString("\n\n")
		}
		t := g.pool.str(g.pool.paras[s.paras[i]].text)
		if i == edit {
			t = g.swapWords(t, 1+g.rng.IntN(3))
		}
		g.body.WriteString(t)
	}
	src := sources[s.source]
	r := record{ID: id, Title: s.title, Body: g.body.String(), Source: src.name, Language: "en"}
	if !s.published.IsZero() {
		r.Published = s.published.Format(time.RFC3339)
	}
	if !src.wire {
		if s.published.IsZero() {
			r.URL = fmt.Sprintf("https://www.%s/news/%s", src.host, id)
		} else {
			r.URL = fmt.Sprintf("https://www.%s/%s/%s-%s", src.host, s.published.Format("2006/01/02"), slug(s.title), id[len("scale-"):])
		}
	}
	return r
}

// swapWords changes up to n words of t found in swaps.
func (g *generator) swapWords(t string, n int) string {
	words := strings.Split(t, " ")
	var at []int
	for i, w := range words {
		if _, ok := swaps[w]; ok {
			at = append(at, i)
		}
	}
	for ; n > 0 && len(at) > 0; n-- {
		k := g.rng.IntN(len(at))
		words[at[k]] = swaps[words[at[k]]]
		at = append(at[:k], at[k+1:]...)
	}
	return strings.Join(words, " ")
}

// Generate writes opts.Articles records to w, one JSON object a line, and
// returns what it wrote. It stops with ctx's error when ctx ends.
func Generate(ctx context.Context, w io.Writer, pool *Pool, opts Options) (Stats, error) {
	var st Stats
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 256<<10)
	g := newGenerator(pool, opts)
	for i := range opts.Articles {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return st, err
			}
		}
		r, copied := g.next()
		if err := json.MarshalWrite(bw, &r); err != nil {
			return st, fmt.Errorf("write %s: %w", r.ID, err)
		}
		if err := bw.WriteByte('\n'); err != nil {
			return st, fmt.Errorf("write %s: %w", r.ID, err)
		}
		st.Articles++
		if copied {
			st.Copies++
		}
		if r.Published == "" {
			st.Undated++
		}
		if opts.Progress != nil && st.Articles%ProgressEvery == 0 {
			opts.Progress(st.Articles)
		}
	}
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("write: %w", err)
	}
	st.Bytes = cw.n
	if opts.Progress != nil && st.Articles%ProgressEvery != 0 {
		opts.Progress(st.Articles)
	}
	return st, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
