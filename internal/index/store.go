package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// File and folder names inside an index directory.
const (
	currentFile  = "CURRENT"
	journalFile  = "journal.jsonl"
	lockFile     = ".lock"
	buildPrefix  = ".build-"
	prunePrefix  = ".prune-"
	genPrefix    = "gen-"
	bleveDir     = "bleve"
	metaFile     = "meta.json"
	labelsFile   = "labels.json"
	aliasesFile  = "aliases.json"
	tmpSuffix    = ".tmp"
	genNameWidth = 6
)

// ErrNoGeneration means the index directory has no published generation yet.
var ErrNoGeneration = errors.New("no published generation")

// ErrBuildRunning means another build holds the directory's lock.
var ErrBuildRunning = errors.New("another build is running")

// Meta describes one generation; it is written as meta.json when the
// generation is built and never changed afterwards.
type Meta struct {
	Generation string         `json:"generation"`
	BuiltAt    time.Time      `json:"built_at"`
	Seconds    float64        `json:"seconds"`
	Articles   int            `json:"articles"`
	Quotes     int            `json:"quotes"`
	Documents  uint64         `json:"documents"` // Bleve documents: articles + quotes
	Entities   map[string]int `json:"entities"`  // distinct values per entity field
	Countries  int            `json:"countries"`
	Undated    int            `json:"undated"`
	DateFrom   time.Time      `json:"date_from,omitzero"`
	DateTo     time.Time      `json:"date_to,omitzero"`
	Read       int            `json:"read"`
	Skipped    int            `json:"skipped"`
	Duplicates int            `json:"duplicates"`
	JournalSeq int64          `json:"journal_seq"` // last journal op replayed into the generation
	Inputs     []string       `json:"inputs"`
	// Shards is the number of Bleve indexes, in shards/000 …; 0 for a
	// generation built before sharding, whose one index is in bleve/.
	Shards int `json:"shards,omitempty"`
	// DateTerms: published is indexed as one term and dates have FieldMonth
	// and FieldYear, so date ranges are DateRangeQuery's; false for a
	// generation built before, where they are Bleve's (Meta.DateRange).
	DateTerms bool `json:"date_terms,omitempty"`
	// DateSpans: some articles are dated by a year or a month
	// (FieldPrecision), which date ranges match when their span overlaps
	// (Meta.DateRange).
	DateSpans bool `json:"date_spans,omitempty"`
	// JoinedQuotes: quote documents leave out their article's Joined
	// fields (schema.Field.Joined, Documents), which quote-mode searches
	// reach through the article; false for a generation built before,
	// whose quote documents repeat them (DocumentsRepeated). Incremental
	// changes follow it; searches answer the same on both.
	JoinedQuotes bool `json:"joined_quotes,omitempty"`
	// Cluster is the id of the cluster publication this generation was
	// imported from (Store.Import); empty for one built here.
	Cluster string `json:"cluster,omitempty"`
}

// GenInfo is a generation on disk.
type GenInfo struct {
	Name      string
	Path      string
	Meta      Meta
	SizeBytes int64
	Current   bool
}

// Store is an index directory holding generations.
type Store struct {
	Dir string
	// Logger, if set before use, is told of what readers of the journal
	// ignore (a torn tail, once) and what appends repair.
	Logger *slog.Logger

	jmu        sync.Mutex
	jscan      *journalScan // the journal's framing up to its last commit
	tailLogged string       // the torn tail last logged
}

// OpenStore returns the store at dir, creating the directory if needed.
func OpenStore(dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("open index: no directory given")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open index %q: %w", dir, err)
	}
	return &Store{Dir: dir}, nil
}

// CurrentName returns the name of the published generation.
func (s *Store) CurrentName() (string, error) {
	b, err := os.ReadFile(filepath.Join(s.Dir, currentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", ErrNoGeneration
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", currentFile, err)
	}
	name := strings.TrimSpace(string(b))
	if !validGenName(name) {
		return "", fmt.Errorf("read %s: bad generation name %q", currentFile, name)
	}
	return name, nil
}

// Current returns the published generation.
func (s *Store) Current() (GenInfo, error) {
	name, err := s.CurrentName()
	if err != nil {
		return GenInfo{}, err
	}
	info, err := s.info(name)
	if err != nil {
		return GenInfo{}, err
	}
	info.Current = true
	return info, nil
}

func (s *Store) info(name string) (GenInfo, error) {
	m, err := s.readMeta(name)
	if err != nil {
		return GenInfo{}, err
	}
	p := filepath.Join(s.Dir, name)
	return GenInfo{Name: name, Path: p, Meta: m, SizeBytes: dirSize(p)}, nil
}

// GenInfoAt describes the generation folder at path, named after the
// folder: partitioned serving keeps each publication's folder, with the
// node's shards only, outside any Store (cluster.Partition).
func GenInfoAt(path string) (GenInfo, error) {
	m, err := readMetaAt(path)
	if err != nil {
		return GenInfo{}, fmt.Errorf("generation at %s: %w", path, err)
	}
	return GenInfo{Name: filepath.Base(path), Path: path, Meta: m}, nil
}

// readMeta reads a generation's meta.json.
func (s *Store) readMeta(name string) (Meta, error) {
	m, err := readMetaAt(filepath.Join(s.Dir, name))
	if err != nil {
		return m, fmt.Errorf("generation %s: %w", name, err)
	}
	return m, nil
}

// readMetaAt reads the meta.json of the generation folder at path.
func readMetaAt(path string) (Meta, error) {
	var m Meta
	b, err := os.ReadFile(filepath.Join(path, metaFile))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("parse %s: %w", metaFile, err)
	}
	return m, nil
}

