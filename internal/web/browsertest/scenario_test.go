package browsertest_test

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Widths the scenarios run at: a laptop and a phone.
var viewports = []struct {
	name          string
	width, height int
}{
	{"1280", 1280, 900},
	{"390", 390, 844},
}

// TestSearchAndSpeakerFilter types a query, submits it with Enter, ticks a
// speaker and checks that every quote shown is that speaker's, in article
// and in quote mode.
func TestSearchAndSpeakerFilter(t *testing.T) {
	base := realServer(t)
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			b := newBrowser(t, base, vp.width, vp.height)
			b.open("/")
			n := b.renders()
			b.do(chromedp.Click(chromedp.ID("q")), chromedp.SendKeys(chromedp.ID("q"), "de-escalation"+kb.Enter))
			b.poll(`new URLSearchParams(location.search).get('q') === 'de-escalation'`)
			b.waitRender(n)
			total := b.total()
			if total == 0 {
				t.Fatal("no results for de-escalation")
			}
			// Narrow screens put the filters above the results, wide ones beside them.
			facetsFirst := eval[bool](b, `document.getElementById('facets').getBoundingClientRect().bottom <= document.getElementById('results-view').getBoundingClientRect().top`)
			if narrow := vp.width < 800; facetsFirst != narrow {
				t.Errorf("width %d: filters above the results = %v", vp.width, facetsFirst)
			}
			// The analyzer splits "de-escalation" into two terms; the word is
			// still marked as one.
			if marks := b.texts("#results .snippet mark"); !slices.ContainsFunc(marks, func(m string) bool { return strings.HasPrefix(strings.ToLower(m), "de-escalat") }) {
				t.Errorf("snippet highlights = %q, want de-escalation marked whole", marks)
			}
			speakers := b.texts("#facet-speaker-values label .name")
			if len(speakers) == 0 {
				t.Fatal("speaker facet is empty for de-escalation")
			}
			// On narrow screens the facet panels start collapsed: open one.
			if !eval[bool](b, `document.querySelector('details[data-field="speaker"]').open`) {
				b.do(chromedp.Click(chromedp.CSS(`details[data-field="speaker"] summary`)))
			}
			// Tick the first speaker with the keyboard: focus, Space.
			id := eval[string](b, `document.querySelector('#facet-speaker-values input').value`)
			n = b.renders()
			b.do(chromedp.Focus(chromedp.CSS("#facet-speaker-values input")), chromedp.KeyEvent(" "))
			b.waitRender(n)
			if got := b.query()["speaker"]; !slices.Equal(got, []string{id}) {
				t.Fatalf("URL speaker = %q, want [%s]", got, id)
			}
			if !eval[bool](b, `document.querySelector('#facet-speaker-values input:checked')?.value === `+jsString(id)) {
				t.Error("the ticked speaker is not shown checked after the search")
			}
			quoteSpeakers := eval[[]string](b, `[...document.querySelectorAll('#results .quote')].map((q) => q.dataset.speaker)`)
			if len(quoteSpeakers) == 0 {
				t.Fatalf("no quotes shown with speaker %s", id)
			}
			for _, s := range quoteSpeakers {
				if s != id {
					t.Errorf("quote by %q shown under speaker filter %s", s, id)
				}
			}
			if chips := b.texts("#active-filters .chip"); len(chips) != 1 || !strings.Contains(chips[0], speakers[0]) {
				t.Errorf("active filter chips = %q, want one naming %s", chips, speakers[0])
			}
			b.screenshot("speaker-articles-" + vp.name)

			// Quote mode: every hit is a quote by that speaker.
			n = b.renders()
			b.do(chromedp.Click(chromedp.CSS(`label[for="mode-quotes"]`)))
			b.waitRender(n)
			hitSpeakers := eval[[]string](b, `[...document.querySelectorAll('#results .quote-hit')].map((q) => q.dataset.speaker)`)
			if len(hitSpeakers) == 0 || len(hitSpeakers) != b.count("#results .hit") {
				t.Fatalf("quote mode shows %d quote hits of %d hits", len(hitSpeakers), b.count("#results .hit"))
			}
			for _, s := range hitSpeakers {
				if s != id {
					t.Errorf("quote hit by %q under speaker filter %s", s, id)
				}
			}
			b.screenshot("speaker-quotes-" + vp.name)
		})
	}
}

