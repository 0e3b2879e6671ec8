package testutil

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FileState is what Snapshot records of one file or folder.
type FileState struct {
	Size  int64
	Mode  fs.FileMode
	MTime time.Time
	Data  string // a file's bytes; "" for a folder
}

// Snapshot records every file and folder under dir (by path relative to
// dir), with each file's bytes: the read-only tests compare one taken
// before serving with one taken after.
func Snapshot(tb testing.TB, dir string) map[string]FileState {
	tb.Helper()
	out := map[string]FileState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		st := FileState{Size: fi.Size(), Mode: fi.Mode(), MTime: fi.ModTime()}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			st.Data = string(b)
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = st
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// CompareSnapshots reports (as errors of tb, prefixed with what) every file
// or folder removed, created or changed between before and after.
func CompareSnapshots(tb testing.TB, what string, before, after map[string]FileState) {
	tb.Helper()
	for name, b := range before {
		a, ok := after[name]
		switch {
		case !ok:
			tb.Errorf("%s: %s removed", what, name)
		case a != b:
			tb.Errorf("%s: %s changed: size %d -> %d, mode %v -> %v, mtime %v -> %v, same bytes %v",
				what, name, b.Size, a.Size, b.Mode, a.Mode, b.MTime, a.MTime, a.Data == b.Data)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			tb.Errorf("%s: %s created", what, name)
		}
	}
}
