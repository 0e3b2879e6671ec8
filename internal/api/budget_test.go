package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// budgetServer serves the fixture through the real router with the given
// engine options.
func budgetServer(t *testing.T, opts search.Options) (*api.Server, *search.Engine) {
	t.Helper()
	e := search.New(nil, nil, opts, nil)
	e.Serve(searchtest.Generation(t, "gen-000001", searchtest.Fixture()), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	return api.New(e, api.Options{}, nil), e
}

func searchURL(q string, extra ...string) string {
	return "/api/v1/search?q=" + url.QueryEscape(q) + strings.Join(extra, "")
}

// TestHostileRequests sends requests that used to exhaust searchd (60
// fuzzy terms ran 95 s and allocated 4.6 GB on Reuters) through the real
// router: the parser's rules refuse them at once, and with those rules
// relaxed the expansion budget refuses them before any search runs; each
// answer names q, the term and the cause. Requests within the limits,
// however broad, answer 200.
func TestHostileRequests(t *testing.T) {
	strict, _ := budgetServer(t, search.Options{})
	// The parser's prefix and fuzzy rules off: the budget decides.
	relaxed, _ := budgetServer(t, search.Options{MinPrefixLen: 1, Fuzzy1MinLen: 1, Fuzzy2MinLen: 1, MaxExpansions: 20})
	postings, _ := budgetServer(t, search.Options{MaxExpansionPostings: 100})

	words := make([]string, 64)
	for i := range words {
		words[i] = []string{"grain", "report", "exports", "talks", "envoy", "border", "ships", "note"}[i%8]
	}
	tests := []struct {
		name   string
		h      http.Handler
		target string
		status int
		code   string
		msg    string // substring of the message
		pos    int    // -1: no position
	}{
		{"60 fuzzy terms", strict, searchURL(searchtest.HostileFuzzy()), 400, "invalid_query",
			"'ba~2': a fuzzy term needs at least 3 letters or digits (Fuzzy1MinLen)", 0},
		{"63 one-letter prefixes", strict, searchURL(searchtest.HostilePrefixes()), 400, "invalid_query",
			"'a*': a prefix needs at least 2 letters or digits before * (MinPrefixLen)", 0},
		{"a*", strict, searchURL("grain a*"), 400, "invalid_query", "MinPrefixLen", 6},
		{"x~2", strict, searchURL("grain x~2"), 400, "invalid_query", "'x~2'", 6},
		{"two edits on a short word", strict, searchURL("grain~2"), 400, "invalid_query", "use grain~", 0},
		{"deep nesting", strict, searchURL(strings.Repeat("(", 17) + "grain" + strings.Repeat(")", 17)), 400, "invalid_query", "MaxDepth", 16},
		{"65 words", strict, searchURL(strings.Join(append(words, "note"), " OR ")), 400, "invalid_query", "MaxTerms", -2},
		{"q too long", strict, searchURL(strings.Repeat("grain ", 200)), 400, "limit_exceeded", "1200 bytes", -1},
		{"64 words ORed", strict, searchURL(strings.Join(words, " OR "), "&histogram=auto"), 200, "", "", -1},
		{"60 fuzzy terms, budget", relaxed, searchURL(searchtest.HostileFuzzy()), 400, "limit_exceeded", "'ba~2' expands to ", 0},
		{"63 prefixes, budget", relaxed, searchURL(searchtest.HostilePrefixes()), 400, "limit_exceeded", "for the request so far; the limit per request is 20", -2},
		{"prefixes, budget, quote mode", relaxed, searchURL("grain OR "+searchtest.HostilePrefixes(), "&mode=quotes"), 400, "limit_exceeded", "; the limit per request is 20", -2},
		{"facet values, budget", relaxed, "/api/v1/facets/country?q=" + url.QueryEscape(searchtest.HostileFuzzy()), 400, "limit_exceeded", "expands to", 0},
		{"export, budget", relaxed, "/api/v1/export?format=jsonl&q=" + url.QueryEscape(searchtest.HostilePrefixes()), 400, "limit_exceeded", "expands to", -2},
		// report: 40 titles and 40 bodies; grain: 42 titles.
		{"postings", postings, searchURL("report~ OR gra*"), 400, "limit_exceeded", "'gra*' expands to terms with 42 postings in title (documents to read), 122 for the request so far; the limit per request is 100 postings", 11},
		{"within the budget", relaxed, searchURL("gr* OR ta*"), 200, "", "", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var eb errorBody
			var out any = &eb
			if tt.status == 200 {
				out = nil
			}
			rec := do(t, tt.h, http.MethodGet, tt.target, nil, nil, out)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status == 200 {
				return
			}
			e := eb.Error
			if e.Code != tt.code || e.Param != "q" || !strings.Contains(e.Message, tt.msg) {
				t.Errorf("error %+v; want code %s, param q, message with %q", e, tt.code, tt.msg)
			}
			// pos -1: none; -2: any.
			switch {
			case e.Position == nil && tt.pos != -1:
				t.Errorf("no position; want %d", tt.pos)
			case e.Position != nil && tt.pos == -1:
				t.Errorf("position %d; want none", *e.Position)
			case e.Position != nil && tt.pos >= 0 && *e.Position != tt.pos:
				t.Errorf("position %d; want %d", *e.Position, tt.pos)
			}
		})
	}
}

