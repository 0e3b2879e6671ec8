package cluster

import (
	"archive/tar"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type entry struct {
	name string
	typ  byte
	body string
	link string
}

func tarOf(t testing.TB, entries []entry) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Typeflag: e.typ, Mode: 0o644, Size: int64(len(e.body)), Linkname: e.link}
		if e.typ != tar.TypeReg {
			h.Size = 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if e.typ == tar.TypeReg {
			tw.Write([]byte(e.body))
		}
	}
	tw.Close()
	return b.Bytes()
}

func TestReadTar(t *testing.T) {
	tests := []struct {
		name    string
		entries []entry
		wantErr string
		want    map[string]string
	}{
		{"files and folders", []entry{{name: "store/", typ: tar.TypeDir}, {name: "store/a.zap", typ: tar.TypeReg, body: "zap"}, {name: "index_meta.json", typ: tar.TypeReg, body: "{}"}}, "",
			map[string]string{"store/a.zap": "zap", "index_meta.json": "{}"}},
		{"file before its folder", []entry{{name: "store/b.zap", typ: tar.TypeReg, body: "b"}}, "", map[string]string{"store/b.zap": "b"}},
		{"parent escape", []entry{{name: "../evil", typ: tar.TypeReg, body: "x"}}, "not a name inside", nil},
		{"escape after clean", []entry{{name: "store/../../evil", typ: tar.TypeReg, body: "x"}}, "not a name inside", nil},
		{"absolute", []entry{{name: "/tmp/evil", typ: tar.TypeReg, body: "x"}}, "not a name inside", nil},
		{"symlink", []entry{{name: "link", typ: tar.TypeSymlink, link: "/etc/passwd"}}, "neither a file nor a folder", nil},
		{"the same file twice", []entry{{name: "a", typ: tar.TypeReg, body: "1"}, {name: "a", typ: tar.TypeReg, body: "2"}}, "exists", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			err := readTar(bytes.NewReader(tarOf(t, tc.entries)), dir)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one with %q", err, tc.wantErr)
				}
				if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "evil")); err == nil {
					t.Fatal("a file was written outside the folder")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, files(t, dir), tc.want, "")
		})
	}
}

// writeTar and readTar round-trip a folder, leaving out what skip names.
func TestTarRoundTrip(t *testing.T) {
	src := t.TempDir()
	for name, body := range map[string]string{"meta.json": "{}", "store/x.zap": "zap bytes", "shards/000/y": "left out"} {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	var b bytes.Buffer
	n, err := writeTar(&b, src, []string{"shards"})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d files written, want 2", n)
	}
	dst := t.TempDir()
	if err := readTar(&b, dst); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, files(t, dst), files(t, src), "shards")

	os.Symlink("/etc/passwd", filepath.Join(src, "link"))
	if _, err := writeTar(&bytes.Buffer{}, src, nil); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a folder with a symlink: %v", err)
	}
}

// No tar stream, however broken, makes readTar panic or write outside its
// folder.
func FuzzReadTar(f *testing.F) {
	f.Add(tarOf(f, []entry{{name: "a", typ: tar.TypeReg, body: "x"}}))
	f.Add(tarOf(f, []entry{{name: "../a", typ: tar.TypeReg, body: "x"}}))
	f.Add(tarOf(f, []entry{{name: "d/", typ: tar.TypeDir}, {name: "d/e", typ: tar.TypeReg, body: "yy"}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		root := t.TempDir()
		dir := filepath.Join(root, "in")
		os.Mkdir(dir, 0o755)
		readTar(bytes.NewReader(data), dir)
		entries, _ := os.ReadDir(root)
		if len(entries) != 1 {
			t.Fatalf("readTar wrote beside its folder: %v", entries)
		}
	})
}
