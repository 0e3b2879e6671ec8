package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

// updateGolden reports whether -update was given. The flag is declared
// once for the package (quote_golden_test.go); it is looked up here so that
// the two golden tests share it.
func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestGolden runs Extract over the invented articles in
// testdata/golden/*.input.json and compares the annotations with
// *.golden.json. Run with -update to rewrite them after a deliberate
// change, and read the diff.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "golden", "*.input.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no golden inputs")
	}
	x := newTestExtractor(t)
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".input.json")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			var a news.Article
			if err := json.Unmarshal(raw, &a); err != nil {
				t.Fatalf("%s: %v", in, err)
			}
			ann := x.Extract(a)
			checkInvariants(t, a, ann)
			got, err := json.MarshalIndent(ann, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", name+".golden.json")
			if updateGolden() {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the output; run with -update and review the diff.\ngot:\n%s", golden, got)
			}
		})
	}
}