// genParts are the files a complete generation holds besides its indexes,
// and indexParts those each of its Bleve indexes holds (bleve/, or every
// shard that meta.json counts); a build writes them all before it renames
// the folder to its generation name, so one missing means the folder was
// damaged (a prune of an older version killed midway, or a hand). Checking
// them costs a stat each.
var (
	genParts   = []string{metaFile, labelsFile}
	indexParts = []string{"index_meta.json", filepath.Join("store", "root.bolt")}
)

// incomplete says what a generation folder lacks, or "" when it is
// complete. A folder whose meta.json does not parse is left to readMeta's
// error.
func incomplete(path string) string {
	for _, part := range genParts {
		if _, err := os.Stat(filepath.Join(path, part)); err != nil {
			return part + " missing"
		}
	}
	idxs := []string{filepath.Join(path, bleveDir)}
	if _, err := os.Stat(filepath.Join(path, shardsDir)); err == nil {
		m, err := readMetaAt(path)
		if err != nil {
			return ""
		}
		if m.Shards < 1 {
			return metaFile + ": no shard count for " + shardsDir
		}
		idxs = shardPaths(path, m)
	}
	for _, d := range idxs {
		for _, part := range indexParts {
			p := filepath.Join(d, part)
			if _, err := os.Stat(p); err != nil {
				rel, _ := filepath.Rel(path, p)
				return rel + " missing"
			}
		}
	}
	return ""
}

// Generations lists the complete generations, oldest first.
func (s *Store) Generations() ([]GenInfo, error) {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return nil, fmt.Errorf("list generations: %w", err)
	}
	cur, err := s.CurrentName()
	if err != nil && !errors.Is(err, ErrNoGeneration) {
		return nil, err
	}
	var out []GenInfo
	for _, e := range entries {
		if !e.IsDir() || !validGenName(e.Name()) {
			continue
		}
		if incomplete(filepath.Join(s.Dir, e.Name())) != "" {
			continue // see Leftovers
		}
		info, err := s.info(e.Name())
		if err != nil {
			continue // not a complete generation
		}
		info.Current = e.Name() == cur
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func validGenName(name string) bool {
	if !strings.HasPrefix(name, genPrefix) {
		return false
	}
	_, err := strconv.Atoi(strings.TrimPrefix(name, genPrefix))
	return err == nil
}

func genNumber(name string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(name, genPrefix))
	return n
}

func genName(n int) string {
	return fmt.Sprintf("%s%0*d", genPrefix, genNameWidth, n)
}

// nextGenName is one past the highest generation number present.
func (s *Store) nextGenName() (string, error) {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return "", fmt.Errorf("list generations: %w", err)
	}
	max := 0
	for _, e := range entries {
		if validGenName(e.Name()) && genNumber(e.Name()) > max {
			max = genNumber(e.Name())
		}
	}
	return genName(max + 1), nil
}

