package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
)

// Answer is what one request found, on either system, as far as the
// benchmark compares them.
type Answer struct {
	Total  int                       // matching documents (articles or quotes)
	Facets map[string]map[string]int // facet → value → count, the top values
	Months map[string]int            // month histogram: "2006-01" → count
	Series map[string]int            // split series: value → count
	HitIDs []string                  // the page's hit ids, in order
	Rows   int                       // export rows
	next   any                       // what the next page starts after (cursor or keyset)
}

// ftsKey is the keyset of a page sorted newest first: the last hit's date
// and id.
type ftsKey struct {
	published sql.NullInt64
	id        string
}

// MatchExpr turns a request's words into an FTS5 MATCH expression: every
// word a string (so that FTS5 syntax characters in it are plain text), a
// phrase one string, a hyphenated word its parts as a phrase or its joined
// form, as Readout's query language reads it.
func MatchExpr(r Request) string {
	parts := make([]string, 0, len(r.Words))
	for _, w := range r.Words {
		s := ftsString(w)
		if r.Hyphen {
			s = "(" + s + " OR " + ftsString(strings.NewReplacer("-", "", "/", "").Replace(w)) + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " AND ")
}

func ftsString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Run answers one request the way a careful SQLite user would: the
// matching rowids are materialised once in a temp table, facets are GROUP
// BYs over it (disjunctive: a filtered facet counts the hits without its
// own filter), the month histogram a GROUP BY of substr(day, 1, 7), top
// hits ORDER BY bm25 with LIMIT, deep pages by keyset. after is the keyset
// of the previous page for a newest-first page (nil: the first page).
func (f *FTS) Run(ctx context.Context, r Request, after any) (Answer, error) {
	conn, err := f.db.Conn(ctx)
	if err != nil {
		return Answer{}, fmt.Errorf("sqlite conn: %w", err)
	}
	defer conn.Close()
	q := &ftsRun{ctx: ctx, c: conn, r: r, match: MatchExpr(r)}
	switch {
	case r.Export:
		return q.export()
	case r.Mode == "quotes":
		return q.quotes()
	}
	return q.articles(after)
}

type ftsRun struct {
	ctx   context.Context
	c     *sql.Conn
	r     Request
	match string
	// set is the table of the hits ("" for every article), base the hits
	// before the country filter (for the disjunctive country facet).
	set, base string
}

func (q *ftsRun) exec(s string, args ...any) error {
	if _, err := q.c.ExecContext(q.ctx, s, args...); err != nil {
		return fmt.Errorf("sqlite: %s: %w", firstLine(s), err)
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// materialise fills temp.base with the rowids matching q, and temp.hits
// with those of them passing the filter.
func (q *ftsRun) materialise() error {
	for _, t := range []string{"base", "hits"} {
		if err := q.exec(`CREATE TEMP TABLE IF NOT EXISTS ` + t + `(doc INTEGER PRIMARY KEY)`); err != nil {
			return err
		}
		if err := q.exec(`DELETE FROM temp.` + t); err != nil {
			return err
		}
	}
	switch {
	case q.match == "" && q.r.Country == "":
		return nil // every article: aggregate the tables themselves
	case q.match == "":
		q.set = "temp.hits"
		return q.exec(`INSERT INTO temp.hits SELECT doc FROM facets WHERE field = 'country' AND value = ?`, q.r.Country)
	}
	if err := q.exec(`INSERT INTO temp.base SELECT rowid FROM fts WHERE fts MATCH ?`, q.match); err != nil {
		return err
	}
	q.base, q.set = "temp.base", "temp.base"
	if q.r.Country != "" {
		q.set = "temp.hits"
		return q.exec(`INSERT INTO temp.hits SELECT b.doc FROM temp.base b
			JOIN facets f ON f.doc = b.doc AND f.field = 'country' AND f.value = ?`, q.r.Country)
	}
	return nil
}

func (q *ftsRun) articles(after any) (Answer, error) {
	a := Answer{Facets: map[string]map[string]int{}}
	if err := q.materialise(); err != nil {
		return a, err
	}
	var err error
	if a.Total, err = q.count(); err != nil {
		return a, err
	}
	for _, field := range q.r.Facets {
		set := q.set
		if field == "country" && q.r.Country != "" {
			set = q.base // disjunctive: the country facet ignores the country filter
		}
		var counts map[string]int
		if field == "speaker" && q.match != "" {
			counts, err = q.speakerFacet(set, 10)
		} else {
			counts, err = q.facet(set, field, 10)
		}
		if err != nil {
			return a, err
		}
		a.Facets[field] = counts
	}
	if q.r.Histogram {
		if a.Months, err = q.months(q.set, ""); err != nil {
			return a, err
		}
	}
	if q.r.Split > 0 {
		if a.Series, err = q.split(); err != nil {
			return a, err
		}
	}
	if q.r.Size > 0 {
		a.HitIDs, a.next, err = q.page(after)
	}
	return a, err
}

func (q *ftsRun) count() (int, error) {
	s := `SELECT count(*) FROM articles`
	if q.set != "" {
		s = `SELECT count(*) FROM ` + q.set
	}
	var n int
	if err := q.c.QueryRowContext(q.ctx, s).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite count: %w", err)
	}
	return n, nil
}

func (q *ftsRun) counts(s string, args ...any) (map[string]int, error) {
	rows, err := q.c.QueryContext(q.ctx, s, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: %w", firstLine(s), err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("sqlite scan: %w", err)
		}
		out[k] = n
	}
	return out, rows.Err()
}

// facet counts the top n values of field among the documents of set.
func (q *ftsRun) facet(set, field string, n int) (map[string]int, error) {
	if set == "" {
		return q.counts(`SELECT value, count(*) AS c FROM facets WHERE field = ?
			GROUP BY value ORDER BY c DESC, value LIMIT ?`, field, n)
	}
	return q.counts(`SELECT f.value, count(*) AS c FROM `+set+` h
		JOIN facets f ON f.doc = h.doc AND f.field = ?
		GROUP BY f.value ORDER BY c DESC, f.value LIMIT ?`, field, n)
}

// speakerFacet counts, per speaker, the articles of set where a quote of
// theirs matches q: Readout's speaker semantics for a speaker facet with q.
func (q *ftsRun) speakerFacet(set string, n int) (map[string]int, error) {
	return q.counts(`SELECT qt.speaker, count(DISTINCT qt.article) AS c FROM qfts
		JOIN quotes qt ON qt.rowid = qfts.rowid
		JOIN `+set+` h ON h.doc = qt.article
		WHERE qfts MATCH ? AND qt.speaker IS NOT NULL
		GROUP BY qt.speaker ORDER BY c DESC, qt.speaker LIMIT ?`, q.match, n)
}

// months is the month histogram of set, restricted to the country when
// given; undated documents count under "undated".
func (q *ftsRun) months(set, country string) (map[string]int, error) {
	var from string
	var args []any
	switch {
	case set == "" && country == "":
		from = `articles a`
	case set == "":
		from = `facets f JOIN articles a ON a.rowid = f.doc AND f.field = 'country' AND f.value = ?`
		args = append(args, country)
	case country == "":
		from = set + ` h JOIN articles a ON a.rowid = h.doc`
	default:
		from = set + ` h JOIN facets f ON f.doc = h.doc AND f.field = 'country' AND f.value = ?
			JOIN articles a ON a.rowid = h.doc`
		args = append(args, country)
	}
	return q.counts(`SELECT coalesce(substr(a.day, 1, 7), 'undated') AS m, count(*) FROM `+from+` GROUP BY m`, args...)
}

// split is the histogram of each of the top Split countries: their series'
// totals.
func (q *ftsRun) split() (map[string]int, error) {
	top, err := q.facet(q.set, "country", q.r.Split)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for v := range top {
		m, err := q.months(q.set, v)
		if err != nil {
			return nil, err
		}
		for _, n := range m {
			out[v] += n
		}
	}
	return out, nil
}

// page returns the ids of one page of hits and the keyset the next page
// starts after; with q it then makes the page's snippets. The page is
// chosen first and snippet() runs on its rows only: in the same SELECT as
// the ORDER BY, SQLite would make a snippet for every match before sorting.
func (q *ftsRun) page(after any) ([]string, any, error) {
	var s string
	var args []any
	in := ""
	if q.set == "temp.hits" { // a filter: q alone is the MATCH itself
		in = ` AND a.rowid IN (SELECT doc FROM temp.hits)`
	}
	switch {
	case q.r.Newest:
		s = `SELECT a.rowid, a.id, a.published FROM fts JOIN articles a ON a.rowid = fts.rowid WHERE fts MATCH ?` + in
		args = append(args, q.match)
		if k, ok := after.(ftsKey); ok {
			if k.published.Valid {
				s += ` AND (a.published < ? OR (a.published = ? AND a.id > ?) OR a.published IS NULL)`
				args = append(args, k.published.Int64, k.published.Int64, k.id)
			} else {
				s += ` AND a.published IS NULL AND a.id > ?`
				args = append(args, k.id)
			}
		}
		s += ` ORDER BY a.published DESC NULLS LAST, a.id LIMIT ?`
	case q.match != "":
		s = `SELECT a.rowid, a.id, a.published FROM fts JOIN articles a ON a.rowid = fts.rowid
			WHERE fts MATCH ?` + in + ` ORDER BY rank LIMIT ?`
		args = append(args, q.match)
	default:
		s = `SELECT a.rowid, a.id, a.published FROM articles a WHERE 1` + in + ` ORDER BY a.id LIMIT ?`
	}
	args = append(args, q.r.Size)
	rows, err := q.c.QueryContext(q.ctx, s, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite page: %w", err)
	}
	var ids []string
	var rowids []any
	var last ftsKey
	for rows.Next() {
		var rowid int64
		if err := rows.Scan(&rowid, &last.id, &last.published); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("sqlite scan: %w", err)
		}
		ids = append(ids, last.id)
		rowids = append(rowids, rowid)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("sqlite page: %w", err)
	}
	if q.match != "" && len(rowids) > 0 {
		if err := q.snippets(rowids); err != nil {
			return nil, nil, err
		}
	}
	if len(ids) < q.r.Size {
		return ids, nil, nil
	}
	return ids, last, nil
}

