package index

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// groupsFile holds a generation's groups of near-duplicate articles.
const groupsFile = "groups.json"

// Groups are a generation's groups of near-duplicate articles and of
// repeated quotes (groups.json): each group lists its articles (or quote
// documents) earliest first; its first id is the group's id. Articles and
// quotes in no group are one of a kind. Group indexes run over the article
// groups, then the quote groups.
//
// In memory the ids are one string and the lookup a map of their hashes,
// neither holding a pointer the collector scans: at a million generated
// articles, 3.5 million ids (nearly every quote is repeated) held as
// strings with a map by id were 350 MB of small objects, which pushed
// searchd's heap to its soft limit.
type Groups struct {
	arena    string   // every member's id, in group order
	ends     []uint32 // member m's id ends at ends[m] (starts at ends[m-1], 0 for the first)
	starts   []uint32 // group gi's members are [starts[gi], starts[gi+1])
	articles int      // the first articles groups are of articles

	byHash map[uint64]uint32 // a member by the hash of its id
	clash  map[string]uint32 // a member whose hash an earlier member's id has
}

// groupsJSON is groups.json.
type groupsJSON struct {
	Version   int        `json:"version"`
	Threshold float64    `json:"threshold"`
	Groups    [][]string `json:"groups"`
	// Quotes are the groups of quote documents with the same speaker (or
	// none) and the same first QuoteKeyWords words (QuoteKey).
	Quotes [][]string `json:"quotes,omitempty"`
}

// GroupRef places an article in its group.
type GroupRef struct {
	Group int // index in the groups
	Rank  int // position in the group, 0 for its first article
}

// groupsBuilder appends groups to a Groups.
type groupsBuilder struct {
	g     *Groups
	arena strings.Builder
}

func newGroupsBuilder() *groupsBuilder {
	return &groupsBuilder{g: &Groups{starts: []uint32{0}, byHash: map[uint64]uint32{}}}
}

// add appends a group of ids.
func (b *groupsBuilder) add(ids []string) {
	g := b.g
	for _, id := range ids {
		m := uint32(len(g.ends))
		b.arena.WriteString(id)
		g.ends = append(g.ends, uint32(b.arena.Len()))
		h := idHash(id)
		if _, taken := g.byHash[h]; taken {
			if g.clash == nil {
				g.clash = map[string]uint32{}
			}
			g.clash[id] = m
		} else {
			g.byHash[h] = m
		}
	}
	g.starts = append(g.starts, uint32(len(g.ends)))
}

// done returns the groups, the first articles of them groups of articles.
func (b *groupsBuilder) done(articles int) *Groups {
	b.g.arena, b.g.articles = b.arena.String(), articles
	b.g.ends, b.g.starts = slices.Clip(b.g.ends), slices.Clip(b.g.starts)
	return b.g
}

// idHash is FNV-1a 64 of id.
func idHash(id string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	return h
}

// id is member m's id (a part of the arena: no copy).
func (g *Groups) id(m uint32) string {
	from := uint32(0)
	if m > 0 {
		from = g.ends[m-1]
	}
	return g.arena[from:g.ends[m]]
}

// member is the member whose id is id.
func (g *Groups) member(id string) (uint32, bool) {
	m, ok := g.byHash[idHash(id)]
	if ok && g.id(m) == id {
		return m, true
	}
	m, ok = g.clash[id]
	return m, ok
}

// Of returns the group of article id, and false when it is in none.
func (g *Groups) Of(id string) (GroupRef, bool) {
	if g == nil {
		return GroupRef{}, false
	}
	m, ok := g.member(id)
	if !ok {
		return GroupRef{}, false
	}
	return g.refOf(m), true
}

// refOf places member m.
func (g *Groups) refOf(m uint32) GroupRef {
	gi := sort.Search(len(g.starts)-1, func(i int) bool { return g.starts[i+1] > m })
	return GroupRef{Group: gi, Rank: int(m - g.starts[gi])}
}

