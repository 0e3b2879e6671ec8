package ingest

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

func TestReadAhead(t *testing.T) {
	errBroken := errors.New("broken source")
	data := bytes.Repeat([]byte("0123456789abcdef"), 1000) // 16,000 bytes
	tests := []struct {
		name      string
		src       func() io.Reader
		chunk     int
		wantBytes int
		wantErr   error
	}{
		{"chunks smaller than data", func() io.Reader { return bytes.NewReader(data) }, 1000, len(data), nil},
		{"one short chunk", func() io.Reader { return bytes.NewReader(data) }, 1 << 20, len(data), nil},
		{"one-byte reads", func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) }, 333, len(data), nil},
		{"empty", func() io.Reader { return bytes.NewReader(nil) }, 64, 0, nil},
		{"error after data", func() io.Reader {
			return io.MultiReader(bytes.NewReader(data[:5000]), iotest.ErrReader(errBroken))
		}, 1024, 5000, errBroken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ra := newReadAhead(tt.src(), tt.chunk, 2)
			defer ra.Close()
			got, err := io.ReadAll(ra)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if !bytes.Equal(got, data[:tt.wantBytes]) {
				t.Errorf("got %d bytes, want the first %d of the source", len(got), tt.wantBytes)
			}
		})
	}
}

// TestReadAheadEarlyClose stops reading part way; Close must return (the
// race detector checks that the source is no longer used afterwards).
func TestReadAheadEarlyClose(t *testing.T) {
	src := bytes.NewReader(bytes.Repeat([]byte("x"), 1<<20))
	ra := newReadAhead(src, 4096, 3)
	buf := make([]byte, 10)
	if _, err := io.ReadFull(ra, buf); err != nil {
		t.Fatal(err)
	}
	ra.Close()
	if _, err := src.Seek(0, io.SeekStart); err != nil { // touches the source after Close
		t.Fatal(err)
	}
}
