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
	"slices"
	"syscall"
)

// Reading the journal: its framing, the live ops, the torn tail
// (journal.go has the format).

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
// checks that they are JSON), and skips the articles of framed ops. It is
// one loop over the lines with the framing's states (outside a batch,
// inside one, legacy lines) and is kept whole, longer than our usual
// functions, so that every transition and what a torn tail or corruption
// is can be read in one place.
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
