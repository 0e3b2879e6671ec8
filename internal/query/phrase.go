package query

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/readout/readout/internal/pairs"
)

// PhraseQuery is Bleve's MatchPhraseQuery without slop or fuzziness, with a
// cheaper check of each candidate. The text is analysed as Bleve analyses
// it, the candidates are the same conjunction of term searchers, and a
// match carries the same score and the same term locations (those of the
// phrase's occurrences); only the check differs. Bleve's turns every
// candidate's locations into two maps (DocumentMatch.Complete) before
// looking for the phrase in them: at a million articles, where `"foreign
// minister"` has hundreds of thousands of candidates, those maps were a
// fifth of a phrase query's CPU and most of its garbage. This one sorts
// each term's locations in a slice the searcher reuses.
type PhraseQuery struct {
	Phrase string `json:"match_phrase"`
	Field  string `json:"field"`
	boosted
}

// NewPhraseQuery is the phrase of text in field.
func NewPhraseQuery(text, field string) *PhraseQuery {
	return &PhraseQuery{Phrase: text, Field: field}
}

// Searcher analyses the phrase with the field's analyzer, as Bleve's
// MatchPhraseQuery does, and searches it.
func (q *PhraseQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	field := q.Field
	if field == "" {
		field = m.DefaultSearchField()
	}
	analyzer := m.AnalyzerNamed(m.AnalyzerNameForPath(field))
	if analyzer == nil {
		return nil, fmt.Errorf("no analyzer for field %q", field)
	}
	terms := tokenStreamToPhrase(analyzer.Analyze([]byte(q.Phrase)))
	if len(terms) == 0 {
		return bq.NewMatchNoneQuery().Searcher(ctx, i, m, options)
	}
	if ctx != nil {
		// Synonyms are expanded by Bleve's phrase searcher only.
		if fts, ok := ctx.Value(bsearch.FieldTermSynonymMapKey).(bsearch.FieldTermSynonymMap); ok && fts[field] != nil {
			mp := bq.NewMultiPhraseQuery(terms, field)
			mp.SetBoost(q.BoostVal.Value())
			return mp.Searcher(ctx, i, m, options)
		}
	}
	if len(terms) == 1 && len(terms[0]) == 1 {
		// One word (the rest stop words: "said the"): every document with
		// it holds the phrase, at each of its locations. Its term searcher
		// with the term vectors, as the phrase searcher's conjunction of
		// one scores it, without the check of every candidate: at a million
		// articles "said the" took 250-370 ms against 100-140 for said.
		options.IncludeTermVectors = true
		ts, err := searcher.NewTermSearcher(ctx, i, terms[0][0], field, q.BoostVal.Value(), options)
		if err != nil {
			return nil, fmt.Errorf("phrase: term searcher: %w", err)
		}
		ts.SetQueryNorm(1 / math.Sqrt(ts.Weight()))
		return ts, nil
	}
	return newPhraseSearcher(ctx, i, terms, field, q.BoostVal.Value(), options)
}

