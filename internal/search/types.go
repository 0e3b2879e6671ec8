package search

import (
	"maps"
	"runtime"
	"slices"
	"time"

	"github.com/readout/readout/internal/query"
	"github.com/readout/readout/internal/schema"
)

// Modes of a search.
const (
	ModeArticles = "articles"
	ModeQuotes   = "quotes"
)

// Sorts.
const (
	SortRelevance = "relevance"
	// KindAll is Request.Kind for quotes of every kind.
	KindAll    = "all"
	SortNewest = "newest"
	SortOldest = "oldest"
	// SortFirstSeen lists each quote once (collapsed), at the date its
	// first copy appeared, oldest first (quote mode).
	SortFirstSeen = "first_seen"
)

// Histogram intervals.
const (
	IntervalDay   = "day"
	IntervalWeek  = "week"
	IntervalMonth = "month"
	IntervalYear  = "year"
	IntervalAuto  = "auto"
)

// Options are the Engine's limits and timings; cmd/searchd fills them from
// config.Config. Zero values take the defaults of DefaultOptions.
//
// The query limits bound what one request can make the engine do before it
// runs (docs/api.md, "Limits and cost budget"): q's size and shape (parsed
// with QueryLimits), what its prefix and fuzzy terms expand to, and, for a
// request estimated expensive, a slot among ExpensiveSlots.
type Options struct {
	MaxQueryLen      int           // bytes of q
	DefaultSize      int           // hits per page when size is absent
	MaxSize          int           // hits per page
	DefaultFacetSize int           // values per facet when no size is given
	MaxFacetSize     int           // values per facet
	MaxPageDepth     int           // hits reachable by paging (0: unlimited)
	MaxExport        int           // hits one export may download
	MaxBuckets       int           // histogram buckets
	ReloadInterval   time.Duration // watcher poll interval

	MaxQueryTerms int // words, phrases, prefixes and fuzzy terms of q
	MaxQueryDepth int // nesting of parentheses in q
	MinPrefixLen  int // letters or digits before * in q
	MaxFuzziness  int // edits of fuzzy~N in q (1 or 2)
	Fuzzy1MinLen  int // letters or digits of a fuzzy word with one edit (word~)
	Fuzzy2MinLen  int // letters or digits of a fuzzy word with two edits (word~2)
	// MaxExpansions bounds the index terms the prefix and fuzzy terms of
	// one request expand to, counted per field searched (an unfielded
	// prefix in article mode is looked up in title, body and quote text).
	MaxExpansions int
	// MaxExpansionPostings bounds the postings those terms list (the sum of
	// their document frequencies): the documents the request reads for
	// them. Plain words do not count; q=said on a big archive is cheap to
	// plan.
	MaxExpansionPostings int
	// A request is expensive when its prefix and fuzzy terms expand to more
	// than ExpensiveExpansions terms, or when its estimated work (postings
	// of those terms, plus, with PerHitFacets, the documents counted for
	// facets and histogram when it aggregates the whole archive) exceeds
	// ExpensiveWork. Such a
	// request runs in one of ExpensiveSlots slots (0: half the CPUs, at
	// least 1, so that expensive requests leave CPU to the others), waiting
	// at most SlotWait (negative: not at all) before it is refused with
	// ErrTooBusy. Cheap requests never wait.
	ExpensiveExpansions int
	ExpensiveWork       int
	ExpensiveSlots      int
	SlotWait            time.Duration
	// ExportSlots is how many exports of more than one page run at once
	// (0: half the CPUs, at least 1); one more waits SlotWait for a slot,
	// then is refused with ErrTooBusy before any row is sent. Exports have
	// slots of their own so that a long export does not hold back the
	// expensive searches of the start page.
	ExportSlots int

	// PerHitFacets computes facets and the histogram from each hit's doc
	// values in Bleve's searches (the reference path) instead of from the
	// generation's column tables (the fast path, the default; fast.go).
	// Both give the same counts.
	PerHitFacets bool

	slots       *slotPool          // shared by the engine's requests; made by withDefaults
	exportSlots *slotPool          // shared by the engine's exports
	hook        func(stage string) // tests: called at each stage of a search
	noAggCache  bool               // benchmarks: compute the aggregates of every request
	noTopK      bool               // benchmarks: the main search of a browse searches every document
	exportRef   bool               // tests: exports page with Engine.run and Bleve's stored fields (the reference)
}

