package browsertest_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestModules runs the page's pure ES modules (URL state, histogram
// buckets, snippet decoding) in Chromium over tables of cases.
func TestModules(t *testing.T) {
	srv := httptest.NewServer(fakeAPI())
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL, 800, 600)
	b.open("/")

	// call imports module from the page's static folder and returns
	// fn(...args) as JSON.
	call := func(module, fn string, args ...any) string {
		t.Helper()
		a, err := json.Marshal(args)
		if err != nil {
			t.Fatal(err)
		}
		expr := fmt.Sprintf(`import('/static/%s').then((m) => JSON.stringify(m[%q](...%s)))`, module, fn, a)
		return eval[string](b, expr, chromedp.EvalAwaitPromise)
	}

	t.Run("state round trip", func(t *testing.T) {
		tests := []struct{ in, want string }{
			{"", ""},
			{"?q=de-escalation", "q=de-escalation"},
			{"?mode=quotes&speaker=b&speaker=a&speaker=b", "mode=quotes&speaker=b&speaker=a"},
			{"?mode=bogus&sort=weird&histogram=decade", ""},
			{"?from=2022-02-01&to=2022-02-28&histogram=month", "from=2022-02-01&to=2022-02-28&histogram=month"},
			{"?from=yesterday&to=2022-13", ""},
			{"?cursor=abc&page=3", "cursor=abc&page=3"},
			{"?cursor=abc", ""},
			{"?page=4", ""},
			{"?more=place,bogus,place", "more=place"},
			{"?q=x&quote=q1", "q=x"},
			{"?article=a%231&quote=a%231%23q2", "article=a%231&quote=a%231%23q2"},
			{"?country=UA&lang=en&person=%20&org=un", "org=un&country=UA&lang=en"},
			{"?histogram=month&split=country", "histogram=month&split=country"},
			{"?split=lang", ""},
			{"?mode=quotes&kind=direct", "mode=quotes&kind=direct"},
			{"?mode=quotes&kind=bogus", "mode=quotes"},
			{"?kind=direct", ""}, // kind selects quotes: not in articles mode
			{"?sort=relevance", "sort=relevance"},
		}
		for _, tc := range tests {
			got := eval[string](b, fmt.Sprintf(`import('/static/state.js').then((m) => m.toSearch(m.parseState(%q)))`, tc.in), chromedp.EvalAwaitPromise)
			if got != tc.want {
				t.Errorf("toSearch(parseState(%q)) = %q, want %q", tc.in, got, tc.want)
			}
		}
	})

	t.Run("changes reset paging", func(t *testing.T) {
		expr := `import('/static/state.js').then((m) => {
			const s = m.parseState('?q=x&cursor=c&page=2&article=a&speaker=s');
			return [
				m.toSearch(m.withChange(s, { cursor: 'd', page: 3 })),
				m.toSearch(m.withChange(s, { more: ['org'] })),
				m.toSearch(m.withChange(s, {})),
				m.toSearch(m.toggleFilter(s, 'speaker', 't', true)),
				m.toSearch(m.toggleFilter(s, 'speaker', 's', false)),
				m.searchURL(m.parseState('?q=x&more=org&histogram=week')),
				m.toSearch(m.withChange(s, { split: 'country' })),
				m.searchURL(m.parseState('?q=x&split=speaker')),
				m.exportURL(m.parseState('?q=x&mode=quotes&country=UA&sort=oldest&split=speaker&cursor=c&page=2&from=2022-01-01')),
				m.toSearch(m.withChange(m.parseState('?q=x&mode=quotes&kind=indirect&cursor=c&page=2'), { mode: 'articles' })),
				m.exportURL(m.parseState('?mode=quotes&kind=direct')),
			];
		})`
		got := eval[[]string](b, expr, chromedp.EvalAwaitPromise)
		want := []string{
			"q=x&speaker=s&cursor=d&page=3",
			"q=x&speaker=s&cursor=c&page=2&more=org",
			"q=x&speaker=s",
			"q=x&speaker=s&speaker=t",
			"q=x",
			"/api/v1/search?q=x&facets=speaker%3A10%2Cspeaker_kind%3A10%2Cspeaker_country%3A10%2Cperson%3A10%2Corg%3A50%2Cplace%3A10%2Ccountry%3A10%2Csource%3A10&histogram=week&size=20",
			"q=x&speaker=s&split=country&cursor=c&page=2", // a split keeps the page: the hits are the same
			"/api/v1/search?q=x&facets=speaker%3A10%2Cspeaker_kind%3A10%2Cspeaker_country%3A10%2Cperson%3A10%2Corg%3A10%2Cplace%3A10%2Ccountry%3A10%2Csource%3A10&histogram=auto&split=speaker%3A5&size=20",
			"/api/v1/export?q=x&mode=quotes&country=UA&from=2022-01-01&sort=oldest&format=csv", // the whole view, not its page
			"q=x", // back to articles: the quote kind goes, and so does the page
			"/api/v1/export?mode=quotes&kind=direct&format=csv",
		}
		for i := range want {
			if i >= len(got) || got[i] != want[i] {
				t.Errorf("case %d: got %q, want %q", i, got, want[i])
			}
		}
	})

	t.Run("bucket ranges", func(t *testing.T) {
		tests := []struct{ start, interval, want string }{
			{"2022-02-15", "day", `{"from":"2022-02-15","to":"2022-02-15"}`},
			{"2022-02-14", "week", `{"from":"2022-02-14","to":"2022-02-20"}`},
			{"2021-12-27", "week", `{"from":"2021-12-27","to":"2022-01-02"}`},
			{"2024-02-01", "month", `{"from":"2024-02-01","to":"2024-02-29"}`},
			{"2023-02-01", "month", `{"from":"2023-02-01","to":"2023-02-28"}`},
			{"2022-12-01", "month", `{"from":"2022-12-01","to":"2022-12-31"}`},
			{"2022-01-01", "year", `{"from":"2022-01-01","to":"2022-12-31"}`},
		}
		for _, tc := range tests {
			got := eval[string](b, fmt.Sprintf(`import('/static/histogram.js').then((m) => JSON.stringify(m.bucketRange(m.parseStart(%q), %q)))`, tc.start, tc.interval), chromedp.EvalAwaitPromise)
			if got != tc.want {
				t.Errorf("bucketRange(%s, %s) = %s, want %s", tc.start, tc.interval, got, tc.want)
			}
		}
	})

	t.Run("histogram gaps filled", func(t *testing.T) {
		got := call("histogram.js", "normalize", map[string]any{
			"interval": "month", "undated": 2,
			"buckets": []map[string]any{{"start": "2022-04-01", "count": 1}, {"start": "2022-01-01", "count": 3}, {"start": "bogus", "count": 9}},
		}, "auto")
		var h struct {
			Interval string `json:"interval"`
			Undated  int    `json:"undated"`
			Bars     []struct {
				From  string `json:"from"`
				Count int    `json:"count"`
			} `json:"bars"`
		}
		if err := json.Unmarshal([]byte(got), &h); err != nil {
			t.Fatal(err)
		}
		want := []int{3, 0, 0, 1}
		if h.Interval != "month" || h.Undated != 2 || len(h.Bars) != len(want) {
			t.Fatalf("normalize = %s", got)
		}
		for i, c := range want {
			if h.Bars[i].Count != c {
				t.Errorf("bar %d (%s) count %d, want %d", i, h.Bars[i].From, h.Bars[i].Count, c)
			}
		}
	})

	t.Run("dating note", func(t *testing.T) {
		tests := []struct {
			hist map[string]any
			want string
		}{
			{map[string]any{"undated": 0}, ""},
			{map[string]any{"undated": 2}, "2 undated"},
			{map[string]any{"imprecise": 1}, "1 dated by year or month only, in the bar of its first day"},
			{map[string]any{"undated": 3, "imprecise": 1200}, "3 undated · 1,200 dated by year or month only, in the bar of its first day"},
		}
		for _, tc := range tests {
			want, _ := json.Marshal(tc.want)
			if got := call("histogram.js", "datingNote", tc.hist); got != string(want) {
				t.Errorf("datingNote(%v) = %q, want %q", tc.hist, got, tc.want)
			}
		}
	})

	t.Run("split series rows", func(t *testing.T) {
		got := call("series.js", "seriesRows", map[string]any{
			"interval": "month",
			"buckets":  []map[string]any{{"start": "2022-01-01", "count": 5}, {"start": "2022-02-01", "count": 0}, {"start": "2022-03-01", "count": 7}},
			"series": []any{
				map[string]any{"value": "UA", "label": "Ukraine", "count": 9, "buckets": []map[string]any{{"start": "2022-03-01", "count": 6}, {"start": "2022-01-01", "count": 3}}},
				map[string]any{"value": "", "label": "no value"},
				map[string]any{"value": "RU", "count": 2, "undated": 1, "buckets": []map[string]any{{"start": "bogus", "count": 9}, {"start": "2022-02-01", "count": 1}}},
			},
		})
		var r struct {
			Interval string   `json:"interval"`
			Columns  []string `json:"columns"`
			Max      int      `json:"max"`
			Rows     []struct {
				Value, Label   string
				Count, Undated int
				Cells          []int
			} `json:"rows"`
		}
		if err := json.Unmarshal([]byte(got), &r); err != nil {
			t.Fatal(err)
		}
		if r.Interval != "month" || fmt.Sprint(r.Columns) != "[Jan 2022 Feb 2022 Mar 2022]" || r.Max != 6 || len(r.Rows) != 2 {
			t.Fatalf("seriesRows = %s", got)
		}
		if u := r.Rows[0]; u.Value != "UA" || u.Label != "Ukraine" || u.Count != 9 || fmt.Sprint(u.Cells) != "[3 0 6]" {
			t.Errorf("UA row %+v", u)
		}
		if ru := r.Rows[1]; ru.Label != "RU" || ru.Undated != 1 || fmt.Sprint(ru.Cells) != "[0 1 0]" {
			t.Errorf("RU row %+v (no label: the value)", ru)
		}
	})

	t.Run("csv row counter", func(t *testing.T) {
		tests := []struct {
			chunks []string
			rows   int
		}{
			{[]string{"id,title\n"}, 0},
			{[]string{"id,title\n", "a,b\n", "c,d\n"}, 2},
			{[]string{"id,title\na,\"x\ny\"\n"}, 1},                          // a newline inside quotes
			{[]string{"id,title\na,\"x", "\ny\"\"z", "\"\"\nw\"\nb,c\n"}, 2}, // quotes and doubled quotes across chunks
			{[]string{"id,title\na,b\nc,\"d"}, 1},                            // a record cut off is not counted
			{[]string{"id,title\n", "é,ü\n"}, 1},
		}
		for _, tc := range tests {
			a, _ := json.Marshal(tc.chunks)
			got := eval[int](b, fmt.Sprintf(`import('/static/download.js').then((m) => m.countRows(...%s).rows)`, a), chromedp.EvalAwaitPromise)
			if got != tc.rows {
				t.Errorf("countRows(%q) = %d, want %d", tc.chunks, got, tc.rows)
			}
		}
	})

	// fetchExport saves nothing unless the whole export arrived.
	t.Run("checked download", func(t *testing.T) {
		type result struct {
			OK       bool
			Rows     int
			Total    int
			Filename string
			Size     int
			Error    string
			Name     string
		}
		tests := []struct {
			kase string
			want result
			msg  string
		}{
			{"whole", result{OK: true, Rows: 3, Total: 3, Filename: "fake-export.csv", Size: len(fakeCSV)}, ""},
			{"limit", result{OK: true, Rows: 3, Total: 50, Filename: "fake-export.csv", Size: len(fakeCSV)}, ""},
			{"aborted", result{Name: "ExportError"}, " of 3 rows ("}, // how much of the aborted body a browser hands over varies
			{"short", result{Name: "ExportError"}, "The download is incomplete: 3 of 5 rows arrived; nothing was saved."},
			{"refused", result{Name: "ApiError"}, `unknown parameter "colour"`},
		}
		for _, tc := range tests {
			got := eval[result](b, fmt.Sprintf(`import('/static/download.js').then((m) => m.fetchExport('/api/v1/export?format=csv&case=%s')).then(
				(r) => ({ok: true, rows: r.rows, total: r.total, filename: r.filename, size: r.blob.size}),
				(e) => ({ok: false, error: e.message, name: e.name}))`, tc.kase), chromedp.EvalAwaitPromise)
			msg := got.Error
			got.Error = ""
			if got != tc.want || !strings.Contains(msg, tc.msg) {
				t.Errorf("%s: %+v %q, want %+v %q", tc.kase, got, msg, tc.want, tc.msg)
			}
		}
	})

	t.Run("snippets", func(t *testing.T) {
		tests := []struct{ in, text, marks string }{
			{`a <mark>b</mark> c`, "a b c", "b"},
			{`&lt;b&gt;x&lt;/b&gt; &amp; <mark>y&#39;s</mark>`, "<b>x</b> & y's", "y's"},
			{`<b>raw</b> <mark>m</mark><script>x</script>`, "<b>raw</b> m<script>x</script>", "m"},
			{`<mark>unclosed`, "unclosed", "unclosed"},
			{`&#x1F600; &#0; &bogus; &#xD800;`, "😀 &#0; &bogus; &#xD800;", ""},
		}
		for _, tc := range tests {
			got := eval[[]string](b, fmt.Sprintf(`import('/static/dom.js').then((m) => {
				const d = document.createElement('div');
				d.append(m.marked(%q));
				return [d.textContent, [...d.querySelectorAll('mark')].map((e) => e.textContent).join('|'), String(d.querySelectorAll('*').length - d.querySelectorAll('mark').length)];
			})`, tc.in), chromedp.EvalAwaitPromise)
			if len(got) != 3 || got[0] != tc.text || got[1] != tc.marks || got[2] != "0" {
				t.Errorf("marked(%q) = text %q, marks %q, other elements %s; want %q, %q, 0", tc.in, got[0], got[1], got[2], tc.text, tc.marks)
			}
		}
	})

	t.Run("dates by precision", func(t *testing.T) {
		tests := []struct{ iso, precision, want string }{
			{"2022-02-15T18:30:00Z", "", `"15 Feb 2022"`},
			{"2018-01-01T00:00:00Z", "year", `"2018"`},
			{"2014-11-01T00:00:00Z", "month", `"Nov 2014"`},
			{"", "year", `""`},
		}
		for _, tc := range tests {
			if got := call("dom.js", "fmtDate", tc.iso, tc.precision); got != tc.want {
				t.Errorf("fmtDate(%q, %q) = %s, want %s", tc.iso, tc.precision, got, tc.want)
			}
		}
	})
}
