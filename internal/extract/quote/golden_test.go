package quote

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

// update rewrites golden files instead of comparing against them:
// go test ./internal/extract/ -run TestFindQuotesGolden -update
var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestFindQuotesGolden runs the quote detector over the invented articles of
// testdata/quotes/*.txt (cast: testCast) and compares the quotes with
// <name>.golden.json.
func TestFindQuotesGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "quotes", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden articles in testdata/quotes")
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			body := strings.TrimSpace(string(raw))
			got := Find(body, newFakeResolver(body, testCast))
			checkQuoteInvariants(t, body, got)
			if got == nil {
				got = []news.Quote{}
			}
			js, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			js = append(js, '\n')
			golden := filepath.Join("testdata", "quotes", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, js, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run with -update to create it): %v", err)
			}
			if !bytes.Equal(js, want) {
				t.Errorf("quotes of %s differ from %s (run with -update after checking the change):\n%s", path, golden, js)
			}
		})
	}
}
