package index

// The journal file, journal.jsonl, is JSON Lines. Each append is one batch,
// framed by a begin and a commit record that carry a "batch" key; the lines
// between them are ops, one a line:
//
//	{"batch":"begin","first":4}
//	{"seq":4,"kind":"upsert","id":"a1","article":{...},"at":"..."}
//	{"seq":5,"kind":"delete","id":"a2","at":"..."}
//	{"batch":"commit","ops":2,"last":5,"bytes":311,"crc32c":2830177231}
//
// The commit record holds the number of ops, the last seq, and the length
// and CRC-32C (Castagnoli) of the op lines' bytes, newlines included. The
// writer fsyncs after the commit record, and only then reports the batch
// done. A batch is live only when its commit record is present and matches;
// a crash (or a full disk) mid-append leaves a torn tail after the last
// commit: half a line, a begin without a commit, a batch whose checksum does
// not match. Readers ignore a torn tail; the next append truncates it away
// (under the journal's flock) before writing. A bad record followed by a
// committed one is corruption, not a torn tail, and every reader fails on
// it, naming journal.jsonl:LINE.
//
// Op lines outside any begin/commit frame are ops of the format before
// batches (one op a line, each fsync'ed): they are live as written.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/readout/readout/internal/ingest"
)

// Op kinds of the journal.
const (
	OpUpsert = "upsert"
	OpDelete = "delete"
)

// Op is one incremental change: an article added or replaced, or deleted.
// The journal of ops is, beside the corpus, the source of truth: every full
// build replays it after reading the corpus, so incremental changes survive
// rebuilds.
type Op struct {
	Seq     int64           `json:"seq"`
	Kind    string          `json:"kind"`
	ID      string          `json:"id"`
	Article *ingest.Article `json:"article,omitempty"`
	At      time.Time       `json:"at"`
}

// Validate checks an op before it is journaled.
func (op Op) Validate() error {
	switch op.Kind {
	case OpUpsert:
		if op.Article == nil {
			return errors.New("upsert without an article")
		}
		if op.Article.ID == "" {
			return errors.New("article: missing id")
		}
		if op.ID != "" && op.ID != op.Article.ID {
			return fmt.Errorf("article id %q does not match %q", op.Article.ID, op.ID)
		}
		if op.Article.Title == "" && op.Article.Body == "" {
			return fmt.Errorf("article %q: neither title nor body", op.Article.ID)
		}
	case OpDelete:
		if op.ID == "" {
			return errors.New("delete: missing id")
		}
	default:
		return fmt.Errorf("unknown op kind %q", op.Kind)
	}
	return nil
}

func (op Op) articleID() string {
	if op.Article != nil {
		return op.Article.ID
	}
	return op.ID
}

// journalRecord is the on-disk form of an op: Published as text so undated
// stays undated.
type journalRecord struct {
	Seq     int64       `json:"seq"`
	Kind    string      `json:"kind"`
	ID      string      `json:"id"`
	Article *journalArt `json:"article,omitempty"`
	At      time.Time   `json:"at"`
}

type journalArt struct {
	ingest.Article
	Published string `json:"published,omitempty"`
}

func toRecord(op Op) journalRecord {
	r := journalRecord{Seq: op.Seq, Kind: op.Kind, ID: op.articleID(), At: op.At}
	if op.Article != nil {
		ja := &journalArt{Article: *op.Article}
		if op.Article.Dated() {
			ja.Published = op.Article.Published.UTC().Format(time.RFC3339Nano)
		}
		r.Article = ja
	}
	return r
}

func fromRecord(r journalRecord) (Op, error) {
	op := Op{Seq: r.Seq, Kind: r.Kind, ID: r.ID, At: r.At}
	if r.Article != nil {
		a := r.Article.Article
		a.Published = time.Time{}
		if r.Article.Published != "" {
			t, err := time.Parse(time.RFC3339Nano, r.Article.Published)
			if err != nil {
				return op, fmt.Errorf("published: %w", err)
			}
			a.Published = t
		}
		op.Article = &a
	}
	return op, nil
}

