package search

import (
	"context"
	"sync"
	"testing"
)

// SetExportReference makes e's exports page with Engine.run and load stored
// fields through Bleve, as before exportbrowse.go and storedfields.go: the
// reference the fast export is held to (export_equal_test.go).
func SetExportReference(e *Engine, on bool) { e.opts.exportRef = on }

// savedOrders keeps the id orders SetIDOrders took away, by table.
var savedOrders sync.Map // *table -> *idOrder

// SetIDOrders waits until the id orders of e's current generation are
// built, then uses them (on) or not (off: firstByID walks the dictionaries
// and an export reads every id of a class), so that a test covers both
// paths whatever the timing of the background build.
func SetIDOrders(tb testing.TB, e *Engine, on bool) {
	tb.Helper()
	s, err := e.acquire()
	if err != nil {
		tb.Fatal(err)
	}
	defer s.release()
	v, err := s.acquireView(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	v.release()
	for _, t := range s.fast.bases {
		if t.orderDone == nil {
			continue
		}
		<-t.orderDone
		if on {
			if o, ok := savedOrders.LoadAndDelete(t); ok {
				t.order.Store(o.(*idOrder))
			}
			if t.order.Load() == nil {
				tb.Fatal("no id order built")
			}
		} else if o := t.order.Swap(nil); o != nil {
			savedOrders.Store(t, o)
		}
	}
}
