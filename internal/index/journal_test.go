package index

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/readout/readout/internal/news"
)

func jUpsert(id string) Op {
	return Op{Kind: OpUpsert, Article: &news.Article{ID: id, Title: "Story " + id, Body: "The talks about " + id + " went on."}}
}

func jDelete(id string) Op { return Op{Kind: OpDelete, ID: id} }

// opKeys lists ops as "seq kind id", to compare journals.
func opKeys(ops []Op) []string {
	out := make([]string, len(ops))
	for i, op := range ops {
		out[i] = fmt.Sprintf("%d %s %s", op.Seq, op.Kind, op.ID)
	}
	return out
}

func mustAppend(t *testing.T, s *Store, ops ...Op) []Op {
	t.Helper()
	done, err := s.AppendJournal(ops)
	if err != nil {
		t.Fatalf("append: %v", err)
	}
	return done
}

func readJournalFile(t *testing.T, s *Store) []byte {
	t.Helper()
	b, err := os.ReadFile(s.journalPath())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func appendRaw(t *testing.T, s *Store, data string) {
	t.Helper()
	f, err := os.OpenFile(s.journalPath(), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(data); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestJournalBatchFormat: each append is one framed batch, begin, op lines,
// commit with the op count, last seq, byte count and CRC-32C of the op
// lines; the framing is what JournalInfo reports.
func TestJournalBatchFormat(t *testing.T) {
	s, _ := OpenStore(t.TempDir())
	first := mustAppend(t, s, jUpsert("a1"), jUpsert("a2"), jDelete("a0"))
	second := mustAppend(t, s, jDelete("a1"))
	if got := opKeys(append(first, second...)); !reflect.DeepEqual(got, []string{"1 upsert a1", "2 upsert a2", "3 delete a0", "4 delete a1"}) {
		t.Fatalf("journaled %v", got)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(readJournalFile(t, s)), "\n"), "\n")
	if len(lines) != 8 {
		t.Fatalf("journal has %d lines, want 8:\n%s", len(lines), strings.Join(lines, ""))
	}
	if lines[0] != `{"batch":"begin","first":1}`+"\n" || lines[5] != `{"batch":"begin","first":4}`+"\n" {
		t.Errorf("begin records: %q, %q", lines[0], lines[5])
	}
	ops := strings.Join(lines[1:4], "")
	var c commitRecord
	if err := json.Unmarshal([]byte(lines[4]), &c); err != nil {
		t.Fatal(err)
	}
	want := commitRecord{Batch: "commit", Ops: 3, Last: 3, Bytes: int64(len(ops)), CRC32C: crc32.Checksum([]byte(ops), crc32.MakeTable(crc32.Castagnoli))}
	if c != want {
		t.Errorf("commit record %+v, want %+v", c, want)
	}
	for _, l := range lines[1:4] {
		if !strings.HasPrefix(l, `{"seq":`) {
			t.Errorf("op line %q does not start with its seq", l)
		}
	}
	info, err := s.JournalInfo()
	if err != nil {
		t.Fatal(err)
	}
	if info.Batches != 2 || info.Ops != 4 || info.LegacyOps != 0 || info.LastSeq != 4 || info.Tail != nil || info.Bytes != int64(len(strings.Join(lines, "")))+1 {
		t.Errorf("info = %+v", info)
	}
	got, err := s.JournalSince(2)
	if err != nil || !reflect.DeepEqual(opKeys(got), []string{"3 delete a0", "4 delete a1"}) {
		t.Errorf("since 2 = %v, %v", opKeys(got), err)
	}
}

// committedJournal returns a store whose journal holds two committed
// batches (seq 1-3), and its bytes.
func committedJournal(t *testing.T) (*Store, []byte) {
	t.Helper()
	s, _ := OpenStore(t.TempDir())
	mustAppend(t, s, jUpsert("a1"), jUpsert("a2"))
	mustAppend(t, s, jDelete("a2"))
	return s, readJournalFile(t, s)
}

// nextBatch returns the bytes an append of ops would add to a journal that
// holds prefix.
func nextBatch(t *testing.T, prefix []byte, ops ...Op) []byte {
	t.Helper()
	s, _ := OpenStore(t.TempDir())
	if err := os.WriteFile(s.journalPath(), prefix, 0o644); err != nil {
		t.Fatal(err)
	}
	mustAppend(t, s, ops...)
	return readJournalFile(t, s)[len(prefix):]
}

// badChecksum returns a commit record line with its checksum changed.
func badChecksum(t *testing.T, line string) string {
	t.Helper()
	var c commitRecord
	if err := json.Unmarshal([]byte(line), &c); err != nil {
		t.Fatal(err)
	}
	c.CRC32C ^= 1
	b, _ := json.Marshal(c)
	return string(b) + "\n"
}

// TestJournalTornTail: whatever an interrupted append left after the last
// commit is ignored by readers, reported by JournalInfo, and truncated by
// the next append, which then continues the seqs.
func TestJournalTornTail(t *testing.T) {
	_, base := committedJournal(t)
	batch := nextBatch(t, base, jUpsert("b1"), jUpsert("b2"))
	lines := strings.SplitAfter(string(batch), "\n") // begin, op, op, commit, ""
	badCRC := badChecksum(t, lines[3])
	tests := []struct {
		name, tail, reason string
	}{
		{"half a begin record", lines[0][:10], "line 8 is incomplete"},
		{"begin alone", lines[0], "batch begun at line 8 has no commit"},
		{"half an op line", lines[0] + lines[1][:25], "batch begun at line 8 has no commit"},
		{"ops without commit", lines[0] + lines[1] + lines[2], "batch begun at line 8 has no commit"},
		{"half a commit record", lines[0] + lines[1] + lines[2] + lines[3][:20], "batch begun at line 8 has no commit"},
		{"an op missing", lines[0] + lines[1] + lines[3], "holds 1 in"},
		{"bad checksum", lines[0] + lines[1] + lines[2] + badCRC, "checksum mismatch"},
		{"zeroed bytes", lines[0] + strings.Repeat("\x00", 40) + "\n" + lines[3], "holds 1 in"},
		{"garbage line", "not json\n", "line 8: invalid character"},
		{"commit without begin", lines[3], "commit record without a begin"},
		{"legacy half line", `{"seq": 4, "kind": "ups`, "line 8 is incomplete"},
		{"blank lines", "\n\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := OpenStore(t.TempDir())
			var logs bytes.Buffer
			s.Logger = slog.New(slog.NewTextHandler(&logs, nil))
			if err := os.WriteFile(s.journalPath(), append(append([]byte{}, base...), tt.tail...), 0o644); err != nil {
				t.Fatal(err)
			}
			ops, err := s.JournalSince(0)
			if err != nil || !reflect.DeepEqual(opKeys(ops), []string{"1 upsert a1", "2 upsert a2", "3 delete a2"}) {
				t.Fatalf("read = %v, %v", opKeys(ops), err)
			}
			info, err := s.JournalInfo()
			if err != nil {
				t.Fatal(err)
			}
			if tt.reason == "" { // blank lines after a commit are no tail
				if info.Tail != nil {
					t.Fatalf("tail %+v", info.Tail)
				}
			} else if info.Tail == nil || info.Tail.Offset != int64(len(base)) || info.Tail.Line != 8 ||
				info.Tail.Bytes != int64(len(tt.tail)) || !strings.Contains(info.Tail.Reason, tt.reason) || info.Tail.InProgress {
				t.Fatalf("tail = %+v, want at line 8, offset %d, %d bytes, reason %q", info.Tail, len(base), len(tt.tail), tt.reason)
			}
			if info.LastSeq != 3 || info.Batches != 2 {
				t.Fatalf("info = %+v", info)
			}
			if tt.reason != "" && !strings.Contains(logs.String(), "torn tail") {
				t.Errorf("torn tail not logged: %s", logs.String())
			}

			tx, err := s.BeginJournal()
			if err != nil {
				t.Fatal(err)
			}
			if tt.reason != "" && (tx.Repaired() == nil || tx.Repaired().Bytes != int64(len(tt.tail))) {
				t.Errorf("repaired = %+v", tx.Repaired())
			}
			if err := tx.Add(jUpsert("c1")); err != nil {
				t.Fatal(err)
			}
			if first, last, err := tx.Commit(); err != nil || first != 4 || last != 4 {
				t.Fatalf("commit = %d-%d, %v", first, last, err)
			}
			got := readJournalFile(t, s)
			if rest, ok := bytes.CutPrefix(got, base); !ok || tt.reason != "" &&
				(!bytes.HasPrefix(rest, []byte(`{"batch":"begin","first":4}`)) || bytes.Count(rest, []byte("\n")) != 3) {
				t.Errorf("the torn tail is not replaced by the new batch:\n%s", got)
			}
			ops, err = s.JournalSince(0)
			if err != nil || len(ops) != 4 || ops[3].ID != "c1" || ops[3].Seq != 4 {
				t.Fatalf("after append: %v, %v", opKeys(ops), err)
			}
			if info, _ := s.JournalInfo(); info.Tail != nil || info.Batches != 3 {
				t.Fatalf("info after append: %+v", info)
			}
		})
	}
}

// TestJournalCorruptionMidFile: a bad record with committed ones after it
// is an error naming journal.jsonl:LINE, not a tail to ignore.
func TestJournalCorruptionMidFile(t *testing.T) {
	_, base := committedJournal(t)
	later := nextBatch(t, base, jUpsert("b1"))
	lines := strings.SplitAfter(string(later), "\n")
	badCRC := badChecksum(t, lines[2])
	// Each damage (from line 8) is followed by a good batch (seq 4) or a
	// legacy line.
	legacy := `{"seq":9,"kind":"delete","id":"z","at":"2024-01-01T00:00:00Z"}` + "\n"
	tests := []struct {
		name, damage, after, want string
	}{
		{"garbage line", "not json\n", string(later), "journal.jsonl:8: journal corrupt: invalid character"},
		{"torn line appended onto", `{"seq": 4, "kind": "ups` + legacy, string(later), "journal.jsonl:8: journal corrupt: invalid character"},
		{"begin without commit", lines[0], string(later), "journal.jsonl:8: journal corrupt: batch begun here has no commit record"},
		{"bad checksum", lines[0] + lines[1] + badCRC, legacy, "journal.jsonl:10: journal corrupt: checksum mismatch in the batch begun at line 8"},
		{"seq going back", "", `{"seq":2,"kind":"delete","id":"z","at":"2024-01-01T00:00:00Z"}` + "\n" + legacy, "journal.jsonl:8: journal corrupt: seq 2 does not follow 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := OpenStore(t.TempDir())
			if err := os.WriteFile(s.journalPath(), []byte(string(base)+tt.damage+tt.after), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := s.JournalSince(0)
			if !errors.Is(err, ErrJournalCorrupt) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "committed records follow") {
				t.Errorf("read: %v, want %q", err, tt.want)
			}
			if _, err := s.JournalInfo(); !errors.Is(err, ErrJournalCorrupt) {
				t.Errorf("info: %v", err)
			}
			if _, err := s.ScanJournal(3, func(Op) error { return nil }); !errors.Is(err, ErrJournalCorrupt) {
				t.Errorf("scan since 3: %v", err)
			}
		})
	}
}

