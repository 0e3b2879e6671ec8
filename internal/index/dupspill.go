package index

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// dupSpill holds what the groups of near-duplicates need of each article a
// build writes (its signature, date and quote keys) in a file in the new
// generation's folder rather than on the heap, until the groups are made
// at the end. Kept on the heap, they were 250 bytes an article: at a
// million articles the build's live heap passed its soft limit
// (runtimetune.Indexer) and the collector took half of the CPU. The file is
// removed before the folder is published; a build that fails removes the
// folder with it.
type dupSpill struct {
	path string
	f    *os.File
	w    *bufio.Writer
	buf  []byte
}

// dupSpillFile is the spill's name in the new generation's folder.
const dupSpillFile = "dups.spill"

func newDupSpill(dir string) (*dupSpill, error) {
	return newDupSpillAt(dir + string(os.PathSeparator) + dupSpillFile)
}

// newDupSpillAt creates a spill at path.
func newDupSpillAt(path string) (*dupSpill, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("near-duplicates: %w", err)
	}
	return &dupSpill{path: path, f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// spilled is one record of the spill: the version seq of article id.
type spilled struct {
	id        string
	seq       int64
	published int64 // unix seconds; 0: undated
	sig       *Signature
	qkeys     []quoteKey
}

// add appends a record: its id, seq and date, whether it has a signature
// and the signature, then its quote keys.
func (s *dupSpill) add(r spilled) error {
	b := s.buf[:0]
	b = binary.AppendUvarint(b, uint64(len(r.id)))
	b = append(b, r.id...)
	b = binary.AppendVarint(b, r.seq)
	b = binary.AppendVarint(b, r.published)
	if r.sig == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		for _, h := range r.sig.Min {
			b = binary.LittleEndian.AppendUint16(b, h)
		}
		for _, n := range r.sig.Nums {
			b = binary.LittleEndian.AppendUint32(b, n)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(r.qkeys)))
	for _, k := range r.qkeys {
		b = binary.LittleEndian.AppendUint64(b, k.key)
		b = binary.LittleEndian.AppendUint16(b, k.num)
	}
	s.buf = b
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("near-duplicates: %w", err)
	}
	return nil
}

// each calls fn with every record, in the order added. The record's
// signature and keys are fn's to keep.
func (s *dupSpill) each(fn func(spilled) error) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("near-duplicates: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("near-duplicates: %w", err)
	}
	return eachRecord(bufio.NewReaderSize(s.f, 1<<20), s.path, fn)
}

// readSpilled reads one record; io.EOF at the end of the spill, and
// io.ErrUnexpectedEOF for a record cut short.
func readSpilled(r *bufio.Reader) (spilled, error) {
	var rec spilled
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return rec, err // io.EOF between records
	}
	cut := func(err error) error {
		if errors.Is(err, io.EOF) {
			return io.ErrUnexpectedEOF
		}
		return err
	}
	if n > 1<<20 {
		return rec, fmt.Errorf("id of %d bytes", n)
	}
	id := make([]byte, n)
	if _, err := io.ReadFull(r, id); err != nil {
		return rec, cut(err)
	}
	rec.id = string(id)
	if rec.seq, err = binary.ReadVarint(r); err != nil {
		return rec, cut(err)
	}
	if rec.published, err = binary.ReadVarint(r); err != nil {
		return rec, cut(err)
	}
	flag, err := r.ReadByte()
	if err != nil {
		return rec, cut(err)
	}
	if flag > 1 {
		return rec, fmt.Errorf("signature flag %d", flag)
	}
	if flag == 1 {
		var raw [2*SigHashes + 4*numSketch]byte
		if _, err := io.ReadFull(r, raw[:]); err != nil {
			return rec, cut(err)
		}
		sig := &Signature{}
		for i := range sig.Min {
			sig.Min[i] = binary.LittleEndian.Uint16(raw[2*i:])
		}
		for i := range sig.Nums {
			sig.Nums[i] = binary.LittleEndian.Uint32(raw[2*SigHashes+4*i:])
		}
		rec.sig = sig
	}
	nk, err := binary.ReadUvarint(r)
	if err != nil {
		return rec, cut(err)
	}
	if nk > 1<<16 {
		return rec, fmt.Errorf("%d quote keys", nk)
	}
	var raw [10]byte
	for range nk {
		if _, err := io.ReadFull(r, raw[:]); err != nil {
			return rec, cut(err)
		}
		rec.qkeys = append(rec.qkeys, quoteKey{key: binary.LittleEndian.Uint64(raw[:]), num: binary.LittleEndian.Uint16(raw[8:])})
	}
	return rec, nil
}

// remove closes and removes the spill.
func (s *dupSpill) remove() error {
	err := s.f.Close()
	if rerr := os.Remove(s.path); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
		err = errors.Join(err, rerr)
	}
	return err
}

// close writes out what is buffered and closes the file, keeping it.
func (s *dupSpill) close() error {
	if err := s.w.Flush(); err != nil {
		s.f.Close()
		return fmt.Errorf("near-duplicates: %w", err)
	}
	if err := s.f.Sync(); err != nil {
		s.f.Close()
		return fmt.Errorf("near-duplicates: %w", err)
	}
	return s.f.Close()
}

// eachSpilled calls fn with every record of the spill file at path.
func eachSpilled(path string, fn func(spilled) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("near-duplicates: %w", err)
	}
	defer f.Close()
	return eachRecord(bufio.NewReaderSize(f, 1<<20), path, fn)
}

// eachRecord calls fn with every record r holds, up to its end.
func eachRecord(r *bufio.Reader, path string, fn func(spilled) error) error {
	for n := 0; ; n++ {
		rec, err := readSpilled(r)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("near-duplicates: %s record %d: %w", path, n, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}
