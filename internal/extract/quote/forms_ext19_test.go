package quote

import "testing"

// TestFindQuotesFormsExt19 holds the rows of the ext19 round's rules
// (testdata/rounds/2026-12-06-ext19-round.md).
func TestFindQuotesFormsExt19(t *testing.T) {
	runFindCases(t, []findCase{
		{
			name: "he after an unnamed speaker in the paragraph before stays unresolved",
			body: "Berg spoke at the port on Monday.\n\nA Western banker said the harbour fees were too high.\n\n\"The fees will fall once the ice has gone,\" he said.",
			want: []wantQuote{
				{"the harbour fees were too high", "", "A Western banker", "said", I, 1},
				{"The fees will fall once the ice has gone", "", "he", "said", D, 2},
			},
		},
		{
			name: "he after an unnamed speaker goes on through his own quotations",
			body: "Berg spoke at the port on Monday.\n\nThe representative of a Norwegian shipping firm said the fees were too high.\n\n\"The fees will fall once the ice has gone,\" he said.\n\n\"The fleet will come back in the spring,\" he said.",
			want: []wantQuote{
				{"the fees were too high", "", "The representative of a Norwegian shipping firm", "said", I, 1},
				{"The fees will fall once the ice has gone", "", "he", "said", D, 2},
				{"The fleet will come back in the spring", "", "he", "said", D, 3},
			},
		},
		{
			name: "the same description after an unnamed speaker stays unresolved",
			body: "Defence Minister Tomas Berg spoke at the port on Monday.\n\nA senior minister said the harbour fees were too high.\n\n\"The fees will fall once the ice has gone,\" the minister said.",
			want: []wantQuote{
				{"the harbour fees were too high", "", "A senior minister", "said", I, 1},
				{"The fees will fall once the ice has gone", "", "the minister", "said", D, 2},
			},
		},
		{
			name: "the same description after he after an unnamed speaker stays unresolved",
			body: "Defence Minister Tomas Berg spoke at the port on Monday.\n\nA senior minister said the harbour fees were too high.\n\n\"The fees will fall once the ice has gone,\" he said.\n\n\"The fleet will come back in the spring,\" the minister said.",
			want: []wantQuote{
				{"the harbour fees were too high", "", "A senior minister", "said", I, 1},
				{"The fees will fall once the ice has gone", "", "he", "said", D, 2},
				{"The fleet will come back in the spring", "", "the minister", "said", D, 3},
			},
		},
		{
			name: "another description after an unnamed speaker resolves as before",
			body: "Defence Minister Tomas Berg spoke at the port on Monday.\n\nA Western banker said the harbour fees were too high.\n\n\"The fees will fall once the ice has gone,\" the minister said.",
			want: []wantQuote{
				{"the harbour fees were too high", "", "A Western banker", "said", I, 1},
				{"The fees will fall once the ice has gone", "tomas-berg", "the minister", "said", D, 2},
			},
		},
		{
			name: "he after a named person who follows the unnamed speaker is that person",
			body: "A Western banker said the harbour fees were too high. Berg rejected the claim on Monday.\n\n\"The fees will fall once the ice has gone,\" he said.",
			want: []wantQuote{
				{"the harbour fees were too high", "", "A Western banker", "said", I, 0},
				{"The fees will fall once the ice has gone", "tomas-berg", "he", "said", D, 1},
			},
		},
		{
			name: "a description in apposition to a name is that person, not someone unnamed",
			body: "The harbour fees are too high, Tomas Berg, a supply manager with a shipping firm, a Norwegian broker, said.\n\n\"The fees will fall once the ice has gone,\" he said.",
			want: []wantQuote{
				// (the indirect span takes in the name: the parse of two
				// appositions as it is today, not this rule's)
				{"The harbour fees are too high, Tomas Berg", "", "a supply manager with a shipping firm", "said", I, 0},
				{"The fees will fall once the ice has gone", "tomas-berg", "he", "said", D, 1},
			},
		},
		{
			name: "a spokeswoman is no unnamed speaker: the spokeswoman resolves as before",
			body: "Lena Ortiz, the ministry's spokeswoman, met reporters on Monday.\n\nA spokeswoman said the harbour fees were too high.\n\n\"The fees will fall once the ice has gone,\" the spokeswoman said.",
			want: []wantQuote{
				{"the harbour fees were too high", "", "A spokeswoman", "said", I, 1},
				{"The fees will fall once the ice has gone", "lena-ortiz", "the spokeswoman", "said", D, 2},
			},
		},
		{
			name: "a description ending with a noun of a person is not the organisation it names",
			body: "Lena Ortiz opened the talks in Geneva.\n\n\"The harbour will stay open for all lorries,\" the UN host said.",
			want: []wantQuote{{"The harbour will stay open for all lorries", "", "the UN host", "said", D, 1}},
		},
		{
			name: "a description ending with a noun of an organisation is the organisation it names",
			body: "Lena Ortiz opened the talks in Geneva.\n\n\"The harbour will stay open for all lorries,\" the UN agency said.",
			want: []wantQuote{{"The harbour will stay open for all lorries", "united-nations", "the UN agency", "said", D, 1}},
		},
		{
			name: "a spokesman for an organisation speaks for it",
			body: "Lena Ortiz opened the talks in Geneva.\n\n\"The harbour will stay open for all lorries,\" a spokesman for the UN said.",
			want: []wantQuote{{"The harbour will stay open for all lorries", "united-nations", "UN", "said", D, 1}},
		},
		{
			name: "reacted after a quotation is its cue",
			body: "Berg spoke about the harbour in Zagreb.\n\n“The port is closed, he says. Which port is he talking about?” reacted Kovač.",
			want: []wantQuote{{"The port is closed, he says. Which port is he talking about?", "anna-kovac", "Kovač", "reacted", D, 1}},
		},
		{
			name: "retorted after a quotation is its cue",
			body: "Berg spoke about the harbour in Zagreb.\n\n“Which port is he talking about?” Kovač retorted.",
			want: []wantQuote{{"Which port is he talking about?", "anna-kovac", "Kovač", "retorted", D, 1}},
		},
		{
			name: "a description of a person with a complement in of is the current speaker",
			body: "Tomas Berg said the harbour would reopen.\n\n\"The fleet will come back in the spring,\" the father of two said.",
			want: []wantQuote{
				{"the harbour would reopen", "tomas-berg", "Tomas Berg", "said", I, 0},
				{"The fleet will come back in the spring", "tomas-berg", "the father of two", "said", D, 1},
			},
		},
		{
			name: "a description of a woman is not the man who spoke last",
			body: "Tomas Berg said the harbour would reopen.\n\n\"The fleet will come back in the spring,\" the mother of two said.",
			want: []wantQuote{
				{"the harbour would reopen", "tomas-berg", "Tomas Berg", "said", I, 0},
				{"The fleet will come back in the spring", "", "the mother of two", "said", D, 1},
			},
		},
		{
			name: "a quotation signed in the next paragraph with a dash and a titled name",
			body: "The talks ended on Monday.\n\n“The harbour will stay open for all lorries.”\n\n-Foreign Minister Anna Kovač, speaking in Zagreb.",
			want: []wantQuote{{"The harbour will stay open for all lorries.", "anna-kovac", "Anna Kovač", "", D, 1}},
		},
		{
			name: "a quotation signed in the next paragraph with a dash and a surname",
			body: "The talks ended on Monday.\n\n\"The harbour will stay open for all lorries.\"\n\n- Berg.",
			want: []wantQuote{{"The harbour will stay open for all lorries.", "tomas-berg", "Berg", "", D, 1}},
		},
		{
			name: "a dash and lower-case words before a name sign nothing",
			body: "The talks ended on Monday.\n\n“The harbour will stay open for all lorries.”\n\n-a friend of Berg.",
			want: []wantQuote{{"The harbour will stay open for all lorries.", "", "", "", D, 1}},
		},
		{
			name: "a quotation inside a sentence is not signed by the next paragraph",
			body: "The talks ended on Monday.\n\nThe port stays open, “The harbour will stay open for all lorries of the fleet.”\n\n- Berg.",
			want: []wantQuote{{"The harbour will stay open for all lorries of the fleet.", "", "", "", D, 1}},
		},
		{
			name: "a name without a dash signs nothing",
			body: "The talks ended on Monday.\n\n“The harbour will stay open for all lorries.”\n\nBerg left the port.",
			want: []wantQuote{{"The harbour will stay open for all lorries.", "", "", "", D, 1}},
		},
		{
			name: "he goes on through a paragraph whose main clause he is the subject of",
			body: "Berg said the harbour would reopen.\n\nWhen the talks turned to the fleet, he offered his thoughts on Defence Minister Halvorsen's plans.\n\n\"The fleet will come back in the spring,\" he said.",
			want: []wantQuote{
				{"the harbour would reopen", "tomas-berg", "Berg", "said", I, 0},
				{"The fleet will come back in the spring", "tomas-berg", "he", "said", D, 2},
			},
		},
		{
			name: "a paragraph whose fronted clause ends before another subject breaks the chain",
			body: "Berg said the harbour would reopen.\n\nWhen the talks turned to the fleet, Defence Minister Halvorsen offered his thoughts on the plans.\n\n\"The fleet will come back in the spring,\" he said.",
			want: []wantQuote{
				{"the harbour would reopen", "tomas-berg", "Berg", "said", I, 0},
				{"The fleet will come back in the spring", "cres-halvorsen", "he", "said", D, 2},
			},
		},
	})
}
