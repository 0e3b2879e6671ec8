package search

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/news"
)

// normalize validates a request, fills its defaults and spells its filter
// and facet names as the schema names them (lang for language). The checks
// run in this order, so a request with several faults reports the first.
func (e *Engine) normalize(r *Request) error {
	o := e.opts
	canonicalNames(r)
	switch r.Mode {
	case "":
		r.Mode = ModeArticles
	case ModeArticles, ModeQuotes:
	default:
		return paramErr("mode", "must be articles or quotes, not %q", r.Mode)
	}
	switch r.Sort {
	case "":
		// Relevance ranks matches of a query; without one every document
		// matches alike, and news is read newest first.
		r.Sort = SortRelevance
		if strings.TrimSpace(r.Q) == "" {
			r.Sort = SortNewest
		}
	case SortRelevance, SortNewest, SortOldest:
	case SortFirstSeen:
		// Each quote once, at the date it first appeared: its group's
		// first matching copy, the earliest (collapse.go), oldest first.
		if r.Mode != ModeQuotes {
			return paramErr("sort", "first_seen orders quotes by the date they first appeared: use it with mode=quotes")
		}
		r.Sort, r.Collapse = SortOldest, true
	default:
		return paramErr("sort", "must be relevance, newest, oldest or first_seen (quotes), not %q", r.Sort)
	}
	switch {
	case r.exportPage > exportPageSize:
		return &LimitError{Param: "size", Limit: exportPageSize, Msg: fmt.Sprintf("export page of %d hits is too large", r.exportPage)}
	case r.exportPage > 0:
		r.Size, r.NoHits = r.exportPage, false
	case r.NoHits:
		if r.Cursor != "" {
			return paramErr("cursor", "size=0 returns no hits to page through; leave out the cursor")
		}
		r.Size = 0
	case r.Size == 0:
		r.Size = o.DefaultSize
	case r.Size < 0:
		return paramErr("size", "must be positive")
	case r.Size > o.MaxSize:
		return &LimitError{Param: "size", Limit: o.MaxSize, Msg: fmt.Sprintf("size %d is too large", r.Size)}
	}
	if len(r.Q) > o.MaxQueryLen {
		return &LimitError{Param: "q", Limit: o.MaxQueryLen, Msg: fmt.Sprintf("query of %d bytes is too long", len(r.Q))}
	}
	switch r.Kind {
	case "", KindAll:
	case news.KindDirect, news.KindIndirect, news.KindTurn, news.KindStatement:
		if r.Mode != ModeQuotes {
			return paramErr("kind", "selects quotes: use it with mode=quotes")
		}
		// The quote's kind field of q (kind:direct), ANDed with the rest.
		if strings.TrimSpace(r.Q) == "" {
			r.Q = "kind:" + r.Kind
		} else {
			r.Q = "(" + r.Q + ") kind:" + r.Kind
		}
	default:
		return paramErr("kind", "must be direct, indirect, turn, statement or all, not %q", r.Kind)
	}
	r.Kind = ""
	if err := normalizeFacets(r, o); err != nil {
		return err
	}
	for name := range r.Filters {
		if !IsFilterName(name) {
			return paramErr(name, "unknown filter")
		}
	}
	if err := normalizeSpeakerKinds(r); err != nil {
		return err
	}
	switch r.Histogram {
	case "", IntervalDay, IntervalWeek, IntervalMonth, IntervalYear, IntervalAuto:
	default:
		return paramErr("histogram", "must be day, week, month, year or auto, not %q", r.Histogram)
	}
	if err := normalizeSplit(r); err != nil {
		return err
	}
	return checkDates(r)
}

