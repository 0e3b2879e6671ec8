package api

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// sameAsEncoder fails t unless appendHit writes h as newEncoder does, or
// refuses it exactly when encoding/json does.
func sameAsEncoder(t *testing.T, name string, h *search.Hit) {
	t.Helper()
	var want bytes.Buffer
	err := newEncoder(&want).Encode(h)
	got, ok := appendHit([]byte("prefix"), h)
	switch {
	case err != nil && ok:
		t.Errorf("%s: encoding/json fails (%v), appendHit wrote %s", name, err, got)
	case err != nil:
	case !ok:
		t.Errorf("%s: appendHit refused what encoding/json writes: %s", name, want.Bytes())
	case string(got[len("prefix"):])+"\n" != want.String():
		t.Errorf("%s:\nappendHit    %s\nencoding/json %s", name, got[len("prefix"):], want.Bytes())
	}
}

func TestAppendHitMatchesEncoder(t *testing.T) {
	at := time.Date(2024, 3, 1, 12, 30, 5, 123456789, time.UTC)
	east := time.FixedZone("", 5*3600+1800)
	odd := "ctl \x00\x01\x1f\x7f tab\t nl\n cr\r bs\b ff\f quote\" back\\ html <b>&amp;</b> bad \xff\xfe utf8 é ✓ 🙂 ls\u2028 ps\u2029 end"
	speaker := &search.Speaker{ID: "ana-ortiz", Name: "Ana Ortiz", Kind: "person", Country: "ES"}
	tests := []struct {
		name string
		hit  search.Hit
	}{
		{"zero", search.Hit{}},
		{"article", search.Hit{ID: "a1", Type: "article", Title: "Title", Source: "Wire", Published: at,
			DatePrecision: "month", URL: "https://example.org/a?b=1&c=<2>", Score: 1.25,
			Snippets: map[string][]string{"title": {"<mark>T</mark>itle"}, "body": {"one…", "two"}},
			Group:    "a0", SimilarCount: 3}},
		{"odd strings", search.Hit{ID: odd, Type: odd, ArticleID: odd, Title: odd, Source: odd, URL: odd,
			Snippets: map[string][]string{odd: {odd, ""}, "": nil, "z": {}}, Group: odd}},
		{"empty snippets map", search.Hit{ID: "a", Snippets: map[string][]string{}}},
		{"zone and nanoseconds", search.Hit{ID: "a", Published: at.In(east)}},
		{"whole second", search.Hit{ID: "a", Published: time.Date(1987, 1, 2, 3, 4, 5, 0, time.UTC)}},
		{"year 0", search.Hit{ID: "a", Published: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{"year 10000", search.Hit{ID: "a", Published: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{"year -1", search.Hit{ID: "a", Published: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{"zone of a day", search.Hit{ID: "a", Published: at.In(time.FixedZone("", 24*3600))}},
		{"NaN", search.Hit{ID: "a", Score: math.NaN()}},
		{"infinity", search.Hit{ID: "a", Score: math.Inf(-1)}},
		{"negative similar count", search.Hit{ID: "a", SimilarCount: -2}},
		{"quote", search.Hit{ID: "a1#q2", Type: "quote", ArticleID: "a1", Title: "T", Score: 0.5,
			QuoteFields: &search.QuoteFields{Text: odd, Highlighted: "<mark>x</mark>", Speaker: speaker,
				SpeakerAsWritten: "she", Cue: "said", Kind: "direct", Paragraph: 7}}},
		{"quote without speaker", search.Hit{ID: "a1#q1", QuoteFields: &search.QuoteFields{Paragraph: -1}}},
		{"speaker without kind", search.Hit{ID: "a1#q1", QuoteFields: &search.QuoteFields{Speaker: &search.Speaker{ID: "x"}}}},
		{"attached quotes", search.Hit{ID: "a1", Quotes: []search.QuoteHit{
			{ID: "a1#q1", QuoteFields: search.QuoteFields{Text: "one", Speaker: speaker}},
			{ID: "a1#q2", QuoteFields: search.QuoteFields{Text: odd, Kind: "indirect"}}}}},
		{"empty quotes", search.Hit{ID: "a1", Quotes: []search.QuoteHit{}}},
	}
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 9.99e-7, 1e-7, 1.5e-9, 5e-324,
		1e20, 1e21, 1.7976931348623157e308, -2.5e-8, 123456789.123456789, 2.429106046924279} {
		tests = append(tests, struct {
			name string
			hit  search.Hit
		}{fmt.Sprint("score ", f), search.Hit{ID: "s", Score: f}})
	}
	for _, tc := range tests {
		sameAsEncoder(t, tc.name, &tc.hit)
	}

	// Every hit the engine gives for the fixture: articles highlighted and
	// not, with quotes attached, quote hits, an export's rows.
	e := search.New(nil, nil, search.Options{}, nil)
	e.Serve(searchtest.Generation(t, "gen-000001", searchtest.Fixture()), 0)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	ctx := context.Background()
	reqs := []search.Request{
		{Size: 100},
		{Q: "grain", Size: 100, Highlight: true},
		{Mode: search.ModeQuotes, Size: 100},
		{Mode: search.ModeQuotes, Q: "said", Size: 100, Highlight: true},
	}
	speakers, err := e.Search(ctx, search.Request{Size: 1, Facets: []search.FacetSpec{{Name: "speaker", Size: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range speakers.Facets["speaker"] {
		reqs = append(reqs, search.Request{Q: "said", Size: 100, Filters: map[string][]string{"speaker": {v.Value}}})
	}
	n, quoted := 0, 0
	for _, req := range reqs {
		res, err := e.Search(ctx, req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		for i := range res.Hits {
			sameAsEncoder(t, res.Hits[i].ID, &res.Hits[i])
			n++
			quoted += len(res.Hits[i].Quotes)
		}
	}
	err = e.Export(ctx, search.Request{Sort: search.SortRelevance}, 0, func(r *search.Response) error {
		for i := range r.Hits {
			sameAsEncoder(t, "export "+r.Hits[i].ID, &r.Hits[i])
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 || quoted == 0 {
		t.Errorf("%d hits compared, %d attached quotes: a weak test", n, quoted)
	}
}

// FuzzAppendHit: for any strings, score, time and numbers, appendHit
// writes what encoding/json writes.
func FuzzAppendHit(f *testing.F) {
	f.Add("a1", "Title <b>", "body\u2028\xff", 1.5, int64(1700000000123456789), 3600, 2, "Ana", true)
	f.Add("", "", "", 0.0, int64(0), 0, 0, "", false)
	f.Add("q#1", "\x00\"\\", "é", -1e-9, int64(-62135596800000000), -7200, -1, "\t", true)
	f.Fuzz(func(t *testing.T, id, title, text string, score float64, ns int64, offset, n int, name string, quote bool) {
		h := search.Hit{ID: id, Type: "article", Title: title, Source: text, URL: title + text, Score: score,
			Snippets: map[string][]string{title: {text}, text: {title, id}}, Group: name, SimilarCount: n}
		if ns != 0 {
			h.Published = time.Unix(0, ns).In(time.FixedZone("", offset%(30*3600)))
		}
		if quote {
			h.QuoteFields = &search.QuoteFields{Text: text, Highlighted: title, SpeakerAsWritten: name, Paragraph: n}
			if name != "" {
				h.Speaker = &search.Speaker{ID: id, Name: name, Kind: text}
			}
			h.Quotes = []search.QuoteHit{{ID: id, QuoteFields: *h.QuoteFields}}
		}
		sameAsEncoder(t, "fuzz", &h)
	})
}
