package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/news"
)

// FacetValues lists the values of one facet whose label or id matches
// prefix (case- and accent-insensitive, at the start of the label, of any
// word of it, or of the id), counted under req's query and filters with the
// facet's own selection excluded; most frequent first.
func (e *Engine) FacetValues(ctx context.Context, req Request, field, prefix string, size int) (*FacetValues, error) {
	if !IsFilterName(field) {
		return nil, fmt.Errorf("facet %q: %w", field, ErrNotFound)
	}
	if c, ok := FilterAliases[field]; ok {
		field = c // "language": the values of "lang"
	}
	switch {
	case size == 0:
		size = e.opts.DefaultFacetSize
	case size < 0:
		return nil, paramErr("size", "must be positive")
	case size > e.opts.MaxFacetSize:
		return nil, &LimitError{Param: "size", Limit: e.opts.MaxFacetSize, Msg: fmt.Sprintf("size %d is too large", size)}
	}
	if len(prefix) > 200 {
		return nil, &LimitError{Param: "prefix", Limit: 200, Msg: "prefix is too long"}
	}
	req.Facets, req.Split = []FacetSpec{}, FacetSpec{}
	req.Histogram, req.Cursor, req.Size = "", "", 1
	req.CountStories = false // values count documents, as Bleve's facet does
	if err := e.normalize(&req); err != nil {
		return nil, err
	}
	s, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer s.release()
	p, err := e.newPlan(ctx, s, &req)
	if err != nil {
		return nil, err
	}
	req.Facets = []FacetSpec{{Name: field}} // for the estimate: one facet of every value
	release, err := e.admit(ctx, e.estimate(p))
	if err != nil {
		return nil, err
	}
	defer release()
	all, err := e.allFacetValues(ctx, s, p, field)
	if err != nil {
		return nil, err
	}
	want := fold(prefix)
	out := &FacetValues{Field: field, Values: []FacetValue{}}
	for _, fv := range all {
		if want != "" && !matchesPrefix(fold(fv.Label), want) && !matchesPrefix(fold(fv.Value), want) {
			continue
		}
		out.Values = append(out.Values, fv)
		if len(out.Values) == size {
			break
		}
	}
	return out, nil
}

// allFacetValues are every value of facet field over p's documents, by
// count then value: counted from the column tables (fast.go), as a search's
// facets are, or with the per-hit path by Bleve's facet over every match.
// At a million articles Bleve's facet read the doc values of every article
// on each keystroke of a value search (350-460 ms for a person); the
// tables count them in a few milliseconds.
func (e *Engine) allFacetValues(ctx context.Context, s *served, p *plan, field string) ([]FacetValue, error) {
	if !e.opts.PerHitFacets {
		v, err := s.acquireView(ctx)
		if err == nil {
			defer v.release()
			f := &fastReq{s: s, view: v}
			c, err := f.facetCounts(ctx, p, field)
			if err == nil {
				err = ctx.Err() // counting does not look at ctx: out of time is out of time
			}
			if err != nil {
				return nil, searchErr(ctx, "facet values", err)
			}
			return p.facetValuesOf(c, field, math.MaxInt), nil
		}
		if !errors.Is(err, errNoTables) {
			return nil, err
		}
	}
	return p.bleveFacetValues(ctx, field, allTerms, "facet values")
}

// fold lower-cases s and strips accents.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// matchesPrefix reports whether s or one of its words starts with prefix.
func matchesPrefix(s, prefix string) bool {
	if strings.HasPrefix(s, prefix) {
		return true
	}
	for i, r := range s {
		if (r == ' ' || r == '-') && strings.HasPrefix(s[i+1:], prefix) {
			return true
		}
	}
	return false
}

