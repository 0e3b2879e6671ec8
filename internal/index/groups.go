package index

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
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

// groupsFile holds a generation's groups of near-duplicate articles, as
// gzip-compressed JSON: at a million articles the plain JSON is about
// 100 MB of ids, the compressed file a fifth of it. Generations written
// before keep it plain, as legacyGroupsFile, which readGroups still reads.
const (
	groupsFile       = "groups.json.gz"
	legacyGroupsFile = "groups.json"
)

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

	// Every member by the hash of its id: hashes ascending, members[i] the
	// member of hashes[i] (ties by member), for member's binary search,
	// which compares the ids of equal hashes. 8 bytes a member; a map from
	// hash to member took about 26 (95 MB at a million generated articles),
	// 64-bit hashes 12. With 3.5 million members, 32-bit hashes collide
	// about a thousand times: an id compared more, 1 lookup in 1,200.
	hashes  []uint32
	members []uint32
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
	return &groupsBuilder{g: &Groups{starts: []uint32{0}}}
}

// add appends a group of ids.
func (b *groupsBuilder) add(ids []string) {
	g := b.g
	for _, id := range ids {
		b.arena.WriteString(id)
		g.ends = append(g.ends, uint32(b.arena.Len()))
		g.hashes = append(g.hashes, idHash(id))
	}
	g.starts = append(g.starts, uint32(len(g.ends)))
}

// done returns the groups, the first articles of them groups of articles.
func (b *groupsBuilder) done(articles int) *Groups {
	g := b.g
	g.arena, g.articles = b.arena.String(), articles
	g.ends, g.starts = slices.Clip(g.ends), slices.Clip(g.starts)
	type entry struct {
		h uint32
		m uint32
	}
	byHash := make([]entry, len(g.hashes))
	for m, h := range g.hashes {
		byHash[m] = entry{h, uint32(m)}
	}
	slices.SortFunc(byHash, func(a, b entry) int {
		if c := cmp.Compare(a.h, b.h); c != 0 {
			return c
		}
		return cmp.Compare(a.m, b.m)
	})
	g.hashes, g.members = make([]uint32, len(byHash)), make([]uint32, len(byHash))
	for i, e := range byHash {
		g.hashes[i], g.members[i] = e.h, e.m
	}
	return g
}

// idHash is FNV-1a 64 of id, its halves xor-ed into 32 bits.
func idHash(id string) uint32 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	return uint32(h ^ h>>32)
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
	h := idHash(id)
	i, _ := slices.BinarySearch(g.hashes, h)
	for ; i < len(g.hashes) && g.hashes[i] == h; i++ {
		if m := g.members[i]; g.id(m) == id {
			return m, true
		}
	}
	return 0, false
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

// First is the id of group gi's earliest member (the group's id).
func (g *Groups) First(gi int) string { return g.id(g.starts[gi]) }

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

// MarshalJSON is the JSON of groups.json.gz, uncompressed.
func (g *Groups) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := g.writeJSON(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeJSON writes g's JSON to w a group at a time: marshalled whole, the
// millions of ids of a large archive would be a copy of the groups, then
// their JSON, on the build's heap at once.
func (g *Groups) writeJSON(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	threshold, err := json.Marshal(DupThreshold)
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, `{"version":1,"threshold":%s,"groups":[`, threshold)
	for gi := range g.Len() {
		switch {
		case gi == g.articles:
			bw.WriteString(`],"quotes":[`)
		case gi > 0:
			bw.WriteByte(',')
		}
		bw.WriteByte('[')
		for i, id := range g.Members(gi) {
			if i > 0 {
				bw.WriteByte(',')
			}
			b, err := json.Marshal(id)
			if err != nil {
				return err
			}
			bw.Write(b)
		}
		bw.WriteByte(']')
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

// writeGroups writes g to path, gzip-compressed, and syncs it.
func writeGroups(path string, g *Groups) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(f)
	err = g.writeJSON(zw)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}

// readGroups reads a generation's groups: groups.json.gz, or the plain
// groups.json of a generation written before it; a generation built before
// groups has neither (nil). The file is read as a stream of tokens:
// decoded whole, its millions of ids would be as many strings on the heap
// at once.
func readGroups(dir string) (*Groups, error) {
	name := groupsFile
	f, err := os.Open(filepath.Join(dir, name))
	if os.IsNotExist(err) {
		name = legacyGroupsFile
		f, err = os.Open(filepath.Join(dir, name))
	}
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<20)
	if name == groupsFile {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		r = bufio.NewReaderSize(zr, 1<<20)
	}
	g, err := decodeGroups(r)
	if err == nil {
		// To the end: gzip checks its checksum and length there, so a file
		// cut short or damaged after the JSON's last brace is an error too.
		err = onlySpace(r)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return g, nil
}

// onlySpace reads r to its end and fails on anything but white space.
func onlySpace(r io.Reader) error {
	b, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(b)) > 0 {
		return errors.New("data after the groups")
	}
	return nil
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