// TestHistogramRangeAndBack clicks a histogram bar, checks that the range
// reaches the URL, the results and the facets, then goes back; and drags
// across bars for a range.
func TestHistogramRangeAndBack(t *testing.T) {
	base := realServer(t)
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			b := newBrowser(t, base, vp.width, vp.height)
			b.open("/?histogram=month")
			total := b.total()
			facetSum := b.facetCountSum("source")
			bars := eval[[]barInfo](b, `[...document.querySelectorAll('#histogram-bars .bar')].map((e, i) => ({i, from: e.dataset.from, to: e.dataset.to, zero: e.classList.contains('zero')}))`)
			if len(bars) < 3 {
				t.Fatalf("histogram has %d bars, want at least 3 over the sample corpus", len(bars))
			}
			// The y scale's top is the tallest bar's count (bar titles end in ": N articles").
			tallest := eval[int](b, `Math.max(...[...document.querySelectorAll('#histogram-bars .bar')].map((e) => Number(e.title.split(': ').pop().split(' ')[0].replace(/,/g, ''))))`)
			if got := b.texts("#histogram-y span"); len(got) != 3 || got[0] != fmt.Sprint(tallest) || got[2] != "0" {
				t.Errorf("y scale = %q, want the tallest bar %d at the top and 0 at the bottom", got, tallest)
			}
			var bar barInfo
			for _, x := range bars {
				if !x.Zero {
					bar = x
					break
				}
			}
			n := b.renders()
			b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#histogram-bars .bar[data-i="%d"]`, bar.I))))
			b.waitRender(n)
			q := b.query()
			if !slices.Equal(q["from"], []string{bar.From}) || !slices.Equal(q["to"], []string{bar.To}) {
				t.Fatalf("URL from/to = %q/%q, want %s/%s", q["from"], q["to"], bar.From, bar.To)
			}
			narrowed := b.total()
			if narrowed == 0 || narrowed >= total {
				t.Errorf("total after choosing %s..%s = %d, want between 1 and %d", bar.From, bar.To, narrowed, total-1)
			}
			for _, d := range eval[[]string](b, `[...document.querySelectorAll('#results time')].map((e) => e.getAttribute('datetime'))`) {
				if day := d[:min(10, len(d))]; day < bar.From || day > bar.To {
					t.Errorf("result dated %s outside %s..%s", d, bar.From, bar.To)
				}
			}
			if undated := eval[int](b, `document.querySelectorAll('#results .meta .undated').length`); undated != 0 {
				t.Errorf("%d undated results shown under a date range", undated)
			}
			if got := b.facetCountSum("source"); got != narrowed || got >= facetSum {
				t.Errorf("source facet counts sum to %d after the range (before %d), want the new total %d", got, facetSum, narrowed)
			}
			if !eval[bool](b, `!document.getElementById('clear-range').hidden`) {
				t.Error("no clear-range control while a range is set")
			}
			b.screenshot("histogram-range-" + vp.name)

			// Back: the previous state, whole.
			n = b.renders()
			b.do(chromedp.NavigateBack())
			b.waitRender(n)
			if q := b.query(); q["from"] != nil || q["to"] != nil {
				t.Errorf("after back URL still has from/to: %v", q)
			}
			if got := b.total(); got != total {
				t.Errorf("after back total = %d, want %d", got, total)
			}
			if got := b.facetCountSum("source"); got != facetSum {
				t.Errorf("after back source facet sums to %d, want %d", got, facetSum)
			}

			// Drag from the first to the third bar: a three-bucket range.
			n = b.renders()
			b.do(chromedp.DragAndDrop(chromedp.CSS(`#histogram-bars .bar[data-i="0"]`), chromedp.CSS(`#histogram-bars .bar[data-i="2"]`)))
			b.waitRender(n)
			if q := b.query(); !slices.Equal(q["from"], []string{bars[0].From}) || !slices.Equal(q["to"], []string{bars[2].To}) {
				t.Errorf("after drag URL from/to = %q/%q, want %s/%s", q["from"], q["to"], bars[0].From, bars[2].To)
			}
			// Clear the range with its control.
			n = b.renders()
			b.do(chromedp.Click(chromedp.ID("clear-range")))
			b.waitRender(n)
			if got := b.total(); got != total {
				t.Errorf("after clearing the range total = %d, want %d", got, total)
			}

			// Typed dates (given in reverse order) give the same range as the bar.
			n = b.renders()
			b.do(chromedp.SetValue(chromedp.ID("from"), bar.To), chromedp.SetValue(chromedp.ID("to"), bar.From),
				chromedp.Click(chromedp.CSS("#range-form button")))
			b.waitRender(n)
			if q := b.query(); !slices.Equal(q["from"], []string{bar.From}) || !slices.Equal(q["to"], []string{bar.To}) {
				t.Errorf("typed range: URL from/to = %q/%q, want %s/%s", q["from"], q["to"], bar.From, bar.To)
			}
			if got := b.total(); got != narrowed {
				t.Errorf("typed range: total %d, want %d as for the bar", got, narrowed)
			}
		})
	}
}

type barInfo struct {
	I    int    `json:"i"`
	From string `json:"from"`
	To   string `json:"to"`
	Zero bool   `json:"zero"`
}

