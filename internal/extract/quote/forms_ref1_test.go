package quote

import "testing"

// TestFindQuotesFormsRef1 holds the rows of the ref1 round's rules
// (testdata/rounds/2026-12-06-ref1-round.md).
func TestFindQuotesFormsRef1(t *testing.T) {
	runFindCases(t, []findCase{
		{
			name: "he after a speaker counted out of a group (one banker) stays unresolved",
			body: "Tomas Berg spoke at the port on Monday.\n\nOne banker said the harbour fees were too high.\n\n\"The fees will fall once the ice has gone,\" he said.",
			want: []wantQuote{
				{"the harbour fees were too high", "", "One banker", "said", I, 1},
				{"The fees will fall once the ice has gone", "", "he", "said", D, 2},
			},
		},
		{
			name: "the head of one such speaker is the noun before a participle",
			body: "Tomas Berg spoke at the port on Monday.\n\nOne pastor supporting Anna Kovač said the harbour fees were too high.\n\n\"The fees will fall once the ice has gone,\" he said.",
			want: []wantQuote{
				{"the harbour fees were too high", "", "One pastor supporting Anna Kovač", "said", I, 1},
				{"The fees will fall once the ice has gone", "", "he", "said", D, 2},
			},
		},
		{
			name: "must not change: he answering one questioner is not the questioner",
			body: "Tomas Berg spoke at the port on Monday.\n\nOne questioner said the harbour fees were too high.\n\n\"You are right, the fees will fall once the ice has gone,\" he said.",
			want: []wantQuote{
				{"the harbour fees were too high", "", "One questioner", "said", I, 1},
				{"You are right, the fees will fall once the ice has gone", "tomas-berg", "he", "said", D, 2},
			},
		},
		{
			name: "must not change: a person named between goes on",
			body: "Tomas Berg spoke at the port on Monday.\n\nOne banker said the harbour fees were too high. Berg disagreed.\n\n\"The fees will fall once the ice has gone,\" he said.",
			want: []wantQuote{
				{"the harbour fees were too high", "", "One banker", "said", I, 1},
				{"The fees will fall once the ice has gone", "tomas-berg", "he", "said", D, 2},
			},
		},
	})
}
