package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/testutil"
)

const searchdChildEnv = "READOUT_TEST_SEARCHD_CHILD"

// TestSearchdChildProcess is no test on its own: TestCrashUpload runs
// searchd in a child process (the test binary again) and kills it.
func TestSearchdChildProcess(t *testing.T) {
	dir := os.Getenv(searchdChildEnv)
	if dir == "" {
		t.Skip("helper process for TestCrashUpload")
	}
	args := []string{"--index", dir, "--listen", "127.0.0.1:0", "--admin-token", "tok", "--log-format", "json"}
	if err := run(context.Background(), args, os.Stdout, os.Stderr); err != nil {
		t.Fatal(err)
	}
}

// uploadBody is a JSON Lines body of articles with the given ids, each
// mentioning quinoa (which the index's other articles do not).
func uploadBody(ids []string) string {
	var b strings.Builder
	pad := strings.Repeat("Negotiators met in Geneva and talked about grain corridors. ", 30)
	for _, id := range ids {
		fmt.Fprintf(&b, `{"id":%q,"title":"Report %s","body":"The envoy spoke about quinoa exports. %s","source":"Wire U"}`+"\n", id, id, pad)
	}
	return b.String()
}

func adminUpload(base string, body io.Reader) (int, string, error) {
	req, err := http.NewRequest(http.MethodPost, base+"api/v1/admin/articles", body)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Authorization", "Bearer tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), nil
}

func quinoaTotal(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "api/v1/search?q=quinoa&size=0&facets=none")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct{ Total int }
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("search: %d %v", resp.StatusCode, err)
	}
	return res.Total
}

// TestCrashUpload kills searchd while it receives an admin upload (POST
// /api/v1/admin/articles), at different moments: mid-body, as soon as the
// journal grows (mid-write, or just after the commit) and at a random delay
// after the body is sent. After each kill every acknowledged upload is in
// the journal, the upload in flight is all there or not at all, and a new
// searchd serves the index (logging a torn tail once however often it
// reloads), applies what is live, and takes the next upload.
func TestCrashUpload(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns searchd processes")
	}
	dir := filepath.Join(t.TempDir(), "index")
	buildIndex(t, dir)
	journal := filepath.Join(dir, "journal.jsonl")
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rnd := rand.New(rand.NewPCG(seed, seed))
	live := 0 // quinoa articles that must be live
	for k, mode := range []string{"mid-body", "journal-grows", "journal-grows", "after-send"} {
		t.Run(fmt.Sprintf("%d-%s", k, mode), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestSearchdChildProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), searchdChildEnv+"="+dir)
			var out testutil.SyncBuffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan struct{})
			go func() { _ = cmd.Wait(); close(exited) }()
			defer func() { _ = cmd.Process.Kill(); <-exited }()
			var base string
			for deadline := time.Now().Add(30 * time.Second); base == ""; {
				if m := readyLine.FindStringSubmatch(out.String()); m != nil {
					base = m[3]
				} else if time.Now().After(deadline) {
					t.Fatalf("child searchd not ready:\n%s", out.String())
				}
				time.Sleep(10 * time.Millisecond)
			}

			small := []string{fmt.Sprintf("ack-%d-a", k), fmt.Sprintf("ack-%d-b", k)}
			if code, body, err := adminUpload(base, strings.NewReader(uploadBody(small))); err != nil || code != http.StatusOK {
				t.Fatalf("small upload: %d %s %v", code, body, err)
			}
			live += len(small)
			fi, err := os.Stat(journal)
			if err != nil {
				t.Fatal(err)
			}
			before := fi.Size()

			var big []string
			for i := range 1500 {
				big = append(big, fmt.Sprintf("big-%d-%d", k, i))
			}
			body := uploadBody(big)
			pr, pw := io.Pipe()
			type result struct {
				code int
				err  error
			}
			res := make(chan result, 1)
			go func() {
				code, _, err := adminUpload(base, pr)
				res <- result{code, err}
			}()
			switch mode {
			case "mid-body":
				if _, err := io.WriteString(pw, body[:len(body)/2]); err != nil {
					t.Fatal(err)
				}
			case "journal-grows":
				go func() { _, _ = io.WriteString(pw, body); pw.Close() }()
				for deadline := time.Now().Add(60 * time.Second); ; {
					if fi, err := os.Stat(journal); err == nil && fi.Size() > before {
						break
					}
					if time.Now().After(deadline) {
						t.Fatal("the journal did not grow")
					}
					time.Sleep(200 * time.Microsecond)
				}
			case "after-send":
				if _, err := io.WriteString(pw, body); err != nil {
					t.Fatal(err)
				}
				pw.Close()
				time.Sleep(time.Duration(rnd.IntN(40)) * time.Millisecond)
			}
			_ = cmd.Process.Signal(syscall.SIGKILL)
			<-exited
			pw.CloseWithError(io.ErrClosedPipe)
			r := <-res

			store, err := index.OpenStore(dir)
			if err != nil {
				t.Fatal(err)
			}
			ops, err := store.JournalSince(0)
			if err != nil {
				t.Fatalf("journal after the kill: %v", err)
			}
			ids := map[string]bool{}
			for _, op := range ops {
				ids[op.ID] = true
			}
			n := 0
			for _, id := range big {
				if ids[id] {
					n++
				}
			}
			info, err := store.JournalInfo()
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("killed at journal size %d (was %d): %d of %d articles of the upload live, answer %d %v, torn tail %+v",
				info.Bytes, before, n, len(big), r.code, r.err, info.Tail)
			switch {
			case n != 0 && n != len(big):
				t.Fatalf("%d of the %d articles of the killed upload are live", n, len(big))
			case r.code == http.StatusOK && n == 0:
				t.Fatal("an acknowledged upload is not in the journal")
			case mode == "mid-body" && n != 0:
				t.Fatal("an upload killed mid-body is live")
			}
			live += n
			for _, id := range small {
				if !ids[id] {
					t.Fatalf("acknowledged %s is not in the journal", id)
				}
			}

			// A new searchd serves it all and takes the next upload.
			m, stderr, stop := startSearchd(t, "--index", dir, "--listen", "127.0.0.1:0", "--admin-token", "tok", "--log-format", "json")
			base2 := m[3]
			if got := quinoaTotal(t, base2); got != live {
				t.Errorf("restarted searchd finds %d uploaded articles, want %d", got, live)
			}
			for range 2 {
				req, _ := http.NewRequest(http.MethodPost, base2+"api/v1/admin/reload", nil)
				req.Header.Set("Authorization", "Bearer tok")
				if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusOK {
					t.Fatalf("reload: %v %v", resp, err)
				} else {
					resp.Body.Close()
				}
			}
			torn := strings.Count(stderr.String(), "ignoring the torn tail")
			if info.Tail != nil && torn != 1 || info.Tail == nil && torn != 0 {
				t.Errorf("torn tail %+v logged %d times", info.Tail, torn)
			}
			next := []string{fmt.Sprintf("next-%d", k)}
			if code, body, err := adminUpload(base2, strings.NewReader(uploadBody(next))); err != nil || code != http.StatusOK {
				t.Fatalf("upload after the kill: %d %s %v", code, body, err)
			}
			live++
			if info.Tail != nil && !strings.Contains(stderr.String(), "removed the torn tail") {
				t.Errorf("the upload did not say it removed the torn tail:\n%s", stderr.String())
			}
			if got := quinoaTotal(t, base2); got != live {
				t.Errorf("after the next upload searchd finds %d, want %d", got, live)
			}
			if err := stop(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
