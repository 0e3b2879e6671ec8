package index

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

// The crash tests run the test binary again as a child process (crashEnv
// holds its crashSpec as JSON); the child sets crashPoint to SIGKILL itself
// at the N-th pass through a named point, and prints "ack I" after batch I
// is committed (Commit or AppendJournal returned) and "fail I" after batch I
// failed. The parent then checks the index directory.
const crashEnv = "READOUT_TEST_CRASH_CHILD"

type crashSpec struct {
	Job     string       `json:"job"` // journal, prune, build, stream
	Dir     string       `json:"dir"`
	Point   string       `json:"point,omitempty"`
	N       int          `json:"n,omitempty"`
	BufSize int          `json:"buf_size,omitempty"`
	Batches []crashBatch `json:"batches,omitempty"`
	Corpus  string       `json:"corpus,omitempty"`
	Keep    int          `json:"keep,omitempty"`
}

// crashBatch is one append of a journal job.
type crashBatch struct {
	// Via: "add" streams through BeginJournal/Add/Commit as indexer add
	// does; "upload" is AppendJournal of upserts, as searchd's admin
	// upload does; "delete" is AppendJournal of deletes, as indexer delete
	// does; "bad" streams the ids and then an invalid op, so that it fails
	// and is aborted.
	Via string   `json:"via"`
	IDs []string `json:"ids"`
}

func (b crashBatch) ops() []Op {
	var ops []Op
	for _, id := range b.IDs {
		if b.Via == "delete" {
			ops = append(ops, Op{Kind: OpDelete, ID: id})
		} else {
			ops = append(ops, crashUpsert(id))
		}
	}
	return ops
}

// crashUpsert is an article whose body has a word no corpus article has.
func crashUpsert(id string) Op {
	return Op{Kind: OpUpsert, Article: &news.Article{ID: id, Title: "Report " + id,
		Body: "Report " + id + ": the envoy spoke about quinoa exports.", Source: "Crash Wire"}}
}

// TestCrashChild is no test on its own: the crash tests run it in a child
// process that they kill.
func TestCrashChild(t *testing.T) {
	raw := os.Getenv(crashEnv)
	if raw == "" {
		t.Skip("helper process for the crash tests")
	}
	var spec crashSpec
	if err := json.Unmarshal([]byte(raw), &spec); err != nil {
		t.Fatal(err)
	}
	if spec.BufSize > 0 {
		journalBufSize = spec.BufSize
	}
	var hits atomic.Int64
	crashPoint = func(name string) {
		if name == spec.Point && hits.Add(1) == int64(spec.N) {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			time.Sleep(time.Minute) // SIGKILL cannot be caught
		}
	}
	s, err := OpenStore(spec.Dir)
	if err != nil {
		t.Fatal(err)
	}
	switch spec.Job {
	case "journal":
		for i, b := range spec.Batches {
			if err := crashRunBatch(s, b); err != nil {
				fmt.Printf("fail %d %v\n", i, err)
			} else {
				fmt.Printf("ack %d\n", i)
			}
		}
	case "stream": // one small batch, then the corpus streamed as indexer add does
		if _, err := s.AppendJournal([]Op{crashUpsert("s0")}); err != nil {
			t.Fatal(err)
		}
		fmt.Println("ack 0")
		tx, err := s.BeginJournal()
		if err != nil {
			t.Fatal(err)
		}
		_, err = ingest.Read(context.Background(), []ingest.Input{ingest.OSInput(spec.Corpus)}, ingest.Options{},
			func(a news.Article) error { return tx.Add(Op{Kind: OpUpsert, Article: &a}) }, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		fmt.Println("ack 1")
	case "prune":
		unlock, err := s.lock()
		if err != nil {
			t.Fatal(err)
		}
		defer unlock()
		if _, err := s.Prune(spec.Keep); err != nil {
			t.Fatal(err)
		}
	case "build":
		if _, err := s.Build(context.Background(), BuildOptions{
			Inputs: []ingest.Input{ingest.OSInput(spec.Corpus)}, Extractor: newExtractor(t), Keep: spec.Keep, Workers: 1,
		}); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("unknown job %q", spec.Job)
	}
}

func crashRunBatch(s *Store, b crashBatch) error {
	switch b.Via {
	case "upload", "delete":
		_, err := s.AppendJournal(b.ops())
		return err
	case "add", "bad":
		tx, err := s.BeginJournal()
		if err != nil {
			return err
		}
		defer tx.Abort() //nolint:errcheck
		for _, op := range b.ops() {
			if err := tx.Add(op); err != nil {
				return err
			}
		}
		if b.Via == "bad" {
			if err := tx.Add(Op{Kind: OpUpsert, Article: &news.Article{ID: "no-text"}}); err != nil {
				return err
			}
		}
		_, _, err = tx.Commit()
		return err
	}
	return fmt.Errorf("unknown via %q", b.Via)
}

// crashChild starts the child; the caller waits for it (or kills it).
func crashChild(t *testing.T, spec crashSpec) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	raw, _ := json.Marshal(spec)
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+string(raw))
	out := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, out
}