// TestOpenArticle opens the first result and checks the article view.
func TestOpenArticle(t *testing.T) {
	base := realServer(t)
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			b := newBrowser(t, base, vp.width, vp.height)
			b.open("/?q=de-escalation")
			// Open the last hit, scrolled to: back must return there.
			last := "#results .hit:last-child h3 a"
			titles := b.texts("#results .hit h3 a")
			title := titles[len(titles)-1]
			id := eval[string](b, `document.querySelector('`+last+`').dataset.article`)
			scrollY := eval[float64](b, `(document.querySelector('`+last+`').scrollIntoView({ block: 'center' }), window.scrollY)`)
			b.do(chromedp.Click(chromedp.CSS(last)))
			b.poll(`document.getElementById('article-view').dataset.loaded === ` + jsString(id))
			if got := b.query()["article"]; !slices.Equal(got, []string{id}) {
				t.Errorf("URL article = %q, want %s", got, id)
			}
			if got := b.texts("#article-title"); len(got) != 1 || got[0] != title {
				t.Errorf("article title = %q, want %q", got, title)
			}
			if b.count(".article .body") != 1 || len(b.texts(".article .body")[0]) < 200 {
				t.Error("article body missing or short")
			}
			if b.count(".article-side .entities .chip") == 0 {
				t.Error("article view lists no entities")
			}
			if b.count(".article-quotes li") == 0 || b.count(".article .body .qspan") == 0 {
				t.Errorf("article view shows %d quotes and %d marked quote spans", b.count(".article-quotes li"), b.count(".article .body .qspan"))
			}
			b.screenshot("article-" + vp.name)
			n := b.renders()
			b.do(chromedp.Click(chromedp.CSS(".article-head .back")))
			b.waitRender(n)
			if q := b.query(); q["article"] != nil || !slices.Equal(q["q"], []string{"de-escalation"}) {
				t.Errorf("after back to results URL = %v", q)
			}
			if got := eval[float64](b, `window.scrollY`); got < scrollY-2 || got > scrollY+2 {
				t.Errorf("back to results scrolled to %.0f, want %.0f", got, scrollY)
			}

			// From a quote hit: the article opens with that quote marked.
			b.open("/?q=de-escalation&mode=quotes")
			quoteText := eval[string](b, `document.querySelector('#results .quote-hit blockquote').textContent`)
			articleID := eval[string](b, `document.querySelector('#results .quote-hit .open-article').dataset.article`)
			b.do(chromedp.Click(chromedp.CSS("#results .quote-hit .open-article")))
			b.poll(`document.getElementById('article-view').dataset.loaded === ` + jsString(articleID))
			current := b.texts(".article .body .qspan.current")
			if len(current) != 1 || strings.Join(strings.Fields(current[0]), " ") != strings.Join(strings.Fields(quoteText), " ") {
				t.Errorf("marked quote in the article = %q, want %q", current, quoteText)
			}
			if !eval[bool](b, `document.activeElement.classList.contains('current')`) {
				t.Error("focus is not on the quote opened")
			}

			// A scare quote ("constructive") is marked in the text, not listed.
			const withScare = "rw-2022-03-03-geneva-round-one"
			b.do(chromedp.Navigate(base + "/?article=" + withScare))
			b.poll(`document.getElementById('article-view').dataset.loaded === ` + jsString(withScare))
			if got := b.texts(".article .body .qspan.scare"); !slices.Equal(got, []string{"constructive"}) {
				t.Errorf("scare quotes marked in the text = %q, want [constructive]", got)
			}
			cards := b.texts(".article-quotes li blockquote")
			if len(cards) != 5 || slices.ContainsFunc(cards, func(c string) bool { return strings.TrimSpace(c) == "constructive" }) {
				t.Errorf("quote cards = %q, want the 5 quotations without the scare quote", cards)
			}
		})
	}
}

// TestPageLoad measures navigation start to the first rendered results on
// the sample corpus (reported, not asserted: figures belong in benchmarks).
func TestPageLoad(t *testing.T) {
	base := realServer(t)
	b := newBrowser(t, base, 1280, 900)
	var ms []float64
	for range 5 {
		b.do(chromedp.Navigate(base + "/?q=danube&histogram=month"))
		b.waitRender(0)
		v, err := strconv.ParseFloat(eval[string](b, `document.body.dataset.firstRenderMs`), 64)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, v)
	}
	slices.Sort(ms)
	t.Logf("page load (navigation start to results rendered), 5 loads: median %.0f ms, max %.0f ms", ms[2], ms[4])
	t.Logf("last load: %s", eval[string](b, `(() => {
		const nav = performance.getEntriesByType('navigation')[0];
		const api = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/search'));
		return 'DOMContentLoaded ' + nav.domContentLoadedEventEnd.toFixed(0) + ' ms, search request ' + (api ? api.startTime.toFixed(0) + '..' + api.responseEnd.toFixed(0) + ' ms' : 'n/a');
	})()`))
	if b.total() == 0 {
		t.Error("no results for danube")
	}
	b.screenshot("load-1280")
}

func (b *browser) count(sel string) int {
	b.t.Helper()
	return eval[int](b, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel))
}

