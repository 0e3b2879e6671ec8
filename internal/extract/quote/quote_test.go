package quote

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// wantQuote is the part of a Quote a table row asserts; offsets are checked
// by checkQuoteInvariants.
type wantQuote struct {
	text, speaker, written, cue, kind string
	para                              int
}

func (w wantQuote) String() string {
	return fmt.Sprintf("{%q speaker=%q written=%q cue=%q %s p%d}", w.text, w.speaker, w.written, w.cue, w.kind, w.para)
}

func gotQuote(q news.Quote) wantQuote {
	return wantQuote{q.Text, q.SpeakerID, q.SpeakerAsWritten, q.Cue, q.Kind, q.Paragraph}
}

const (
	D = news.KindDirect
	I = news.KindIndirect
)

// findCase is a row of the tables of Find: a body and the quotes it holds.
type findCase struct {
	name string
	body string
	want []wantQuote
}

// runFindCases runs Find with the test cast over each row and checks the
// invariants and the quotes found.
func runFindCases(t *testing.T, tests []findCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Find(tt.body, newFakeResolver(tt.body, testCast))
			checkQuoteInvariants(t, tt.body, got)
			var gw []wantQuote
			for _, q := range got {
				gw = append(gw, gotQuote(q))
			}
			if fmt.Sprint(gw) != fmt.Sprint(tt.want) {
				t.Errorf("body %q\n got %v\nwant %v", tt.body, gw, tt.want)
			}
		})
	}
}

func TestFindQuotesForms(t *testing.T) {
	tests := []findCase{
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
	}
	runFindCases(t, tests)
}

// checkQuoteInvariants asserts what must hold for any body: offsets in range
// and on rune boundaries, Text equal to the body slice, known kinds, paragraph
// indexes in order.
func checkQuoteInvariants(t *testing.T, body string, qs []news.Quote) {
	t.Helper()
	nPara := len(text.Paragraphs(body))
	for i, q := range qs {
		if q.Start < 0 || q.End > len(body) || q.Start >= q.End {
			t.Fatalf("quote %d: offsets [%d,%d) out of range for body of %d bytes", i, q.Start, q.End, len(body))
		}
		if !utf8.RuneStart(body[q.Start]) || q.End < len(body) && !utf8.RuneStart(body[q.End]) {
			t.Fatalf("quote %d: offsets [%d,%d) not on rune boundaries", i, q.Start, q.End)
		}
		if q.Text != body[q.Start:q.End] {
			t.Fatalf("quote %d: text %q != body[%d:%d] %q", i, q.Text, q.Start, q.End, body[q.Start:q.End])
		}
		if q.Kind != news.KindDirect && q.Kind != news.KindIndirect {
			t.Fatalf("quote %d: kind %q", i, q.Kind)
		}
		if q.Paragraph < 0 || q.Paragraph >= max(nPara, 1) {
			t.Fatalf("quote %d: paragraph %d of %d", i, q.Paragraph, nPara)
		}
		if q.SpeakerID != "" && q.SpeakerName == "" {
			t.Fatalf("quote %d: speaker id %q without a name", i, q.SpeakerID)
		}
		if i > 0 && q.Start < qs[i-1].Start {
			t.Fatalf("quote %d: not in body order", i)
		}
		if strings.TrimSpace(q.Text) != q.Text {
			t.Fatalf("quote %d: text %q has surrounding space", i, q.Text)
		}
	}
}

func TestQTokenizeDottedAbbreviations(t *testing.T) {
	body := "a former U.S. official and the E.U. envoy said."
	var got []string
	for _, x := range tokenize(body, 0, len(body), nil) {
		got = append(got, x.Raw)
	}
	want := "a former U.S. official and the E.U. envoy said ."
	if strings.Join(got, " ") != want {
		t.Errorf("tokens %q, want %q", strings.Join(got, " "), want)
	}
}
