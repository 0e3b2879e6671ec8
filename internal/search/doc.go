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
package search
