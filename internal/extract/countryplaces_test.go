package extract

import (
	"slices"
	"testing"
	"time"

	"github.com/readout/readout/internal/news"
)

// TestExtractWithCountryPlaces: every country named is a place entity with
// the offsets of its names (title and body), demonyms are no mention, a
// country that speaks keeps one entity without a mention twice, a
// historical state is named by the article's date, and Extract itself
// leaves countries out of the entities.
func TestExtractWithCountryPlaces(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name   string
		a      news.Article
		id     string   // the country's place entity
		code   string   // its Country
		texts  []string // its mentions, in order: field:text
		speaks bool     // a quote's speaker: Extract lists it too
	}{
		{"names in title and body, a demonym is none",
			news.Article{Title: "Ukraine and Poland sign a grain deal", Body: "Ukraine signed the deal with Poland on Monday. Ukrainian farmers welcomed it, and Ukraine's ports reopened."},
			"ukraine", "UA", []string{"title:Ukraine", "body:Ukraine", "body:Ukraine"}, false},
		{"the other country of the same article",
			news.Article{Title: "Ukraine and Poland sign a grain deal", Body: "Ukraine signed the deal with Poland on Monday."},
			"poland", "PL", []string{"title:Poland", "body:Poland"}, false},
		{"a country that speaks: one entity, each name once",
			news.Article{Body: "\"We will not accept this,\" the United States said on Monday. The United States later sent an envoy."},
			"united-states", "US", []string{"body:United States", "body:United States"}, true},
		{"a historical state by the article's date",
			news.Article{Body: "The Soviet Union and Finland signed a trade protocol on Monday.", Published: time.Date(1987, 3, 2, 0, 0, 0, 0, time.UTC)},
			"soviet-union", "SU", []string{"body:Soviet Union"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.a.ID = "a"
			ann := x.ExtractWithCountryPlaces(tt.a)
			e, ok := entityByID(ann, tt.id)
			if !ok || e.Type != news.TypePlace || e.Country != tt.code {
				t.Fatalf("entity %s = %+v (found %v), want a place of %s", tt.id, e, ok, tt.code)
			}
			var got []string
			for _, m := range e.Mentions {
				src := tt.a.Body
				if m.Field == fieldTitle {
					src = tt.a.Title
				}
				if src[m.Start:m.End] != m.Text {
					t.Errorf("mention %+v: offsets give %q", m, src[m.Start:m.End])
				}
				got = append(got, m.Field+":"+m.Text)
			}
			if !slices.Equal(got, tt.texts) || e.Count != len(tt.texts) {
				t.Errorf("mentions %q (count %d), want %q", got, e.Count, tt.texts)
			}
			for i := 1; i < len(ann.Entities); i++ {
				a, b := ann.Entities[i-1], ann.Entities[i]
				if a.Count < b.Count || a.Count == b.Count && a.ID > b.ID {
					t.Errorf("entities not sorted by count then id: %s (%d) before %s (%d)", a.ID, a.Count, b.ID, b.Count)
				}
			}
			if _, listed := entityByID(x.Extract(tt.a), tt.id); listed != tt.speaks {
				t.Errorf("Extract lists the country %s among the entities: %v, want %v", tt.id, listed, tt.speaks)
			}
		})
	}
}
