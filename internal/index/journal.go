package index

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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

// journalRecord is the on-disk form: Published as text so undated stays
// undated.
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

// AppendJournal validates ops, gives them sequence numbers and appends them
// durably (fsync) to the journal. It returns the ops as journaled.
func (s *Store) AppendJournal(ops []Op) ([]Op, error) {
	for i, op := range ops {
		if err := op.Validate(); err != nil {
			return nil, fmt.Errorf("op %d: %w", i+1, err)
		}
	}
	f, err := os.OpenFile(filepath.Join(s.Dir, journalFile), os.O_CREATE|os.O_RDWR|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return nil, fmt.Errorf("lock journal: %w", err)
	}
	defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck

	existing, err := readJournal(f)
	if err != nil {
		return nil, err
	}
	var last int64
	if n := len(existing); n > 0 {
		last = existing[n-1].Seq
	}
	now := time.Now().UTC()
	var buf []byte
	out := make([]Op, len(ops))
	for i, op := range ops {
		last++
		op.Seq, op.At, op.ID = last, now, op.articleID()
		b, err := json.Marshal(toRecord(op))
		if err != nil {
			return nil, fmt.Errorf("encode op %d: %w", i+1, err)
		}
		buf = append(append(buf, b...), '\n')
		out[i] = op
	}
	if _, err := f.Write(buf); err != nil {
		return nil, fmt.Errorf("append journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("sync journal: %w", err)
	}
	return out, nil
}

// JournalSince returns the journaled ops with Seq > seq, in order.
func (s *Store) JournalSince(seq int64) ([]Op, error) {
	f, err := os.Open(filepath.Join(s.Dir, journalFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	defer f.Close()
	all, err := readJournal(f)
	if err != nil {
		return nil, err
	}
	var out []Op
	for _, op := range all {
		if op.Seq > seq {
			out = append(out, op)
		}
	}
	return out, nil
}

// readJournal reads every complete op. A torn last line (a crash during an
// append, before its fsync returned) is ignored; a bad line elsewhere is an
// error naming the line.
func readJournal(r io.ReadSeeker) ([]Op, error) {
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("read journal: %w", err)
	}
	br := bufio.NewReader(r)
	var ops []Op
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			// b holds a torn final line, if any: ignored.
			return ops, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read journal: %w", err)
		}
		if len(b) <= 1 {
			continue
		}
		var rec journalRecord
		if err := json.Unmarshal(b, &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", journalFile, line, err)
		}
		op, err := fromRecord(rec)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", journalFile, line, err)
		}
		ops = append(ops, op)
	}
}
