// Package query parses Readout's search syntax into a small printable tree
// and translates that tree into a Bleve query.
//
// The two steps are separate and tested on their own: Parse turns a string
// such as
//
//	de-escalation speaker:(blinken OR lavrov) -"press conference"
//
// into a Node whose String method prints a canonical, re-parseable form
//
//	(AND de-escalation (OR speaker:blinken speaker:lavrov) -"press conference")
//
// and ToBleve turns a Node into a bleve/v2 search/query.Query for a given set
// of Fields (which query field names exist, which are analysed text and which
// are exact keywords).
//
// Syntax in short (docs/query-syntax.md has the full description): words are
// ANDed; "quoted phrases"; -exclusion at the start of a term; upper-case OR
// binds tighter than the implicit AND; parentheses group; field:value,
// field:"quoted value" and field:(group); prefix*; fuzzy~ and fuzzy~2.
// Hyphenated and slashed words (de-escalation, Russia/Ukraine) match the
// phrase of their parts or their joined form (deescalation). A syntax error is
// a *SyntaxError carrying the byte position; an unknown field is a
// *FieldError from ToBleve.
//
// Limits bound a query's size and shape, and its prefix and fuzzy terms
// (a prefix needs 2 letters, a fuzzy word 3 for ~ and 6 for ~2). What those
// terms expand to in an index is bounded too (expand.go): Lookups lists
// them, LookupIndex looks them up in an index's dictionaries (an alias or
// overlay of several indexes too), and with a Budget as Fields.Expand,
// ToBleve searches bounded disjunctions of their terms (ExpandedQuery) or
// refuses the query with an *ExpansionError naming the term.
package query
