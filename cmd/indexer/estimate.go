package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"strings"

	"github.com/readout/readout/internal/ingest"
)

// estimateArticles counts the records the inputs will yield, roughly (lines
// of JSON Lines files, one per other file), so that the progress bar can show
// an ETA. It costs one fast pass over the input; 0 means unknown.
func estimateArticles(ins []ingest.Input) int64 {
	var total int64
	for _, in := range ins {
		_ = fs.WalkDir(in.FS, in.Path, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			name := strings.ToLower(d.Name())
			switch {
			case strings.HasSuffix(name, ".jsonl"), strings.HasSuffix(name, ".ndjson"):
				total += countLines(in.FS, p, false)
			case strings.HasSuffix(name, ".jsonl.gz"):
				total += countLines(in.FS, p, true)
			case strings.HasSuffix(name, ".md"), strings.HasSuffix(name, ".txt"),
				strings.HasSuffix(name, ".html"), strings.HasSuffix(name, ".htm"):
				total++
			}
			return nil
		})
	}
	return total
}

func countLines(fsys fs.FS, p string, gz bool) int64 {
	f, err := fsys.Open(p)
	if err != nil {
		return 0
	}
	defer f.Close()
	var r io.Reader = f
	if gz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return 0
		}
		defer zr.Close()
		r = zr
	}
	var n int64
	buf := make([]byte, 256<<10)
	for {
		k, err := r.Read(buf)
		n += int64(bytes.Count(buf[:k], []byte{'\n'}))
		if err != nil {
			return n
		}
	}
}