// TestTooBusy fills the slots of expensive requests from the test: an
// expensive request then answers 429 too_busy with Retry-After, a cheap
// one 200, and both refusals are counted in the metrics.
func TestTooBusy(t *testing.T) {
	// With the per-hit path, the fixture's start page (45 articles, six
	// facets) is expensive past 100 documents counted (with the column
	// tables, the default, it is cheap: search's TestExpensiveRequestsTakeSlots);
	// q=re* expands to 3 terms, expensive past 2.
	s, e := budgetServer(t, search.Options{PerHitFacets: true, ExpensiveSlots: 1, SlotWait: -1, ExpensiveWork: 100, ExpensiveExpansions: 2, MaxExpansions: 100})
	release, err := e.TakeSlot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"/api/v1/search", "/api/v1/search?q=re*", "/api/v1/search?histogram=auto&split=country"} {
		var eb errorBody
		rec := do(t, s, http.MethodGet, target, nil, nil, &eb)
		if rec.Code != 429 || eb.Error.Code != "too_busy" || rec.Header().Get("Retry-After") != "1" {
			t.Errorf("%s with the slots full: %d %+v, Retry-After %q; want 429 too_busy, Retry-After 1",
				target, rec.Code, eb.Error, rec.Header().Get("Retry-After"))
		}
	}
	for _, target := range []string{"/api/v1/search?q=grain", "/api/v1/search?facets=none", "/api/v1/search?source=Archive&histogram=auto", "/api/v1/stats"} {
		if code := get(t, s, target, nil); code != 200 {
			t.Errorf("cheap %s with the slots full: %d", target, code)
		}
	}
	release()
	if code := get(t, s, "/api/v1/search?histogram=auto", nil); code != 200 {
		t.Errorf("expensive request with a free slot: %d", code)
	}
	get(t, s, "/api/v1/search?q="+url.QueryEscape("re* OR "+searchtest.HostilePrefixes()), nil)
	body := do(t, s, http.MethodGet, "/metrics", nil, nil, nil).Body.String()
	for _, want := range []string{
		`readout_search_rejected_total{reason="busy"} 3`,
		`readout_search_rejected_total{reason="cost"} 0`, // the parser refuses a*, before the budget
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	relaxed, _ := budgetServer(t, search.Options{MinPrefixLen: 1, MaxExpansions: 5})
	get(t, relaxed, searchURL(searchtest.HostilePrefixes()), nil)
	if body := do(t, relaxed, http.MethodGet, "/metrics", nil, nil, nil).Body.String(); !strings.Contains(body, `readout_search_rejected_total{reason="cost"} 1`) {
		t.Errorf("metrics lack the refusal for cost:\n%s", body)
	}
}

// TestCancelledRequest checks that a request whose context has ended
// answers a JSON 503, not a result.
func TestCancelledRequest(t *testing.T) {
	s, _ := budgetServer(t, search.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, target := range []string{"/api/v1/search?q=grain&histogram=auto&split=country", "/api/v1/facets/country?q=grain", "/api/v1/search?q=gra*"} {
		req := httptest.NewRequest(http.MethodGet, target, nil).WithContext(ctx)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 503 || !strings.Contains(rec.Body.String(), `"code":"timeout"`) {
			t.Errorf("%s cancelled: %d %s; want 503 timeout", target, rec.Code, rec.Body)
		}
	}
}

// TestDocumentedQueriesWithinBudget runs every example of README.md,
// docs/api.md and docs/query-syntax.md on the sample corpus with the
// default limits: none is refused.
func TestDocumentedQueriesWithinBudget(t *testing.T) {
	e := search.New(searchtest.SampleStore(t), nil, search.Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	s := api.New(e, api.Options{}, nil)

	var targets []string
	link := regexp.MustCompile(`http://127\.0\.0\.1:8080(/api/v1/[^'\s"\x60)]*)`)
	for _, f := range []string{"README.md", "docs/api.md", "docs/query-syntax.md"} {
		b, err := os.ReadFile(filepath.Join("..", "..", f))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllStringSubmatch(string(b), -1) {
			if !strings.Contains(m[1], "/admin/") && !strings.Contains(m[1], "…") {
				targets = append(targets, m[1])
			}
		}
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "query-syntax.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, examples, _ := strings.Cut(string(b), "## Examples\n\n```\n")
	examples, _, _ = strings.Cut(examples, "```")
	queries := strings.Split(strings.TrimSpace(examples), "\n")
	queries = append(queries,
		// docs/query-syntax.md, at a glance and in the text.
		"sanctions oil", `"peace talks"`, "war -football", "war NOT football", "Russia OR Ukraine",
		"sanctions (Russia OR Iran)", "speaker:blinken", `speaker:"Antony Blinken"`, "speaker:(blinken OR lavrov)",
		"country:UA", "negotiat*", "Zelensky~", "Zelensky~2", "de-escalation", "*", "de-esc*", "person:vladimir*",
		"title:(peace -war)", `de-escalation speaker:(blinken OR lavrov) -"press conference" Ukrain*`,
		// The web UI's help, and the words of the sample corpus.
		"Lavrof~", "ceasefire", "ceasefir*", "escalat*", "danube~", "grain*",
	)
	if len(queries) < 30 || len(targets) < 8 {
		t.Fatalf("found %d queries and %d URLs in the docs", len(queries), len(targets))
	}
	for _, q := range queries {
		for _, mode := range []string{"articles", "quotes"} {
			if mode == "quotes" && strings.Contains(q, "title:") {
				continue // an article field: 400 unknown field in quote mode, as documented
			}
			targets = append(targets, fmt.Sprintf("/api/v1/search?mode=%s&histogram=auto&q=%s", mode, url.QueryEscape(q)))
		}
	}
	for _, target := range targets {
		if code := get(t, s, target, nil); code != 200 {
			t.Errorf("%s: status %d", target, code)
		}
	}
}
