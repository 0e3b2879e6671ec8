package extract

import (
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestEntitySpans checks the body mentions the entity evaluation sees
// (entities, and the country names the recogniser matched) for the rules
// of the ent2 round (testdata/EVAL.md, "entities-dev2 and organisation
// recall"): each row lists mentions, as "type:text", that must be found
// with exactly that span, and mentions that must not be.
func TestEntitySpans(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name   string
		body   string
		want   []string
		absent []string
	}{
		// A country of two words or more inside a title is the whole name.
		{"two-word country before a title", "Yesterday, former United States Senator Mara Quist died.", []string{"place:United States", "person:Mara Quist"}, []string{"place:United"}},
		{"country before a title opening a sentence", "New Zealand Prime Minister Hal Brennan spoke.", []string{"place:New Zealand", "person:Hal Brennan"}, []string{"place:New"}},
		{"one-word country before a title is unchanged", "Then French President Ana Roux left.", []string{"person:Ana Roux"}, nil},
		{"country of two words after the title", "The President of South Africa Jon Mbeki spoke.", []string{"place:South Africa", "person:Jon Mbeki"}, []string{"place:South"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]bool{}
			var all []string
			for _, s := range predEntitySpans(x, news.Article{ID: "t", Body: tt.body}) {
				k := s.typ + ":" + s.text
				got[k] = true
				all = append(all, k)
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("%q not found; found %s", w, strings.Join(all, ", "))
				}
			}
			for _, a := range tt.absent {
				if got[a] {
					t.Errorf("%q found, want none; found %s", a, strings.Join(all, ", "))
				}
			}
		})
	}
}