// tokenStreamToPhrase is Bleve's (search/query): the terms by position
// from the first, several at one position, none at a position the
// analyzer dropped (a stop word).
func tokenStreamToPhrase(tokens analysis.TokenStream) [][]string {
	if len(tokens) == 0 {
		return nil
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	out := make([][]string, last-first+1)
	for _, t := range tokens {
		out[t.Position-first] = append(out[t.Position-first], string(t.Term))
	}
	return out
}

// phraseSearcher finds the phrase in the candidates of must, the
// conjunction of one searcher per position (a term, or a disjunction of
// the terms at that position).
type phraseSearcher struct {
	must      bsearch.Searcher
	terms     [][]string // by position; empty: any term
	curr      *bsearch.DocumentMatch
	started   bool
	distinct  []string             // the phrase's distinct terms
	slot      [][]int              // position -> indexes in distinct
	locs      [][]bsearch.Location // distinct term -> its locations in the candidate, sorted
	path      []phrasePart
	found     []bsearch.FieldTermLocation
	fieldName string
}

type phrasePart struct {
	term int // index in distinct
	loc  int // index in locs[term]
}

func newPhraseSearcher(ctx context.Context, r bindex.IndexReader, terms [][]string, field string, boost float64, options bsearch.SearcherOptions) (*phraseSearcher, error) {
	options.IncludeTermVectors = true
	var subs []bsearch.Searcher
	closeAll := func() {
		for _, s := range subs {
			_ = s.Close()
		}
	}
	for _, pos := range terms {
		switch {
		case len(pos) == 1 && pos[0] != "":
			ts, err := searcher.NewTermSearcher(ctx, r, pos[0], field, boost, options)
			if err != nil {
				closeAll()
				return nil, fmt.Errorf("phrase: term searcher: %w", err)
			}
			subs = append(subs, ts)
		case len(pos) > 1:
			var alts []bsearch.Searcher
			for _, t := range pos {
				if t == "" {
					continue
				}
				ts, err := searcher.NewTermSearcher(ctx, r, t, field, boost, options)
				if err != nil {
					for _, s := range alts {
						_ = s.Close()
					}
					closeAll()
					return nil, fmt.Errorf("phrase: term searcher: %w", err)
				}
				alts = append(alts, ts)
			}
			ds, err := searcher.NewDisjunctionSearcher(ctx, r, alts, 1, options)
			if err != nil {
				closeAll()
				return nil, fmt.Errorf("phrase: disjunction searcher: %w", err)
			}
			subs = append(subs, ds)
		}
	}
	filters, err := pairFilters(ctx, r, terms, field, options)
	if err != nil {
		closeAll()
		return nil, err
	}
	subs = append(subs, filters...)
	must, err := searcher.NewConjunctionSearcher(ctx, r, subs, options)
	if err != nil {
		closeAll()
		return nil, fmt.Errorf("phrase: conjunction searcher: %w", err)
	}
	s := &phraseSearcher{must: must, terms: terms, fieldName: field}
	for _, pos := range terms {
		var idx []int
		for _, t := range pos {
			if t == "" {
				continue
			}
			k := slices.Index(s.distinct, t)
			if k < 0 {
				k = len(s.distinct)
				s.distinct = append(s.distinct, t)
			}
			idx = append(idx, k)
		}
		s.slot = append(s.slot, idx)
	}
	s.locs = make([][]bsearch.Location, len(s.distinct))
	// The query norm, as Bleve's phrase searcher sets it.
	must.SetQueryNorm(1 / math.Sqrt(must.Weight()))
	return s, nil
}

// Next returns the next candidate holding the phrase.
func (s *phraseSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.started {
		if err := s.advance(ctx); err != nil {
			return nil, err
		}
		s.started = true
	}
	for s.curr != nil {
		rv := s.check()
		if err := s.advance(ctx); err != nil {
			return nil, err
		}
		if rv != nil {
			return rv, nil
		}
	}
	return nil, nil
}

// advance moves to must's next candidate.
func (s *phraseSearcher) advance(ctx *bsearch.SearchContext) error {
	if s.curr != nil {
		ctx.DocumentMatchPool.Put(s.curr)
	}
	var err error
	s.curr, err = s.must.Next(ctx)
	return err
}

// Advance returns the first match at or after id.
func (s *phraseSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if !s.started {
		if err := s.advance(ctx); err != nil {
			return nil, err
		}
		s.started = true
	}
	if s.curr == nil {
		return nil, nil
	}
	if s.curr.IndexInternalID.Compare(id) >= 0 {
		return s.Next(ctx)
	}
	ctx.DocumentMatchPool.Put(s.curr)
	var err error
	if s.curr, err = s.must.Advance(ctx, id); err != nil {
		return nil, err
	}
	return s.Next(ctx)
}

// check returns the current candidate when it holds the phrase, its term
// locations those of every occurrence (in the order Bleve's searcher
// lists them), and takes it from s; nil otherwise.
func (s *phraseSearcher) check() *bsearch.DocumentMatch {
	for k := range s.locs {
		s.locs[k] = s.locs[k][:0]
	}
	ftls := s.curr.FieldTermLocations
	for _, ftl := range ftls {
		if ftl.Field != s.fieldName {
			continue
		}
		k := slices.Index(s.distinct, ftl.Term)
		if k < 0 {
			continue
		}
		loc := ftl.Location
		if len(loc.ArrayPositions) > 0 {
			loc.ArrayPositions = slices.Clone(loc.ArrayPositions)
		}
		s.locs[k] = append(s.locs[k], loc)
	}
	for k := range s.locs {
		s.locs[k] = sortDedupe(s.locs[k])
	}
	s.found = s.found[:0]
	s.paths(0, nil, 0)
	if len(s.found) == 0 {
		return nil
	}
	rv := s.curr
	s.curr = nil
	rv.Locations = nil
	rv.FieldTermLocations = append(ftls[:0], s.found...)
	return rv
}

// paths appends to s.found every occurrence of the phrase from position
// slot on, as Bleve's findPhrasePaths finds them with no slop: the
// previous part at prevPos (0: none yet) with array positions ap.
func (s *phraseSearcher) paths(slot int, ap bsearch.ArrayPositions, prevPos uint64) {
	if slot == len(s.terms) {
		for _, p := range s.path {
			l := s.locs[p.term][p.loc]
			s.found = append(s.found, bsearch.FieldTermLocation{Field: s.fieldName, Term: s.distinct[p.term], Location: l})
		}
		return
	}
	if len(s.slot[slot]) == 0 {
		next := prevPos + 1
		if prevPos == 0 {
			next = 0 // no part yet: a leading gap does not advance
		}
		s.paths(slot+1, ap, next)
		return
	}
	for _, k := range s.slot[slot] {
		for li := range s.locs[k] {
			l := &s.locs[k][li]
			if prevPos != 0 && (l.Pos != prevPos+1 || !l.ArrayPositions.Equals(ap)) {
				continue
			}
			s.path = append(s.path, phrasePart{term: k, loc: li})
			s.paths(slot+1, l.ArrayPositions, l.Pos)
			s.path = s.path[:len(s.path)-1]
		}
	}
}

// sortDedupe sorts locs by array positions and position and drops
// repeats, as Bleve's Locations.Dedupe does.
func sortDedupe(locs []bsearch.Location) []bsearch.Location {
	if len(locs) <= 1 {
		return locs
	}
	less := func(a, b bsearch.Location) int {
		if c := a.ArrayPositions.Compare(b.ArrayPositions); c != 0 {
			return c
		}
		switch {
		case a.Pos < b.Pos:
			return -1
		case a.Pos > b.Pos:
			return 1
		}
		return 0
	}
	if !slices.IsSortedFunc(locs, less) {
		slices.SortFunc(locs, less)
	}
	return slices.CompactFunc(locs, func(a, b bsearch.Location) bool {
		return a.Pos == b.Pos && a.Start == b.Start && a.End == b.End && a.ArrayPositions.Equals(b.ArrayPositions)
	})
}

// Weight is must's.
func (s *phraseSearcher) Weight() float64 { return s.must.Weight() }

// SetQueryNorm sets must's.
func (s *phraseSearcher) SetQueryNorm(qnorm float64) { s.must.SetQueryNorm(qnorm) }

// Count is at most must's.
func (s *phraseSearcher) Count() uint64 { return s.must.Count() }

// Min is 0, as Bleve's phrase searcher's.
func (s *phraseSearcher) Min() int { return 0 }

// DocumentMatchPoolSize is must's and the one s holds.
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() + 1 }

