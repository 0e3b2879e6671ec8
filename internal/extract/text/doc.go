// Package text holds what the entity recogniser (package extract) and the
// quote detector (package quote) share about English news prose: the
// tokenizer, the lexicon (every closed-class word list, once) and the
// folding of names for lookup.
//
//   - tokenize.go: Tokenize, Token and its flags, and the Rules where the
//     two users read a word differently (NameRules, PhraseRules; measured
//     in package extract's testdata/EVAL.md, "One tokenizer");
//   - sentence.go: paragraphs and sentences (Paragraphs, ParagraphStart,
//     SentenceEnd, SentenceStart, SentenceStop), one rule each for the
//     tokenizer, the quote detector and the recogniser;
//   - lexicon.go, lexicon_quote.go: every word list, the recogniser's and
//     the quote detector's; where the recogniser and the quote
//     detector keep a list each for one job (NameConnectors and
//     SpeakerConnectors, SpeechVerbs and CueVerbs, PronounGenders and
//     SubjectPronouns) the comment says how they differ and why;
//   - names.go: FoldName, FoldWords and the small name tests both use.
//
// Facts about the world (countries, cities, people, organisations,
// titles) are data, embedded by package extract from its data/ folder.
package text
