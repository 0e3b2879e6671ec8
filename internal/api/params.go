package api

import (
	"errors"
	"fmt"
	"github.com/readout/readout/internal/extract/text"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/readout/readout/internal/search"
)

// paramSpec is the query parameters a route takes. Anything else in its
// query string is a 400 naming the parameter, as Elasticsearch and
// Meilisearch answer: a misspelt filter (speakr=…) or size (sise=5) must
// not quietly answer every document.
type paramSpec struct {
	route string          // the route, for messages
	names map[string]bool // the parameters it takes; true: may repeat
	// notHere are search parameters this route does not take, with why,
	// so that a search URL sent to another route gets a useful answer.
	notHere map[string]string
	list    string // the names, for messages
}

func newParamSpec(route string, names []string, notHere map[string]string) paramSpec {
	p := paramSpec{route: route, names: map[string]bool{}, notHere: notHere}
	for _, n := range names {
		p.names[n] = false
	}
	if slices.Contains(names, "q") { // every route that searches takes the filters
		for _, f := range search.FilterNames {
			p.names[f] = true
		}
		for alias := range search.FilterAliases { // language=, author=: accepted, not listed
			p.names[alias] = true
		}
		names = slices.Insert(slices.Clone(names), slices.Index(names, "q")+1, search.FilterNames...)
	}
	p.list = strings.Join(names, ", ")
	if p.list == "" {
		p.list = "none"
	}
	return p
}

// The parameters of each route that reads a query string.
var (
	searchParams = newParamSpec("/api/v1/search",
		[]string{"q", "mode", "kind", "variants", "collapse", "count", "from", "to", "facets", "histogram", "split", "sort", "size", "cursor", "highlight", "allow_partial"}, nil)
	exportParams = newParamSpec("/api/v1/export",
		[]string{"q", "mode", "kind", "variants", "from", "to", "sort", "format", "limit"}, map[string]string{
			"size":      "an export has no pages; limit sets how many rows it gives",
			"cursor":    "an export starts at the first hit; leave out the cursor",
			"facets":    "an export has no facets",
			"histogram": "an export has no histogram",
			"split":     "an export has no histogram",
			"highlight": "an export has no highlighting",
		})
	facetParams = newParamSpec("/api/v1/facets/{field}",
		[]string{"prefix", "size", "q", "mode", "kind", "variants", "from", "to"}, map[string]string{
			"facets":    "the facet is the path's {field}",
			"histogram": "facet values have no histogram",
			"split":     "facet values have no histogram",
			"sort":      "facet values come most frequent first",
			"cursor":    "facet values have no pages; size sets how many",
			"highlight": "facet values have no highlighting",
		})
	articleParams      = onlyQ(newParamSpec("/api/v1/articles/{id}", []string{"q", "variants"}, nil)) // q: the matches to mark
	statsParams        = newParamSpec("/api/v1/stats", nil, nil)
	spreadParams       = newParamSpec("/api/v1/quotes/{id}/spread", nil, nil)
	similarParams      = newParamSpec("/api/v1/articles/{id}/similar", nil, nil)
	similarQuoteParams = newParamSpec("/api/v1/quotes/{id}/similar", nil, nil)
	adminParams        = newParamSpec("/api/v1/admin", nil, nil)
)

// boolParam reads a true/false parameter, dflt when absent.
func boolParam(v url.Values, name string, dflt bool) (bool, error) {
	s := v.Get(name)
	if s == "" {
		return dflt, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return dflt, &search.ParamError{Param: name, Msg: "must be true or false, not " + quoteClip(s)}
	}
	return b, nil
}

// onlyQ is p without the filters newParamSpec adds to a route with a q: the
// article route marks q's matches but filters nothing.
func onlyQ(p paramSpec) paramSpec {
	for name := range p.names {
		if name != "q" && name != "variants" {
			delete(p.names, name)
		}
	}
	p.list = "q, variants"
	return p
}

