package search

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/news"
)

// bucketStart parses a bucket key of an interval ("2022-02-15", "2022-02",
// "2022") into the UTC start of the bucket.
func bucketStart(interval, key string) (time.Time, error) {
	layout := "2006-01-02"
	switch interval {
	case IntervalMonth:
		layout = "2006-01"
	case IntervalYear:
		layout = "2006"
	}
	t, err := time.Parse(layout, key)
	if err != nil {
		return time.Time{}, fmt.Errorf("bucket key %q of %s: %w", key, interval, err)
	}
	return t, nil
}

// nextBucket returns the start of the bucket after t.
func nextBucket(interval string, t time.Time) time.Time {
	switch interval {
	case IntervalDay:
		return t.AddDate(0, 0, 1)
	case IntervalWeek:
		return t.AddDate(0, 0, 7)
	case IntervalMonth:
		return t.AddDate(0, 1, 0)
	default:
		return t.AddDate(1, 0, 0)
	}
}

// weekStart is the Monday (ISO week start) of t's week.
func weekStart(t time.Time) time.Time {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	wd := (int(t.Weekday()) + 6) % 7 // Monday 0
	return t.AddDate(0, 0, -wd)
}

// truncate returns the start of the bucket of interval containing t.
func truncate(interval string, t time.Time) time.Time {
	t = t.UTC()
	switch interval {
	case IntervalDay:
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	case IntervalWeek:
		return weekStart(t)
	case IntervalMonth:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	default:
		return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
}

// bucketCount is the number of buckets of interval from the bucket of first
// to the bucket of last, both included.
func bucketCount(interval string, first, last time.Time) int {
	first, last = truncate(interval, first), truncate(interval, last)
	if last.Before(first) {
		return 0
	}
	switch interval {
	case IntervalDay:
		return int(last.Sub(first).Hours()/24) + 1
	case IntervalWeek:
		return int(last.Sub(first).Hours()/(24*7)) + 1
	case IntervalMonth:
		return (last.Year()-first.Year())*12 + int(last.Month()-first.Month()) + 1
	default:
		return last.Year() - first.Year() + 1
	}
}

// autoInterval picks the finest interval that spans first..last in at most
// 60 buckets (so a span gives roughly 10 to 60 buckets).
func autoInterval(first, last time.Time) string {
	for _, iv := range []string{IntervalDay, IntervalWeek, IntervalMonth} {
		if bucketCount(iv, first, last) <= 60 {
			return iv
		}
	}
	return IntervalYear
}

// counted is a bucket start with its count, before filling.
type counted struct {
	start time.Time
	count int
}

// fillBuckets re-buckets counts into interval (counts may be of a finer
// interval) and fills empty buckets between the first and the last.
// It fails with a *LimitError beyond maxBuckets.
func fillBuckets(interval string, in []counted, maxBuckets int) ([]Bucket, error) {
	if len(in) == 0 {
		return []Bucket{}, nil
	}
	sums := make(map[time.Time]int, len(in))
	first, last := truncate(interval, in[0].start), truncate(interval, in[0].start)
	for _, c := range in {
		s := truncate(interval, c.start)
		sums[s] += c.count
		if s.Before(first) {
			first = s
		}
		if s.After(last) {
			last = s
		}
	}
	if n := bucketCount(interval, first, last); n > maxBuckets {
		return nil, &LimitError{Param: "histogram", Limit: maxBuckets,
			Msg: fmt.Sprintf("%d %s buckets; choose a coarser interval or a shorter date range", n, interval)}
	}
	var out []Bucket
	for t := first; !t.After(last); t = nextBucket(interval, t) {
		out = append(out, Bucket{Start: t.Format("2006-01-02"), Count: sums[t]})
	}
	return out, nil
}

// parseCounts turns terms-facet results on a bucket field into counts,
// sorted by start; keys that do not parse are skipped.
func parseCounts(interval string, terms map[string]int) []counted {
	out := make([]counted, 0, len(terms))
	for k, n := range terms {
		t, err := bucketStart(interval, k)
		if err != nil {
			continue
		}
		out = append(out, counted{t, n})
	}
	slices.SortFunc(out, func(a, b counted) int { return a.start.Compare(b.start) })
	return out
}

// facetHist names the facet of days used internally for the histogram; it
// cannot clash with API facet names.
const facetHist = "_hist"

// addHistogramFacets asks r for what a histogram is built from: the count
// of each day, and of the documents with none (undated).
func addHistogramFacets(r *bleve.SearchRequest) {
	// Days, whatever the interval: weeks, months and years are summed
	// from them.
	r.AddFacet(facetHist, bleve.NewFacetRequest(index.FieldDay, allTerms))
}

// facetPrec names the facet of date precisions used internally for the
// histogram's imprecise count.
const facetPrec = "_prec"

// addPrecisionFacet asks r for the count of documents dated by a year and
// by a month (index.FieldPrecision), which the histogram flags.
func addPrecisionFacet(r *bleve.SearchRequest) {
	r.AddFacet(facetPrec, bleve.NewFacetRequest(index.FieldPrecision, allTerms))
}

// precCounts are the documents of a result dated by a whole year and by a
// whole month.
type precCounts struct{ year, month int }

// precisions reads the counts of addPrecisionFacet in res.
func precisions(res *bleve.SearchResult) precCounts {
	var pc precCounts
	for _, t := range facetTerms(res, facetPrec) {
		switch t.Term {
		case news.PrecisionYear:
			pc.year += t.Count
		case news.PrecisionMonth:
			pc.month += t.Count
		}
	}
	return pc
}

// imprecise is how many documents of pc are dated more coarsely than
// interval: they count in the first bucket of their span.
func (pc precCounts) imprecise(interval string) int {
	switch interval {
	case IntervalYear:
		return 0
	case IntervalMonth:
		return pc.year
	}
	return pc.year + pc.month
}

// undated is the count of undated documents in res (see
// addHistogramFacets): those without a day.
func undated(res *bleve.SearchResult) int {
	if fr := res.Facets[facetHist]; fr != nil {
		return fr.Missing
	}
	return 0
}

// dayCounts are the days of res with their counts, in order (see
// addHistogramFacets).
func dayCounts(res *bleve.SearchResult) []counted {
	return parseCounts(IntervalDay, termMap(facetTerms(res, facetHist)))
}

// histogramOf builds the date histogram of the main result and, when the
// request splits it, its series.
func (e *Engine) histogramOf(ctx context.Context, p *plan, res *bleve.SearchResult) (*Histogram, error) {
	h, err := e.histogram(p, res)
	if err != nil {
		return nil, err
	}
	e.stage("histogram")
	if p.req.Split.Name != "" {
		h.Split = p.req.Split.Name
		if h.Series, err = e.splitSeries(ctx, p, h); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// histogram builds the date histogram of the main result.
func (e *Engine) histogram(p *plan, res *bleve.SearchResult) (*Histogram, error) {
	return e.histogramFrom(p, dayCounts(res), undated(res), precisions(res))
}

// histogramFrom builds the date histogram of p's request from its day
// counts, in order, its count of undated documents and of those dated by a
// year or a month. A year or a month date counts in its first day's bucket
// (January's, its first week's), which is its own at its precision or a
// coarser interval; at a finer one the histogram says how many were so
// placed (Imprecise).
func (e *Engine) histogramFrom(p *plan, counts []counted, undated int, prec precCounts) (*Histogram, error) {
	h := &Histogram{Interval: p.req.Histogram, Undated: undated}
	iv := p.req.Histogram
	if iv == IntervalAuto {
		iv = IntervalMonth
		if n := len(counts); n > 0 {
			iv = autoInterval(counts[0].start, counts[n-1].start)
		}
		h.Interval = iv
	}
	b, err := fillBuckets(iv, counts, e.opts.MaxBuckets)
	if err != nil {
		return nil, err
	}
	h.Buckets = b
	h.Imprecise = prec.imprecise(iv)
	return h, nil
}

func termMap(ts []termCount) map[string]int {
	m := make(map[string]int, len(ts))
	for _, t := range ts {
		m[t.Term] = t.Count
	}
	return m
}
