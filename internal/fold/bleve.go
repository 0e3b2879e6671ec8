package fold

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

const (
	// TokenFilterName is the Bleve token filter that folds each token's
	// term (String), keeping its offsets.
	TokenFilterName = "readout_fold"
	// AnalyzerName is Bleve's "en" analyzer with folding after
	// lower-casing: unicode tokenizer, possessive_en, to_lower,
	// readout_fold, stop_en, stemmer_porter. Folding comes before the stop
	// words and the stemmer, which then see the folded word.
	AnalyzerName = "readout_en"
)

// Filter is the folding token filter.
type Filter struct{}

// Filter folds the term of every token of input in place.
func (Filter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		t.Term = Bytes(t.Term)
	}
	return input
}

// NewAnalyzer builds the AnalyzerName analyzer from the filters of cache.
// The filters run through a table of the words already seen (terms.go):
// the terms are the chain's, token for token.
func NewAnalyzer(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
	return newAnalyzer(cache, terms)
}

// newAnalyzer builds the analyzer with the table tc, or with none (nil):
// the filters one after the other, as Bleve runs them.
func newAnalyzer(cache *registry.Cache, tc *termCache) (*analysis.DefaultAnalyzer, error) {
	tok, err := cache.TokenizerNamed(unicode.Name)
	if err != nil {
		return nil, err
	}
	var filters []analysis.TokenFilter
	for _, name := range []string{en.PossessiveName, lowercase.Name, TokenFilterName, en.StopName, porter.Name} {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", AnalyzerName, err)
		}
		filters = append(filters, f)
	}
	if tc == nil {
		return &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: filters}, nil
	}
	return &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: []analysis.TokenFilter{&CachedChain{chain: filters, cache: tc}}}, nil
}

func init() {
	err := registry.RegisterTokenFilter(TokenFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return Filter{}, nil
	})
	if err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(AnalyzerName, NewAnalyzer); err != nil {
		panic(err)
	}
}
