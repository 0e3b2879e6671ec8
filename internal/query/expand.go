package query

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// Bleve's prefix and fuzzy queries expand to every matching term of the
// dictionary when their searcher is built, before the search checks its
// context: sixty two-letter fuzzy terms (xy~2 OR ...) once made one request
// run 95 s and allocate 4.6 GB on the Reuters index. So a caller that serves
// untrusted queries looks the expansions up first, counting them
// (Lookups, LookupIndex), and translates with a Budget as Fields.Expand:
// ToBleve then builds bounded disjunctions of term queries (ExpandedQuery),
// or refuses the query with an *ExpansionError naming the term.

// Lookup is one prefix or fuzzy expansion ToBleve asks for: the index terms
// of Field starting with Value (Distance 0) or within Distance edits of it.
type Lookup struct {
	Field    string `json:"field"`
	Value    string `json:"value"`
	Distance int    `json:"distance,omitempty"`
}

// Expansion is one index term a prefix or fuzzy term stands for.
type Expansion struct {
	Term     string `json:"term"`
	Distance int    `json:"distance,omitempty"` // edits from the fuzzy term; 0 for a prefix
	DocFreq  uint64 `json:"doc_freq"`           // documents holding the term, summed over the indexes looked up
}

// Expander gives ToBleve the index terms of a lookup (Fields.Expand).
// first > 0 asks for the first terms only (in term order): the phrase of a
// hyphenated prefix takes at most DefaultMaxExpansions.
type Expander interface {
	Expand(l Lookup, first int) ([]Expansion, error)
}

// Lookups returns the prefix and fuzzy lookups that ToBleve makes for n with
// each of fs, in the order it makes them (a lookup repeats when a term
// does). Errors are ToBleve's (a *FieldError for an unknown field).
func Lookups(n Node, fs ...Fields) ([]Lookup, error) {
	rec := &recorder{}
	for _, f := range fs {
		f.Expand = rec
		if _, err := ToBleve(n, f); err != nil {
			return nil, err
		}
	}
	return rec.lookups, nil
}

// HasExpansions reports whether n holds a prefix or fuzzy term: without
// one, ToBleve makes no lookup.
func HasExpansions(n Node) bool {
	switch n := n.(type) {
	case *And:
		return slices.ContainsFunc(n.Children, HasExpansions)
	case *Or:
		return slices.ContainsFunc(n.Children, HasExpansions)
	case *Not:
		return HasExpansions(n.Child)
	case *Prefix, *Fuzzy:
		return true
	}
	return false
}

type recorder struct{ lookups []Lookup }

func (r *recorder) Expand(l Lookup, _ int) ([]Expansion, error) {
	r.lookups = append(r.lookups, l)
	return nil, nil
}

// countCap bounds how far a lookup beyond the limit keeps counting, so
// that the error can say how many terms it would have been.
const countCap = 100_000

// Dictionary holds the expansions of lookups in an index (LookupIndex).
type Dictionary struct {
	results map[Lookup]*lookupResult
}

type lookupResult struct {
	terms []Expansion // sorted by term
	count int         // terms found: len(terms), or more when cut short
	cut   bool        // terms is part of the expansion only (count is a lower bound)
	// cutCount sums the terms counted by the indexes that cut it short
	// (what MergeResults sums across sets of indexes).
	cutCount int
}

// LookupIndex looks every lookup up in the term dictionaries of idx. It
// runs as one search whose query only reads dictionaries, so that it also
// works on an index alias or an overlay of several indexes (Bleve serves no
// merged dictionary for those): each index's expansions are merged, their
// document frequencies summed.
//
// maxTerms > 0 bounds the work: a lookup keeps at most maxTerms+1 terms
// (and counts on, up to a cap, for the error message), and once the
// lookups of one index hold more than maxTerms terms in all, the rest are
// not read. Either way such lookups are marked cut short, and a Budget of
// at most maxTerms refuses them (but for the first terms a phrase prefix
// asks for): their terms are never searched.
func LookupIndex(ctx context.Context, idx bleve.Index, lookups []Lookup, maxTerms int) (*Dictionary, error) {
	d := &Dictionary{results: make(map[Lookup]*lookupResult, len(lookups))}
	var uniq []Lookup
	for _, l := range lookups {
		if _, ok := d.results[l]; !ok {
			d.results[l] = &lookupResult{}
			uniq = append(uniq, l)
		}
	}
	if len(uniq) == 0 {
		return d, nil
	}
	var (
		mu     sync.Mutex
		merged = map[Lookup]map[string]*Expansion{}
		cutAt  = map[Lookup]int{}
		errs   []error
	)
	probe := &dictProbe{read: func(ctx context.Context, r index.IndexReader) {
		local, err := readLookups(ctx, r, uniq, maxTerms)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, err)
			return
		}
		for l, res := range local {
			m := merged[l]
			if m == nil {
				m = map[string]*Expansion{}
				merged[l] = m
			}
			for _, x := range res.terms {
				if have, ok := m[x.Term]; ok {
					have.DocFreq += x.DocFreq
					have.Distance = min(have.Distance, x.Distance)
					continue
				}
				m[x.Term] = &x
			}
			if res.cut {
				cutAt[l] += res.count
			}
		}
	}}
	if _, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(probe, 0, 0, false)); err != nil {
		return nil, fmt.Errorf("look up prefix and fuzzy terms: %w", err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("look up prefix and fuzzy terms: %w", err)
	}
	for _, l := range uniq {
		res := d.results[l]
		for _, x := range merged[l] {
			res.terms = append(res.terms, *x)
		}
		slices.SortFunc(res.terms, func(a, b Expansion) int { return strings.Compare(a.Term, b.Term) })
		res.count = len(res.terms)
		if n, ok := cutAt[l]; ok {
			res.cut, res.cutCount, res.count = true, n, max(n, res.count)
		}
	}
	return d, nil
}

