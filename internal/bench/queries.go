package bench

import (
	"net/url"
	"strconv"
	"strings"
)

// Request kinds, in the order the report lists them. The names are the keys
// of the JSON results and the plot's legend.
const (
	KindBrowse  = "browse"  // whole archive: no q, 6 facets + month histogram
	KindCountry = "country" // filter only: the top country, facets + histogram
	KindBroad   = "broad"   // a broad word + facets + histogram
	KindNarrow  = "narrow"  // a narrower word + the top country + facets + histogram
	KindTop10   = "top10"   // plain top 10 of a word, no facets
	KindPhrase  = "phrase"  // a two-word phrase, top 10
	KindHyphen  = "hyphen"  // a hyphenated word, top 10
	KindQuotes  = "quotes"  // mode=quotes, the top speaker's quotes
	KindSplit   = "split"   // month histogram split by the top 5 countries
	KindDeep    = "deep"    // page 50 (or the last) of a cursor walk, newest first
	KindExport  = "export"  // an export of up to 100k rows as JSON Lines
)

// Kinds lists every request kind in report order.
var Kinds = []string{KindBrowse, KindCountry, KindBroad, KindNarrow, KindTop10, KindPhrase,
	KindHyphen, KindQuotes, KindSplit, KindDeep, KindExport}

// DefaultFacets are searchd's default facets, which every facetted request
// of the set asks for.
var DefaultFacets = []string{"speaker", "person", "org", "place", "country", "source"}

// Words are the words and phrases of the request set.
type Words struct {
	Broad  string // a word found in a large share of the articles ("said")
	Narrow string // a word of a few percent of them ("oil")
	Top    string // the plain top-10 word ("sanctions")
	Phrase string // two words, without quotes ("foreign minister")
	Hyphen string // a hyphenated word ("cease-fire")
}

// DefaultWords are the words of issue 13's request set.
var DefaultWords = Words{Broad: "said", Narrow: "oil", Top: "sanctions", Phrase: "foreign minister", Hyphen: "cease-fire"}

// Request is one request of the set, described once for both systems:
// Params builds searchd's query string, and the SQLite side reads the same
// fields (fts.go).
type Request struct {
	Kind  string
	Label string // what it is, for the report

	Export    bool     // /api/v1/export instead of /api/v1/search
	Mode      string   // "articles" or "quotes"
	Q         string   // Readout query syntax; "" for none
	Words     []string // the q as plain words for FTS5 (a phrase is one entry)
	Hyphen    bool     // Words[0] is a hyphenated word
	Country   string   // country filter ("" for none)
	Speaker   string   // speaker filter ("" for none)
	Facets    []string // nil: facets=none
	Histogram bool     // month histogram
	Split     int      // split=country:Split (0: none)
	Size      int      // hits per page
	Newest    bool     // sort=newest
	Pages     int      // KindDeep: the page to time (1-based)
	Limit     int      // export rows
}

// Params is the request's query string for searchd.
func (r Request) Params() url.Values {
	v := url.Values{}
	if r.Mode == "quotes" {
		v.Set("mode", "quotes")
	}
	if r.Q != "" {
		v.Set("q", r.Q)
		v.Set("variants", "false") // FTS5 searches the words as typed
	}
	if r.Country != "" {
		v.Set("country", r.Country)
	}
	if r.Speaker != "" {
		v.Set("speaker", r.Speaker)
	}
	if r.Newest {
		v.Set("sort", "newest")
	} else {
		// Explicit: without q searchd's default is newest first, and the
		// FTS5 side pages by id as relevance does.
		v.Set("sort", "relevance")
	}
	if r.Export {
		v.Set("format", "jsonl")
		v.Set("limit", strconv.Itoa(r.Limit))
		return v
	}
	if len(r.Facets) == 0 {
		v.Set("facets", "none")
	} else {
		v.Set("facets", strings.Join(r.Facets, ","))
	}
	if r.Histogram {
		v.Set("histogram", "month")
	}
	if r.Split > 0 {
		v.Set("split", "country:"+strconv.Itoa(r.Split))
	}
	v.Set("size", strconv.Itoa(r.Size))
	return v
}

// Path is the request's path and query string.
func (r Request) Path() string {
	p := "/api/v1/search"
	if r.Export {
		p = "/api/v1/export"
	}
	return p + "?" + r.Params().Encode()
}

// Picks are the values of the set chosen from the served index: the top
// country and the top speaker of the start page's facets.
type Picks struct {
	Country string `json:"country"`
	Speaker string `json:"speaker"`
}

// RequestSet returns the request set for the words and the picks, in Kinds
// order. deepPages is the cursor page KindDeep times; exportRows the rows
// an export asks for.
func RequestSet(w Words, p Picks, deepPages, exportRows int) []Request {
	facetted := func(r Request) Request {
		r.Facets = DefaultFacets
		r.Histogram = true
		r.Size = 20
		return r
	}
	top := func(kind, label, q string, words []string, hyphen bool) Request {
		return Request{Kind: kind, Label: label, Mode: "articles", Q: q, Words: words, Hyphen: hyphen, Size: 10}
	}
	return []Request{
		facetted(Request{Kind: KindBrowse, Label: "whole archive, 6 facets + month histogram", Mode: "articles"}),
		facetted(Request{Kind: KindCountry, Label: "filter only country=" + p.Country + ", facets + histogram", Mode: "articles", Country: p.Country}),
		facetted(Request{Kind: KindBroad, Label: "q=" + w.Broad + " + facets + histogram", Mode: "articles", Q: w.Broad, Words: []string{w.Broad}}),
		facetted(Request{Kind: KindNarrow, Label: "q=" + w.Narrow + "&country=" + p.Country + " + facets + histogram", Mode: "articles",
			Q: w.Narrow, Words: []string{w.Narrow}, Country: p.Country}),
		top(KindTop10, "top 10, q="+w.Top, w.Top, []string{w.Top}, false),
		top(KindPhrase, `phrase q="`+w.Phrase+`", top 10`, `"`+w.Phrase+`"`, []string{w.Phrase}, false),
		top(KindHyphen, "hyphenated q="+w.Hyphen+", top 10", w.Hyphen, []string{w.Hyphen}, true),
		{Kind: KindQuotes, Label: "quotes of speaker=" + p.Speaker, Mode: "quotes", Speaker: p.Speaker, Size: 20},
		{Kind: KindSplit, Label: "q=" + w.Narrow + ", month histogram split by top 5 countries", Mode: "articles",
			Q: w.Narrow, Words: []string{w.Narrow}, Histogram: true, Split: 5},
		{Kind: KindDeep, Label: "cursor page " + strconv.Itoa(deepPages) + " of q=" + w.Broad + ", newest first", Mode: "articles",
			Q: w.Broad, Words: []string{w.Broad}, Size: 20, Newest: true, Pages: deepPages},
		{Kind: KindExport, Label: "export of up to " + strconv.Itoa(exportRows) + " rows (JSON Lines)", Mode: "articles",
			Export: true, Limit: exportRows},
	}
}
