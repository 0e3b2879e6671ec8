package index

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// batcher fills Bleve batches and writes up to `parallel` of them at once.
// Scorch builds a batch's segment in the goroutine that calls Batch, so
// concurrent batches keep every core busy. Batches touching the same article
// must still land in order (the version read last wins), so adding an
// article that an unfinished batch holds first waits for the batches in
// flight.
type batcher struct {
	idx  bleve.Index
	size int
	sem  chan struct{}
	wg   sync.WaitGroup

	cur      *bleve.Batch
	curIDs   []string
	curBytes int
	maxBytes int

	mu       sync.Mutex
	inflight map[string]int // article id -> batches in flight holding it
	err      error
}

// newBatcher sends a batch on once it holds size documents or maxBytes of
// text, whichever comes first: the byte bound keeps memory flat on corpora
// of very long articles.
func newBatcher(idx bleve.Index, size, maxBytes, parallel int) *batcher {
	if parallel < 1 {
		parallel = 1
	}
	return &batcher{idx: idx, size: size, maxBytes: maxBytes, sem: make(chan struct{}, parallel), cur: idx.NewBatch(), inflight: map[string]int{}}
}

// touch must be called before the current batch takes ops for article id,
// with the bytes of text they add.
func (b *batcher) touch(id string, textBytes int) {
	b.mu.Lock()
	busy := b.inflight[id] > 0
	b.mu.Unlock()
	if busy {
		b.wg.Wait()
	}
	b.curIDs = append(b.curIDs, id)
	b.curBytes += textBytes
}

// batch is the batch being filled.
func (b *batcher) batch() *bleve.Batch { return b.cur }

// index adds the document of id to the batch being filled, as a build
// indexes it (AddToBatch).
func (b *batcher) index(id string, data any) error {
	return AddToBatch(b.cur, b.idx.Mapping(), id, data)
}

// maybeFlush sends the current batch on once it is full.
func (b *batcher) maybeFlush() error {
	if b.cur.Size() < b.size && b.curBytes < b.maxBytes {
		return b.failed()
	}
	return b.send()
}

func (b *batcher) failed() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

func (b *batcher) send() error {
	if err := b.failed(); err != nil {
		return err
	}
	if b.cur.Size() == 0 {
		return nil
	}
	batch, ids := b.cur, b.curIDs
	// A fresh batch rather than Reset: scorch's Batch may still be ranging
	// over the old batch's map in a goroutine when it returns.
	b.cur, b.curIDs, b.curBytes = b.idx.NewBatch(), nil, 0
	b.mu.Lock()
	for _, id := range ids {
		b.inflight[id]++
	}
	b.mu.Unlock()
	b.sem <- struct{}{}
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		err := b.idx.Batch(batch)
		<-b.sem
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, id := range ids {
			if b.inflight[id]--; b.inflight[id] == 0 {
				delete(b.inflight, id)
			}
		}
		if err != nil && b.err == nil {
			b.err = fmt.Errorf("write batch: %w", err)
		}
	}()
	return nil
}

// finish writes the last batch after all others, so that it is introduced
// last, and returns the first error of any batch.
func (b *batcher) finish() error {
	b.wg.Wait()
	if err := b.failed(); err != nil {
		return err
	}
	if err := b.idx.Batch(b.cur); err != nil {
		return fmt.Errorf("write batch: %w", err)
	}
	b.cur, b.curIDs, b.curBytes = b.idx.NewBatch(), nil, 0
	return nil
}

// wait waits for the batches in flight (after an error, before Close).
func (b *batcher) wait() { b.wg.Wait() }
