package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// File and folder names inside an index directory.
const (
	currentFile  = "CURRENT"
	journalFile  = "journal.jsonl"
	lockFile     = ".lock"
	buildPrefix  = ".build-"
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
	p := filepath.Join(s.Dir, name)
	b, err := os.ReadFile(filepath.Join(p, metaFile))
	if err != nil {
		return GenInfo{}, fmt.Errorf("generation %s: %w", name, err)
	}
	var m Meta
	if err := json.Unmarshal(b, &m); err != nil {
		return GenInfo{}, fmt.Errorf("generation %s: parse %s: %w", name, metaFile, err)
	}
	return GenInfo{Name: name, Path: p, Meta: m, SizeBytes: dirSize(p)}, nil
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

// cleanStale removes what an interrupted build left. Call with the lock held.
func (s *Store) cleanStale() ([]string, error) {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), buildPrefix) || e.Name() == currentFile+tmpSuffix {
			if err := os.RemoveAll(filepath.Join(s.Dir, e.Name())); err != nil {
				return removed, fmt.Errorf("remove stale %s: %w", e.Name(), err)
			}
			removed = append(removed, e.Name())
		}
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
	if err := os.Rename(tmp, filepath.Join(s.Dir, currentFile)); err != nil {
		return fmt.Errorf("publish %s: %w", name, err)
	}
	return syncDir(s.Dir)
}

// Prune removes the oldest complete generations so that at most keep remain;
// the current generation is never removed. It returns the names removed.
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
		if err := os.RemoveAll(gens[i].Path); err != nil {
			return removed, fmt.Errorf("prune %s: %w", gens[i].Name, err)
		}
		removed = append(removed, gens[i].Name)
	}
	return removed, nil
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
