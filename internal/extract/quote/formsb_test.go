package quote

// findFormsB is part 2 of 3 of the rows of TestFindQuotesForms (quote_test.go),
// in the order they were written, split by size.
var findFormsB = []findCase{
	{
		name: "manner adverb before the cue",
		body: `"That is an assessment for the voters," Tomas Berg cautiously said.`,
		want: []wantQuote{{"That is an assessment for the voters", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "a narrative clause with another verb is not reported speech",
		body: `Croatia and Norway agreed to resume the talks. Tomas Berg visited the port, met the harbour master and left for Oslo.`,
		want: nil,
	},
	{
		name: "a trailing clause with a verb that is not a speech verb",
		body: `The frigates left port within days, Tomas Berg confirmed the plan of a visit to Bergen. The ships were late, Anna Kovač arrived in Oslo.`,
		want: nil,
	},
	{
		name: "a narrative clause reported by a spokesman is reported speech",
		body: `A spokesman said Croatia and Norway agreed not to disclose the price of the gas.`,
		want: []wantQuote{{"Croatia and Norway agreed not to disclose the price of the gas", "", "A spokesman", "said", I, 0}},
	},
	{
		name: "she is the subject after a fronted phrase, not the last speaker",
		body: "\"We will not retreat from the talks,\" Anna Kovač said.\n\nWith the harbour closed for a week, Lena Ortiz waited at the gate. \"I'll put it this way,\" she said. \"Nobody told us anything about the closure.\"",
		want: []wantQuote{
			{"We will not retreat from the talks", "anna-kovac", "Anna Kovač", "said", D, 0},
			{"I'll put it this way", "lena-ortiz", "she", "said", D, 1},
			{"Nobody told us anything about the closure.", "lena-ortiz", "she", "said", D, 1},
		},
	},
	{
		name: "an organisation's title in apposition before the name",
		body: `"She was the finest negotiator of her generation," said the United Nations' chief of protocol, Lena Ortiz.`,
		want: []wantQuote{{"She was the finest negotiator of her generation", "lena-ortiz", "Lena Ortiz", "said", D, 0}},
	},
	{
		name: "a title-cased work after a possessive is not a quote",
		body: `According to Tomas Berg's "The Harbour Masters: Ships, Storms and the Men Who Kept the Port Open" and other sources, the port closed twice.`,
		want: nil,
	},
	{
		name: "a title-cased event name after its noun is not a quote",
		body: `Tomas Berg says his event, "March Across the Bridge, They Cannot Stop All of Us", was posted as a joke.`,
		want: nil,
	},
	{
		name: "a name, then the body it speaks for",
		body: `"The harbour stays closed until the ice is gone," said Lena Ortiz for Norway Ports Authority.`,
		want: []wantQuote{{"The harbour stays closed until the ice is gone", "lena-ortiz", "Lena Ortiz", "said", D, 0}},
	},
	{
		name: "an organisation named with for stays whole",
		body: `"The harbour stays closed until the ice is gone," said Sailors for Open Ports.`,
		want: []wantQuote{{"The harbour stays closed until the ice is gone", "", "Sailors for Open Ports", "said", D, 0}},
	},
	{
		name: "part of a possessed statement reads",
		body: `Foreign Minister Anna Kovač spoke in Zagreb. Part of the minister's statement reads "the harbour will stay closed until the ice has gone from the river."`,
		want: []wantQuote{{"the harbour will stay closed until the ice has gone from the river.", "anna-kovac", "the minister", "statement", D, 0}},
	},
	{
		name: "part of a name's tweet included the statement",
		body: `Anna Kovač wrote about the closure. Part of Kovač's tweet included the statement, "when the ice goes, the ships go back to sea."`,
		want: []wantQuote{{"when the ice goes, the ships go back to sea.", "anna-kovac", "Kovač's", "statement", D, 0}},
	},
	{
		name: "its statement also read",
		body: `"We have not been consulted," the Croatian Foreign Ministry said on Monday, after a meeting with the United Nations. Its statement also read "the talks will resume in Geneva next month."`,
		want: []wantQuote{
			{"We have not been consulted", "croatian-foreign-ministry", "the Croatian Foreign Ministry", "said", D, 0},
			{"the talks will resume in Geneva next month.", "croatian-foreign-ministry", "Its", "statement", D, 0},
		},
	},
	{
		name: "participle cue after a fronted prepositional phrase",
		body: `In the filing itself Tomas Berg also made this point, writing "We have told every agency involved about the delay."`,
		want: []wantQuote{{"We have told every agency involved about the delay.", "tomas-berg", "Tomas Berg", "writing", D, 0}},
	},
	{
		name: "a long description, the name in apposition, told with a colon",
		body: `The Norwegian delegate to the United Nations Security Council, Tomas Berg, told the press: "Because the harbour is ours, the ruling is a surprise."`,
		want: []wantQuote{{"Because the harbour is ours, the ruling is a surprise.", "tomas-berg", "Tomas Berg", "told", D, 0}},
	},
	{
		name: "she does not go on with a speaker called he",
		body: "\"We found the error in the first batch,\" Cres Halvorsen said. \"It was there all along,\" he said.\n\nThe agency is reviewing the rules. \"It will take time to get right,\" she said.",
		want: []wantQuote{
			{"We found the error in the first batch", "cres-halvorsen", "Cres Halvorsen", "said", D, 0},
			{"It was there all along", "cres-halvorsen", "he", "said", D, 0},
			{"It will take time to get right", "", "she", "said", D, 1},
		},
	},
	{
		name: "she after a name in apposition that opened a sentence",
		body: "\"We will win the vote in the spring,\" Anna Kovač said.\n\nAnother candidate, Lena Ortiz, spoke after her. When the count came, \"I swear to you, I was speechless,\" she told the crowd.",
		want: []wantQuote{
			{"We will win the vote in the spring", "anna-kovac", "Anna Kovač", "said", D, 0},
			{"I swear to you, I was speechless", "lena-ortiz", "she", "told", D, 1},
		},
	},
	{
		name: "in the words of a description and its name",
		body: `The harbour froze in January and, in the words of the defence minister, Tomas Berg, "the fleet spent a month waiting for the ice to break."`,
		want: []wantQuote{{"the fleet spent a month waiting for the ice to break.", "tomas-berg", "Tomas Berg", "in the words of", D, 0}},
	},
	{
		name: "In the words of opening the sentence",
		body: `In the words of Anna Kovač, "nobody in Zagreb wanted this winter to last."`,
		want: []wantQuote{{"nobody in Zagreb wanted this winter to last.", "anna-kovac", "Anna Kovač", "in the words of", D, 0}},
	},
	{
		name: "a colon after a reaction verb, an affiliation with a place",
		body: `Lena Ortiz of the University of Zagreb, Croatia disagreed with these findings: "The harbour was never closed for more than a week."`,
		want: []wantQuote{{"The harbour was never closed for more than a week.", "lena-ortiz", "Lena Ortiz", "disagreed", D, 0}},
	},
	{
		name: "they released a statement, the organisation subject of the sentence before",
		body: `The United Nations also criticized the move. They released a statement which said, "The harbour must stay open to every ship."`,
		want: []wantQuote{{"The harbour must stay open to every ship.", "united-nations", "They", "statement", D, 0}},
	},
	{
		name: "an organisation's possessed analysis concluded",
		body: `The United Nations' recent analysis of its own shipping statistics concluded, "Usually the harbour is the second busiest on the coast."`,
		want: []wantQuote{{"Usually the harbour is the second busiest on the coast.", "united-nations", "United Nations", "statement", D, 0}},
	},
	{
		name: "an organisation's website said, colon",
		body: `The UN's website said: "No remedy is known to cure the disease."`,
		want: []wantQuote{{"No remedy is known to cure the disease.", "united-nations", "The UN's website", "said", D, 0}},
	},
	{
		name: "a possessed notice with a lower-case modifier claimed",
		body: `Citing the test, the UN's take-down notice claimed "the code was designed to get around the filter".`,
		want: []wantQuote{{"the code was designed to get around the filter", "united-nations", "the UN's take-down notice", "claimed", D, 0}},
	},
	{
		name: "a possessed notice with a capitalised modifier alleged",
		body: `The UN's DMCA notice alleged the purpose of the script was to "circumvent the measures used by streaming services".`,
		want: []wantQuote{{"circumvent the measures used by streaming services", "united-nations", "The UN's DMCA notice", "alleged", D, 0}},
	},
	{
		name: "a description, then a name with lower-case descriptors in apposition",
		body: `The study's lead author, doctoral candidate Lena Ortiz, said, "We looked at the emissions of every harbour."`,
		want: []wantQuote{{"We looked at the emissions of every harbour.", "lena-ortiz", "Lena Ortiz", "said", D, 0}},
	},
	{
		name: "descriptors joined by and before the name in apposition",
		body: `Another co-author, civil and environmental engineering professor Tomas Berg, said, "The results can help local governments decide."`,
		want: []wantQuote{{"The results can help local governments decide.", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "a participle before a name is no apposition",
		body: `Anna Kovač arrived in Oslo. The minister, contradicting Berg, said, "The frigates will arrive on time this year."`,
		want: []wantQuote{{"The frigates will arrive on time this year.", "anna-kovac", "The minister", "said", D, 0}},
	},
	{
		name: "described by an organisation as, the subject described",
		body: `Tomas Berg was described by the United Nations as "a strong advocate for the harbour and its workers."`,
		want: []wantQuote{{"a strong advocate for the harbour and its workers.", "united-nations", "the United Nations", "described", D, 0}},
	},
	{
		name: "X described Y as: the phrase does not run on over the verb to Y",
		body: `Tomas Berg was named head of the harbour board on Monday. The Berg campaign described Halvorsen as "just another tired, Oslo insider who never once worked on the docks".`,
		want: []wantQuote{{"just another tired, Oslo insider who never once worked on the docks", "", "", "", D, 0}},
	},
	{
		name: "the statement said, its issuer named in the sentence before",
		body: `The Croatian Foreign Ministry released a statement on Monday. "The ferries will run again once the ice has gone," the statement said.`,
		want: []wantQuote{{"The ferries will run again once the ice has gone", "croatian-foreign-ministry", "the statement", "said", D, 0}},
	},
	{
		name: "the report said, a report issued by a person",
		body: `A report issued by Anna Kovač in March counted the closed harbours. "Half of the ports lost their ferries," the report said.`,
		want: []wantQuote{{"Half of the ports lost their ferries", "anna-kovac", "the report", "said", D, 0}},
	},
	{
		name: "the report said, a report only praised by a person before",
		body: `Anna Kovač praised a report on the harbours. "Half of the ports lost their ferries," the report said.`,
		want: []wantQuote{{"Half of the ports lost their ferries", "", "the report", "said", D, 0}},
	},
	{
		name: "the report said, the person before issued another document",
		body: `Anna Kovač issued a statement on the harbours. "Half of the ports lost their ferries," the report said.`,
		want: []wantQuote{{"Half of the ports lost their ferries", "", "the report", "said", D, 0}},
	},
	{
		name: "described by an unknown name as",
		body: `The ship's signal showed a pattern described by Harbour Bulletin as "rather hectic and kind of confused".`,
		want: []wantQuote{{"rather hectic and kind of confused", "", "Harbour Bulletin", "described", D, 0}},
	},
	{
		name: "which an organisation describes as: the organisation's words, not the subject's",
		body: `The ferry law brings the port under a legal system, which the United Nations describes as "marred by delays, lost papers and endless appeals."`,
		want: []wantQuote{{"marred by delays, lost papers and endless appeals.", "united-nations", "United Nations", "describes", D, 0}},
	},
	{
		name: "which a person called: words, no title",
		body: `Tomas Berg wrote the novel Ice, which Anna Kovač called "the coldest book ever written by a sailor."`,
		want: []wantQuote{{"the coldest book ever written by a sailor.", "anna-kovac", "Anna Kovač", "called", D, 0}},
	},
	{
		name: "which a person called, title-cased: a name",
		body: `Tomas Berg sailed the old ship, which Anna Kovač called "The Big Blue Whale of Oslo."`,
		want: nil,
	},
	{
		name: "a title-cased span inside a sentence with no cue is a name, not the subject's words",
		body: `Tomas Berg retired in May. He received the "Hero of the Harbour Guild", the town's highest honour, in 1990.`,
		want: nil,
	},
	{
		name: "a lower-case span inside a sentence with no cue stays the subject's",
		body: `Tomas Berg rails against the "great wall of harbour fees" every week.`,
		want: []wantQuote{{"great wall of harbour fees", "tomas-berg", "Tomas Berg", "rails", D, 0}},
	},
	{
		name: "post-nominal letters after the name",
		body: `Prosecutor Lena Ortiz QC said the victims were "ripe and vulnerable to manipulation".`,
		want: []wantQuote{{"ripe and vulnerable to manipulation", "lena-ortiz", "Lena Ortiz", "said", D, 0}},
	},
	{
		name: "a new sentence whose cue posts a thing is no attribution of the quote before it",
		body: `Lena Ortiz tweeted that Kovač "was a warm and gentle soul." Tomas Berg, known for his harbour podcast, posted a video about her.`,
		want: []wantQuote{{"was a warm and gentle soul.", "lena-ortiz", "Lena Ortiz", "tweeted", D, 0}},
	},
	{
		name: "a new sentence whose cue confirms a thing is no attribution of the quote before it",
		body: `Anna Kovač spoke in Oslo, calling the plan "a serious threat to the harbour." Tomas Berg confirmed the plan on Friday.`,
		want: []wantQuote{{"a serious threat to the harbour.", "anna-kovac", "Anna Kovač", "calling", D, 0}},
	},
	{
		name: "a name as the object of a verb, then and said: the subject speaks",
		body: `Anna Kovač commended Berg for his work in the harbour and said she was "proud to endorse the plan for the harbour."`,
		want: []wantQuote{{"proud to endorse the plan for the harbour.", "anna-kovac", "Anna Kovač", "said", D, 0}},
	},
	{
		name: "a quote going on after an attribution with the work it was said in",
		body: `"I have the reputation of being good," Kovač said in her autobiography, "so I am afraid it is going to shock some people."`,
		want: []wantQuote{
			{"I have the reputation of being good", "anna-kovac", "Kovač", "said", D, 0},
			{"so I am afraid it is going to shock some people.", "anna-kovac", "Kovač", "said", D, 0},
		},
	},
	{
		name: "the title of the work after an attribution is no quote",
		body: `The harbour closed in 1959, Kovač wrote in her memoir, "Tough Choices." So they stayed.`,
		want: nil,
	},
	{
		name: "a name right before who said, without a comma",
		body: `The bill was drafted by Lena Ortiz who said on the parliament floor, "It follows decades of work from campaigners."`,
		want: []wantQuote{{"It follows decades of work from campaigners.", "lena-ortiz", "Lena Ortiz", "said", D, 0}},
	},
	{
		name: "an affiliation ending with lower-case words before the cue",
		body: `"Bringing the ships back here is going to heal us," Lena Ortiz of the Croatian Foreign Ministry historic preservation office told those gathered.`,
		want: []wantQuote{{"Bringing the ships back here is going to heal us", "lena-ortiz", "Lena Ortiz", "told", D, 0}},
	},
	{
		name: "he after a subject opening its sentence after a fronted amidst phrase",
		body: `Tomas Berg spoke first. Amidst the bustle of the fair, Cres Halvorsen was working on a sculpt. After the fair, he told reporters that "it can be tough to focus with so many people streaming past."`,
		want: []wantQuote{{"it can be tough to focus with so many people streaming past.", "cres-halvorsen", "he", "told", D, 0}},
	},
	{
		name: "participle stating takes the sentence subject",
		body: `Tomas Berg praised the endorsement on Twitter, stating he was "proud to have the fiercest of partners" on his side.`,
		want: []wantQuote{{"proud to have the fiercest of partners", "tomas-berg", "Tomas Berg", "stating", D, 0}},
	},
	{
		name: "participle screaming takes the sentence subject",
		body: `Anna Kovač held her first rally in Split, where she spoke about the war, screaming "we will never give up the harbour!"`,
		want: []wantQuote{{"we will never give up the harbour!", "anna-kovac", "Anna Kovač", "screaming", D, 0}},
	},
	{
		name: "a capitalised descriptor and an agent noun before the subject's name, colon",
		body: `Fashion designer Lena Ortiz described the harbour to the BBC in 2002: "The harbour was the city. It was everything that was wonderful about it."`,
		want: []wantQuote{{"The harbour was the city. It was everything that was wonderful about it.", "lena-ortiz", "Lena Ortiz", "described", D, 0}},
	},
	{
		name: "a subject, a verb and an object name, colon: the subject speaks",
		body: `Tomas Berg criticized Kovač on Tuesday in Oslo: "The harbour was never closed for more than a week."`,
		want: []wantQuote{{"The harbour was never closed for more than a week.", "tomas-berg", "Tomas Berg", "criticized", D, 0}},
	},
	{
		name: "a quotation after reported speech, the previous quote paragraphs back",
		body: "\"Once I reached the boat, I knew I had done most of the work,\" Berg told reporters.\n\nStrong winds presented difficulty during the crossing, Kovač said, adding it required much endurance. \"It is an exercise for the thighs, so it burns.\"",
		want: []wantQuote{
			{"Once I reached the boat, I knew I had done most of the work", "tomas-berg", "Berg", "told", D, 0},
			{"Strong winds presented difficulty during the crossing", "anna-kovac", "Kovač", "said", I, 1},
			{"It is an exercise for the thighs, so it burns.", "anna-kovac", "Kovač", "said", D, 1},
		},
	},
	{
		name: "declares in the present, the name with an age and a long appositive",
		body: `"I am a voter," declares Lena Ortiz, 27, a veteran attending school in Zagreb who was among those polled. "If I have a view on something, I say it."`,
		want: []wantQuote{
			{"I am a voter", "lena-ortiz", "Lena Ortiz", "declares", D, 0},
			{"If I have a view on something, I say it.", "lena-ortiz", "Lena Ortiz", "declares", D, 0},
		},
	},
	{
		name: "passive is not a cue",
		body: `Tomas Berg was told the frigates would be late.`,
		want: nil,
	},
	{
		name: "paragraph index with soft breaks and blank lines",
		body: "First paragraph.\nStill first.\n\n\n\nSecond paragraph.\n\n\"Norway will not be intimidated by anyone,\" Tomas Berg said.",
		want: []wantQuote{{"Norway will not be intimidated by anyone", "tomas-berg", "Tomas Berg", "said", D, 2}},
	},
	{
		name: "participle cue takes the sentence subject",
		body: `Anna Kovač thanked Norway, saying "our partnership has never been stronger."`,
		want: []wantQuote{{"our partnership has never been stronger.", "anna-kovac", "Anna Kovač", "saying", D, 0}},
	},
	{
		name: "a name right before the verb after a description and its appositive",
		body: `His deputy, and a member of the Labour Party, Tomas Berg wrote, "We will not leave the coalition now."`,
		want: []wantQuote{{"We will not leave the coalition now.", "tomas-berg", "Tomas Berg", "wrote", D, 0}},
	},
	{
		name: "a place with its comma after the affiliation stays a place",
		body: `"We will not leave the coalition now," Tomas Berg, a lecturer at the University of Oslo, Blindern, said.`,
		want: []wantQuote{{"We will not leave the coalition now", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "one capitalised word before the verb after a description is a place",
		body: `The delegation's leader, a lecturer at the University of Oslo, Blindern wrote, "We will not leave the coalition now."`,
		want: []wantQuote{{"We will not leave the coalition now.", "", "The delegation's leader", "wrote", D, 0}},
	},
	{
		name: "she after a sentence sourced according to a person",
		body: "\"We held the line,\" Kovač said.\n\nTurnout was the key factor according to Ortiz. \"The campaign got better at the end,\" she said.",
		want: []wantQuote{
			{"We held the line", "anna-kovac", "Kovač", "said", D, 0},
			{"The campaign got better at the end", "lena-ortiz", "she", "said", D, 1},
		},
	},
	{
		name: "he after a title run whose first name only modifies it",
		body: "\"We held the line,\" Berg said.\n\nFormer Berg adviser and retired general Cres Halvorsen was on stage while Berg spoke. It was the first speech Halvorsen made since the pardon. He said \"That was a fine day for all of us here.\"",
		want: []wantQuote{
			{"We held the line", "tomas-berg", "Berg", "said", D, 0},
			{"That was a fine day for all of us here.", "cres-halvorsen", "He", "said", D, 1},
		},
	},
	{
		name: "a name before an adverb is still the subject",
		body: "\"We held the line,\" Kovač said.\n\nBerg later joined Halvorsen on stage. \"That was a fine day for all of us,\" he said.",
		want: []wantQuote{
			{"We held the line", "anna-kovac", "Kovač", "said", D, 0},
			{"That was a fine day for all of us", "tomas-berg", "he", "said", D, 1},
		},
	},
	{
		name: "he after a sentence about someone unnamed stays unresolved",
		body: "\"We held the line,\" Berg said.\n\nOne of the soldiers asked not to be named. \"The order came far too late for all of us,\" he said.",
		want: []wantQuote{
			{"We held the line", "tomas-berg", "Berg", "said", D, 0},
			{"The order came far too late for all of us", "", "he", "said", D, 1},
		},
	},
	{
		name: "he after a sentence whose main clause has an unnamed questioner stays unresolved",
		body: "\"We held the line,\" Berg said.\n\nWhen a caller asked about the ferry, the questioner quickly changed the subject. \"That is not a question for today,\" he said.",
		want: []wantQuote{
			{"We held the line", "tomas-berg", "Berg", "said", D, 0},
			{"That is not a question for today", "", "he", "said", D, 1},
		},
	},
	{
		name: "he after a sentence opening with the and a person noun stays unresolved",
		body: "\"We held the line,\" Berg said.\n\nThe driver of the last truck stopped at the gate. \"That is not a question for today,\" he said.",
		want: []wantQuote{
			{"We held the line", "tomas-berg", "Berg", "said", D, 0},
			{"That is not a question for today", "", "he", "said", D, 1},
		},
	},
	{
		name: "he after a sentence opening with the and a role word keeps the current speaker",
		body: "\"We held the line,\" Berg said.\n\nThe minister stopped at the gate. \"That is not a question for today,\" he said.",
		want: []wantQuote{
			{"We held the line", "tomas-berg", "Berg", "said", D, 0},
			{"That is not a question for today", "tomas-berg", "he", "said", D, 1},
		},
	},
	{
		name: "he after a sentence about a thing keeps the current speaker",
		body: "\"We held the line,\" Berg said.\n\nA floor vote could prolong the session. \"The order came far too late for all of us,\" he said.",
		want: []wantQuote{
			{"We held the line", "tomas-berg", "Berg", "said", D, 0},
			{"The order came far too late for all of us", "tomas-berg", "he", "said", D, 1},
		},
	},
	{
		name: "she after a sentence about an unnamed man keeps the current speaker",
		body: "\"We held the line,\" Kovač said.\n\nA man in the crowd shouted at the stage. \"The order came far too late for all of us,\" she said.",
		want: []wantQuote{
			{"We held the line", "anna-kovac", "Kovač", "said", D, 0},
			{"The order came far too late for all of us", "anna-kovac", "she", "said", D, 1},
		},
	},
	{
		name: "he after the subject of a participle clause with with",
		body: "\"We held the line,\" Berg said.\n\nHalvorsen and Berg both blamed the weather, with Halvorsen describing the storm as the worst in years. \"The radar had been switched off for hours,\" he said.",
		want: []wantQuote{
			{"We held the line", "tomas-berg", "Berg", "said", D, 0},
			{"The radar had been switched off for hours", "cres-halvorsen", "he", "said", D, 1},
		},
	},
	{
		name: "she after a reported sentence fronted by a clause about another woman",
		body: "\"We held the line,\" said Ms. Kovač.\n\nThough Ms. Ortiz has lived in Oslo for years, the new rules have made the move much harder, she said.\n\n\"The ferry has been cancelled twice this month,\" she said.",
		want: []wantQuote{
			{"We held the line", "anna-kovac", "Ms. Kovač", "said", D, 0},
			{"Though Ms. Ortiz has lived in Oslo for years, the new rules have made the move much harder", "lena-ortiz", "she", "said", I, 1},
			{"The ferry has been cancelled twice this month", "lena-ortiz", "she", "said", D, 2},
		},
	},
	{
		name: "a fronted clause about a man is not she",
		body: "\"We held the line,\" said Ms. Kovač.\n\nThough Mr. Berg has lived in Oslo for years, the new rules have made the move much harder, she said.\n\n\"The ferry has been cancelled twice this month,\" she said.",
		want: []wantQuote{
			{"We held the line", "anna-kovac", "Ms. Kovač", "said", D, 0},
			{"Though Mr. Berg has lived in Oslo for years, the new rules have made the move much harder", "anna-kovac", "she", "said", I, 1},
			{"The ferry has been cancelled twice this month", "anna-kovac", "she", "said", D, 2},
		},
	},
}