// lock takes the directory's build lock (an advisory flock, released by the
// kernel when the process dies).
func (s *Store) lock() (func(), error) {
	f, err := os.OpenFile(filepath.Join(s.Dir, lockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock index: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("lock index %s: %w", s.Dir, ErrBuildRunning)
		}
		return nil, fmt.Errorf("lock index: %w", err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// Leftover kinds.
const (
	LeftoverBuild      = "build"      // .build-*: an interrupted build (or one running now)
	LeftoverPrune      = "prune"      // .prune-*: a generation an interrupted prune renamed away
	LeftoverIncomplete = "incomplete" // gen-* with a part missing
	LeftoverTmp        = "tmp"        // CURRENT.tmp: a build killed while publishing
)

// Leftover is an entry of an index directory that is neither a complete
// generation nor the journal: what an interrupted build or prune left, or
// a generation folder with a part missing.
type Leftover struct {
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	Problem   string `json:"problem,omitempty"` // what an incomplete generation lacks
	SizeBytes int64  `json:"size_bytes"`
	Current   bool   `json:"current,omitempty"` // an incomplete generation that CURRENT names
	NextBuild string `json:"next_build"`        // what the next build does with it

	remove bool // by the next build
}

// Leftovers lists the leftovers of the index directory, by name.
func (s *Store) Leftovers() ([]Leftover, error) {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return nil, fmt.Errorf("list index %s: %w", s.Dir, err)
	}
	cur, _ := s.CurrentName()
	var out []Leftover
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(s.Dir, name)
		l := Leftover{Name: name, NextBuild: "removes it", remove: true}
		switch {
		case strings.HasPrefix(name, buildPrefix):
			l.Kind = LeftoverBuild
			l.NextBuild = "removes it (unless it is a build running now)"
		case strings.HasPrefix(name, prunePrefix):
			l.Kind = LeftoverPrune
		case name == currentFile+tmpSuffix:
			l.Kind = LeftoverTmp
		case e.IsDir() && validGenName(name):
			l.Kind = LeftoverIncomplete
			l.Problem = incomplete(p)
			if l.Problem == "" {
				_, err := s.readMeta(name) // not info: no need to walk a complete generation's files
				if err == nil {
					continue
				}
				// All there, but its meta.json does not parse: nothing a
				// crash leaves, so not for a build to delete.
				l.Problem = err.Error()
				l.NextBuild, l.remove = "keeps it (remove it by hand if it is not needed)", false
			}
			if name == cur {
				l.Current, l.remove = true, false
				l.NextBuild = "publishes a new generation; a later build removes this one"
			}
		default:
			continue
		}
		l.SizeBytes = dirSize(p)
		out = append(out, l)
	}
	return out, nil
}

// cleanStale removes what an interrupted build or prune left: build
// folders, renamed-away generations, CURRENT.tmp, and generation folders
// with a part missing that CURRENT does not name. It keeps a generation
// whose files are all there but whose meta.json does not parse. Call with
// the lock held.
func (s *Store) cleanStale() ([]string, error) {
	left, err := s.Leftovers()
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, l := range left {
		if !l.remove {
			continue
		}
		if err := os.RemoveAll(filepath.Join(s.Dir, l.Name)); err != nil {
			return removed, fmt.Errorf("remove stale %s: %w", l.Name, err)
		}
		removed = append(removed, l.Name)
	}
	return removed, nil
}

// publish points CURRENT at name atomically: write CURRENT.tmp, fsync,
// rename over CURRENT, fsync the directory.
func (s *Store) publish(name string) error {
	tmp := filepath.Join(s.Dir, currentFile+tmpSuffix)
	if err := writeFileSync(tmp, []byte(name+"\n")); err != nil {
		return fmt.Errorf("publish %s: %w", name, err)
	}
	crash("publish.tmp")
	if err := os.Rename(tmp, filepath.Join(s.Dir, currentFile)); err != nil {
		return fmt.Errorf("publish %s: %w", name, err)
	}
	return syncDir(s.Dir)
}

// Prune removes the oldest complete generations so that at most keep remain;
// the current generation is never removed. It returns the names removed.
// Each is first renamed away (to .prune-NAME, the directory fsync'ed), so
// that a prune killed midway leaves no half-deleted folder under a
// generation's name; the next build removes what is left. Call with the
// build lock held, as Build does.
func (s *Store) Prune(keep int) ([]string, error) {
	if keep < 1 {
		keep = 1
	}
	gens, err := s.Generations()
	if err != nil {
		return nil, err
	}
	var removed []string
	for i := 0; i < len(gens)-keep; i++ {
		if gens[i].Current {
			continue
		}
		if err := s.removeGeneration(gens[i].Name); err != nil {
			return removed, fmt.Errorf("prune %s: %w", gens[i].Name, err)
		}
		removed = append(removed, gens[i].Name)
	}
	return removed, nil
}

// removeGeneration renames a generation away, fsyncs the directory, then
// deletes it.
func (s *Store) removeGeneration(name string) error {
	away := filepath.Join(s.Dir, prunePrefix+name)
	if err := os.RemoveAll(away); err != nil { // left by an earlier prune
		return err
	}
	if err := os.Rename(filepath.Join(s.Dir, name), away); err != nil {
		return err
	}
	crash("prune.renamed")
	if err := syncDir(s.Dir); err != nil {
		return err
	}
	crash("prune.synced")
	entries, err := os.ReadDir(away)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(away, e.Name())); err != nil {
			return err
		}
		crash("prune.delete")
	}
	return os.Remove(away)
}

func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func dirSize(p string) int64 {
	var n int64
	_ = filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