// DefaultOptions returns the defaults. The limits config.Config also sets
// have the same defaults there, and the query limits are query.DefaultLimits
// (a test in internal/config holds the three together).
func DefaultOptions() Options {
	lim := query.DefaultLimits
	return Options{
		MaxQueryLen:      lim.MaxLen,
		DefaultSize:      20,
		MaxSize:          100,
		DefaultFacetSize: 10,
		MaxFacetSize:     500,
		MaxPageDepth:     10000,
		MaxExport:        100_000,
		MaxBuckets:       5000,
		ReloadInterval:   2 * time.Second,

		MaxQueryTerms:        lim.MaxTerms,
		MaxQueryDepth:        lim.MaxDepth,
		MinPrefixLen:         lim.MinPrefixLen,
		MaxFuzziness:         lim.MaxFuzziness,
		Fuzzy1MinLen:         lim.Fuzzy1MinLen,
		Fuzzy2MinLen:         lim.Fuzzy2MinLen,
		MaxExpansions:        1000,
		MaxExpansionPostings: 500_000,
		ExpensiveExpansions:  100,
		ExpensiveWork:        100_000,
		ExpensiveSlots:       0,
		SlotWait:             500 * time.Millisecond,
		ExportSlots:          0,
	}
}

// QueryLimits are the parser limits of o.
func (o Options) QueryLimits() query.Limits {
	return query.Limits{
		MaxLen: o.MaxQueryLen, MaxTerms: o.MaxQueryTerms, MaxDepth: o.MaxQueryDepth,
		MinPrefixLen: o.MinPrefixLen, MaxFuzziness: o.MaxFuzziness,
		Fuzzy1MinLen: o.Fuzzy1MinLen, Fuzzy2MinLen: o.Fuzzy2MinLen,
	}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.MaxQueryLen <= 0 {
		o.MaxQueryLen = d.MaxQueryLen
	}
	if o.MaxSize <= 0 {
		o.MaxSize = d.MaxSize
	}
	if o.DefaultSize <= 0 {
		o.DefaultSize = min(d.DefaultSize, o.MaxSize)
	}
	if o.MaxFacetSize <= 0 {
		o.MaxFacetSize = d.MaxFacetSize
	}
	if o.DefaultFacetSize <= 0 {
		o.DefaultFacetSize = min(d.DefaultFacetSize, o.MaxFacetSize)
	}
	if o.MaxPageDepth < 0 {
		o.MaxPageDepth = 0
	}
	if o.MaxBuckets <= 0 {
		o.MaxBuckets = d.MaxBuckets
	}
	if o.MaxExport <= 0 {
		o.MaxExport = d.MaxExport
	}
	if o.ReloadInterval <= 0 {
		o.ReloadInterval = d.ReloadInterval
	}
	for _, f := range []struct{ v, d *int }{
		{&o.MaxQueryTerms, &d.MaxQueryTerms}, {&o.MaxQueryDepth, &d.MaxQueryDepth},
		{&o.MinPrefixLen, &d.MinPrefixLen}, {&o.MaxFuzziness, &d.MaxFuzziness},
		{&o.Fuzzy1MinLen, &d.Fuzzy1MinLen}, {&o.Fuzzy2MinLen, &d.Fuzzy2MinLen},
		{&o.MaxExpansions, &d.MaxExpansions}, {&o.MaxExpansionPostings, &d.MaxExpansionPostings},
		{&o.ExpensiveExpansions, &d.ExpensiveExpansions}, {&o.ExpensiveWork, &d.ExpensiveWork},
	} {
		if *f.v <= 0 {
			*f.v = *f.d
		}
	}
	o.MaxFuzziness = min(o.MaxFuzziness, 2)
	if o.ExpensiveSlots <= 0 {
		o.ExpensiveSlots = halfTheCPUs()
	}
	if o.ExportSlots <= 0 {
		o.ExportSlots = halfTheCPUs()
	}
	switch {
	case o.SlotWait == 0:
		o.SlotWait = d.SlotWait
	case o.SlotWait < 0:
		o.SlotWait = 0
	}
	if o.slots == nil {
		o.slots = newSlotPool(o.ExpensiveSlots)
	}
	if o.exportSlots == nil {
		o.exportSlots = newSlotPool(o.ExportSlots)
	}
	return o
}