// Members are the articles (or quote documents) of group gi, earliest
// first.
func (g *Groups) Members(gi int) []string {
	out := make([]string, 0, g.starts[gi+1]-g.starts[gi])
	for m := g.starts[gi]; m < g.starts[gi+1]; m++ {
		out = append(out, g.id(m))
	}
	return out
}

// Size is the number of articles (or quote documents) of group gi.
func (g *Groups) Size(gi int) int { return int(g.starts[gi+1] - g.starts[gi]) }

// ByID returns the index of the group whose id (first article) is id.
func (g *Groups) ByID(id string) (int, bool) {
	r, ok := g.Of(id)
	if !ok || r.Rank != 0 {
		return 0, false
	}
	return r.Group, true
}

// Len is the number of groups (of two articles or quotes or more).
func (g *Groups) Len() int {
	if g == nil {
		return 0
	}
	return len(g.starts) - 1
}

// Articles is the number of groups of articles (the first Articles
// indexes).
func (g *Groups) Articles() int {
	if g == nil {
		return 0
	}
	return g.articles
}

// NewGroups returns the groups of articles and of quotes (as
// GroupDuplicates and GroupQuotes return them).
func NewGroups(articles, quotes [][]string) *Groups {
	b := newGroupsBuilder()
	for _, ids := range articles {
		b.add(ids)
	}
	for _, ids := range quotes {
		b.add(ids)
	}
	return b.done(len(articles))
}

// MarshalJSON writes groups.json.
func (g *Groups) MarshalJSON() ([]byte, error) {
	out := groupsJSON{Version: 1, Threshold: DupThreshold, Groups: [][]string{}}
	for gi := range g.Len() {
		if gi < g.articles {
			out.Groups = append(out.Groups, g.Members(gi))
		} else {
			out.Quotes = append(out.Quotes, g.Members(gi))
		}
	}
	return json.Marshal(out)
}

// readGroups reads a generation's groups; a generation built before them
// has none (nil). The file is read as a stream of tokens: decoded whole,
// its millions of ids would be as many strings on the heap at once.
func readGroups(dir string) (*Groups, error) {
	f, err := os.Open(filepath.Join(dir, groupsFile))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	g, err := decodeGroups(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", groupsFile, err)
	}
	return g, nil
}

// decodeGroups reads groups.json: an object whose "groups" and "quotes"
// are lists of lists of ids; other keys are skipped.
func decodeGroups(r io.Reader) (*Groups, error) {
	dec := json.NewDecoder(r)
	b := newGroupsBuilder()
	articles := 0
	groups, quotes := false, false
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	var ids []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		if key != "groups" && key != "quotes" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, fmt.Errorf("%s: %w", key, err)
			}
			continue
		}
		if key == "quotes" {
			if quotes {
				return nil, errors.New("quotes: given twice")
			}
			quotes = true
		} else if groups || quotes {
			return nil, errors.New("groups: given twice, or after quotes")
		}
		groups = groups || key == "groups"
		if err := expectDelim(dec, '['); err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		for dec.More() {
			if err := expectDelim(dec, '['); err != nil {
				return nil, fmt.Errorf("%s: %w", key, err)
			}
			ids = ids[:0]
			for dec.More() {
				tok, err := dec.Token()
				if err != nil {
					return nil, fmt.Errorf("%s: %w", key, err)
				}
				id, ok := tok.(string)
				if !ok {
					return nil, fmt.Errorf("%s: an id is %v, not a string", key, tok)
				}
				ids = append(ids, id)
			}
			if err := expectDelim(dec, ']'); err != nil {
				return nil, fmt.Errorf("%s: %w", key, err)
			}
			b.add(ids)
		}
		if err := expectDelim(dec, ']'); err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if key == "groups" {
			articles = b.g.Len()
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, err
	}
	return b.done(articles), nil
}

// expectDelim reads the delimiter d.
func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if got, ok := tok.(json.Delim); !ok || got != d {
		return fmt.Errorf("got %v, want %v", tok, d)
	}
	return nil
}
