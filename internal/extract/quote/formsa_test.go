package quote

// findFormsA is part 1 of 3 of the rows of TestFindQuotesForms (quote_test.go),
// in the order they were written, split by size.
var findFormsA = []findCase{
	{
		name: "after, straight quotes, name said",
		body: `Croatia's Foreign Minister Anna Kovač arrived in Oslo. "We will not retreat from the talks," Kovač said.`,
		want: []wantQuote{{"We will not retreat from the talks", "anna-kovac", "Kovač", "said", D, 0}},
	},
	{
		name: "after, curly quotes, inverted said X",
		body: "“Our position has not changed,” said Anna Kovač, who arrived on Monday.",
		want: []wantQuote{{"Our position has not changed", "anna-kovac", "Anna Kovač", "said", D, 0}},
	},
	{
		name: "after, appositive",
		body: `"Norway stands ready to help," Tomas Berg, the defence minister, said on Tuesday.`,
		want: []wantQuote{{"Norway stands ready to help", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "after, title and name, told reporters",
		body: `"The border will stay open," Defence Minister Tomas Berg of Norway told reporters in Bergen.`,
		want: []wantQuote{{"The border will stay open", "tomas-berg", "Tomas Berg", "told", D, 0}},
	},
	{
		name: "after, said in a statement, organisation",
		body: `"Croatia rejects the accusations entirely," the Croatian Foreign Ministry said in a statement.`,
		want: []wantQuote{{"Croatia rejects the accusations entirely", "croatian-foreign-ministry", "the Croatian Foreign Ministry", "said", D, 0}},
	},
	{
		name: "after, other cue verbs",
		body: `Anna Kovač met Tomas Berg in Oslo. "Nobody wants another winter of shortages," Kovač warned. "We have to talk about the pipeline first," Berg insisted. "Sanctions stay until then," Kovač stressed later.`,
		want: []wantQuote{
			{"Nobody wants another winter of shortages", "anna-kovac", "Kovač", "warned", D, 0},
			{"We have to talk about the pipeline first", "tomas-berg", "Berg", "insisted", D, 0},
			{"Sanctions stay until then", "anna-kovac", "Kovač", "stressed", D, 0},
		},
	},
	{
		name: "after, inverted, descriptors between affiliation and name",
		body: `"The harbour stays closed until Friday," said Oslo harbour master Tomas Berg.`,
		want: []wantQuote{{"The harbour stays closed until Friday", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "before, boasts that, partial",
		body: `The United Nations boasts that it is the "most trusted voice in the region" with millions of listeners.`,
		want: []wantQuote{{"most trusted voice in the region", "united-nations", "The United Nations", "boasts", D, 0}},
	},
	{
		name: "after, inverted, bragged",
		body: `"No harbour in Norway ever built ferries faster than ours," Tomas Berg bragged.`,
		want: []wantQuote{{"No harbour in Norway ever built ferries faster than ours", "tomas-berg", "Tomas Berg", "bragged", D, 0}},
	},
	{
		name: "after, inverted, the source after per is not the speaker",
		body: `"The ferries would run again if the fuel arrived" said Tomas Berg per Lena Ortiz.`,
		want: []wantQuote{{"The ferries would run again if the fuel arrived", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "after, inverted, the one cited is not the speaker",
		body: `"The ferries would run again by May," said Tomas Berg citing Lena Ortiz.`,
		want: []wantQuote{{"The ferries would run again by May", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "after, inverted, title and affiliation with a possessive",
		body: `"We measured it twice," said lead author Professor Lena Ortiz of the University of Zagreb's physics department.`,
		want: []wantQuote{{"We measured it twice", "lena-ortiz", "Lena Ortiz", "said", D, 0}},
	},
	{
		name: "before, According opening the sentence, descriptors before the name",
		body: `According to Zagreb University political scientist Anna Kovač, "nobody expected so many young voters."`,
		want: []wantQuote{{"nobody expected so many young voters.", "anna-kovac", "Anna Kovač", "according to", D, 0}},
	},
	{
		name: "before, relative clause after a name and its appositive",
		body: `The talks were led by Tomas Berg, a veteran negotiator at the United Nations, who said "Both sides want the ceasefire to hold."`,
		want: []wantQuote{{"Both sides want the ceasefire to hold.", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "before, appositive ending with a place",
		body: `Lena Ortiz, director of research at the University of Zagreb, Croatia, said, "The samples were far too small."`,
		want: []wantQuote{{"The samples were far too small.", "lena-ortiz", "Lena Ortiz", "said", D, 0}},
	},
	{
		name: "before, the author of a statement",
		body: `Anna Kovač criticised the decision. Kovač's statement added, "There is no reason to close the border this year."`,
		want: []wantQuote{{"There is no reason to close the border this year.", "anna-kovac", "Kovač's statement", "added", D, 0}},
	},
	{
		name: "before, an organisation's spokesman",
		body: `A Croatian Foreign Ministry spokesman said "The ambassador was called in this morning."`,
		want: []wantQuote{{"The ambassador was called in this morning.", "croatian-foreign-ministry", "Croatian Foreign Ministry", "said", D, 0}},
	},
	{
		name: "no cue, opening the sentence after reported speech",
		body: `As Berg told the Oslo Post, the pipeline has been shut since May. "Nobody in Bergen expects it to reopen before the winter."`,
		want: []wantQuote{
			{"the pipeline has been shut since May", "tomas-berg", "Berg", "told", I, 0},
			{"Nobody in Bergen expects it to reopen before the winter.", "tomas-berg", "Berg", "told", D, 0},
		},
	},
	{
		name: "pronoun, current speaker across a paragraph that opens with the pronoun",
		body: "\"We will not sign,\" Kovač said.\n\nShe appeared to suggest that Ortiz, a rival, could block the deal.\n\n\"Some people think the deal is already dead,\" she said.",
		want: []wantQuote{
			{"We will not sign", "anna-kovac", "Kovač", "said", D, 0},
			{"Some people think the deal is already dead", "anna-kovac", "she", "said", D, 2},
		},
	},
	{
		name: "after, reads a titled person's statement",
		body: `"The border stays open for trade," reads Minister Kovač's statement.`,
		want: []wantQuote{{"The border stays open for trade", "anna-kovac", "Minister Kovač's statement", "reads", D, 0}},
	},
	{
		name: "after, an organisation's press release, split quote",
		body: `"Berg was respected in every way," reads a UN press release, "a patient and careful negotiator."`,
		want: []wantQuote{
			{"Berg was respected in every way", "united-nations", "UN", "reads", D, 0},
			{"a patient and careful negotiator.", "united-nations", "UN", "reads", D, 0},
		},
	},
	{
		name: "after, possessor's partner named on a platform, next sentence continues",
		body: `"Heartbroken and numb," writes Berg's longtime colleague Lena Ortiz on Instagram. "I have lost a friend and a brother."`,
		want: []wantQuote{
			{"Heartbroken and numb", "lena-ortiz", "Lena Ortiz", "writes", D, 0},
			{"I have lost a friend and a brother.", "lena-ortiz", "Lena Ortiz", "writes", D, 0},
		},
	},
	{
		name: "after, inverted, addressee after to",
		body: `"We saw the whole thing from the porch," said Berg to Wikinews.`,
		want: []wantQuote{{"We saw the whole thing from the porch", "tomas-berg", "Berg", "said", D, 0}},
	},
	{
		name: "before, a relative named after a possessive",
		body: `Her husband Tomas Berg said "We thought the talks would go on forever."`,
		want: []wantQuote{{"We thought the talks would go on forever.", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "no cue, after an attribution ending with a participle phrase",
		body: `Lena Ortiz wrote of the envoy, "I noticed at once that he listened," recalling their first meeting. "He was calm and patient with everyone."`,
		want: []wantQuote{
			{"I noticed at once that he listened", "lena-ortiz", "Lena Ortiz", "wrote", D, 0},
			{"He was calm and patient with everyone.", "lena-ortiz", "Lena Ortiz", "wrote", D, 0},
		},
	},
	{
		name: "before, introduced at the end of the paragraph before (colon)",
		body: "At a press briefing, Croatian envoy Tomas Berg commented:\n\n\"[The ceasefire is] holding along most of the line, for now.\"",
		want: []wantQuote{{"[The ceasefire is] holding along most of the line, for now.", "tomas-berg", "Tomas Berg", "commented", D, 1}},
	},
	{
		name: "before, introduced at the end of the paragraph before (comma)",
		body: "According to Kovač, the envoy had been warned. Kovač stated,\n\n\"The envoy was told about the risks three times last year.\"",
		want: []wantQuote{
			{"the envoy had been warned", "anna-kovac", "Kovač", "according to", I, 0},
			{"The envoy was told about the risks three times last year.", "anna-kovac", "Kovač", "stated", D, 1},
		},
	},
	{
		name: "after, opines",
		body: `"The talks can still succeed," Berg opines, "if both sides stay at the table."`,
		want: []wantQuote{
			{"The talks can still succeed", "tomas-berg", "Berg", "opines", D, 0},
			{"if both sides stay at the table.", "tomas-berg", "Berg", "opines", D, 0},
		},
	},
	{
		name: "after, an unnamed official from a country names nobody",
		body: `"It was handled far too lightly," said a former U.S. law enforcement official who followed the case.`,
		want: []wantQuote{{"It was handled far too lightly", "", "a former U.S. law enforcement official", "said", D, 0}},
	},
	{
		name: "after, an indefinite spokeswoman right after an organisation",
		body: `The Croatian Foreign Ministry denied the report. "We never sent the letter," a spokeswoman said.`,
		want: []wantQuote{{"We never sent the letter", "croatian-foreign-ministry", "a spokeswoman", "said", D, 0}},
	},
	{
		name: "after, according to",
		body: `"The ceasefire is holding along most of the line," according to Tomas Berg.`,
		want: []wantQuote{{"The ceasefire is holding along most of the line", "tomas-berg", "Tomas Berg", "according to", D, 0}},
	},
	{
		name: "before, said colon",
		body: `Anna Kovač said: "Talks will resume in Geneva next week."`,
		want: []wantQuote{{"Talks will resume in Geneva next week.", "anna-kovac", "Anna Kovač", "said", D, 0}},
	},
	{
		name: "before, said comma",
		body: `Speaking in Zagreb, Kovač said, "We expect a reply from Moscow by Friday."`,
		want: []wantQuote{{"We expect a reply from Moscow by Friday.", "anna-kovac", "Kovač", "said", D, 0}},
	},
	{
		name: "split around attribution, new sentence",
		body: `"We will not retreat," Anna Kovač said. "Talks continue."`,
		want: []wantQuote{
			{"We will not retreat", "anna-kovac", "Anna Kovač", "said", D, 0},
			{"Talks continue.", "anna-kovac", "Anna Kovač", "said", D, 0},
		},
	},
	{
		name: "split around attribution, same sentence",
		body: `"We will not retreat," Anna Kovač said, "but talks continue."`,
		want: []wantQuote{
			{"We will not retreat", "anna-kovac", "Anna Kovač", "said", D, 0},
			{"but talks continue.", "anna-kovac", "Anna Kovač", "said", D, 0},
		},
	},
	{
		name: "quote spanning paragraphs",
		body: "Tomas Berg said: \"Norway will send two more frigates to the region.\n\n\"They will stay as long as they are needed.\"\n\nThe ships left port on Sunday.",
		want: []wantQuote{
			{"Norway will send two more frigates to the region.", "tomas-berg", "Tomas Berg", "said", D, 0},
			{"They will stay as long as they are needed.", "tomas-berg", "Tomas Berg", "said", D, 1},
		},
	},
	{
		name: "bare quote paragraph continues the speaker",
		body: "\"We are ready to sign,\" Anna Kovač said.\n\n\"The text has been agreed line by line.\"",
		want: []wantQuote{
			{"We are ready to sign", "anna-kovac", "Anna Kovač", "said", D, 0},
			{"The text has been agreed line by line.", "anna-kovac", "Anna Kovač", "said", D, 1},
		},
	},
	{
		name: "pronoun he",
		body: `Defence Minister Tomas Berg visited the base. "The readiness of our troops is high," he said.`,
		want: []wantQuote{{"The readiness of our troops is high", "tomas-berg", "he", "said", D, 0}},
	},
	{
		name: "pronoun she skips a man",
		body: `Anna Kovač met Tomas Berg. She said: "Our countries share the same goals."`,
		want: []wantQuote{{"Our countries share the same goals.", "anna-kovac", "She", "said", D, 0}},
	},
	{
		name: "description the minister",
		body: `Defence Minister Tomas Berg spoke after the meeting. "Nothing was decided today," the minister added.`,
		want: []wantQuote{{"Nothing was decided today", "tomas-berg", "the minister", "added", D, 0}},
	},
	{
		name: "description the ministry, after a mention",
		body: `The Croatian Foreign Ministry summoned the envoy. "The remarks were unacceptable," the ministry said.`,
		want: []wantQuote{{"The remarks were unacceptable", "croatian-foreign-ministry", "the ministry", "said", D, 0}},
	},
	{
		name: "a statement from the ministry",
		body: `The Croatian Foreign Ministry issued a note. A statement from the ministry said: "Croatia will not accept threats."`,
		want: []wantQuote{{"Croatia will not accept threats.", "croatian-foreign-ministry", "A statement from the ministry", "said", D, 0}},
	},
	{
		name: "social media, wrote on Twitter",
		body: `Anna Kovač wrote on Twitter: "Grateful to Norway for its support today."`,
		want: []wantQuote{{"Grateful to Norway for its support today.", "anna-kovac", "Anna Kovač", "wrote", D, 0}},
	},
	{
		name: "social media, tweeted without colon",
		body: `Tomas Berg tweeted "Our frigates are on their way to the Adriatic."`,
		want: []wantQuote{{"Our frigates are on their way to the Adriatic.", "tomas-berg", "Tomas Berg", "tweeted", D, 0}},
	},
	{
		name: "social media, handle as speaker",
		body: `@AnnaKovacHR posted: "Productive meeting with our Nordic partners."`,
		want: []wantQuote{{"Productive meeting with our Nordic partners.", "anna-kovac", "@AnnaKovacHR", "posted", D, 0}},
	},
	{
		name: "social media, embedded post with handle",
		body: `"Productive meeting with our Nordic partners in Oslo today." — Ministry of Foreign Affairs (@MVEP_hr) March 3, 2022`,
		want: []wantQuote{{"Productive meeting with our Nordic partners in Oslo today.", "croatian-foreign-ministry", "Ministry of Foreign Affairs", "posted", D, 0}},
	},
	{
		name: "as a name put it, in dashes",
		body: `Anna Kovač opened the talks. For four days, traffic at the border "slowed down to a crawl for every lorry" — as Kovač put it — before the gates were opened.`,
		want: []wantQuote{{"slowed down to a crawl for every lorry", "anna-kovac", "Kovač", "put", D, 0}},
	},
	{
		name: "as a name said, after a comma",
		body: `Anna Kovač opened the talks. The harbour was "open to every ship that flies a flag," as Kovač said on Tuesday.`,
		want: []wantQuote{{"open to every ship that flies a flag", "anna-kovac", "Kovač", "said", D, 0}},
	},
	{
		name: "as a name put something else is no aside",
		body: `Anna Kovač opened the talks. The harbour was "open to every ship that flies a flag" as Kovač put the fees up.`,
		want: []wantQuote{{"open to every ship that flies a flag", "", "", "", D, 0}},
	},
	{
		name: "scare quote without cue is not a quote",
		body: `Anna Kovač called for a "pragmatic dialogue" on energy.`,
		want: nil,
	},
	{
		name: "a relative clause with a passive cue inside the subject's appositive",
		body: `The council met on Monday. The statement, which was posted on Twitter, announced his death "with great sorrow to the nation and the world."`,
		want: []wantQuote{{"with great sorrow to the nation and the world.", "", "The statement", "announced", D, 0}},
	},
	{
		name: "a who clause with a passive cue still ends the appositive",
		body: `An aide to the minister Lena Ortiz, who is reported to oppose the plan, said it was "a step back for every ship in the harbour."`,
		want: []wantQuote{{"a step back for every ship in the harbour.", "", "", "", D, 0}},
	},
	{
		name: "a colon after a cue, then a sentence that called for something: the cue's speaker",
		body: `Anna Kovač said at a press conference: "The officers were seriously threatened. To save his life, he fired a shot." The United Nations has called for an inquiry into the shooting.`,
		want: []wantQuote{{"The officers were seriously threatened. To save his life, he fired a shot.", "anna-kovac", "Anna Kovač", "said", D, 0}},
	},
	{
		name: "a sentence that called on someone after a quotation is no attribution",
		body: `"The officers were seriously threatened. To save his life, he fired a shot." The United Nations called on the police to explain.`,
		want: []wantQuote{{"The officers were seriously threatened. To save his life, he fired a shot.", "", "", "", D, 0}},
	},
	{
		name: "called after a quotation, no particle, stays a cue",
		body: `"The officers were seriously threatened, and he fired a shot," the United Nations called out.`,
		want: []wantQuote{{"The officers were seriously threatened, and he fired a shot", "united-nations", "the United Nations", "called", D, 0}},
	},
	{
		name: "called on someone to, then the caller's words",
		body: `Anna Kovač called on drivers to "keep to the speed limits that save lives on these roads."`,
		want: []wantQuote{{"keep to the speed limits that save lives on these roads.", "anna-kovac", "Anna Kovač", "called", D, 0}},
	},
	{
		name: "called on someone not to, then the caller's words",
		body: `Anna Kovač called on the city's young voters not to "give in to fear or turn on one another."`,
		want: []wantQuote{{"give in to fear or turn on one another.", "anna-kovac", "Anna Kovač", "called", D, 0}},
	},
	{
		name: "short quote with a cue is a quote",
		body: `Tomas Berg said the plan was "unrealistic".`,
		want: []wantQuote{{"unrealistic", "tomas-berg", "Tomas Berg", "said", D, 0}},
	},
	{
		name: "title of a work is not a quote",
		body: `Kovač wrote a memoir titled "Bridges Over the Drava" in 2019.`,
		want: nil,
	},
	{
		name: "title-cased name without cue is not a quote",
		body: `The exercise, "Northern Shield Forty", ended on Friday.`,
		want: nil,
	},
	{
		name: "long unattributed quote keeps an empty speaker",
		body: `Posters in the square read "we will never forget the victims of the siege".`,
		want: []wantQuote{{"we will never forget the victims of the siege", "", "", "", D, 0}},
	},
	{
		name: "unknown speaker keeps the name as written but no id",
		body: `"The talks were useful," said Marko Horvat, a diplomat.`,
		want: []wantQuote{{"The talks were useful", "", "Marko Horvat", "said", D, 0}},
	},
	{
		name: "indirect, said that",
		body: `Anna Kovač said that Croatia would host the next round of talks.`,
		want: []wantQuote{{"Croatia would host the next round of talks", "anna-kovac", "Anna Kovač", "said", I, 0}},
	},
	{
		name: "indirect, said without that",
		body: `Tomas Berg said on Friday the frigates would leave port within days.`,
		want: []wantQuote{{"the frigates would leave port within days", "tomas-berg", "Tomas Berg", "said", I, 0}},
	},
	{
		name: "indirect, told reporters",
		body: `Kovač told reporters the embassy would stay open.`,
		want: []wantQuote{{"the embassy would stay open", "anna-kovac", "Kovač", "told", I, 0}},
	},
	{
		name: "indirect, according to at start",
		body: `According to Tomas Berg, two frigates have already left Bergen.`,
		want: []wantQuote{{"two frigates have already left Bergen", "tomas-berg", "Tomas Berg", "according to", I, 0}},
	},
	{
		name: "indirect, according to at end",
		body: `Two frigates have already left Bergen, according to the Croatian Foreign Ministry.`,
		want: []wantQuote{{"Two frigates have already left Bergen", "croatian-foreign-ministry", "the Croatian Foreign Ministry", "according to", I, 0}},
	},
	{
		name: "indirect, trailing attribution",
		body: `Croatia and Norway agreed to resume the talks, Foreign Minister Anna Kovač said.`,
		want: []wantQuote{{"Croatia and Norway agreed to resume the talks", "anna-kovac", "Anna Kovač", "said", I, 0}},
	},
	{
		name: "indirect, trailing inverted attribution",
		body: `The frigates will leave port within days, said Tomas Berg.`,
		want: []wantQuote{{"The frigates will leave port within days", "tomas-berg", "Tomas Berg", "said", I, 0}},
	},
	{
		name: "colon after a non-speech verb",
		body: `Tomas Berg reacted on Twitter: "This is a serious mistake by the government."`,
		want: []wantQuote{{"This is a serious mistake by the government.", "tomas-berg", "Tomas Berg", "reacted", D, 0}},
	},
	{
		name: "partial quote reported by a medium is the subject's",
		body: `Anna Kovač called the plan "a serious breach of the agreement," according to Reuters.`,
		want: []wantQuote{{"a serious breach of the agreement", "anna-kovac", "Anna Kovač", "called", D, 0}},
	},
	{
		name: "participle after a scene-setting preamble",
		body: `This Wednesday Defence Minister Tomas Berg stressed the role of the navy, saying "Our frigates will stay in the Adriatic."`,
		want: []wantQuote{{"Our frigates will stay in the Adriatic.", "tomas-berg", "Tomas Berg", "saying", D, 0}},
	},
	{
		name: "comma after a reaction verb with a full-sentence quote",
		body: `Anna Kovač, also on Twitter, defended the decision, "It was the only responsible choice we had."`,
		want: []wantQuote{{"It was the only responsible choice we had.", "anna-kovac", "Anna Kovač", "defended", D, 0}},
	},
	{
		name: "honorific and initial with periods",
		body: `"The frigates are ready," said Mr. Tomas J. Berg.`,
		want: []wantQuote{{"The frigates are ready", "tomas-berg", "Mr. Tomas J. Berg", "said", D, 0}},
	},
	{
		name: "two people together are no single speaker",
		body: `Anna Kovač and Tomas Berg said: "We agree on the route and on the timetable."`,
		want: []wantQuote{{"We agree on the route and on the timetable.", "", "Anna Kovač and Tomas Berg", "said", D, 0}},
	},
	{
		name: "an announced object is not reported speech",
		body: `Tomas Berg announced new sanctions against the shipping company on Friday.`,
		want: nil,
	},
	{
		name: "an unknown person's organisation does not speak for them",
		body: `"The talks were useful," said Marko Horvat of the Croatian Foreign Ministry.`,
		want: []wantQuote{{"The talks were useful", "", "Marko Horvat", "said", D, 0}},
	},
	{
		name: "title with an affiliation before the name",
		body: `Ambassador to the United Nations Tomas Berg wrote on Twitter, "We must always stand by our allies."`,
		want: []wantQuote{{"We must always stand by our allies.", "tomas-berg", "Tomas Berg", "wrote", D, 0}},
	},
}
