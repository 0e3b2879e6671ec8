package search

import (
	"strings"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/query"
)

// Name variants: a word or a run of up to three unquoted words of q that
// the gazetteer knows as a place, country or organisation also matches the
// entity's other plain names (extract.NameVariants): Kiev finds Kyiv,
// Burma Myanmar, Peking Beijing. The expansion is an OR in the printed
// query ("(OR kiev kyiv)"). Quoted words (a phrase), fielded terms, prefixes
// and fuzzy terms are searched as typed, and Request.NoVariants turns it
// off.

// maxNameWords is the longest run of words looked up as a name.
const maxNameWords = 3

// withVariants returns n with its names expanded to their variants.
func withVariants(n query.Node) query.Node {
	switch n := n.(type) {
	case *query.And:
		return &query.And{Children: expandRuns(n.Children)}
	case *query.Or:
		out := make([]query.Node, len(n.Children))
		for i, c := range n.Children {
			out[i] = withVariants(c)
		}
		return &query.Or{Children: out}
	case *query.Not:
		return &query.Not{Child: withVariants(n.Child)}
	case *query.Term:
		if n.Field == "" {
			if v := variantsOf(n, []string{n.Value}); v != nil {
				return v
			}
		}
	}
	return n
}

// expandRuns expands the children of an AND: the longest runs of plain
// words that name something first ("Great Britain" before "Britain").
func expandRuns(cs []query.Node) []query.Node {
	var out []query.Node
	for i := 0; i < len(cs); {
		done := false
		for k := min(maxNameWords, len(cs)-i); k >= 1 && !done; k-- {
			words := plainTerms(cs[i : i+k])
			if words == nil {
				continue
			}
			var typed query.Node = cs[i]
			if k > 1 {
				typed = &query.Phrase{Words: words}
			}
			if v := variantsOf(typed, words); v != nil {
				out = append(out, v)
				i += k
				done = true
			}
		}
		if !done {
			out = append(out, withVariants(cs[i]))
			i++
		}
	}
	return out
}

// plainTerms are the words of cs when every node is an unfielded term,
// else nil.
func plainTerms(cs []query.Node) []string {
	words := make([]string, len(cs))
	for i, c := range cs {
		t, ok := c.(*query.Term)
		if !ok || t.Field != "" {
			return nil
		}
		words[i] = t.Value
	}
	return words
}

// variantsOf is typed OR the variants of the name words make, or nil when
// the name has none.
func variantsOf(typed query.Node, words []string) query.Node {
	vs := extract.NameVariants(strings.Join(words, " "))
	if len(vs) == 0 {
		return nil
	}
	or := &query.Or{Children: []query.Node{typed}}
	for _, v := range vs {
		ws := strings.Fields(v)
		if len(ws) == 1 {
			or.Children = append(or.Children, &query.Term{Value: ws[0]})
		} else {
			or.Children = append(or.Children, &query.Phrase{Words: ws})
		}
	}
	return or
}
