package search

import (
	"bytes"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/segment"

	textfold "github.com/readout/readout/internal/fold"
)

// fillOffsets gives the term locations of h in field their byte offsets in
// text, the field's value, where the index kept their positions only
// (index.positionsField): the field's analyzer, run on the text again,
// gives each position its token's offsets. Locations that have offsets
// (generations built before, the overlay's changes) keep them; a location
// whose position the text does not reach, or of one value among several
// (array positions), keeps none, and is shown unmarked.
func fillOffsets(h *bsearch.DocumentMatch, field string, text []byte, m mapping.IndexMapping) {
	terms := h.Locations[field]
	if len(terms) == 0 || m == nil {
		return
	}
	last := 0 // the largest position without offsets
	for _, locs := range terms {
		for _, l := range locs {
			if l.End == 0 && len(l.ArrayPositions) == 0 {
				last = max(last, int(l.Pos))
			}
		}
	}
	an := m.AnalyzerNamed(m.AnalyzerNameForPath(field))
	if last == 0 || an == nil {
		return
	}
	at := tokenSpans(an, text, last)
	for _, locs := range terms {
		for _, l := range locs {
			if l.End != 0 || len(l.ArrayPositions) > 0 || l.Pos >= uint64(len(at)) {
				continue
			}
			if s := at[l.Pos]; s.end > 0 {
				l.Start, l.End = uint64(s.start), uint64(s.end)
			}
		}
	}
}

// span is a token's offsets; end 0: no token.
type span struct{ start, end int }

// tokenSpans returns the offsets of the tokens an makes of text at
// positions 1 to last (at[pos]; the first token where several share one).
// The offsets and positions of a token are the tokenizer's: the token
// filters of the text analyzers change terms or drop tokens, never those.
// With the unicode tokenizer and such filters, text is segmented up to
// position last only, as the tokenizer segments it; any other analyzer
// analyses the whole text.
func tokenSpans(an analysis.Analyzer, text []byte, last int) []span {
	at := make([]span, last+1)
	if streamable(an) {
		// unicode.UnicodeTokenizer.Tokenize, stopped at position last.
		seg := segment.NewWordSegmenterDirect(text)
		start, pos := 0, 1
		for pos <= last && seg.Segment() {
			end := start + len(seg.Bytes())
			if seg.Type() != segment.None {
				at[pos] = span{start, end}
				pos++
			}
			start = end
		}
		return at
	}
	// A copy: token filters rewrite their terms in the text's bytes.
	for _, tok := range an.Analyze(bytes.Clone(text)) {
		if tok.Position > 0 && tok.Position <= last && at[tok.Position].end == 0 {
			at[tok.Position] = span{tok.Start, tok.End}
		}
	}
	return at
}

// streamable reports whether an is the unicode tokenizer and filters that
// keep its spans.
func streamable(an analysis.Analyzer) bool {
	d, ok := an.(*analysis.DefaultAnalyzer)
	if !ok || len(d.CharFilters) > 0 {
		return false
	}
	_, ok = d.Tokenizer.(*unicode.UnicodeTokenizer)
	return ok && keepSpans(d.TokenFilters)
}

// keepSpans reports whether every filter of fs is one known to keep its
// tokens' positions and offsets.
func keepSpans(fs []analysis.TokenFilter) bool {
	for _, f := range fs {
		switch f := f.(type) {
		case *en.PossessiveFilter, *lowercase.LowerCaseFilter, textfold.Filter, *stop.StopTokensFilter, *porter.PorterStemmer, *en.EnglishStemmerFilter:
		case *textfold.CachedChain: // the same filters through a table of words
			if !keepSpans(f.Filters()) {
				return false
			}
		default:
			return false
		}
	}
	return true
}
