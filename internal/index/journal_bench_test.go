package index

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

// benchJournal returns a store whose journal holds batches of articles
// (about 1 KB each) adding up to about mb megabytes.
func benchJournal(b *testing.B, mb int) *Store {
	b.Helper()
	s, _ := OpenStore(b.TempDir())
	body := strings.Repeat("Negotiators met again in Geneva to discuss the border crisis. ", 16)
	n := 0
	for size := int64(0); size < int64(mb)<<20; {
		ops := make([]Op, 500)
		for i := range ops {
			n++
			ops[i] = Op{Kind: OpUpsert, Article: &news.Article{ID: fmt.Sprintf("a%d", n), Title: "Story", Body: body}}
		}
		if _, err := s.AppendJournal(ops); err != nil {
			b.Fatal(err)
		}
		fi, _ := os.Stat(s.journalPath())
		size = fi.Size()
	}
	return s
}

// BenchmarkAppendJournal appends one op (as an admin upload of one article
// does) to journals of growing size: it reads the last batch from the end
// of the file, not the journal, so its cost does not grow with it.
func BenchmarkAppendJournal(b *testing.B) {
	for _, mb := range []int{1, 64} {
		b.Run(fmt.Sprintf("journal=%dMB", mb), func(b *testing.B) {
			s := benchJournal(b, mb)
			op := []Op{{Kind: OpDelete, ID: "x"}}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := s.AppendJournal(op); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkJournalCatchUp is searchd's reload: JournalSince(last seq) on a
// journal another process appended one op to. "fresh" is a Store that
// reads the journal's framing for the first time (a whole pass, articles
// not decoded); "warm" is the Store searchd keeps, which reads only what
// was appended since.
func BenchmarkJournalCatchUp(b *testing.B) {
	for _, mb := range []int{1, 64} {
		for _, warm := range []bool{false, true} {
			name := fmt.Sprintf("journal=%dMB/fresh", mb)
			if warm {
				name = fmt.Sprintf("journal=%dMB/warm", mb)
			}
			b.Run(name, func(b *testing.B) {
				s := benchJournal(b, mb)
				writer := &Store{Dir: s.Dir}
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					b.StopTimer()
					done, err := writer.AppendJournal([]Op{{Kind: OpDelete, ID: "x"}})
					if err != nil {
						b.Fatal(err)
					}
					if !warm {
						s = &Store{Dir: s.Dir}
					}
					b.StartTimer()
					ops, err := s.JournalSince(done[0].Seq - 1)
					if err != nil || len(ops) != 1 {
						b.Fatalf("%d ops, %v", len(ops), err)
					}
				}
			})
		}
	}
}
