package search

import (
	"context"
	"testing"
)

// TestForgedCursors: a cursor with the right key but arbitrary sort values
// never panics; it yields a page or a *ParamError.
func TestForgedCursors(t *testing.T) {
	e := New(nil, nil, Options{}, nil)
	defer e.Close(context.Background())
	e.Serve(fixtureGeneration(t), 0)
	for _, sort := range []string{SortRelevance, SortNewest, SortOldest} {
		for _, after := range [][][]byte{
			{[]byte("abc"), []byte("k1")},
			{[]byte("NaN"), []byte("")},
			{{0xff, 0xff, 0xff}, {0x00}},
			{[]byte("1e308"), []byte("zzz")},
			{[]byte("x")},
			{[]byte("1"), []byte("2"), []byte("3")},
		} {
			req := Request{Q: "grain", Sort: sort}
			if err := e.normalize(&req); err != nil {
				t.Fatal(err)
			}
			req.Cursor = encodeCursor(cursor{Key: cursorKey(&req), After: after, Seen: 1})
			_, err := e.Search(context.Background(), req)
			if _, ok := err.(*ParamError); err != nil && !ok {
				t.Errorf("%s %q: %v", sort, after, err)
			}
		}
	}
}
