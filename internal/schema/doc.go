// Package schema is the one table of Readout's fields: the name the HTTP API
// and the query language spell, the aliases they also accept, the Bleve
// index field it maps to, its type, the document types that index and store
// it, and whether it is a facet, a filter, a field of q (field:value).
//
// The Bleve mapping (internal/index), the fields the query language knows
// (internal/query) and the API's filter and facet names (internal/search)
// are all derived from Fields, so that they cannot disagree: a spelling
// accepted in one place is accepted in all of them. The package is a leaf:
// it imports nothing of Readout's.
package schema