// Article returns one article with its annotations.
func (e *Engine) Article(ctx context.Context, id string) (*Article, error) {
	s, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer s.release()
	q := bleve.NewConjunctionQuery(bleve.NewDocIDQuery([]string{id}), termQ(index.FieldType, index.TypeArticle))
	r := bleve.NewSearchRequestOptions(q, 1, 0, false)
	r.Fields = []string{"*"}
	res, err := s.gen.Index.SearchInContext(ctx, r)
	if err != nil {
		return nil, searchErr(ctx, "article "+id, err)
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("article %q: %w", id, ErrNotFound)
	}
	f := res.Hits[0].Fields
	body, ann, err := index.ArticleContent(f, str(f, index.FieldTitle))
	if err != nil {
		return nil, fmt.Errorf("article %q: %w", id, err)
	}
	a := &Article{
		ID: id, Title: str(f, index.FieldTitle), Body: body,
		Source: str(f, index.FieldSource), Published: date(f, index.FieldPublished), DatePrecision: str(f, index.FieldPrecision),
		URL: str(f, index.FieldURL), Authors: strs(f, index.FieldAuthors), Language: str(f, index.FieldLanguage),
		Entities: []ArticleEntity{}, Countries: []ArticleCountry{}, Quotes: []ArticleQuote{},
	}
	if _, ok := f[index.FieldAuthors]; !ok {
		a.Authors = []string{}
	}
	for _, en := range ann.Entities {
		a.Entities = append(a.Entities, ArticleEntity{ID: en.ID, Name: en.Name, Type: en.Type, Country: en.Country, Role: en.Role, Count: en.Count})
	}
	for _, c := range ann.Countries {
		a.Countries = append(a.Countries, ArticleCountry{Code: c.Code, Name: c.Name, Count: c.Count})
	}
	kinds, countries := ann.SpeakerKinds(), ann.SpeakerCountries()
	for i, qt := range ann.Quotes {
		aq := ArticleQuote{Text: qt.Text, SpeakerAsWritten: qt.SpeakerAsWritten,
			Cue: qt.Cue, Kind: qt.Kind, Paragraph: qt.Paragraph, Start: qt.Start, End: qt.End}
		if qt.Scare() {
			aq.Scare = true
		} else {
			aq.ID = index.QuoteDocID(id, i+1)
		}
		if qt.SpeakerID != "" {
			aq.Speaker = &Speaker{ID: qt.SpeakerID, Name: qt.SpeakerName, Kind: kinds[i], Country: countries[i]}
		}
		a.Quotes = append(a.Quotes, aq)
		if qt.Kind == news.KindStatement && aq.Speaker != nil && !slices.ContainsFunc(a.Speakers, func(s Speaker) bool { return s.ID == aq.Speaker.ID }) {
			a.Speakers = append(a.Speakers, *aq.Speaker)
		}
	}
	return a, nil
}

// Stats describes the served generation. Counts of distinct values come
// from the index (so they include incremental changes) and are cached until
// the next change.
func (e *Engine) Stats(ctx context.Context) (*Stats, error) {
	s, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer s.release()
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	if s.stats != nil {
		st := *s.stats
		s.journalStats(&st)
		return &st, nil
	}
	m := s.gen.Meta
	st := &Stats{Generation: s.gen.Name, BuiltAt: m.BuiltAt, Entities: map[string]int{}}
	days, counted, err := e.countStats(ctx, s, st)
	if err != nil {
		return nil, err
	}
	if !counted {
		if err := bleveStats(ctx, s, st); err != nil {
			return nil, err
		}
	}
	span, err := dateSpan(ctx, s, days)
	if err != nil {
		return nil, err
	}
	st.DateSpan = span
	s.stats = st
	out := *st
	s.journalStats(&out)
	return &out, nil
}

// journalStats sets st's journal position and overlay, which change
// without resetting the cached stats.
func (s *served) journalStats(st *Stats) {
	st.JournalSeq = s.seq.Load()
	st.OverlayDocs, st.HiddenDocs = s.gen.OverlaySize()
}

// statsFacets are the fields whose distinct values Stats counts, in the
// order of Stats' fields.
var statsFacets = []string{index.FieldPerson, index.FieldOrg, index.FieldPlace, index.FieldCountry,
	index.FieldSpeaker, index.FieldSource}

// setDistinct sets st's count of distinct values of field.
func (st *Stats) setDistinct(field string, n int) {
	switch field {
	case index.FieldCountry:
		st.Countries = n
	case index.FieldSpeaker:
		st.Speakers = n
	case index.FieldSource:
		st.Sources = n
	default:
		st.Entities[field] = n
	}
}

