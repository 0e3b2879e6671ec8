package search

import (
	"context"
	"maps"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"
)

// Counting stories (Request.CountStories, count=stories): a set of
// articles holds as many stories as articles in no group, plus the groups
// it holds an article of. The total (total_stories) and each facet value
// (the set's articles with that value) count so: selecting a value finds
// as many stories as the value counted. The histogram and its series count
// a story on the day of its first copy in the result (the copies that are
// not a group's first matching article left out), so that its buckets add
// up to total_stories; a range dragged on it can find more stories, whose
// first copy is earlier but which have a copy in the range.

// setStories sets the count of stories of a collapsed response.
func (p *plan) setStories(resp *Response) {
	if p.collapsing {
		n := resp.Total - p.collapsed
		resp.TotalStories = &n
	}
}

// stories is sets (one per side) less the articles that are not the first
// of their group among the sets' documents: the fast path's count of
// stories, as plan.query counts them on the per-hit path.
//
// A group whose first member is in the sets is covered: each other member
// in the sets is a later copy. When every group of articles (or of quotes)
// is covered, as on the start page, those copies are the sets' grouped
// documents less the firsts, in bitmaps; otherwise each grouped document
// is placed by its group, one by one.
func (f *fastReq) stories(sets []*roaring.Bitmap) []*roaring.Bitmap {
	g := f.s.gen.Groups
	if g == nil || g.Len() == 0 {
		return sets
	}
	covered := make([]bool, g.Len())
	coveredArticles, coveredQuotes := 0, 0
	tgs := make([]*tableGroups, len(sets))
	for k, set := range sets {
		tgs[k] = f.view.sides[k].t.groupsOf(g)
		it := roaring.And(set, tgs[k].first).Iterator()
		for it.HasNext() {
			gi := tgs[k].group[it.Next()]
			if !covered[gi] {
				covered[gi] = true
				if int(gi) < g.Articles() {
					coveredArticles++
				} else {
					coveredQuotes++
				}
			}
		}
	}
	allArticles, allQuotes := coveredArticles == g.Articles(), coveredQuotes == g.Len()-g.Articles()
	type doc struct {
		k    int
		d    uint32
		rank int32
	}
	var best map[int32]doc // uncovered groups only: few
	later := make([]*roaring.Bitmap, len(sets))
	one := make([][]uint32, len(sets)) // later copies placed one by one
	for k, set := range sets {
		tg := tgs[k]
		rest := roaring.AndNot(roaring.And(set, tg.multi), tg.first)
		later[k] = roaring.New()
		if allArticles {
			later[k].Or(roaring.AndNot(rest, tg.quotes))
			rest.And(tg.quotes)
		}
		if allQuotes {
			later[k].Or(roaring.And(rest, tg.quotes))
			rest.AndNot(tg.quotes)
		}
		it := rest.Iterator()
		for it.HasNext() {
			d := it.Next()
			gi := tg.group[d]
			if covered[gi] {
				one[k] = append(one[k], d)
				continue
			}
			if best == nil {
				best = map[int32]doc{}
			}
			c := doc{k, d, tg.rankOf(d)}
			if b, ok := best[gi]; !ok || c.rank < b.rank {
				if ok {
					one[b.k] = append(one[b.k], b.d)
				}
				best[gi] = c
			} else {
				one[k] = append(one[k], d)
			}
		}
	}
	out := slices.Clone(sets)
	for k := range sets {
		if len(one[k]) > 0 {
			later[k].Or(roaring.BitmapOf(one[k]...))
		}
		if !later[k].IsEmpty() {
			out[k] = roaring.AndNot(sets[k], later[k])
		}
	}
	return out
}

// countsStories reports whether p's facets and histogram count stories.
func (p *plan) countsStories() bool { return p.req.CountStories && p.collapses() }

