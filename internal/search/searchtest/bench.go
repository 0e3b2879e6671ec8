package searchtest

import (
	"slices"
	"strings"
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

// HostileFuzzy is 60 two-letter fuzzy terms with two edits, ORed: within
// the query length and term limits, each expands to most short words of
// the index.
func HostileFuzzy() string {
	var terms []string
	for _, a := range "bcdfghjklmnpqrstvwxz" {
		for _, b := range "aeo" {
			terms = append(terms, string(a)+string(b)+"~2")
		}
	}
	return strings.Join(terms, " OR ")
}

// HostilePrefixes is 63 one-letter and one-digit prefixes, ORed.
func HostilePrefixes() string {
	var terms []string
	for len(terms) < 63 {
		for _, c := range "abcdefghijklmnopqrstuvwxyz0123456789" {
			if len(terms) < 63 {
				terms = append(terms, string(c)+"*")
			}
		}
	}
	return strings.Join(terms, " OR ")
}