// TestJournalLegacyFormat: journals written one op a line before batches
// existed are read as before (a torn last line ignored), and appended to.
func TestJournalLegacyFormat(t *testing.T) {
	s, _ := OpenStore(t.TempDir())
	legacy := `{"seq":1,"kind":"upsert","id":"l1","article":{"id":"l1","title":"Old","body":"Legacy body.","published":"2021-02-03T00:00:00Z"},"at":"2023-01-01T00:00:00Z"}
{"seq":2,"kind":"delete","id":"gone","at":"2023-01-01T00:00:00Z"}

{"seq":3,"kind":"upsert","id":"l2","article":{"id":"l2","title":"Old two"},"at":"2023-01-02T00:00:00Z"}
{"seq":4,"kind":"ups`
	appendRaw(t, s, legacy)
	ops, err := s.JournalSince(0)
	if err != nil || !reflect.DeepEqual(opKeys(ops), []string{"1 upsert l1", "2 delete gone", "3 upsert l2"}) {
		t.Fatalf("legacy read = %v, %v", opKeys(ops), err)
	}
	if ops[0].Article.Published.Year() != 2021 || ops[2].Article.Dated() {
		t.Errorf("legacy articles = %+v, %+v", ops[0].Article, ops[2].Article)
	}
	info, _ := s.JournalInfo()
	if info.LegacyOps != 3 || info.Ops != 3 || info.Batches != 0 || info.LastSeq != 3 || info.Tail == nil || info.Tail.Line != 5 {
		t.Fatalf("legacy info = %+v (tail %+v)", info, info.Tail)
	}
	done := mustAppend(t, s, jUpsert("n1"))
	if done[0].Seq != 4 {
		t.Fatalf("append after legacy ops: seq %d", done[0].Seq)
	}
	// An op line appended by an older indexer after a batch is live too.
	appendRaw(t, s, `{"seq":5,"kind":"delete","id":"l1","at":"2023-01-03T00:00:00Z"}`+"\n")
	ops, err = s.JournalSince(2)
	if err != nil || !reflect.DeepEqual(opKeys(ops), []string{"3 upsert l2", "4 upsert n1", "5 delete l1"}) {
		t.Fatalf("mixed read = %v, %v", opKeys(ops), err)
	}
	if done := mustAppend(t, s, jDelete("n1")); done[0].Seq != 6 {
		t.Fatalf("append after a legacy line: seq %d", done[0].Seq)
	}
	info, _ = s.JournalInfo()
	if info.LegacyOps != 4 || info.Ops != 6 || info.Batches != 2 || info.LastSeq != 6 || info.Tail != nil {
		t.Fatalf("mixed info = %+v", info)
	}
}

