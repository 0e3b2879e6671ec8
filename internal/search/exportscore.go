package search

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// The scores of a browse export's documents, in the order of relevance:
// classes of equal score without q, every document's score with it.

// docScores are the scores of documents, by ascending number.
type docScores struct {
	nums   []uint32
	scores []float64
}

// scoreOf is the score of document n of so.
func (so *sideOrder) scoreOf(n uint32) float64 {
	if so.scored != nil {
		i, _ := slices.BinarySearch(so.scored.nums, n)
		return so.scored.scores[i] // every document of the side is scored
	}
	for _, c := range so.classes {
		if len(so.classes) == 1 || c.docs.Contains(n) {
			return c.score
		}
	}
	return 0
}

// scoreAll scores every document of set (side k's documents of p) for p's
// main query, as Bleve's main search scores them.
func (f *fastReq) scoreAll(ctx context.Context, p *plan, k int, set *roaring.Bitmap) (*docScores, error) {
	sd := f.view.sides[k]
	q := &restrictQuery{inner: p.hitsQuery(), sides: []side{sd}, bits: []*roaring.Bitmap{set}}
	srch, err := q.Searcher(ctx, sd.t.reader, f.s.mappingOf(), bsearch.SearcherOptions{})
	if err != nil {
		return nil, searchErr(ctx, "export scores", err)
	}
	defer srch.Close()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(srch.DocumentMatchPoolSize(), 0)}
	n := int(set.GetCardinality())
	out := &docScores{nums: make([]uint32, 0, n), scores: make([]float64, 0, n)}
	for i := 0; ; i++ {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("export scores: %w", err)
			}
		}
		d, err := srch.Next(sctx)
		if err != nil {
			return nil, searchErr(ctx, "export scores", err)
		}
		if d == nil {
			break
		}
		num, ok := sd.t.docNum(d.IndexInternalID)
		if !ok {
			return nil, fmt.Errorf("export scores: document %x not numbered", d.IndexInternalID)
		}
		out.nums, out.scores = append(out.nums, num), append(out.scores, d.Score)
		sctx.DocumentMatchPool.Put(d)
	}
	if len(out.nums) != n || !slices.IsSorted(out.nums) {
		return nil, fmt.Errorf("export scores: %d of %d documents scored", len(out.nums), n)
	}
	return out, nil
}

type scoredClass struct {
	score float64
	docs  *roaring.Bitmap
}

// scoreClasses splits set (side k's documents of p) into classes of equal
// score, highest first; nil past maxScoreClasses. A browse scores as a
// sum of keyword term scores, each a function of the term's frequency and
// norm in the document: the classes are read from the postings of the
// filter values, and one document of each is scored by Bleve.
func (f *fastReq) scoreClasses(ctx context.Context, p *plan, k int, set *roaring.Bitmap) ([]scoredClass, error) {
	sd := f.view.sides[k]
	classes := []*roaring.Bitmap{set}
	for _, name := range FilterNames {
		if p.joinedFacet(name) {
			continue // a joined filter scores quotes alike (joinQuery)
		}
		for _, v := range p.filters[name] {
			groups, err := sd.t.normGroups(ctx, filterFields[name], v)
			if err != nil {
				return nil, err
			}
			var next []*roaring.Bitmap
			for _, c := range classes {
				rest := c.Clone()
				for _, g := range groups {
					if x := roaring.And(c, g); !x.IsEmpty() {
						next = append(next, x)
						rest.AndNot(x)
					}
				}
				if !rest.IsEmpty() {
					next = append(next, rest)
				}
			}
			if classes = next; len(classes) > maxScoreClasses {
				return nil, nil
			}
		}
	}
	if set.IsEmpty() {
		return []scoredClass{}, nil
	}
	reps := roaring.New()
	for _, c := range classes {
		reps.Add(c.Minimum())
	}
	scores, err := f.scoreDocs(ctx, p, k, reps)
	if err != nil {
		return nil, err
	}
	byScore := map[float64]*roaring.Bitmap{}
	for _, c := range classes {
		s, ok := scores[c.Minimum()]
		if !ok {
			return nil, fmt.Errorf("relevance classes: document %d not scored", c.Minimum())
		}
		if byScore[s] == nil {
			byScore[s] = roaring.New()
		}
		byScore[s].Or(c)
	}
	order := slices.Sorted(maps.Keys(byScore))
	slices.Reverse(order)
	out := make([]scoredClass, len(order))
	for i, s := range order {
		out[i] = scoredClass{score: s, docs: byScore[s]}
	}
	return out, nil
}
