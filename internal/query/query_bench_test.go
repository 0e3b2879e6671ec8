package query

import (
	"testing"
)

var benchQueries = []struct{ name, q string }{
	{"word", "ukraine"},
	{"typical", `de-escalation speaker:blinken "peace talks" -sport`},
	{"complex", `(sanctions OR embargo) (Russia OR Iran OR "North Korea") -title:oil negotiat* Zelensky~ country:(UA OR RU) source:reuters`},
}

func BenchmarkParse(b *testing.B) {
	for _, bq := range benchQueries {
		b.Run(bq.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bq.q)))
			for b.Loop() {
				n, err := Parse(bq.q)
				if err != nil || n == nil {
					b.Fatalf("Parse(%q): %v", bq.q, err)
				}
			}
		})
	}
}

func BenchmarkToBleve(b *testing.B) {
	f := ArticleFields()
	for _, bq := range benchQueries {
		n, err := Parse(bq.q)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bq.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bq.q)))
			for b.Loop() {
				q, err := ToBleve(n, f)
				if err != nil || q == nil {
					b.Fatalf("ToBleve(%q): %v", bq.q, err)
				}
			}
		})
	}
}

// BenchmarkSearch runs translated queries against the small test index, to
// see what the translation costs relative to the search.
func BenchmarkSearch(b *testing.B) {
	idx := testIndex(b)
	f := ArticleFields()
	for _, bq := range benchQueries {
		n, err := Parse(bq.q)
		if err != nil {
			b.Fatal(err)
		}
		q, err := ToBleve(n, f)
		if err != nil {
			b.Fatal(err)
		}
		first, err := idx.Search(bleveRequest(q))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bq.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := idx.Search(bleveRequest(q))
				if err != nil || res.Total != first.Total {
					b.Fatalf("search %q: %v hits, %v; want %d", bq.q, res, err, first.Total)
				}
			}
		})
	}
}