// halfTheCPUs is the default number of slots of expensive requests and of
// exports: half the CPUs, at least 1.
func halfTheCPUs() int { return max(1, runtime.NumCPU()/2) }

// Filter and facet names of the HTTP API, from the schema table
// (internal/schema): filterFields maps every spelling of a filter (its
// name and aliases: "lang" and "language") to the index field it filters
// and facets on.
var filterFields = func() map[string]string {
	m := map[string]string{}
	for _, f := range schema.Select(isFilter) {
		for _, n := range f.Spellings() {
			m[n] = f.Index
		}
	}
	return m
}()

// isFilter tells the schema fields that are API filters and facets: the
// two sets are the same, since a facet's own selection is a filter.
func isFilter(f schema.Field) bool { return f.Filter && f.Facet }

// FilterNames are the filter (and facet) names the API accepts, in display
// order; FilterAliases, the other spellings it also accepts (alias ->
// name).
var (
	FilterNames   = schemaNames(isFilter)
	FilterAliases = func() map[string]string {
		m := map[string]string{}
		for _, f := range schema.Select(isFilter) {
			for _, a := range f.Aliases {
				m[a] = f.Name
			}
		}
		return m
	}()
)

// DefaultFacets are the facets computed when a request names none.
var DefaultFacets = schemaNames(func(f schema.Field) bool { return isFilter(f) && f.DefaultFacet })

func schemaNames(keep func(schema.Field) bool) []string {
	var out []string
	for _, f := range schema.Select(keep) {
		out = append(out, f.Name)
	}
	return out
}

// IsFilterName reports whether name is a filter/facet name of the API or
// an alias of one.
func IsFilterName(name string) bool { _, ok := filterFields[name]; return ok }

// canonicalNames rewrites the filter, facet and split names of r that are
// aliases ("language") to the names they spell ("lang"), merging the
// values of a filter given under several spellings, so that the rest of
// the search (and the response) knows each field by one name.
func canonicalNames(r *Request) {
	var filters map[string][]string // r.Filters, copied before the first change
	for name, vals := range r.Filters {
		c, ok := FilterAliases[name]
		if !ok {
			continue
		}
		if filters == nil {
			filters = maps.Clone(r.Filters)
		}
		delete(filters, name)
		filters[c] = append(slices.Clip(filters[c]), vals...)
	}
	if filters != nil {
		r.Filters = filters
	}
	if slices.ContainsFunc(r.Facets, func(f FacetSpec) bool { return FilterAliases[f.Name] != "" }) {
		r.Facets = slices.Clone(r.Facets)
		for i, f := range r.Facets {
			if c, ok := FilterAliases[f.Name]; ok {
				r.Facets[i].Name = c
			}
		}
	}
	if c, ok := FilterAliases[r.Split.Name]; ok {
		r.Split.Name = c
	}
}

// FacetSpec asks for one facet.
type FacetSpec struct {
	Name string `json:"name"`           // API name, e.g. "speaker"
	Size int    `json:"size,omitempty"` // 0: Options.DefaultFacetSize
}