// readLookups reads the lookups from one index reader.
func readLookups(ctx context.Context, r index.IndexReader, lookups []Lookup, maxTerms int) (map[Lookup]*lookupResult, error) {
	out := make(map[Lookup]*lookupResult, len(lookups))
	total := 0
	var reuse []int
	for _, l := range lookups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res := &lookupResult{}
		out[l] = res
		if maxTerms > 0 && total > maxTerms {
			res.cut = true // refused whatever it holds: not read
			continue
		}
		add := func(term string, dist int, df uint64) bool {
			res.count++
			if maxTerms <= 0 || len(res.terms) <= maxTerms {
				res.terms = append(res.terms, Expansion{Term: term, Distance: dist, DocFreq: df})
			} else {
				res.cut = true
			}
			return maxTerms <= 0 || res.count < countCap
		}
		var err error
		if l.Distance == 0 {
			err = readDict(func() (index.FieldDict, error) { return r.FieldDictPrefix(l.Field, []byte(l.Value)) },
				func(e *index.DictEntry) bool { return add(e.Term, 0, e.Count) })
		} else if fr, ok := r.(index.IndexReaderFuzzy); ok {
			err = readDict(func() (index.FieldDict, error) { return fr.FieldDictFuzzy(l.Field, l.Value, l.Distance, "") },
				func(e *index.DictEntry) bool { return add(e.Term, int(e.EditDistance), e.Count) })
		} else {
			// Readers without automata (in-memory upsidedown indexes):
			// the whole dictionary against the edit distance, as Bleve's
			// fuzzy searcher does.
			err = readDict(func() (index.FieldDict, error) { return r.FieldDict(l.Field) },
				func(e *index.DictEntry) bool {
					var d int
					var over bool
					d, over, reuse = search.LevenshteinDistanceMaxReuseSlice(l.Value, e.Term, l.Distance, reuse)
					if over || d > l.Distance {
						return true
					}
					return add(e.Term, d, e.Count)
				})
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", lookupString(l), err)
		}
		if res.count > len(res.terms) {
			res.cut = true
		}
		if !res.cut {
			// Fuzzy dictionaries of scorch omit document frequencies.
			for i := range res.terms {
				if res.terms[i].DocFreq > 0 {
					continue
				}
				n, err := docFreq(ctx, r, l.Field, res.terms[i].Term)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", lookupString(l), err)
				}
				res.terms[i].DocFreq = n
			}
		}
		total += len(res.terms)
	}
	return out, nil
}

func readDict(open func() (index.FieldDict, error), each func(*index.DictEntry) bool) (err error) {
	fd, err := open()
	if err != nil {
		return err
	}
	defer func() {
		if cerr := fd.Close(); err == nil {
			err = cerr
		}
	}()
	for {
		e, err := fd.Next()
		if err != nil || e == nil {
			return err
		}
		if !each(e) {
			return nil
		}
	}
}

func docFreq(ctx context.Context, r index.IndexReader, field, term string) (uint64, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, err
	}
	n := tfr.Count()
	return n, tfr.Close()
}

func lookupString(l Lookup) string {
	if l.Distance == 0 {
		return fmt.Sprintf("%s:%s*", l.Field, l.Value)
	}
	return fmt.Sprintf("%s:%s~%d", l.Field, l.Value, l.Distance)
}

// dictProbe is a Bleve query that matches nothing: its searcher reads the
// term dictionaries of the index it is given.
type dictProbe struct {
	read func(ctx context.Context, r index.IndexReader)
}

