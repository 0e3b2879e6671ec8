package search

import (
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	htmlformat "github.com/blevesearch/bleve/v2/search/highlight/format/html"
	simplefrag "github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	simplehl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"

	"github.com/readout/readout/internal/index"
)

// Highlighter styles registered with Bleve: snippets of about 200 bytes for
// article fields, and the whole text for quotes. Both mark matches with
// <mark>…</mark> and HTML-escape everything else.
const (
	styleSnippet = "readout-snippet"
	styleFull    = "readout-full"
	markFormat   = "readout-mark"

	snippetSize = 200
	fullSize    = 1 << 20
	ellipsis    = "…"
)

func init() {
	registerHighlighter(styleSnippet, snippetSize)
	registerHighlighter(styleFull, fullSize)
	err := registry.RegisterFragmentFormatter(markFormat,
		func(map[string]any, *registry.Cache) (highlight.FragmentFormatter, error) {
			return markMerger{htmlformat.NewFragmentFormatter("<mark>", "</mark>")}, nil
		})
	if err != nil {
		panic(fmt.Sprintf("register %s: %v", markFormat, err))
	}
}

func registerHighlighter(name string, size int) {
	err := registry.RegisterHighlighter(name, func(_ map[string]any, cache *registry.Cache) (highlight.Highlighter, error) {
		formatter, err := cache.FragmentFormatterNamed(markFormat)
		if err != nil {
			return nil, fmt.Errorf("highlighter %s: %w", name, err)
		}
		return simplehl.NewHighlighter(simplefrag.NewFragmenter(size), formatter, ellipsis), nil
	})
	if err != nil {
		panic(fmt.Sprintf("register %s: %v", name, err))
	}
}

// highlightQuote is the text of quote hit h with its matches marked, from
// the hit's term locations in FieldText ("" when it has none); m's
// analyzer gives them their offsets where the index has none (fillOffsets).
func highlightQuote(h *bsearch.DocumentMatch, text string, m mapping.IndexMapping) (string, error) {
	if len(h.Locations[index.FieldText]) == 0 {
		return "", nil
	}
	fillOffsets(h, index.FieldText, []byte(text), m)
	hl, err := bleve.Config.Cache.HighlighterNamed(styleFull)
	if err != nil {
		return "", fmt.Errorf("highlight: %w", err)
	}
	doc := document.NewDocument(h.ID)
	doc.AddField(document.NewTextField(index.FieldText, nil, []byte(text)))
	if fr := hl.BestFragmentsInField(h, doc, index.FieldText, 1); len(fr) > 0 {
		return fr[0], nil
	}
	return "", nil
}

// markMerger joins marks that only a hyphen, slash or space separates, so
// that "de-escalation" and a matched phrase read as one highlight rather
// than "<mark>de</mark>-<mark>escalation</mark>".
type markMerger struct{ highlight.FragmentFormatter }

var markJoins = strings.NewReplacer("</mark>-<mark>", "-", "</mark>/<mark>", "/", "</mark> <mark>", " ")

func (m markMerger) Format(f *highlight.Fragment, locs highlight.TermLocations) string {
	return markJoins.Replace(m.FragmentFormatter.Format(f, locs))
}

// plainSnippet is the HTML-escaped start of s, cut at a word boundary near
// n bytes, with an ellipsis when cut.
func plainSnippet(s string, n int) string {
	if len(s) <= n {
		return html.EscapeString(s)
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > n/2 {
		cut = sp
	}
	return html.EscapeString(s[:cut]) + ellipsis
}
