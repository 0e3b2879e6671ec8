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
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/readout/readout/internal/news"
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
	Seq     int64         `json:"seq"`
	Kind    string        `json:"kind"`
	ID      string        `json:"id"`
	Article *news.Article `json:"article,omitempty"`
	At      time.Time     `json:"at"`
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
	news.Article
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

// MarshalOp encodes op as one line of the journal writes it (without the
// newline): the form the cluster's change stream carries too.
func MarshalOp(op Op) ([]byte, error) {
	b, err := json.Marshal(toRecord(op))
	if err != nil {
		return nil, fmt.Errorf("encode op %d: %w", op.Seq, err)
	}
	return b, nil
}

// UnmarshalOp decodes an op MarshalOp encoded.
func UnmarshalOp(b []byte) (Op, error) {
	var r journalRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return Op{}, fmt.Errorf("decode op: %w", err)
	}
	op, err := fromRecord(r)
	if err != nil {
		return Op{}, fmt.Errorf("decode op %d: %w", r.Seq, err)
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