func (q *dictProbe) Searcher(ctx context.Context, i index.IndexReader, _ mapping.IndexMapping, _ search.SearcherOptions) (search.Searcher, error) {
	q.read(ctx, i)
	return searcher.NewMatchNoneSearcher(i)
}

// Budget is an Expander over a Dictionary that bounds what the prefix and
// fuzzy terms of one request expand to: MaxTerms index terms in all, and
// MaxPostings postings in all (the sum of those terms' document
// frequencies: the documents a search reads for them). Every expansion
// ToBleve makes counts, each time it makes it: a prefix searched in title
// and body counts twice, and again when the same Budget serves a second
// translation (the quote-side query of an article search). Terms and
// Postings report what was expanded so far. A zero limit is no limit.
type Budget struct {
	Dict        *Dictionary
	MaxTerms    int
	MaxPostings uint64

	Terms    int
	Postings uint64
}

// Expand returns the expansion of l (its first terms when first > 0) or a
// *BudgetError.
func (b *Budget) Expand(l Lookup, first int) ([]Expansion, error) {
	res := b.Dict.results[l]
	if res == nil {
		return nil, fmt.Errorf("%s was not looked up", lookupString(l))
	}
	terms := res.terms
	switch {
	case first > 0 && len(terms) > first:
		terms = terms[:first]
	case res.cut:
		return nil, &BudgetError{Field: l.Field, Limit: uint64(b.MaxTerms), N: uint64(res.count), Total: uint64(b.Terms + res.count), More: true}
	}
	b.Terms += len(terms)
	if b.MaxTerms > 0 && b.Terms > b.MaxTerms {
		return nil, &BudgetError{Field: l.Field, Limit: uint64(b.MaxTerms), N: uint64(len(terms)), Total: uint64(b.Terms)}
	}
	var p uint64
	for _, x := range terms {
		p += x.DocFreq
	}
	b.Postings += p
	if b.MaxPostings > 0 && b.Postings > b.MaxPostings {
		return nil, &BudgetError{Field: l.Field, Postings: true, Limit: b.MaxPostings, N: p, Total: b.Postings}
	}
	return terms, nil
}

// BudgetError is an expansion a Budget refuses.
type BudgetError struct {
	Field    string // the Bleve field of the expansion
	Postings bool   // the postings limit was exceeded (else the terms limit)
	Limit    uint64 // that limit
	N        uint64 // terms (or postings) of this expansion
	Total    uint64 // with the expansions before it
	More     bool   // the lookup was cut short: N and Total are lower bounds
}

func (e *BudgetError) Error() string { return "prefix or fuzzy term " + e.phrase() }

// phrase describes the expansion after the term: "expands to 3,417 terms
// in body; the limit per request is 1,000".
func (e *BudgetError) phrase() string {
	limit := "; the limit per request is " + thousands(e.Limit)
	soFar := ""
	if e.Total > e.N {
		soFar = ", " + thousands(e.Total) + " for the request so far"
	}
	switch {
	case e.Postings:
		return "expands to terms with " + count(e.N, "posting") + " in " + e.Field + " (documents to read)" + soFar + limit + " postings"
	case e.More && e.N == 0:
		return "and the prefix and fuzzy terms before it expand to more than " + count(e.Limit, "term") + limit
	case e.More && e.N >= countCap:
		return "expands to more than " + count(e.N, "term") + " in " + e.Field + limit
	}
	return "expands to " + count(e.N, "term") + " in " + e.Field + soFar + limit
}

// count is n and the noun, plural unless n is 1: "3,417 terms".
func count(n uint64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}

// ExpansionError is a prefix or fuzzy term that Fields.Expand could not
// expand: Err is a *BudgetError when a limit refused it.
type ExpansionError struct {
	Term string // the term as printed, e.g. xy~2 or title:negotiat*
	Pos  int    // byte offset of the term in the query
	Err  error
}

func (e *ExpansionError) Error() string {
	if be, ok := errors.AsType[*BudgetError](e.Err); ok {
		return fmt.Sprintf("'%s' %s", e.Term, be.phrase())
	}
	return fmt.Sprintf("expand '%s': %v", e.Term, e.Err)
}

func (e *ExpansionError) Unwrap() error { return e.Err }

