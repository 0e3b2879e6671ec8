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

// update is -update: rewrite the golden files. It was declared in
// quote_golden_test.go until the quote detector moved to package quote,
// which has its own; without it, -update was no flag of this package.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// updateGolden reports whether -update was given.
func updateGolden() bool { return *update }

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