// Frame records.
const (
	frameBegin  = "begin"
	frameCommit = "commit"
)

// framePrefix starts every frame record and no op line (those start with
// {"seq":).
var framePrefix = []byte(`{"batch":`)

type beginRecord struct {
	Batch string `json:"batch"`
	First int64  `json:"first"`
}

type commitRecord struct {
	Batch  string `json:"batch"`
	Ops    int    `json:"ops"`
	Last   int64  `json:"last"`
	Bytes  int64  `json:"bytes"`
	CRC32C uint32 `json:"crc32c"`
}

// frameRecord decodes either frame record.
type frameRecord struct {
	Batch  string `json:"batch"`
	First  int64  `json:"first"`
	Ops    int    `json:"ops"`
	Last   int64  `json:"last"`
	Bytes  int64  `json:"bytes"`
	CRC32C uint32 `json:"crc32c"`
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrJournalCorrupt means the journal holds a bad record followed by
// committed ones: not the torn tail of an interrupted append, which readers
// ignore, but damage that needs a person.
var ErrJournalCorrupt = errors.New("journal corrupt")

// JournalTail is what follows the last committed record of the journal:
// the torn tail of an interrupted append or, while an append runs, the batch
// being written. Readers ignore it; the next append removes it.
type JournalTail struct {
	Line   int    `json:"line"`   // its first line
	Offset int64  `json:"offset"` // its first byte: the end of the last committed record
	Bytes  int64  `json:"bytes"`
	Reason string `json:"reason"`
	// InProgress: an append held the journal's lock when it was read (or
	// the journal grew meanwhile), so the tail is most likely a batch being
	// written rather than a torn one.
	InProgress bool `json:"in_progress"`
}

// JournalInfo summarises the journal.
type JournalInfo struct {
	Bytes     int64        `json:"bytes"`
	Batches   int          `json:"batches"`    // committed batches
	Ops       int          `json:"ops"`        // live ops, legacy ones included
	LegacyOps int          `json:"legacy_ops"` // ops written one a line, before batches
	LastSeq   int64        `json:"last_seq"`
	Tail      *JournalTail `json:"tail,omitempty"`
}

// crashPoint, when set, is called at named points of the journal writer,
// prune and build so that a test can kill the process exactly there. It is
// nil in production; only this package's crash tests set it, in a child
// process.
var crashPoint func(name string)

func crash(name string) {
	if crashPoint != nil {
		crashPoint(name)
	}
}

// journalWrite writes to the journal file. The full-disk test replaces it to
// inject write errors where it cannot mount a small file system.
var journalWrite = func(f *os.File, p []byte) (int, error) { return f.Write(p) }

// journalBufSize is the journal writer's buffer; crash tests make it small
// so that a batch reaches the file in many writes.
var journalBufSize = 64 << 10

// maxJournalLine bounds a line that a reader must hold whole (a legacy op or
// a frame record); an article is far smaller.
const maxJournalLine = 256 << 20

func (s *Store) journalPath() string { return filepath.Join(s.Dir, journalFile) }

func (s *Store) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Logger
}

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

// JournalSince returns the live ops with Seq > seq, in order. A torn tail is
// ignored, and logged (once) to the Store's Logger.
func (s *Store) JournalSince(seq int64) ([]Op, error) {
	var out []Op
	_, err := s.ScanJournal(seq, func(op Op) error {
		out = append(out, op)
		return nil
	})
	return out, err
}

// ScanJournal calls fn with each live op with Seq > since, in order,
// decoding one op at a time, and returns the last committed seq. A torn tail
// is ignored, and logged (once) to the Store's Logger. An error of fn stops
// the scan and is returned.
func (s *Store) ScanJournal(since int64, fn func(Op) error) (int64, error) {
	j, err := s.openJournal()
	if err != nil {
		return 0, err
	}
	defer j.close()
	s.logTail(j.tail)
	if err := j.each(since, fn); err != nil {
		return 0, err
	}
	return j.info.LastSeq, nil
}

