package browsertest_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds a Chromium binary: $READOUT_CHROMIUM, then the usual
// names on $PATH. It returns "" when there is none.
func chromiumPath() string {
	if p := os.Getenv("READOUT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is one headless Chromium tab for a test.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string // server URL, no trailing slash
}

// chrome is the one headless Chromium of the test binary; each test opens
// its own tab in it.
var chrome struct {
	once sync.Once
	ctx  context.Context // browser context: NewContext of it opens a tab
	err  error
}

func startChrome(path string) (context.Context, error) {
	profile, err := os.MkdirTemp("", "readout-chromium-")
	if err != nil {
		return nil, err
	}
	shared.cleanup = append(shared.cleanup, func() { os.RemoveAll(profile) })
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	// Cleanups run last-in first-out: close the browser, then its profile.
	shared.cleanup = append(shared.cleanup, acancel, bcancel)
	if err := chromedp.Do(bctx); err != nil {
		return nil, fmt.Errorf("start chromium %s: %w", path, err)
	}
	return bctx, nil
}

// newBrowser opens a tab with a viewport of width x height in the shared
// headless Chromium (started on first use with a fresh profile), or skips
// the test when no Chromium binary is installed.
func newBrowser(t *testing.T, base string, width, height int) *browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Skip("no Chromium binary found (install Debian's chromium or set READOUT_CHROMIUM); skipping browser test")
	}
	chrome.once.Do(func() { chrome.ctx, chrome.err = startChrome(path) })
	if chrome.err != nil {
		t.Fatal(chrome.err)
	}
	tab, closeTab := chromedp.NewContext(chrome.ctx)
	t.Cleanup(closeTab)
	ctx, cancel := context.WithTimeout(tab, 3*time.Minute)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	// Fail the test on any uncaught exception or security (CSP) complaint.
	msgs := chromedp.Console(ctx)
	var mu sync.Mutex
	var bad []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() || m.Source == "security" || strings.Contains(m.Text, "Content Security Policy") {
				mu.Lock()
				bad = append(bad, m.String())
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		if len(bad) > 0 {
			t.Errorf("page console reported %d problems: %q", len(bad), bad)
		}
	})
	return &browser{t: t, ctx: ctx, base: strings.TrimSuffix(base, "/")}
}

func (b *browser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v (page at %s)", err, b.location())
	}
}

func (b *browser) location() string {
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		return "?"
	}
	return loc
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](b *browser, expr string, opts ...chromedp.EvaluateOption) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// renders returns how many times the page has rendered a search answer.
func (b *browser) renders() int {
	b.t.Helper()
	return eval[int](b, `Number(document.body.dataset.renders || 0)`)
}

// waitRender waits until the page has rendered a search answer after the
// after-th one, and no search is in flight.
func (b *browser) waitRender(after int) {
	b.t.Helper()
	expr := fmt.Sprintf(`Number(document.body.dataset.renders || 0) > %d && document.getElementById('results-view').getAttribute('aria-busy') === 'false'`, after)
	b.poll(expr)
}

// poll waits until a JavaScript expression is truthy.
func (b *browser) poll(expr string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(45*time.Second))); err != nil {
		b.t.Fatalf("wait for %s: %v (page at %s)", expr, err, b.location())
	}
}

// open navigates to path (relative to the server) and waits for the first
// rendered search answer.
func (b *browser) open(path string) {
	b.t.Helper()
	b.do(chromedp.Navigate(b.base + path))
	b.waitRender(0)
}

// screenshot saves a full-page PNG under $READOUT_SCREENSHOTS or a
// temporary folder.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("READOUT_SCREENSHOTS")
	if dir == "" {
		dir = b.t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatalf("screenshot folder: %v", err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatalf("write screenshot: %v", err)
	}
	b.t.Logf("screenshot %s", p)
}

// texts returns the trimmed textContent of every element matching a CSS
// selector.
func (b *browser) texts(selector string) []string {
	b.t.Helper()
	return eval[[]string](b, fmt.Sprintf(`[...document.querySelectorAll(%q)].map((e) => e.textContent.trim())`, selector))
}

// query returns location.search parsed as a map of lists.
func (b *browser) query() map[string][]string {
	b.t.Helper()
	return eval[map[string][]string](b, `(() => { const o = {}; for (const [k, v] of new URLSearchParams(location.search)) (o[k] ??= []).push(v); return o; })()`)
}
