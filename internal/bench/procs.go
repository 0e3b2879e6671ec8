package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/readout/readout/internal/index"
)

// BuildBinaries builds the indexer and searchd from the module at repo
// into dir, once, so that no `go run` compiles inside a timing.
func BuildBinaries(ctx context.Context, repo, dir string) (indexer, searchd string, err error) {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", dir+string(os.PathSeparator), "./cmd/indexer", "./cmd/searchd")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", "", fmt.Errorf("go build: %w: %s", err, bytes.TrimSpace(out))
	}
	return filepath.Join(dir, "indexer"), filepath.Join(dir, "searchd"), nil
}

// BuildStats describes one indexer build, measured from outside.
type BuildStats struct {
	Seconds    float64 `json:"seconds"`     // wall time of the child
	CPUSeconds float64 `json:"cpu_seconds"` // user + system, from its rusage
	PeakRSSMB  float64 `json:"peak_rss_mb"` // rusage maxrss
	// PeakAnonMB is the largest anonymous resident memory (RssAnon:
	// heap, stacks) sampled while it ran; the rest of PeakRSSMB is file
	// pages (the index's segments mapped), which the kernel reclaims.
	PeakAnonMB float64 `json:"peak_anon_mb,omitempty"`
	IndexBytes int64   `json:"index_bytes"` // the published generation on disk
	Articles   int     `json:"articles"`    // in the generation
	Quotes     int     `json:"quotes"`
	Generation string  `json:"generation"`
}

// RunIndexer runs `indexer build` on the corpus (nil: the bundled sample
// corpus) into indexDir, and measures it. Its output goes to log.
func RunIndexer(ctx context.Context, bin string, corpus []string, indexDir string, log io.Writer) (BuildStats, error) {
	var st BuildStats
	args := []string{"build", "--index", indexDir, "--progress", "log"}
	for _, c := range corpus {
		args = append(args, "--corpus", c)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = log, log
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return st, fmt.Errorf("indexer build: %w", err)
	}
	done := make(chan struct{})
	peakAnon := make(chan float64, 1)
	go func() { peakAnon <- samplePeak(cmd.Process.Pid, "RssAnon", done) }()
	err := cmd.Wait()
	st.Seconds = time.Since(start).Seconds()
	close(done)
	st.PeakAnonMB = <-peakAnon
	if err != nil {
		return st, fmt.Errorf("indexer build: %w", err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		st.CPUSeconds = tvSeconds(ru.Utime) + tvSeconds(ru.Stime)
		st.PeakRSSMB = float64(ru.Maxrss) / 1024 // kilobytes on Linux
	}
	store, err := index.OpenStore(indexDir)
	if err != nil {
		return st, err
	}
	info, err := store.Current()
	if err != nil {
		return st, fmt.Errorf("built generation: %w", err)
	}
	st.IndexBytes, st.Articles, st.Quotes, st.Generation = info.SizeBytes, info.Meta.Articles, info.Meta.Quotes, info.Name
	return st, nil
}

func tvSeconds(tv syscall.Timeval) float64 {
	return float64(tv.Sec) + float64(tv.Usec)/1e6
}

// Searchd is a searchd child process.
type Searchd struct {
	URL    string
	cmd    *exec.Cmd
	waitCh chan error // the result of cmd.Wait, until Stop
}

// StartSearchd starts searchd on a free loopback port over indexDir and
// waits until /readyz answers 200.
func StartSearchd(ctx context.Context, bin, indexDir string, log io.Writer) (*Searchd, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "--index", indexDir, "--listen", addr, "--log-level", "warn")
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start searchd: %w", err)
	}
	s := &Searchd{URL: "http://" + addr, cmd: cmd}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		select {
		case err := <-exited:
			return nil, fmt.Errorf("searchd exited before it was ready: %v", err)
		case <-ctx.Done():
			s.stop(exited)
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if resp, err := http.Get(s.URL + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.waitCh = exited
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.stop(exited)
			return nil, errors.New("searchd not ready after 2 minutes")
		}
	}
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func (s *Searchd) stop(exited chan error) {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-exited
	}
}

