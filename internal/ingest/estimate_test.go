package ingest

import (
	"testing"
	"testing/fstest"
)

func TestEstimate(t *testing.T) {
	fsys := fstest.MapFS{
		"c/a.jsonl":        {Data: []byte("{}\n{}\n{}\n")},
		"c/README.md":      {Data: []byte("# not an article")},
		"c/LICENSE":        {Data: []byte("x")},
		"c/.hidden/x.md":   {Data: []byte("x")},
		"c/notes/one.md":   {Data: []byte("x")},
		"c/page.html":      {Data: []byte("<p>x</p>")},
		"c/feed.rss":       {Data: []byte("<rss><channel><item>a</item><item>b</item></channel></rss>")},
		"c/atom.atom":      {Data: []byte("<feed><entry>a</entry></feed>")},
		"c/data.csv":       {Data: []byte("a,b\n")},
		"single/README.md": {Data: []byte("named directly: read")},
	}
	tests := []struct {
		in   Input
		want int64
	}{
		{FSInput("c", fsys, "c"), 3 + 1 + 1 + 2 + 1},
		{FSInput("single/README.md", fsys, "single/README.md"), 1},
	}
	for _, tt := range tests {
		if got := Estimate([]Input{tt.in}); got != tt.want {
			t.Errorf("Estimate(%s) = %d, want %d", tt.in.Name, got, tt.want)
		}
	}
}
