package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/readout/readout/internal/news"
)

// DefaultMaxBodyBytes is the body limit used when Options.MaxBodyBytes is 0.
const DefaultMaxBodyBytes = 4 << 20

// Options control a Read.
type Options struct {
	// MaxBodyBytes is the largest body, in bytes of UTF-8 text, that is
	// accepted; longer records are reported and skipped. 0 means
	// DefaultMaxBodyBytes.
	MaxBodyBytes int
	// MaxFileBytes is the largest whole file read for the formats that are
	// parsed whole (text, Markdown, HTML, feeds). 0 means 16×MaxBodyBytes.
	// JSON Lines files are streamed and have no file limit; each of their
	// lines is limited to 2×MaxBodyBytes+64 KiB instead.
	MaxFileBytes int64
	// Strict makes the first Problem end the read: Read returns it as its
	// error (report is not called for it).
	Strict bool
	// Mapping, when set, reads the JSON Lines files its rules match
	// through them (mapping.go); other files are read as they are.
	Mapping *Mapping
	// Logger receives warnings (unknown fields, once per name and run;
	// problems when report is nil) and debug messages (files ignored in
	// folder walks). nil discards.
	Logger *slog.Logger
}

func (o Options) maxBody() int {
	if o.MaxBodyBytes > 0 {
		return o.MaxBodyBytes
	}
	return DefaultMaxBodyBytes
}

func (o Options) maxFile() int64 {
	if o.MaxFileBytes > 0 {
		return o.MaxFileBytes
	}
	return 16 * int64(o.maxBody())
}

func (o Options) maxLine() int { return 2*o.maxBody() + 64<<10 }

// Input is one file or folder to read. Name is what problems and
// Article.Origin print (the path as the user gave it); FS and Path say what
// is read. Path is slash-separated and "." names the root of FS.
type Input struct {
	Name string
	FS   fs.FS
	Path string
}

// OSInput returns the Input for a file or folder on disk. A folder is read
// through os.DirFS(path) so that default ids are relative to it; a file
// through os.DirFS of its parent folder.
func OSInput(p string) Input {
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		return Input{Name: p, FS: os.DirFS(p), Path: "."}
	}
	dir, file := filepath.Split(p)
	if dir == "" {
		dir = "."
	}
	return Input{Name: p, FS: os.DirFS(dir), Path: file}
}

// FSInput returns the Input for path inside fsys (for example an embed.FS),
// printed as name.
func FSInput(name string, fsys fs.FS, p string) Input {
	return Input{Name: name, FS: fsys, Path: p}
}

// Problem is one record, file or folder that could not be used. It prints
// as "path:line: field: reason" (feed items as "path: item N: field:
// reason"); Line, Item and Field are left out when zero.
type Problem struct {
	Path  string // the path as the user would recognise it
	Line  int    // 1-based line of a JSON Lines record or front matter; 0: the whole file
	Item  int    // 1-based item of a feed; 0: not a feed item
	Field string // the field at fault ("id", "published", "body", …); "" for the record or file
	Err   error
}

func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.place())
	if p.Field != "" {
		b.WriteString(": ")
		b.WriteString(p.Field)
	}
	b.WriteString(": ")
	if p.Err != nil {
		b.WriteString(p.Err.Error())
	} else {
		b.WriteString("unusable")
	}
	return b.String()
}

func (p *Problem) Unwrap() error { return p.Err }

// Sentinel reasons that callers may test with errors.Is on a Problem.
var (
	ErrNoID        = errors.New("missing id")
	ErrNoText      = errors.New("neither title nor body")
	ErrTooLarge    = errors.New("over the size limit")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrInvalidDate = errors.New("invalid date")
	ErrInvalidJSON = errors.New("invalid JSON")
)

// Stats counts what a Read did.
type Stats struct {
	Files         int      // files opened
	Ignored       int      // files in folder walks that are not inputs (unknown type, README, non-feed .xml)
	Read          int      // articles emitted
	Skipped       int      // problems reported (records, files or folders skipped)
	UnknownFields []string // names of ignored fields, sorted (at most the first 1,000 seen)
	Bytes         int64    // bytes read (after gzip decompression)
}

