package cluster

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/readout/readout/internal/index"
)

// The change stream (PREFIX_changes) is the cluster's journal: incremental
// changes (indexer add and delete, searchd's admin changes) are appended
// to it, one message an op, as the line the index directory's journal
// would hold (index.MarshalOp) but without its seq: an op's seq is its
// message's stream sequence, which orders the ops. It keeps every op, as
// the journal does: a distributed build folds them all in, after the
// corpus (Build), and records the last in the manifest (ChangeSeq); every
// following node lays the ops after its generation's ChangeSeq over it
// (ChangeJournal, Follower.OnChanges), woken by a notice each append
// publishes once its ops are stored.

func (c *Client) changesStream() string { return c.opts.Prefix + "_changes" }

func (c *Client) changesSubject() string { return c.opts.Prefix + ".changes" }

// openChanges opens the change stream, creating it if it does not exist.
func (c *Client) openChanges(ctx context.Context) (jetstream.Stream, error) {
	c.changesMu.Lock()
	defer c.changesMu.Unlock()
	if c.changes != nil {
		return c.changes, nil
	}
	var st jetstream.Stream
	err := retry(ctx, func(ctx context.Context) (err error) {
		st, err = c.JS.Stream(ctx, c.changesStream())
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			st, err = c.JS.CreateStream(ctx, jetstream.StreamConfig{
				Name:        c.changesStream(),
				Description: "Readout: incremental changes, one op a message, in order",
				Subjects:    []string{c.changesSubject()},
				Retention:   jetstream.LimitsPolicy,
				Replicas:    c.opts.StreamReplicas,
				Storage:     jetstream.FileStorage,
			})
			if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
				st, err = c.JS.Stream(ctx, c.changesStream())
			}
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("cluster: stream %s: %w", c.changesStream(), err)
	}
	c.changes = st
	return st, nil
}

// AppendChanges validates ops as the journal does (index.Op.Validate) and
// appends them to the change stream, in order, one message an op, each
// acknowledged by JetStream before the next is sent. It returns the ops
// with their seq (stream sequence) and time. Nothing is appended unless
// every op is valid and fits in a message; a failure after some ops were
// appended returns those (they are live) with the error.
func (c *Client) AppendChanges(ctx context.Context, ops []index.Op) ([]index.Op, error) {
	if len(ops) == 0 {
		return nil, nil
	}
	at := time.Now().UTC()
	max := c.NC.MaxPayload()
	msgs := make([][]byte, len(ops))
	for i, op := range ops {
		if err := op.Validate(); err != nil {
			return nil, fmt.Errorf("cluster: op %d: %w", i+1, err)
		}
		op.Seq, op.At = 0, at
		if op.Kind == index.OpUpsert {
			op.ID = op.Article.ID
		}
		b, err := index.MarshalOp(op)
		if err != nil {
			return nil, fmt.Errorf("cluster: op %d: %w", i+1, err)
		}
		if int64(len(b)) > max-msgHeadroom {
			return nil, fmt.Errorf("cluster: op %d (%s %s): %d bytes, over the NATS servers' max_payload of %d", i+1, op.Kind, op.ID, len(b), max)
		}
		msgs[i] = b
	}
	if _, err := c.openChanges(ctx); err != nil {
		return nil, err
	}
	batch := randHex()
	done := make([]index.Op, 0, len(ops))
	defer func() {
		if len(done) > 0 {
			c.notifyChanges(done[len(done)-1].Seq)
		}
	}()
	for i, b := range msgs {
		seq, err := c.appendChange(ctx, fmt.Sprintf("%s-%d", batch, i), b)
		if err != nil {
			err = fmt.Errorf("cluster: append op %d of %d to %s: %w", i+1, len(ops), c.changesStream(), err)
			return done, err
		}
		op := ops[i]
		op.Seq, op.At = int64(seq), at
		if op.Kind == index.OpUpsert {
			op.ID = op.Article.ID
		}
		done = append(done, op)
	}
	return done, nil
}

// msgHeadroom is what a change message's headers may take of the
// servers' max_payload.
const msgHeadroom = 512

