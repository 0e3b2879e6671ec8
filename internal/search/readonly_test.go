package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/testutil"
)

// diskStore builds a generation of n small articles (each with a quote) in
// a new index directory.
func diskStore(t *testing.T, n int) *index.Store {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"d%02d","title":"Grain talks %d","body":"Negotiators discussed grain exports. \"Grain must move,\" the envoy said.","published":"2022-03-%02dT08:00:00Z","source":"Wire %c"}`+"\n", i, i, i+1, 'A'+i%3)
	}
	corpus := filepath.Join(dir, "c.jsonl")
	if err := os.WriteFile(corpus, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := index.OpenStore(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Build(context.Background(), index.BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	return s
}

// makeReadOnly removes the write bits of dir (and, with tree, of everything
// under it) and restores them at cleanup, so that t.TempDir can remove it.
func makeReadOnly(t *testing.T, dir string, tree bool) {
	t.Helper()
	set := func(files, dirs fs.FileMode) error {
		if !tree {
			return os.Chmod(dir, dirs)
		}
		return filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() {
				return os.Chmod(p, dirs)
			}
			return os.Chmod(p, files)
		})
	}
	if err := set(0o444, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = set(0o644, 0o755) })
}

func upsertOp(id, title, body string) index.Op {
	return index.Op{Kind: index.OpUpsert, Article: &news.Article{ID: id, Title: title, Body: body, Source: "Wire U",
		Published: time.Date(2022, 4, 1, 9, 0, 0, 0, time.UTC)}}
}

// find returns the ids of the articles q matches.
func find(t *testing.T, e *Engine, q string) []string {
	t.Helper()
	res, err := e.Search(context.Background(), Request{Q: q, Sort: SortOldest, Size: 100, Facets: []FacetSpec{}})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	out := []string{}
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

func stats(t *testing.T, e *Engine) Stats {
	t.Helper()
	st, err := e.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return *st
}

// TestServeReadOnlyGeneration: searchd's whole life on an index whose
// generation folder it cannot write to (made read-only; for root, which
// permission bits do not stop, the byte-for-byte comparison of every file is
// what holds): it takes the serving lock, loads the generation, searches,
// accepts uploads and deletes, picks up another process's journal ops,
// exports, and counts articles and quotes after each change, and no file
// under the generation changes.
func TestServeReadOnlyGeneration(t *testing.T) {
	s := diskStore(t, 6)
	info, err := s.Current()
	if err != nil {
		t.Fatal(err)
	}
	makeReadOnly(t, info.Path, true)
	before := testutil.Snapshot(t, info.Path)

	store, err := index.OpenStore(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	lock, err := store.LockServing()
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	e := New(store, nil, Options{}, nil)
	if ok, err := e.Reload(context.Background()); !ok || err != nil {
		t.Fatalf("load read-only generation: %v %v", ok, err)
	}
	base := stats(t, e)
	if base.Articles != 6 || base.Quotes != 6 {
		t.Fatalf("stats before changes: %+v", base)
	}

	ctx := context.Background()
	if _, err := e.Apply(ctx, []index.Op{
		upsertOp("u1", "Barley", `Barley prices rose. "Barley is up," the trader said.`),
		upsertOp("d01", "Oats talks", "Corrected: negotiators discussed oats."),
		{Kind: index.OpDelete, ID: "d02"},
	}); err != nil {
		t.Fatal(err)
	}
	if got := find(t, e, "barley"); !slices.Equal(got, []string{"u1"}) {
		t.Errorf("barley: %v", got)
	}
	if got := find(t, e, "oats"); !slices.Equal(got, []string{"d01"}) {
		t.Errorf("oats: %v", got)
	}
	if got := find(t, e, "grain"); !slices.Equal(got, []string{"d00", "d03", "d04", "d05"}) {
		t.Errorf("grain: %v", got)
	}
	// 6 articles + u1 - d02; quotes: d01's replacement has none, u1 has one.
	if st := stats(t, e); st.Articles != 6 || st.Quotes != 5 {
		t.Errorf("stats after changes: %d articles, %d quotes; want 6 and 5", st.Articles, st.Quotes)
	}

	// Another process (indexer add/delete) appends; a reload applies it.
	if _, err := store.AppendJournal([]index.Op{{Kind: index.OpDelete, ID: "u1"}, upsertOp("d02", "Back", "Rye returns.")}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if got := find(t, e, "barley OR rye"); !slices.Equal(got, []string{"d02"}) {
		t.Errorf("after reload, barley OR rye: %v", got)
	}
	if st := stats(t, e); st.Articles != 6 || st.Quotes != 4 {
		t.Errorf("stats after reload: %d articles, %d quotes; want 6 and 4", st.Articles, st.Quotes)
	}
	var exported []string
	if err := e.Export(ctx, Request{Mode: ModeQuotes, Sort: SortOldest}, 0, func(r *Response) error {
		for _, h := range r.Hits {
			exported = append(exported, h.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"d00#q1", "d03#q1", "d04#q1", "d05#q1"}; !slices.Equal(exported, want) {
		t.Errorf("exported quotes %v, want %v", exported, want)
	}
	if err := e.Close(ctx); err != nil {
		t.Fatal(err)
	}
	testutil.CompareSnapshots(t, "generation", before, testutil.Snapshot(t, info.Path))
}

// failingJournal is an index directory whose journal cannot be appended
// to, as on a read-only folder (for root, which a read-only folder does not
// stop, this is how the failure is made).
type failingJournal struct {
	*index.Store
}

func (f failingJournal) AppendJournal([]index.Op) ([]index.Op, error) {
	return nil, fmt.Errorf("open journal: %w", &fs.PathError{Op: "open", Path: filepath.Join(f.Dir, "journal.jsonl"), Err: syscall.EROFS})
}

// TestApplyJournalUnwritable: when the journal cannot be written the upload
// fails with ErrJournal naming the journal, and nothing changes in what is
// served.
func TestApplyJournalUnwritable(t *testing.T) {
	s := diskStore(t, 3)
	ctx := context.Background()
	check := func(t *testing.T, e *Engine) {
		t.Helper()
		before := stats(t, e)
		_, err := e.Apply(ctx, []index.Op{upsertOp("u1", "Barley", "Barley prices rose."), {Kind: index.OpDelete, ID: "d00"}})
		if !errors.Is(err, ErrJournal) || !strings.Contains(err.Error(), "journal.jsonl") {
			t.Fatalf("apply with an unwritable journal: %v, want ErrJournal naming journal.jsonl", err)
		}
		if got := find(t, e, "barley OR grain"); !slices.Equal(got, []string{"d00", "d01", "d02"}) {
			t.Errorf("served after a failed upload: %v", got)
		}
		if after := stats(t, e); after.Articles != before.Articles || after.Quotes != before.Quotes {
			t.Errorf("stats after a failed upload %+v, before %+v", after, before)
		}
		if _, err := e.Reload(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find(t, e, "barley"); len(got) != 0 {
			t.Errorf("failed upload live after a reload: %v", got)
		}
	}
	t.Run("append fails", func(t *testing.T) {
		e := New(s, nil, Options{}, nil)
		e.store = failingJournal{s}
		if _, err := e.Reload(ctx); err != nil {
			t.Fatal(err)
		}
		defer e.Close(ctx)
		check(t, e)
	})
	t.Run("read-only index folder", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("running as root: permission bits do not stop root; the subtest above makes the append fail instead")
		}
		makeReadOnly(t, s.Dir, false)
		e := New(s, nil, Options{}, nil)
		if _, err := e.Reload(ctx); err != nil {
			t.Fatal(err)
		}
		defer e.Close(ctx)
		check(t, e)
	})
}

// cancelAfterAppend cancels the upload's context once its ops are in the
// journal, as a client that hangs up (or a request timeout) would: applying
// them then fails.
type cancelAfterAppend struct {
	*index.Store
	cancel context.CancelFunc
}

func (c cancelAfterAppend) AppendJournal(ops []index.Op) ([]index.Op, error) {
	done, err := c.Store.AppendJournal(ops)
	c.cancel()
	return done, err
}

// TestApplyAcknowledgedOnceJournaled: an upload whose ops reached the
// journal is acknowledged even when applying them fails afterwards (the
// failure is logged); they become live at the next catch-up, which a reload
// or the next upload makes.
func TestApplyAcknowledgedOnceJournaled(t *testing.T) {
	for _, next := range []string{"reload", "next upload"} {
		t.Run(next, func(t *testing.T) {
			s := diskStore(t, 3)
			var logs strings.Builder
			e := New(s, nil, Options{}, slog.New(slog.NewTextHandler(&logs, nil)))
			if _, err := e.Reload(context.Background()); err != nil {
				t.Fatal(err)
			}
			defer e.Close(context.Background())
			ctx, cancel := context.WithCancel(context.Background())
			e.store = cancelAfterAppend{s, cancel}
			done, err := e.Apply(ctx, []index.Op{upsertOp("u1", "Barley", "Barley prices rose."), {Kind: index.OpDelete, ID: "d00"}})
			if err != nil || len(done) != 2 || done[1].Seq == 0 {
				t.Fatalf("apply after a durable append: %+v, %v; want both ops acknowledged", done, err)
			}
			if !strings.Contains(logs.String(), "not applied yet") {
				t.Errorf("apply failure not logged: %s", logs.String())
			}
			if journal, err := s.JournalSince(0); err != nil || len(journal) != 2 {
				t.Fatalf("journal holds %d ops (%v), want 2", len(journal), err)
			}
			e.store = s
			switch next {
			case "reload":
				if _, err := e.Reload(context.Background()); err != nil {
					t.Fatal(err)
				}
			case "next upload":
				if _, err := e.Apply(context.Background(), []index.Op{upsertOp("u2", "Oats", "Oats too.")}); err != nil {
					t.Fatal(err)
				}
			}
			if got := find(t, e, "barley OR grain"); !slices.Equal(got, []string{"d01", "d02", "u1"}) {
				t.Errorf("after the %s: %v, want the acknowledged upload live", next, got)
			}
		})
	}
}

// sharedJournal is a journal that others append to as well, as the
// cluster's change stream: before each of this engine's appends, another
// writer appends other.
type sharedJournal struct {
	mu    sync.Mutex
	ops   []index.Op
	other index.Op
}

func (j *sharedJournal) JournalSince(seq int64) ([]index.Op, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []index.Op
	for _, op := range j.ops {
		if op.Seq > seq {
			out = append(out, op)
		}
	}
	return out, nil
}

func (j *sharedJournal) AppendJournal(ops []index.Op) ([]index.Op, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	add := func(op index.Op) index.Op {
		op.Seq = int64(len(j.ops) + 1)
		if op.Article != nil {
			op.ID = op.Article.ID
		}
		j.ops = append(j.ops, op)
		return op
	}
	add(j.other)
	var done []index.Op
	for _, op := range ops {
		done = append(done, add(op))
	}
	return done, nil
}

// TestSetJournal: an engine given another journal lays its ops over the
// generation at load, in place of the index directory's, and when others
// appended between its catch-up and its own append, it applies theirs too,
// in order.
func TestSetJournal(t *testing.T) {
	s := diskStore(t, 3)
	ctx := context.Background()
	j := &sharedJournal{
		ops:   []index.Op{{Seq: 1, Kind: index.OpDelete, ID: "d00"}},
		other: upsertOp("o1", "Oats", "Oat prices fell."),
	}
	e := New(s, nil, Options{}, nil)
	e.SetJournal(j)
	if _, err := e.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Close(ctx)
	if got := find(t, e, "grain"); !slices.Equal(got, []string{"d01", "d02"}) {
		t.Errorf("after the load: grain finds %v, want d00 deleted by the journal given", got)
	}
	done, err := e.Apply(ctx, []index.Op{upsertOp("u1", "Barley", "Barley prices rose.")})
	if err != nil || len(done) != 1 || done[0].Seq != 3 {
		t.Fatalf("apply: %+v, %v; want u1 as seq 3", done, err)
	}
	if got := find(t, e, "barley OR oats"); !slices.Equal(got, []string{"o1", "u1"}) {
		t.Errorf("after the apply: %v, want the op appended by another writer before it too", got)
	}
	if st := stats(t, e); e.JournalSeq() != 3 || st.JournalSeq != 3 || st.OverlayDocs == 0 {
		t.Errorf("journal seq %d, stats %+v; want 3 and documents laid over", e.JournalSeq(), st)
	}
	if local, err := s.JournalSince(0); err != nil || len(local) != 0 {
		t.Errorf("the index directory's journal holds %d ops (%v), want none", len(local), err)
	}
}