// crashRun runs the child to its crash point and returns the batches it
// acknowledged and those it reported failed. The child must have died of
// SIGKILL: a point it never reached fails the test.
func crashRun(t *testing.T, spec crashSpec) (acked, failed map[int]bool) {
	t.Helper()
	cmd, out := crashChild(t, spec)
	_ = cmd.Wait()
	if !killedBySIGKILL(cmd) {
		t.Fatalf("child did not die at %s #%d (%v):\n%s", spec.Point, spec.N, cmd.ProcessState, out)
	}
	return crashAcks(out.String())
}

func killedBySIGKILL(cmd *exec.Cmd) bool {
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

func crashAcks(out string) (acked, failed map[int]bool) {
	acked, failed = map[int]bool{}, map[int]bool{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		n, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		switch f[0] {
		case "ack":
			acked[n] = true
		case "fail":
			failed[n] = true
		}
	}
	return acked, failed
}

// crashCorpus is the corpus of every crash test's builds.
var crashCorpusIDs = []string{"c1", "c2", "c3", "c4"}

func crashCorpus(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	for i, id := range crashCorpusIDs {
		lines = append(lines, art(id, "Corpus "+id, fmt.Sprintf("The ceasefire held in region %d, monitors said.", i), "2022-01-0"+strconv.Itoa(i+1)))
	}
	return writeCorpus(t, dir, "corpus.jsonl", lines...)
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if d.Name() == lockFile {
			return nil
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// articleIDs lists the article documents of an index, sorted.
func articleIDs(t *testing.T, idx bleve.Index) []string {
	t.Helper()
	tq := query.NewTermQuery(TypeArticle)
	tq.SetField(FieldType)
	res, err := idx.Search(bleve.NewSearchRequestOptions(tq, 10000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

// replay returns the article ids live after ops, over the corpus.
func replay(ops []Op) []string {
	live := map[string]bool{}
	for _, id := range crashCorpusIDs {
		live[id] = true
	}
	for _, op := range ops {
		live[op.articleID()] = op.Kind == OpUpsert
	}
	ids := []string{}
	for id, ok := range live {
		if ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func opKinds(ops []Op) []string {
	out := make([]string, len(ops))
	for i, op := range ops {
		out[i] = op.Kind + " " + op.articleID()
	}
	return out
}

// crashAfter is the check after every kill: the journal reads without
// error and holds want (kind and id, seqs 1, 2, ...); a further add and
// delete succeed (removing any torn tail); a build succeeds; and the
// published generation holds exactly the articles the journal says, and
// searches.
func crashAfter(t *testing.T, s *Store, corpus string, want []Op) {
	t.Helper()
	got, err := s.JournalSince(0)
	if err != nil {
		t.Fatalf("journal after the kill: %v", err)
	}
	if !reflect.DeepEqual(opKinds(got), opKinds(want)) {
		t.Fatalf("journal after the kill holds\n%v\nwant\n%v", opKinds(got), opKinds(want))
	}
	for i, op := range got {
		if op.Seq != int64(i+1) {
			t.Fatalf("op %d has seq %d", i+1, op.Seq)
		}
	}
	more := []Op{crashUpsert("after"), {Kind: OpDelete, ID: "c2"}}
	if _, err := s.AppendJournal(more); err != nil {
		t.Fatalf("append after the kill: %v", err)
	}
	info, err := s.JournalInfo()
	if err != nil || info.Tail != nil || info.LastSeq != int64(len(want)+2) {
		t.Fatalf("journal after the next append: %+v (tail %+v), %v", info, info.Tail, err)
	}
	if _, err := s.Build(context.Background(), BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: crashExtractor(t), Workers: 1}); err != nil {
		t.Fatalf("build after the kill: %v", err)
	}
	g := openCurrent(t, s)
	defer g.Close()
	all := append(slices.Clone(want), more...)
	if ids := articleIDs(t, g.Index); !reflect.DeepEqual(ids, replay(all)) {
		t.Fatalf("published articles %v, want %v", ids, replay(all))
	}
	if g.Meta.JournalSeq != info.LastSeq {
		t.Errorf("generation replayed the journal to seq %d, want %d", g.Meta.JournalSeq, info.LastSeq)
	}
	var upserted []string
	for _, id := range replay(all) {
		if !slices.Contains(crashCorpusIDs, id) {
			upserted = append(upserted, id)
		}
	}
	slices.Sort(upserted)
	if hits := searchIDs(t, g.Index, "quinoa"); !reflect.DeepEqual(hits, upserted) {
		t.Errorf("search quinoa = %v, want %v", hits, upserted)
	}
}

var (
	crashXMu sync.Mutex
	crashX   *extract.Extractor
)

// crashExtractor shares one extractor among the parent's builds.
func crashExtractor(t *testing.T) *extract.Extractor {
	crashXMu.Lock()
	defer crashXMu.Unlock()
	if crashX == nil {
		crashX = newExtractor(t)
	}
	return crashX
}

// crashTemplate builds, once per test, an index directory with one
// generation of the crash corpus and an empty journal, to copy for each
// case.
func crashTemplate(t *testing.T) (dir, corpus string) {
	t.Helper()
	root := t.TempDir()
	corpus = crashCorpus(t, root)
	dir = filepath.Join(root, "template")
	s, _ := OpenStore(dir)
	if _, err := s.Build(context.Background(), BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: crashExtractor(t), Workers: 1}); err != nil {
		t.Fatal(err)
	}
	return dir, corpus
}

// Torn tails present before the child runs, and the ops they hold.
const (
	crashTornTail = `{"batch":"begin","first":1}
{"seq":1,"kind":"upsert","id":"torn1","article":{"id":"torn1","title":"Torn","body":"Never committed quinoa."},"at":"2024-01-01T00:00:00Z"}
{"seq":2,"kind":"ups`
	crashLegacy = `{"seq":1,"kind":"upsert","id":"L1","article":{"id":"L1","title":"Legacy","body":"Legacy quinoa."},"at":"2023-01-01T00:00:00Z"}
{"seq":2,"kind":"delete","id":"c4","at":"2023-01-01T00:00:00Z"}
{"seq":3,"kind":"upsert","id":"L2","art`
)

// TestCrashJournal kills appends (indexer add's streamed batches, indexer
// delete's and searchd's upload's AppendJournal, a batch that fails and is
// aborted) at every named point of the journal writer, and at the k-th
// write of a tiny buffer; the batch in flight is live exactly when its
// commit record was written before the kill, and everything acknowledged
// survives.
func TestCrashJournal(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	tmpl, corpus := crashTemplate(t)
	std := []crashBatch{
		{Via: "add", IDs: []string{"j1", "j2", "j3"}},
		{Via: "delete", IDs: []string{"c1", "j1"}},
		{Via: "upload", IDs: []string{"u1", "u2"}},
	}
	withBad := []crashBatch{std[0], {Via: "bad", IDs: []string{"x1", "x2"}}, std[2]}
	type inflight int
	const (
		absent inflight = iota // the batch in flight must not be live
		live                   // it must be live (its commit was written)
		either                 // all of it or none
	)
	tests := []struct {
		point   string
		n       int
		buf     int
		pre     string // journal content before the child runs
		batches []crashBatch
		want    inflight
	}{
		{point: "journal.locked", n: 1, want: absent},
		{point: "journal.begin", n: 1, want: absent},
		{point: "journal.op", n: 2, want: absent},
		{point: "journal.op", n: 2, buf: 64, want: absent},
		{point: "journal.commit.written", n: 1, want: live},
		{point: "journal.synced", n: 1, want: live},
		{point: "journal.locked", n: 2, want: absent},
		{point: "journal.op", n: 4, buf: 64, want: absent},
		{point: "journal.commit.written", n: 2, want: live},
		{point: "journal.synced", n: 2, want: live},
		{point: "journal.begin", n: 3, buf: 64, want: absent},
		{point: "journal.op", n: 6, buf: 64, want: absent},
		{point: "journal.commit.written", n: 3, buf: 64, want: live},
		{point: "journal.synced", n: 3, want: live},
		{point: "journal.write", n: 1, buf: 64, want: either},
		{point: "journal.write", n: 3, buf: 64, want: either},
		{point: "journal.write", n: 5, buf: 64, want: either},
		{point: "journal.write", n: 7, buf: 64, want: either},
		{point: "journal.write", n: 9, buf: 64, want: either},
		{point: "journal.write", n: 12, buf: 64, want: either},
		{point: "journal.truncate", n: 1, pre: crashTornTail, want: absent},
		{point: "journal.truncated", n: 1, pre: crashTornTail, want: absent},
		{point: "journal.synced", n: 1, pre: crashTornTail, want: live},
		{point: "journal.truncate", n: 1, pre: crashLegacy, want: absent},
		{point: "journal.synced", n: 2, pre: crashLegacy, want: live},
		{point: "journal.abort", n: 1, buf: 64, batches: withBad, want: absent},
		{point: "journal.op", n: 5, buf: 64, batches: withBad, want: absent},
		{point: "journal.synced", n: 2, batches: withBad, want: live},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%s#%d", tt.point, tt.n)
		if tt.buf > 0 {
			name += fmt.Sprintf("/buf%d", tt.buf)
		}
		switch tt.pre {
		case crashTornTail:
			name += "/torn"
		case crashLegacy:
			name += "/legacy"
		}
		if tt.batches != nil {
			name += "/bad"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "idx")
			copyTree(t, tmpl, dir)
			s, _ := OpenStore(dir)
			var want []Op
			if tt.pre != "" {
				appendRaw(t, s, tt.pre)
				if tt.pre == crashLegacy {
					want = []Op{{Kind: OpUpsert, ID: "L1"}, {Kind: OpDelete, ID: "c4"}}
				}
			}
			batches := tt.batches
			if batches == nil {
				batches = std
			}
			acked, failed := crashRun(t, crashSpec{Job: "journal", Dir: dir, Point: tt.point, N: tt.n, BufSize: tt.buf, Batches: batches})

			got, err := s.JournalSince(0)
			if err != nil {
				t.Fatalf("journal after the kill: %v", err)
			}
			flight := true // the first batch neither acknowledged nor failed
			for i, b := range batches {
				switch {
				case acked[i]:
					want = append(want, b.ops()...)
				case failed[i]:
					if b.Via != "bad" {
						t.Fatalf("batch %d failed", i)
					}
				case flight:
					flight = false
					w := tt.want
					if w == either {
						w = absent
						if len(got) > len(want) {
							w = live // checked below: all of it
						}
					}
					if w == live {
						want = append(want, b.ops()...)
					}
				}
			}
			if flight {
				t.Fatalf("the child acknowledged every batch before its kill")
			}
			crashAfter(t, s, corpus, want)
		})
	}
}

// TestCrashPrune kills a prune after it renamed a generation away, after
// the directory fsync, and midway through deleting: the current generation
// serves, no leftover is listed as a generation, and the next build removes
// the leftovers.
func TestCrashPrune(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	tmpl, corpus := crashTemplate(t)
	ts, _ := OpenStore(tmpl)
	for range 2 {
		if _, err := ts.Build(context.Background(), BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: crashExtractor(t), Workers: 1}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		point    string
		n        int
		leftover string // what the kill leaves
		gens     []string
	}{
		{"prune.renamed", 1, ".prune-gen-000001", []string{"gen-000002", "gen-000003"}},
		{"prune.synced", 1, ".prune-gen-000001", []string{"gen-000002", "gen-000003"}},
		{"prune.delete", 1, ".prune-gen-000001", []string{"gen-000002", "gen-000003"}},
		{"prune.delete", 3, ".prune-gen-000001", []string{"gen-000002", "gen-000003"}},
		{"prune.renamed", 2, ".prune-gen-000002", []string{"gen-000003"}},
		{"prune.delete", 6, ".prune-gen-000002", []string{"gen-000003"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s#%d", tt.point, tt.n), func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "idx")
			copyTree(t, tmpl, dir)
			s, _ := OpenStore(dir)
			crashRun(t, crashSpec{Job: "prune", Dir: dir, Point: tt.point, N: tt.n, Keep: 1})
			gens, err := s.Generations()
			if err != nil {
				t.Fatal(err)
			}
			if got := genNames(gens); !reflect.DeepEqual(got, tt.gens) {
				t.Fatalf("generations after the kill = %v, want %v", got, tt.gens)
			}
			if l := leftoverNames(t, s)[tt.leftover]; l.Kind != LeftoverPrune {
				t.Fatalf("leftover %s: %+v", tt.leftover, l)
			}
			g := openCurrent(t, s)
			if ids := articleIDs(t, g.Index); !reflect.DeepEqual(ids, crashCorpusIDs) {
				t.Fatalf("current generation after the kill holds %v", ids)
			}
			g.Close()
			crashAfter(t, s, corpus, nil)
			if left := leftoverNames(t, s); len(left) != 0 {
				t.Errorf("leftovers after the next build: %+v", left)
			}
		})
	}
}

// TestCrashBuild kills a build before and after it renames its folder into
// place, after it writes CURRENT.tmp, after it publishes, and in its prune:
// CURRENT names the old generation until the publish and the new one after,
// either opens with its articles, and the next build cleans up.
func TestCrashBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	tmpl, corpus := crashTemplate(t)
	ts, _ := OpenStore(tmpl)
	if _, err := ts.AppendJournal([]Op{crashUpsert("j1")}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		point    string
		n        int
		current  string
		leftover string
	}{
		{"build.written", 1, "gen-000001", ".build-gen-000002"},
		{"build.renamed", 1, "gen-000001", ""},
		{"publish.tmp", 1, "gen-000001", "CURRENT.tmp"},
		{"build.published", 1, "gen-000002", ""},
		{"prune.renamed", 1, "gen-000002", ".prune-gen-000001"},
		{"prune.delete", 2, "gen-000002", ".prune-gen-000001"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s#%d", tt.point, tt.n), func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "idx")
			copyTree(t, tmpl, dir)
			s, _ := OpenStore(dir)
			crashRun(t, crashSpec{Job: "build", Dir: dir, Point: tt.point, N: tt.n, Corpus: corpus, Keep: 1})
			if cur, err := s.CurrentName(); err != nil || cur != tt.current {
				t.Fatalf("current after the kill = %q (%v), want %s", cur, err, tt.current)
			}
			if tt.leftover != "" {
				if _, ok := leftoverNames(t, s)[tt.leftover]; !ok {
					t.Errorf("no leftover %s: %+v", tt.leftover, leftoverNames(t, s))
				}
			}
			g := openCurrent(t, s)
			want := crashCorpusIDs
			if tt.current != "gen-000001" {
				want = replay([]Op{crashUpsert("j1")})
			}
			if ids := articleIDs(t, g.Index); !reflect.DeepEqual(ids, want) {
				t.Fatalf("%s after the kill holds %v, want %v", tt.current, ids, want)
			}
			g.Close()
			crashAfter(t, s, corpus, []Op{crashUpsert("j1")})
		})
	}
}

// TestCrashStreamedAdd kills a streamed add of a large batch (as indexer
// add streams it) at random byte offsets, watching the journal grow: none
// of the batch is live unless it was committed, the batch acknowledged
// before it survives, and the next append removes the torn tail.
func TestCrashStreamedAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes that write megabytes")
	}
	tmpl, corpus := crashTemplate(t)
	const articles = 4000
	var lines []string
	body := strings.Repeat("Negotiators met again in Geneva to discuss the border crisis, officials said. ", 12)
	for i := range articles {
		lines = append(lines, art(fmt.Sprintf("big%d", i), fmt.Sprintf("Story %d", i), body, "2023-03-04"))
	}
	big := writeCorpus(t, t.TempDir(), "big.jsonl", lines...)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rnd := rand.New(rand.NewPCG(seed, seed))
	for k := range 3 {
		at := int64(256<<10 + rnd.IntN(3<<20))
		t.Run(fmt.Sprintf("kill%d", k), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			copyTree(t, tmpl, dir)
			s, _ := OpenStore(dir)
			cmd, out := crashChild(t, crashSpec{Job: "stream", Dir: dir, Corpus: big})
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			var size int64
		watch:
			for {
				select {
				case <-done:
					break watch
				case <-time.After(time.Millisecond):
				}
				if fi, err := os.Stat(s.journalPath()); err == nil && fi.Size() >= at {
					size = fi.Size()
					_ = cmd.Process.Signal(syscall.SIGKILL)
					<-done
					break
				}
			}
			acked, _ := crashAcks(out.String())
			if !acked[0] {
				t.Fatalf("the first batch was not acknowledged:\n%s", out)
			}
			info, err := s.JournalInfo()
			if err != nil {
				t.Fatal(err)
			}
			want := []Op{crashUpsert("s0")}
			switch {
			case acked[1]:
				t.Skipf("the child committed all %d articles before the kill at %d bytes (%d written)", articles, at, info.Bytes)
			case info.LastSeq > 1:
				t.Logf("killed at %d bytes after the batch was committed, before its acknowledgement", size)
				if info.LastSeq != 1+articles || info.Tail != nil {
					t.Fatalf("the committed batch is not whole: %+v", info)
				}
				return // a build of 4,000 articles is too slow for this test
			default:
				t.Logf("killed at %d bytes: torn tail %+v", size, info.Tail)
				if info.Tail == nil || info.Tail.Bytes < at-info.Tail.Offset {
					t.Fatalf("no torn tail after a kill mid-batch: %+v", info)
				}
			}
			crashAfter(t, s, corpus, want)
		})
	}
}
