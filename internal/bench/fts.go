package bench

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, with FTS5

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/news"
)

// FTSTokenizer is the FTS5 tokenizer closest to Readout's English analyzer:
// unicode61 words, lower-cased, with the diacritics of Latin letters removed
// (Readout folds them too: "Kovac" finds "Kovač"), under the Porter stemmer
// (Readout's readout_en stems with Porter too). Readout also drops English
// stop words and possessive "'s", and folds ø, ł, ß, æ and the like, which
// have no diacritic for FTS5 to remove; FTS5 keeps them, which changes no
// count of the request set's words.
const FTSTokenizer = "porter unicode61 remove_diacritics 2"

// ftsSchema holds the articles, their full text (title, body), one row per
// facet value of an article (Readout's own extracted entities, countries,
// speakers, and the source), and the quotes with their speakers and text.
var ftsSchema = []string{
	`CREATE TABLE articles(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
		published INTEGER, day TEXT, source TEXT, title TEXT, url TEXT)`,
	`CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = '` + FTSTokenizer + `')`,
	`CREATE TABLE facets(doc INTEGER NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
		PRIMARY KEY(doc, field, value)) WITHOUT ROWID`,
	`CREATE TABLE quotes(rowid INTEGER PRIMARY KEY, article INTEGER NOT NULL, n INTEGER NOT NULL, speaker TEXT)`,
	`CREATE VIRTUAL TABLE qfts USING fts5(text, tokenize = '` + FTSTokenizer + `')`,
}

// ftsAfterLoad is what a careful loader does once the rows are in: the
// secondary indexes, FTS5's segment merge, and the planner's statistics.
var ftsAfterLoad = []string{
	`CREATE INDEX facets_value ON facets(field, value, doc)`,
	`CREATE INDEX quotes_speaker ON quotes(speaker, article)`,
	`CREATE INDEX quotes_article ON quotes(article)`,
	`CREATE INDEX articles_published ON articles(published, id)`,
	`INSERT INTO fts(fts) VALUES('optimize')`,
	`INSERT INTO qfts(qfts) VALUES('optimize')`,
	`ANALYZE`,
}

// FTS is the SQLite FTS5 side of the benchmark: one database file, used
// through a single connection (its temp tables hold the materialised hits).
type FTS struct {
	db   *sql.DB
	Path string
}

// Doc is one article with the annotations Readout extracted from it.
type Doc struct {
	Article news.Article
	Ann     news.Annotations
}

// OpenFTS opens (creating when absent) the database at path. Its journal is
// the default rollback journal (no WAL), with a 256 MiB page cache and temp
// tables in memory.
func OpenFTS(path string) (*FTS, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	for _, p := range []string{"PRAGMA journal_mode = DELETE", "PRAGMA cache_size = -262144", "PRAGMA temp_store = MEMORY"} {
		if _, err := db.Exec(p); err != nil {
			db.Close()
			return nil, fmt.Errorf("sqlite %s: %w", p, err)
		}
	}
	return &FTS{db: db, Path: path}, nil
}

// Close closes the database.
func (f *FTS) Close() error { return f.db.Close() }

// LoadStats describes a load.
type LoadStats struct {
	Docs    int     `json:"docs"`
	Quotes  int     `json:"quotes"`
	Facets  int     `json:"facet_rows"`
	Seconds float64 `json:"seconds"` // rows, indexes, optimize and ANALYZE
	DBBytes int64   `json:"db_bytes"`
}

// loadBatch is the number of articles per transaction.
const loadBatch = 5000

// Load creates the schema and loads the documents docs yields, in
// transactions of loadBatch articles, with synchronous writes off (a bulk
// load that is redone from scratch when it fails); then it builds the
// secondary indexes, merges the FTS5 segments and runs ANALYZE. An article
// id seen again replaces the earlier one, as in Readout's build.
func (f *FTS) Load(ctx context.Context, docs func(emit func(Doc) error) error) (LoadStats, error) {
	start := time.Now()
	var st LoadStats
	if _, err := f.db.ExecContext(ctx, "PRAGMA synchronous = OFF"); err != nil {
		return st, fmt.Errorf("sqlite: %w", err)
	}
	for _, s := range ftsSchema {
		if _, err := f.db.ExecContext(ctx, s); err != nil {
			return st, fmt.Errorf("create fts schema: %w", err)
		}
	}
	l := &loader{ctx: ctx, db: f.db}
	defer l.rollback()
	err := docs(func(d Doc) error {
		if l.tx == nil {
			if err := l.begin(); err != nil {
				return err
			}
		}
		if err := l.add(d, &st); err != nil {
			return fmt.Errorf("load %s: %w", d.Article.ID, err)
		}
		if l.n >= loadBatch {
			return l.commit()
		}
		return nil
	})
	if err == nil && l.tx != nil {
		err = l.commit()
	}
	if err != nil {
		return st, err
	}
	for _, s := range ftsAfterLoad {
		if _, err := f.db.ExecContext(ctx, s); err != nil {
			return st, fmt.Errorf("fts after load: %s: %w", s, err)
		}
	}
	if _, err := f.db.ExecContext(ctx, "PRAGMA synchronous = FULL"); err != nil {
		return st, fmt.Errorf("sqlite: %w", err)
	}
	st.Seconds = time.Since(start).Seconds()
	if err := f.db.QueryRowContext(ctx, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()").Scan(&st.DBBytes); err != nil {
		return st, fmt.Errorf("sqlite size: %w", err)
	}
	return st, nil
}