// Stop shuts searchd down (SIGTERM, then SIGKILL after 15 s).
func (s *Searchd) Stop() {
	if s.waitCh != nil {
		s.stop(s.waitCh)
		s.waitCh = nil
	}
}

// RSSMB is searchd's resident memory now (VmRSS), in MB.
func (s *Searchd) RSSMB() (float64, error) {
	return procStatusMB(s.cmd.Process.Pid, "VmRSS")
}

// AnonMB is searchd's anonymous resident memory now (RssAnon: heap,
// column tables), in MB; the rest of RSSMB is the index's mapped files.
func (s *Searchd) AnonMB() (float64, error) {
	return procStatusMB(s.cmd.Process.Pid, "RssAnon")
}

// samplePeak reads key of pid's status every 200 ms until done and
// returns the largest value, in MB (0 when it could not be read).
func samplePeak(pid int, key string, done <-chan struct{}) float64 {
	peak := 0.0
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		if v, err := procStatusMB(pid, key); err == nil {
			peak = max(peak, v)
		}
		select {
		case <-done:
			return peak
		case <-t.C:
		}
	}
}

// Reload asks searchd to reload the current generation (SIGHUP).
func (s *Searchd) Reload() error {
	return s.cmd.Process.Signal(syscall.SIGHUP)
}

// procStatusMB reads a "kB" line of /proc/PID/status (pid 0: this process).
func procStatusMB(pid int, key string) (float64, error) {
	p := "/proc/self/status"
	if pid > 0 {
		p = "/proc/" + strconv.Itoa(pid) + "/status"
	}
	f, err := os.Open(p)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", p, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), key+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err != nil {
				return 0, fmt.Errorf("%s: %s: %w", p, key, err)
			}
			return kb / 1024, nil
		}
	}
	return 0, fmt.Errorf("%s: no %s", p, key)
}

// resetPeakRSS resets this process's VmHWM, so that the next read of it is
// the peak of what follows (Linux: clear_refs 5). Best effort.
func resetPeakRSS() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// PublishCopy publishes a new generation holding the same documents as the
// current one: the current generation's files hard-linked (a generation is
// never written once published, and searchd opens it read-only) under the
// next generation name, with its own meta.json, then CURRENT renamed over
// as the indexer publishes. This costs no rebuild, so the swap it causes is
// the only thing that changes under the load. It returns the new name.
func PublishCopy(indexDir string) (string, error) {
	store, err := index.OpenStore(indexDir)
	if err != nil {
		return "", err
	}
	cur, err := store.Current()
	if err != nil {
		return "", err
	}
	n, err := strconv.Atoi(strings.TrimPrefix(cur.Name, "gen-"))
	if err != nil {
		return "", fmt.Errorf("generation name %q: %w", cur.Name, err)
	}
	next := fmt.Sprintf("gen-%06d", n+1)
	tmp := filepath.Join(indexDir, ".build-bench-"+next)
	err = filepath.WalkDir(cur.Path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(cur.Path, p)
		dst := filepath.Join(tmp, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(dst, 0o755)
		case rel == "meta.json":
			meta := cur.Meta
			meta.Generation = next
			b, err := json.MarshalIndent(meta, "", "  ")
			if err != nil {
				return err
			}
			return os.WriteFile(dst, b, 0o644)
		}
		return os.Link(p, dst)
	})
	if err != nil {
		return "", fmt.Errorf("copy generation %s: %w", cur.Name, err)
	}
	if err := os.Rename(tmp, filepath.Join(indexDir, next)); err != nil {
		return "", fmt.Errorf("copy generation: %w", err)
	}
	cf := filepath.Join(indexDir, "CURRENT")
	if err := os.WriteFile(cf+".tmp", []byte(next+"\n"), 0o644); err != nil {
		return "", fmt.Errorf("publish %s: %w", next, err)
	}
	if err := os.Rename(cf+".tmp", cf); err != nil {
		return "", fmt.Errorf("publish %s: %w", next, err)
	}
	return next, nil
}
