package quote

// findFormsC is part 3 of 3 of the rows of TestFindQuotesForms (quote_test.go),
// in the order they were written, split by size.
var findFormsC = []findCase{
	{
		name: "a fronted clause about a woman whose main clause names another person",
		body: "\"We held the line,\" said Ms. Kovač.\n\nThough Ms. Ortiz has lived in Oslo for years, Berg has made the move much harder, she said.\n\n\"The ferry has been cancelled twice this month,\" she said.",
		want: []wantQuote{
			{"We held the line", "anna-kovac", "Ms. Kovač", "said", D, 0},
			{"Though Ms. Ortiz has lived in Oslo for years, Berg has made the move much harder", "anna-kovac", "she", "said", I, 1},
			{"The ferry has been cancelled twice this month", "anna-kovac", "she", "said", D, 2},
		},
	},
	{
		name: "a possessive after the conjunction is no subject",
		body: "\"We held the line,\" said Ms. Kovač.\n\nThough Ortiz's ferry has run for years, the new rules have made the move much harder, she said.\n\n\"The ferry has been cancelled twice this month,\" she said.",
		want: []wantQuote{
			{"We held the line", "anna-kovac", "Ms. Kovač", "said", D, 0},
			{"Though Ortiz's ferry has run for years, the new rules have made the move much harder", "anna-kovac", "she", "said", I, 1},
			{"The ferry has been cancelled twice this month", "anna-kovac", "she", "said", D, 2},
		},
	},
	{
		name: "a name, then a title and of without the closing comma",
		body: "Others dismissed the claims outright. Tomas Berg, Dean of the Oslo School of Law called it \"a truly silly argument about nothing.\"",
		want: []wantQuote{{"a truly silly argument about nothing.", "tomas-berg", "Tomas Berg", "called", D, 0}},
	},
	{
		name: "a title and of with its closing comma",
		body: "Others dismissed the claims outright. Tomas Berg, Dean of the Oslo School of Law, called it \"a truly silly argument about nothing.\"",
		want: []wantQuote{{"a truly silly argument about nothing.", "tomas-berg", "Tomas Berg", "called", D, 0}},
	},
	{
		name: "a place, then a title and of, is no name in apposition",
		body: "In Oslo, Head of the Harbour Authority Lena Ortiz called it \"a truly silly argument about nothing.\"",
		want: []wantQuote{{"a truly silly argument about nothing.", "lena-ortiz", "Authority Lena Ortiz", "called", D, 0}},
	},
	{
		name: "a phrase going on with the quotation, then a name and its cue",
		body: "Berg met the press. \"I have admiration for the mechanics\" of the Croatian proposals, Kovač said.",
		want: []wantQuote{{"I have admiration for the mechanics", "anna-kovac", "Kovač", "said", D, 0}},
	},
	{
		name: "a phrase going on with the quotation, then he and its cue",
		body: "Berg met the press. \"I have admiration for the mechanics\" of the Croatian proposals, he said.",
		want: []wantQuote{{"I have admiration for the mechanics", "", "", "", D, 0}},
	},
	{
		name: "a phrase going on with the quotation, then a name and more than its cue",
		body: "Berg met the press. \"I have admiration for the mechanics\" of the Croatian proposals, Kovač said in a long interview on the radio.",
		want: []wantQuote{{"I have admiration for the mechanics", "", "", "", D, 0}},
	},
	{
		name: "a name after with and no participle is no subject",
		body: "\"We held the line,\" Berg said.\n\nKovač met with Halvorsen on Monday. \"The radar had been switched off for hours,\" he said.",
		want: []wantQuote{
			{"We held the line", "tomas-berg", "Berg", "said", D, 0},
			{"The radar had been switched off for hours", "tomas-berg", "he", "said", D, 1},
		},
	},
	{
		name: "a phrase between the quotation and the inverted cue",
		body: `"We will not retreat from the talks," like the ministers before her, said Anna Kovač on Monday.`,
		want: []wantQuote{{"We will not retreat from the talks", "anna-kovac", "Anna Kovač", "said", D, 0}},
	},
	{
		name: "a phrase between a title and a description after said is no attribution",
		body: `Berg, the author of "The Long Winter Roads North," about the convoys, said the days of the ice roads were over.`,
		want: nil,
	},
	{
		name: "a verb of saying joined by and after an earlier quotation: the organisation subject",
		body: `The United Nations gave its "deepest sympathies" and said the cases were given "intense attention at senior levels and are considered carefully".`,
		want: []wantQuote{{"intense attention at senior levels and are considered carefully", "united-nations", "United Nations", "said", D, 0}},
	},
	{
		name: "a verb of saying joined by and after an earlier quotation: the person subject",
		body: `Tomas Berg offered his "deepest sympathies" and said the harbour would stay "closed to all traffic until the inquiry ends".`,
		want: []wantQuote{{"closed to all traffic until the inquiry ends", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "and a verb of saying after an unnamed subject stays unattributed",
		body: `Protesters chanted "no more delays" and said the harbour would stay "closed to all traffic until the inquiry ends".`,
		want: []wantQuote{{"closed to all traffic until the inquiry ends", "", "", "", D, 0}},
	},
	{
		name: "and a verb of saying before a scare quote attributes nothing",
		body: `Tomas Berg gave his "deepest sympathies" and said the plan was "propaganda".`,
		want: nil,
	},
	{
		name: "and a verb of saying after a third quotation of the sentence: the subject may be a reported clause's",
		body: `The ferry was late. Cres Halvorsen told Norway's "Harbour Weekly" that he agrees Berg is a "total opportunist" and said "the record shows he changes his mind every week."`,
		want: []wantQuote{{"the record shows he changes his mind every week.", "", "", "", D, 0}},
	},
	{
		name: "a descriptor, a name and a parenthetical aside, then the verb of the sentence before",
		body: `Comic artist Tomas Berg (Harbour Tales, The Ice Queen) told of being forced to rethink his career after school. "In my first year, I did not get any work at all."`,
		want: []wantQuote{{"In my first year, I did not get any work at all.", "tomas-berg", "Tomas Berg", "told", D, 0}},
	},
	{
		name: "a name and a parenthetical aside, then the verb of the sentence before",
		body: `Tomas Berg (Harbour Party, Bergen) told of being forced to rethink his career after school. "In my first year, I did not get any work at all."`,
		want: []wantQuote{{"In my first year, I did not get any work at all.", "tomas-berg", "Tomas Berg", "told", D, 0}},
	},
	{
		name: "a name and a parenthetical aside, then a partial quotation in the sentence",
		body: `Tomas Berg (Harbour Party) weighed in on the vote, calling it a "shameful day for every worker in the city".`,
		want: []wantQuote{{"shameful day for every worker in the city", "tomas-berg", "Tomas Berg", "calling", D, 0}},
	},
	{
		name: "a name and a parenthetical aside before and: no subject of its own (as without the aside)",
		body: `Tomas Berg (Harbour Party) and Lena Ortiz wore hats reading "Keep the harbour open for all".`,
		want: []wantQuote{{"Keep the harbour open for all", "lena-ortiz", "Lena Ortiz", "wore", D, 0}},
	},
	{
		name: "a descriptor, a name and a parenthetical aside before and: no subject of its own",
		body: `Comic artist Tomas Berg (Harbour Tales) and Lena Ortiz wore hats reading "Keep the harbour open for all".`,
		want: []wantQuote{{"Keep the harbour open for all", "", "", "", D, 0}},
	},
	{
		name: "a scare quote earlier in the sentence does not hide its subject from a partial quotation",
		body: `Lena Ortiz has painted for ten years, her "passion" for the craft "came from my love for the old harbour."`,
		want: []wantQuote{{"came from my love for the old harbour.", "lena-ortiz", "Lena Ortiz", "painted", D, 0}},
	},
	{
		name: "past a scare quote, the subject of a clause inside an opening phrase is not the sentence's",
		body: `In June 2009, after Lena Ortiz suffered a concussion, Cres Halvorsen emailed her condolences, addressing her informally as "Lena" and telling her, "you are the best sailor and we need you back on board!"`,
		want: []wantQuote{{"you are the best sailor and we need you back on board!", "", "", "", D, 0}},
	},
	{
		name: "past a scare quote, a title is no partial quotation",
		body: `Lena Ortiz is due to appear on "Today" and on "The Late Show With Harbour Guests" next week.`,
		want: nil,
	},
	{
		name: "a cue after a question goes with it when a title-cased name after a preposition follows",
		body: `"Will the ferry be ready before the ice, do you think?" Kovač remarked, alluding to the old boat in "The Long Winter."`,
		want: []wantQuote{
			{"Will the ferry be ready before the ice, do you think?", "anna-kovac", "Kovač", "remarked", D, 0},
			{"The Long Winter.", "anna-kovac", "Kovač", "remarked", D, 0},
		},
	},
	{
		name: "a cue after a question goes with it when a word after a preposition follows",
		body: `"Are we still talking about that man this week?" Kovač fumed, using a ruder word instead of "man."`,
		want: []wantQuote{
			{"Are we still talking about that man this week?", "anna-kovac", "Kovač", "fumed", D, 0},
			{"man.", "anna-kovac", "Kovač", "fumed", D, 0},
		},
	},
	{
		name: "a cue after a question introduces the title-cased quotation that follows it without a preposition",
		body: `"Will the ferry be ready before the ice, do you think?" Kovač asked on Friday "Who Owns the Harbour?"`,
		want: []wantQuote{
			{"Will the ferry be ready before the ice, do you think?", "", "", "", D, 0},
			{"Who Owns the Harbour?", "anna-kovac", "Kovač", "asked", D, 0},
		},
	},
	{
		name: "a participle after a name owned by his is the sentence subject's, past an earlier scare quote",
		body: `Later on Sunday, Berg shared a chart of a ferry called "Skarv" on his United Nations page, writing "Allow me to do the research for the harbour board. Here is the chart they say never existed."`,
		want: []wantQuote{
			{"Allow me to do the research for the harbour board. Here is the chart they say never existed.", "tomas-berg", "Berg", "shared", D, 0},
		},
	},
	{
		name: "a participle's subject after an introductory phrase ending with a place and its country",
		body: `Speaking at a town hall in Split, Croatia, Berg went after Kovač, calling her "a minister who has lost her way."`,
		want: []wantQuote{{"a minister who has lost her way.", "tomas-berg", "Berg", "calling", D, 0}},
	},
	{
		name: "a name of two words, a descriptor, then the subject's name and its verb",
		body: `United Nations columnist Tomas Berg calls the plan "a ferry with the engine of a rowing boat."`,
		want: []wantQuote{{"a ferry with the engine of a rowing boat.", "tomas-berg", "Tomas Berg", "calls", D, 0}},
	},
	{
		name: "a name, a descriptor, then the subject's name, an appositive with a possessive and the verb",
		body: `United Nations columnist Tomas Berg, a speechwriter in Kovač's office, calls the plan "a ferry with the engine of a rowing boat."`,
		want: []wantQuote{{"a ferry with the engine of a rowing boat.", "tomas-berg", "Tomas Berg", "calls", D, 0}},
	},
	{
		name: "a sentence quotation after the lower-case rest of a partial quotation's sentence goes on with its speaker",
		body: `"We will not retreat from the talks," Kovač said, adding that she is "looking for a deal" and that the talks would go on. "And I am not ruling anything out."`,
		want: []wantQuote{
			{"We will not retreat from the talks", "anna-kovac", "Kovač", "said", D, 0},
			{"looking for a deal", "anna-kovac", "Kovač", "adding", D, 0},
			{"And I am not ruling anything out.", "anna-kovac", "Kovač", "adding", D, 0},
		},
	},
	{
		name: "a sentence quotation after a partial quotation's sentence that names someone else is not inherited",
		body: `"We will not retreat from the talks," Kovač said, adding that she is "looking for a deal" and that Berg would decide. "And I am not ruling anything out."`,
		want: []wantQuote{
			{"We will not retreat from the talks", "anna-kovac", "Kovač", "said", D, 0},
			{"looking for a deal", "anna-kovac", "Kovač", "adding", D, 0},
			{"And I am not ruling anything out.", "", "", "", D, 0},
		},
	},
	{
		name: "a sentence quotation after an attribution that follows its quotation is not inherited through the lower-case rule",
		body: "\"I abstain,\" Kovač said.\n\n\"I am voting for him, whatever they say,\" one said. \"She lies too much about the harbour.\"",
		want: []wantQuote{
			{"I abstain", "anna-kovac", "Kovač", "said", D, 0},
			{"I am voting for him, whatever they say", "anna-kovac", "Kovač", "said", D, 1}, // (wrong before this rule too: "one" is read as no speaker)
			{"She lies too much about the harbour.", "", "", "", D, 1},
		},
	},
	{
		name: "a quoted transcript: each labelled paragraph is its label's turn, the unlabelled ones go on with it",
		body: "Partial transcript as follows:\n\n\"BERG: We will open the harbour to the ferries on Monday.\n\n\"KOVAČ: Will the ferry really run every day then?\n\n\"MR. BERG: It will run every single day of the week.\n\n\"And the ice will be gone from the harbour by then.\"",
		want: []wantQuote{
			{"BERG: We will open the harbour to the ferries on Monday.", "tomas-berg", "BERG", "", D, 1},
			{"KOVAČ: Will the ferry really run every day then?", "anna-kovac", "KOVAČ", "", D, 2},
			{"MR. BERG: It will run every single day of the week.", "tomas-berg", "MR. BERG", "", D, 3},
			{"And the ice will be gone from the harbour by then.", "tomas-berg", "MR. BERG", "", D, 4},
		},
	},
	{
		name: "two labelled quoted paragraphs are no transcript",
		body: "Partial transcript as follows:\n\n\"BERG: We will open the harbour to the ferries on Monday.\n\n\"KOVAČ: Will the ferry really run every day then?\"",
		want: []wantQuote{
			{"BERG: We will open the harbour to the ferries on Monday.", "", "", "", D, 1},
			{"KOVAČ: Will the ferry really run every day then?", "", "", "", D, 2},
		},
	},
	{
		name: "one label three times is no transcript",
		body: "Partial transcript as follows:\n\n\"BERG: We will open the harbour to the ferries on Monday.\n\n\"BERG: Will the ferry really run every day then?\n\n\"BERG: It will run every single day of the week.\"",
		want: []wantQuote{
			{"BERG: We will open the harbour to the ferries on Monday.", "", "", "", D, 1},
			{"BERG: Will the ferry really run every day then?", "", "", "", D, 2},
			{"BERG: It will run every single day of the week.", "", "", "", D, 3},
		},
	},
	{
		name: "a label that names no one is no turn",
		body: "Partial transcript as follows:\n\n\"BERG: We will open the harbour to the ferries on Monday.\n\n\"UPDATE: Will the ferry really run every day then?\n\n\"BERG: It will run every single day of the week.\"",
		want: []wantQuote{
			{"BERG: We will open the harbour to the ferries on Monday.", "", "", "", D, 1},
			{"UPDATE: Will the ferry really run every day then?", "", "", "", D, 2},
			{"BERG: It will run every single day of the week.", "", "", "", D, 3},
		},
	},
	{
		name: "an introductory phrase, then a name with an appositive: the name is the participle's subject",
		body: `Speaking in Split, Berg, the defence minister, went after Kovač, calling her "a minister who has lost her way."`,
		want: []wantQuote{{"a minister who has lost her way.", "tomas-berg", "Berg", "calling", D, 0}},
	},
	{
		name: "nested quotes keep the outer quote",
		body: `"They told us "no" twice before the summit," Kovač said.`,
		want: []wantQuote{{`They told us "no" twice before the summit`, "anna-kovac", "Kovač", "said", D, 0}},
	},
	{
		name: "a plural description in -men is not the current speaker",
		body: "\"The harbour will open on Monday,\" Berg said.\n\n\"The figures appear to contradict the testimony,\" the committee chairmen wrote.",
		want: []wantQuote{
			{"The harbour will open on Monday", "tomas-berg", "Berg", "said", D, 0},
			{"The figures appear to contradict the testimony", "", "the committee chairmen", "wrote", D, 1},
		},
	},
	{
		name: "a description of a couple is not the current speaker",
		body: "\"The harbour will open on Monday,\" Berg said.\n\n\"The figures appear to contradict the testimony,\" the couple wrote.",
		want: []wantQuote{
			{"The harbour will open on Monday", "tomas-berg", "Berg", "said", D, 0},
			{"The figures appear to contradict the testimony", "", "the couple", "wrote", D, 1},
		},
	},
	{
		name: "a singular description is the current speaker",
		body: "\"The harbour will open on Monday,\" Berg said.\n\n\"The figures appear to contradict the testimony,\" the committee chairman wrote.",
		want: []wantQuote{
			{"The harbour will open on Monday", "tomas-berg", "Berg", "said", D, 0},
			{"The figures appear to contradict the testimony", "tomas-berg", "the committee chairman", "wrote", D, 1},
		},
	},
	{
		name: "he told X after a sentence whose subject told X something is that subject",
		body: "\"We will open the harbour,\" Halvorsen said.\n\nAt the meeting, Tomas Berg told the minister that the nets were empty.\n\n\"The boats have been idle for a month,\" he told Halvorsen.",
		want: []wantQuote{
			{"We will open the harbour", "cres-halvorsen", "Halvorsen", "said", D, 0},
			{"the nets were empty", "tomas-berg", "Tomas Berg", "told", I, 1},
			{"The boats have been idle for a month", "tomas-berg", "he", "told", D, 2},
		},
	},
	{
		name: "he told X is not X: nobody else, unattributed",
		body: "\"We will open the harbour,\" Halvorsen said.\n\n\"The boats have been idle for a month,\" he told Halvorsen.",
		want: []wantQuote{
			{"We will open the harbour", "cres-halvorsen", "Halvorsen", "said", D, 0},
			{"The boats have been idle for a month", "", "he", "told", D, 1},
		},
	},
	{
		name: "a work noun before a quoted predicate is its subject, no title",
		body: `The ferry program "is gaining and has gained considerable traction recently," Kovač told reporters.`,
		want: []wantQuote{{"is gaining and has gained considerable traction recently", "anna-kovac", "Kovač", "told", D, 0}},
	},
	{
		name: "a work noun before a title stays a title",
		body: `The program "Harbour Lights Tonight" drew many viewers, Kovač told reporters.`,
		want: nil,
	},
	{
		name: "went on after a quotation: the speaker continued",
		body: "Kovač answered pointedly: \"It can happen at any age.\"\n\n\"You know, it happens, right?\" Berg went on, as if he did not hear her. \"But you have to fight back.\"",
		want: []wantQuote{
			{"It can happen at any age.", "anna-kovac", "Kovač", "answered", D, 0},
			{"You know, it happens, right?", "tomas-berg", "Berg", "went on", D, 1},
			{"But you have to fight back.", "tomas-berg", "Berg", "went on", D, 1},
		},
	},
	{
		name: "he went on after a quotation is left to the rules of he",
		body: "Kovač answered pointedly: \"It can happen at any age.\"\n\n\"You know, it happens, right?\" he went on.",
		want: []wantQuote{
			{"It can happen at any age.", "anna-kovac", "Kovač", "answered", D, 0},
			{"You know, it happens, right?", "anna-kovac", "Kovač", "answered", D, 1},
		},
	},
	{
		name: "after a closing question mark, a description and the name in apposition before the cue",
		body: "\"Is the harbour going to open at last? The minister should resign!\" the defence minister, Tomas Berg, tweeted Sunday after a long night of talks in Oslo.",
		want: []wantQuote{{"Is the harbour going to open at last? The minister should resign!", "tomas-berg", "Tomas Berg", "tweeted", D, 0}},
	},
	{
		name: "a description and a name in apposition before a cue with a clause of its own",
		body: "\"Is the harbour going to open at last? The minister should resign!\" the defence minister, Tomas Berg, tweeted that the talks had failed.",
		want: []wantQuote{{"Is the harbour going to open at last? The minister should resign!", "", "", "", D, 0}},
	},
	{
		name: "it after an organisation's quotation goes on with the organisation",
		body: "\"Mr. Berg never called anyone at the ministry before the sale,\" the Croatian Foreign Ministry wrote in its statement.\n\nIt added, \"We want no part in the listing on our web site.\"\n\n\"We want no part in the boats either,\" it said.",
		want: []wantQuote{
			{"Mr. Berg never called anyone at the ministry before the sale", "croatian-foreign-ministry", "the Croatian Foreign Ministry", "wrote", D, 0},
			{"We want no part in the listing on our web site.", "croatian-foreign-ministry", "It", "added", D, 1},
			{"We want no part in the boats either", "croatian-foreign-ministry", "it", "said", D, 2},
		},
	},
	{
		name: "it is no subject of reported speech",
		body: "\"The boats will stay in the harbour until spring,\" the Croatian Foreign Ministry said.\n\nIt said the boats were idle.",
		want: []wantQuote{
			{"The boats will stay in the harbour until spring", "croatian-foreign-ministry", "the Croatian Foreign Ministry", "said", D, 0},
		},
	},
	{
		name: "But opening the sentence after an attribution goes on with its speaker",
		body: "\"I do not think it is do or die for the harbour,\" Berg said outside the building. But \"the plan is stronger with the council behind it. It helps.\"",
		want: []wantQuote{
			{"I do not think it is do or die for the harbour", "tomas-berg", "Berg", "said", D, 0},
			{"the plan is stronger with the council behind it. It helps.", "tomas-berg", "Berg", "said", D, 0},
		},
	},
	{
		name: "But and more words before the quotation is a sentence of its own",
		body: "\"I do not think it is do or die for the harbour,\" Berg said outside the building. But critics called the plan \"a harbour for nobody at all.\"",
		want: []wantQuote{
			{"I do not think it is do or die for the harbour", "tomas-berg", "Berg", "said", D, 0},
			{"a harbour for nobody at all.", "", "", "", D, 0},
		},
	},
	{
		name: "a quotation inside its sentence, another after it, the name and the cue after the last comma",
		body: "Given the harbour's success, its support will carry \"a great deal of weight with the council\" and bring the fishermen the \"harbour firepower\" they need, HTC spokesman Tomas Berg said.",
		want: []wantQuote{
			{"a great deal of weight with the council", "tomas-berg", "Tomas Berg", "said", D, 0},
			{"harbour firepower", "tomas-berg", "Tomas Berg", "said", D, 0},
		},
	},
	{
		name: "a quotation after a verb of saying in its sentence is not the reporter's",
		body: "Kovač called the plan \"a great deal of weight on the council\" last week, ministry spokesman Tomas Berg said.",
		want: []wantQuote{{"a great deal of weight on the council", "anna-kovac", "Kovač", "called", D, 0}},
	},
	{
		name: "a person's words before a colon, then an organisation reported: the person's",
		body: "When asked about the harbour, Berg said: \"There will always be exceptions,\" the United Nations reported.",
		want: []wantQuote{{"There will always be exceptions", "tomas-berg", "Berg", "said", D, 0}},
	},
	{
		name: "a person's words before a colon, then an organisation said: the organisation's",
		body: "When asked about the harbour, Berg said: \"There will always be exceptions,\" the United Nations said.",
		want: []wantQuote{{"There will always be exceptions", "united-nations", "the United Nations", "said", D, 0}},
	},
	{
		name: "a relative clause ending with a place in apposition, then the cue",
		body: "Tomas Berg, who lives in a village outside of the capital, Oslo, said he still \"hopes that the harbour stays open all year.\"",
		want: []wantQuote{{"hopes that the harbour stays open all year.", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "a name, a relative clause and said he: the name's reported speech, no inverted cue",
		body: "\"The harbour will open in spring,\" Berg said.\n\nHalvorsen, who has already sent letters on Berg's behalf, said he also may visit the harbour.",
		want: []wantQuote{
			{"The harbour will open in spring", "tomas-berg", "Berg", "said", D, 0},
			{"he also may visit the harbour", "cres-halvorsen", "Halvorsen", "said", I, 1},
		},
	},
	{
		name: "a title-cased name between an article and a noun names a thing",
		body: "Kovač took the stage at a rally in June, a \"Talk Harbour to Me\" tote bag at her side, as hundreds cheered.",
		want: nil,
	},
	{
		name: "a title after a biography and a comma is no quotation",
		body: "Berg had hoped to republish his unauthorized Kovač biography, \"Lost Harbour: The Many Lives of Anna Kovač,\" with his first publisher.",
		want: nil,
	},
	{
		name: "a quotation, in and a few words, then he and the cue",
		body: "\"We will not give up,\" Kovač said on Monday.\n\nBerg, a onetime lawyer, later left the council. He married in Bergen last year.\n\n\"The politics are just so blatant\" in the council, he said in an interview.",
		want: []wantQuote{
			{"We will not give up", "anna-kovac", "Kovač", "said", D, 0},
			{"The politics are just so blatant", "tomas-berg", "he", "said", D, 2},
		},
	},
	{
		name: "a quotation, another phrase, then he and the cue",
		body: "\"We will not give up,\" Berg said on Monday.\n\n\"The politics are just so blatant\" before discussing the council, he said in an interview.",
		want: []wantQuote{
			{"We will not give up", "tomas-berg", "Berg", "said", D, 0},
			{"The politics are just so blatant", "tomas-berg", "Berg", "said", D, 1},
		},
	},
	{
		name: "went on to a place is no cue",
		body: "Kovač answered pointedly: \"It can happen at any age.\"\n\n\"You know, it happens, right?\" Berg went on to Oslo.",
		want: []wantQuote{
			{"It can happen at any age.", "anna-kovac", "Kovač", "answered", D, 0},
			{"You know, it happens, right?", "anna-kovac", "Kovač", "answered", D, 1},
		},
	},
	{
		name: "a possessor's title with a capitalised word inside, then the name in apposition",
		body: "Norway's Labour defence minister, Tomas Berg, vowed to go after \"anyone who harms our fishing fleet.\"",
		want: []wantQuote{{"anyone who harms our fishing fleet.", "tomas-berg", "Tomas Berg", "vowed", D, 0}},
	},
	{
		name: "a possessor's title and a name, then a description in apposition",
		body: "Norway's Labour defence minister Tomas Berg, a former pilot, vowed to go after \"anyone who harms our fishing fleet.\"",
		want: []wantQuote{{"anyone who harms our fishing fleet.", "tomas-berg", "Tomas Berg", "vowed", D, 0}},
	},
	{
		name: "two people joined by and, the second with a title, are nobody in particular",
		body: "\"We can only wonder if the plan is to close the port,\" Defence Minister Tomas Berg and Foreign Minister Anna Kovač said in a statement.",
		want: []wantQuote{{"We can only wonder if the plan is to close the port", "", "Defence Minister Tomas Berg and Foreign Minister Anna Kovač", "said", D, 0}},
	},
	{
		name: "a person's name, and, one capitalised word and a role word may be a firm's name: its analyst speaks",
		body: "\"The runup in fuel prices will be short-lived,\" said Tomas Berg and Halden analyst Anna Kovač.",
		want: []wantQuote{{"The runup in fuel prices will be short-lived", "anna-kovac", "Anna Kovač", "said", D, 0}},
	},
	{
		name: "a person's name, and, two capitalised words and a role word may be a firm's name: its analyst speaks",
		body: "\"The runup in fuel prices will be short-lived,\" said Tomas Berg and Halden Futures analyst Anna Kovač.",
		want: []wantQuote{{"The runup in fuel prices will be short-lived", "anna-kovac", "Anna Kovač", "said", D, 0}},
	},
	{
		name: "a wire dateline is no subject of reported speech",
		body: "ZAGREB, March 3 - The Harbour Safety Agency said it will close the port for two days.",
		want: []wantQuote{{"it will close the port for two days", "", "The Harbour Safety Agency", "said", I, 0}},
	},
	{
		name: "a wire dateline, then a name and a place in apposition, said",
		body: "ZAGREB, March 3 - Harbour Holdings, Norway, said it will close the port for two days.",
		want: []wantQuote{{"it will close the port for two days", "", "Harbour Holdings", "said", I, 0}},
	},
	{
		name: "a place's abbreviation and its full stop before the comma and the cue",
		body: "\"The port will close for the winter,\" Lena Ortiz of Allentown, Pa., said on Monday.",
		want: []wantQuote{{"The port will close for the winter", "lena-ortiz", "Lena Ortiz", "said", D, 0}},
	},
	{
		name: "a party and state tag with a full stop after the name",
		body: "\"Our assumption is that the port will close,\" Harbour Master Lena Ortiz, R-Ky., said Tuesday.",
		want: []wantQuote{{"Our assumption is that the port will close", "lena-ortiz", "Harbour Master Lena Ortiz", "said", D, 0}},
	},
	{
		name: "an appositive ending with a place and its abbreviated state",
		body: "\"The port will close for the winter,\" Lena Ortiz, a pilot in Allentown, Pa., said on Monday.",
		want: []wantQuote{{"The port will close for the winter", "lena-ortiz", "Lena Ortiz", "said", D, 0}},
	},
	{
		name: "an abbreviation ending a sentence still ends it",
		body: "\"The port will close for the winter,\" Lena Ortiz said in Allentown, Pa. Tomas Berg said nothing.",
		want: []wantQuote{{"The port will close for the winter", "lena-ortiz", "Lena Ortiz", "said", D, 0}},
	},
	{
		name: "a quoting verb and a name before a colon: the person quoted speaks",
		body: "In his book, Berg quotes former adviser Anna Kovač:\n\n\"I'd love the ferry owners to be worse off. You may say that is harsh.\"",
		want: []wantQuote{{"I'd love the ferry owners to be worse off. You may say that is harsh.", "anna-kovac", "Anna Kovač", "quotes", D, 1}},
	},
	{
		name: "quoted a name as saying, with a comma (found before the quoting verbs: unchanged)",
		body: "The radio quoted Foreign Minister Anna Kovač as saying, \"We will not leave this move unanswered.\"",
		want: []wantQuote{{"We will not leave this move unanswered.", "anna-kovac", "Anna Kovač", "as", D, 0}},
	},
	{
		name: "quoted a name, an appositive, as saying",
		body: "It quoted Tomas Berg, who returned on Sunday, as saying \"Norway will keep to its position on the quota.\"",
		want: []wantQuote{{"Norway will keep to its position on the quota.", "tomas-berg", "Tomas Berg", "quoted", D, 0}},
	},
	{
		name: "quoted a name, then another verb: the subject speaks",
		body: "Lena Ortiz quoted Tomas Berg, then told the council: \"Norway will keep to its position on the quota.\"",
		want: []wantQuote{{"Norway will keep to its position on the quota.", "lena-ortiz", "Lena Ortiz", "quoted", D, 0}},
	},
	{
		name: "cited a document before a colon: the subject speaks",
		body: "Lena Ortiz cited a report: \"Norway will keep to its position on the quota.\"",
		want: []wantQuote{{"Norway will keep to its position on the quota.", "lena-ortiz", "Lena Ortiz", "cited", D, 0}},
	},
	{
		name: "comments from a described name that: the name speaks",
		body: "The email appears to contradict 2013 comments from former Foreign Minister Anna Kovač that \"time, distance and the weather prevented a quicker response.\"",
		want: []wantQuote{{"time, distance and the weather prevented a quicker response.", "anna-kovac", "Anna Kovač", "comments", D, 0}},
	},
	{
		name: "remarks by a name that: the name speaks, the noun its cue",
		body: "The report contradicts remarks by Tomas Berg that \"the port was never at risk of closing.\"",
		want: []wantQuote{{"the port was never at risk of closing.", "tomas-berg", "Tomas Berg", "remarks", D, 0}},
	},
	{
		name: "a fronted time adverbial is no subject of a participle cue",
		body: "But a few days later, Tomas Berg reversed himself yet again, telling the radio that the port rules \"are set. And I think we have to leave it that way.\"",
		want: []wantQuote{{"are set. And I think we have to leave it that way.", "tomas-berg", "Tomas Berg", "telling", D, 0}},
	},
	{
		name: "a fronted time adverbial with ago, then the subject and two verbs",
		body: "Eight years ago, Tomas Berg backed the ferry plan and said, \"The harbour has never done anything for us.\"",
		want: []wantQuote{{"The harbour has never done anything for us.", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "a firm called so-and-so inside an appositive is no cue",
		body: "But Tomas Berg, at a consulting firm called Harbour Partners, argues that as the port's ties deepen, \"its political influence will inevitably strengthen,\" too.",
		want: []wantQuote{{"its political influence will inevitably strengthen", "tomas-berg", "Tomas Berg", "argues", D, 0}},
	},
	{
		name: "a relative clause with called (no name after it) inside an appositive: unchanged",
		body: "\"The port will stay open,\" Lena Ortiz said.\n\nTomas Berg, who called the plan a failure, warned that \"the harbour will not survive another winter.\"",
		want: []wantQuote{{"The port will stay open", "lena-ortiz", "Lena Ortiz", "said", D, 0}, {"the harbour will not survive another winter.", "tomas-berg", "Tomas Berg", "called", D, 1}},
	},
}
