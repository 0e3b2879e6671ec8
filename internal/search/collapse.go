package search

import (
	"context"
	"fmt"
	"slices"

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

// collapse finds, for p's request, the matching copies that are not the
// first of their group, and sets the query that leaves them out of the
// main search. It runs after the speaker filter is set (plan.speakerQ).
func (p *plan) collapse(ctx context.Context) error {
	g := p.s.gen.Groups
	if !p.req.Collapse || p.req.Mode != ModeArticles || g.Len() == 0 {
		return nil
	}
	ids := p.s.groupMembers()
	q := bleve.NewConjunctionQuery(p.query(""), bleve.NewDocIDQuery(ids))
	r := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	res, err := p.search(ctx, r, "collapse")
	if err != nil {
		return err
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
			return fmt.Errorf("collapse: %s is in no group", h.ID)
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
	p.collapsed = len(later)
	p.collapsing = true
	if len(later) > 0 {
		p.collapseOut = bleve.NewDocIDQuery(later)
	}
	return nil
}

// withoutCollapsed is q less the copies collapse leaves out.
func (p *plan) withoutCollapsed(q bquery.Query) bquery.Query {
	if p.collapseOut == nil {
		return q
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(q)
	b.AddMustNot(p.collapseOut)
	return b
}

// groupMembers lists the articles of every group of the served
// generation, once.
func (s *served) groupMembers() []string {
	s.groupsOnce.Do(func() {
		for _, m := range s.gen.Groups.Groups {
			s.members = append(s.members, m...)
		}
	})
	return s.members
}

// setGroup gives an article hit its group: the group's id and how many
// other copies it holds (none when the article is in no group).
func (p *plan) setGroup(h *Hit) {
	g := p.s.gen.Groups
	ref, ok := g.Of(h.ID)
	if !ok {
		return
	}
	m := g.Members(ref.Group)
	h.Group, h.SimilarCount = m[0], len(m)-1
}

// Similar lists the copies of article id's story (its near-duplicate
// group, index.Groups), earliest first, as article hits; an article in no
// group lists itself alone. ErrNotFound when no article has the id.
func (e *Engine) Similar(ctx context.Context, id string) (*SimilarResponse, error) {
	s, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer s.release()
	ids := []string{id}
	if ref, ok := s.gen.Groups.Of(id); ok {
		ids = s.gen.Groups.Members(ref.Group)
	}
	q := bleve.NewConjunctionQuery(termQ(index.FieldType, index.TypeArticle), bleve.NewDocIDQuery(ids))
	r := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	p := &plan{req: &Request{Mode: ModeArticles}, s: s}
	p.setHitFields(r)
	res, err := p.search(ctx, r, "similar")
	if err != nil {
		return nil, err
	}
	byID := map[string]Hit{}
	for _, h := range res.Hits {
		hit := articleHit(h, false)
		p.setGroup(&hit)
		byID[h.ID] = hit
	}
	if _, ok := byID[id]; !ok {
		return nil, ErrNotFound
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
	Group      string `json:"group,omitempty"` // the group's id: its first article; absent when the article is in no group
	Generation string `json:"generation"`
	Hits       []Hit  `json:"hits"` // the group's articles, earliest first
}

// setStories sets the count of stories of a collapsed response.
func (p *plan) setStories(resp *Response) {
	if p.collapsing {
		n := resp.Total - p.collapsed
		resp.TotalStories = &n
	}
}