// TestJournalTxAllOrNothing: a streamed batch is invisible until Commit,
// and an aborted or failed one leaves the journal as it was.
func TestJournalTxAllOrNothing(t *testing.T) {
	defer func(n int) { journalBufSize = n }(journalBufSize)
	journalBufSize = 64 // every op reaches the file at once
	s, base := committedJournal(t)

	tx, err := s.BeginJournal()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if err := tx.Add(jUpsert(fmt.Sprintf("s%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	if fi, _ := os.Stat(s.journalPath()); fi.Size() <= int64(len(base)) {
		t.Fatalf("the batch did not reach the file (size %d)", fi.Size())
	}
	// A reader meanwhile sees none of it, and knows an append is running.
	info, err := s.JournalInfo()
	if err != nil || info.LastSeq != 3 || info.Tail == nil || !info.Tail.InProgress {
		t.Fatalf("info during the batch = %+v (%v)", info, err)
	}
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := readJournalFile(t, s); !bytes.Equal(got, base) {
		t.Fatalf("abort left %d bytes, want the %d before", len(got), len(base))
	}
	if err := tx.Add(jUpsert("late")); !errors.Is(err, errTxDone) {
		t.Errorf("add after abort: %v", err)
	}

	// A bad op aborts the whole batch.
	tx, _ = s.BeginJournal()
	if err := tx.Add(jUpsert("ok")); err != nil {
		t.Fatal(err)
	}
	err = tx.Add(Op{Kind: OpUpsert, Article: &news.Article{ID: "empty"}})
	if err == nil || !strings.Contains(err.Error(), "op 2: article \"empty\": neither title nor body") {
		t.Fatalf("bad op: %v", err)
	}
	if _, _, cerr := tx.Commit(); cerr == nil || cerr.Error() != err.Error() {
		t.Errorf("commit after a failed add: %v", cerr)
	}
	if got := readJournalFile(t, s); !bytes.Equal(got, base) {
		t.Fatalf("failed batch left %d bytes", len(got))
	}

	// An empty batch commits nothing.
	tx, _ = s.BeginJournal()
	if _, _, err := tx.Commit(); err == nil || !strings.Contains(err.Error(), "empty batch") {
		t.Errorf("empty commit: %v", err)
	}
	if got := readJournalFile(t, s); !bytes.Equal(got, base) {
		t.Fatalf("empty batch left %d bytes", len(got))
	}

	// A committed one is all there, and Abort after Commit does nothing.
	tx, _ = s.BeginJournal()
	for _, id := range []string{"x1", "x2"} {
		if err := tx.Add(jUpsert(id)); err != nil {
			t.Fatal(err)
		}
	}
	if first, last, err := tx.Commit(); err != nil || first != 4 || last != 5 {
		t.Fatalf("commit: %d-%d %v", first, last, err)
	}
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	ops, err := s.JournalSince(3)
	if err != nil || !reflect.DeepEqual(opKeys(ops), []string{"4 upsert x1", "5 upsert x2"}) {
		t.Fatalf("after commit: %v %v", opKeys(ops), err)
	}
}

// TestJournalAppendsWait: concurrent appends each get a batch of their own,
// with seqs that do not overlap.
func TestJournalAppendsWait(t *testing.T) {
	s, _ := OpenStore(t.TempDir())
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				if _, err := s.AppendJournal([]Op{jUpsert(fmt.Sprintf("w%d-%d", w, i)), jDelete("x")}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	info, err := s.JournalInfo()
	if err != nil || info.Batches != 20 || info.Ops != 40 || info.LastSeq != 40 || info.Tail != nil {
		t.Fatalf("info = %+v, %v", info, err)
	}
}

// TestJournalConcurrentReaders: readers sharing a Store (as searchd's
// reloads and uploads do) while another process appends batches and, as an
// older indexer would, legacy op lines: every read sees a prefix of the
// journal, in order.
func TestJournalConcurrentReaders(t *testing.T) {
	s, _ := OpenStore(t.TempDir())
	appendRaw(t, s, `{"seq":1,"kind":"delete","id":"l1","at":"2023-01-01T00:00:00Z"}`+"\n")
	if _, err := s.JournalSince(0); err != nil { // the Store now remembers an open legacy run
		t.Fatal(err)
	}
	writer := &Store{Dir: s.Dir}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 2; i < 60; i++ {
			if i%3 == 0 {
				if _, err := writer.AppendJournal([]Op{jDelete(fmt.Sprint(i))}); err != nil {
					t.Error(err)
					return
				}
				continue
			}
			appendRaw(t, writer, fmt.Sprintf(`{"seq":%d,"kind":"delete","id":"%d","at":"2023-01-01T00:00:00Z"}`+"\n", i, i))
		}
	}()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				ops, err := s.JournalSince(0)
				if err != nil {
					t.Error(err)
					return
				}
				for i, op := range ops {
					if op.Seq != int64(i+1) {
						t.Errorf("op %d has seq %d", i+1, op.Seq)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if ops, err := s.JournalSince(0); err != nil || len(ops) != 59 {
		t.Fatalf("at the end: %d ops, %v", len(ops), err)
	}
}

// TestJournalTornTailLoggedOnce: a reader that reads the journal again and
// again (searchd, every reload) logs a torn tail once, until it changes.
func TestJournalTornTailLoggedOnce(t *testing.T) {
	s, _ := committedJournal(t)
	var logs bytes.Buffer
	s.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	appendRaw(t, s, `{"batch":"begin","first":4}`+"\n")
	for range 3 {
		if _, err := s.JournalSince(3); err != nil {
			t.Fatal(err)
		}
	}
	if n := strings.Count(logs.String(), "ignoring the torn tail"); n != 1 {
		t.Fatalf("logged %d times:\n%s", n, logs.String())
	}
	mustAppend(t, s, jUpsert("n"))
	if !strings.Contains(logs.String(), "removed the torn tail") {
		t.Errorf("repair not logged:\n%s", logs.String())
	}
	appendRaw(t, s, `{"seq":5,`)
	for range 2 {
		if _, err := s.JournalSince(0); err != nil {
			t.Fatal(err)
		}
	}
	if n := strings.Count(logs.String(), "ignoring the torn tail"); n != 2 {
		t.Fatalf("a new tail logged %d times in all:\n%s", n-1, logs.String())
	}
}

// TestJournalReplaced: the framing a Store remembers belongs to one file; a
// journal replaced by another (or truncated below it) is read afresh.
func TestJournalReplaced(t *testing.T) {
	s, base := committedJournal(t)
	if _, err := s.JournalSince(0); err != nil {
		t.Fatal(err)
	}
	other, _ := OpenStore(t.TempDir())
	mustAppend(t, other, jDelete("only"))
	if err := os.Rename(other.journalPath(), s.journalPath()); err != nil {
		t.Fatal(err)
	}
	ops, err := s.JournalSince(0)
	if err != nil || !reflect.DeepEqual(opKeys(ops), []string{"1 delete only"}) {
		t.Fatalf("replaced journal read as %v, %v", opKeys(ops), err)
	}
	if err := os.WriteFile(s.journalPath(), base, 0o644); err != nil { // same file, rewritten
		t.Fatal(err)
	}
	if ops, err := s.JournalSince(0); err != nil || len(ops) != 3 {
		t.Fatalf("rewritten journal read as %v, %v", opKeys(ops), err)
	}
}

// TestJournalFullDisk: a write error (a full disk) aborts the append and
// truncates it away, the error names the journal, the journal stays
// readable, and the next append after space is freed succeeds. It runs on a
// 256 KiB tmpfs when it can mount one (root), and always with injected
// write errors.
func TestJournalFullDisk(t *testing.T) {
	t.Run("tmpfs", func(t *testing.T) {
		dir := t.TempDir()
		if os.Geteuid() != 0 {
			t.Skip("not root: cannot mount a small tmpfs (the injected case runs)")
		}
		if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=256k"); err != nil {
			t.Skipf("mount tmpfs: %v (the injected case runs)", err)
		}
		t.Cleanup(func() {
			if err := syscall.Unmount(dir, 0); err != nil {
				t.Errorf("unmount %s: %v", dir, err)
			}
		})
		t.Log("on a 256 KiB tmpfs")
		s, _ := OpenStore(dir)
		fill := filepath.Join(dir, "fill")
		checkFullDisk(t, s, func() {
			// Leave about 16 KiB free.
			if err := os.WriteFile(fill, bytes.Repeat([]byte("x"), 256<<10-16<<10-int(dirSize(dir))), 0o644); err != nil {
				t.Fatal(err)
			}
		}, func() {
			if err := os.Remove(fill); err != nil {
				t.Fatal(err)
			}
		})
	})
	t.Run("injected", func(t *testing.T) {
		t.Log("with injected ENOSPC write errors")
		defer func(w func(*os.File, []byte) (int, error)) { journalWrite = w }(journalWrite)
		s, _ := OpenStore(t.TempDir())
		var limit int64 = -1 // bytes the journal file may grow to; -1: no limit
		journalWrite = func(f *os.File, p []byte) (int, error) {
			if limit < 0 {
				return f.Write(p)
			}
			off, _ := f.Seek(0, 1)
			room := max(limit-off, 0)
			if int64(len(p)) <= room {
				return f.Write(p)
			}
			n, _ := f.Write(p[:room])
			return n, syscall.ENOSPC
		}
		checkFullDisk(t, s, func() {
			fi, _ := os.Stat(s.journalPath())
			limit = fi.Size() + 16<<10
		}, func() { limit = -1 })
	})
}

func checkFullDisk(t *testing.T, s *Store, fill, free func()) {
	t.Helper()
	base := mustAppend(t, s, jUpsert("before"))
	before := readJournalFile(t, s)
	fill()
	big := jUpsert("big")
	big.Article.Body = strings.Repeat("A long article about the talks. ", 1500) // 48 KB
	_, err := s.AppendJournal([]Op{jUpsert("small"), big})
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), s.journalPath()) {
		t.Fatalf("append on a full disk: %v, want ENOSPC naming %s", err, s.journalPath())
	}
	if got := readJournalFile(t, s); !bytes.Equal(got, before) {
		t.Fatalf("the failed append left %d bytes, want the %d before", len(got), len(before))
	}
	// Streamed: ops until the disk is full.
	tx, err := s.BeginJournal()
	if err != nil {
		t.Fatal(err)
	}
	var addErr error
	for i := 0; i < 1000 && addErr == nil; i++ {
		addErr = tx.Add(jUpsert(fmt.Sprintf("stream-%d-%s", i, strings.Repeat("x", 200))))
	}
	if addErr == nil {
		_, _, addErr = tx.Commit()
	}
	if !errors.Is(addErr, syscall.ENOSPC) {
		t.Fatalf("streamed append on a full disk: %v", addErr)
	}
	if got := readJournalFile(t, s); !bytes.Equal(got, before) {
		t.Fatalf("the failed streamed append left %d bytes, want the %d before", len(got), len(before))
	}
	ops, err := s.JournalSince(0)
	if err != nil || !reflect.DeepEqual(opKeys(ops), opKeys(base)) {
		t.Fatalf("journal after the failures: %v, %v", opKeys(ops), err)
	}
	free()
	if _, err := s.AppendJournal([]Op{jUpsert("small"), big}); err != nil {
		t.Fatalf("append after space is freed: %v", err)
	}
	ops, err = s.JournalSince(0)
	if err != nil || !reflect.DeepEqual(opKeys(ops), []string{"1 upsert before", "2 upsert small", "3 upsert big"}) {
		t.Fatalf("journal after space is freed: %v, %v", opKeys(ops), err)
	}
}

// MarshalOp writes an op as the journal's line (the cluster's change
// stream carries it): UnmarshalOp reads back the same op, an undated
// article undated and a date in its own zone the same instant.
func TestMarshalOpRoundTrip(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	at := time.Date(2026, 12, 5, 3, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		op   Op
	}{
		{"delete", Op{Seq: 7, Kind: OpDelete, ID: "a1", At: at}},
		{"undated upsert", Op{Seq: 8, Kind: OpUpsert, ID: "a2", At: at, Article: &news.Article{ID: "a2", Title: "Undated"}}},
		{"dated upsert", Op{Kind: OpUpsert, ID: "a3", At: at, Article: &news.Article{ID: "a3", Body: "Talks.", Source: "Wire",
			Published: time.Date(2022, 3, 3, 9, 30, 0, 0, berlin)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := MarshalOp(tc.op)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.ContainsRune(b, '\n') {
				t.Errorf("%s: not one line", b)
			}
			got, err := UnmarshalOp(b)
			if err != nil {
				t.Fatal(err)
			}
			if got.Seq != tc.op.Seq || got.Kind != tc.op.Kind || got.ID != tc.op.ID || !got.At.Equal(tc.op.At) {
				t.Errorf("read back %+v, want %+v", got, tc.op)
			}
			if (got.Article == nil) != (tc.op.Article == nil) {
				t.Fatalf("article %+v, want %+v", got.Article, tc.op.Article)
			}
			if a, w := got.Article, tc.op.Article; a != nil {
				if a.Dated() != w.Dated() || !a.Published.Equal(w.Published) || a.Title != w.Title || a.Body != w.Body || a.Source != w.Source {
					t.Errorf("article read back %+v, want %+v", a, w)
				}
			}
		})
	}
	if _, err := UnmarshalOp([]byte(`{"seq":1,"kind":"upsert","id":"x","article":{"id":"x","published":"March 3"}}`)); err == nil || !strings.Contains(err.Error(), "decode op 1: published") {
		t.Errorf("a bad date: %v", err)
	}
}