// ParseDate parses an RFC 3339 timestamp or a YYYY-MM-DD date (midnight
// UTC). The result is in UTC.
func ParseDate(s string) (time.Time, error) {
	if len(s) == len(time.DateOnly) {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return time.Time{}, fmt.Errorf("%w %q: want RFC 3339 or YYYY-MM-DD", ErrInvalidDate, s)
		}
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w %q: want RFC 3339 or YYYY-MM-DD", ErrInvalidDate, s)
	}
	return t.UTC(), nil
}

// ParseDateSpan parses a date as ParseDate does, or a year ("2020") or a
// month ("2020-09"), which it returns as the start of the year or month
// with its precision (news.PrecisionYear, news.PrecisionMonth; "" for a day
// or a time).
func ParseDateSpan(s string) (time.Time, string, error) {
	switch len(s) {
	case len("2006"):
		if t, err := time.Parse("2006", s); err == nil {
			return t, news.PrecisionYear, nil
		}
		return time.Time{}, "", fmt.Errorf("%w %q: want RFC 3339, YYYY-MM-DD, YYYY-MM or YYYY", ErrInvalidDate, s)
	case len("2006-01"):
		if t, err := time.Parse("2006-01", s); err == nil {
			return t, news.PrecisionMonth, nil
		}
		return time.Time{}, "", fmt.Errorf("%w %q: want RFC 3339, YYYY-MM-DD, YYYY-MM or YYYY", ErrInvalidDate, s)
	}
	t, err := ParseDate(s)
	if err != nil {
		return time.Time{}, "", fmt.Errorf("%w %q: want RFC 3339, YYYY-MM-DD, YYYY-MM or YYYY", ErrInvalidDate, s)
	}
	return t, "", nil
}

