package browsertest_test

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestUIStatesFake checks states that are awkward to provoke on the real
// server: markup in API text stays text, the API's error message is shown,
// an empty result says so, and a missing article shows a not-found message.
func TestUIStatesFake(t *testing.T) {
	srv := httptest.NewServer(fakeAPI())
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL, 1280, 900)

	b.open("/?q=de-escalation")
	if got := b.texts("#results .hit h3"); !slices.Equal(got, []string{"Ministers meet over river border", "Talks resume <b>quietly</b>"}) {
		t.Errorf("titles = %q, want the two matching articles with markup shown as text", got)
	}
	if n := eval[int](b, `document.querySelectorAll('#results b').length`); n != 0 {
		t.Errorf("API text became %d <b> elements", n)
	}
	if got := b.texts("#results .snippet mark"); len(got) != 2 || got[0] != "de-escalation" {
		t.Errorf("snippet marks = %q", got)
	}
	b.screenshot("fake-results-1280")

	cases := []struct {
		name, path, sel, want string
	}{
		{"invalid query", `/?q=%22open`, "#error", "unterminated phrase (at character 1)"},
		{"no results", "/?q=zebra", "#empty", "No results for “zebra”."},
		{"missing article", "/?article=nope", "#article-view .error", "No article with id “nope”."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b.t = t
			b.do(chromedp.Navigate(b.base + tc.path))
			b.poll(`(() => { const e = document.querySelector(` + jsString(tc.sel) + `); return e && !e.hidden && e.textContent.trim() !== ''; })()`)
			if got := b.texts(tc.sel); len(got) != 1 || !strings.Contains(got[0], tc.want) {
				t.Errorf("%s = %q, want it to contain %q", tc.sel, got, tc.want)
			}
			b.screenshot("fake-" + strings.ReplaceAll(tc.name, " ", "-"))
		})
	}
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// TestExportDownloadFake: "Download CSV" saves a whole export and says how
// many rows; an export the server aborts (as searchd does one that stops
// early) is reported as failed instead of saved truncated.
func TestExportDownloadFake(t *testing.T) {
	srv := httptest.NewServer(fakeAPI())
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL, 1280, 900)
	cases := []struct {
		path, want string
		failed     bool
	}{
		{"/?q=de-escalation&sort=oldest", "Download failed: The download broke off after ", true}, // the fake aborts sort=oldest
		{"/?q=de-escalation", "Saved 3 rows as fake-export.csv.", false},
	}
	for _, tc := range cases {
		b.open(tc.path)
		b.do(chromedp.Click(chromedp.CSS("#export")))
		b.poll(`(() => { const e = document.getElementById('export-status'); return !e.hidden && !e.textContent.startsWith('Downloading'); })()`)
		got := eval[string](b, `document.getElementById('export-status').textContent`)
		failed := eval[bool](b, `document.getElementById('export-status').classList.contains('failed')`)
		if !strings.HasPrefix(got, tc.want) || failed != tc.failed || tc.failed && !strings.Contains(got, "of 3 rows") {
			t.Errorf("%s: status %q (failed %v), want %q (failed %v)", tc.path, got, failed, tc.want, tc.failed)
		}
		b.screenshot("fake-export-" + map[bool]string{true: "failed", false: "saved"}[tc.failed])
	}
}
