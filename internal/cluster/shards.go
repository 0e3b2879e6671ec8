package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/nats-io/nats.go"

	"github.com/readout/readout/internal/search"
)

// Partitioned serving's transport (stage 2, docs/scaling.md): each shard
// of a generation has a subject, PREFIX.shard.GENERATION.N, served by a
// queue group of the nodes holding the shard, so that NATS gives each
// request to one live replica. A request is a search.PartialRequest, the
// reply a search.Partial or an error, both JSON. The requesting node asks
// every shard (search.Engine.Gather over ShardSearchers) and merges.

// ShardSubject is the subject (and queue group) of shard n of generation
// gen under prefix. A generation's name is a subject token: its dots,
// spaces and wildcards are replaced.
func ShardSubject(prefix, gen string, n int) string {
	if prefix == "" {
		prefix = "readout"
	}
	token := strings.Map(func(r rune) rune {
		switch r {
		case '.', ' ', '*', '>', '\t', '\r', '\n':
			return '_'
		}
		return r
	}, gen)
	return fmt.Sprintf("%s.shard.%s.%d", prefix, token, n)
}

// ReplicaSubject is the subject on which node alone answers shard n of
// generation gen: a retry sent to a replica named in the nodes'
// announcements rather than to the one NATS picks (ShardOptions.Replicas).
func ReplicaSubject(prefix, gen string, n int, node string) string {
	return ShardSubject(prefix, gen, n) + ".node." + node
}

// shardReply is the reply to a partial request: the partial, or the error.
type shardReply struct {
	Partial *search.Partial `json:"partial,omitempty"`
	Error   *replyError     `json:"error,omitempty"`
}

type replyError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error codes a node replies with, for the errors the requesting node
// branches on.
const (
	codeCollapse = "stories_unsupported"
	codeNotFound = "not_found" // an article the shard does not hold
	codeTooLarge = "too_large"
	codeError    = "error"
)

// Replies larger than compressAbove bytes of JSON travel compressed with
// zstd (an export page of up to 1,000 hits with their stored fields must
// fit NATS's default max payload, 1 MiB), marked by the encodingHeader. A reply still too
// large fails with codeTooLarge (search.ErrPartialTooLarge), which an
// export answers by asking for shorter pages.
const (
	compressAbove  = 64 << 10
	encodingHeader = "Readout-Encoding"
	maxReplyBytes  = 256 << 20 // decompressed: a bound against a bad reply
)

var (
	replyEncoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	replyDecoder, _ = zstd.NewReader(nil, zstd.WithDecoderMaxMemory(maxReplyBytes), zstd.WithDecoderConcurrency(0))
)

// ShardTimeout bounds how long a node takes to answer one partial request
// it serves.
const ShardTimeout = 30 * time.Second

// ServeShard answers the partial requests of shard n of generation gen
// with e, which must serve that shard alone (index.OpenGenerationShards
// with one shard), in the shard's queue group. Unsubscribe (or Drain) the
// subscription to stop.
func ServeShard(nc *nats.Conn, prefix, gen string, n int, e search.PartialSearcher) (*nats.Subscription, error) {
	subj := ShardSubject(prefix, gen, n)
	sub, err := nc.QueueSubscribe(subj, subj, shardHandler(nc, n, e))
	if err != nil {
		return nil, fmt.Errorf("serve shard %d of %s: %w", n, gen, err)
	}
	return sub, nil
}

// ServeReplica answers the partial requests sent to node alone for shard
// n of generation gen (ReplicaSubject), as ServeShard answers its queue
// group's.
func ServeReplica(nc *nats.Conn, prefix, gen string, n int, node string, e search.PartialSearcher) (*nats.Subscription, error) {
	sub, err := nc.Subscribe(ReplicaSubject(prefix, gen, n, node), shardHandler(nc, n, e))
	if err != nil {
		return nil, fmt.Errorf("serve shard %d of %s as %s: %w", n, gen, node, err)
	}
	return sub, nil
}