// countStats counts st's articles, quotes, undated articles and distinct
// values from the column tables of the served view (the overlay's changes
// included): a value counts when one article has it. It reports false,
// counting nothing, when the tables are not there (the per-hit path). At a
// million articles Bleve's facets over every article took 2.8 s, on the
// first request after each swap or change, and the web page asks for the
// stats when it opens. days are the first and last UTC days (date_day) an
// article has, where dateSpan looks first.
func (e *Engine) countStats(ctx context.Context, s *served, st *Stats) (days [2]string, counted bool, err error) {
	if e.opts.PerHitFacets {
		return days, false, nil
	}
	v, err := s.acquireView(ctx)
	if errors.Is(err, errNoTables) {
		return days, false, nil
	}
	if err != nil {
		return days, false, fmt.Errorf("stats: %w", err)
	}
	defer v.release()
	distinct := make([]map[string]bool, len(statsFacets))
	for i := range distinct {
		distinct[i] = map[string]bool{}
	}
	for _, sd := range v.sides {
		t := sd.t
		articles := t.cols[index.FieldType].posting(index.TypeArticle).Clone()
		quotes := t.cols[index.FieldType].posting(index.TypeQuote).Clone()
		if sd.hidden != nil {
			articles.AndNot(sd.hidden)
			quotes.AndNot(sd.hidden)
		}
		st.Articles += int(articles.GetCardinality())
		st.Quotes += int(quotes.GetCardinality())
		st.Undated += int(articles.AndCardinality(t.cols[index.FieldDated].posting("false")))
		for i, f := range statsFacets {
			if err := ctx.Err(); err != nil {
				return days, false, fmt.Errorf("stats: %w", err)
			}
			col := t.cols[f]
			for o, bm := range col.post {
				if !distinct[i][col.terms[o]] && bm.Intersects(articles) {
					distinct[i][col.terms[o]] = true
				}
			}
		}
		col := t.cols[index.FieldDay] // days in order
		for o, bm := range col.post {
			if bm.Intersects(articles) {
				if d := col.terms[o]; days[0] == "" || d < days[0] {
					days[0] = d
				}
				break
			}
		}
		for o := len(col.post) - 1; o >= 0; o-- {
			if col.post[o].Intersects(articles) {
				days[1] = max(days[1], col.terms[o])
				break
			}
		}
	}
	for i, f := range statsFacets {
		st.setDistinct(f, len(distinct[i]))
	}
	return days, true, nil
}

// bleveStats counts what countStats does through Bleve: its facets over
// every article, and two searches.
func bleveStats(ctx context.Context, s *served, st *Stats) error {
	r := bleve.NewSearchRequestOptions(termQ(index.FieldType, index.TypeArticle), 0, 0, false)
	for _, f := range statsFacets {
		r.AddFacet(f, bleve.NewFacetRequest(f, allTerms))
	}
	res, err := s.gen.Index.SearchInContext(ctx, r)
	if err != nil {
		return searchErr(ctx, "stats", err)
	}
	st.Articles = int(res.Total)
	for _, f := range statsFacets {
		st.setDistinct(f, len(facetTerms(res, f)))
	}
	un, err := s.gen.Index.SearchInContext(ctx, bleve.NewSearchRequestOptions(
		bleve.NewConjunctionQuery(termQ(index.FieldType, index.TypeArticle), termQ(index.FieldDated, "false")), 0, 0, false))
	if err != nil {
		return searchErr(ctx, "stats", err)
	}
	st.Undated = int(un.Total)
	qn, err := s.gen.Index.SearchInContext(ctx, bleve.NewSearchRequestOptions(termQ(index.FieldType, index.TypeQuote), 0, 0, false))
	if err != nil {
		return searchErr(ctx, "stats", err)
	}
	st.Quotes = int(qn.Total)
	return nil
}

// dateSpan finds the first and last publication dates (nil when nothing is
// dated), from the articles (a quote has its article's date, and stores
// none).
//
// days, when known, are the first and last days (date_day) that articles
// have: each end is sought among that day's articles first (sorting all of
// them read the dates of a million articles, most of a second), then among
// all of them when the day has none.
func dateSpan(ctx context.Context, s *served, days [2]string) (*DateSpan, error) {
	var span DateSpan
	for i, sort := range []string{"published", "-published"} {
		var res *bleve.SearchResult
		for _, day := range slices.Compact([]string{days[i], ""}) {
			q := bleve.NewConjunctionQuery(termQ(index.FieldType, index.TypeArticle), termQ(index.FieldDated, "true"))
			if day != "" {
				q.AddQuery(termQ(index.FieldDay, day))
			}
			r := bleve.NewSearchRequestOptions(q, 1, 0, false)
			r.SortBy([]string{sort})
			r.Fields = []string{index.FieldPublished}
			var err error
			if res, err = s.gen.Index.SearchInContext(ctx, r); err != nil {
				return nil, searchErr(ctx, "date span", err)
			}
			if len(res.Hits) > 0 {
				break
			}
		}
		if len(res.Hits) == 0 {
			return nil, nil
		}
		t := date(res.Hits[0].Fields, index.FieldPublished)
		if i == 0 {
			span.From = t
		} else {
			span.To = t
		}
	}
	return &span, nil
}
