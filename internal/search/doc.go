// Package search runs searches on the generation that searchd serves and
// swaps generations live.
//
// An Engine holds the served *index.Generation behind an atomic pointer with
// reference counting: a search acquires the generation it starts on and
// releases it when done, so a swap (Reload, or the watcher noticing a new
// CURRENT in the index directory) never fails or blocks a request; the old
// generation is closed when its last search finishes.
//
// Search implements the HTTP contract of docs/api.md with Bleve: keyword
// filters (OR within a field, AND across fields), a date range, disjunctive
// terms facets (a facet's own selection does not shrink its own counts), a
// date histogram with empty buckets filled in, relevance/newest/oldest sorts,
// cursor paging with Bleve's SearchAfter, <mark> highlighting, and speaker
// semantics: in article mode a speaker filter with a query matches an article
// only through a quote by one of those speakers that matches the query.
// Copies of one story (or of one quote), grouped by the build
// (index.Groups), collapse to their first matching copy, and facets and
// the histogram count stories on request (collapse.go).
//
// Before a request runs, its cost is bounded (budget.go, docs/api.md
// "Limits and cost budget"): q is parsed with Options.QueryLimits, its
// prefix and fuzzy terms are looked up in the index's term dictionaries
// and searched as bounded term disjunctions (a *CostError past
// MaxExpansions or MaxExpansionPostings), and a request estimated
// expensive runs in one of ExpensiveSlots slots (ErrTooBusy when none
// frees up in time). A search whose context ends stops before its next
// Bleve search, with an error wrapping the context's.
//
// Errors callers branch on are typed: *ParamError (bad parameter),
// *LimitError (a configured limit), *QueryError (query syntax, with
// position), *CostError (the cost budget of q), ErrTooBusy, ErrNotFound
// and ErrUnavailable.
//
// The files, by job:
//
//   - engine.go: the Engine, the served generation and its reference
//     count, live swap (Serve, Reload, Watch) and the in-memory overlay of
//     journal changes (Apply; the Journal, the index directory's or, with
//     SetJournal, the cluster's change stream).
//   - types.go: Options, Request, Response and the other types of the API.
//   - errors.go: the typed errors.
//   - search.go: Search and run, a request's steps in order: plan, admit,
//     the main search beside the disjunctive facets' searches, facets,
//     histogram, hits, next cursor.
//   - validate.go: normalize, the defaults and checks of a request, and
//     the checks of its cursor.
//   - plan.go: the plan, a request resolved against one generation
//     (filters, speaker semantics), and the Bleve queries and sort built
//     from it.
//   - compile.go: q parsed once and translated for the mode's fields and,
//     in article mode, for quote text, with its prefix and fuzzy terms
//     expanded under the cost budget.
//   - budget.go: the cost estimate of a plan and the slots of expensive
//     requests.
//   - facets.go: facet requests, disjunctive facet searches, facets
//     counted through quotes, and the assembly of facet values with the
//     selected ones kept.
//   - histogram.go: the date histogram: its facet requests, buckets,
//     intervals and empty buckets filled in.
//   - split.go: the histogram's split series, one per facet value.
//   - hits.go: the stored fields of hits, their decoding into Hit, and the
//     quotes attached to article hits.
//   - highlight.go: the <mark> highlighters and plain snippets.
//   - offsets.go: term locations' byte offsets found again from a hit's
//     text, for generations whose term vectors keep positions only.
//   - cursor.go: the opaque paging cursor and the next page's cursor.
//   - columns.go, segments.go: the column tables of a generation's base
//     and of the overlay's delta (dictionaries, posting bitmaps, forward
//     columns), read from scorch segments directly.
//   - fastview.go: the tables of the served generation and the views of
//     its overlay's states.
//   - fast.go: the fast path of facets, histogram and split series as
//     bitmap algebra on the tables (the default; Options.PerHitFacets runs
//     the per-hit path of facets.go, histogram.go and split.go).
//   - topk.go: the page of a browse without q from candidates the tables
//     pick, by a main search restricted to them.
//   - bitmapquery.go: the speaker filter's articles as a bitmap query.
//   - aggcache.go: the cache of a request's total, facets and histogram.
//   - export.go: Export, paging through every hit of a request.
//   - lookup.go: FacetValues (facet value lookup), Article and Stats.
//   - partial.go: SearchPartial, what some shards of a generation count
//     and find for a request (partitioned serving: a node serving the
//     shards of index.OpenGenerationShards), as JSON-ready types.
//   - merge.go: MergePartials, the exact merge of the partials of
//     disjoint shard sets into the response of one engine over every
//     shard, and Gather, its rounds over PartialSearchers (the expansions
//     of q, the search, a split's series). docs/scaling.md.
package search
