package ingest

import (
	"context"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/readout/readout/internal/news"
)

func TestAuthorsAreAllKept(t *testing.T) {
	fsys := fstest.MapFS{
		"metas.html": {Data: []byte(`<html><head><title>T</title>
<meta name="author" content="Ana Ruiz, Ben Okoye">
<meta property="article:author" content="Ana Ruiz">
<meta property="article:author" content="Ben Okoye">
</head><body><article><p>Body text.</p></article></body></html>`)},
		"joined.html": {Data: []byte(`<html><head><title>T</title>
<meta name="author" content="Ana Ruiz, Ben Okoye and Chen Li">
</head><body><article><p>Body text.</p></article></body></html>`)},
		"feed.rss": {Data: []byte(`<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title>
<item><guid>i1</guid><title>T</title><description>Body text.</description>
<dc:creator>Ana Ruiz</dc:creator><dc:creator>Ben Okoye</dc:creator></item>
</channel></rss>`)},
	}
	tests := []struct {
		file string
		want []string
	}{
		{"metas.html", []string{"Ana Ruiz", "Ben Okoye"}},
		{"joined.html", []string{"Ana Ruiz", "Ben Okoye", "Chen Li"}},
		{"feed.rss", []string{"Ana Ruiz", "Ben Okoye"}},
	}
	for _, tt := range tests {
		var got [][]string
		_, err := Read(context.Background(), []Input{FSInput(tt.file, fsys, tt.file)}, Options{},
			func(a news.Article) error { got = append(got, a.Authors); return nil }, func(p *Problem) { t.Errorf("%s: %v", tt.file, p) })
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !reflect.DeepEqual(got[0], tt.want) {
			t.Errorf("%s: authors %q, want %q", tt.file, got, tt.want)
		}
	}
}
