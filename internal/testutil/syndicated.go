package testutil

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// SyndicatedCorpus returns JSON Lines records: the bundled sample's
// articles.jsonl, each article followed by a syndicated copy (another id
// and source, its last paragraph cut) and, for every seventh, a later
// version under the same id. It has groups of near-duplicates, duplicate
// ids, and values written several ways (datelines in capitals): what
// tests of builds that must agree exactly need.
func SyndicatedCorpus(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open(filepath.Join(RepoRoot(), "corpus", "articles.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 0; sc.Scan(); n++ {
		line := sc.Text()
		out = append(out, line)
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			tb.Fatal(err)
		}
		body, _ := m["body"].(string)
		if paras := strings.Split(body, "\n\n"); len(paras) > 3 {
			m["body"] = strings.Join(paras[:len(paras)-1], "\n\n")
		}
		m["id"], m["source"] = m["id"].(string)+"-syndicated", "Copy Wire"
		b, _ := json.Marshal(m)
		out = append(out, string(b))
		if n%7 == 0 {
			m["title"] = "Updated: " + m["title"].(string)
			b, _ := json.Marshal(m)
			out = append(out, string(b))
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}
