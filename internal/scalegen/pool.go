package scalegen

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/corpus"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

// Bounds of the pool: what keeps the generator's memory constant whatever
// the corpora hold.
const (
	// MaxPoolBytes bounds the text held (paragraphs and titles).
	MaxPoolBytes = 48 << 20
	// minParagraph and maxParagraph bound a usable paragraph, in bytes.
	minParagraph = 80
	maxParagraph = 1200
	// minWords is the fewest words of a usable paragraph.
	minWords = 12
	// ungdStride keeps one UN General Debate speech in ungdStride, and
	// ungdParagraphs paragraphs of it at most (from a third of the way in,
	// past the greetings), so that the 200 MB of speeches are a sample of a
	// few MB in the pool.
	ungdStride     = 6
	ungdParagraphs = 8
	// maxTitle bounds a title taken from a source title or a sentence.
	maxTitle = 90
)

// corporaFiles are the files of the real corpora read into the pool, in
// this order (the order is part of what makes the output deterministic).
var corporaFiles = []string{
	"reuters21578.jsonl.gz",
	"polnear.jsonl",
	"wikinews.jsonl",
	"gum-wikinews.jsonl",
	"ungd-1946-1989.jsonl.gz",
	"ungd-1990-2024.jsonl.gz",
}

// span is a piece of the pool's text.
type span struct{ off, n uint32 }

// para is one paragraph and the source text it comes from.
type para struct {
	text span
	doc  uint32
}

// doc is one source text: its paragraphs are paras[first:first+n].
type doc struct {
	first uint32
	n     uint32
	title span // n == 0: no usable title
}

// Pool is the bounded set of real paragraphs articles are assembled from,
// grouped by the source text they come from. It is read-only once loaded
// and may be shared by several generators.
type Pool struct {
	text  string
	paras []para
	docs  []doc

	// Files are the corpus files read (base names), or "corpus (bundled
	// sample)" for the fallback.
	Files []string
	// Sample is true when the pool holds the bundled sample corpus.
	Sample bool
}

// Paragraphs returns the number of paragraphs in the pool.
func (p *Pool) Paragraphs() int { return len(p.paras) }

// Docs returns the number of source texts in the pool.
func (p *Pool) Docs() int { return len(p.docs) }

// Bytes returns the bytes of text the pool holds.
func (p *Pool) Bytes() int { return len(p.text) }

func (p *Pool) str(s span) string { return p.text[s.off : s.off+s.n] }

// LoadPool reads the pool from the real corpora in dir. When dir is "" or
// holds none of the corpus files, it writes a message saying so to warn
// and returns [SamplePool] instead. Files of dir that are missing are
// named on warn and left out.
func LoadPool(ctx context.Context, dir string, warn io.Writer) (*Pool, error) {
	return loadFiles(ctx, dir, corporaFiles, warn)
}

// loadFiles is LoadPool reading only the given files of the corpora.
func loadFiles(ctx context.Context, dir string, files []string, warn io.Writer) (*Pool, error) {
	var present []string
	if dir != "" {
		for _, name := range files {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				present = append(present, name)
			}
		}
	}
	if len(present) == 0 {
		where := "no corpora folder given"
		if dir != "" {
			where = fmt.Sprintf("no corpus files in %s", dir)
		}
		fmt.Fprintf(warn, "scalegen: %s (set READOUT_CORPORA or --corpora to ../shared/corpora); "+
			"falling back to the bundled sample corpus: its few paragraphs will repeat heavily\n", where)
		return SamplePool(ctx)
	}
	if len(present) < len(files) {
		fmt.Fprintf(warn, "scalegen: only %s of the corpora found in %s\n", strings.Join(present, ", "), dir)
	}
	b := newPoolBuilder()
	for _, name := range present {
		var err error
		if path := filepath.Join(dir, name); strings.HasPrefix(name, "ungd-") {
			err = b.readSampled(ctx, path)
		} else {
			err = b.read(ctx, ingest.OSInput(path))
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		b.pool.Files = append(b.pool.Files, name)
	}
	return b.finish()
}

