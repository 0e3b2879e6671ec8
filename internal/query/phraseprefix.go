package query

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// DefaultMaxExpansions bounds how many index terms one PhrasePrefixQuery
// expands its last word to.
const DefaultMaxExpansions = 256

// PhrasePrefixQuery is a Bleve query for a phrase whose last word is a
// prefix, such as de-esc* ("de" followed by a word starting with "esc"). At
// search time it lists the index terms starting with each of Prefixes (up to
// MaxExpansions in all), adds Exact, and runs a multi-phrase query of Head
// followed by any of those terms. Head holds analysed terms, one per
// position. Expanded, when not nil, holds the terms of the last word looked
// up beforehand (Fields.Expand): the search then takes those of them the
// index holds instead of listing the prefixes.
type PhrasePrefixQuery struct {
	Field         string    `json:"field"`
	Head          []string  `json:"head"`
	Prefixes      []string  `json:"prefixes"`
	Exact         []string  `json:"exact,omitempty"`
	MaxExpansions int       `json:"max_expansions,omitempty"`
	Expanded      []string  `json:"expanded,omitempty"`
	BoostVal      *bq.Boost `json:"boost,omitempty"`
}

// SetBoost sets the boost of the query.
func (q *PhrasePrefixQuery) SetBoost(b float64) {
	boost := bq.Boost(b)
	q.BoostVal = &boost
}

// Boost returns the boost of the query.
func (q *PhrasePrefixQuery) Boost() float64 { return q.BoostVal.Value() }

// Searcher expands the last word against the index and returns the
// searcher of the resulting multi-phrase query.
func (q *PhrasePrefixQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	max := q.MaxExpansions
	if max <= 0 {
		max = DefaultMaxExpansions
	}
	if q.Expanded != nil {
		return q.expandedSearcher(ctx, i, m, options)
	}
	seen := map[string]bool{}
	var last []string
	for _, p := range q.Prefixes {
		if len(last) >= max {
			break
		}
		d, err := i.FieldDictPrefix(q.Field, []byte(p))
		if err != nil {
			return nil, fmt.Errorf("phrase prefix %q on field %q: %w", p, q.Field, err)
		}
		for len(last) < max {
			e, err := d.Next()
			if err != nil {
				d.Close()
				return nil, fmt.Errorf("phrase prefix %q on field %q: %w", p, q.Field, err)
			}
			if e == nil {
				break
			}
			if !seen[e.Term] {
				seen[e.Term] = true
				last = append(last, e.Term)
			}
		}
		if err := d.Close(); err != nil {
			return nil, fmt.Errorf("phrase prefix %q on field %q: %w", p, q.Field, err)
		}
	}
	for _, e := range q.Exact {
		if !seen[e] {
			seen[e] = true
			last = append(last, e)
		}
	}
	return q.phraseSearcher(ctx, i, m, options, last)
}

// expandedSearcher is the searcher of the phrase with the last word's terms
// of Expanded that i holds.
func (q *PhrasePrefixQuery) expandedSearcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	last := make([]string, 0, len(q.Expanded))
	for _, t := range q.Expanded {
		n, err := docFreq(ctx, i, q.Field, t)
		if err != nil {
			return nil, fmt.Errorf("phrase prefix term %q on field %q: %w", t, q.Field, err)
		}
		if n > 0 {
			last = append(last, t)
		}
	}
	return q.phraseSearcher(ctx, i, m, options, last)
}

// phraseSearcher is the searcher of the multi-phrase Head followed by any
// of last.
func (q *PhrasePrefixQuery) phraseSearcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions, last []string) (search.Searcher, error) {
	if len(last) == 0 || len(q.Head) == 0 {
		return bq.NewMatchNoneQuery().Searcher(ctx, i, m, options)
	}
	terms := make([][]string, 0, len(q.Head)+1)
	for _, h := range q.Head {
		terms = append(terms, []string{h})
	}
	terms = append(terms, last)
	mp := bq.NewMultiPhraseQuery(terms, q.Field)
	mp.SetBoost(q.Boost())
	return mp.Searcher(ctx, i, m, options)
}
