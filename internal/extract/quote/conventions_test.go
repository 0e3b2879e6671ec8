package quote

import "testing"

// TestFindQuotesConventions covers the quotation conventions of archive,
// wire and European text: each row is one convention, with its attribution
// after and before the quote, a quote interrupted by its attribution, an
// inner quotation that must stay inside the outer one, and a quote running
// on into the next paragraph.
func TestFindQuotesConventions(t *testing.T) {
	tests := []findCase{
		{
			name: "two apostrophes (archive text), after",
			body: `''We will not retreat from the talks,'' Kovač said.`,
			want: []wantQuote{{"We will not retreat from the talks", "anna-kovac", "Kovač", "said", D, 0}},
		},
		{
			name: "two apostrophes, before and interrupted",
			body: `Tomas Berg said: ''Norway stands ready to help the mission.'' Later, ''the harbour stays closed,'' Berg added, ''until the inspectors have finished their work.''`,
			want: []wantQuote{
				{"Norway stands ready to help the mission.", "tomas-berg", "Tomas Berg", "said", D, 0},
				{"the harbour stays closed", "tomas-berg", "Berg", "added", D, 0},
				{"until the inspectors have finished their work.", "tomas-berg", "Berg", "added", D, 0},
			},
		},
		{
			name: "two apostrophes, an inner single quote closing with the outer one",
			body: `''Most voters still say the country is on the 'wrong track.''' Kovač said.`,
			want: []wantQuote{{"Most voters still say the country is on the 'wrong track.'", "anna-kovac", "Kovač", "said", D, 0}},
		},
		{
			name: "two apostrophes, run on into the next paragraph",
			body: "''The first round of talks ended without a date for the second one,'' Kovač said. ''We asked for a date twice.\n\n''Nobody in Oslo could give us one.''",
			want: []wantQuote{
				{"The first round of talks ended without a date for the second one", "anna-kovac", "Kovač", "said", D, 0},
				{"We asked for a date twice.", "anna-kovac", "Kovač", "said", D, 0},
				{"Nobody in Oslo could give us one.", "anna-kovac", "Kovač", "said", D, 1},
			},
		},
		{
			name: "an apostrophe of a word is not a mark",
			body: `''The ministers' talks haven't moved since May,'' Berg said.`,
			want: []wantQuote{{"The ministers' talks haven't moved since May", "tomas-berg", "Berg", "said", D, 0}},
		},
		{
			name: "two apostrophes inside a word are an escaped apostrophe",
			body: `"The ministry''s talks haven''t moved since May," Berg said.`,
			want: []wantQuote{{"The ministry''s talks haven''t moved since May", "tomas-berg", "Berg", "said", D, 0}},
		},
		{
			name: "a double quote closed by two apostrophes",
			body: `"There might be a bit of an increase later this year,'' Berg said.`,
			want: []wantQuote{{"There might be a bit of an increase later this year", "tomas-berg", "Berg", "said", D, 0}},
		},
		{
			name: "backticks and apostrophes (TeX, Penn Treebank)",
			body: "``We will not retreat from the talks,'' Kovač said. Berg said: ``Norway stands ready to help the mission.''",
			want: []wantQuote{
				{"We will not retreat from the talks", "anna-kovac", "Kovač", "said", D, 0},
				{"Norway stands ready to help the mission.", "tomas-berg", "Berg", "said", D, 0},
			},
		},
		{
			name: "guillemets, French (spaced) and Swiss",
			body: "« We will not retreat from the talks », Kovač said. «Norway stands ready to help», Berg said.",
			want: []wantQuote{
				{"We will not retreat from the talks", "anna-kovac", "Kovač", "said", D, 0},
				{"Norway stands ready to help", "tomas-berg", "Berg", "said", D, 0},
			},
		},
		{
			name: "reversed guillemets (German)",
			body: "»We will not retreat from the talks«, Kovač said.",
			want: []wantQuote{{"We will not retreat from the talks", "anna-kovac", "Kovač", "said", D, 0}},
		},
		{
			name: "low-high quotes (German, „…“)",
			body: "„We will not retreat from the talks“, Kovač said. Berg said: „Norway stands ready to help the mission.“",
			want: []wantQuote{
				{"We will not retreat from the talks", "anna-kovac", "Kovač", "said", D, 0},
				{"Norway stands ready to help the mission.", "tomas-berg", "Berg", "said", D, 0},
			},
		},
		{
			name: "low-high quotes (Polish, Hungarian, „…”)",
			body: "„We will not retreat from the talks”, Kovač said.",
			want: []wantQuote{{"We will not retreat from the talks", "anna-kovac", "Kovač", "said", D, 0}},
		},
		{
			name: "British single quotes outside, double inside",
			body: "‘They told us “not this year” twice before the summit,’ Kovač said.",
			want: []wantQuote{{"They told us “not this year” twice before the summit", "anna-kovac", "Kovač", "said", D, 0}},
		},
		{
			name: "British single quotes, before and interrupted",
			body: "Berg said: ‘Norway stands ready to help the mission.’ Later, ‘the harbour stays closed,’ Berg added, ‘until the inspectors have finished.’",
			want: []wantQuote{
				{"Norway stands ready to help the mission.", "tomas-berg", "Berg", "said", D, 0},
				{"the harbour stays closed", "tomas-berg", "Berg", "added", D, 0},
				{"until the inspectors have finished.", "tomas-berg", "Berg", "added", D, 0},
			},
		},
		{
			name: "British single quotes, run on into the next paragraph",
			body: "‘The first round of talks ended without a date,’ Kovač said. ‘We asked for a date twice.\n\n‘Nobody in Oslo could give us one.’",
			want: []wantQuote{
				{"The first round of talks ended without a date", "anna-kovac", "Kovač", "said", D, 0},
				{"We asked for a date twice.", "anna-kovac", "Kovač", "said", D, 0},
				{"Nobody in Oslo could give us one.", "anna-kovac", "Kovač", "said", D, 1},
			},
		},
	}
	runFindCases(t, tests)
}
