package searchtest

import (
	"slices"
	"testing"
	"time"
)

// BenchQuery is one benchmarked query: an API query string and its Request.
type BenchQuery struct {
	Name   string
	Params string // URL query of /api/v1/search
}

// BenchWord is the word of the benchmark queries.
const BenchWord = "oil"

// ReutersQueries are the benchmark queries over the Reuters corpus.
// {speaker} is replaced by the id of the speaker quoted most often on
// BenchWord.
var ReutersQueries = []BenchQuery{
	{"plain", "q=oil&facets=none"},
	{"phrase", "q=%22crude+oil%22&facets=none"},
	{"speaker", "q=oil&speaker={speaker}&facets=none"},
	{"full", "q=oil&histogram=auto&facets=speaker,person,org,place,country,source"},
	{"full-filtered", "q=oil&country=US&histogram=auto&facets=speaker,person,org,place,country,source"},
}

// Latencies collects per-operation latencies and reports p50 and p99.
type Latencies []time.Duration

// Report adds p50-ms and p99-ms metrics to b.
func (l Latencies) Report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	s := slices.Clone(l)
	slices.Sort(s)
	at := func(p float64) float64 {
		i := int(p * float64(len(s)-1))
		return float64(s[i].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}
