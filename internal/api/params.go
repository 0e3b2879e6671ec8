package api

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/readout/readout/internal/search"
)

// searchRequest reads the search parameters of docs/api.md.
func searchRequest(v url.Values) (search.Request, error) {
	req := search.Request{
		Q:         v.Get("q"),
		Mode:      v.Get("mode"),
		Histogram: v.Get("histogram"),
		Sort:      v.Get("sort"),
		Cursor:    v.Get("cursor"),
		Highlight: true,
	}
	for _, name := range search.FilterNames {
		if vals, ok := v[name]; ok {
			if req.Filters == nil {
				req.Filters = map[string][]string{}
			}
			req.Filters[name] = vals
		}
	}
	var err error
	if req.From, err = dateParam(v, "from", false); err != nil {
		return req, err
	}
	if req.To, err = dateParam(v, "to", true); err != nil {
		return req, err
	}
	if s := v.Get("size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return req, &search.ParamError{Param: "size", Msg: "not a number: " + strconv.Quote(s)}
		}
		if n < 0 {
			return req, &search.ParamError{Param: "size", Msg: "must be 0 (no hits: the total, facets and histogram alone) or more"}
		}
		req.Size, req.NoHits = n, n == 0
	}
	if s := v.Get("highlight"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return req, &search.ParamError{Param: "highlight", Msg: "must be true or false"}
		}
		req.Highlight = b
	}
	if _, ok := v["facets"]; ok {
		req.Facets, err = facetsParam(v.Get("facets"))
		if err != nil {
			return req, err
		}
	}
	if s := strings.TrimSpace(v.Get("split")); s != "" && s != "none" {
		specs, err := facetsParam(s)
		if err != nil || len(specs) != 1 {
			return req, &search.ParamError{Param: "split", Msg: "one facet, optionally with a size (country or country:5), not " + strconv.Quote(s)}
		}
		req.Split = specs[0]
	}
	return req, nil
}

// facetsParam reads "speaker,country:20" or "none".
func facetsParam(s string) ([]search.FacetSpec, error) {
	out := []search.FacetSpec{}
	s = strings.TrimSpace(s)
	if s == "" || s == "none" {
		return out, nil
	}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, size, hasSize := strings.Cut(item, ":")
		spec := search.FacetSpec{Name: name}
		if hasSize {
			n, err := strconv.Atoi(size)
			if err != nil || n <= 0 {
				return nil, &search.ParamError{Param: "facets", Msg: "bad size in " + strconv.Quote(item)}
			}
			spec.Size = n
		}
		out = append(out, spec)
	}
	return out, nil
}

// dateParam reads YYYY-MM-DD or RFC 3339. As the end of a range (to) it is
// inclusive: a date covers its whole day; the result is exclusive.
func dateParam(v url.Values, name string, end bool) (time.Time, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		if end {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, &search.ParamError{Param: name, Msg: "not a date (YYYY-MM-DD or RFC 3339): " + strconv.Quote(s)}
	}
	if end {
		t = t.Add(time.Nanosecond)
	}
	return t.UTC(), nil
}
