package quote

import "testing"

// TestFindQuotesFormsExt20 holds the rows of the ext20 round's rules
// (testdata/EVAL.md, "2026-12-06, ext20 round").
func TestFindQuotesFormsExt20(t *testing.T) {
	runFindCases(t, []findCase{
		{
			name: "a description opening a paragraph is the subject of the paragraph before, past an appositive",
			body: "Tomas Berg, the harbour's owner and a former sailor, listed the port as his first concern.\n\n\"The fees will fall once the ice has gone,\" the former sailor told Reuters.",
			want: []wantQuote{{"The fees will fall once the ice has gone", "tomas-berg", "the former sailor", "told", D, 1}},
		},
		{
			name: "a description opening a paragraph is the subject of the paragraph before",
			body: "Anna Kovač on Monday also called on Norway to open the port.\n\n\"The fees will fall once the ice has gone,\" the veteran negotiator told the radio.",
			want: []wantQuote{{"The fees will fall once the ice has gone", "anna-kovac", "the veteran negotiator", "told", D, 1}},
		},
		{
			name: "a description after a paragraph with two subjects stays unresolved",
			body: "After the vote, Tomas Berg called upon Anna Kovač to open the port. Kovač closed it in April.\n\n\"The fees will fall once the ice has gone,\" the veteran negotiator said.",
			want: []wantQuote{{"The fees will fall once the ice has gone", "", "the veteran negotiator", "said", D, 1}},
		},
		{
			name: "a description after a paragraph whose last sentence no name opens stays unresolved",
			body: "Tomas Berg spoke at the port. The fees rose in April.\n\n\"The fees will fall once the ice has gone,\" the veteran negotiator said.",
			want: []wantQuote{{"The fees will fall once the ice has gone", "", "the veteran negotiator", "said", D, 1}},
		},
	})
}