type loader struct {
	ctx context.Context
	db  *sql.DB
	tx  *sql.Tx
	n   int

	find, delFacets, delQuotes, delFTS, delQFTS, delArticle *sql.Stmt
	art, text, facet, quote, qtext                          *sql.Stmt
}

func (l *loader) begin() error {
	tx, err := l.db.BeginTx(l.ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite begin: %w", err)
	}
	l.tx, l.n = tx, 0
	stmts := []struct {
		p *(*sql.Stmt)
		s string
	}{
		{&l.find, `SELECT rowid FROM articles WHERE id = ?`},
		{&l.delFacets, `DELETE FROM facets WHERE doc = ?`},
		{&l.delQFTS, `DELETE FROM qfts WHERE rowid IN (SELECT rowid FROM quotes WHERE article = ?)`},
		{&l.delQuotes, `DELETE FROM quotes WHERE article = ?`},
		{&l.delFTS, `DELETE FROM fts WHERE rowid = ?`},
		{&l.delArticle, `DELETE FROM articles WHERE rowid = ?`},
		{&l.art, `INSERT INTO articles(id, published, day, source, title, url) VALUES (?, ?, ?, ?, ?, ?)`},
		{&l.text, `INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)`},
		{&l.facet, `INSERT OR IGNORE INTO facets(doc, field, value) VALUES (?, ?, ?)`},
		{&l.quote, `INSERT INTO quotes(article, n, speaker) VALUES (?, ?, ?)`},
		{&l.qtext, `INSERT INTO qfts(rowid, text) VALUES (?, ?)`},
	}
	for _, s := range stmts {
		st, err := tx.PrepareContext(l.ctx, s.s)
		if err != nil {
			return fmt.Errorf("sqlite prepare: %w", err)
		}
		*s.p = st
	}
	return nil
}

func (l *loader) commit() error {
	err := l.tx.Commit()
	l.tx = nil
	if err != nil {
		return fmt.Errorf("sqlite commit: %w", err)
	}
	return nil
}

func (l *loader) rollback() {
	if l.tx != nil {
		l.tx.Rollback()
		l.tx = nil
	}
}

// add inserts one article: its row, its text, its facet values, its quotes.
func (l *loader) add(d Doc, st *LoadStats) error {
	a := d.Article
	var old int64
	switch err := l.find.QueryRowContext(l.ctx, a.ID).Scan(&old); {
	case err == nil:
		for _, s := range []*sql.Stmt{l.delFacets, l.delQFTS, l.delQuotes, l.delFTS, l.delArticle} {
			if _, err := s.ExecContext(l.ctx, old); err != nil {
				return fmt.Errorf("replace: %w", err)
			}
		}
		st.Docs--
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	var published, day, source any
	if a.Dated() {
		t := a.Published.UTC()
		published, day = t.UnixNano(), t.Format(index.DayLayout)
	}
	if a.Source != "" {
		source = a.Source
	}
	res, err := l.art.ExecContext(l.ctx, a.ID, published, day, source, a.Title, a.URL)
	if err != nil {
		return err
	}
	doc, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if _, err := l.text.ExecContext(l.ctx, doc, a.Title, a.Body); err != nil {
		return err
	}
	for _, fv := range FacetValues(d) {
		if _, err := l.facet.ExecContext(l.ctx, doc, fv[0], fv[1]); err != nil {
			return err
		}
		st.Facets++
	}
	for i, q := range d.Ann.Quotes {
		if q.Scare() {
			continue // not a quote document in Readout either
		}
		var speaker any
		if q.SpeakerID != "" {
			speaker = q.SpeakerID
		}
		res, err := l.quote.ExecContext(l.ctx, doc, i+1, speaker)
		if err != nil {
			return err
		}
		qid, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if _, err := l.qtext.ExecContext(l.ctx, qid, q.Text); err != nil {
			return err
		}
		st.Quotes++
	}
	st.Docs++
	l.n++
	return nil
}

// FacetValues are the (field, value) pairs of an article's facets as
// Readout indexes them (index.Documents): entity ids by type, country codes,
// the ids of the speakers of its quotes (scare quotes left out), and its source. Pairs may repeat.
func FacetValues(d Doc) [][2]string {
	var out [][2]string
	for _, e := range d.Ann.Entities {
		var field string
		switch e.Type {
		case news.TypePerson:
			field = index.FieldPerson
		case news.TypeOrg:
			field = index.FieldOrg
		case news.TypePlace:
			field = index.FieldPlace
		}
		if field != "" && e.ID != "" {
			out = append(out, [2]string{field, e.ID})
		}
	}
	for _, c := range d.Ann.Countries {
		out = append(out, [2]string{index.FieldCountry, c.Code})
	}
	for _, q := range d.Ann.Quotes {
		if q.SpeakerID != "" && !q.Scare() {
			out = append(out, [2]string{index.FieldSpeaker, q.SpeakerID})
		}
	}
	if d.Article.Source != "" {
		out = append(out, [2]string{index.FieldSource, d.Article.Source})
	}
	return out
}
