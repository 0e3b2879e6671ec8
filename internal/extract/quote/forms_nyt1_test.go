package quote

import "testing"

// TestFindQuotesFormsNyt1 holds the rows of the nyt1 round's rules
// (testdata/rounds/2026-12-06-nyt1-round.md): New York Times archive text,
// two apostrophes for quotation marks, invented sentences.
func TestFindQuotesFormsNyt1(t *testing.T) {
	runFindCases(t, []findCase{
		{
			name: "as X, an appositive, put it, then the quote: X speaks",
			body: "Tomas Berg spoke at the port on Monday.\n\nAs Anna Kovač, a lecturer at the harbour school, put it, ''The fees will drive the ships to other ports.''",
			want: []wantQuote{
				{"The fees will drive the ships to other ports.", "anna-kovac", "Anna Kovač", "put", D, 1},
			},
		},
		{
			name: "the same with a colon and an adverb before put it",
			body: "Tomas Berg spoke at the port on Monday.\n\nAs Anna Kovač, a lecturer at the harbour school, recently put it: ''The fees will drive the ships to other ports.''",
			want: []wantQuote{
				{"The fees will drive the ships to other ports.", "anna-kovac", "Anna Kovač", "put", D, 1},
			},
		},
		{
			name: "the same after a comma in mid-sentence, straight double quotes",
			body: "Tomas Berg spoke at the port on Monday.\n\nBut at the time, as Anna Kovač, the lecturer, put it, \"The fees will drive the ships to other ports.\"",
			want: []wantQuote{
				{"The fees will drive the ships to other ports.", "anna-kovac", "Anna Kovač", "put", D, 1},
			},
		},
		{
			name: "must not change: as one banker, an appositive, put it names nobody",
			body: "Tomas Berg spoke at the port on Monday.\n\nAs one banker, a lender to the port, put it, ''The fees will drive the ships to other ports.''",
			want: []wantQuote{
				{"The fees will drive the ships to other ports.", "", "", "", D, 1},
			},
		},
	})
}
