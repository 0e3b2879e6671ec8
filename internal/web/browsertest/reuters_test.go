package browsertest_test

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/testutil"
)

// TestReutersResponsiveness indexes the Reuters-21578 corpus (21,578
// articles) and times the page on it: load, a facet tick, a histogram range
// and a day-interval histogram. Building the index takes minutes, so the
// test runs only when READOUT_BROWSER_REUTERS=1. The figures are logged,
// not asserted.
func TestReutersResponsiveness(t *testing.T) {
	if os.Getenv("READOUT_BROWSER_REUTERS") != "1" {
		t.Skip("set READOUT_BROWSER_REUTERS=1 to index Reuters-21578 and time the page on it")
	}
	path := testutil.Corpus(t, "reuters21578.jsonl.gz")
	if chromiumPath() == "" {
		t.Skip("no Chromium binary found")
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	base, sum, err := serveIndex([]ingest.Input{ingest.OSInput(path)}, x, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("indexed %d articles, %d quotes in %s", sum.Indexed, sum.Quotes, time.Since(start).Round(time.Second))
	b := newBrowser(t, base, 1280, 900)

	var loads []float64
	for range 3 {
		b.do(chromedp.Navigate(base + "/"))
		b.waitRender(0)
		loads = append(loads, evalFloat(b, `Number(document.body.dataset.firstRenderMs)`))
	}
	slices.Sort(loads)
	total := b.total()
	t.Logf("load of / over %d articles: median %.0f ms (3 loads: %v)", total, loads[1], loads)

	// timed runs act and logs how long the page takes to render the answer;
	// a navigation starts a fresh page, whose render count starts at 0.
	timed := func(name string, nav bool, act chromedp.Action[chromedp.Void]) {
		t.Helper()
		n := 0
		if !nav {
			n = b.renders()
		}
		t0 := time.Now()
		b.do(act)
		b.waitRender(n)
		t.Logf("%s: %s to the rendered answer (total now %d)", name, time.Since(t0).Round(time.Millisecond), b.total())
	}
	timed("search oil", true, chromedp.Navigate(base+"/?q=oil"))
	timed("tick first place", false, chromedp.Click(chromedp.CSS("#facet-place-values input")))
	timed("first histogram bar", false, chromedp.Click(chromedp.CSS(`#histogram-bars .bar:not(.zero)`)))
	timed("day histogram over all", true, chromedp.Navigate(base+"/?histogram=day"))
	t.Logf("day histogram draws %d bars", b.count("#histogram-bars .bar"))
	timed("quotes mode", true, chromedp.Navigate(base+"/?mode=quotes&q=said"))
	b.screenshot("reuters-1280")
}

func evalFloat(b *browser, expr string) float64 {
	b.t.Helper()
	v := eval[float64](b, expr)
	if v != v || v <= 0 {
		b.t.Fatalf("%s = %v", expr, v)
	}
	return v
}