// storyFacets counts the values of facets names in stories (the per-hit
// path), over set (the facets' set: p.queryBase of the filter they leave
// out): the articles in no group by terms facets, and for each group with
// matching articles, each value they have once (one search per group,
// every facet asked at once). It returns the counts by facet and value.
func (p *plan) storyFacets(ctx context.Context, names []string, set bquery.Query) (map[string]map[string]int, error) {
	ids := p.s.groupMembers(p.req.Mode)
	members := bleve.NewDocIDQuery(ids)
	// Joined facets in quote mode count through the quotes' articles
	// (joinedCounts), the others by Bleve's facets.
	var plain, joined []string
	for _, name := range names {
		if p.joinedFacet(name) {
			joined = append(joined, name)
		} else {
			plain = append(plain, name)
		}
	}
	addFacets := func(r *bleve.SearchRequest) {
		for _, name := range plain {
			r.AddFacet(name, bleve.NewFacetRequest(filterFields[name], allTerms))
		}
	}
	// counts are the counts of every facet over q (one search, and the
	// joined facets' own).
	counts := func(q bquery.Query) (map[string]map[string]int, error) {
		r := bleve.NewSearchRequestOptions(q, 0, 0, false)
		addFacets(r)
		res, err := p.search(ctx, r, "story facets")
		if err != nil {
			return nil, err
		}
		c := map[string]map[string]int{}
		for _, name := range plain {
			c[name] = map[string]int{}
			for _, t := range facetTerms(res, name) {
				c[name][t.Term] += t.Count
			}
		}
		if len(joined) > 0 {
			jc, err := p.joinedCounts(ctx, q, joined)
			if err != nil {
				return nil, err
			}
			maps.Copy(c, jc)
		}
		return c, nil
	}
	out, err := counts(without(set, members))
	if err != nil {
		return nil, err
	}
	multi := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(set, members), len(ids), 0, false)
	res, err := p.search(ctx, multi, "story facets")
	if err != nil {
		return nil, err
	}
	byGroup := map[int][]string{}
	for _, h := range res.Hits {
		if ref, ok := p.s.gen.Groups.Of(h.ID); ok {
			byGroup[ref.Group] = append(byGroup[ref.Group], h.ID)
		}
	}
	for _, gids := range byGroup {
		gc, err := counts(bleve.NewDocIDQuery(gids))
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			for t, n := range gc[name] {
				if n > 0 {
					out[name][t]++ // the group is one story with this value
				}
			}
		}
	}
	return out, nil
}

// storyFacetCounts are the counts in stories of facet name's values, from
// p's cache: the facets without a selection are counted together, over
// the result.
func (p *plan) storyFacetCounts(ctx context.Context, name string) (map[string]int, error) {
	if c, ok := p.storyCounts[name]; ok {
		return c, nil
	}
	names := []string{name}
	exclude := name
	if len(p.filters[name]) == 0 {
		exclude, names = "", nil
		for _, n := range append(facetNamesOf(p.req.Facets), name, p.req.Split.Name) {
			if n != "" && len(p.filters[n]) == 0 && !p.quoteSpeakerFacet(n) && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	counts, err := p.storyFacets(ctx, names, p.queryBase(exclude))
	if err != nil {
		return nil, err
	}
	if p.storyCounts == nil {
		p.storyCounts = map[string]map[string]int{}
	}
	maps.Copy(p.storyCounts, counts)
	return counts[name], nil
}

// facetNamesOf are the names of specs.
func facetNamesOf(specs []FacetSpec) []string {
	out := make([]string, len(specs))
	for i, f := range specs {
		out[i] = f.Name
	}
	return out
}

// storyFacetValues are the top k values of facet name counted in stories
// (the per-hit path), and their counts.
func (p *plan) storyFacetValues(ctx context.Context, name string, k int) ([]FacetValue, map[string]int, error) {
	counts, err := p.storyFacetCounts(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	all := make([]termCount, 0, len(counts))
	for t, n := range counts {
		if n > 0 {
			all = append(all, termCount{t, n})
		}
	}
	field := filterFields[name]
	top := topTerms(all, k)
	out := make([]FacetValue, 0, len(top))
	for _, t := range top {
		out = append(out, FacetValue{Value: t.Term, Label: p.label(field, t.Term), Count: t.Count, Selected: p.selected[name][t.Term]})
	}
	return out, counts, nil
}

// storyCounts counts field's values over sets (one per side) in stories
// (the fast path): the documents in no group by count, and for each
// value, the groups its documents in a group are in.
func (f *fastReq) storyCounts(field string, sets []*roaring.Bitmap) *counts {
	g := f.s.gen.Groups
	singles := make([]*roaring.Bitmap, len(sets))
	for k, set := range sets {
		singles[k] = roaring.AndNot(set, f.view.sides[k].t.groupsOf(g).multi)
	}
	out := &counts{byKey: f.count(field, singles).keyed()}
	type pair struct {
		term  string
		group int
	}
	seen := map[pair]bool{}
	for k, set := range sets {
		tg := f.view.sides[k].t.groupsOf(g)
		col := f.view.sides[k].t.cols[field]
		multi := roaring.And(set, tg.multi)
		add := func(o uint32, d uint32) {
			pr := pair{col.terms[o], int(tg.group[d])}
			if !seen[pr] {
				seen[pr] = true
				out.byKey[pr.term]++
			}
		}
		if col.forward() {
			it := multi.Iterator()
			for it.HasNext() {
				d := it.Next()
				col.each(d, func(o uint32) { add(o, d) })
			}
			continue
		}
		for o, p := range col.post {
			it := roaring.And(multi, p).Iterator()
			for it.HasNext() {
				add(uint32(o), it.Next())
			}
		}
	}
	return out
}
