package search

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/readout/readout/internal/index"
)

// The page of a browse without q, or of any request sorted by date: Bleve's
// main search would score and sort every matching document (sorted by
// date it reads each one's date doc value; by relevance each one's id, the
// tie-break) to keep the page's few. Instead the column tables pick, on each side, candidates that
// surely hold the page, and the main search runs restricted to them: Bleve
// still scores, sorts and cuts the page from them, so hits, scores and
// cursors are what the full search gives. The total is the fast path's
// count.
//
// Sorted by date, the candidates are the documents of the days next in
// the sort order. Sorted by relevance, a browse's score is a sum of
// keyword term scores, each a function of the term's frequency and field
// norm in the document: the documents split into a few classes of equal
// (frequency, norm) for every filter value, one document of each class is
// scored by Bleve, and the candidates are the next ids of the classes in
// score order from the cursor.

// pageCandidates returns, per side, candidates holding p's page from cur,
// or nil when p is not a browse the candidates apply to.
func (f *fastReq) pageCandidates(ctx context.Context, p *plan, cur *cursor) ([]*roaring.Bitmap, error) {
	relevance := p.req.Sort != SortNewest && p.req.Sort != SortOldest
	if p.req.NoHits || (p.textQ != nil && relevance) {
		// With q, relevance is q's score: see scoreCandidates.
		return nil, nil
	}
	if relevance && (!p.req.From.IsZero() || !p.req.To.IsZero()) {
		// A date range scores by the numeric terms each date matches.
		return nil, nil
	}
	if err := f.qSets(ctx, p); err != nil {
		return nil, err
	}
	sets, err := f.docs(ctx, p, "")
	if err != nil {
		return nil, err
	}
	for i, h := range p.hiddenBits {
		if h != nil {
			sets[i].AndNot(h) // the page is of the hits collapse keeps
		}
	}
	// Side by side, a shard a goroutine: the first browse by relevance
	// with a filter reads the norms of the filter's postings on each
	// shard (normGroups), at a million articles 190 ms of CPU for
	// country=US.
	k := p.req.Size
	out := make([]*roaring.Bitmap, len(sets))
	err = perSide(len(sets), func(i int) error {
		t, set := f.view.sides[i].t, sets[i]
		if relevance {
			var err error
			out[i], err = f.byRelevance(ctx, p, i, set, cur, k)
			return err
		}
		var after []byte
		if cur != nil && len(cur.After) > 0 {
			after = cur.After[0]
		}
		lo, hi := dayBounds(t.cols[index.FieldDay].terms, p.req.From, p.req.To)
		out[i] = t.nextDays(set, after, p.req.Sort == SortNewest, k, lo, hi)
		return nil
	})
	if err != nil || slices.Contains(out, nil) {
		return nil, err // nil: a side past maxScoreClasses, the full search decides
	}
	return out, nil
}

// dayBounds are the ordinals [lo, hi) of the days (date_day terms, in
// order) that the documents of a date range [from, to] can be on: a
// document's day is its published time's or, for a year or month date, the
// first day of its span, which is never before 1 January of from's year
// nor after to's day. Outside a range, every day.
func dayBounds(days []string, from, to time.Time) (lo, hi int) {
	lo, hi = 0, len(days)
	if !from.IsZero() {
		lo, _ = slices.BinarySearch(days, fmt.Sprintf("%04d-01-01", from.UTC().Year()))
	}
	if !to.IsZero() {
		i, found := slices.BinarySearch(days, to.UTC().Format(time.DateOnly))
		if found {
			i++
		}
		hi = i
	}
	return lo, hi
}

