package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/readout/readout/internal/ingest"
)

func TestZZShow(t *testing.T) {
	id := os.Getenv("SHOW_ID")
	if id == "" {
		t.Skip()
	}
	x, _ := New(Options{})
	for _, f := range []string{"wikinews.jsonl", "gum-wikinews.jsonl", "polnear.jsonl"} {
		fh, _ := os.Open("/work/shared/corpora/" + f)
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var a ingest.Article
			json.Unmarshal(sc.Bytes(), &a)
			if a.ID != id {
				continue
			}
			ann := x.Extract(a)
			for _, e := range ann.Entities {
				t.Logf("ENT %s %s %q role=%q n=%d", e.Type, e.ID, e.Name, e.Role, len(e.Mentions))
			}
			for _, q := range ann.Quotes {
				if p := os.Getenv("SHOW_Q"); p != "" && !strings.Contains(q.Text, p) {
					continue
				}
				t.Logf("Q %s %q → %q (%q) cue=%q", q.Kind, q.Text[:min(50, len(q.Text))], q.SpeakerName, q.SpeakerAsWritten, q.Cue)
			}
		}
		fh.Close()
	}
}
