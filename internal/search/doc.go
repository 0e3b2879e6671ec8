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
//
// Errors callers branch on are typed: *ParamError (bad parameter),
// *LimitError (a configured limit), *QueryError (query syntax, with
// position), ErrNotFound and ErrUnavailable.
package search