// nextDays returns the documents of set on the days that come first in
// the date order (newest first when desc) from the day of the sort value
// after (nil: from the start), until k documents are past that day; when
// the days run out, with the undated documents, which sort last. After an
// undated document only undated ones remain. Only the days [lo, hi) are
// looked at (dayBounds): set has none on the others. At a million
// articles a range ending in 2010 had every later day's posting
// intersected with it, newest first: 90 ms for a page of a month.
func (t *table) nextDays(set *roaring.Bitmap, after []byte, desc bool, k, lo, hi int) *roaring.Bitmap {
	col := t.cols[index.FieldDay]
	undated := roaring.And(set, t.cols[index.FieldDated].posting("false"))
	from, to, step := lo, hi, 1
	if desc {
		from, to, step = hi-1, lo-1, -1
	}
	cursorDay := -1
	if after != nil {
		ok, shift := numeric.ValidPrefixCodedTermBytes(after)
		if !ok || shift != 0 {
			return undated // after an undated document (a missing value)
		}
		n, err := numeric.PrefixCoded(after).Int64()
		if err != nil {
			return undated
		}
		day := time.Unix(0, n).UTC().Format(time.DateOnly)
		i, found := slices.BinarySearch(col.terms, day)
		switch {
		case found:
			cursorDay, from = i, i
		case desc:
			from = i - 1
		default:
			from = i
		}
		if desc {
			from = min(from, hi-1)
		} else {
			from = max(from, lo)
		}
	}
	out, n := roaring.New(), 0
	for o := from; (desc && o > to || !desc && o < to) && n < k; o += step {
		x := roaring.And(set, col.post[o])
		out.Or(x)
		if o != cursorDay {
			n += int(x.GetCardinality())
		}
	}
	if n < k {
		out.Or(undated)
	}
	return out
}

// firstByID returns the first k documents of set whose external id is
// after or equal to after, in id order, on each segment (so that the first
// k of the table are among them).
func (t *table) firstByID(set *roaring.Bitmap, after string, k int) (*roaring.Bitmap, error) {
	if t.segs == nil {
		// Internal ids are the external ids: number order is id order.
		out := roaring.New()
		it := set.Iterator()
		if after != "" {
			n, ok := t.numAtOrAfter(bindex.IndexInternalID(after))
			if !ok {
				return out, nil
			}
			it.AdvanceIfNeeded(n)
		}
		for it.HasNext() && int(out.GetCardinality()) < k {
			out.Add(it.Next())
		}
		return out, nil
	}
	if o := t.order.Load(); o != nil {
		var buf [8]byte
		return o.firstByID(set, after, k, func(n uint32) (string, error) {
			return t.reader.ExternalID(t.internalID(buf[:], n))
		})
	}
	return t.segs.firstByID(set, after, k)
}

// scoreMargin is how many documents beyond the page the search by score
// alone keeps, so that a tie at the page's last score shows.
const scoreMargin = 10

// scoreCandidates returns, for the first page of p sorted by relevance
// with q (main is its search), candidates on the base sides of the view:
// the top documents by score alone, found by a search that, sorting by
// score only, never reads the id of a match (Bleve reads every match's id
// to break ties by id). When the last of them scores as the page's last,
// ties may reach beyond them: nil, and the full search runs. The delta is
// left unrestricted.
func (f *fastReq) scoreCandidates(ctx context.Context, p *plan, main *bleve.SearchRequest, cur *cursor) ([]side, []*roaring.Bitmap, error) {
	if cur != nil || p.textQ == nil || (p.req.Sort != "" && p.req.Sort != SortRelevance) {
		return nil, nil, nil
	}
	k, kk := p.req.Size, p.req.Size+scoreMargin
	r := bleve.NewSearchRequestOptions(main.Query, kk, 0, false)
	r.SortByCustom(bsearch.SortOrder{&bsearch.SortScore{Desc: true}})
	res, err := p.search(ctx, r, "search by score")
	if err != nil {
		return nil, nil, err
	}
	hits := res.Hits
	if len(hits) >= kk && len(hits) >= k && k > 0 && !(hits[kk-1].Score < hits[k-1].Score) {
		return nil, nil, nil
	}
	var sides []side
	var bits []*roaring.Bitmap
	for _, sd := range f.view.sides {
		if sd.t == f.view.delta {
			continue
		}
		bm := roaring.New()
		for _, h := range hits {
			n, ok, err := sd.t.docOfID(h.ID)
			if err != nil {
				return nil, nil, fmt.Errorf("search by score: %w", err)
			}
			if ok {
				bm.Add(n)
			}
		}
		sides, bits = append(sides, sd), append(bits, bm)
	}
	return sides, bits, nil
}