// checked wraps a handler that takes the request's query parameters, read
// by queryParams against spec; a query string spec does not accept is
// answered with its error and never reaches h.
func (s *Server) checked(spec paramSpec, h func(http.ResponseWriter, *http.Request, url.Values)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := queryParams(r.URL.RawQuery, spec)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		h(w, r, v)
	}
}

// queryParams reads a raw query string strictly: every name and value must
// be well-formed percent-encoding (url.Values drops a pair that is not, so
// q=%ZZ used to search for everything) of valid UTF-8, every name one that
// spec takes, and only the filters may repeat. A literal ';' is part of a
// value (RFC 3986 allows it; this API has no ';' separator).
func queryParams(raw string, spec paramSpec) (url.Values, error) {
	v := url.Values{}
	var unknown []string // the first few, for the message
	moreUnknown := false
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		rawName, rawValue, _ := strings.Cut(pair, "=")
		name, err := url.QueryUnescape(rawName)
		if err != nil {
			return nil, &search.ParamError{Param: clip(rawName), Msg: "parameter name: " + escapeMsg(err)}
		}
		if err := validUTF8(name); err != nil {
			return nil, &search.ParamError{Param: strings.ToValidUTF8(clip(name), "\uFFFD"), Msg: "parameter name: " + err.Error()}
		}
		if name == "" {
			return nil, &search.ParamError{Param: clip(pair), Msg: "a parameter without a name: " + quoteClip(pair)}
		}
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			return nil, &search.ParamError{Param: clip(name), Msg: escapeMsg(err)}
		}
		if err := validUTF8(value); err != nil {
			return nil, &search.ParamError{Param: clip(name), Msg: err.Error()}
		}
		repeats, known := spec.names[name]
		switch {
		case !known:
			if why, ok := spec.notHere[name]; ok {
				return nil, &search.ParamError{Param: name, Msg: fmt.Sprintf("%s does not take %s: %s", spec.route, name, why)}
			}
			switch {
			case slices.Contains(unknown, name):
			case len(unknown) < maxUnknownNamed:
				unknown = append(unknown, name)
			default:
				moreUnknown = true
			}
			continue
		case !repeats && v.Has(name):
			return nil, &search.ParamError{Param: name, Msg: "given more than once; only the filters (" + strings.Join(search.FilterNames, ", ") + ") repeat"}
		}
		v.Add(name, value)
	}
	if len(unknown) > 0 {
		return nil, spec.unknownError(unknown, moreUnknown)
	}
	return v, nil
}

// maxUnknownNamed is how many unknown parameters an error names.
const maxUnknownNamed = 5

// unknownError names the unknown parameters (and says when there are more),
// suggests the closest known name for the first and lists what the route
// takes.
func (spec paramSpec) unknownError(unknown []string, more bool) error {
	quoted := make([]string, len(unknown))
	for i, u := range unknown {
		quoted[i] = quoteClip(u)
	}
	msg := "unknown parameter " + quoted[0]
	if len(unknown) > 1 {
		msg = "unknown parameters " + strings.Join(quoted, ", ")
	}
	if more {
		msg += " and more"
	}
	if near := spec.closest(unknown[0]); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	msg += "; " + spec.route + " takes " + spec.list
	return &search.ParamError{Param: clip(unknown[0]), Msg: msg}
}

// closest is the known name nearest to name by edit distance (at most 2,
// or 1 for names of up to 4 bytes), or "".
func (spec paramSpec) closest(name string) string {
	if len(name) > 32 {
		return ""
	}
	limit := 2
	if len(name) <= 4 {
		limit = 1
	}
	best, bestD := "", limit+1
	for known := range spec.names {
		if d := text.EditDistance(strings.ToLower(name), known); d < bestD || d == bestD && known < best {
			best, bestD = known, d
		}
	}
	return best
}

