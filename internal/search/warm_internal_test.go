package search

import (
	"context"
	"testing"

	"github.com/readout/readout/internal/search/searchtest"
)

// Warm builds a generation's column tables before any search: a shard
// engine of partitioned serving is warmed before it is announced.
func TestWarmBuildsTables(t *testing.T) {
	e := New(nil, nil, Options{}, nil)
	e.Serve(searchtest.Generation(t, "gen-000001", searchtest.Fixture()), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	s := e.cur.Load()
	if s.fast.built.Load() {
		t.Fatal("column tables built before Warm: a weak test")
	}
	e.Warm(context.Background())
	if !s.fast.built.Load() {
		t.Error("Warm left the column tables unbuilt")
	}
	cold := New(nil, nil, Options{}, nil)
	cold.Warm(context.Background()) // nothing served: nothing to do, no panic
}
