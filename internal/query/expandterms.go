package query

import (
	"strings"
	"unicode/utf8"

	bq "github.com/blevesearch/bleve/v2/search/query"
)

// Prefix and fuzzy terms of text fields, against an index of English stems.

// fuzzyOrPrefix builds a prefix (dist 0) or fuzzy query. Bleve does not
// analyse these, so on text fields the value is lower-cased and folded
// (Fields.Fold: stanković* -> stankovic*); and because the
// index holds stems, variants are added (see prefixVariants, and the stem of
// a fuzzy value: "Zelensky" -> "zelenski"). With Fields.Expand each prefix
// and fuzzy query is the ExpandedQuery of its terms; term (as printed) and
// pos name the term in errors.
func (t *translator) fuzzyOrPrefix(field, value string, dist int, term string, pos int) (bq.Query, kind, error) {
	var err error
	var keyword bool // a keyword field's term (KeywordQuery)
	lookup := func(bf, v string, d int) bq.Query {
		if t.f.Expand == nil {
			if d == 0 {
				q := bq.NewPrefixQuery(v)
				q.SetField(bf)
				return q
			}
			q := bq.NewFuzzyQuery(v)
			q.SetField(bf)
			q.SetFuzziness(d)
			return q
		}
		if err != nil {
			return bq.NewMatchNoneQuery()
		}
		xs, e := t.f.Expand.Expand(Lookup{Field: bf, Value: v, Distance: d}, 0)
		if e != nil {
			err = &ExpansionError{Term: term, Pos: pos, Err: e}
			return bq.NewMatchNoneQuery()
		}
		if keyword && t.f.KeywordQuery != nil {
			// The expansion's terms, or the value itself when it has
			// none, as ExpandedQuery searches.
			vals := []string{v}
			if len(xs) > 0 {
				vals = make([]string, len(xs))
				for i, x := range xs {
					vals[i] = x.Term
				}
			}
			if q := t.f.KeywordQuery(bf, vals); q != nil {
				return q
			}
		}
		return &ExpandedQuery{Field: bf, Value: v, Terms: xs}
	}
	bf, keyword := t.f.Keyword[field]
	if keyword = keyword && field != ""; keyword {
		q := lookup(bf, value, dist)
		if err != nil {
			return nil, 0, err
		}
		return q, kQuery, nil
	}
	q, k, lerr := t.leaf(field, value, func(bf string) bq.Query {
		parts := splitParts(value)
		if len(parts) == 0 {
			return nil
		}
		lower := t.fold(bf, strings.ToLower(strings.Join(parts, "")))
		if dist > 0 {
			var qs []bq.Query
			for _, v := range fuzzyVariants(lower, t.analyze(bf, lower)) {
				qs = append(qs, lookup(bf, v, dist))
			}
			return disjunction(qs)
		}
		prefixes, exact := prefixVariants(lower, stemFloor(lower, func(w string) []string { return t.analyze(bf, w) }))
		var qs []bq.Query
		for _, v := range prefixes {
			qs = append(qs, lookup(bf, v, 0))
		}
		for _, v := range exact {
			q := bq.NewTermQuery(v)
			q.SetField(bf)
			qs = append(qs, q)
		}
		if len(parts) > 1 {
			// de-esc*: also the phrase "de" followed by a word starting
			// with "esc", expanded against the index at search time (or
			// here, with Fields.Expand).
			head := t.analyze(bf, strings.Join(parts[:len(parts)-1], " "))
			if len(head) == len(parts)-1 {
				last := t.fold(bf, strings.ToLower(parts[len(parts)-1]))
				lastPrefixes, lastExact := prefixVariants(last, stemFloor(last, func(w string) []string { return t.analyze(bf, w) }))
				pq := &PhrasePrefixQuery{
					Field: bf, Head: head, Prefixes: lastPrefixes, Exact: lastExact,
					MaxExpansions: DefaultMaxExpansions,
				}
				if t.f.Expand != nil {
					pq.Expanded = t.phraseLast(bf, lastPrefixes, lastExact, func(e error) {
						if err == nil {
							err = &ExpansionError{Term: term, Pos: pos, Err: e}
						}
					})
				}
				qs = append(qs, pq)
			}
		}
		return disjunction(qs)
	})
	if lerr != nil {
		return nil, 0, lerr
	}
	if err != nil {
		return nil, 0, err
	}
	return q, k, nil
}

// phraseLast lists the terms of the last word of a phrase prefix from
// Fields.Expand as PhrasePrefixQuery would at search time: up to
// DefaultMaxExpansions terms of the prefixes, then the exact terms.
func (t *translator) phraseLast(bf string, prefixes, exact []string, fail func(error)) []string {
	last := []string{}
	seen := map[string]bool{}
	for _, p := range prefixes {
		if len(last) >= DefaultMaxExpansions {
			break
		}
		xs, err := t.f.Expand.Expand(Lookup{Field: bf, Value: p}, DefaultMaxExpansions-len(last))
		if err != nil {
			fail(err)
			return last
		}
		for _, x := range xs {
			if !seen[x.Term] {
				seen[x.Term] = true
				last = append(last, x.Term)
			}
		}
	}
	for _, e := range exact {
		if !seen[e] {
			seen[e] = true
			last = append(last, e)
		}
	}
	return last
}

func fuzzyVariants(lower string, stems []string) []string {
	out := []string{lower}
	if len(stems) == 1 && stems[0] != lower {
		out = append(out, stems[0])
	}
	return out
}

// prefixVariants returns the prefixes and exact terms that stand for the
// prefix p in an index of English stems. A word starting with p is indexed
// as its stem, which may be shorter than p ("negotiat*": "negotiations" is
// indexed as "negoti") or end in i for y ("zelensky*": "zelenskyi"). So
// besides p itself, the exact terms p[:k] for len(p)-4 <= k < len(p), k >=
// max(4, minLen), and the prefix with a final y turned into i, are
// searched. minLen (stemFloor) is the shortest stem of the words made of p
// and a common ending: a shorter term is another word ("escalat*" reaches
// "escal", not "esca" of ESCA Corp).
func prefixVariants(p string, minLen int) (prefixes, exact []string) {
	prefixes = []string{p}
	if strings.HasSuffix(p, "y") && len(p) > 1 {
		prefixes = append(prefixes, p[:len(p)-1]+"i")
	}
	r := []rune(p)
	for k := len(r) - 1; k >= max(4, minLen) && k >= len(r)-4; k-- {
		exact = append(exact, string(r[:k]))
	}
	return prefixes, exact
}

// stemFloor is the shortest stem, in runes, the analyzer gives the words
// made of p and a common English ending ("escalat": escalate, escalation,
// escalating all stem to "escal", 5) among those stems that begin p and are
// shorter than it; 0 (no bound) when there is none.
func stemFloor(p string, analyze func(string) []string) int {
	floor := 0
	for _, end := range []string{"", "e", "s", "es", "ed", "ing", "ion", "ions", "ation", "er", "ers", "ly", "ity", "ment"} {
		stems := analyze(p + end)
		if len(stems) != 1 || len(stems[0]) >= len(p) || !strings.HasPrefix(p, stems[0]) {
			continue
		}
		if n := utf8.RuneCountInString(stems[0]); floor == 0 || n < floor {
			floor = n
		}
	}
	return floor
}