// normalizeFacets fills in the default facets when r names none and the
// default size of each facet, and checks names and sizes.
func normalizeFacets(r *Request, o Options) error {
	if r.Facets == nil {
		for _, n := range DefaultFacets {
			r.Facets = append(r.Facets, FacetSpec{Name: n})
		}
	}
	seen := map[string]bool{}
	for i := range r.Facets {
		f := &r.Facets[i]
		if !IsFilterName(f.Name) {
			return paramErr("facets", "unknown facet %q", f.Name)
		}
		if seen[f.Name] {
			return paramErr("facets", "facet %q given twice", f.Name)
		}
		seen[f.Name] = true
		switch {
		case f.Size == 0:
			f.Size = o.DefaultFacetSize
		case f.Size < 0:
			return paramErr("facets", "size of facet %q must be positive", f.Name)
		case f.Size > o.MaxFacetSize:
			return &LimitError{Param: "facets", Limit: o.MaxFacetSize, Msg: fmt.Sprintf("facet %q size %d is too large", f.Name, f.Size)}
		}
	}
	return nil
}

// checkDates checks that from and to fall in the years that Bleve's
// dates (int64 nanoseconds since 1970) cover, and are in order.
func checkDates(r *Request) error {
	for _, d := range []struct {
		name string
		t    time.Time
	}{{"from", r.From}, {"to", r.To}} {
		if !d.t.IsZero() && (d.t.Year() < 1678 || d.t.Year() > 2261) {
			return paramErr(d.name, "year %d is out of range (1678-2261)", d.t.Year())
		}
	}
	if !r.From.IsZero() && !r.To.IsZero() && !r.From.Before(r.To) {
		return paramErr("to", "must not be before from")
	}
	return nil
}

// pageCursor decodes the cursor of a normalized request (nil when it has
// none) and checks that it belongs to this request and is within
// Options.MaxPageDepth.
func (e *Engine) pageCursor(req *Request) (*cursor, error) {
	if req.Cursor == "" {
		return nil, nil
	}
	c, err := decodeCursor(req.Cursor)
	if err != nil {
		return nil, err
	}
	if c.Key != cursorKey(req) {
		return nil, paramErr("cursor", "cursor belongs to a different query, filters or sort")
	}
	// An export's pages (ExportGather's) go as deep as its limit.
	if e.opts.MaxPageDepth > 0 && c.Seen >= e.opts.MaxPageDepth && req.exportPage == 0 {
		return nil, &LimitError{Param: "cursor", Limit: e.opts.MaxPageDepth,
			Msg: "paged too deep; narrow the query"}
	}
	return &c, nil
}

// speakerKindNames are the spellings speaker_kind takes, lower case, and the
// kind each stands for: the three kinds and their common variants.
var speakerKindNames = map[string]string{
	news.SpeakerPerson: news.SpeakerPerson, "people": news.SpeakerPerson, "persons": news.SpeakerPerson,
	news.SpeakerOrganization: news.SpeakerOrganization, "organisation": news.SpeakerOrganization,
	"organizations": news.SpeakerOrganization, "organisations": news.SpeakerOrganization, "org": news.SpeakerOrganization,
	news.SpeakerCountry: news.SpeakerCountry, "countries": news.SpeakerCountry, "government": news.SpeakerCountry,
	"governments": news.SpeakerCountry, "state": news.SpeakerCountry,
}

// normalizeSpeakerKinds spells the values of r's speaker_kind filter as
// the index holds them, copying r.Filters before a change as
// canonicalNames does (the caller's map stays as given). It is a closed
// list, so a value that is none of the kinds is an error rather than a
// filter that silently matches nothing.
func normalizeSpeakerKinds(r *Request) error {
	vals, ok := r.Filters[index.FieldSpeakerKind]
	if !ok {
		return nil
	}
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		k, ok := speakerKindNames[strings.ToLower(strings.TrimSpace(v))]
		if !ok {
			return paramErr(index.FieldSpeakerKind, "must be person, organization or country, not %q", v)
		}
		out = append(out, k)
	}
	if !slices.Equal(out, vals) {
		r.Filters = maps.Clone(r.Filters)
		r.Filters[index.FieldSpeakerKind] = out
	}
	return nil
}