func escapeMsg(err error) string {
	var e url.EscapeError
	if errors.As(err, &e) {
		return fmt.Sprintf("invalid percent-encoding %s (%% must be followed by two hex digits; a percent sign is %%25)", quoteClip(string(e)))
	}
	return "invalid percent-encoding"
}

func validUTF8(s string) error {
	if utf8.ValidString(s) {
		return nil
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return fmt.Errorf("not valid UTF-8 (byte 0x%02X at offset %d); text must be percent-encoded UTF-8", s[i], i)
		}
		i += n
	}
	return nil
}

// maxEcho is how much of a value an error message repeats.
const maxEcho = 100

// clip is s cut to its first maxEcho bytes (at a character boundary) with
// "… (N bytes)" after it when longer.
func clip(s string) string {
	if len(s) <= maxEcho {
		return s
	}
	return s[:cutAt(s, maxEcho)] + fmt.Sprintf("… (%d bytes)", len(s))
}

// quoteClip is s quoted for an error message, cut as clip cuts it.
func quoteClip(s string) string {
	if len(s) <= maxEcho {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:cutAt(s, maxEcho)]) + fmt.Sprintf("… (%d bytes)", len(s))
}

// maxMessage is the longest error message sent; longer ones (a search
// message quoting a long value in full) keep their first keepMessage bytes.
const (
	maxMessage  = 400
	keepMessage = 200
)

// clipMessage cuts an error message longer than maxMessage.
func clipMessage(s string) string {
	if len(s) <= maxMessage {
		return s
	}
	return s[:cutAt(s, keepMessage)] + fmt.Sprintf("… (%d bytes)", len(s))
}

// cutAt is the largest byte offset <= n that does not split a character.
func cutAt(s string, n int) int {
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// searchRequest reads the search parameters of docs/api.md.
func searchRequest(v url.Values) (search.Request, error) {
	req := search.Request{
		Q:         v.Get("q"),
		Mode:      v.Get("mode"),
		Kind:      v.Get("kind"),
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
	for alias := range search.FilterAliases { // search folds them into their name
		if vals, ok := v[alias]; ok {
			if req.Filters == nil {
				req.Filters = map[string][]string{}
			}
			req.Filters[alias] = vals
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
			return req, &search.ParamError{Param: "size", Msg: "not a number: " + quoteClip(s)}
		}
		if n < 0 {
			return req, &search.ParamError{Param: "size", Msg: "must be 0 (no hits: the total, facets and histogram alone) or more"}
		}
		req.Size, req.NoHits = n, n == 0
	}
	if s := v.Get("highlight"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return req, &search.ParamError{Param: "highlight", Msg: "must be true or false, not " + quoteClip(s)}
		}
		req.Highlight = b
	}
	variants, err := boolParam(v, "variants", true)
	if err != nil {
		return req, err
	}
	req.NoVariants = !variants
	if req.Collapse, err = boolParam(v, "collapse", true); err != nil {
		return req, err
	}
	if !req.Collapse && req.Sort == search.SortFirstSeen {
		return req, &search.ParamError{Param: "collapse", Msg: "sort=first_seen lists each quote once, at its first copy; leave out collapse=false"}
	}
	switch c := v.Get("count"); c {
	case "", "copies":
	case "stories":
		req.CountStories = true
	default:
		return req, &search.ParamError{Param: "count", Msg: "must be stories or copies, not " + quoteClip(c)}
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
			return req, &search.ParamError{Param: "split", Msg: "one facet, optionally with a size (country or country:5), not " + quoteClip(s)}
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
				return nil, &search.ParamError{Param: "facets", Msg: "bad size in " + quoteClip(item)}
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
		return time.Time{}, &search.ParamError{Param: name, Msg: "not a date (YYYY-MM-DD or RFC 3339): " + quoteClip(s)}
	}
	if end {
		t = t.Add(time.Nanosecond)
	}
	return t.UTC(), nil
}