func shardHandler(nc *nats.Conn, n int, e search.PartialSearcher) nats.MsgHandler {
	return func(m *nats.Msg) {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), ShardTimeout)
			defer cancel()
			var reply shardReply
			var pr search.PartialRequest
			if err := json.Unmarshal(m.Data, &pr); err != nil {
				reply.Error = &replyError{Code: codeError, Message: fmt.Sprintf("shard %d: bad request: %v", n, err)}
			} else if pt, err := e.SearchPartial(ctx, pr); err != nil {
				code := codeError
				switch {
				case errors.Is(err, search.ErrPartialCollapse):
					code = codeCollapse
				case errors.Is(err, search.ErrNotFound):
					code = codeNotFound
				}
				reply.Error = &replyError{Code: code, Message: fmt.Sprintf("shard %d: %v", n, err)}
			} else {
				reply.Partial = pt
			}
			_ = m.RespondMsg(replyMsg(nc, n, reply)) // a requester gone is no error of ours
		}()
	}
}

// replyMsg encodes reply as JSON, compressed when large; a reply still
// larger than nc's max payload becomes a codeTooLarge error naming its
// size.
func replyMsg(nc *nats.Conn, n int, reply shardReply) *nats.Msg {
	b, err := json.Marshal(reply)
	if err != nil {
		b, _ = json.Marshal(shardReply{Error: &replyError{Code: codeError, Message: err.Error()}})
	}
	msg := &nats.Msg{Data: b}
	if len(b) > compressAbove {
		msg.Header = nats.Header{encodingHeader: []string{"zstd"}}
		msg.Data = replyEncoder.EncodeAll(b, nil)
	}
	if limit := nc.MaxPayload(); limit > 0 && int64(len(msg.Data)) > limit-4096 { // headers and framing
		b, _ = json.Marshal(shardReply{Error: &replyError{Code: codeTooLarge,
			Message: fmt.Sprintf("shard %d: reply of %d bytes (%d compressed) exceeds NATS's max payload of %d", n, len(b), len(msg.Data), limit)}})
		msg = &nats.Msg{Data: b}
	}
	return msg
}

// ShardOptions are how a requesting node asks a shard.
type ShardOptions struct {
	// Timeout bounds one try: after it the request goes again, to the
	// replica NATS picks then. 0: 5s.
	Timeout time.Duration
	// Tries is how many times a request is sent before the shard counts
	// as missing. 0: 3.
	Tries int
	// Observe, if set, is told of each try: its shard, its outcome (ok,
	// error, timeout, no_responders) and how long it took (searchd's
	// metrics).
	Observe func(shard int, outcome string, d time.Duration)
	// Replicas, if set, names the nodes serving a shard (from their
	// announcements) in the order to try them: each try goes to the next
	// by its ReplicaSubject, so that a replica that takes requests and
	// never answers is not asked again; after them, to the queue group.
	// Nil: every try goes to the queue group, to the replica NATS picks.
	Replicas func(shard int) []string
	// Unanswered, if set, is told of a replica named by Replicas that did
	// not answer a try (timed out, or gone).
	Unanswered func(node string)
}

// ShardSearcher asks shard n of generation gen over nc: a
// search.PartialSearcher for search.Engine.Gather. A shard no replica
// serves (NATS has no responder), or none answers within o.Tries tries,
// fails with a *search.MissingShardsError naming it.
func ShardSearcher(nc *nats.Conn, prefix, gen string, n int, o ShardOptions) search.PartialSearcher {
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Second
	}
	if o.Tries <= 0 {
		o.Tries = 3
	}
	return &shardSearcher{nc: nc, prefix: prefix, subject: ShardSubject(prefix, gen, n), gen: gen, n: n, o: o}
}

// ShardSearchers are the searchers of every shard of a generation of
// shards shards.
func ShardSearchers(nc *nats.Conn, prefix, gen string, shards int, o ShardOptions) []search.PartialSearcher {
	out := make([]search.PartialSearcher, max(shards, 1))
	for i := range out {
		out[i] = ShardSearcher(nc, prefix, gen, i, o)
	}
	return out
}

