package bench

import (
	"math"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	tests := []struct {
		xs   []float64
		p    float64
		want float64
	}{
		{[]float64{5}, 50, 5},
		{[]float64{5}, 99, 5},
		{[]float64{1, 2}, 50, 1.5},
		{[]float64{3, 1, 2}, 50, 2},
		{[]float64{4, 1, 3, 2}, 50, 2.5},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0, 1},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 100, 10},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90, 9.1},
		// 101 values 0..100: the p-th percentile is p itself.
		{seq(101), 99, 99},
		{seq(101), 37, 37},
		// 30 runs, as bench takes by default: p99 lies between the two largest.
		{seq(30), 99, 28.71},
	}
	for _, tt := range tests {
		got := Percentile(tt.xs, tt.p)
		if math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Percentile(%v, %v) = %v, want %v", tt.xs, tt.p, got, tt.want)
		}
	}
	if got := Percentile(nil, 50); !math.IsNaN(got) {
		t.Errorf("Percentile(nil) = %v, want NaN", got)
	}
	in := []float64{3, 1, 2}
	Percentile(in, 50)
	if in[0] != 3 || in[1] != 1 {
		t.Errorf("Percentile sorted its input: %v", in)
	}
}

func seq(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = float64(i)
	}
	return s
}

func TestSummarize(t *testing.T) {
	ds := []time.Duration{4 * time.Millisecond, 1 * time.Millisecond, 3 * time.Millisecond, 2 * time.Millisecond, 100 * time.Millisecond}
	got := Summarize(ds)
	want := Latency{N: 5, P50ms: 3, P99ms: 96.16, Minms: 1, Maxms: 100}
	if got.N != want.N || math.Abs(got.P50ms-want.P50ms) > 1e-9 || math.Abs(got.P99ms-want.P99ms) > 1e-9 ||
		got.Minms != want.Minms || got.Maxms != want.Maxms {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
	if got := Summarize(nil); got != (Latency{}) {
		t.Errorf("Summarize(nil) = %+v, want zero", got)
	}
}
