package search

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/index"
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

// Collapse of near-duplicate articles (Request.Collapse, the API's
// collapse=true, its default): the generation groups the copies of one
// story at build time (index.Groups). A search keeps, of each group, the
// first of its members that match (the earliest published, then the
// smallest id: the group's order), and leaves the others out of its hits;
// that one hit stands for the story, at its own place in the sort. Which
// copy stands for a group depends on the request, not on the page, so
// paging and cursors see one set of hits: no group is on two pages. The
// total still counts copies; TotalStories counts the hits left. Facets and
// the histogram count copies.

// collapses reports whether p's request can collapse anything: the
// generation has groups of its mode's documents.
func (p *plan) collapses() bool {
	return len(p.s.groupMembers(p.req.Mode)) > 0
}

// collapse prepares what p's request collapses: with Request.Collapse, the
// copies the hits leave out (over q and every filter); with
// Request.CountStories, the copies the result's count, its histogram and
// aggregates search leave out (the same). Facets counting stories are
// counted by storyFacet. It runs after the speaker filter is set
// (plan.speakerQ).
func (p *plan) collapse(ctx context.Context) error {
	// A collapsed response counts its stories, whether or not the
	// generation has groups to collapse.
	p.collapsing = p.req.Collapse
	if !p.collapses() || (!p.req.Collapse && !p.req.CountStories) {
		return nil
	}
	later, err := p.laterCopies(ctx, p.queryBase(""))
	if err != nil {
		return err
	}
	if p.req.Collapse {
		p.collapsed = len(later)
		p.collapseOut = docIDsQuery(later)
	}
	if !p.req.CountStories {
		return nil
	}
	p.storyOut = map[string]bquery.Query{"": docIDsQuery(later)}
	return nil
}

// laterCopies are the articles q matches that are not the first of their
// group among q's matches (index.Groups orders a group's articles, the
// earliest published first).
func (p *plan) laterCopies(ctx context.Context, q bquery.Query) ([]string, error) {
	g := p.s.gen.Groups
	ids := p.s.groupMembers(p.req.Mode)
	r := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, bleve.NewDocIDQuery(ids)), len(ids), 0, false)
	res, err := p.search(ctx, r, "collapse")
	if err != nil {
		return nil, err
	}
	type member struct {
		id   string
		rank int
	}
	first := map[int]member{}
	var later []string
	for _, h := range res.Hits {
		ref, ok := g.Of(h.ID)
		if !ok {
			return nil, fmt.Errorf("collapse: %s is in no group", h.ID)
		}
		m, seen := first[ref.Group]
		switch {
		case !seen:
			first[ref.Group] = member{h.ID, ref.Rank}
		case ref.Rank < m.rank:
			later = append(later, m.id)
			first[ref.Group] = member{h.ID, ref.Rank}
		default:
			later = append(later, h.ID)
		}
	}
	slices.Sort(later)
	return later, nil
}

// docIDsQuery matches ids; nil for none.
func docIDsQuery(ids []string) bquery.Query {
	if len(ids) == 0 {
		return nil
	}
	return bleve.NewDocIDQuery(ids)
}

