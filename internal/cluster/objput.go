package cluster

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"
)

// Blobs are stored with putObject rather than jetstream.ObjectStore.Put.
// nats.go's Put publishes its chunks through a JetStream context of its
// own that lets 4,000 chunks (500 MiB) await their acknowledgement and
// ignores the caller's limit. At a million articles each shard is about
// 700 MB: three workers storing theirs at once overflowed the object
// stream's ingest queue on the server (128 MiB by default), which refused
// chunks with 429 "too many requests", and the client stalled with "too
// many outstanding async published messages"; each worker handed its job
// back and built the shard again (the C client had the same fault,
// nats.c #1022). putObject writes the same chunks, meta message and digest
// as Put (ADR-20's layout: ObjectStore.Get reads them), with at most
// putWindow chunks unacknowledged.
const (
	putChunkSize = 128 << 10
	putWindow    = 16 // 2 MiB in flight a put
)

// putObject stores r as the object name of the blobs bucket.
func (c *Client) putObject(ctx context.Context, name string, r io.Reader) error {
	bucket := c.opts.Prefix + "_shards"
	old, err := c.blobs.GetInfo(ctx, name, jetstream.GetObjectInfoShowDeleted())
	if err != nil && !errors.Is(err, jetstream.ErrObjectNotFound) {
		return err
	}
	js, err := jetstream.New(c.NC)
	if err != nil {
		return err
	}
	id := nuid.Next()
	chunkSubj := fmt.Sprintf("$O.%s.C.%s", bucket, id)
	purge := func(subj string) {
		pctx, cancel := op(context.WithoutCancel(ctx))
		defer cancel()
		if s, err := js.Stream(pctx, "OBJ_"+bucket); err == nil {
			_ = s.Purge(pctx, jetstream.WithPurgeSubject(subj))
		}
	}
	h := sha256.New()
	buf := make([]byte, putChunkSize)
	var (
		acks   []jetstream.PubAckFuture
		size   uint64
		chunks uint32
	)
	wait := func(f jetstream.PubAckFuture) error {
		select {
		case <-f.Ok():
			return nil
		case err := <-f.Err():
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	fail := func(err error) error {
		purge(chunkSubj)
		return err
	}
	for {
		n, rerr := io.ReadFull(r, buf)
		if n > 0 {
			if len(acks) >= putWindow {
				if err := wait(acks[0]); err != nil {
					return fail(err)
				}
				acks = acks[1:]
			}
			m := nats.NewMsg(chunkSubj)
			m.Data = buf[:n]
			h.Write(m.Data)
			f, err := js.PublishMsgAsync(m)
			if err != nil {
				return fail(err)
			}
			acks = append(acks, f)
			buf = make([]byte, putChunkSize) // the message holds the last one until it is acknowledged
			size += uint64(n)
			chunks++
		}
		if errors.Is(rerr, io.EOF) || errors.Is(rerr, io.ErrUnexpectedEOF) {
			break
		}
		if rerr != nil {
			return fail(rerr)
		}
	}
	for _, f := range acks {
		if err := wait(f); err != nil {
			return fail(err)
		}
	}
	info := jetstream.ObjectInfo{
		ObjectMeta: jetstream.ObjectMeta{Name: name, Opts: &jetstream.ObjectMetaOptions{ChunkSize: putChunkSize}},
		Bucket:     bucket, NUID: id, Size: size, Chunks: chunks, Digest: jetstream.GetObjectDigestValue(h),
	}
	mm := nats.NewMsg(fmt.Sprintf("$O.%s.M.%s", bucket, base64.URLEncoding.EncodeToString([]byte(name))))
	mm.Header.Set(jetstream.MsgRollup, jetstream.MsgRollupSubject)
	if mm.Data, err = json.Marshal(info); err != nil {
		return fail(err)
	}
	if _, err := js.PublishMsg(ctx, mm); err != nil {
		return fail(err)
	}
	if old != nil && !old.Deleted {
		purge(fmt.Sprintf("$O.%s.C.%s", bucket, old.NUID)) // the chunks of the object it replaces
	}
	return nil
}
