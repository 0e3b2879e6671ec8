package index

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// Appending to the journal: batches, and the torn tail an interrupted one
// leaves (journal.go has the format).

// JournalTx is one batch being appended to the journal. It holds the
// journal's lock from BeginJournal to Commit or Abort: other appends wait,
// readers go on and see nothing of the batch until it is committed. Any
// error of Add or Commit aborts the batch (nothing of it becomes live) and
// every later call returns that error; Abort after Commit does nothing, so
// `defer tx.Abort()` is the way to use it.
type JournalTx struct {
	s        *Store
	f        *os.File
	w        *bufio.Writer
	enc      *json.Encoder
	line     bytes.Buffer
	start    int64 // where the batch starts: the end of the last committed record
	first    int64 // seq of the batch's first op
	n        int
	crc      uint32
	bytes    int64
	at       time.Time
	created  bool
	repaired *JournalTail
	err      error
	done     bool
}

type journalFileWriter struct{ f *os.File }

func (w journalFileWriter) Write(p []byte) (int, error) {
	n, err := journalWrite(w.f, p)
	crash("journal.write")
	return n, err
}

// BeginJournal starts a batch: it locks the journal (waiting for an append
// in progress), finds the last committed seq from the journal's tail, and
// truncates a torn tail left by an interrupted append (fsync'ed, and
// logged). Finish with Commit, or Abort.
func (s *Store) BeginJournal() (*JournalTx, error) {
	path := s.journalPath()
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock journal %s: %w", path, err)
	}
	ok := false
	defer func() {
		if !ok {
			_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
			f.Close()
		}
	}()
	crash("journal.locked")
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("journal %s: %w", path, err)
	}
	last, good, tail, err := s.journalEnd(f, fi)
	if err != nil {
		return nil, err
	}
	tx := &JournalTx{s: s, f: f, start: good, first: last + 1, at: time.Now().UTC(), created: fi.Size() == 0}
	if tail != nil {
		crash("journal.truncate")
		if err := f.Truncate(good); err != nil {
			return nil, fmt.Errorf("journal %s: remove torn tail at line %d: %w", path, tail.Line, err)
		}
		crash("journal.truncated")
		if err := f.Sync(); err != nil {
			return nil, fmt.Errorf("journal %s: remove torn tail at line %d: sync: %w", path, tail.Line, err)
		}
		tx.repaired = tail
		s.logger().Warn("journal: removed the torn tail of an interrupted append (no commit record, or one that does not match)",
			"journal", path, "line", tail.Line, "offset", tail.Offset, "bytes", tail.Bytes, "reason", tail.Reason)
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		return nil, fmt.Errorf("journal %s: %w", path, err)
	}
	tx.w = bufio.NewWriterSize(journalFileWriter{f}, journalBufSize)
	tx.enc = json.NewEncoder(&tx.line)
	b, _ := json.Marshal(beginRecord{Batch: frameBegin, First: tx.first})
	_, _ = tx.w.Write(append(b, '\n')) // buffered; an error shows at the next write
	ok = true
	crash("journal.begin")
	return tx, nil
}

// Repaired returns the torn tail that BeginJournal removed, or nil.
func (tx *JournalTx) Repaired() *JournalTail { return tx.repaired }

// Len returns the number of ops added.
func (tx *JournalTx) Len() int { return tx.n }

var errTxDone = errors.New("journal batch already committed or aborted")

// Add validates op, gives it the next seq and writes it (buffered).
func (tx *JournalTx) Add(op Op) error {
	if tx.err != nil {
		return tx.err
	}
	if tx.done {
		return errTxDone
	}
	if err := op.Validate(); err != nil {
		return tx.fail(fmt.Errorf("op %d: %w", tx.n+1, err))
	}
	op.Seq, op.At, op.ID = tx.first+int64(tx.n), tx.at, op.articleID()
	tx.line.Reset()
	if err := tx.enc.Encode(toRecord(op)); err != nil { // with its newline
		return tx.fail(fmt.Errorf("op %d: encode: %w", tx.n+1, err))
	}
	b := tx.line.Bytes()
	tx.crc = crc32.Update(tx.crc, castagnoli, b)
	tx.bytes += int64(len(b))
	if _, err := tx.w.Write(b); err != nil {
		return tx.fail(fmt.Errorf("append to journal %s: %w", tx.s.journalPath(), err))
	}
	tx.n++
	crash("journal.op")
	return nil
}

// Commit writes the commit record and fsyncs; the batch is live (and
// durable) when it returns without error. It returns the seqs of the first
// and last op. An empty batch is an error (and leaves nothing).
func (tx *JournalTx) Commit() (first, last int64, err error) {
	if tx.err != nil {
		return 0, 0, tx.err
	}
	if tx.done {
		return 0, 0, errTxDone
	}
	if tx.n == 0 {
		return 0, 0, tx.fail(errors.New("journal: empty batch, nothing to commit"))
	}
	path := tx.s.journalPath()
	first, last = tx.first, tx.first+int64(tx.n)-1
	b, _ := json.Marshal(commitRecord{Batch: frameCommit, Ops: tx.n, Last: last, Bytes: tx.bytes, CRC32C: tx.crc})
	if _, err := tx.w.Write(append(b, '\n')); err != nil {
		return 0, 0, tx.fail(fmt.Errorf("append to journal %s: %w", path, err))
	}
	if err := tx.w.Flush(); err != nil {
		return 0, 0, tx.fail(fmt.Errorf("append to journal %s: %w", path, err))
	}
	crash("journal.commit.written")
	// After a failed fsync the commit record may still be in the page
	// cache; fail truncates the batch away so that it cannot become live.
	if err := tx.f.Sync(); err != nil {
		return 0, 0, tx.fail(fmt.Errorf("sync journal %s: %w", path, err))
	}
	crash("journal.synced")
	if tx.created {
		if err := syncDir(tx.s.Dir); err != nil {
			return 0, 0, tx.fail(fmt.Errorf("sync index directory %s: %w", tx.s.Dir, err))
		}
	}
	tx.done = true
	tx.release()
	return first, last, nil
}