// without is q less what out matches (q itself when out is nil).
func without(q, out bquery.Query) bquery.Query {
	if out == nil {
		return q
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(q)
	b.AddMustNot(out)
	return b
}

// groupMembers lists the articles (mode articles) or the quote documents
// (mode quotes) of every group of the served generation, made once.
func (s *served) groupMembers(mode string) []string {
	s.groupsOnce.Do(func() {
		g := s.gen.Groups
		for gi := range g.Len() {
			if gi < g.Articles() {
				s.members = append(s.members, g.Members(gi)...)
			} else {
				s.quoteMembers = append(s.quoteMembers, g.Members(gi)...)
			}
		}
	})
	if mode == ModeQuotes {
		return s.quoteMembers
	}
	return s.members
}

// setGroup gives a hit its group: the group's id and how many other
// copies it holds (none when the article or quote is in no group).
func (p *plan) setGroup(h *Hit) {
	g := p.s.gen.Groups
	ref, ok := g.Of(h.ID)
	if !ok {
		return
	}
	m := g.Members(ref.Group)
	h.Group, h.SimilarCount = m[0], len(m)-1
}

// Similar lists the copies of article id's story (its group of
// near-duplicates, index.Groups), earliest first, as article hits; or, for
// a quote id ("a1#q2"), the copies of the quote as quote hits. An article
// or a quote in no group lists itself alone. ErrNotFound when there is no
// such article or quote.
func (e *Engine) Similar(ctx context.Context, id string) (*SimilarResponse, error) {
	s, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer s.release()
	mode, docType := ModeArticles, index.TypeArticle
	if _, _, ok := index.ParseQuoteDocID(id); ok {
		mode, docType = ModeQuotes, index.TypeQuote
	}
	ids := []string{id}
	if ref, ok := s.gen.Groups.Of(id); ok {
		ids = s.gen.Groups.Members(ref.Group)
	}
	q := bleve.NewConjunctionQuery(termQ(index.FieldType, docType), bleve.NewDocIDQuery(ids))
	r := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	p := &plan{req: &Request{Mode: mode}, s: s}
	p.setHitFields(r)
	res, err := p.search(ctx, r, "similar")
	if err != nil {
		return nil, err
	}
	var hits []Hit
	if mode == ModeQuotes {
		if hits, err = p.quoteHits(ctx, res.Hits, false); err != nil {
			return nil, err
		}
	} else {
		for _, h := range res.Hits {
			hits = append(hits, articleHit(h, false))
		}
	}
	byID := map[string]Hit{}
	for _, h := range hits {
		p.setGroup(&h)
		byID[h.ID] = h
	}
	if _, ok := byID[id]; !ok {
		return nil, fmt.Errorf("%s %q: %w", docType, id, ErrNotFound)
	}
	out := &SimilarResponse{ID: id, Generation: s.gen.Name, Hits: []Hit{}}
	for _, m := range ids { // the group's order: earliest first
		if h, ok := byID[m]; ok {
			out.Hits = append(out.Hits, h)
		}
	}
	out.Group = out.Hits[0].Group
	return out, nil
}

// SimilarResponse is the answer of Similar.
type SimilarResponse struct {
	ID         string `json:"id"`
	Group      string `json:"group,omitempty"` // the group's id: its first article or quote; absent when in no group
	Generation string `json:"generation"`
	Hits       []Hit  `json:"hits"` // the group's articles or quotes, earliest first
}

// setStories sets the count of stories of a collapsed response.
func (p *plan) setStories(resp *Response) {
	if p.collapsing {
		n := resp.Total - p.collapsed
		resp.TotalStories = &n
	}
}

// tableGroups places a table's article documents in the generation's
// groups of near-duplicates: multi holds those in a group.
type tableGroups struct {
	multi  *roaring.Bitmap // documents in a group of two or more
	first  *roaring.Bitmap // of them, each group's first (rank 0)
	quotes *roaring.Bitmap // of them, those in a group of quotes
	group  []int32         // by document number: its group (for those in multi)
	rank   []int32         // by document number: its rank in the group
}

// of is the group and rank of d, a document of multi.
func (tg *tableGroups) of(d uint32) index.GroupRef {
	return index.GroupRef{Group: int(tg.group[d]), Rank: int(tg.rank[d])}
}

// groupsOf is t's tableGroups of g, made once: for a scorch table by one
// walk of each segment's _id dictionary (each id looked up in g), for
// another by looking each member of g up in the table. At a million
// articles the lookups of 3.5 million members in every segment of every
// shard took minutes; the walk takes seconds.
func (t *table) groupsOf(g *index.Groups) *tableGroups {
	t.groupsOnce.Do(func() {
		var (
			all []placedMember
			err error
		)
		if t.segs != nil {
			all, err = t.segs.groupMembers(g)
		} else {
			all, err = t.groupMembersByID(g)
		}
		tg := &tableGroups{multi: roaring.New(), first: roaring.New(), quotes: roaring.New()}
		if err != nil {
			// A table that cannot be read collapses nothing; its searches
			// fail on their own.
			t.groups = tg
			return
		}
		for _, p := range all {
			tg.multi.Add(p.d)
			if p.rank == 0 {
				tg.first.Add(p.d)
			}
			if int(p.group) >= g.Articles() {
				tg.quotes.Add(p.d)
			}
		}
		tg.multi.RunOptimize()
		tg.first.RunOptimize()
		tg.quotes.RunOptimize()
		if len(all) > 0 {
			size := tg.multi.Maximum() + 1
			tg.group, tg.rank = make([]int32, size), make([]int32, size)
			for _, p := range all {
				tg.group[p.d], tg.rank[p.d] = p.group, p.rank
			}
		}
		t.groups = tg
	})
	return t.groups
}

// placedMember is a document of a table that is a member of a group.
type placedMember struct {
	d           uint32
	group, rank int32
}

// groupMembers walks the _id dictionary of each of s's segments and places
// the live documents whose ids are members of g.
func (s *segments) groupMembers(g *index.Groups) ([]placedMember, error) {
	var out []placedMember
	for k, ss := range s.segs {
		dict, err := ss.Segment().Dictionary("_id")
		if err != nil {
			return nil, fmt.Errorf("groups: segment %d: %w", k, err)
		}
		c := &idCursor{seg: k, ss: ss, dict: dict, it: dict.AutomatonIterator(nil, nil, nil)}
		for {
			ok, err := c.next()
			if err != nil {
				return nil, fmt.Errorf("groups: segment %d: %w", k, err)
			}
			if !ok {
				break
			}
			ref, in := g.Of(c.term)
			if !in {
				continue
			}
			d, live, err := c.doc(s.offs[k])
			if err != nil {
				return nil, fmt.Errorf("groups: segment %d: %w", k, err)
			}
			if live {
				out = append(out, placedMember{d, int32(ref.Group), int32(ref.Rank)})
			}
		}
	}
	return out, nil
}

// groupMembersByID places the members of g that are t's documents, looking
// each up in t (a table that is not scorch: the overlay's delta, fixtures).
func (t *table) groupMembersByID(g *index.Groups) ([]placedMember, error) {
	var out []placedMember
	for gi := range g.Len() {
		for rank, id := range g.Members(gi) {
			// An article's or a quote's document has its id; one missing
			// from the table is in another shard, or gone.
			d, ok, err := t.docOfID(id)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, placedMember{d, int32(gi), int32(rank)})
			}
		}
	}
	return out, nil
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
			c := doc{k, d, tg.rank[d]}
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
	out := map[string]map[string]int{}
	addFacets := func(r *bleve.SearchRequest) {
		for _, name := range names {
			r.AddFacet(name, bleve.NewFacetRequest(filterFields[name], allTerms))
		}
	}
	single := bleve.NewSearchRequestOptions(without(set, members), 0, 0, false)
	addFacets(single)
	res, err := p.search(ctx, single, "story facets")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		out[name] = map[string]int{}
		for _, t := range facetTerms(res, name) {
			out[name][t.Term] += t.Count
		}
	}
	multi := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(set, members), len(ids), 0, false)
	if res, err = p.search(ctx, multi, "story facets"); err != nil {
		return nil, err
	}
	byGroup := map[int][]string{}
	for _, h := range res.Hits {
		if ref, ok := p.s.gen.Groups.Of(h.ID); ok {
			byGroup[ref.Group] = append(byGroup[ref.Group], h.ID)
		}
	}
	for _, gids := range byGroup {
		r := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(gids), 0, 0, false)
		addFacets(r)
		gres, err := p.search(ctx, r, "story facets")
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			for _, t := range facetTerms(gres, name) {
				if t.Count > 0 {
					out[name][t.Term]++ // the group is one story with this value
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
	c := f.count(field, singles)
	out := &counts{byKey: map[string]int{}}
	for k := range sets {
		col := f.view.sides[k].t.cols[field]
		if c.byKey == nil {
			for o, n := range c.byOrd {
				if n > 0 {
					out.byKey[col.terms[o]] += int(n)
				}
			}
		}
	}
	if c.byKey != nil {
		out.byKey = c.byKey
	}
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
				for _, o := range col.values(d) {
					add(o, d)
				}
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

// collapse prepares p's collapse on the fast path: the copies its hits
// leave out are found from the column tables (the matching grouped
// documents that are not their group's first), as bitmaps the main
// search leaves out and the page's candidates (topk.go) are picked
// without; counting stories is prepared as on the per-hit path.
func (f *fastReq) collapse(ctx context.Context, p *plan) error {
	if !p.req.Collapse || !p.collapses() {
		return p.collapse(ctx)
	}
	hidden, err := f.laterCopies(ctx, p)
	if err != nil {
		return err
	}
	n := 0
	for _, h := range hidden {
		n += int(h.GetCardinality())
	}
	p.collapsing, p.collapsed = true, n
	if n > 0 {
		p.hiddenBits = hidden
		p.collapseOut = &bitmapQuery{sides: f.view.sides, bits: hidden}
	}
	if p.req.CountStories {
		p.storyOut = map[string]bquery.Query{"": p.collapseOut}
	}
	return nil
}

// laterCopies are, per side, the documents p's collapse leaves out: those
// p matches that are not the first of their group among its matches. They
// are cached with q's sets, by everything of the request they depend on:
// on the start page of a million articles they took 50 ms, each time.
func (f *fastReq) laterCopies(ctx context.Context, p *plan) (qSet, error) {
	fs := f.s.fast
	key := "collapse\x00" + setKey(p)
	if hidden, ok := fs.sets.get(key); ok && f.view.version == fs.version.Load() {
		return hidden, nil
	}
	if err := f.qSets(ctx, p); err != nil {
		return nil, err
	}
	sets, err := f.docs(ctx, p, "")
	if err != nil {
		return nil, err
	}
	kept := f.stories(sets)
	hidden := make(qSet, len(sets))
	for k := range sets {
		hidden[k] = roaring.AndNot(sets[k], kept[k])
		hidden[k].RunOptimize()
	}
	version := f.view.version
	fs.sets.put(key, hidden, func() bool { return fs.version.Load() == version })
	return hidden, nil
}