// total reads the result count from the status line ("12 articles in 3 ms").
func (b *browser) total() int {
	b.t.Helper()
	s := eval[string](b, `document.getElementById('status').textContent`)
	f := strings.Fields(s)
	if len(f) == 0 {
		b.t.Fatalf("status line %q has no count", s)
	}
	n, err := strconv.Atoi(strings.ReplaceAll(f[0], ",", ""))
	if err != nil {
		b.t.Fatalf("status line %q: %v", s, err)
	}
	return n
}

// facetCountSum sums the counts shown in a facet panel.
func (b *browser) facetCountSum(field string) int {
	b.t.Helper()
	return eval[int](b, fmt.Sprintf(`[...document.querySelectorAll('#facet-%s-values .count')].reduce((n, e) => n + Number(e.textContent.replace(/,/g, '')), 0)`, field))
}

// TestFacetMoreSearchAndPaging asks for more values of a facet, finds a
// speaker through the value search, and pages forward and back with the
// cursor stack.
func TestFacetMoreSearchAndPaging(t *testing.T) {
	base := realServer(t)
	b := newBrowser(t, base, 1280, 900)
	b.open("/")
	total := b.total()
	if before := b.count("#facet-place-values li"); before != 10 {
		t.Fatalf("place facet shows %d values, want 10 before show more", before)
	}
	n := b.renders()
	b.do(chromedp.Click(chromedp.CSS(`details[data-field="place"] .more`)))
	b.waitRender(n)
	if got := b.query()["more"]; !slices.Equal(got, []string{"place"}) {
		t.Errorf("URL more = %q, want [place]", got)
	}
	if after := b.count("#facet-place-values li"); after <= 10 {
		t.Errorf("place facet shows %d values after show more, want more than 10", after)
	}

	// Value search: type a prefix, the list shows matches only.
	b.do(chromedp.SendKeys(chromedp.ID("facet-speaker-find"), "stank"))
	b.poll(`[...document.querySelectorAll('#facet-speaker-values .name')].length > 0 && [...document.querySelectorAll('#facet-speaker-values .name')].every((e) => /^stank|\bstank/i.test(e.textContent.normalize('NFD').replace(/[\u0300-\u036f]/g, '')))`)
	names := b.texts("#facet-speaker-values .name")
	n = b.renders()
	b.do(chromedp.Click(chromedp.CSS("#facet-speaker-values label")))
	b.waitRender(n)
	if got := b.query()["speaker"]; len(got) != 1 {
		t.Fatalf("URL speaker = %q after ticking %q", got, names[0])
	}
	if chips := b.texts("#active-filters .chip"); len(chips) != 1 || !strings.Contains(chips[0], names[0]) {
		t.Errorf("active filters = %q, want %q", chips, names[0])
	}
	b.screenshot("facet-search-1280")

	// Paging over everything: 20 per page.
	b.open("/")
	if total <= 20 {
		t.Skipf("sample corpus has %d articles: too few to page", total)
	}
	page1 := eval[[]string](b, `[...document.querySelectorAll('#results .hit')].map((e) => e.dataset.id)`)
	n = b.renders()
	b.do(chromedp.Click(chromedp.ID("next")))
	b.waitRender(n)
	page2 := eval[[]string](b, `[...document.querySelectorAll('#results .hit')].map((e) => e.dataset.id)`)
	if q := b.query(); !slices.Equal(q["page"], []string{"2"}) || len(q["cursor"]) != 1 {
		t.Errorf("page 2 URL = %v, want page=2 and a cursor", q)
	}
	for _, id := range page2 {
		if slices.Contains(page1, id) {
			t.Errorf("article %s on pages 1 and 2", id)
		}
	}
	n = b.renders()
	b.do(chromedp.Click(chromedp.ID("next")))
	b.waitRender(n)
	n = b.renders()
	b.do(chromedp.Click(chromedp.ID("prev")))
	b.waitRender(n)
	if got := eval[[]string](b, `[...document.querySelectorAll('#results .hit')].map((e) => e.dataset.id)`); !slices.Equal(got, page2) {
		t.Errorf("previous from page 3 shows %q, want page 2 %q", got, page2)
	}
	// Previous again: page 1, without cursor.
	n = b.renders()
	b.do(chromedp.Click(chromedp.ID("prev")))
	b.waitRender(n)
	if q := b.query(); q["page"] != nil || q["cursor"] != nil {
		t.Errorf("previous from page 2: URL %v, want page 1", q)
	}
	if got := eval[[]string](b, `[...document.querySelectorAll('#results .hit')].map((e) => e.dataset.id)`); !slices.Equal(got, page1) {
		t.Errorf("previous from page 2 shows %q, want page 1 %q", got, page1)
	}
	// History holds pages 1, 2, 3, 2, 1: back is page 2, back again 3.
	for _, want := range []string{"2", "3"} {
		n = b.renders()
		b.do(chromedp.NavigateBack())
		b.waitRender(n)
		if got := b.query()["page"]; !slices.Equal(got, []string{want}) {
			t.Errorf("back: page %q, want %s", got, want)
		}
	}
	for range 2 { // 3 -> 2 -> 1
		n = b.renders()
		b.do(chromedp.NavigateBack())
		b.waitRender(n)
	}
	if got := eval[[]string](b, `[...document.querySelectorAll('#results .hit')].map((e) => e.dataset.id)`); !slices.Equal(got, page1) {
		t.Errorf("back to page 1 shows %q, want %q", got, page1)
	}
}

