package ingest_test

import (
	"context"
	"fmt"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

// Read a folder of mixed formats: JSON Lines, Markdown with front matter,
// plain text, HTML and an RSS feed. README.md, LICENSE and files of other
// types are ignored.
func ExampleRead() {
	stats, err := ingest.Read(context.Background(),
		[]ingest.Input{ingest.OSInput("testdata/folder")},
		ingest.Options{},
		func(a news.Article) error {
			fmt.Printf("%-26s %-28s %s\n", a.ID, a.Title, a.Published.Format("2006-01-02"))
			return nil
		},
		func(p *ingest.Problem) { fmt.Println("skipped:", p) })
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Printf("%d files, %d ignored, %d read, %d skipped\n", stats.Files, stats.Ignored, stats.Read, stats.Skipped)
	// Output:
	// urn:folder:1               Feed item                    2023-06-01
	// page.html                  Folder page                  0001-01-01
	// politics/brief.txt         CABINET RESHUFFLE ANNOUNCED  0001-01-01
	// politics/europe/summit.md  Leaders gather in Estrenia   2023-06-01
	// w-1                        Wire one                     2023-06-02
	// w-2                        Wire two                     0001-01-01
	// 5 files, 4 ignored, 6 read, 0 skipped
}

func ExampleProblem() {
	_, err := ingest.Read(context.Background(),
		[]ingest.Input{ingest.OSInput("testdata/jsonl/bad.jsonl")},
		ingest.Options{Strict: true},
		func(news.Article) error { return nil }, nil)
	fmt.Println(err)
	// Output:
	// testdata/jsonl/bad.jsonl:2: title: invalid JSON at byte 36: unexpected EOF
}

func ExampleHTMLToText() {
	fmt.Println(ingest.HTMLToText(`<nav>Home</nav><h2>Talks</h2><p>Talks   resumed <b>today</b>.</p><script>x()</script>`))
	// Output:
	// Talks
	//
	// Talks resumed today.
}
