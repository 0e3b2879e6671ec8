package ingest

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"path"
	"strings"
)

// Estimate counts roughly how many records the inputs hold — lines of JSON
// Lines files, items of feeds, one per other file — with the same walk rules
// as Read, so that a progress display can show an ETA. It costs one fast
// pass over the files (decompressing .gz ones) and never fails: what it
// cannot read counts as nothing.
func Estimate(inputs []Input) int64 {
	var total int64
	for _, in := range inputs {
		_ = fs.WalkDir(in.FS, in.Path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			name := d.Name()
			if p != in.Path && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || (p != in.Path && skippedInWalk(name)) {
				return nil
			}
			switch kindOf(path.Base(p)) {
			case kindJSONL:
				total += countIn(in.FS, p, false, []byte{'\n'})
			case kindJSONLGzip:
				total += countIn(in.FS, p, true, []byte{'\n'})
			case kindFeed, kindXML:
				total += countIn(in.FS, p, false, []byte("<item")) + countIn(in.FS, p, false, []byte("<entry"))
			case kindText, kindMarkdown, kindHTML:
				total++
			}
			return nil
		})
	}
	return total
}

// countIn counts the occurrences of sep in a file, streaming.
func countIn(fsys fs.FS, p string, gz bool, sep []byte) int64 {
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
	var carry []byte
	for {
		k, err := r.Read(buf)
		chunk := append(carry, buf[:k]...)
		n += int64(bytes.Count(chunk, sep))
		// Keep the last len(sep)-1 bytes: a separator may straddle reads.
		if keep := len(sep) - 1; keep > 0 && len(chunk) >= keep {
			carry = append(carry[:0], chunk[len(chunk)-keep:]...)
		} else {
			carry = carry[:0]
		}
		if err != nil {
			return n
		}
	}
}