// TestKeyboardAndLabels checks that every control has an accessible name,
// that the page works from the keyboard (Enter submits, a histogram bar
// takes Enter), and that the API's error message reaches the page.
func TestKeyboardAndLabels(t *testing.T) {
	base := realServer(t)
	b := newBrowser(t, base, 1280, 900)
	b.open("/?q=danube")
	unlabelled := eval[[]string](b, `[...document.querySelectorAll('input, select, button, a[href]')].filter((e) => {
		if (e.closest('[hidden]')) return false;
		const name = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (e.labels && [...e.labels].map((l) => l.textContent).join('')) || (e.tagName !== 'INPUT' && e.tagName !== 'SELECT' ? e.textContent : '');
		return !name || !name.trim();
	}).map((e) => e.outerHTML.slice(0, 80))`)
	if len(unlabelled) > 0 {
		t.Errorf("controls without an accessible name: %q", unlabelled)
	}
	// Tab from the top of a fresh page reaches the skip link, the home link,
	// then the search box; typing there and Enter searches.
	b.open("/?q=danube")
	b.do(chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
	if id := eval[string](b, `document.activeElement.id`); id != "q" {
		t.Fatalf("third Tab focuses %q, want q", id)
	}
	n := b.renders()
	b.do(chromedp.KeyEvent(kb.End + " sanctions" + kb.Enter))
	b.waitRender(n)
	b.poll(`new URLSearchParams(location.search).get('q') === 'danube sanctions'`)

	// Typing without Enter searches after a pause, in one history entry.
	b.open("/")
	entries := eval[int](b, `history.length`)
	n = b.renders()
	b.do(chromedp.SendKeys(chromedp.ID("q"), "geneva talks"))
	b.poll(`new URLSearchParams(location.search).get('q') === 'geneva talks'`)
	b.waitRender(n)
	if got := eval[int](b, `history.length`); got != entries+1 {
		t.Errorf("typing a query made %d history entries, want 1", got-entries)
	}
	if b.total() == 0 {
		t.Error("no results for geneva talks")
	}

	// The chart is one tab stop; ArrowRight moves to the next bar, Enter
	// narrows to it.
	b.open("/?histogram=year")
	if stops := b.count(`#histogram-bars .bar[tabindex="0"]`); stops != 1 {
		t.Errorf("histogram has %d tab stops, want 1", stops)
	}
	from := eval[string](b, `document.querySelectorAll('#histogram-bars .bar')[1].dataset.from`)
	n = b.renders()
	b.do(chromedp.Focus(chromedp.CSS(`#histogram-bars .bar[tabindex="0"]`)), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.Enter))
	b.waitRender(n)
	if got := b.query()["from"]; !slices.Equal(got, []string{from}) {
		t.Errorf("ArrowRight, Enter on the chart: from = %q, want %s", got, from)
	}

	// A query the API refuses: the page shows the API's own message.
	long := strings.Repeat("a ", 1100)
	want := eval[string](b, `fetch('/api/v1/search?q=' + encodeURIComponent(`+jsString(long)+`)).then((r) => r.json()).then((j) => j.error.message)`, chromedp.EvalAwaitPromise)
	if want == "" {
		t.Fatal("the API accepted a 2,200-byte query; pick another refused request")
	}
	b.do(chromedp.Navigate(b.base + "/?q=" + strings.Repeat("a+", 1100)))
	b.poll(`!document.getElementById('error').hidden`)
	if got := b.texts("#error"); len(got) != 1 || !strings.Contains(got[0], want) {
		t.Errorf("error box = %q, want the API message %q", got, want)
	}
	b.screenshot("error-1280")

	// A foreign cursor (an old shared link): the error offers page 1.
	b.do(chromedp.Navigate(b.base + "/?q=danube&cursor=bogus&page=2"))
	b.poll(`!document.getElementById('error').hidden`)
	b.do(chromedp.Click(chromedp.CSS("#error button")))
	b.waitRender(1)
	if q := b.query(); q["cursor"] != nil || !slices.Equal(q["q"], []string{"danube"}) || b.total() == 0 {
		t.Errorf("after going to the first page: URL %v, total %d", q, b.total())
	}
}