type shardSearcher struct {
	nc      *nats.Conn
	prefix  string
	subject string
	gen     string
	n       int
	o       ShardOptions
}

func (s *shardSearcher) SearchPartial(ctx context.Context, pr search.PartialRequest) (*search.Partial, error) {
	b, err := json.Marshal(pr)
	if err != nil {
		return nil, fmt.Errorf("shard %d: %w", s.n, err)
	}
	var replicas []string // the replicas to ask by name, in turn
	if s.o.Replicas != nil {
		replicas = s.o.Replicas(s.n)
	}
	for try := 1; ; try++ {
		subject, node := s.subject, ""
		if len(replicas) > 0 {
			node, replicas = replicas[0], replicas[1:]
			subject = ReplicaSubject(s.prefix, s.gen, s.n, node)
		}
		tctx, cancel := context.WithTimeout(ctx, s.o.Timeout)
		start := time.Now()
		m, err := s.nc.RequestWithContext(tctx, subject, b)
		cancel()
		s.observe(err, start)
		if err != nil && node != "" && s.o.Unanswered != nil && ctx.Err() == nil &&
			(errors.Is(err, nats.ErrNoResponders) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrTimeout)) {
			s.o.Unanswered(node)
		}
		switch {
		case err == nil:
			return s.decode(m)
		case ctx.Err() != nil:
			return nil, fmt.Errorf("shard %d: %w", s.n, ctx.Err())
		case errors.Is(err, nats.ErrNoResponders) && subject != s.subject:
			// that replica is gone: the next, or the queue group
			if try >= s.o.Tries {
				return nil, fmt.Errorf("shard %d: no replica answered in %d tries: %w", s.n, try, s.missing())
			}
		case errors.Is(err, nats.ErrNoResponders):
			return nil, fmt.Errorf("shard %d: no live replica: %w", s.n, s.missing())
		case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrTimeout):
			if try >= s.o.Tries {
				return nil, fmt.Errorf("shard %d: no replica answered in %d tries of %v: %w", s.n, try, s.o.Timeout, s.missing())
			}
			// Again: the queue group gives it to the replica NATS picks.
		default:
			return nil, fmt.Errorf("shard %d: %w", s.n, err)
		}
	}
}

func (s *shardSearcher) observe(err error, start time.Time) {
	if s.o.Observe == nil {
		return
	}
	outcome := "ok"
	switch {
	case err == nil:
	case errors.Is(err, nats.ErrNoResponders):
		outcome = "no_responders"
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrTimeout):
		outcome = "timeout"
	default:
		outcome = "error"
	}
	s.o.Observe(s.n, outcome, time.Since(start))
}

func (s *shardSearcher) missing() error {
	return &search.MissingShardsError{Generation: s.gen, Missing: []int{s.n}}
}

func (s *shardSearcher) decode(m *nats.Msg) (*search.Partial, error) {
	data := m.Data
	switch enc := m.Header.Get(encodingHeader); enc {
	case "":
	case "zstd":
		var err error
		if data, err = replyDecoder.DecodeAll(m.Data, nil); err != nil {
			return nil, fmt.Errorf("shard %d: bad reply: %w", s.n, err)
		}
	default:
		return nil, fmt.Errorf("shard %d: bad reply: unknown encoding %q", s.n, enc)
	}
	var r shardReply
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("shard %d: bad reply: %w", s.n, err)
	}
	switch {
	case r.Error != nil && r.Error.Code == codeCollapse:
		return nil, fmt.Errorf("%s: %w", r.Error.Message, search.ErrPartialCollapse)
	case r.Error != nil && r.Error.Code == codeNotFound:
		return nil, fmt.Errorf("%s: %w", r.Error.Message, search.ErrNotFound)
	case r.Error != nil && r.Error.Code == codeTooLarge:
		return nil, fmt.Errorf("%s: %w", r.Error.Message, search.ErrPartialTooLarge)
	case r.Error != nil:
		return nil, errors.New(r.Error.Message)
	case r.Partial == nil:
		return nil, fmt.Errorf("shard %d: empty reply", s.n)
	}
	return r.Partial, nil
}
