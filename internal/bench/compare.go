package bench

import (
	"fmt"
	"maps"
	"slices"
)

// maxNotes bounds the differences Compare lists for one request.
const maxNotes = 6

// Compare lists where the two systems' answers to r differ: the hit
// count; the export's rows; each facet value both list among their top
// values with different counts (a value in only one top list is not
// compared: ties at the cut differ legitimately); months of the histogram;
// split series; and the deep page's hit ids, which both sort the same way.
func Compare(r Request, ro, ft Answer) []string {
	var notes []string
	add := func(format string, args ...any) { notes = append(notes, fmt.Sprintf(format, args...)) }
	if ro.Total != ft.Total {
		add("total: Readout %d, FTS5 %d", ro.Total, ft.Total)
	}
	if r.Export && ro.Rows != ft.Rows {
		add("export rows: Readout %d, FTS5 %d", ro.Rows, ft.Rows)
	}
	for _, f := range slices.Sorted(maps.Keys(ro.Facets)) {
		n, first := 0, ""
		for _, v := range slices.Sorted(maps.Keys(ro.Facets[f])) {
			c, ok := ft.Facets[f][v]
			if ok && c != ro.Facets[f][v] {
				if n == 0 {
					first = fmt.Sprintf("%s: Readout %d, FTS5 %d", v, ro.Facets[f][v], c)
				}
				n++
			}
		}
		if n > 0 {
			add("facet %s: %d values differ (%s)", f, n, first)
		}
	}
	if d := diffCounts(ro.Months, ft.Months, "Readout", "FTS5"); d != "" {
		add("histogram: %s", d)
	}
	if d := diffCounts(ro.Series, ft.Series, "Readout", "FTS5"); d != "" {
		add("split series: %s", d)
	}
	if r.Kind == KindDeep && !slices.Equal(ro.HitIDs, ft.HitIDs) {
		i := 0
		for i < len(ro.HitIDs) && i < len(ft.HitIDs) && ro.HitIDs[i] == ft.HitIDs[i] {
			i++
		}
		add("page hits differ from position %d (Readout %d hits, FTS5 %d)", i+1, len(ro.HitIDs), len(ft.HitIDs))
	}
	if len(notes) > maxNotes {
		notes = append(notes[:maxNotes], fmt.Sprintf("and %d more", len(notes)-maxNotes))
	}
	return notes
}

// diffCounts says how many keys of two count maps differ, naming the
// first with the names of a and b; "" when they are equal.
func diffCounts(a, b map[string]int, an, bn string) string {
	keys := slices.Sorted(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	n, first := 0, ""
	for _, k := range keys {
		if a[k] != b[k] {
			if n == 0 {
				first = fmt.Sprintf("%s: %s %d, %s %d", k, an, a[k], bn, b[k])
			}
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d of %d differ (%s)", n, len(keys), first)
}