// Abort truncates the batch away and releases the journal. It does nothing
// after Commit or a failed call (which aborted already).
func (tx *JournalTx) Abort() error {
	if tx.done {
		return nil
	}
	tx.done = true
	defer tx.release()
	crash("journal.abort")
	if err := tx.f.Truncate(tx.start); err != nil {
		return fmt.Errorf("abort journal batch: truncate %s: %w (the batch has no commit record unless its fsync failed; the next append removes it)", tx.s.journalPath(), err)
	}
	if err := tx.f.Sync(); err != nil {
		return fmt.Errorf("abort journal batch: sync %s: %w", tx.s.journalPath(), err)
	}
	return nil
}

func (tx *JournalTx) fail(err error) error {
	tx.err = err
	if aerr := tx.Abort(); aerr != nil {
		tx.err = errors.Join(err, aerr)
	}
	return tx.err
}

func (tx *JournalTx) release() {
	_ = syscall.Flock(int(tx.f.Fd()), syscall.LOCK_UN)
	tx.f.Close()
}

// AppendJournal validates ops, gives them sequence numbers and appends them
// as one batch, durably (fsync): all of them are live, or (on an error)
// none. It returns the ops as journaled.
func (s *Store) AppendJournal(ops []Op) ([]Op, error) {
	for i, op := range ops {
		if err := op.Validate(); err != nil {
			return nil, fmt.Errorf("op %d: %w", i+1, err)
		}
	}
	if len(ops) == 0 {
		return nil, nil
	}
	tx, err := s.BeginJournal()
	if err != nil {
		return nil, err
	}
	defer tx.Abort() //nolint:errcheck // after Commit: nothing to do
	for _, op := range ops {
		if err := tx.Add(op); err != nil {
			return nil, err
		}
	}
	first, _, err := tx.Commit()
	if err != nil {
		return nil, err
	}
	out := make([]Op, len(ops))
	for i, op := range ops {
		op.Seq, op.At, op.ID = first+int64(i), tx.at, op.articleID()
		out[i] = op
	}
	return out, nil
}

// journalEnd returns the last committed seq, the end of the last committed
// record and the torn tail after it, if any. It reads the last batch from
// the end of the file; only when the file does not end with a committed
// batch (a torn tail, or the format before batches) does it scan the whole
// framing.
func (s *Store) journalEnd(f *os.File, fi fs.FileInfo) (last, good int64, tail *JournalTail, err error) {
	size := fi.Size()
	if size == 0 {
		return 0, 0, nil, nil
	}
	if last, ok := lastCommit(f, size); ok {
		return last, size, nil, nil
	}
	j, err := s.scanJournalFile(f, fi)
	if err != nil {
		return 0, 0, nil, err
	}
	return j.info.LastSeq, j.good, j.tail, nil
}

// lastCommit reports whether the file ends with a committed batch whose
// checksum matches, and its last seq.
func lastCommit(f *os.File, size int64) (int64, bool) {
	commitLine, commitStart, ok := lineBefore(f, size)
	if !ok {
		return 0, false
	}
	c, ok := parseFrame(commitLine)
	if !ok || c.Batch != frameCommit || c.Ops <= 0 || c.Bytes <= 0 || c.Bytes > commitStart {
		return 0, false
	}
	opsStart := commitStart - c.Bytes
	beginLine, _, ok := lineBefore(f, opsStart)
	if !ok {
		return 0, false
	}
	b, ok := parseFrame(beginLine)
	if !ok || b.Batch != frameBegin || b.First+int64(c.Ops)-1 != c.Last {
		return 0, false
	}
	h := crc32.New(castagnoli)
	if _, err := io.Copy(h, io.NewSectionReader(f, opsStart, c.Bytes)); err != nil || h.Sum32() != c.CRC32C {
		return 0, false
	}
	return c.Last, true
}

// lineBefore returns the short line that ends (with its newline) at end, and
// where it starts.
func lineBefore(f *os.File, end int64) ([]byte, int64, bool) {
	const maxFrameLine = 512
	n := min(end, maxFrameLine)
	if n == 0 {
		return nil, 0, false
	}
	buf := make([]byte, n)
	if _, err := f.ReadAt(buf, end-n); err != nil || buf[n-1] != '\n' {
		return nil, 0, false
	}
	i := bytes.LastIndexByte(buf[:n-1], '\n')
	if i < 0 && n < end {
		return nil, 0, false // longer than a frame record
	}
	return buf[i+1:], end - n + int64(i+1), true
}

func parseFrame(line []byte) (frameRecord, bool) {
	var r frameRecord
	if !bytes.HasPrefix(line, framePrefix) || json.Unmarshal(line, &r) != nil {
		return r, false
	}
	return r, true
}