// TestSortIntervalAndChips changes the sort and the histogram interval,
// adds a speaker filter from a quote's chip and removes it from the active
// filter bar.
func TestSortIntervalAndChips(t *testing.T) {
	base := realServer(t)
	b := newBrowser(t, base, 1280, 900)
	b.open("/")
	change := func(id, value string) {
		t.Helper()
		n := b.renders()
		b.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.value = %q; e.dispatchEvent(new Event('change')); })()`, id, value)))
		b.waitRender(n)
	}
	change("sort", "newest")
	if got := b.query()["sort"]; !slices.Equal(got, []string{"newest"}) {
		t.Errorf("URL sort = %q, want newest", got)
	}
	dates := eval[[]string](b, `[...document.querySelectorAll('#results time')].map((e) => e.getAttribute('datetime'))`)
	if len(dates) < 2 || !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("newest first gives dates %q", dates)
	}
	change("interval", "year")
	if got := b.query()["histogram"]; !slices.Equal(got, []string{"year"}) {
		t.Errorf("URL histogram = %q, want year", got)
	}
	for _, r := range eval[[]barInfo](b, `[...document.querySelectorAll('#histogram-bars .bar')].map((e, i) => ({i, from: e.dataset.from, to: e.dataset.to}))`) {
		if !strings.HasSuffix(r.From, "-01-01") || !strings.HasSuffix(r.To, "-12-31") || r.From[:4] != r.To[:4] {
			t.Errorf("year bar %d spans %s..%s", r.I, r.From, r.To)
		}
	}

	// In quote mode, a speaker chip adds that speaker; its × removes it.
	n := b.renders()
	b.do(chromedp.Click(chromedp.CSS(`label[for="mode-quotes"]`)))
	b.waitRender(n)
	id := eval[string](b, `document.querySelector('#results .chip.speaker').dataset.speaker`)
	n = b.renders()
	b.do(chromedp.Click(chromedp.CSS("#results .chip.speaker")))
	b.waitRender(n)
	if got := b.query()["speaker"]; !slices.Equal(got, []string{id}) {
		t.Fatalf("URL speaker = %q after the chip, want [%s]", got, id)
	}
	if q := b.query(); !slices.Equal(q["sort"], []string{"newest"}) || !slices.Equal(q["histogram"], []string{"year"}) || !slices.Equal(q["mode"], []string{"quotes"}) {
		t.Errorf("adding a filter lost sort, interval or mode: %v", q)
	}
	n = b.renders()
	b.do(chromedp.Click(chromedp.CSS(`#active-filters .chip[data-field="speaker"]`)))
	b.waitRender(n)
	if got := b.query()["speaker"]; got != nil {
		t.Errorf("URL speaker = %q after removing the chip", got)
	}
}

// TestSplitByCountry: splitting the histogram by country shows one row per
// top country with a cell per bar, keeps the page of results, and a row's
// label filters by that country, after which the table shows only it.
func TestSplitByCountry(t *testing.T) {
	base := realServer(t)
	b := newBrowser(t, base, 1280, 900)
	b.open("/?q=ceasefire&histogram=month")
	firstHits := eval[[]string](b, `[...document.querySelectorAll('#results > li')].map((e) => e.textContent)`)
	if n := eval[bool](b, `document.getElementById('histogram-series').hidden`); !n {
		t.Fatalf("series table shown without a split")
	}
	n := b.renders()
	b.do(chromedp.Evaluate[chromedp.Void](`(() => { const e = document.getElementById('split'); e.value = 'country'; e.dispatchEvent(new Event('change')); })()`))
	b.waitRender(n)
	if got := b.query()["split"]; !slices.Equal(got, []string{"country"}) {
		t.Errorf("URL split = %q, want country", got)
	}
	type row struct {
		Value string
		Label string
		Cells int
		Total string
	}
	rows := eval[[]row](b, `[...document.querySelectorAll('#histogram-series tbody tr')].map((r) => ({
		value: r.dataset.value, label: r.querySelector('th').textContent,
		cells: r.querySelectorAll('td.cell').length, total: r.querySelector('td.total').textContent}))`)
	bars := eval[int](b, `document.querySelectorAll('#histogram-bars .bar').length`)
	if len(rows) < 2 || len(rows) > 5 {
		t.Fatalf("series rows %+v", rows)
	}
	for _, r := range rows {
		if r.Cells != bars || r.Label == "" || r.Total == "" {
			t.Errorf("row %+v: want %d cells, a label and a total", r, bars)
		}
	}
	if hits := eval[[]string](b, `[...document.querySelectorAll('#results > li')].map((e) => e.textContent)`); !slices.Equal(hits, firstHits) {
		t.Errorf("splitting changed the results")
	}
	caption := eval[string](b, `document.querySelector('#histogram-series caption').textContent`)
	if caption != "Articles per month by country" {
		t.Errorf("caption %q", caption)
	}

	n = b.renders()
	b.do(chromedp.Click(chromedp.CSS(`#histogram-series tbody tr:nth-child(2) th button`)))
	b.waitRender(n)
	if got := b.query()["country"]; !slices.Equal(got, []string{rows[1].Value}) {
		t.Fatalf("URL country = %q after choosing row %+v", got, rows[1])
	}
	after := eval[[]string](b, `[...document.querySelectorAll('#histogram-series tbody tr')].map((r) => r.dataset.value)`)
	if !slices.Equal(after, []string{rows[1].Value}) {
		t.Errorf("series after filtering by %s: %v", rows[1].Value, after)
	}
}