// JournalInfo reads the journal's framing (not its articles) and summarises
// it; it does not log the tail.
func (s *Store) JournalInfo() (JournalInfo, error) {
	j, err := s.openJournal()
	if err != nil {
		return JournalInfo{}, err
	}
	j.close()
	info := j.info
	info.Bytes, info.Tail = j.size, j.tail
	return info, nil
}

// logTail logs a torn tail once: a searchd that reads the journal every few
// seconds says it once, until the tail changes.
func (s *Store) logTail(t *JournalTail) {
	if t == nil || t.InProgress {
		return
	}
	key := fmt.Sprintf("%d+%d", t.Offset, t.Bytes)
	s.jmu.Lock()
	seen := s.tailLogged == key
	s.tailLogged = key
	s.jmu.Unlock()
	if !seen {
		s.logger().Warn("journal: ignoring the torn tail of an interrupted append; the next append removes it",
			"journal", s.journalPath(), "line", t.Line, "offset", t.Offset, "bytes", t.Bytes, "reason", t.Reason)
	}
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

// journalSeg is a run of live op lines: one committed batch, or legacy ops.
type journalSeg struct {
	off, end    int64
	line        int // line number of the first op line
	first, last int64
	legacy      bool
}

// journalScan is what reading the framing found up to good, the end of
// the last committed record. The Store keeps it to read only what was
// appended since (committed records never change).
type journalScan struct {
	dev, ino   uint64
	good       int64
	goodLine   int
	seal       []byte      // the bytes before good, to tell a file rewritten in place
	info       JournalInfo // without Bytes and Tail
	segs       []journalSeg
	openLegacy bool // the last segment is legacy and may grow
}

// journalReader is an opened journal with its framing read.
type journalReader struct {
	f    *os.File // nil: no journal
	size int64
	journalScan
	tail *JournalTail
}

func (j *journalReader) close() {
	if j.f != nil {
		j.f.Close()
	}
}

// openJournal opens the journal read-only and reads its framing.
func (s *Store) openJournal() (*journalReader, error) {
	f, err := os.Open(s.journalPath())
	if errors.Is(err, fs.ErrNotExist) {
		return &journalReader{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("journal %s: %w", s.journalPath(), err)
	}
	j, err := s.scanJournalFile(f, fi)
	if err != nil {
		f.Close()
		return nil, err
	}
	if j.tail != nil {
		j.tail.InProgress = appendRunning(f, fi.Size())
	}
	return j, nil
}

// appendRunning tells a batch being written from a torn tail: an append
// holds the journal's lock for its whole batch.
func appendRunning(f *os.File, size int64) bool {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
	if err != nil {
		return errors.Is(err, syscall.EWOULDBLOCK)
	}
	defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck
	fi, err := f.Stat()
	return err == nil && fi.Size() != size
}

// scanJournalFile reads the framing of f, continuing from what the Store
// remembers of the same file.
func (s *Store) scanJournalFile(f *os.File, fi fs.FileInfo) (*journalReader, error) {
	var dev, ino uint64
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		dev, ino = uint64(st.Dev), st.Ino
	}
	j := &journalReader{f: f, size: fi.Size()}
	s.jmu.Lock()
	if c := s.jscan; c != nil && c.dev == dev && c.ino == ino && c.good <= j.size {
		j.journalScan = *c
		j.segs = slices.Clip(c.segs) // appends copy: the cached slice is shared
	}
	s.jmu.Unlock()
	if j.good > 0 && !bytes.Equal(readSeal(f, j.good), j.seal) {
		j.journalScan = journalScan{} // rewritten: read it all
	}
	j.dev, j.ino = dev, ino
	if err := j.scan(); err != nil {
		return nil, err
	}
	j.seal = readSeal(f, j.good)
	s.jmu.Lock()
	if c := s.jscan; c == nil || c.dev != dev || c.ino != ino || c.good <= j.good {
		cp := j.journalScan
		cp.segs = slices.Clip(cp.segs)
		s.jscan = &cp
	}
	s.jmu.Unlock()
	return j, nil
}

// readSeal returns the (up to) 64 bytes before off.
func readSeal(f *os.File, off int64) []byte {
	n := min(off, 64)
	b := make([]byte, n)
	if _, err := f.ReadAt(b, off-n); err != nil {
		return nil
	}
	return b
}

// problem is the first bad record after the last committed one.
type problem struct {
	line int
	err  error
}

// scan reads the framing from j.good to j.size: it checks each batch's op
// count, byte count and checksum, decodes the seq of legacy op lines (and
// checks that they are JSON), and skips the articles of framed ops.
func (j *journalReader) scan() error {
	r := bufio.NewReaderSize(io.NewSectionReader(j.f, j.good, j.size-j.good), 64<<10)
	off, line := j.good, j.goodLine
	var (
		inBatch bool
		bt      struct { // the open batch
			line  int
			first int64
			crc   uint32
			bytes int64
			ops   int
		}
		prob    *problem
		buf     []byte
		partial bool
		ownLast bool // the last segment was made by this scan (the cached ones are shared)
	)
	fail := func(line int, err error) {
		if prob == nil {
			prob = &problem{line: line, err: err}
		}
	}
	for {
		// Read one line: frame records and legacy op lines whole, the op
		// lines of a batch only through the checksum.
		start := off
		buf = buf[:0]
		first, whole, tooLong := true, false, false
		var n int64
		var err error
		for {
			var chunk []byte
			chunk, err = r.ReadSlice('\n')
			n += int64(len(chunk))
			if first && len(chunk) > 0 {
				whole = !inBatch || bytes.HasPrefix(chunk, framePrefix)
				first = false
			}
			if whole {
				if len(buf)+len(chunk) > maxJournalLine {
					tooLong = true
				} else {
					buf = append(buf, chunk...)
				}
			} else if inBatch {
				bt.crc = crc32.Update(bt.crc, castagnoli, chunk)
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if n == 0 && errors.Is(err, io.EOF) {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read journal %s: %w", j.f.Name(), err)
		}
		off += n
		line++
		if errors.Is(err, io.EOF) { // no newline: an interrupted write
			partial = true
			break
		}
		if tooLong {
			fail(line, fmt.Errorf("line longer than %d bytes", maxJournalLine))
			inBatch = false
			continue
		}
		isFrame := whole && bytes.HasPrefix(buf, framePrefix)
		switch {
		case inBatch && !whole: // an op line of the batch (already in bt.crc)
			bt.bytes += n
			bt.ops++
		case isFrame:
			fr, ok := parseFrame(bytes.TrimRight(buf, "\r\n"))
			switch {
			case !ok:
				fail(line, fmt.Errorf("bad batch record %.60q", buf))
				inBatch = false
			case fr.Batch == frameBegin:
				if inBatch {
					fail(bt.line, errors.New("batch begun here has no commit record"))
				}
				inBatch = true
				bt.line, bt.first, bt.crc, bt.bytes, bt.ops = line, fr.First, 0, 0, 0
			case fr.Batch == frameCommit && !inBatch:
				fail(line, errors.New("commit record without a begin record"))
			case fr.Batch == frameCommit:
				inBatch = false
				var bad error
				switch {
				case fr.Ops != bt.ops || fr.Bytes != bt.bytes:
					bad = fmt.Errorf("commit record of the batch begun at line %d says %d ops in %d bytes, the batch holds %d in %d", bt.line, fr.Ops, fr.Bytes, bt.ops, bt.bytes)
				case fr.CRC32C != bt.crc:
					bad = fmt.Errorf("checksum mismatch in the batch begun at line %d (crc32c %d, computed %d)", bt.line, fr.CRC32C, bt.crc)
				case fr.Ops == 0 || fr.Last != bt.first+int64(fr.Ops)-1:
					bad = fmt.Errorf("commit record of the batch begun at line %d: last seq %d does not follow first %d and %d ops", bt.line, fr.Last, bt.first, fr.Ops)
				case bt.first <= j.info.LastSeq:
					bad = fmt.Errorf("batch begun at line %d starts at seq %d, not after %d", bt.line, bt.first, j.info.LastSeq)
				}
				if bad != nil {
					fail(line, bad)
					continue
				}
				if prob != nil {
					return corrupt(prob, line)
				}
				j.segs = append(j.segs, journalSeg{off: start - bt.bytes, end: start, line: bt.line + 1, first: bt.first, last: fr.Last})
				j.openLegacy = false
				j.info.Batches++
				j.info.Ops += fr.Ops
				j.info.LastSeq = fr.Last
				j.good, j.goodLine = off, line
			default:
				fail(line, fmt.Errorf("unknown batch record %q", fr.Batch))
				inBatch = false
			}
		case blank(buf):
			if prob == nil {
				j.good, j.goodLine = off, line
			}
		default: // an op line outside a frame: the format before batches
			var rec struct {
				Seq int64 `json:"seq"`
			}
			if err := json.Unmarshal(buf, &rec); err != nil {
				fail(line, err)
				continue
			}
			if rec.Seq <= j.info.LastSeq {
				fail(line, fmt.Errorf("seq %d does not follow %d", rec.Seq, j.info.LastSeq))
				continue
			}
			if prob != nil {
				return corrupt(prob, line)
			}
			if k := len(j.segs) - 1; j.openLegacy && k >= 0 {
				if !ownLast {
					j.segs = append(j.segs[:k:k], j.segs[k]) // a copy
					ownLast = true
				}
				j.segs[k].end, j.segs[k].last = off, rec.Seq
			} else {
				j.segs = append(j.segs, journalSeg{off: start, end: off, line: line, first: rec.Seq, last: rec.Seq, legacy: true})
				j.openLegacy, ownLast = true, true
			}
			j.info.Ops++
			j.info.LegacyOps++
			j.info.LastSeq = rec.Seq
			j.good, j.goodLine = off, line
		}
	}
	if j.good == j.size {
		return nil
	}
	t := &JournalTail{Line: j.goodLine + 1, Offset: j.good, Bytes: j.size - j.good}
	switch {
	case prob != nil:
		t.Reason = fmt.Sprintf("line %d: %v", prob.line, prob.err)
	case inBatch:
		t.Reason = fmt.Sprintf("batch begun at line %d has no commit record", bt.line)
	case partial:
		t.Reason = fmt.Sprintf("line %d is incomplete", line)
	}
	j.tail = t
	return nil
}

func corrupt(p *problem, committedLine int) error {
	return fmt.Errorf("%s:%d: %w: %w (committed records follow at line %d, so this is no interrupted append)",
		journalFile, p.line, ErrJournalCorrupt, p.err, committedLine)
}

func blank(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }

// each decodes the live ops with Seq > since, in order, and calls fn.
func (j *journalReader) each(since int64, fn func(Op) error) error {
	for _, sg := range j.segs {
		if sg.last <= since {
			continue
		}
		r := bufio.NewReaderSize(io.NewSectionReader(j.f, sg.off, sg.end-sg.off), 64<<10)
		want := sg.first
		for line := sg.line; ; line++ {
			b, err := r.ReadBytes('\n')
			if len(b) == 0 && errors.Is(err, io.EOF) {
				break
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return fmt.Errorf("read journal %s: %w", j.f.Name(), err)
			}
			if blank(b) {
				continue
			}
			var rec journalRecord
			if err := json.Unmarshal(b, &rec); err != nil {
				return fmt.Errorf("%s:%d: %w", journalFile, line, err)
			}
			op, err := fromRecord(rec)
			if err != nil {
				return fmt.Errorf("%s:%d: %w", journalFile, line, err)
			}
			if !sg.legacy && op.Seq != want {
				return fmt.Errorf("%s:%d: %w: seq %d, the batch's commit record says %d", journalFile, line, ErrJournalCorrupt, op.Seq, want)
			}
			want++
			if op.Seq <= since {
				continue
			}
			if err := fn(op); err != nil {
				return err
			}
		}
	}
	return nil
}