// maxScoreClasses bounds the classes of equal score a browse sorted by
// relevance is split into; past it the full main search runs.
const maxScoreClasses = 256

// byRelevance returns the candidates of side k for a browse sorted by
// relevance from cur: the first size documents by id of each class of
// equal score from the cursor's on, in score order, until size are found;
// nil past maxScoreClasses.
func (f *fastReq) byRelevance(ctx context.Context, p *plan, k int, set *roaring.Bitmap, cur *cursor, size int) (*roaring.Bitmap, error) {
	sd := f.view.sides[k]
	classes, err := f.scoreClasses(ctx, p, k, set)
	if err != nil || classes == nil {
		return nil, err
	}
	var (
		cs    float64
		cid   string
		after = cur != nil && len(cur.After) == 2
	)
	if after {
		if cs, err = strconv.ParseFloat(string(cur.After[0]), 64); err != nil {
			return nil, nil // not a score: let the full search judge the cursor
		}
		cid = string(cur.After[1])
	}
	out, need := roaring.New(), size+1 // the cursor's own document may come back
	for _, c := range classes {
		if after && c.score > cs {
			continue
		}
		from := ""
		if after && c.score == cs {
			from = cid
		}
		got, err := sd.t.firstByID(c.docs, from, need)
		if err != nil {
			return nil, err
		}
		out.Or(got)
		if need -= int(got.GetCardinality()); need <= 0 {
			break
		}
	}
	return out, nil
}

// scoreDocs scores documents docs of side k for p's main query, as
// Bleve's main search scores them.
func (f *fastReq) scoreDocs(ctx context.Context, p *plan, k int, docs *roaring.Bitmap) (map[uint32]float64, error) {
	sd := f.view.sides[k]
	q := &restrictQuery{inner: p.hitsQuery(), sides: []side{sd}, bits: []*roaring.Bitmap{docs}}
	srch, err := q.Searcher(ctx, sd.t.reader, f.s.mappingOf(), bsearch.SearcherOptions{})
	if err != nil {
		return nil, searchErr(ctx, "score classes", err)
	}
	defer srch.Close()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(srch.DocumentMatchPoolSize(), 0)}
	out := map[uint32]float64{}
	for {
		d, err := srch.Next(sctx)
		if err != nil {
			return nil, searchErr(ctx, "score classes", err)
		}
		if d == nil {
			return out, nil
		}
		n, ok := sd.t.docNum(d.IndexInternalID)
		if !ok {
			return nil, fmt.Errorf("score classes: document %x not numbered", d.IndexInternalID)
		}
		out[n] = d.Score
		sctx.DocumentMatchPool.Put(d)
	}
}

// normGroups splits the documents with term in field by the term's
// frequency and norm in each: what a term query scores them by.
func (t *table) normGroups(ctx context.Context, field, term string) ([]*roaring.Bitmap, error) {
	key := field + "\x00" + term
	t.normsMu.Lock()
	g, ok := t.norms[key]
	t.normsMu.Unlock()
	if ok {
		return g, nil
	}
	g, err := t.readNormGroups(ctx, field, term)
	if err != nil {
		return nil, err
	}
	for _, bm := range g {
		bm.RunOptimize()
	}
	t.normsMu.Lock()
	defer t.normsMu.Unlock()
	if t.norms == nil || len(t.norms) >= maxNormTerms {
		t.norms = map[string][]*roaring.Bitmap{}
	}
	t.norms[key] = g
	return g, nil
}

// maxNormTerms bounds the filter terms whose norm groups a table keeps (a
// few bitmaps each, together a bit per document at most).
const maxNormTerms = 256

