// Package testutil holds helpers shared by tests: where the real public
// corpora live and how to skip cleanly when they are absent.
package testutil

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// RepoRoot returns the repository root (the folder holding go.mod).
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// CorporaDir returns the folder of real public corpora: $READOUT_CORPORA if
// set, else ../shared/corpora beside the repository. It returns "" when the
// folder does not exist.
func CorporaDir() string {
	dir := os.Getenv("READOUT_CORPORA")
	if dir == "" {
		dir = filepath.Join(RepoRoot(), "..", "shared", "corpora")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	return dir
}

// Corpus returns the path of one file of the real corpora (for example
// "reuters21578.jsonl.gz") and skips the test or benchmark when it is absent.
func Corpus(tb testing.TB, name string) string {
	tb.Helper()
	dir := CorporaDir()
	if dir == "" {
		tb.Skip("real corpora folder absent (set READOUT_CORPORA or place ../shared/corpora)")
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("corpus file %s absent", p)
	}
	return p
}

// Subset copies to dst the JSON Lines records of src (gzip-compressed when
// its name ends in .gz) that keep chooses, by 0-based line and record, and
// returns how many it copied.
func Subset(tb testing.TB, src, dst string, keep func(line int, rec []byte) bool) int {
	tb.Helper()
	in, err := os.Open(src)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	var r io.Reader = in
	if strings.HasSuffix(src, ".gz") {
		zr, err := gzip.NewReader(in)
		if err != nil {
			tb.Fatal(err)
		}
		defer zr.Close()
		r = zr
	}
	out, err := os.Create(dst)
	if err != nil {
		tb.Fatal(err)
	}
	defer out.Close()
	w := bufio.NewWriter(out)
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 16<<20)
	n := 0
	for line := 0; sc.Scan(); line++ {
		if !keep(line, sc.Bytes()) {
			continue
		}
		w.Write(sc.Bytes())
		w.WriteByte('\n')
		n++
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	return n
}