// TestExportLink: the results offer a CSV download of the whole view (all
// pages, in the view's sort), which the server answers with one row a hit.
func TestExportLink(t *testing.T) {
	base := realServer(t)
	b := newBrowser(t, base, 1280, 900)
	b.open("/?q=talks&mode=quotes&sort=oldest")
	type link struct {
		Href   string
		Hidden bool
	}
	l := eval[link](b, `(() => { const a = document.getElementById('export'); return {href: a.getAttribute('href'), hidden: a.hidden}; })()`)
	if l.Hidden || !strings.HasPrefix(l.Href, "/api/v1/export?") || !strings.Contains(l.Href, "format=csv") || !strings.Contains(l.Href, "mode=quotes") || !strings.Contains(l.Href, "sort=oldest") {
		t.Fatalf("export link %+v", l)
	}
	status := eval[string](b, `document.getElementById('status').textContent`)
	type got struct {
		Lines int
		Head  string
	}
	g := eval[got](b, `fetch(document.getElementById('export').href).then((r) => r.text()).then((t) => {
		const lines = t.trimEnd().split('\n'); return {lines: lines.length, head: lines[0]}; })`, chromedp.EvalAwaitPromise)
	total, _, _ := strings.Cut(status, " ")
	if !strings.HasPrefix(g.Head, "id,article_id,published") || fmt.Sprint(g.Lines-1) != total {
		t.Errorf("download: %d lines, header %q; status %q", g.Lines, g.Head, status)
	}

	// The link downloads through the page, which checks the row count
	// before saving.
	b.do(chromedp.Click(chromedp.CSS("#export")))
	b.poll(`(() => { const e = document.getElementById('export-status'); return !e.hidden && !e.textContent.startsWith('Downloading'); })()`)
	saved := eval[string](b, `document.getElementById('export-status').textContent`)
	if want := "Saved " + total + " rows as readout-quotes-"; !strings.HasPrefix(saved, want) {
		t.Errorf("after the click: %q, want %q…", saved, want)
	}
}

// TestQuoteKindControl: the quotes view's kind menu keeps direct, reported,
// transcript turns or speeches' statements only, in the URL and the
// request; the four add up to all; the articles view has no such menu.
func TestQuoteKindControl(t *testing.T) {
	base := realServer(t)
	b := newBrowser(t, base, 1280, 900)
	b.open("/?q=talks")
	if !eval[bool](b, `document.getElementById('kind-wrap').hidden`) {
		t.Error("the quote kind menu shows in the articles view")
	}
	b.open("/?q=talks&mode=quotes")
	all := b.total()
	if eval[bool](b, `document.getElementById('kind-wrap').hidden`) {
		t.Fatal("the quote kind menu is hidden in the quotes view")
	}
	counts := map[string]int{}
	for _, kind := range []string{"indirect", "direct", "turn", "statement"} {
		n := b.renders()
		eval[bool](b, `(() => { const s = document.getElementById('kind'); s.value = `+jsString(kind)+`; s.dispatchEvent(new Event('change')); return true; })()`)
		b.waitRender(n)
		if got := b.query()["kind"]; !slices.Equal(got, []string{kind}) {
			t.Errorf("URL kind = %q, want %s", got, kind)
		}
		kinds := eval[[]string](b, `[...document.querySelectorAll('#results .quote-hit')].map((li) => li.dataset.kind)`)
		if len(kinds) == 0 {
			t.Fatalf("no %s quotes for talks", kind)
		}
		for _, k := range kinds {
			if k != kind {
				t.Errorf("kind=%s shows a %s quote", kind, k)
			}
		}
		counts[kind] = b.total()
	}
	if counts["direct"]+counts["indirect"]+counts["turn"]+counts["statement"] != all {
		t.Errorf("%d direct + %d reported quotes + %d turns + %d statements, %d in all", counts["direct"], counts["indirect"], counts["turn"], counts["statement"], all)
	}
}

