package cluster

import (
	"archive/tar"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Blob is a folder stored in the Object Store as one uncompressed tar
// stream (a shard's zap segments are compressed already).
type Blob struct {
	Object string `json:"object"`
	Size   int64  `json:"size"`   // bytes of the tar stream
	SHA256 string `json:"sha256"` // hex SHA-256 of the tar stream
	Files  int    `json:"files"`
}

// ErrChecksum: a fetched blob's bytes are not the ones its manifest names.
var ErrChecksum = errors.New("checksum mismatch")

// PutDir stores the regular files of dir, and the folders holding them,
// as the object name, leaving out the entries of dir named in skip.
// Anything else in dir (a symlink, a socket) is an error: a generation is
// plain files.
func (c *Client) PutDir(ctx context.Context, name, dir string, skip ...string) (Blob, error) {
	var b Blob
	err := retryTransfer(ctx, func() (err error) {
		b, err = c.putDir(ctx, name, dir, skip) // the object written whole again, under its name
		return err
	})
	return b, err
}

// retryTransfer runs try, and again while it fails in a way a NATS server
// lost a moment ago explains (its streams electing a new leader): a few
// times, over about 8 seconds.
func retryTransfer(ctx context.Context, try func() error) error {
	err := try()
	for wait := 250 * time.Millisecond; err != nil && transient(ctx, err) && wait < 8*time.Second; wait *= 2 {
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		err = try()
	}
	return err
}

// stallTimeout is how long a transfer may go without a byte before it is
// given up and tried again: a stream whose server failed over can leave
// it waiting for ever.
var stallTimeout = 15 * time.Second

// errStalled: a transfer moved no byte for stallTimeout.
var errStalled = errors.New("transfer stalled")

// watchdog returns a context of ctx that is cancelled once touch has not
// been called for idle, and stop, which ends the watch and reports whether
// it cancelled the context.
func watchdog(ctx context.Context, idle time.Duration) (context.Context, func(), func() bool) {
	wctx, cancel := context.WithCancel(ctx)
	var last atomic.Int64
	last.Store(time.Now().UnixNano())
	var fired atomic.Bool
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(idle / 4)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-wctx.Done():
				return
			case <-t.C:
				if time.Since(time.Unix(0, last.Load())) > idle {
					fired.Store(true)
					cancel()
					return
				}
			}
		}
	}()
	touch := func() { last.Store(time.Now().UnixNano()) }
	stop := func() bool {
		close(done)
		cancel()
		return fired.Load()
	}
	return wctx, touch, stop
}

// touchReader calls touch on every read.
type touchReader struct {
	r     io.Reader
	touch func()
}

func (t *touchReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.touch()
	return n, err
}

// errPutEnded stops the tar writer of a Put that ended early.
var errPutEnded = errors.New("put ended")

// errLocal marks a failure to read the folder stored: not one to retry.
var errLocal = errors.New("local folder")

func (c *Client) putDir(ctx context.Context, name, dir string, skip []string) (Blob, error) {
	pr, pw := io.Pipe()
	type result struct {
		files int
		err   error
	}
	h := sha256.New()
	var n countWriter
	done := make(chan result, 1)
	go func() {
		files, err := writeTar(io.MultiWriter(pw, h, &n), dir, skip)
		pw.CloseWithError(err)
		done <- result{files, err}
	}()
	wctx, touch, stop := watchdog(ctx, stallTimeout)
	perr := c.putObject(wctx, name, &touchReader{pr, touch})
	if stop() {
		perr = errStalled
	}
	pr.CloseWithError(errPutEnded) // unblocks the writer if Put stopped early
	res := <-done
	if res.err != nil && !errors.Is(res.err, errPutEnded) {
		return Blob{}, fmt.Errorf("cluster: store %s from %s: %w: %w", name, dir, errLocal, res.err)
	}
	if perr != nil {
		return Blob{}, fmt.Errorf("cluster: store %s: %w", name, perr)
	}
	return Blob{Object: name, Size: int64(n), SHA256: hex.EncodeToString(h.Sum(nil)), Files: res.files}, nil
}

