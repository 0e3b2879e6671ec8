// Package testutil holds helpers shared by tests: where the real public
// corpora live and how to skip cleanly when they are absent.
package testutil

import (
	"os"
	"path/filepath"
	"runtime"
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