// Read streams every article of every input to emit, in input order: inputs
// in the order given, files of a folder in lexical path order, records in
// file order. Problems go to report (nil: logged at warning level) and are
// counted; in strict mode Read returns the first Problem instead. With a
// nil report, problems go through a [ProblemLog] on opts.Logger: at most
// DefaultProblemLimit lines per reason, and a summary at the end. An emit
// error stops the read and is returned as is; so is ctx's error when it is
// cancelled. An input that does not exist is an error, not a Problem.
func Read(ctx context.Context, inputs []Input, opts Options, emit func(news.Article) error, report func(*Problem)) (Stats, error) {
	r := &reader{
		ctx:     ctx,
		opts:    opts,
		emit:    emit,
		report:  report,
		log:     opts.Logger,
		unknown: map[string]bool{},
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if report == nil {
		plog := NewProblemLog(r.log, 0)
		r.report = plog.Report
		defer plog.Summarize()
	}
	var err error
	for _, in := range inputs {
		if err = r.input(in); err != nil {
			break
		}
	}
	for name := range r.unknown {
		r.stats.UnknownFields = append(r.stats.UnknownFields, name)
	}
	if n := len(r.unknown); n > maxUnknownLogged {
		more := ""
		if r.unknownCapped {
			more = " or more"
		}
		r.log.Warn(fmt.Sprintf("ignored %s%s unknown field names in all; the first %d were logged", thousands(n), more, maxUnknownLogged),
			"unknown_fields", n)
	}
	slices.Sort(r.stats.UnknownFields)
	return r.stats, err
}

// reader holds the state of one Read.
type reader struct {
	ctx     context.Context
	opts    Options
	emit    func(news.Article) error
	report  func(*Problem)
	log     *slog.Logger
	stats   Stats
	unknown map[string]bool
	// unknownCapped: names beyond maxUnknownKept were seen and not kept.
	unknownCapped bool
	line          []byte       // JSON Lines buffer, reused across files
	rule          *MappingRule // the mapping rule of the file being read
}

// A Read warns about the first maxUnknownLogged unknown field names one by
// one, then only counts them; it keeps at most maxUnknownKept names, so
// that a corpus whose every record invents a field neither floods the log
// nor fills memory.
const (
	maxUnknownLogged = 10
	maxUnknownKept   = 1000
)

// problem records p. It returns a non-nil error when the read must stop
// (strict mode).
func (r *reader) problem(p *Problem) error {
	if r.opts.Strict {
		return p
	}
	r.stats.Skipped++
	r.report(p)
	return nil
}

// unknownField notes an ignored field, warning once per name and run, for
// the first maxUnknownLogged names.
func (r *reader) unknownField(name, origin string) {
	if r.unknown[name] {
		return
	}
	if len(r.unknown) >= maxUnknownKept {
		r.unknownCapped = true
		return
	}
	r.unknown[name] = true
	switch n := len(r.unknown); {
	case n <= maxUnknownLogged:
		r.log.Warn("ignoring unknown field", "field", name, "first_seen", origin)
	case n == maxUnknownLogged+1:
		r.log.Warn("further unknown fields are counted, not logged; a summary follows at the end", "logged", maxUnknownLogged)
	}
}

// deliver validates a and emits it. It returns a non-nil error when the read
// must stop.
func (r *reader) deliver(a news.Article, where *Problem) error {
	if p := validate(&a, r.opts, where); p != nil {
		return r.problem(p)
	}
	if err := r.ctx.Err(); err != nil {
		return err
	}
	r.stats.Read++
	return r.emit(a)
}

// validate checks the invariants every emitted article keeps: an id, a title
// or body, valid UTF-8 everywhere, a body within the limit.
func validate(a *news.Article, opts Options, where *Problem) *Problem {
	fail := func(field string, err error) *Problem {
		p := *where
		p.Field, p.Err = field, err
		return &p
	}
	for _, f := range [...]struct {
		name string
		v    string
	}{{"id", a.ID}, {"title", a.Title}, {"body", a.Body}, {"source", a.Source}, {"url", a.URL}, {"language", a.Language}} {
		if !utf8.ValidString(f.v) {
			return fail(f.name, ErrInvalidUTF8)
		}
	}
	for _, s := range a.Authors {
		if !utf8.ValidString(s) {
			return fail("authors", ErrInvalidUTF8)
		}
	}
	if strings.TrimSpace(a.ID) == "" {
		return fail("id", ErrNoID)
	}
	if strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Body) == "" {
		return fail("", ErrNoText)
	}
	if len(a.Body) > opts.maxBody() {
		return fail("body", fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(a.Body), opts.maxBody()))
	}
	return nil
}