func writeTar(w io.Writer, dir string, skip []string) (int, error) {
	tw := tar.NewWriter(w)
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if rel == "." {
			return nil
		}
		if slices.Contains(skip, rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		switch {
		case info.IsDir():
			return tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: name + "/", Mode: 0o755, ModTime: info.ModTime()})
		case info.Mode().IsRegular():
			if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644, Size: info.Size(), ModTime: info.ModTime()}); err != nil {
				return err
			}
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			if _, err := io.CopyN(tw, f, info.Size()); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			files++
			return nil
		default:
			return fmt.Errorf("%s: not a regular file or folder (%s)", p, info.Mode().Type())
		}
	})
	if err != nil {
		return files, err
	}
	return files, tw.Close()
}

// GetDir fetches b into the folder dest, which must not exist: the blob
// is unpacked into a sibling folder, checked against b's size and SHA-256
// (and the Object Store's own digest), and only then renamed to dest. On
// any error nothing is left at dest.
func (c *Client) GetDir(ctx context.Context, b Blob, dest string) error {
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("cluster: fetch %s: %s exists", b.Object, dest)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("cluster: fetch %s: %w", b.Object, err)
	}
	tmp := dest + ".part-" + randHex()
	err := retryTransfer(ctx, func() error {
		os.RemoveAll(tmp) // what a failed try left
		return c.fetch(ctx, b, tmp)
	})
	if err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("cluster: fetch %s: %w", b.Object, err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("cluster: fetch %s: %w", b.Object, err)
	}
	return nil
}

func (c *Client) fetch(ctx context.Context, b Blob, dir string) (err error) {
	wctx, touch, stop := watchdog(ctx, stallTimeout)
	defer func() {
		if stop() {
			err = errStalled
		}
	}()
	obj, err := c.blobs.Get(wctx, b.Object)
	if err != nil {
		return err
	}
	defer obj.Close()
	h := sha256.New()
	var n countWriter
	r := io.TeeReader(&touchReader{obj, touch}, io.MultiWriter(h, &n))
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	if err := readTar(r, dir); err != nil {
		return err
	}
	// the tar's end padding, and the Object Store's digest check at EOF
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	return verify(b, int64(n), h)
}

// transient reports whether a failed transfer may succeed if tried again:
// not when ctx is done, the blob is gone, its bytes are wrong or the local
// files are at fault.
func transient(ctx context.Context, err error) bool {
	return ctx.Err() == nil && !errors.Is(err, ErrChecksum) && !errors.Is(err, jetstream.ErrObjectNotFound) &&
		!errors.Is(err, errLocal) && !errors.Is(err, os.ErrExist) && !errors.Is(err, os.ErrPermission)
}

func verify(b Blob, n int64, h hash.Hash) error {
	sum := hex.EncodeToString(h.Sum(nil))
	if n != b.Size || sum != b.SHA256 {
		return fmt.Errorf("%w: %d bytes with SHA-256 %s, the manifest says %d bytes with %s", ErrChecksum, n, sum, b.Size, b.SHA256)
	}
	return nil
}

// readTar unpacks r into dir. Only folders and regular files with
// relative names inside dir are accepted.
func readTar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := path.Clean(hdr.Name)
		if path.IsAbs(hdr.Name) || name == ".." || strings.HasPrefix(name, "../") || name == "." {
			return fmt.Errorf("tar entry %q: not a name inside the shard", hdr.Name)
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		switch hdr.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				return err
			}
			_, err = io.CopyN(f, tr, hdr.Size)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("tar entry %q: %w", hdr.Name, err)
			}
		default:
			return fmt.Errorf("tar entry %q: type %q is neither a file nor a folder", hdr.Name, hdr.Typeflag)
		}
	}
}

// DeleteBlob removes an object; one that is gone already is no error.
func (c *Client) DeleteBlob(ctx context.Context, name string) error {
	if err := c.blobs.Delete(ctx, name); err != nil && !errors.Is(err, jetstream.ErrObjectNotFound) {
		return fmt.Errorf("cluster: delete %s: %w", name, err)
	}
	return nil
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

func randHex() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
