package search

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// cursor is the opaque paging state: the sort values of the last hit
// delivered (raw Bleve sort terms, so that undated documents and numeric
// prefix codes survive), a key of the query and sort it belongs to, and how
// many hits were delivered before it.
type cursor struct {
	Key   string   `json:"k"`
	After [][]byte `json:"a"`
	Seen  int      `json:"n"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c) // cannot fail: strings, byte slices, an int
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, paramErr("cursor", "not a cursor of this server")
	}
	if err := json.Unmarshal(b, &c); err != nil || c.Key == "" || len(c.After) == 0 || c.Seen < 0 {
		return c, paramErr("cursor", "not a cursor of this server")
	}
	return c, nil
}

func (c cursor) after() []string {
	out := make([]string, len(c.After))
	for i, v := range c.After {
		out[i] = string(v)
	}
	return out
}

// cursorKey identifies what a cursor may continue: mode, query, filters,
// date range and sort (not size: a client may change page size).
func cursorKey(r *Request) string {
	h := sha256.New()
	w := func(s string) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	w(r.Mode)
	w(r.Q)
	w(r.Sort)
	if r.Collapse {
		w("collapse")
	}
	if r.NoVariants {
		w("no-variants")
	}
	names := make([]string, 0, len(r.Filters))
	for k, v := range r.Filters {
		if len(v) > 0 {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	for _, k := range names {
		vs := slices.Clone(r.Filters[k])
		slices.Sort(vs)
		w(k)
		w(strings.Join(vs, "\x00"))
	}
	w(r.From.UTC().Format(time.RFC3339Nano))
	w(r.To.UTC().Format(time.RFC3339Nano))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:12])
}

// nextCursor is the cursor of the page after res, the result of main for
// req from cur (nil: the first page), or nil when res is the last page. A
// relevance sort's score is taken from the hit, formatted in full.
func nextCursor(req *Request, cur *cursor, main *bleve.SearchRequest, res *bleve.SearchResult) *string {
	seen := 0
	if cur != nil {
		seen = cur.Seen
	}
	n := len(res.Hits)
	if n != req.Size || n == 0 || seen+n >= int(res.Total) {
		return nil
	}
	last := res.Hits[n-1]
	c := cursor{Key: cursorKey(req), Seen: seen + n}
	for i, v := range last.Sort {
		if _, ok := main.Sort[i].(*bsearch.SortScore); ok {
			v = strconv.FormatFloat(last.Score, 'g', -1, 64)
		}
		c.After = append(c.After, []byte(v))
	}
	nc := encodeCursor(c)
	return &nc
}