// input reads one Input: a single file or a folder walk.
func (r *reader) input(in Input) error {
	if in.FS == nil {
		return fmt.Errorf("input %q: no file system", in.Name)
	}
	p := path.Clean("/" + in.Path)[1:] // "./a/../b/" → "b"; fs paths are unrooted
	if p == "" {
		p = "."
	}
	st, err := fs.Stat(in.FS, p)
	if err != nil {
		return fmt.Errorf("input %q: %w", in.Name, err)
	}
	if !st.IsDir() {
		return r.file(in, p, path.Base(p), true)
	}
	return fs.WalkDir(in.FS, p, func(fp string, d fs.DirEntry, err error) error {
		if cerr := r.ctx.Err(); cerr != nil {
			return cerr
		}
		rel := relTo(p, fp)
		if err != nil {
			return r.problem(&Problem{Path: display(in.Name, rel), Err: fmt.Errorf("walk: %w", err)})
		}
		name := d.Name()
		if fp != p && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Links to files are read; links to folders are not followed
			// (they could form cycles).
			st, err := fs.Stat(in.FS, fp)
			if err != nil {
				return r.problem(&Problem{Path: display(in.Name, rel), Err: fmt.Errorf("open: %w", err)})
			}
			if st.IsDir() {
				r.stats.Ignored++
				r.log.Debug("ignoring link", "path", display(in.Name, rel))
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		if skippedInWalk(name) || kindOf(name) == kindUnknown {
			r.stats.Ignored++
			r.log.Debug("ignoring file", "path", display(in.Name, rel))
			return nil
		}
		return r.file(in, fp, rel, false)
	})
}

// relTo returns fp relative to root (both slash-separated, fp under root).
func relTo(root, fp string) string {
	if root == "." {
		return fp
	}
	if fp == root {
		return "."
	}
	return strings.TrimPrefix(fp, root+"/")
}

// display is the path of rel (relative to an input) as the user knows it.
func display(name, rel string) string {
	if rel == "." || rel == "" {
		return name
	}
	if name == "" || name == "." {
		return rel
	}
	return strings.TrimSuffix(name, "/") + "/" + rel
}

// skippedInWalk reports whether a file found in a folder walk is
// documentation rather than an article: README*, LICENSE*, LICENCE*,
// COPYING*, CHANGELOG* (any case).
func skippedInWalk(name string) bool {
	n := strings.ToLower(name)
	for _, pre := range [...]string{"readme", "license", "licence", "copying", "changelog"} {
		if strings.HasPrefix(n, pre) {
			return true
		}
	}
	return false
}

type kind int

const (
	kindUnknown kind = iota
	kindJSONL
	kindJSONLGzip
	kindText
	kindMarkdown
	kindHTML
	kindFeed // .rss, .atom: must be a feed
	kindXML  // .xml: read when it is a feed
)

// kindSuffixes maps file name endings (lower case) to kinds, longest
// ending first where one ends another (.jsonl.gz before .gz).
var kindSuffixes = []struct {
	suffix string
	kind   kind
}{
	{".jsonl.gz", kindJSONLGzip}, {".ndjson.gz", kindJSONLGzip},
	{".jsonl", kindJSONL}, {".ndjson", kindJSONL},
	{".txt", kindText},
	{".md", kindMarkdown}, {".markdown", kindMarkdown},
	{".html", kindHTML}, {".htm", kindHTML},
	{".rss", kindFeed}, {".atom", kindFeed},
	{".xml", kindXML},
}

func kindOf(name string) kind {
	n := strings.ToLower(name)
	for _, k := range kindSuffixes {
		if strings.HasSuffix(n, k.suffix) {
			return k.kind
		}
	}
	return kindUnknown
}

// file reads one file. fp is its path in in.FS, rel its path relative to
// the input (the base name for a single-file input), explicit whether the
// user named it.
func (r *reader) file(in Input, fp, rel string, explicit bool) error {
	shown := display(in.Name, rel)
	if explicit {
		shown = in.Name
	}
	k := kindOf(fp)
	if k == kindUnknown {
		return r.problem(&Problem{Path: shown, Err: errors.New("unsupported file type: want .jsonl, .jsonl.gz, .ndjson, .txt, .md, .html, .htm, .rss, .atom or .xml")})
	}
	f, err := in.FS.Open(fp)
	if err != nil {
		return r.problem(&Problem{Path: shown, Err: fmt.Errorf("open: %w", err)})
	}
	defer f.Close()
	r.stats.Files++
	rule := r.opts.Mapping.ruleFor(shown)
	switch k {
	case kindJSONL, kindJSONLGzip:
		r.rule = rule
		defer func() { r.rule = nil }()
		if k == kindJSONL {
			return r.jsonl(f, shown)
		}
		return r.jsonlGzip(f, shown)
	}
	if rule != nil {
		return r.problem(&Problem{Path: shown, Err: fmt.Errorf("the mapping's rule %q applies to JSON Lines files only", rule.Match)})
	}
	data, err := readAllLimit(f, r.opts.maxFile())
	r.stats.Bytes += int64(len(data))
	if err != nil {
		return r.problem(&Problem{Path: shown, Err: err})
	}
	switch k {
	case kindText, kindMarkdown:
		return r.textFile(data, shown, rel, k == kindMarkdown)
	case kindHTML:
		return r.htmlFile(data, shown, rel)
	default:
		return r.feedFile(data, shown, k == kindFeed || explicit)
	}
}

// readAllLimit reads all of rd, failing when it holds more than limit bytes.
func readAllLimit(rd io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(rd, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file %w: more than %d bytes", ErrTooLarge, limit)
	}
	return data, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
