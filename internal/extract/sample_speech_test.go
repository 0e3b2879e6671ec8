package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestSampleSpeechGold checks the speeches, the readout and the
// transcripts of the sample corpus against the turns and statements of
// testdata/sample-gold.jsonl: each transcript has exactly the gold turns,
// in order, each with its gold speaker (none for the chair and the
// floor); each paragraph of a document whose record names its speaker is
// a statement of that speaker; the quotations inside a turn are found
// with their own speaker, not the turn's; and a "NOTE:" paragraph is no
// turn.
func TestSampleSpeechGold(t *testing.T) {
	x, arts, gold := sampleCorpus(t)
	var transcripts, speeches, inside, notes int
	for _, g := range gold {
		want := map[string][]goldQuote{}
		for _, q := range g.Quotes {
			want[q.Kind] = append(want[q.Kind], goldQuote{q.Speaker, q.TextPrefix})
		}
		if len(want[news.KindTurn])+len(want[news.KindStatement]) == 0 {
			continue
		}
		a, ok := arts[g.ID]
		if !ok {
			t.Errorf("gold article %s not in corpus", g.ID)
			continue
		}
		if len(want[news.KindTurn]) > 0 {
			transcripts++
		}
		if len(want[news.KindStatement]) > 0 {
			speeches++
			if len(a.Speakers) == 0 {
				t.Errorf("%s: gold statements, but the record names no speaker", g.ID)
			}
		}
		ann := x.Extract(a)
		got := map[string][]news.Quote{}
		for _, q := range ann.Quotes {
			got[q.Kind] = append(got[q.Kind], q)
		}
		for _, kind := range []string{news.KindTurn, news.KindStatement} {
			slices.SortFunc(got[kind], func(p, q news.Quote) int { return p.Start - q.Start })
			if len(got[kind]) != len(want[kind]) {
				t.Errorf("%s: %d quotes of kind %s, gold %d: %v", g.ID, len(got[kind]), kind, len(want[kind]), quoteStarts(a.Body, got[kind]))
				continue
			}
			for i, w := range want[kind] {
				q := got[kind][i]
				if !strings.HasPrefix(a.Body[q.Start:], w.prefix) || q.SpeakerID != slugOrNone(w.speaker) {
					t.Errorf("%s: %s %d: %q by %q, gold %q by %q", g.ID, kind, i, prefix40(a.Body[q.Start:]), q.SpeakerID, w.prefix, slugOrNone(w.speaker))
				}
			}
		}
		// Direct quotes, inside turns or not, keep their own speaker.
		for _, w := range want[news.KindDirect] {
			k := slices.IndexFunc(got[news.KindDirect], func(q news.Quote) bool { return strings.HasPrefix(a.Body[q.Start:], w.prefix) })
			if k < 0 {
				t.Errorf("%s: direct quote %q not found", g.ID, w.prefix)
				continue
			}
			q := got[news.KindDirect][k]
			if q.SpeakerID != slugOrNone(w.speaker) {
				t.Errorf("%s: direct quote %q by %q, gold %q", g.ID, w.prefix, q.SpeakerID, slugOrNone(w.speaker))
			}
			for _, turn := range got[news.KindTurn] {
				if turn.Start <= q.Start && q.End <= turn.End {
					inside++
					if q.SpeakerID == turn.SpeakerID {
						t.Errorf("%s: the quote %q inside a turn of %q has the turn's speaker", g.ID, w.prefix, turn.SpeakerID)
					}
				}
			}
		}
		// A paragraph headed "NOTE:" belongs to no turn.
		pos := 0
		for _, p := range strings.Split(a.Body, "\n\n") {
			if strings.HasPrefix(p, "NOTE:") {
				notes++
				for _, turn := range got[news.KindTurn] {
					if turn.Start < pos+len(p) && pos < turn.End || strings.EqualFold(turn.SpeakerAsWritten, "note") {
						t.Errorf("%s: the NOTE paragraph is in the turn %q of %q", g.ID, prefix40(a.Body[turn.Start:]), turn.SpeakerAsWritten)
					}
				}
			}
			pos += len(p) + 2
		}
	}
	// The sample has two transcripts (a briefing, a UN record), each with
	// a NOTE line and a quotation inside a turn, and four speeches and a
	// readout: none of the checks above may pass on nothing.
	if transcripts < 2 || speeches < 5 || inside < 2 || notes < 2 {
		t.Errorf("checked %d transcripts, %d speeches, %d quotes inside turns, %d NOTE lines; want at least 2, 5, 2, 2",
			transcripts, speeches, inside, notes)
	}
}

// goldQuote is a gold quote's speaker (canonical name, "" for none) and
// text prefix.
type goldQuote struct{ speaker, prefix string }

// slugOrNone is the entity id of a gold speaker, "" for none.
func slugOrNone(name string) string {
	if name == "" {
		return ""
	}
	return Slug(name)
}

// prefix40 is the first 40 bytes of s, for messages.
func prefix40(s string) string { return s[:min(len(s), 40)] }

// quoteStarts lists where each quote starts and who speaks it, for
// messages.
func quoteStarts(body string, qs []news.Quote) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.SpeakerID+": "+prefix40(body[q.Start:]))
	}
	return out
}