// SamplePool returns the pool of the bundled sample corpus (package
// corpus): a few hundred paragraphs, for a machine without the real
// corpora.
func SamplePool(ctx context.Context) (*Pool, error) {
	b := newPoolBuilder()
	if err := b.read(ctx, ingest.FSInput("corpus", corpus.FS, ".")); err != nil {
		return nil, fmt.Errorf("read sample corpus: %w", err)
	}
	b.pool.Files = []string{"corpus (bundled sample)"}
	b.pool.Sample = true
	return b.finish()
}

var errPoolFull = errors.New("pool full")

type poolBuilder struct {
	pool Pool
	text strings.Builder
	seen map[uint64]bool // paragraph hashes, to leave out repeated paragraphs
	seed maphash.Seed
}

func newPoolBuilder() *poolBuilder {
	return &poolBuilder{seen: map[uint64]bool{}, seed: maphash.MakeSeed()}
}

// read adds the articles of one input.
func (b *poolBuilder) read(ctx context.Context, in ingest.Input) error {
	_, err := ingest.Read(ctx, []ingest.Input{in}, ingest.Options{}, func(a news.Article) error {
		return b.add(a, false)
	}, func(*ingest.Problem) {})
	if errors.Is(err, errPoolFull) {
		return nil
	}
	return err
}

// readSampled adds one UN General Debate speech in ungdStride of the
// JSON Lines file path (gzip-compressed when it ends in .gz), decoding only
// those with the project's record decoder: the 200 MB of speeches are
// decompressed, but neither decoded nor held.
func (b *poolBuilder) readSampled(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 64<<10)
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return err
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 256<<10), 2*ingest.DefaultMaxBodyBytes+64<<10)
	for line := 1; sc.Scan(); line++ {
		if line%ungdStride != 1 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		a, _, p := ingest.DecodeRecord(sc.Bytes(), ingest.Options{}, ingest.Problem{Path: path, Line: line}, "")
		if p != nil {
			continue // as ingest.Read would: skipped
		}
		if err := b.add(a, true); errors.Is(err, errPoolFull) {
			return nil
		} else if err != nil {
			return err
		}
	}
	return sc.Err()
}

// add adds the usable paragraphs of one article as one source text.
func (b *poolBuilder) add(a news.Article, ungd bool) error {
	paras := strings.Split(a.Body, "\n\n")
	limit := len(paras)
	if ungd {
		paras = paras[len(paras)/3:]
		limit = ungdParagraphs
	}
	d := doc{first: uint32(len(b.pool.paras))}
	for _, p := range paras {
		if int(d.n) == limit {
			break
		}
		p = strings.TrimSpace(p)
		if !usable(p) {
			continue
		}
		h := maphash.String(b.seed, p)
		if b.seen[h] {
			continue
		}
		if b.text.Len()+len(p) > MaxPoolBytes {
			b.drop(d)
			return errPoolFull
		}
		b.seen[h] = true
		b.pool.paras = append(b.pool.paras, para{text: b.put(p), doc: uint32(len(b.pool.docs))})
		d.n++
	}
	if d.n == 0 {
		return nil
	}
	if t := strings.TrimSpace(a.Title); !ungd && t != "" && b.text.Len()+len(t) <= MaxPoolBytes {
		d.title = b.put(trimAt(t, maxTitle))
	}
	b.pool.docs = append(b.pool.docs, d)
	return nil
}

// drop removes the paragraphs of an unfinished source text.
func (b *poolBuilder) drop(d doc) { b.pool.paras = b.pool.paras[:d.first] }

func (b *poolBuilder) put(s string) span {
	off := b.text.Len()
	b.text.WriteString(s)
	return span{off: uint32(off), n: uint32(len(s))}
}

func (b *poolBuilder) finish() (*Pool, error) {
	if len(b.pool.docs) == 0 {
		return nil, errors.New("no usable paragraphs")
	}
	b.pool.text = b.text.String()
	b.seen = nil
	return &b.pool, nil
}

// usable says whether a paragraph is prose worth reusing: long enough, with
// enough words, mostly letters and not shouted (which leaves out the
// figure tables of earnings reports and wire slugs).
func usable(p string) bool {
	if len(p) < minParagraph || len(p) > maxParagraph || !utf8.ValidString(p) {
		return false
	}
	if len(strings.Fields(p)) < minWords {
		return false
	}
	var letters, upper, other int
	for _, r := range p {
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		case unicode.IsSpace(r):
		default:
			other++
		}
	}
	return letters >= 4*other && upper*3 < letters
}
