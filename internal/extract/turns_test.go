package extract

import (
	"fmt"
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestTurns: the label styles of transcripts, label-like lines that are not
// speakers, short labels bound to the first full mention, questions from
// the floor, and documents with too few labels.
func TestTurns(t *testing.T) {
	type turn struct{ speaker, written, start string }
	tests := []struct {
		name string
		body string
		want []turn // speaker id, as written, and the first words of the turn
	}{
		{
			name: "press briefing in capitals, short label bound to the full name",
			body: "Spokesperson Tomas Lindgren held the daily press briefing.\n\n" +
				"MR. LINDGREN: Good afternoon. We have three announcements today.\n\n" +
				"QUESTION: Will the minister travel to Oslo next week?\n\n" +
				"MR. LINDGREN: The minister has no travel to announce.\n\nWe will update you on Friday.\n\n" +
				"QUESTION: And the talks in Geneva?",
			want: []turn{
				{"tomas-lindgren", "MR. LINDGREN", "Good afternoon"},
				{"", "QUESTION", "Will the minister"},
				{"tomas-lindgren", "MR. LINDGREN", "The minister has no travel"},
				{"", "QUESTION", "And the talks"},
			},
		},
		{
			name: "UN record style with delegations and the chair",
			body: "The PRESIDENT: I give the floor to the representative of Norway.\n\n" +
				"Mr. Haugland (Norway): Norway welcomes the report of the Secretary-General.\n\n" +
				"The PRESIDENT: I thank the representative of Norway.\n\n" +
				"Ms. Achieng (Kenya): Kenya supports the draft resolution.",
			want: []turn{
				{"", "The PRESIDENT", "I give the floor"},
				{"haugland", "Mr. Haugland", "Norway welcomes"},
				{"", "The PRESIDENT", "I thank the representative"},
				{"achieng", "Ms. Achieng", "Kenya supports"},
			},
		},
		{
			name: "interview style",
			body: "Wikinews spoke with the mayor, Lena Ortiz, about the flood.\n\n" +
				"Interviewer: How many homes were damaged?\n\n" +
				"Lena Ortiz: About two hundred, most of them near the river.\n\n" +
				"Interviewer: When will families be able to return?\n\n" +
				"Ortiz: Not before the water has gone down.",
			want: []turn{
				{"", "Interviewer", "How many homes"},
				{"lena-ortiz", "Lena Ortiz", "About two hundred"},
				{"", "Interviewer", "When will families"},
				{"lena-ortiz", "Ortiz", "Not before"},
			},
		},
		{
			name: "the first full label binds the later short ones",
			body: "ANNA KOVAC: Thank you for coming.\n\nTOMAS BERG: Thank you for having me.\n\nKOVAC: Let us start with the river.\n\nBERG: The river first, then.",
			want: []turn{
				{"anna-kovac", "ANNA KOVAC", "Thank you for coming"},
				{"tomas-berg", "TOMAS BERG", "Thank you for having"},
				{"anna-kovac", "KOVAC", "Let us start"},
				{"tomas-berg", "BERG", "The river first"},
			},
		},
		{
			name: "lists with place or common-word heads are not turns",
			body: "Nevada: 20 delegates.\n\nSouth Carolina: 50 delegates.\n\nTotal: 70 delegates.\n\nSecondly: the count goes on.",
			want: nil,
		},
		{
			name: "label-like lines are not turns",
			body: "NOTE: This story was updated on Monday.\n\nUPDATE: The vote was postponed.\n\nEditor's note: A correction was made.\n\nThe talks went on in Geneva.",
			want: nil,
		},
		{
			name: "two labels are not a transcript",
			body: "MR. LINDGREN: Good afternoon.\n\nQUESTION: Is there news?\n\nThe briefing ended early.",
			want: nil,
		},
	}
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ann := x.Extract(news.Article{ID: "t", Body: tt.body})
			var got []turn
			for _, q := range ann.Quotes {
				if q.Kind != news.KindTurn {
					continue
				}
				if q.Text != tt.body[q.Start:q.End] {
					t.Fatalf("turn text %q is not body[%d:%d]", q.Text, q.Start, q.End)
				}
				if q.SpeakerID != "" {
					if _, ok := entityByID(ann, q.SpeakerID); !ok {
						t.Errorf("speaker %s is not an entity", q.SpeakerID)
					}
				}
				first := q.Text
				for _, w := range tt.want {
					if len(w.start) <= len(first) && first[:len(w.start)] == w.start {
						first = w.start
						break
					}
				}
				got = append(got, turn{q.SpeakerID, q.SpeakerAsWritten, first})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("turns\n got %v\nwant %v", got, tt.want)
			}
			if e, ok := entityByID(ann, "haugland"); ok && e.Country != "NO" {
				t.Errorf("a delegate of Norway speaks for %q", e.Country)
			}
		})
	}
}