// appendChange publishes one op, trying again while a server fails over:
// until the stream answers, failoverWait has passed or ctx ends. The
// message id makes a try that was stored but not acknowledged harmless
// (JetStream drops the duplicate). A stream whose leader was just lost
// answers nothing until its peers elect another, which took more than the
// two seconds of five quick tries on a loaded machine.
func (c *Client) appendChange(ctx context.Context, id string, b []byte) (uint64, error) {
	var err error
	start := time.Now()
	for wait := 200 * time.Millisecond; ctx.Err() == nil; wait = min(2*wait, 2*time.Second) {
		octx, cancel := op(ctx)
		var ack *jetstream.PubAck
		ack, err = c.JS.PublishMsg(octx, &nats.Msg{Subject: c.changesSubject(), Data: b},
			jetstream.WithMsgID(id), jetstream.WithExpectStream(c.changesStream()))
		cancel()
		if err == nil {
			return ack.Sequence, nil
		}
		if time.Since(start)+wait > failoverWait {
			return 0, err
		}
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	return 0, err
}

// failoverWait bounds how long appendChange tries an op again: longer
// than a JetStream stream takes to elect a new leader.
var failoverWait = 30 * time.Second

// LastChange returns the change stream's last sequence (0: no change yet),
// read from the stream's leader.
func (c *Client) LastChange(ctx context.Context) (int64, error) {
	st, err := c.openChanges(ctx)
	if err != nil {
		return 0, err
	}
	var info *jetstream.StreamInfo
	err = retry(ctx, func(ctx context.Context) (err error) {
		info, err = st.Info(ctx)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("cluster: stream %s: %w", c.changesStream(), err)
	}
	return int64(info.State.LastSeq), nil
}

// EachChange calls fn with each op of the change stream after seq up to
// its last sequence when called, in order, and returns the last sequence
// read: short of the stream's last when its messages do not come within a
// request's timeout (a server failing over), the rest being for the next
// read.
func (c *Client) EachChange(ctx context.Context, seq int64, fn func(index.Op) error) (int64, error) {
	last, err := c.LastChange(ctx)
	if err != nil || last <= seq {
		return last, err
	}
	st, err := c.openChanges(ctx)
	if err != nil {
		return 0, err
	}
	fail := func(err error) (int64, error) {
		return 0, fmt.Errorf("cluster: read %s after %d: %w", c.changesStream(), seq, err)
	}
	// An ephemeral consumer, deleted after: an ordered consumer's fetch
	// recreates its consumer without end while a server fails over, where
	// this one's fetch ends with its wait.
	octx, cancel := op(ctx)
	cons, err := st.CreateConsumer(octx, jetstream.ConsumerConfig{
		Description:       "Readout: a read of the change stream",
		DeliverPolicy:     jetstream.DeliverByStartSequencePolicy,
		OptStartSeq:       uint64(seq + 1),
		AckPolicy:         jetstream.AckNonePolicy,
		InactiveThreshold: 30 * time.Second,
		MemoryStorage:     true,
		Replicas:          1,
	})
	cancel()
	if err != nil {
		return fail(err)
	}
	defer func() {
		if ctx.Err() == nil {
			dctx, cancel := op(ctx)
			st.DeleteConsumer(dctx, cons.CachedInfo().Name) // else it expires after its inactive threshold
			cancel()
		}
	}()
	for next := seq + 1; next <= last; {
		// no more than the messages left: a fetch waits until it has
		// them all or its wait ends
		batch, err := cons.Fetch(int(min(256, last-next+1)), jetstream.FetchMaxWait(opTimeout))
		if err != nil {
			return fail(err)
		}
		n := 0
		for m := range batch.Messages() {
			n++
			md, err := m.Metadata()
			if err != nil {
				return fail(err)
			}
			s := int64(md.Sequence.Stream)
			if s > last {
				continue // appended since: the next read takes it
			}
			op, err := index.UnmarshalOp(m.Data())
			if err != nil {
				return fail(fmt.Errorf("message %d: %w", s, err))
			}
			op.Seq = s
			if err := fn(op); err != nil {
				return 0, err
			}
			next = s + 1
		}
		if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, jetstream.ErrNoMessages) {
			return fail(err)
		}
		if n == 0 {
			// nothing within the wait: what was read is returned, the
			// rest is read next time
			return next - 1, nil
		}
	}
	return last, nil
}

// ChangesSince returns the ops of the change stream after seq.
func (c *Client) ChangesSince(ctx context.Context, seq int64) ([]index.Op, error) {
	var ops []index.Op
	_, err := c.EachChange(ctx, seq, func(op index.Op) error {
		ops = append(ops, op)
		return nil
	})
	return ops, err
}

// ChangeJournal is the change stream as an engine's journal
// (search.Journal): what searchd in cluster mode appends its admin changes
// to and lays over the generation it serves.
type ChangeJournal struct {
	Client *Client
	// Context bounds each read and append (with its requests bounded as
	// every request is); nil: context.Background().
	Context context.Context
}

func (j ChangeJournal) ctx() context.Context {
	if j.Context == nil {
		return context.Background()
	}
	return j.Context
}

// JournalSince returns the ops after seq.
func (j ChangeJournal) JournalSince(seq int64) ([]index.Op, error) {
	return j.Client.ChangesSince(j.ctx(), seq)
}

// AppendJournal appends ops to the change stream (AppendChanges).
func (j ChangeJournal) AppendJournal(ops []index.Op) ([]index.Op, error) {
	return j.Client.AppendChanges(j.ctx(), ops)
}

// notifySubject is where appends tell the nodes that the change stream
// holds ops up to a sequence (the message: the sequence, in decimal). It
// is not the stream's subject: a notice is sent once its ops are stored.
func (c *Client) notifySubject() string { return c.opts.Prefix + ".changes.appended" }

// notifyChanges tells the following nodes that ops up to seq are stored. A
// notice may be lost (a node reconnecting): nodes also poll.
func (c *Client) notifyChanges(seq int64) {
	_ = c.NC.Publish(c.notifySubject(), []byte(strconv.FormatInt(seq, 10)))
}

// watchChanges calls fn with each notice of ops appended, from another
// goroutine, until stop is called.
func (c *Client) watchChanges(fn func()) (stop func(), err error) {
	sub, err := c.NC.Subscribe(c.notifySubject(), func(*nats.Msg) { fn() })
	if err != nil {
		return nil, fmt.Errorf("cluster: subscribe to %s: %w", c.notifySubject(), err)
	}
	return func() { _ = sub.Unsubscribe() }, nil
}