// Request is one search. The zero value (plus Size) is a match-all article
// search; API parameters map onto it one to one.
type Request struct {
	Q         string              `json:"q,omitempty"`
	Mode      string              `json:"mode,omitempty"`      // ModeArticles (default) or ModeQuotes
	Filters   map[string][]string `json:"filters,omitempty"`   // API filter name -> values (ids or names)
	From      time.Time           `json:"from,omitzero"`       // inclusive; zero: open
	To        time.Time           `json:"to,omitzero"`         // exclusive; zero: open
	Facets    []FacetSpec         `json:"facets"`              // nil: DefaultFacets; empty non-nil: none
	Histogram string              `json:"histogram,omitempty"` // "" (none) or an Interval constant
	// Split, when named, adds to the histogram one series per value of this
	// facet (its selected values, or else its Size top values).
	Split FacetSpec `json:"split,omitzero"`
	Sort  string    `json:"sort,omitempty"` // SortRelevance (default with q), SortNewest (default without), SortOldest
	// Kind keeps the quotes of one kind in quote mode: news.KindDirect,
	// news.KindIndirect, news.KindTurn, news.KindStatement, or KindAll / ""
	// for all (kind:… in q).
	Kind string `json:"kind,omitempty"`
	// NoVariants searches the names of q as typed, without their other
	// names (variants.go: Kiev also finds Kyiv).
	NoVariants bool `json:"no_variants,omitempty"`
	Size       int  `json:"size,omitempty"` // 0: Options.DefaultSize
	// NoHits asks for the total, facets and histogram alone (the API's
	// size=0, as in Elasticsearch): no hits, no cursor.
	NoHits    bool   `json:"no_hits,omitempty"`
	Cursor    string `json:"cursor,omitempty"` // from Response.NextCursor
	Highlight bool   `json:"highlight,omitempty"`
	// Collapse keeps one hit of each group of near-duplicate articles (in
	// article mode; collapse.go). The API sets it unless collapse=false.
	Collapse bool `json:"collapse,omitempty"`
	// CountStories counts stories, not copies, in the facets, the
	// histogram and its series (article mode; the API's count=stories):
	// of each group of near-duplicates, its first matching article.
	CountStories bool `json:"count_stories,omitempty"`

	// segmentFields: hits' stored fields are read from the segments
	// (storedfields.go); set by Export.
	segmentFields bool
	// exportPage, when set, makes the request a page of an export this
	// many hits long: normalize takes it as the size, beyond max_size
	// (partitioned exports, ExportGather; PartialRequest.ExportPage).
	exportPage int
	// dict, when set, holds the expansions of q's prefix and fuzzy terms
	// in every shard (partitioned serving: PartialRequest.Expansions),
	// looked up instead in the served shards.
	dict *query.Dictionary
}

// Response is the result of Search, shaped as the HTTP API's JSON.
type Response struct {
	Total      int                     `json:"total"`
	TookMS     float64                 `json:"took_ms"`
	Mode       string                  `json:"mode"`
	Query      string                  `json:"query"`
	Generation string                  `json:"generation"`
	Hits       []Hit                   `json:"hits"`
	Facets     map[string][]FacetValue `json:"facets"`
	Histogram  *Histogram              `json:"histogram,omitempty"`
	NextCursor *string                 `json:"next_cursor"`
	// TotalStories, when the request collapses near-duplicates
	// (Request.Collapse), counts the stories: Total less the copies left
	// out of the hits (collapse.go).
	TotalStories *int `json:"total_stories,omitempty"`
	// Suggestion is a corrected q that finds more, given when q finds
	// fewer than three (suggest.go).
	Suggestion *Suggestion `json:"suggestion,omitempty"`
	// Partial, in partitioned serving with allow_partial, says that the
	// response counts and finds in some shards only: MissingShards had no
	// live replica (GatherOptions.AllowPartial).
	Partial       bool  `json:"partial,omitempty"`
	MissingShards []int `json:"missing_shards,omitempty"`
}

// Hit is an article (Type "article") or a quote (Type "quote").
type Hit struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	ArticleID string    `json:"article_id,omitempty"`
	Title     string    `json:"title"`
	Source    string    `json:"source,omitempty"`
	Published time.Time `json:"published,omitzero"`
	// DatePrecision is "year" or "month" when the date stands for a whole
	// year or month (Published is its start); omitted for a day.
	DatePrecision string              `json:"date_precision,omitempty"`
	URL           string              `json:"url,omitempty"`
	Score         float64             `json:"score"`
	Snippets      map[string][]string `json:"snippets,omitempty"`
	Quotes        []QuoteHit          `json:"quotes,omitempty"`
	// Group is the id of the article's group of near-duplicates (the
	// group's first article) and SimilarCount how many other copies of its
	// story the group holds; both absent for an article in no group.
	Group        string `json:"group,omitempty"`
	SimilarCount int    `json:"similar_count,omitempty"`

	// Quote hits only.
	*QuoteFields
}

// QuoteFields are the fields of a quote hit.
type QuoteFields struct {
	Text             string   `json:"text"`
	Highlighted      string   `json:"highlighted"`
	Speaker          *Speaker `json:"speaker"`
	SpeakerAsWritten string   `json:"speaker_as_written,omitempty"`
	Cue              string   `json:"cue,omitempty"`
	Kind             string   `json:"kind,omitempty"`
	Paragraph        int      `json:"paragraph"`
}

// QuoteHit is a quote attached to an article hit.
type QuoteHit struct {
	ID string `json:"id"`
	QuoteFields
}

// Speaker is a resolved speaker; nil when the quote has no confident one.
type Speaker struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind,omitempty"`    // person, organization or country (news.SpeakerKinds)
	Country string `json:"country,omitempty"` // the country spoken for (news.SpeakerCountries)
}

