package extract

// Speakers of quotations as the whole extractor resolves them: one form
// per row (see testdata/EVAL.md for the rounds that added them).

import (
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestQuoteSpeakerForms checks speakers that depend on how the entity
// recogniser reads the names around a quote (package quote's tables use a
// fixed cast instead): the direct quote's speaker id. A titled surname one
// or two letters off a person named in full is that person (articles
// misspell names they spelt right before); a short or unrelated surname
// stays its own person.
func TestQuoteSpeakerForms(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name, body, want string
	}{
		{"misspelt surname: two edits, honorific", "Ports spokeswoman Marta Lindqvist said the harbour was closed.\n\n\"We will reopen it when the ice is gone,\" Ms Lindquvist said.", "marta-lindqvist"},
		{"misspelt surname: three edits is another person", "Ports spokeswoman Marta Lindqvist said the harbour was closed.\n\n\"We will reopen it when the ice is gone,\" Ms Lindgren said.", "lindgren"},
		{"misspelt surname: a known given name two edits away is another person", "Captain Martin spoke on Sunday. The columnist Piotr Martinek wrote on Friday that the harbour was closed.\n\n\"We will reopen it when the ice is gone,\" Martin said.", "martin"},
		{"misspelt surname: a known given name one edit away is the person", "Analyst Tomas Gaspar said the harbour was closed.\n\n\"We will reopen it when the ice is gone,\" Gasper said.", "tomas-gaspar"},
		{"misspelt surname: another first letter is another person", "Ports spokeswoman Marta Lindqvist said the harbour was closed.\n\n\"We will reopen it when the ice is gone,\" Ms Kindqvist said.", "kindqvist"},
		{"a given name the English lists call female but news uses for men (given-names-news.tsv)", "Former Foreign Minister Philippe Varga spoke to the council on Monday. Commissioner Tomas Holm listened.\n\nVarga said the ferry scandal was only the latest issue in her political career, after Senator Marta Lind backed the plan.\n\n\"Over the years, the senator has done a lot of things to show why the port needs a new plan,\" he said.", "philippe-varga"},
		{"the Arabic given name Adel, female in the English lists, is a man's (given-names-news.tsv)", "Former Foreign Minister Adel Varga spoke to the council on Monday. Commissioner Tomas Holm listened.\n\nVarga said the ferry scandal was only the latest issue in her political career, after Senator Marta Lind backed the plan.\n\n\"Over the years, the senator has done a lot of things to show why the port needs a new plan,\" he said.", "adel-varga"},
		{"a given name's gender counts over a possessive pronoun after the name, which is someone else's", "Former Foreign Minister Daniel Varga spoke to the council on Monday. Commissioner Tomas Holm listened.\n\nVarga said the ferry scandal was only the latest issue in her political career, after Senator Marta Lind backed the plan.\n\n\"Over the years, the senator has done a lot of things to show why the port needs a new plan,\" he said.", "daniel-varga"},
		{"a surname-first name with a hyphenated given name takes no gender from its first word", "Trade Minister Park Min-jae spoke to the council on Monday.\n\nPark said the ferry would run, and that she had the money for it.\n\n\"We will keep the boats running all winter,\" she said.", "park-min-jae"},
		{"first surname of a Spanish name", "Ricardo Rosselló Nevares announced his resignation.\n\nIn his speech, Rosselló said, \"Today I feel that to continue in this position is a difficulty.\"", "ricardo-rossello-nevares"},
		{"a given name and a surname before of, then the surname", "Doug Miller of Milltech Marine, a firm specialising in tracking, told our correspondent a transponder will broadcast.\n\nMiller said \"It is a little hard to definitively say what is going on\".", "doug-miller"},
		{"letters after the name", "Prosecutor Kama Melly QC said the victims were \"ripe and vulnerable to manipulation\".", "kama-melly"},
		{"a profession as a title, then the description", "Actress Mira Lund is set to appear in the final season. The actress recalled her season on the show, when they were the \"scrappy little stepchild of the lot.\"", "mira-lund"},
		{"a possessive inside an organisation's name", "Roads were closed overnight. The Hollis County Sheriff's Office tweeted the response \"we need every deputy on the road tonight.\"", "hollis-county-sheriffs-office"},
		{"a zero-width joiner before a possessive, then a name in apposition", "The ferry sank on Monday. Local paper Harbour News\u200d's editor, Marta Lindqvist, said she felt the verdict might bring \"some comfort to the families of the crew,\" but would not say more.", "marta-lindqvist"},
		{"a country's possessive before a person's name", "Roads were closed overnight. Norway's Lena Dahlberg tweeted the response \"we need every deputy on the road tonight.\"", "lena-dahlberg"},
		{"a possessive description of an organisation named in full", "The Mira Lund Animal Foundation was set up in 1978. Actor Mira Lund died on Monday.\n\nLund's animal foundation said she had been in \"excellent physical health for her age\" until March.", "mira-lund-animal-foundation"},
		{"a possessive description no organisation's name holds", "The Mira Lund Animal Foundation was set up in 1978. Actor Mira Lund died on Monday.\n\nLund's charity foundation said she had been in \"excellent physical health for her age\" until March.", ""},
		{"a name and the initial of a surname, then the name", "The newspaper reached out to Arkady V., one of the tool's maintainers, but Arkady said he \"cannot comment on it at this time\".", "arkady-v"},
		{"a surname's initial written with a one-dot leader", "The newspaper reached out to Arkady V\u2024, one of the tool's maintainers, but Arkady said he \"cannot comment on it at this time\".", "arkady-v"},
		{"a common word and a letter is no name", "The shortage of Vitamin C. worried doctors. Arkady said the clinic \"cannot comment on it at this time\".", "arkady"},
		{"a town's name that is a given name opens the sentence before he said", "Senator Marco Vitelli picked the home side. \"We will take the win either way,\" he said.\n\nCarson defied the question and made no choice. \"It will be one team or the other, I promise you that,\" he said.", "carson"},
		{"a city the article names as a place is no subject for he", "Senator Marco Vitelli picked the home side. \"We will take the win either way,\" he said.\n\nDenver scored twice in the last quarter. \"It will be one team or the other, I promise you that,\" he said.", "marco-vitelli"},
		{"a given name and a surname before for and the body they speak for", "Maren Holtmann for Harbour Standards Norway, says they are looking at the data.\n\n\"We have to make sure there is enough in the supply,\" Ms Holtmann said.", "maren-holtmann"},
		{"a body named with for is no person", "Transport for London said the line would reopen. \"We have to make sure there is enough in the supply,\" Transport for London said.", "transport-for-london"},
		{"a surname-first name with a hyphenated given name, then an honorific and the surname", "The mill is owned by businessman Pak Min-jae, who bought it in 2003.\n\nLocals welcomed the sale, and Mr Pak had said he meant to \"bring the mill back to work.\"", "pak-min-jae"},
		{"a surname-first name, then the surname alone", "Chairwoman Seo Hye-rin opened the session.\n\n\"We have waited far too long for this day,\" Seo said.", "seo-hye-rin"},
		{"a surname-first name whose surname is a common word, then an honorific and the surname", "The mill closed in 2004, with the paper reporting that its new owner Song Hae-jin, who had bought it in 2001, and his wife applied to live there.\n\nThe Songs found staff hard to keep, and Mr Song had said they intended to \"bring the mill back to work.\"", "song-hae-jin"},
		{"a common word and a hyphenated compound is no name", "Marta Lindqvist opened the session.\n\nThe Ice-breaker crews were ready. \"We have waited far too long for this day,\" Lindqvist said.", "marta-lindqvist"},
		{"two surname-first names with the same first word: ambiguous", "Pak Min-jae and Pak Soo-ah bought the mill in 2003.\n\nLocals welcomed the sale, and Mr Pak had said he meant to \"bring the mill back to work.\"", "pak"},
		{"an organisation called on someone to, then its words", "Heavy snow closed the pass on Sunday. The Harbour Safety Agency called on drivers to \"keep to the speed limits that save lives on these roads.\"", "harbour-safety-agency"},
		{"an organisation called for something quoted is no speaker", "Heavy snow closed the pass on Sunday. The Harbour Safety Agency called for a \"complete and lasting review of the road rules\" on Monday.", ""},
		{"a minister of another portfolio is not the minister named before", "Transport Minister Ravi Mehra said 18 people died. Mehra also stated that both recorders were found.\n\nThe local health minister said, \"The injured have been taken to the nearby hospitals for treatment.\"", ""},
		{"a minister of another portfolio, no placing word", "Transport Minister Ravi Mehra said 18 people died. Mehra also stated that both recorders were found.\n\nThe health minister said, \"The injured have been taken to the nearby hospitals for treatment.\"", ""},
		{"the minister, no portfolio, goes on with the minister named before", "Transport Minister Ravi Mehra said 18 people died. Mehra also stated that both recorders were found.\n\nThe minister said, \"The injured have been taken to the nearby hospitals for treatment.\"", "ravi-mehra"},
		{"the minister of the same portfolio is the minister named before", "Transport Minister Ravi Mehra said 18 people died. Mehra also stated that both recorders were found.\n\nThe transport minister said, \"The injured have been taken to the nearby hospitals for treatment.\"", "ravi-mehra"},
		{"a minister named with the portfolio the description gives", "Health Minister Ravi Mehra said 18 people died. Mehra also stated that both recorders were found.\n\nThe local health minister said, \"The injured have been taken to the nearby hospitals for treatment.\"", "ravi-mehra"},
		{"a capitalised description is no portfolio", "Senate Minority Leader Ravi Mehra said the vote would wait. Mehra also stated that both camps were talking.\n\nLooking back on his career, the Senate Democratic leader said, \"I never knew what was going to happen when I went to trial.\"", "ravi-mehra"},
		{"as a court's decision put it, in dashes", "The Harbour Court ruled on Monday. For four days, traffic at the border \"slowed down to a crawl for every lorry\" — as the Harbour Court decision put it — before the gates were opened.", "harbour-court"},
		{"as a body's memo put it", "The Harbour Court ruled on Monday. Traffic at the border \"slowed down to a crawl for every lorry,\" as a Harbour Court memo put it.", "harbour-court"},
		{"as someone unnamed put it stays unattributed", "The Harbour Court ruled on Monday. Traffic at the border \"slowed down to a crawl for every lorry,\" as one haulier put it.", ""},
		{"a scripture quoted as speaking is no speaker", "The minister closed with a verse. The Holy Koran tells us: \"Hold fast to the rope that binds the harbour towns together.\"", ""},
		{"a spokesman the description names by acronym speaks for that organisation, not the last one", "Harbour Holdings Corp (HHC) bought a stake in Northern Ferries Ltd on Monday. \"We expect the whole deal to close within the month,\" the HHC spokesman said.", "harbour-holdings-corp"},
		{"a spokesman named by the initials of an organisation of the article", "The African Fisheries Bank lent money to Northern Ferries Ltd on Monday. \"We expect the whole loan to be repaid within the year,\" an AFB spokeswoman said.", "african-fisheries-bank"},
		{"a spokesman of an organisation the article does not name speaks for nobody else", "Harbour Holdings Corp bought a stake in Northern Ferries Ltd on Monday. \"We expect the whole deal to close within the month,\" a Kepco spokesman said.", ""},
		{"a spokesman named by a word of an organisation's name speaks for it, not the last one", "Nordvik Ferries Ltd agreed on Monday to sell its fleet to Harbour Holdings Corp. \"We expect the whole deal to close within the month,\" a Nordvik spokesman said.", "nordvik-ferries-ltd"},
		{"an honorific before a surname that is a common word is the person of that surname, no organisation", "Nils King said on Monday that the port would stay open.\n\nMr. King said the port was \"open to every boat that pays its fees.\"", "nils-king"},
		{"a surname with an inner capital is the person named before, not an organisation", "If there is one thing that Ava DuVarne is more keen on than film, it is the coast.\n\n“The harbour has a rule that is a harsh rule,” DuVarne explained in an interview with the paper.", "ava-duvarne"},
		{"a given name the English lists lack is a man's in news (given-names-news.tsv)", "Donald Varga met Kim Lind at the port on Monday.\n\n\"We will keep every ferry running all winter,\" she said.", "kim-lind"},
		{"a person's name before \"on\" and an outlet ends there", "At least one commentator liked the name.\n\n“‘Harbour Tax’ kind of flows off the lips, does it not? It hits the mayor where she is most vulnerable,” wrote Larry O’Holm on Hot Radio.", "larry-oholm"},
		{"the State Department is the United States Department of State", "The State Department said on Monday that talks would resume. \"We expect both delegations to return to the table next week,\" the State Department said.", "united-states-department-of-state"},
		{"a gender from the pronoun after a sentence's subject, not after an object", "As she has for months, Mayor Greta Holm ignored her rival Robin Castellane, even as both toured the harbour. Instead, she spoke about the ferries.\n\nCastellane said he would \"keep the ferries running every single day of the year.\" Castellane added that he would also build a bridge.\n\nCastellane spoke in the square on Friday. \"Nobody should have to wait three hours for a boat,\" he said.", "robin-castellane"},
		{"a middle initial that spells a stop word, in a name opening a sentence, then she", "Judge Tomas Berg ruled on Monday.\n\nRoberta A. Lindqvist, a lawyer who represented the plaintiffs, invoked the history of the port in June. \"There can not be two kinds of harbour,\" she said.", "roberta-a-lindqvist"},
		{"a generational suffix ends a person's name", "Assistant pastor Joseph Holm III asked the congregation to stand.\n\nIn his tribute, Holm said \"there is no greater man in this city than our old harbour master.\"", "joseph-holm-iii"},
		{"a known given name, an initial, a surname and a generational numeral, then he", "Judge Marta Berg ruled on Monday.\n\nJoseph R. Holm II, a onetime lawyer for the ultra-conservative Harbour Family Association, later came out as gay. He married in Bergen last year.\n\n\"The politics of the port are just so blatant,\" he said.", "joseph-r-holm-ii"},
		{"a profession as a title, then he", "Actor Tom Varga's appearance was directly from filming in Spain. He quipped \"I still have dust in my shoes.\"", "tom-varga"},
		{"a sentence adverb and its comma before the subject she goes on with", "The ferry owner Marta Berg spoke on Sunday.\n\nNevertheless, Berg said that in a race between Tomas Holm and Senator Anna Lind, she would back the former. She went on to call Lind \"the worst harbour politician in the county.\"", "marta-berg"},
		{"a fronted clause ending with a quotation's comma: the main clause's subject is she", "Anna Halvorsen interviewed Marta Berg on Thursday.\n\nWhen Halvorsen pointed out that Berg calls it \"a harbour for all,\" Berg seized upon the phrase, repeating her line. \"A harbour for all is not the same if you hand it to the towns,\" she said.", "marta-berg"},
		{"a fronted clause ending with a curly quotation mark's comma", "Anna Halvorsen interviewed Marta Berg on Thursday.\n\nWhen Halvorsen pointed out that Berg calls it “a harbour for all,” Berg seized upon the phrase, repeating her line. “A harbour for all is not the same if you hand it to the towns,” she said.", "marta-berg"},
		{"a fronted clause ending with a plain comma: the main clause's subject is she", "Anna Halvorsen interviewed Marta Berg on Thursday.\n\nWhen Halvorsen pointed out that Berg calls it a harbour for all, Berg seized upon the phrase, repeating her line. \"A harbour for all is not the same if you hand it to the towns,\" she said.", "marta-berg"},
		{"a description after a quotation is the name opening its sentence, not the last holder of its title", "Ola Brenna has sat in the chamber since 2010. Senator Tomas Holm voted against her plan on Monday.\n\nBrenna defends her harbour plan in an advert on local radio: \"Every boat in this town deserves a berth,\" the senator says.", "ola-brenna"},
		{"the quotation going on after a description's is the same person's", "Ola Brenna has sat in the chamber since 2010. Senator Tomas Holm voted against her plan on Monday.\n\nBrenna defends her harbour plan in an advert on local radio: \"Every boat in this town deserves a berth,\" the senator says. \"That is why I fought so hard to defeat the plan of the ferry board.\"", "ola-brenna"},
		{"an unresolved description after a quotation is the name opening the sentence before", "The council met on Monday. Tomas Holm (L-Oslo) blasted the harbour plan in an interview with the Gazette. \"It is one of the worst plans I have ever seen,\" the Harbour Council minority leader said.", "tomas-holm"},
		{"a passive sentence before gives the description no subject", "The council met on Monday. Tomas Holm was asked about the harbour plan. \"There are many who say the plan has failed the fishermen,\" the moderator said.", ""},
		{"a possessive opening the sentence before gives the description no subject", "The council met on Monday. Tomas Holm's words stung the former mayor. \"On the way to the harbour, the chief called me and said the ferry had sunk,\" the former mayor said.", ""},
		// (ext20: a quotation opening its paragraph takes the subject of
		// the paragraph before when no other person is a subject there;
		// this row wanted "" until then.)
		{"a subject in the paragraph before is the description's when the quotation opens its paragraph", "Tomas Holm blasted the harbour plan in an interview with the Gazette.\n\n\"It is one of the worst plans I have ever seen,\" the Harbour Council minority leader said.", "tomas-holm"},
		{"a subject in the paragraph before after another is not the description's", "Ola Brenna asked Tomas Holm about the harbour plan. Holm blasted it in an interview with the Gazette.\n\n\"It is one of the worst plans I have ever seen,\" the Harbour Council minority leader said.", ""},
		{"a document is no person the subject before stands for", "The council met on Monday. Tomas Holm filed suit against the harbour board. \"The board has shown a culture of neglect of the fishermen,\" the lawsuit says.", ""},
		{"a description of the other gender is not the subject before", "The council met on Monday. Tomas Holm wept in court for his children. \"I look forward to the day I can see them again,\" the mother said.", ""},
		{"a description of the subject's gender is the subject before", "The council met on Monday. Tomas Holm wept in court for his children. \"I look forward to the day I can see them again,\" the father said.", "tomas-holm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := x.Extract(news.Article{ID: "q", Body: tt.body})
			var got string
			for _, q := range a.Quotes {
				if q.Kind == news.KindDirect {
					got = q.SpeakerID
				}
			}
			if got != tt.want {
				t.Errorf("speaker = %q, want %q; entities %v", got, tt.want, ids(a))
			}
		})
	}
}