// Close closes must.
func (s *phraseSearcher) Close() error { return s.must.Close() }

var reflectStaticSizePhraseSearcher = int(reflect.TypeOf(phraseSearcher{}).Size())

// Size estimates the searcher's memory.
func (s *phraseSearcher) Size() int {
	n := reflectStaticSizePhraseSearcher + s.must.Size()
	if s.curr != nil {
		n += s.curr.Size()
	}
	return n
}

// pairFilters are the searchers of the phrase's pairs of common words
// (internal/pairs) when the index behind r holds them: one for each two
// adjacent positions of one common term each, deduplicated. They narrow
// the conjunction's candidates (Bleve intersects their postings with the
// terms', OptimizeTFRConjunction) and weigh nothing, so that the phrase's
// scores and locations are those of its terms alone.
func pairFilters(ctx context.Context, r bindex.IndexReader, terms [][]string, field string, options bsearch.SearcherOptions) ([]bsearch.Searcher, error) {
	pf, ok := pairs.Field(field)
	if !ok || !pairs.Marked(r) {
		return nil, nil
	}
	options.Score, options.Explain, options.IncludeTermVectors = "none", false, false
	var out []bsearch.Searcher
	var seen []string
	for k := 0; k+1 < len(terms); k++ {
		a, b := terms[k], terms[k+1]
		if len(a) != 1 || len(b) != 1 || !pairs.Common(a[0]) || !pairs.Common(b[0]) {
			continue
		}
		t := pairs.Term(a[0], b[0])
		if slices.Contains(seen, t) {
			continue
		}
		seen = append(seen, t)
		ts, err := searcher.NewTermSearcher(ctx, r, t, pf, 1, options)
		if err != nil {
			for _, s := range out {
				_ = s.Close()
			}
			return nil, fmt.Errorf("phrase: pair searcher: %w", err)
		}
		out = append(out, pairFilter{ts})
	}
	return out, nil
}

// pairFilter is a pair's term searcher that weighs nothing: it scores 0
// (its options say none) and leaves the query norm to the phrase's terms.
// Bleve's conjunction optimization still sees its postings (Optimize is
// the term searcher's).
type pairFilter struct{ bsearch.Searcher }

func (pairFilter) Weight() float64        { return 0 }
func (pairFilter) SetQueryNorm(_ float64) {}

// Optimize is the term searcher's, when it has one; with none, Bleve
// leaves the whole conjunction unoptimized, still exact.
func (f pairFilter) Optimize(kind string, octx bindex.OptimizableContext) (bindex.OptimizableContext, error) {
	if o, ok := f.Searcher.(bindex.Optimizable); ok {
		return o.Optimize(kind, octx)
	}
	return nil, nil
}
