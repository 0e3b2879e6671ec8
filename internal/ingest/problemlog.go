package ingest

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// DefaultProblemLimit is how many problems of one reason a ProblemLog
// logs one by one when NewProblemLog is given 0.
const DefaultProblemLimit = 10

// maxReasons bounds the reasons a ProblemLog tells apart; problems of any
// further reason are counted under "other", so that even a corpus whose
// every error reads differently logs a bounded number of lines.
const maxReasons = 32

// DefaultMaxSkipRatio is the largest share of records a run may skip when
// CheckSkipped is given 0 (the default of ingest.max_skip_ratio).
const DefaultMaxSkipRatio = 0.5

// reasonSentinels are the reasons told by an error in Problem.Err's chain,
// tested in this order.
var reasonSentinels = []error{ErrInvalidJSON, ErrNoID, ErrNoText, ErrInvalidDate, ErrInvalidUTF8, ErrTooLarge, errNotFeed}

// Reason is the kind of problem p is, the same for every record with the
// same fault and free of places and values, so that problems can be
// counted by it: "invalid JSON", "missing id", "neither title nor body",
// "invalid date", "invalid UTF-8", "over the size limit", "not an RSS or
// Atom feed", "unreadable file", "unreadable folder", else the field and
// the opening words of the error ("parse feed", "front matter: no closing
// --- line").
func (p *Problem) Reason() string {
	for _, s := range reasonSentinels {
		if errors.Is(p.Err, s) {
			return s.Error()
		}
	}
	msg := "unusable"
	if p.Err != nil {
		msg = p.Err.Error()
	}
	if head, _, ok := strings.Cut(msg, ":"); ok {
		msg = head
	}
	switch msg {
	case "open", "read":
		return "unreadable file"
	case "walk":
		return "unreadable folder"
	}
	if i := strings.IndexAny(msg, `"0123456789`); i > 0 {
		msg = strings.TrimSpace(msg[:i]) // values vary from record to record
	}
	if p.Field != "" {
		msg = p.Field + ": " + msg
	}
	const maxLen = 60
	for len(msg) > maxLen {
		_, size := utf8.DecodeLastRuneInString(msg)
		msg = msg[:len(msg)-size]
	}
	return msg
}

// place is where p is: "path:line", "path: item N" or the path.
func (p *Problem) place() string {
	s := p.Path
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
	}
	if p.Item > 0 {
		s += ": item " + strconv.Itoa(p.Item)
	}
	return s
}

// ProblemLog writes the problems of a run to a logger without flooding it.
// For each reason ([Problem.Reason]) it logs the first problems one by one
// with their place ("skipped record"), then one line saying that further
// ones are only counted; Summarize then logs one line for each reason that
// had more, with its count ("skipped 9,999,990 more records: invalid JSON
// (10,000,000 in all, first at big.jsonl.gz:1)"). Its methods are safe for
// concurrent use; Report fits Read's report argument.
type ProblemLog struct {
	log   *slog.Logger
	limit int

	mu      sync.Mutex
	reasons map[string]*ReasonCount
	order   []*ReasonCount
	total   int
}

// ReasonCount is how many problems of one reason a ProblemLog saw.
type ReasonCount struct {
	Reason string
	Count  int
	First  string // the place of the first one: "path:line"
}

// NewProblemLog returns a ProblemLog writing to log (nil discards) that
// logs up to limit problems of each reason one by one (0:
// DefaultProblemLimit).
func NewProblemLog(log *slog.Logger, limit int) *ProblemLog {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if limit <= 0 {
		limit = DefaultProblemLimit
	}
	return &ProblemLog{log: log, limit: limit, reasons: map[string]*ReasonCount{}}
}

// Report counts p and logs it while its reason is within the limit.
func (l *ProblemLog) Report(p *Problem) {
	reason := p.Reason()
	l.mu.Lock()
	rc := l.reasons[reason]
	if rc == nil {
		if len(l.order) >= maxReasons {
			reason = "other"
			rc = l.reasons[reason]
		}
		if rc == nil {
			rc = &ReasonCount{Reason: reason, First: p.place()}
			l.reasons[reason] = rc
			l.order = append(l.order, rc)
		}
	}
	rc.Count++
	l.total++
	n := rc.Count
	l.mu.Unlock()
	switch {
	case n <= l.limit:
		l.log.Warn("skipped record", "problem", p.Error())
	case n == l.limit+1:
		l.log.Warn("further records skipped for this reason are counted, not logged; a summary follows at the end",
			"reason", reason, "logged", l.limit)
	}
}

// Total is the number of problems reported.
func (l *ProblemLog) Total() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.total
}

// Counts returns the count of each reason, in the order the reasons were
// first seen.
func (l *ProblemLog) Counts() []ReasonCount {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]ReasonCount, len(l.order))
	for i, rc := range l.order {
		out[i] = *rc
	}
	return out
}

// Summarize logs one line for each reason whose problems were not all
// logged, with the number left out and the count in all.
func (l *ProblemLog) Summarize() {
	for _, rc := range l.Counts() {
		if rc.Count <= l.limit {
			continue
		}
		l.log.Warn(fmt.Sprintf("skipped %s more records: %s (%s in all, first at %s)",
			thousands(rc.Count-l.limit), rc.Reason, thousands(rc.Count), rc.First),
			"reason", rc.Reason, "skipped", rc.Count)
	}
}

// SkipError is a run that skipped a larger share of its records than
// allowed. Records counts the articles read and the problems reported (a
// file that cannot be read is one record).
type SkipError struct {
	Records  int
	Skipped  int
	MaxRatio float64
}

func (e *SkipError) Error() string {
	return fmt.Sprintf("skipped %s of %s records (%s), more than ingest.max_skip_ratio %s",
		thousands(e.Skipped), thousands(e.Records), percent(e.Skipped, e.Records), strconv.FormatFloat(e.MaxRatio*100, 'g', 4, 64)+"%")
}

// CheckSkipped returns a *SkipError when skipped of read+skipped records
// is a larger share than maxRatio (0: DefaultMaxSkipRatio; 1 or more: no
// limit). No records at all is no error here: the caller decides what
// nothing to do means.
func CheckSkipped(read, skipped int, maxRatio float64) error {
	if maxRatio <= 0 {
		maxRatio = DefaultMaxSkipRatio
	}
	records := read + skipped
	if maxRatio >= 1 || records == 0 || float64(skipped) <= maxRatio*float64(records) {
		return nil
	}
	return &SkipError{Records: records, Skipped: skipped, MaxRatio: maxRatio}
}

// percent prints n/of as a percentage with at most one decimal, never
// rounding a part up to 100% or down to 0%.
func percent(n, of int) string {
	if of == 0 {
		return "0%"
	}
	s := strconv.FormatFloat(float64(n)*100/float64(of), 'f', 1, 64)
	switch {
	case n < of && s == "100.0":
		return ">99.9%"
	case n > 0 && s == "0.0":
		return "<0.1%"
	}
	return strings.TrimSuffix(s, ".0") + "%"
}

// thousands prints n with a comma between groups of three digits:
// 10,000,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
