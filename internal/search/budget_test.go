package search_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

func engineWith(t *testing.T, opts search.Options) *search.Engine {
	t.Helper()
	e := search.New(nil, nil, opts, nil)
	e.Serve(searchtest.Generation(t, "gen-000001", searchtest.Fixture()), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	return e
}

// TestQueryLimitsFromOptions checks that the engine's options reach the
// parser and the expansion budget, and that what they refuse names q, the
// term and the cause, with its position.
func TestQueryLimitsFromOptions(t *testing.T) {
	tests := []struct {
		name string
		opts search.Options
		q    string
		mode string
		// want: "" for no error; else "syntax", "cost" or "limit" and a
		// substring of the message.
		kind, msg string
		pos       int
	}{
		{name: "defaults", q: "grain* OR expor~ OR report~2"},
		{name: "one letter prefix", q: "grain a*", kind: "syntax", msg: "'a*': a prefix needs at least 2 letters or digits before * (MinPrefixLen)", pos: 6},
		{name: "short fuzzy", q: "x~2", kind: "syntax", msg: "Fuzzy1MinLen"},
		{name: "two edits on five letters", q: "grain~2", kind: "syntax", msg: "use grain~"},
		{name: "max_query_len", opts: search.Options{MaxQueryLen: 10}, q: "grain report", kind: "limit", msg: "12 bytes"},
		{name: "terms", opts: search.Options{MaxQueryTerms: 2}, q: "grain report exports", kind: "syntax", msg: "more than 2 terms (MaxTerms)", pos: 13},
		{name: "depth", opts: search.Options{MaxQueryDepth: 1}, q: "((grain))", kind: "syntax", msg: "MaxDepth", pos: 1},
		{name: "min prefix", opts: search.Options{MinPrefixLen: 5}, q: "gra*", kind: "syntax", msg: "at least 5"},
		{name: "min prefix met", opts: search.Options{MinPrefixLen: 5}, q: "grain*"},
		{name: "fuzziness", opts: search.Options{MaxFuzziness: 1}, q: "reports~2", kind: "syntax", msg: "at most 1 edit allowed (MaxFuzziness)"},
		{name: "short prefixes allowed", opts: search.Options{MinPrefixLen: 1}, q: "g*"},
		// re*: report and reopen in titles, report in bodies.
		{name: "expansions", opts: search.Options{MaxExpansions: 2}, q: "grain re*", kind: "cost", msg: "'re*' expands to 1 term in body, 3 for the request so far; the limit per request is 2", pos: 6},
		{name: "expansions alone", opts: search.Options{MaxExpansions: 1, MinPrefixLen: 1}, q: "r*", kind: "cost", msg: "'r*' expands to 2 terms in title; the limit per request is 1"},
		// talk and grain in quote texts.
		{name: "expansions in quote mode", opts: search.Options{MaxExpansions: 1}, q: "ta* OR gr*", mode: search.ModeQuotes, kind: "cost", msg: "'gr*' expands to 1 term in text, 2 for the request so far; the limit per request is 1", pos: 7},
		{name: "expansions in quote mode within", opts: search.Options{MaxExpansions: 2}, q: "ta* OR gr*", mode: search.ModeQuotes},
		// report: 40 titles, 40 bodies; grain: 42 titles.
		{name: "postings", opts: search.Options{MaxExpansionPostings: 20}, q: "gra*", kind: "cost", msg: "'gra*' expands to terms with 42 postings in title (documents to read); the limit per request is 20 postings"},
		{name: "postings of several terms", opts: search.Options{MaxExpansionPostings: 100}, q: "repo* OR grai*", kind: "cost", msg: "'grai*' expands to terms with 42 postings in title (documents to read), 122 for the request so far", pos: 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := engineWith(t, tt.opts)
			_, err := e.Search(context.Background(), search.Request{Q: tt.q, Mode: tt.mode})
			var (
				qe *search.QueryError
				ce *search.CostError
				le *search.LimitError
			)
			switch tt.kind {
			case "":
				if err != nil {
					t.Fatalf("%q: %v", tt.q, err)
				}
			case "syntax":
				if !errors.As(err, &qe) || !strings.Contains(qe.Msg, tt.msg) || qe.Pos != tt.pos {
					t.Fatalf("%q: %v; want a syntax error at %d with %q", tt.q, err, tt.pos, tt.msg)
				}
			case "cost":
				if !errors.As(err, &ce) || ce.Param != "q" || !strings.Contains(ce.Msg, tt.msg) || ce.Pos != tt.pos || ce.Limit == 0 {
					t.Fatalf("%q: %#v; want a cost error of q at %d with %q", tt.q, err, tt.pos, tt.msg)
				}
			case "limit":
				if !errors.As(err, &le) || le.Param != "q" || !strings.Contains(le.Msg, tt.msg) {
					t.Fatalf("%q: %v; want a limit error of q with %q", tt.q, err, tt.msg)
				}
			}
		})
	}
}