// thousands formats n with commas: 3,417.
func thousands(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// boosted is the boost of a custom query (Bleve's BoostableQuery), embedded
// last so that it is written last in the query's JSON.
type boosted struct {
	BoostVal *bq.Boost `json:"boost,omitempty"`
}

// SetBoost sets the boost of the query.
func (b *boosted) SetBoost(v float64) {
	boost := bq.Boost(v)
	b.BoostVal = &boost
}

// Boost returns the boost of the query.
func (b *boosted) Boost() float64 { return b.BoostVal.Value() }

// ExpandedQuery is a prefix or fuzzy term of one field expanded beforehand
// (Fields.Expand): Value is the prefix or the fuzzy term, Terms its
// expansions. Its searcher is the one Bleve's prefix or fuzzy query would
// build from those of Terms that the index being searched holds: their
// disjunction, each term scored with the boost divided by its edits + 1; a
// term query of Value when none or only Value itself is left. So scores
// and highlighting are what they were without the expansion.
type ExpandedQuery struct {
	Field string      `json:"field"`
	Value string      `json:"value"`
	Terms []Expansion `json:"terms"`
	boosted
}

// Searcher returns the disjunction of the term searchers of Terms that
// match in i (a term another index of an alias holds is left out, as
// Bleve's own expansion against i would leave it out).
func (q *ExpandedQuery) Searcher(ctx context.Context, i index.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	ss := make([]search.Searcher, 0, len(q.Terms))
	present := "" // the last term held
	closeAll := func() {
		for _, s := range ss {
			_ = s.Close()
		}
	}
	for _, x := range q.Terms {
		s, err := searcher.NewTermSearcher(ctx, i, x.Term, q.Field, q.Boost()/float64(x.Distance+1), options)
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("expanded %s term %q: %w", q.Field, x.Term, err)
		}
		if s.Count() == 0 {
			_ = s.Close()
			continue
		}
		ss = append(ss, s)
		present = x.Term
	}
	if len(ss) == 0 || len(ss) == 1 && present == q.Value {
		closeAll()
		s, err := searcher.NewTermSearcher(ctx, i, q.Value, q.Field, q.Boost(), options)
		if err != nil {
			return nil, fmt.Errorf("expanded %s term %q: %w", q.Field, q.Value, err)
		}
		return s, nil
	}
	s, err := searcher.NewDisjunctionSearcher(ctx, i, ss, 0, options)
	if err != nil {
		closeAll()
		return nil, fmt.Errorf("expanded %s terms: %w", q.Field, err)
	}
	return s, nil
}

// LookupResult is one lookup of a Dictionary, as it travels between the
// nodes of partitioned serving (JSON): its terms, sorted, with their
// document frequencies, and, when some index cut it short, the terms
// those indexes counted (CutCount).
type LookupResult struct {
	Lookup   Lookup      `json:"lookup"`
	Terms    []Expansion `json:"terms"`
	Cut      bool        `json:"cut,omitempty"`
	CutCount int         `json:"cut_count,omitempty"`
}

// Results are d's lookups, ordered by field, value and distance.
func (d *Dictionary) Results() []LookupResult {
	out := make([]LookupResult, 0, len(d.results))
	for l, res := range d.results {
		out = append(out, LookupResult{Lookup: l, Terms: slices.Clone(res.terms), Cut: res.cut, CutCount: res.cutCount})
	}
	slices.SortFunc(out, func(a, b LookupResult) int {
		if c := strings.Compare(a.Lookup.Field, b.Lookup.Field); c != 0 {
			return c
		}
		if c := strings.Compare(a.Lookup.Value, b.Lookup.Value); c != 0 {
			return c
		}
		return a.Lookup.Distance - b.Lookup.Distance
	})
	return out
}

// MergeResults merges the lookups of dictionaries of disjoint sets of
// indexes (Dictionary.Results of each) into the dictionary LookupIndex
// gives over all of them: each lookup's terms united, their document
// frequencies summed, cut short when any set cut it.
func MergeResults(sets ...[]LookupResult) *Dictionary {
	merged := map[Lookup]map[string]*Expansion{}
	cut := map[Lookup]int{}
	for _, set := range sets {
		for _, r := range set {
			m := merged[r.Lookup]
			if m == nil {
				m = map[string]*Expansion{}
				merged[r.Lookup] = m
			}
			for _, x := range r.Terms {
				if have, ok := m[x.Term]; ok {
					have.DocFreq += x.DocFreq
					have.Distance = min(have.Distance, x.Distance)
					continue
				}
				m[x.Term] = &x
			}
			if r.Cut {
				cut[r.Lookup] += r.CutCount
			}
		}
	}
	d := &Dictionary{results: make(map[Lookup]*lookupResult, len(merged))}
	for l, m := range merged {
		res := &lookupResult{}
		for _, x := range m {
			res.terms = append(res.terms, *x)
		}
		slices.SortFunc(res.terms, func(a, b Expansion) int { return strings.Compare(a.Term, b.Term) })
		res.count = len(res.terms)
		if n, ok := cut[l]; ok {
			res.cut, res.cutCount, res.count = true, n, max(n, res.count)
		}
		d.results[l] = res
	}
	return d
}