// TestReadingViewMatches: an article opened from a search marks the
// query's matches in its text and title, starts at the first, and the
// match bar steps forward and back, wrapping around.
func TestReadingViewMatches(t *testing.T) {
	base := realServer(t)
	b := newBrowser(t, base, 1280, 900)
	b.open("/?q=de-escalation")
	id := eval[string](b, `document.querySelector('#results .hit h3 a').dataset.article`)
	b.do(chromedp.Click(chromedp.CSS("#results .hit h3 a")))
	b.poll(`document.getElementById('article-view').dataset.loaded === ` + jsString(id))
	marks := b.texts(".article mark.match")
	if len(marks) == 0 {
		t.Fatal("no match of de-escalation marked in the article")
	}
	for _, m := range marks {
		if !strings.HasPrefix(strings.ToLower(m), "de-escalat") {
			t.Errorf("marked %q for de-escalation", m)
		}
	}
	groups := eval[int](b, `new Set([...document.querySelectorAll('.article mark.match')].map((el) => el.dataset.match + (el.closest('h2') ? 't' : 'b'))).size`)
	current := func() string {
		return eval[string](b, `[...document.querySelectorAll('.article .body mark.match.current, .article h2 mark.match.current')].map((el) => el.dataset.match).join(',')`)
	}
	first := current()
	if first == "" {
		t.Fatal("the reading view does not start at a match")
	}
	if got := b.texts(".match-nav .count"); len(got) != 1 || !strings.HasPrefix(got[0], "match 1 of ") {
		t.Errorf("match bar = %q", got)
	}
	if groups > 1 {
		b.do(chromedp.Click(chromedp.CSS(".match-nav .next")))
		if current() == first {
			t.Error("next did not move to another match")
		}
		b.do(chromedp.Click(chromedp.CSS(".match-nav .prev")))
		if current() != first {
			t.Errorf("previous after next is at %q, want %q", current(), first)
		}
	}
	b.do(chromedp.Click(chromedp.CSS(".match-nav .prev"))) // wraps to the last
	if got := b.texts(".match-nav .count"); len(got) != 1 || !strings.HasPrefix(got[0], "match ") || strings.HasPrefix(got[0], "match 1 of") && groups > 1 {
		t.Errorf("after previous from the first: match bar = %q", got)
	}
}

// TestSuggestion: a misspelt query offers its correction, which searches it.
func TestSuggestion(t *testing.T) {
	base := realServer(t)
	b := newBrowser(t, base, 1280, 900)
	b.open("/?q=ceasfire")
	if got := b.texts("#suggestion a.suggested"); !slices.Equal(got, []string{"ceasefire"}) {
		t.Fatalf("suggestion = %q, want [ceasefire]", got)
	}
	n := b.renders()
	b.do(chromedp.Click(chromedp.CSS("#suggestion a.suggested")))
	b.waitRender(n)
	if got := b.query()["q"]; !slices.Equal(got, []string{"ceasefire"}) {
		t.Errorf("after the suggestion, q = %q", got)
	}
	if b.total() == 0 {
		t.Error("the suggestion finds nothing")
	}
	if !eval[bool](b, `document.getElementById('suggestion').hidden`) {
		t.Error("a suggestion shows for a query that finds")
	}
}

// TestQuoteSpreadView: "Where else?" on a quote hit shows where the quote
// first appeared and how many copies there are.
func TestQuoteSpreadView(t *testing.T) {
	base := realServer(t)
	b := newBrowser(t, base, 1280, 900)
	b.open("/?mode=quotes&q=" + url.QueryEscape(`"mistake a dredger"`))
	if b.total() != 3 {
		t.Fatalf("%d copies of the dredger remark in quote mode, want 3", b.total())
	}
	b.do(chromedp.Click(chromedp.CSS("#results .quote-hit .spread-toggle")))
	b.poll(`document.querySelector('#results .quote-hit .spread')?.dataset.loaded === '1'`)
	txt := b.texts("#results .quote-hit .spread")
	if len(txt) == 0 || !strings.Contains(txt[0], "3 copies over 9 days in 3 sources") || !strings.Contains(txt[0], "Readout Wire") {
		t.Errorf("spread = %q", txt)
	}
}

// TestSimilarView: a collapsed quote hit stands for its copies: the status
// line says how many distinct quotes the copies make, and "N other copies"
// lists them, earliest first, each linking to its article.
func TestSimilarView(t *testing.T) {
	base := realServer(t)
	b := newBrowser(t, base, 1280, 900)
	b.open("/?mode=quotes&q=" + url.QueryEscape(`"mistake a dredger"`))
	if b.total() != 3 {
		t.Fatalf("%d copies of the dredger remark in quote mode, want 3", b.total())
	}
	if got := b.texts("#results .quote-hit"); len(got) != 1 {
		t.Fatalf("%d quote hits, want the remark once", len(got))
	}
	if st := b.texts("#status"); len(st) != 1 || !strings.Contains(st[0], "3 quotes (1 distinct)") {
		t.Errorf("status = %q", st)
	}
	if got := b.texts("#results .quote-hit .similar-toggle"); !slices.Equal(got, []string{"2 other copies"}) {
		t.Fatalf("similar control = %q", got)
	}
	b.do(chromedp.Click(chromedp.CSS("#results .quote-hit .similar-toggle")))
	b.poll(`document.querySelector('#results .quote-hit .similar')?.dataset.loaded === '1'`)
	copies := b.texts("#results .quote-hit .similar li.copy")
	if len(copies) != 3 || !strings.Contains(copies[0], "(this one)") {
		t.Errorf("copies = %q, want 3, the hit's first", copies)
	}
	if n := eval[int](b, `document.querySelectorAll('#results .quote-hit .similar li.copy a.open-article').length`); n != 3 {
		t.Errorf("%d copies link to their article, want 3", n)
	}
}
