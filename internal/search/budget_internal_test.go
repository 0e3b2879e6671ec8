package search

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

// stagedEngine serves the fixture, calling hook at each stage of a search.
func stagedEngine(t *testing.T, opts Options, hook func(string)) *Engine {
	t.Helper()
	opts.hook = hook
	e := New(nil, nil, opts, nil)
	e.Serve(fixtureGeneration(t), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	return e
}

// fullRequest has every kind of sub-search: speaker semantics, a
// disjunctive facet with a selected value outside its top values, a
// histogram split by country, quotes of the hits.
func fullRequest() Request {
	return Request{
		Q: "de-escalation OR grai*", Highlight: true, Histogram: "auto",
		Split:   FacetSpec{Name: "country"},
		Filters: map[string][]string{"speaker": {"anna-kovac", "boris-lind"}, "source": {"Archive"}},
		Facets:  []FacetSpec{{Name: "speaker"}, {Name: "source", Size: 1}, {Name: "country"}},
	}
}

// TestEndedContextEndsRequest checks that a search whose context already
// ended fails at once with the context's error, whatever it asks for.
func TestEndedContextEndsRequest(t *testing.T) {
	e := stagedEngine(t, Options{}, nil)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel2()
	for _, tt := range []struct {
		ctx  context.Context
		want error
	}{{cancelled, context.Canceled}, {expired, context.DeadlineExceeded}} {
		if _, err := e.Search(tt.ctx, fullRequest()); !errors.Is(err, tt.want) {
			t.Errorf("search: %v; want %v", err, tt.want)
		}
		if _, err := e.Search(tt.ctx, Request{}); !errors.Is(err, tt.want) {
			t.Errorf("match all: %v; want %v", err, tt.want)
		}
		if _, err := e.FacetValues(tt.ctx, Request{Q: "grain"}, "country", "u", 5); !errors.Is(err, tt.want) {
			t.Errorf("facet values: %v; want %v", err, tt.want)
		}
		if err := e.Export(tt.ctx, Request{Q: "grain"}, 0, func(*Response) error { return nil }); !errors.Is(err, tt.want) {
			t.Errorf("export: %v; want %v", err, tt.want)
		}
	}
}

// TestCancelDuringRequest cancels a search at each of its stages from the
// test hook: the search fails with context.Canceled and reaches no later
// stage (no facet, histogram, split or quote search runs after it).
func TestCancelDuringRequest(t *testing.T) {
	stages := []string{"compiled", "admitted", "main", "histogram"}
	// The whole request runs through every stage.
	var seen []string
	e := stagedEngine(t, Options{}, func(s string) { seen = append(seen, s) })
	if _, err := e.Search(context.Background(), fullRequest()); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, stages) {
		t.Fatalf("stages %v; want %v", seen, stages)
	}
	for i, at := range stages {
		ctx, cancel := context.WithCancel(context.Background())
		seen = nil
		e := stagedEngine(t, Options{}, func(s string) {
			seen = append(seen, s)
			if s == at {
				cancel()
			}
		})
		_, err := e.Search(ctx, fullRequest())
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled at %s: %v; want context.Canceled", at, err)
		}
		if !slices.Equal(seen, stages[:i+1]) {
			t.Errorf("cancelled at %s: went through %v", at, seen)
		}
	}
}

// TestEstimate checks what counts in a request's estimate: with the
// per-hit path, the documents a request without q or filters aggregates;
// with the column tables, never those.
func TestEstimate(t *testing.T) {
	for _, perHit := range []bool{true, false} {
		e := stagedEngine(t, Options{PerHitFacets: perHit}, nil)
		s, err := e.acquire()
		if err != nil {
			t.Fatal(err)
		}
		articles := uint64(s.gen.Meta.Articles)
		tests := []struct {
			req        Request
			aggregated uint64
			expanded   bool
		}{
			{Request{}, 6 * articles, false}, // the start page: six facets
			{Request{Histogram: "month", Split: FacetSpec{Name: "country", Size: 3}}, (6 + 1 + 3) * articles, false},
			{Request{Facets: []FacetSpec{}}, 0, false},
			{Request{Q: "grain"}, 0, false},
			{Request{Q: "grai*"}, 0, true},
			{Request{Filters: map[string][]string{"source": {"Archive"}}}, 0, false},
			{Request{From: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)}, 0, false},
			{Request{Mode: ModeQuotes, Facets: []FacetSpec{{Name: "speaker"}}}, uint64(s.gen.Meta.Quotes), false},
		}
		for _, tt := range tests {
			r := tt.req
			if err := e.normalize(&r); err != nil {
				t.Fatal(err)
			}
			p, err := e.newPlan(context.Background(), s, &r)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.aggregated
			if !perHit {
				want = 0
			}
			c := e.estimate(p)
			if c.aggregated != want || (c.expansions > 0) != tt.expanded || (c.postings > 0) != tt.expanded {
				t.Errorf("per-hit %v, %+v: estimate %+v; want %d aggregated, expansions %v", perHit, tt.req, c, want, tt.expanded)
			}
		}
		s.release()
	}
}

// TestSlotPool checks the semaphore of expensive requests, its wait ending
// with the context, and that a slot given back is free again.
func TestSlotPool(t *testing.T) {
	p := newSlotPool(1)
	release, err := p.acquire(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.acquire(context.Background(), 0); !errors.Is(err, ErrTooBusy) {
		t.Errorf("full, no wait: %v; want ErrTooBusy", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.acquire(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("full, waiting with an ended context: %v; want context.Canceled", err)
	}
	release()
	again, err := p.acquire(context.Background(), 0)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again()
}
