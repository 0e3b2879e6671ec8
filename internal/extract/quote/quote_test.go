package quote

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// wantQuote is the part of a Quote a table row asserts; offsets are checked
// by checkQuoteInvariants.
type wantQuote struct {
	text, speaker, written, cue, kind string
	para                              int
}

func (w wantQuote) String() string {
	return fmt.Sprintf("{%q speaker=%q written=%q cue=%q %s p%d}", w.text, w.speaker, w.written, w.cue, w.kind, w.para)
}

func gotQuote(q news.Quote) wantQuote {
	return wantQuote{q.Text, q.SpeakerID, q.SpeakerAsWritten, q.Cue, q.Kind, q.Paragraph}
}

const (
	D = news.KindDirect
	I = news.KindIndirect
)

// findCase is a row of the tables of Find: a body and the quotes it holds.
type findCase struct {
	name string
	body string
	want []wantQuote
}

// runFindCases runs Find with the test cast over each row and checks the
// invariants and the quotes found.
func runFindCases(t *testing.T, tests []findCase) {
	t.Helper()
	runFindCasesWith(t, testCast, tests)
}

// runFindCasesWith is runFindCases with another cast.
func runFindCasesWith(t *testing.T, cast []castMember, tests []findCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Find(tt.body, newFakeResolver(tt.body, cast))
			checkQuoteInvariants(t, tt.body, got)
			var gw []wantQuote
			for _, q := range got {
				gw = append(gw, gotQuote(q))
			}
			if fmt.Sprint(gw) != fmt.Sprint(tt.want) {
				t.Errorf("body %q\n got %v\nwant %v", tt.body, gw, tt.want)
			}
		})
	}
}

func TestFindQuotesForms(t *testing.T) {
	runFindCases(t, slices.Concat(findFormsA, findFormsB, findFormsC))
}

// checkQuoteInvariants asserts what must hold for any body: offsets in range
// and on rune boundaries, Text equal to the body slice, known kinds, paragraph
// indexes in order.
func checkQuoteInvariants(t *testing.T, body string, qs []news.Quote) {
	t.Helper()
	nPara := len(text.Paragraphs(body))
	for i, q := range qs {
		if q.Start < 0 || q.End > len(body) || q.Start >= q.End {
			t.Fatalf("quote %d: offsets [%d,%d) out of range for body of %d bytes", i, q.Start, q.End, len(body))
		}
		if !utf8.RuneStart(body[q.Start]) || q.End < len(body) && !utf8.RuneStart(body[q.End]) {
			t.Fatalf("quote %d: offsets [%d,%d) not on rune boundaries", i, q.Start, q.End)
		}
		if q.Text != body[q.Start:q.End] {
			t.Fatalf("quote %d: text %q != body[%d:%d] %q", i, q.Text, q.Start, q.End, body[q.Start:q.End])
		}
		if q.Kind != news.KindDirect && q.Kind != news.KindIndirect {
			t.Fatalf("quote %d: kind %q", i, q.Kind)
		}
		if q.Paragraph < 0 || q.Paragraph >= max(nPara, 1) {
			t.Fatalf("quote %d: paragraph %d of %d", i, q.Paragraph, nPara)
		}
		if q.SpeakerID != "" && q.SpeakerName == "" {
			t.Fatalf("quote %d: speaker id %q without a name", i, q.SpeakerID)
		}
		if i > 0 && q.Start < qs[i-1].Start {
			t.Fatalf("quote %d: not in body order", i)
		}
		if strings.TrimSpace(q.Text) != q.Text {
			t.Fatalf("quote %d: text %q has surrounding space", i, q.Text)
		}
	}
}

func TestQTokenizeDottedAbbreviations(t *testing.T) {
	body := "a former U.S. official and the E.U. envoy said."
	var got []string
	for _, x := range tokenize(body, 0, len(body), nil) {
		got = append(got, x.Raw)
	}
	want := "a former U.S. official and the E.U. envoy said ."
	if strings.Join(got, " ") != want {
		t.Errorf("tokens %q, want %q", strings.Join(got, " "), want)
	}
}