// FacetValue is one value of a facet.
type FacetValue struct {
	Value    string `json:"value"`
	Label    string `json:"label"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

// Histogram counts matching documents per date bucket.
type Histogram struct {
	Interval string   `json:"interval"`
	Buckets  []Bucket `json:"buckets"`
	Undated  int      `json:"undated"`
	// Imprecise: documents dated by a year (or a month) in a histogram of
	// months, weeks or days (of weeks or days), each counted in the
	// bucket of its span's first day.
	Imprecise int `json:"imprecise,omitempty"`
	// With a split: the facet and its series, on the same buckets.
	Split  string   `json:"split,omitempty"`
	Series []Series `json:"series,omitempty"`
}

// Series is the histogram of the result under one value of the split
// facet: Count documents, Undated of them without a date.
type Series struct {
	Value   string   `json:"value"`
	Label   string   `json:"label"`
	Count   int      `json:"count"`
	Undated int      `json:"undated"`
	Buckets []Bucket `json:"buckets"`
}

// Bucket is one histogram bucket; Start is "YYYY-MM-DD".
type Bucket struct {
	Start string `json:"start"`
	Count int    `json:"count"`
}

// FacetValues is the answer of a facet-value (autocomplete) search.
type FacetValues struct {
	Field  string       `json:"field"`
	Values []FacetValue `json:"values"`
}

// Article is one article with its annotations.
type Article struct {
	ID            string           `json:"id"`
	Title         string           `json:"title"`
	Body          string           `json:"body"`
	Source        string           `json:"source,omitempty"`
	Published     time.Time        `json:"published,omitzero"`
	DatePrecision string           `json:"date_precision,omitempty"` // as Hit's
	URL           string           `json:"url,omitempty"`
	Authors       []string         `json:"authors"`
	Language      string           `json:"language,omitempty"`
	Entities      []ArticleEntity  `json:"entities"`
	Countries     []ArticleCountry `json:"countries"`
	Quotes        []ArticleQuote   `json:"quotes"`
	// Matches are where the q of the request matches the title and body
	// (ArticleMatches); absent without a q.
	Matches []Match `json:"matches,omitempty"`
	// Speakers speak the whole article (a speech, a statement: its
	// statement quotes' speakers).
	Speakers []Speaker `json:"speakers,omitempty"`
}

// ArticleEntity is an entity of an article.
type ArticleEntity struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Type    string `json:"type"`
	Country string `json:"country,omitempty"`
	Role    string `json:"role,omitempty"`
	Count   int    `json:"count"`
}

// ArticleCountry is a country an article is about.
type ArticleCountry struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// ArticleQuote is a quote of an article with its offsets in the body.
type ArticleQuote struct {
	ID               string   `json:"id,omitempty"`    // its quote document; none for a scare quote
	Scare            bool     `json:"scare,omitempty"` // one or two words: marked in the text, not a quotation of its own
	Text             string   `json:"text"`
	Speaker          *Speaker `json:"speaker"`
	SpeakerAsWritten string   `json:"speaker_as_written,omitempty"`
	Cue              string   `json:"cue,omitempty"`
	Kind             string   `json:"kind,omitempty"`
	Paragraph        int      `json:"paragraph"`
	Start            int      `json:"start"`
	End              int      `json:"end"`
}

// Stats describes the served generation.
type Stats struct {
	Generation string         `json:"generation"`
	BuiltAt    time.Time      `json:"built_at"`
	Articles   int            `json:"articles"`
	Quotes     int            `json:"quotes"`
	Entities   map[string]int `json:"entities"`
	Countries  int            `json:"countries"`
	Speakers   int            `json:"speakers"`
	Sources    int            `json:"sources"`
	DateSpan   *DateSpan      `json:"date_span"`
	Undated    int            `json:"undated"`
	// JournalSeq is the last journal op the generation holds, folded in by
	// its build or laid over it since (in cluster mode, of the cluster's
	// change stream); OverlayDocs and HiddenDocs are the documents those
	// laid over it hold in memory: added or replaced, and hidden.
	JournalSeq  int64 `json:"journal_seq"`
	OverlayDocs int   `json:"overlay_docs"`
	HiddenDocs  int   `json:"hidden_docs"`
}

// DateSpan is the first and last publication date.
type DateSpan struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}
