package quote

import (
	"slices"
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestFindQuotesFormsExt20 holds the rows of the ext20 round's rules
// (testdata/rounds/2026-12-06-ext20-round.md).
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
		{
			name: "a description opening the sentence of its quotation is the subject of the paragraph before",
			body: "Tomas Berg, the harbour's owner, stressed the ferries during a visit to Norway.\n\nThe former sailor told reporters he feels good about the port, and \"we will see what the spring brings.\"",
			want: []wantQuote{
				// (the indirect span is the parse of an appositive as it
				// is today, not this rule's)
				{"Tomas Berg, the harbour's owner", "", "the ferries during a visit", "stressed", I, 0},
				{"we will see what the spring brings.", "tomas-berg", "The former sailor", "told", D, 1},
			},
		},
		{
			name: "a description after a short fronted phrase is the subject of the sentence before",
			body: "Anna Kovač spoke at the port on Monday. Sooner or later, the veteran negotiator told reporters, \"the fees will fall once the ice has gone.\"",
			want: []wantQuote{{"the fees will fall once the ice has gone.", "anna-kovac", "the veteran negotiator", "told", D, 0}},
		},
		{
			name: "must not change: a description after a long fronted phrase stays unresolved",
			body: "Anna Kovač spoke at the port. After a long day at the harbour with the council, the veteran negotiator told reporters, \"the fees will fall once the ice has gone.\"",
			want: []wantQuote{{"the fees will fall once the ice has gone.", "", "the veteran negotiator", "told", D, 0}},
		},
		{
			name: "must not change: a name after a determiner in the paragraph before is no subject",
			body: "One Kovač administration official said the fees were too high.\n\nThe official said in an interview, \"The fees will fall once the ice has gone.\"",
			want: []wantQuote{
				{"the fees were too high", "", "One Kovač administration official", "said", I, 0},
				{"The fees will fall once the ice has gone.", "", "The official", "said", D, 1},
			},
		},
		{
			name: "he after a sentence opened by a name nobody resolves stays unresolved",
			body: "Tomas Berg opened the port on Monday, and the harbour fees rose at once, as Novak had warned.\n\nNovak said the fees would fall once the ice had gone.\n\n\"The fleet will come back in the spring,\" he said.",
			want: []wantQuote{
				{"the fees would fall once the ice had gone", "", "Novak", "said", I, 1},
				{"The fleet will come back in the spring", "", "he", "said", D, 2},
			},
		},
		{
			name: "he after an unknown name with an appositive stays unresolved",
			body: "Tomas Berg opened the port on Monday.\n\nZoran Novak, a research fellow at the harbour institute, said the plan was hard to carry out.\n\n\"The tax rules would have to change first,\" he said.",
			want: []wantQuote{
				// (the indirect span is the parse of an appositive as it
				// is today, not this rule's)
				{"Zoran Novak, a research fellow at the harbour institute", "", "the plan", "said", I, 1},
				{"The tax rules would have to change first", "", "he", "said", D, 2},
			},
		},
		{
			name: "must not change: a sentence opened by a name the resolver knows is not this rule's",
			body: "Tomas Berg opened the port in Norway on Monday.\n\nNorway said the fees would fall once the ice had gone.\n\n\"The fleet will come back in the spring,\" he said.",
			want: []wantQuote{
				{"the fees would fall once the ice had gone", "norway", "Norway", "said", I, 1},
				{"The fleet will come back in the spring", "tomas-berg", "he", "said", D, 2},
			},
		},
		{
			name: "must not change: an unknown name without a verb of speech is not this rule's",
			body: "Tomas Berg opened the port on Monday, and the harbour fees rose at once, as Novak had warned.\n\nNovak visited the harbour on Sunday.\n\n\"The fleet will come back in the spring,\" he said.",
			want: []wantQuote{{"The fleet will come back in the spring", "tomas-berg", "he", "said", D, 2}},
		},
		{
			name: "must not change: a capitalised word found nowhere else inside a sentence is no name",
			body: "Nobody asked about the ferries, so Tomas Berg raised them himself.\n\n\"The fleet will come back in the spring,\" he said.",
			want: []wantQuote{{"The fleet will come back in the spring", "tomas-berg", "he", "said", D, 1}},
		},
		{
			name: "must not change: a group's plural is no name",
			body: "Tomas Berg spoke at the port on Monday.\n\nSocialists said the fees were too high, and the Socialists will vote against them.\n\n\"The fees will fall once the ice has gone,\" he said.",
			want: []wantQuote{
				{"the fees were too high, and the Socialists will vote against them", "", "Socialists", "said", I, 1},
				{"The fees will fall once the ice has gone", "tomas-berg", "he", "said", D, 2},
			},
		},
	})
	// A person whose surname alone the resolver does not know: "Petrov
	// said" is still the Ivo Petrov "he" goes to.
	petrovCast := append(slices.Clone(testCast), castMember{ID: "ivo-petrov", Name: "Ivo Petrov", Type: news.TypePerson, Gender: "m"})
	runFindCasesWith(t, petrovCast, []findCase{
		{
			name: "must not change: an unknown name that is the surname of the one he goes to",
			body: "Ivo Petrov opened the port on Monday, as the mayor Petrov had promised.\n\nPetrov said the fees would fall once the ice had gone.\n\n\"The fleet will come back in the spring,\" he said.",
			want: []wantQuote{
				{"the fees would fall once the ice had gone", "", "Petrov", "said", I, 1},
				{"The fleet will come back in the spring", "ivo-petrov", "he", "said", D, 2},
			},
		},
	})
}
