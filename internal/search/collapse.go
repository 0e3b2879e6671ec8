package search

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/index"
)

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
// generation has groups of its mode's documents. It counts the groups
// without listing their members: the list (groupMembers) is the per-hit
// path's, and at a million articles its 3.6 million ids are 58 MB of
// string headers the fast path never reads.
func (p *plan) collapses() bool {
	g := p.s.gen.Groups
	if p.req.Mode == ModeQuotes {
		return g.Len() > g.Articles()
	}
	return g.Articles() > 0
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
	h.Group, h.SimilarCount = g.First(ref.Group), g.Size(ref.Group)-1
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

// tableGroups places a table's article documents in the generation's
// groups of near-duplicates: multi holds those in a group.
type tableGroups struct {
	multi  *roaring.Bitmap // documents in a group of two or more
	first  *roaring.Bitmap // of them, each group's first (rank 0)
	quotes *roaring.Bitmap // of them, those in a group of quotes
	group  []int32         // by document number: its group (for those in multi)
	// By document number: its rank in the group, in two bytes (8 MB less
	// at a million articles); bigRank holds ranks from maxRank16 on.
	rank    []uint16
	bigRank map[uint32]int32
}

// maxRank16 marks a rank held in bigRank.
const maxRank16 = math.MaxUint16

// rankOf is d's rank in its group, d a document of multi.
func (tg *tableGroups) rankOf(d uint32) int32 {
	if r := tg.rank[d]; r < maxRank16 {
		return int32(r)
	}
	return tg.bigRank[d]
}

// setRank records d's rank.
func (tg *tableGroups) setRank(d uint32, r int32) {
	if r < maxRank16 {
		tg.rank[d] = uint16(r)
		return
	}
	tg.rank[d] = maxRank16
	if tg.bigRank == nil {
		tg.bigRank = map[uint32]int32{}
	}
	tg.bigRank[d] = r
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
			tg.group, tg.rank = make([]int32, size), make([]uint16, size)
			for _, p := range all {
				tg.group[p.d] = p.group
				tg.setRank(p.d, p.rank)
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