// readNormGroups reads the norm groups of term in field.
func (t *table) readNormGroups(ctx context.Context, field, term string) ([]*roaring.Bitmap, error) {
	if t.segs != nil {
		return t.segs.normGroups(field, term)
	}
	tfr, err := t.reader.TermFieldReader(ctx, []byte(term), field, true, true, false)
	if err != nil {
		return nil, fmt.Errorf("norms of %s:%s: %w", field, term, err)
	}
	defer tfr.Close()
	type fn struct {
		freq uint64
		norm float64
	}
	groups := map[fn]*roaring.Bitmap{}
	var tfd bindex.TermFieldDoc
	for {
		tfd.ID = tfd.ID[:0]
		d, err := tfr.Next(&tfd)
		if err != nil {
			return nil, fmt.Errorf("norms of %s:%s: %w", field, term, err)
		}
		if d == nil {
			break
		}
		n, ok := t.docNum(d.ID)
		if !ok {
			return nil, fmt.Errorf("norms of %s:%s: document %x not numbered", field, term, d.ID)
		}
		key := fn{d.Freq, d.Norm}
		if groups[key] == nil {
			groups[key] = roaring.New()
		}
		groups[key].Add(n)
	}
	out := make([]*roaring.Bitmap, 0, len(groups))
	for _, g := range groups {
		out = append(out, g)
	}
	return out, nil
}

// restrictQuery matches what inner matches, with inner's scores, among
// the candidates of each side (all documents on a snapshot that is not a
// side's, such as a delta changed since the view was made).
type restrictQuery struct {
	inner bquery.Query
	sides []side
	bits  []*roaring.Bitmap
}

// Searcher restricts inner's searcher to the candidates of i's side.
func (q *restrictQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.inner.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	for k, sd := range q.sides {
		if sd.t.reader == i {
			return &restrictSearcher{inner: s, t: sd.t, bits: q.bits[k], it: q.bits[k].Iterator()}, nil
		}
	}
	return s, nil
}

// Validate validates inner.
func (q *restrictQuery) Validate() error {
	if v, ok := q.inner.(bquery.ValidatableQuery); ok {
		return v.Validate()
	}
	return nil
}

// restrictSearcher leaps between the candidates and inner's matches.
type restrictSearcher struct {
	inner bsearch.Searcher
	t     *table
	bits  *roaring.Bitmap
	it    roaring.IntPeekable
	buf   [8]byte
}

// Next returns inner's next match among the candidates.
func (s *restrictSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for s.it.HasNext() {
		c := s.it.PeekNext()
		d, err := s.inner.Advance(ctx, s.t.internalID(s.buf[:], c))
		if err != nil || d == nil {
			return nil, err
		}
		n, ok := s.t.docNum(d.IndexInternalID)
		if !ok {
			return nil, fmt.Errorf("restricted search: document %x not numbered", d.IndexInternalID)
		}
		s.it.AdvanceIfNeeded(n)
		if s.it.HasNext() && s.it.PeekNext() == n {
			s.it.Next()
			return d, nil
		}
		ctx.DocumentMatchPool.Put(d)
	}
	return nil, nil
}

// Advance returns inner's first match among the candidates at or after
// id.
func (s *restrictSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	n, ok := s.t.numAtOrAfter(id)
	if !ok {
		return nil, nil
	}
	s.it.AdvanceIfNeeded(n)
	return s.Next(ctx)
}

// Close closes inner.
func (s *restrictSearcher) Close() error { return s.inner.Close() }

// Weight is inner's.
func (s *restrictSearcher) Weight() float64 { return s.inner.Weight() }

// SetQueryNorm sets inner's.
func (s *restrictSearcher) SetQueryNorm(qnorm float64) { s.inner.SetQueryNorm(qnorm) }

// Count is at most the candidates.
func (s *restrictSearcher) Count() uint64 { return min(s.inner.Count(), s.bits.GetCardinality()) }

// Min is inner's.
func (s *restrictSearcher) Min() int { return s.inner.Min() }

// DocumentMatchPoolSize is inner's.
func (s *restrictSearcher) DocumentMatchPoolSize() int { return s.inner.DocumentMatchPoolSize() }

var reflectStaticSizeRestrictSearcher = int(reflect.TypeOf(restrictSearcher{}).Size())

// Size estimates the searcher's memory.
func (s *restrictSearcher) Size() int { return reflectStaticSizeRestrictSearcher + s.inner.Size() }
