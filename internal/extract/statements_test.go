package extract

import (
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestStatements: every paragraph of a document with speakers is a
// statement by each of them; a delegation named by its country is that
// country, a ministry an organisation, a person keeps the role and the
// country the corpus gives; quotations inside keep their own speakers.
func TestStatements(t *testing.T) {
	body := "Mr. President, we meet in difficult times.\n\nOur delegation calls for de-escalation on the Danube.\n\n\"We will keep talking,\" Foreign Minister Anna Kovač said in Geneva, and we agree."
	tests := []struct {
		speakers []news.DocSpeaker
		id, typ  string
		country  string
		role     string
	}{
		{[]news.DocSpeaker{{Name: "China"}}, "china", news.TypePlace, "CN", ""},
		{[]news.DocSpeaker{{Name: "Li Wei", Role: "Permanent Representative", Country: "China"}}, "li-wei", news.TypePerson, "CN", "Permanent Representative"},
		{[]news.DocSpeaker{{Name: "Ministry of Foreign Affairs", Country: "NO"}}, "ministry-of-foreign-affairs", news.TypeOrg, "NO", ""},
		// A delegation named by its ISO alpha-3 code, as the UN General
		// Debate corpus' ids give it (a mapping's speaker country).
		{[]news.DocSpeaker{{Name: "CHN", Country: "CHN"}}, "china", news.TypePlace, "CN", ""},
		{[]news.DocSpeaker{{Name: "YUG", Country: "YUG"}}, "yugoslavia", news.TypePlace, "YU", ""},
		{[]news.DocSpeaker{{Name: "Li Wei", Country: "CHN"}}, "li-wei", news.TypePerson, "CN", ""},
	}
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		ann := x.Extract(news.Article{ID: "s", Body: body, Speakers: tt.speakers})
		n := 0
		for _, q := range ann.Quotes {
			switch q.Kind {
			case news.KindStatement:
				n++
				if q.SpeakerID != tt.id || q.Text != body[q.Start:q.End] {
					t.Errorf("%v: statement %+v", tt.speakers, q)
				}
			case news.KindDirect:
				if q.SpeakerID != "anna-kovac" {
					t.Errorf("%v: the quotation inside is %+v", tt.speakers, q)
				}
			}
		}
		if n != 3 {
			t.Errorf("%v: %d statements, want one per paragraph (3)", tt.speakers, n)
		}
		e, ok := entityByID(ann, tt.id)
		if !ok || e.Type != tt.typ || e.Country != tt.country || e.Role != tt.role {
			t.Errorf("%v: speaker entity %+v (found %v)", tt.speakers, e, ok)
		}
		if got := ann.SpeakerCountries(); len(got) == 0 {
			t.Errorf("%v: no speaking countries", tt.speakers)
		}
	}
	joint := x.Extract(news.Article{ID: "j", Body: body, Speakers: []news.DocSpeaker{{Name: "Croatia"}, {Name: "Serbia"}}})
	by := map[string]int{}
	for _, q := range joint.Quotes {
		if q.Kind == news.KindStatement {
			by[q.SpeakerID]++
		}
	}
	if by["croatia"] != 3 || by["serbia"] != 3 {
		t.Errorf("joint statement: %v", by)
	}
}