// TestExpandedTermsHighlighted checks that the words a prefix or fuzzy term
// expands to are found and marked, in quotes and in article snippets.
func TestExpandedTermsHighlighted(t *testing.T) {
	e := engineWith(t, search.Options{})
	for _, tt := range []struct{ q, want string }{
		{"fran*", "<mark>frank</mark>"},
		{"frenk~", "<mark>frank</mark>"},
		{"verifyable~2", "<mark>verifiable</mark>"},
	} {
		res, err := e.Search(context.Background(), search.Request{Q: tt.q, Mode: search.ModeQuotes, Highlight: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Highlighted, tt.want) {
			t.Errorf("%q: %d hits %+v; want one quote with %s", tt.q, len(res.Hits), res.Hits, tt.want)
		}
	}
	res, err := e.Search(context.Background(), search.Request{Q: "exp*", Highlight: true, Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	marked := map[string]int{}
	for _, h := range res.Hits {
		for _, w := range []string{"<mark>exports</mark>", "<mark>expect</mark>"} {
			if strings.Contains(strings.Join(h.Snippets["body"], " "), w) {
				marked[w]++
			}
		}
	}
	if res.Total != 41 || marked["<mark>exports</mark>"] != 40 || marked["<mark>expect</mark>"] != 1 {
		t.Errorf("exp*: %d hits, marked %v; want 41: exports in 40, expect in 1", res.Total, marked)
	}
}

// TestExpensiveRequestsTakeSlots fills the slots of expensive requests from
// the test: an expensive request is then refused with ErrTooBusy, a cheap
// one runs, and once a slot is free the expensive one runs too.
func TestExpensiveRequestsTakeSlots(t *testing.T) {
	// 3 expanded terms are expensive past 2. The start page is cheap: the
	// column tables count its aggregates (with the per-hit path it is
	// expensive: TestPerHitStartPageTakesASlot).
	e := engineWith(t, search.Options{ExpensiveSlots: 2, SlotWait: -1, ExpensiveWork: 100, ExpensiveExpansions: 2})
	ctx := context.Background()
	var releases []func()
	for range 2 {
		release, err := e.TakeSlot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		releases = append(releases, release)
	}
	if _, err := e.TakeSlot(ctx); !errors.Is(err, search.ErrTooBusy) {
		t.Fatalf("third slot: %v; want ErrTooBusy", err)
	}
	expensive := []search.Request{
		{Q: "re*", Facets: []search.FacetSpec{}}, // report, reopen in titles, report in bodies
	}
	cheap := []search.Request{
		{Histogram: "auto"}, // the start page: the whole archive, facets, histogram
		{Q: "grain", Histogram: "auto"},
		{Histogram: "auto", Filters: map[string][]string{"source": {"Archive"}}},
		{Facets: []search.FacetSpec{}},
		{Q: "grai*", Mode: search.ModeQuotes, Facets: []search.FacetSpec{}}, // grain in quote texts
	}
	for _, r := range expensive {
		if _, err := e.Search(ctx, r); !errors.Is(err, search.ErrTooBusy) {
			t.Errorf("expensive %+v with the slots full: %v; want ErrTooBusy", r, err)
		}
	}
	if _, err := e.FacetValues(ctx, search.Request{Q: "re*"}, "country", "", 5); !errors.Is(err, search.ErrTooBusy) {
		t.Errorf("facet values of an expensive q with the slots full: %v; want ErrTooBusy", err)
	}
	for _, r := range cheap {
		if _, err := e.Search(ctx, r); err != nil {
			t.Errorf("cheap %+v with the slots full: %v", r, err)
		}
	}
	releases[0]()
	for _, r := range expensive {
		if _, err := e.Search(ctx, r); err != nil {
			t.Errorf("expensive %+v with a free slot: %v", r, err)
		}
	}
	releases[1]()
}

// TestExpansionsOverJournalChanges checks prefix and fuzzy terms once
// admin changes are laid over the generation (the served index is then a
// masked base and an in-memory delta, with no merged term dictionary): the
// expansions come from both, and a replaced article's old words are gone.
func TestExpansionsOverJournalChanges(t *testing.T) {
	ctx := context.Background()
	changed := func(opts search.Options) *search.Engine {
		e := engineWith(t, opts)
		day := time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC)
		_, err := e.Apply(ctx, []index.Op{
			{Kind: index.OpUpsert, ID: "z1", Article: &news.Article{ID: "z1", Title: "Zanzibar talks", Body: "Zanzibari envoys met in Stone Town.", Published: day, Language: "en"}},
			{Kind: index.OpUpsert, ID: "k1", Article: &news.Article{ID: "k1", Title: "Ministers meet in Zanzibar", Body: "Talks lasted four hours.", Published: day, Language: "en"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	e := changed(search.Options{})
	for _, tt := range []struct {
		q    string
		mode string
		want []string
	}{
		{q: "zanzib*", want: []string{"k1", "z1"}},
		{q: "zanzebar~", want: []string{"k1", "z1"}},
		{q: "zanzibary~2", want: []string{"k1", "z1"}},
		{q: "envo* zanz*", want: []string{"z1"}},
		{q: "verifi*", mode: search.ModeQuotes, want: []string{}}, // k1's old quote
		{q: "frank~", mode: search.ModeQuotes, want: []string{}},
		{q: "calm~", want: []string{"l1"}}, // the base, unchanged
	} {
		res, err := e.Search(ctx, search.Request{Q: tt.q, Mode: tt.mode, Size: 50})
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %v; want %v", tt.q, got, tt.want)
		}
	}
	// The budget counts the delta's terms: zanzibar in titles, zanzibari
	// in bodies.
	_, err := changed(search.Options{MaxExpansions: 1}).Search(ctx, search.Request{Q: "zanzib*"})
	var ce *search.CostError
	if !errors.As(err, &ce) || ce.Msg != "'zanzib*' expands to 1 term in body, 2 for the request so far; the limit per request is 1" {
		t.Errorf("zanzib* with a limit of 1: %v", err)
	}
}

// TestExportsTakeSlots: an export of more than one page holds an export
// slot while it runs; one more such export is refused with ErrTooBusy
// before it sends a row, an export of one page needs no slot, and once the
// first export ends the slot is free again.
func TestExportsTakeSlots(t *testing.T) {
	store := searchtest.SampleStore(t)
	e := search.New(store, nil, search.Options{ExportSlots: 1, SlotWait: -1}, nil)
	if ok, err := e.Reload(context.Background()); err != nil || !ok {
		t.Fatalf("reload: %v %v", ok, err)
	}
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	all := search.Request{Mode: search.ModeQuotes} // every quote: several pages
	started, finish := make(chan struct{}), make(chan struct{})
	first := make(chan error, 1)
	go func() {
		once := false
		first <- e.Export(context.Background(), all, 0, func(*search.Response) error {
			if !once {
				once = true
				close(started)
				<-finish
			}
			return nil
		})
	}()
	<-started
	pages := 0
	count := func(*search.Response) error { pages++; return nil }
	if err := e.Export(context.Background(), all, 0, count); !errors.Is(err, search.ErrTooBusy) || pages != 0 {
		t.Errorf("second export with the slot held: %v after %d pages; want ErrTooBusy before any", err, pages)
	}
	pages = 0
	if err := e.Export(context.Background(), search.Request{Q: "de-escalation", Mode: search.ModeQuotes}, 0, count); err != nil || pages != 1 {
		t.Errorf("one-page export with the slot held: %v, %d pages; want one page", err, pages)
	}
	close(finish)
	if err := <-first; err != nil {
		t.Fatalf("first export: %v", err)
	}
	pages = 0
	if err := e.Export(context.Background(), all, 0, count); err != nil || pages < 2 {
		t.Errorf("export after the first ended: %v, %d pages; want several", err, pages)
	}
}

// TestPerHitStartPageTakesASlot: with the per-hit path, the fixture's 45
// articles with 6 facets and a histogram (315 documents counted) are
// expensive past 100, and wait for a slot.
func TestPerHitStartPageTakesASlot(t *testing.T) {
	e := engineWith(t, search.Options{PerHitFacets: true, ExpensiveSlots: 1, SlotWait: -1, ExpensiveWork: 100})
	ctx := context.Background()
	release, err := e.TakeSlot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := search.Request{Histogram: "auto"}
	if _, err := e.Search(ctx, start); !errors.Is(err, search.ErrTooBusy) {
		t.Errorf("start page with the slot taken: %v; want ErrTooBusy", err)
	}
	release()
	if _, err := e.Search(ctx, start); err != nil {
		t.Errorf("start page with a free slot: %v", err)
	}
}
