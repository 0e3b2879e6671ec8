package quote

import "testing"

// TestFindQuotesFormsRef2 holds the rows of the ref2 round's rules
// (testdata/rounds/2026-12-07-ref2-round.md).
func TestFindQuotesFormsRef2(t *testing.T) {
	runFindCases(t, []findCase{
		{
			name: "the subject after a fronted participle's phrase takes he from the speaker before",
			body: "\"The fees will fall once the ice has gone,\" Tomas Berg said.\n\nReached by phone, Cres Halvorsen, the harbour master, disagreed. He said the fees would rise in the spring.",
			want: []wantQuote{
				{"The fees will fall once the ice has gone", "tomas-berg", "Tomas Berg", "said", D, 0},
				{"the fees would rise in the spring", "cres-halvorsen", "He", "said", I, 1},
			},
		},
		{
			name: "the subject after a fronted phrase and its noun's appositive is the sentence's",
			body: "\"The fees will fall once the ice has gone,\" Tomas Berg said.\n\nLike Anna Kovač, the harbour's owner, Halvorsen does not want to fight Berg anymore.\n\n\"I am too old for this,\" he said.",
			want: []wantQuote{
				{"The fees will fall once the ice has gone", "tomas-berg", "Tomas Berg", "said", D, 0},
				{"I am too old for this", "cres-halvorsen", "he", "said", D, 2},
			},
		},
		{
			name: "the name in apposition to a description of a possessive that opens the sentence is its subject",
			body: "\"The fees will fall once the ice has gone,\" Tomas Berg said.\n\nAfter the vote, Berg's chief adviser, Cres Halvorsen, spoke to the radio. He said the fees would rise in the spring.",
			want: []wantQuote{
				{"The fees will fall once the ice has gone", "tomas-berg", "Tomas Berg", "said", D, 0},
				{"the fees would rise in the spring", "cres-halvorsen", "He", "said", I, 1},
			},
		},
		{
			name: "must not change: a possessive's description without a name in apposition leaves the possessive the subject",
			body: "\"The fees will fall once the ice has gone,\" Tomas Berg said.\n\nAfter the vote, Berg's chief adviser spoke to Cres Halvorsen on the radio. He said the fees would rise in the spring.",
			want: []wantQuote{
				{"The fees will fall once the ice has gone", "tomas-berg", "Tomas Berg", "said", D, 0},
				{"the fees would rise in the spring", "tomas-berg", "He", "said", I, 1},
			},
		},
	})
}