// snippets makes the body snippets of the page's rows.
func (q *ftsRun) snippets(rowids []any) error {
	s := `SELECT rowid, snippet(fts, 1, '<mark>', '</mark>', '…', 24) FROM fts WHERE fts MATCH ? AND rowid IN (?` +
		strings.Repeat(", ?", len(rowids)-1) + `)`
	rows, err := q.c.QueryContext(q.ctx, s, append([]any{q.match}, rowids...)...)
	if err != nil {
		return fmt.Errorf("sqlite snippets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rowid int64
		var snippet string
		if err := rows.Scan(&rowid, &snippet); err != nil {
			return fmt.Errorf("sqlite scan: %w", err)
		}
	}
	return rows.Err()
}

// quotes answers mode=quotes with a speaker filter (or none) and no q: the
// count of the quotes and the first page in id order, with their text.
func (q *ftsRun) quotes() (Answer, error) {
	var a Answer
	where, args := ``, []any{}
	if q.r.Speaker != "" {
		where, args = ` WHERE qt.speaker = ?`, append(args, q.r.Speaker)
	}
	if err := q.c.QueryRowContext(q.ctx, `SELECT count(*) FROM quotes qt`+where, args...).Scan(&a.Total); err != nil {
		return a, fmt.Errorf("sqlite quotes count: %w", err)
	}
	rows, err := q.c.QueryContext(q.ctx, `SELECT a.id, qt.n, qfts.text FROM quotes qt
		JOIN articles a ON a.rowid = qt.article JOIN qfts ON qfts.rowid = qt.rowid`+where+`
		ORDER BY a.id, qt.n LIMIT ?`, append(args, q.r.Size)...)
	if err != nil {
		return a, fmt.Errorf("sqlite quotes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, text string
		var n int
		if err := rows.Scan(&id, &n, &text); err != nil {
			return a, fmt.Errorf("sqlite scan: %w", err)
		}
		a.HitIDs = append(a.HitIDs, fmt.Sprintf("%s#q%d", id, n))
	}
	return a, rows.Err()
}

// exportRow is one row of an export, as searchd's JSON Lines export of
// articles has it: the article's fields and the HTML-escaped start of its
// body as the snippet.
type exportRow struct {
	ID        string   `json:"id"`
	Type      string   `json:"type"`
	Title     string   `json:"title"`
	Source    string   `json:"source,omitempty"`
	Published *int64   `json:"published,omitempty"`
	URL       string   `json:"url,omitempty"`
	Body      []string `json:"body"`
}

// exportSnippetBytes is about the length of the body snippet searchd
// exports (the escaped start of the body, cut near 200 bytes).
const exportSnippetBytes = 200

// export writes up to Limit articles in id order as JSON Lines, to nowhere,
// each with the start of its body read from the FTS5 table.
func (q *ftsRun) export() (Answer, error) {
	var a Answer
	if err := q.c.QueryRowContext(q.ctx, `SELECT count(*) FROM articles`).Scan(&a.Total); err != nil {
		return a, fmt.Errorf("sqlite export count: %w", err)
	}
	rows, err := q.c.QueryContext(q.ctx, `SELECT a.id, a.published, coalesce(a.source, ''), coalesce(a.title, ''),
		coalesce(a.url, ''), substr(f.body, 1, ?) FROM articles a JOIN fts f ON f.rowid = a.rowid
		ORDER BY a.id LIMIT ?`, exportSnippetBytes, q.r.Limit)
	if err != nil {
		return a, fmt.Errorf("sqlite export: %w", err)
	}
	defer rows.Close()
	enc := json.NewEncoder(io.Discard)
	for rows.Next() {
		r := exportRow{Type: "article"}
		var pub sql.NullInt64
		var body string
		if err := rows.Scan(&r.ID, &pub, &r.Source, &r.Title, &r.URL, &body); err != nil {
			return a, fmt.Errorf("sqlite scan: %w", err)
		}
		if pub.Valid {
			r.Published = &pub.Int64
		}
		r.Title = html.EscapeString(r.Title)
		r.Body = []string{html.EscapeString(body) + "…"}
		if err := enc.Encode(r); err != nil {
			return a, fmt.Errorf("export encode: %w", err)
		}
		a.Rows++
	}
	return a, rows.Err()
}
