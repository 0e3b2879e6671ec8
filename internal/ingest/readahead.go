package ingest

import "io"

// readAhead reads its source in a goroutine of its own, a few chunks ahead
// of its consumer, so that gzip decompression runs beside JSON decoding.
// Close must be called; it waits for the goroutine to stop using the
// source.
type readAhead struct {
	full   chan chunk
	free   chan []byte
	done   chan struct{}
	exited chan struct{}
	cur    []byte // unread part of the chunk being consumed
	buf    []byte // that chunk's buffer, recycled when consumed
	err    error  // the source's error, returned after its data
}

type chunk struct {
	data []byte
	err  error
}

func newReadAhead(src io.Reader, chunkSize, ahead int) *readAhead {
	ra := &readAhead{
		full:   make(chan chunk, ahead),
		free:   make(chan []byte, ahead+2),
		done:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	for range ahead + 2 {
		ra.free <- make([]byte, chunkSize)
	}
	go ra.fill(src)
	return ra
}

// fill runs in its own goroutine until the source fails or ends, or Close.
func (ra *readAhead) fill(src io.Reader) {
	defer close(ra.exited)
	for {
		var buf []byte
		select {
		case buf = <-ra.free:
		case <-ra.done:
			return
		}
		n := 0
		var err error
		for n < len(buf) && err == nil {
			var k int
			k, err = src.Read(buf[n:])
			n += k
		}
		select {
		case ra.full <- chunk{data: buf[:n], err: err}:
		case <-ra.done:
			return
		}
		if err != nil {
			return
		}
	}
}

func (ra *readAhead) Read(p []byte) (int, error) {
	for len(ra.cur) == 0 {
		if ra.err != nil {
			return 0, ra.err
		}
		if ra.buf != nil {
			ra.free <- ra.buf[:cap(ra.buf)] // never blocks: free holds every buffer
			ra.buf = nil
		}
		c := <-ra.full
		ra.cur, ra.buf, ra.err = c.data, c.data, c.err
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}

// Close stops the goroutine and waits for it to let go of the source.
func (ra *readAhead) Close() {
	close(ra.done)
	<-ra.exited
}
