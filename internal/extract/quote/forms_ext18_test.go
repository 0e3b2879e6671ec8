package quote

import (
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestFindQuotesFormsExt18 holds the rows of the ext18 round's rules
// (testdata/rounds/2026-12-06-ext18-round.md), apart from the long
// table of TestFindQuotesForms.
func TestFindQuotesFormsExt18(t *testing.T) {
	runFindCases(t, []findCase{
		{
			name: "a lower-case phrase after a noun that may name a work is no title",
			body: `Berg promised to release a report "as soon as the ice has gone" on the state of the harbour.`,
			want: []wantQuote{{"as soon as the ice has gone", "tomas-berg", "Berg", "promised", D, 0}},
		},
		{
			name: "a title-case phrase after a noun that may name a work stays a title",
			body: `Berg promised to release a report "Harbour Traffic in Decline" on the state of the harbour.`,
		},
		{
			name: "it after a sentence about a memo from an organisation is the organisation",
			body: "Croatia's Foreign Ministry met on Monday.\n\nA memo from the ministry seemed aimed at calming the talks.\n\n\"The border will stay open for all lorries until Friday,\" it stated.",
			want: []wantQuote{{"The border will stay open for all lorries until Friday", "croatian-foreign-ministry", "it", "stated", D, 2}},
		},
		{
			name: "it after a sentence about a memo from a person stays unresolved",
			body: "Croatia's Foreign Ministry met on Monday.\n\nA memo from Berg seemed aimed at calming the talks.\n\n\"The border will stay open for all lorries until Friday,\" it stated.",
			want: []wantQuote{{"The border will stay open for all lorries until Friday", "", "it", "stated", D, 2}},
		},
		{
			name: "it after a sentence about no document stays unresolved",
			body: "Croatia's Foreign Ministry met on Monday.\n\nThe harbour seemed calm after the talks.\n\n\"The border will stay open for all lorries until Friday,\" it stated.",
			want: []wantQuote{{"The border will stay open for all lorries until Friday", "", "it", "stated", D, 2}},
		},
		{
			name: "inverted said X, who …, Y's title, Z: the relative clause is no apposition",
			body: `"The harbour plan is dead on arrival," said Berg, who does not back Kovač's rival, Halvorsen.`,
			want: []wantQuote{{"The harbour plan is dead on arrival", "tomas-berg", "Berg", "said", D, 0}},
		},
		{
			name: "inverted said X, Y's title, Z: the possessed title's name stays",
			body: `"The harbour plan is dead on arrival," said the Croatian Foreign Ministry's spokeswoman, Lena Ortiz.`,
			want: []wantQuote{{"The harbour plan is dead on arrival", "lena-ortiz", "Lena Ortiz", "said", D, 0}},
		},
		{
			name: "fronted Like X, subject, participle cue",
			body: `Like Kovač, Berg also rejected the claim that the port was closed, arguing that there is "room for the fishing fleet" in the plan.`,
			want: []wantQuote{{"room for the fishing fleet", "tomas-berg", "Berg", "arguing", D, 0}},
		},
		{
			name: "fronted Unlike X, subject, said",
			body: `Unlike Kovač, Berg said the talks had "run out of road" by Friday.`,
			want: []wantQuote{{"run out of road", "tomas-berg", "Berg", "said", D, 0}},
		},
		{
			name: "like X inside the sentence leaves the subject before it",
			body: `Lena Ortiz, like Berg, said the talks had "run out of road" by Friday.`,
			want: []wantQuote{{"run out of road", "lena-ortiz", "Lena Ortiz", "said", D, 0}},
		},
		{
			name: "exchange as a transcript: name, parenthesis, colon, quotation",
			body: "Rep. Tomas Berg (L-Oslo):\"Who told you that the harbour was closed? Who told you that?\"\n\nForeign Minister Anna Kovač:\"We learned that from the harbour master and his staff.\"",
			want: []wantQuote{
				{"Who told you that the harbour was closed? Who told you that?", "tomas-berg", "Rep. Tomas Berg", "", D, 0},
				{"We learned that from the harbour master and his staff.", "anna-kovac", "Anna Kovač", "", D, 1},
			},
		},
		{
			name: "exchange as a transcript: descriptors, name, colon, quotation",
			body: "Former secretary of state Tomas Berg:\"We learned that from the harbour master and his staff.\"",
			want: []wantQuote{{"We learned that from the harbour master and his staff.", "tomas-berg", "Tomas Berg", "", D, 0}},
		},
		{
			name: "a verb of saying before the name and a colon is no speaker label",
			body: "The harbour master told Tomas Berg:\"We learned that from the harbour master and his staff.\"",
			want: []wantQuote{{"We learned that from the harbour master and his staff.", "", "The harbour master", "told", D, 0}},
		},
		{
			name: "a sentence with a verb before the name and a colon is no speaker label",
			body: "The harbour was closed by Tomas Berg:\"We learned that from the harbour master and his staff.\"",
			want: []wantQuote{{"We learned that from the harbour master and his staff.", "", "", "", D, 0}},
		},
		{
			name: "a colon after a sentence with a verb is no speaker label",
			body: "Tomas Berg left the talks early. The headline read:\"Harbour talks end without a deal.\"",
			want: []wantQuote{{"Harbour talks end without a deal.", "", "", "", D, 0}},
		},
		{
			name: "a place and a colon before a quotation is no speaker label",
			body: "Norway:\"The harbour stays closed until the storm has passed.\"",
			want: []wantQuote{{"The harbour stays closed until the storm has passed.", "", "", "", D, 0}},
		},
		{
			name: "a middle name between the given name and the surname is the same person",
			body: `"The port stays open for the winter," said Anna Maria Kovač.`,
			want: []wantQuote{{"The port stays open for the winter", "anna-kovac", "Anna Maria Kovač", "said", D, 0}},
		},
		{
			name: "another given name before the surname is a relative, not the person",
			body: `"The port stays open for the winter," said Ivana Kovač.`,
			want: []wantQuote{{"The port stays open for the winter", "", "Ivana Kovač", "said", D, 0}},
		},
		{
			name: "the spokeswoman after a person's spokeswoman speaks for nobody named",
			body: `Lena Ortiz, a harbour council spokeswoman, spoke on Monday. On Tuesday Kovač's spokeswoman said the minister stood by her words. "The minister has made her views very clear," the spokeswoman said.`,
			want: []wantQuote{{"The minister has made her views very clear", "", "the spokeswoman", "said", D, 0}},
		},
		{
			name: "the spokeswoman after the minister's spokeswoman speaks for nobody named",
			body: `Lena Ortiz, a harbour council spokeswoman, spoke on Monday. On Tuesday the minister's spokeswoman said the plan stood. "The minister has made her views very clear," the spokeswoman said. "She stands by her words," the spokeswoman added.`,
			want: []wantQuote{
				{"The minister has made her views very clear", "", "the spokeswoman", "said", D, 0},
				{"She stands by her words", "", "the spokeswoman", "added", D, 0},
			},
		},
		{
			name: "the spokeswoman after an organisation's spokeswoman is resolved as before",
			body: `Kovač's spokeswoman said the minister stood by her words. Lena Ortiz, a harbour council spokeswoman, disagreed. "The plan is dead on arrival," the spokeswoman said.`,
			want: []wantQuote{
				{"the minister stood by her words", "", "Kovač's spokeswoman", "said", I, 0},
				{"The plan is dead on arrival", "lena-ortiz", "the spokeswoman", "said", D, 0},
			},
		},
		{
			name: "a question, then the subject, the cue and a long tail of where it was said",
			body: `"Who knows what the winter brings?" Kovač told Norway's NRK television in an interview aired on Monday when asked about the talks.`,
			want: []wantQuote{{"Who knows what the winter brings?", "anna-kovac", "Kovač", "told", D, 0}},
		},
		{
			name: "an exclamation, then the subject, the cue and a long tail",
			body: `"The harbour crew is the greatest!!!" Berg wrote in a March 3, 2012 email to the staff of the Foreign Ministry in Zagreb.`,
			want: []wantQuote{{"The harbour crew is the greatest!!!", "tomas-berg", "Berg", "wrote", D, 0}},
		},
		{
			name: "a question, then a sentence of reported speech of its own",
			body: `"Who knows what the winter brings?" Kovač said the harbour would stay closed until the ice had gone from the bay.`,
			want: []wantQuote{{"Who knows what the winter brings?", "", "", "", D, 0}},
		},
		{
			name: "a full stop, then the subject, the cue and a long tail: a new sentence",
			body: `"The winter will be long." Berg wrote in a March 3, 2012 email to the staff of the Foreign Ministry in Zagreb.`,
			want: []wantQuote{{"The winter will be long.", "", "", "", D, 0}},
		},
		{
			name: "a partial quotation in a because clause is its subject's, not the reporting sentence's",
			body: `Berg said he would not meet Kovač because the foreign minister cast the harbour plan as "a disaster for the whole coast" on Monday.`,
			want: []wantQuote{{"a disaster for the whole coast", "anna-kovac", "the foreign minister", "cast", D, 0}},
		},
		{
			name: "a because clause with a name as subject",
			body: `Berg said he would not meet her because Kovač cast the harbour plan as "a disaster for the whole coast" on Monday.`,
			want: []wantQuote{{"a disaster for the whole coast", "anna-kovac", "Kovač", "cast", D, 0}},
		},
		{
			name: "a because clause whose subject is nobody keeps the reporting sentence's speaker",
			body: `Berg said the crews left because the harbour was closed "for the whole of the winter season" this year.`,
			want: []wantQuote{{"for the whole of the winter season", "tomas-berg", "Berg", "said", D, 0}},
		},
		{
			name: "a because clause that ends at a comma before the quotation keeps the reporting sentence's speaker",
			body: `Berg said that because Kovač cast the harbour plan aside, "the whole coast will pay for it" in the end.`,
			want: []wantQuote{{"the whole coast will pay for it", "tomas-berg", "Berg", "said", D, 0}},
		},
		{
			name: "a since clause is no clause of the quotation",
			body: `Berg said the fall in prices since Kovač took office remains "one of the real gains of the harbour plan" so far.`,
			want: []wantQuote{{"one of the real gains of the harbour plan", "tomas-berg", "Berg", "said", D, 0}},
		},
		{
			name: "the rest of a partial quotation's sentence naming a place goes on with its speaker",
			body: `Berg said his team made sure it was "in no way touching the old harbour treaty," a text signed in Norway. "If we touched it, the council would say we broke the deal."`,
			want: []wantQuote{
				{"in no way touching the old harbour treaty", "tomas-berg", "Berg", "said", D, 0},
				{"If we touched it, the council would say we broke the deal.", "tomas-berg", "Berg", "said", D, 0},
			},
		},
		{
			name: "the rest of a partial quotation's sentence naming an organisation and an abbreviation goes on with its speaker",
			body: `Berg said his team made sure it was "in no way touching the old harbour treaty," the text of a key United Nations resolution of the EU era. "If we touched it, the council would say we broke the deal."`,
			want: []wantQuote{
				{"in no way touching the old harbour treaty", "tomas-berg", "Berg", "said", D, 0},
				{"If we touched it, the council would say we broke the deal.", "tomas-berg", "Berg", "said", D, 0},
			},
		},
		{
			name: "the rest of a partial quotation's sentence naming a person does not go on",
			body: `Berg said his team made sure it was "in no way touching the old harbour treaty," a text Kovač signed. "If we touched it, the council would say we broke the deal."`,
			want: []wantQuote{
				{"in no way touching the old harbour treaty", "tomas-berg", "Berg", "said", D, 0},
				{"If we touched it, the council would say we broke the deal.", "", "", "", D, 0},
			},
		},
		{
			name: "the rest of a partial quotation's sentence with an unknown capitalised name does not go on",
			body: `Berg said his team made sure it was "in no way touching the old harbour treaty," a text signed by Marta Lindqvist. "If we touched it, the council would say we broke the deal."`,
			want: []wantQuote{
				{"in no way touching the old harbour treaty", "tomas-berg", "Berg", "said", D, 0},
				{"If we touched it, the council would say we broke the deal.", "", "", "", D, 0},
			},
		},
	})
}

// TestOrgNamedByDescription checks orgNamedBy: a definite description
// whose head is a role word ("campaign") and that covers the mention of an
// organisation of that name is that organisation.
func TestOrgNamedByDescription(t *testing.T) {
	cast := append(testCast[:len(testCast):len(testCast)], castMember{ID: "berg-campaign", Name: "Berg campaign", Type: news.TypeOrg})
	tests := []findCase{
		{
			name: "the campaign named",
			body: `Tomas Berg spoke on Monday. "We will win this county by ten points," the Berg campaign said.`,
			want: []wantQuote{{"We will win this county by ten points", "berg-campaign", "the Berg campaign", "said", D, 0}},
		},
		{
			name: "the campaign, no name: not that organisation",
			body: `Tomas Berg spoke on Monday. "We will win this county by ten points," the campaign said.`,
			want: []wantQuote{{"We will win this county by ten points", "", "the campaign", "said", D, 0}},
		},
	}
	runFindCasesWith(t, cast, tests)
}
