// Package quote finds quotations in an article body and attributes each
// to a speaker. It works in a few linear passes over the body, none of which backtracks:
//
//  1. paragraphs: blank lines ("\n\n") separate paragraphs, a single "\n" is
//     a soft break inside one;
//  2. quote marks: straight, curly and angle double quotes are paired per
//     paragraph, with the wire convention that a paragraph opening a quote
//     without closing it continues into the next paragraph if that one starts
//     with a quote mark; archive and European conventions too: two
//     apostrophes as a straight double quote (not inside a word), two
//     backticks closed by two apostrophes, „…“, »…« and «…», and British
//     ‘…’ outside with “…” inside (see markAt, markRole, singleQuotes);
//  3. attribution: for each quoted span, the rest of its sentence after the
//     closing mark ("…," X said), then the sentence before the opening mark
//     (X said: "…", X told reporters the plan was "…") are parsed into
//     speaker + cue; a quote with neither continues the previous speaker when
//     it directly follows an attributed quote (same paragraph after the
//     attribution sentence, or a paragraph opening with a quote right after
//     attributed speech);
//  4. indirect speech: sentences without a quoted span are searched for
//     "X said (that) …", "…, X said." and "according to X, …";
//  5. he and she are settled in document order: they keep the current
//     speaker unless another person opened a sentence since (people named
//     inside a sentence or inside a quotation do not count), else they are
//     the person opening the latest such sentence; they stay unresolved
//     right after a speaker the entity stage could not resolve.
//
// Quotes with no cue are attributed, in this order, to the previous
// quote's speaker (continuations), to the author of a statement that
// introduces them ("a statement released by X's office"), to the named
// subject of the sentence right before them, to the speaker of an earlier
// quotation in the same sentence, or, for 4+ words inside a sentence, to
// the sentence's person subject. Curly single quotes ‘…’ mark quotations
// when they open at a word boundary outside double quotes.
//
// Which quoted spans are quotations: any span with a cue attributing it;
// without a cue, only spans of minBareWords (4) words or more that are not
// Title Case and do not follow a word naming a work or a term ("titled",
// "the film", "so-called"), so scare quotes ("a "pragmatic dialogue"") and
// titles are not quotes. A title-cased span is dropped even with a cue before
// it unless the cue is attached to it ("said: "…""), and always when it
// follows a possessive or a comma after the noun of a work or an event
// (up to maxTitleWords words: "Fleming's "The Fixers: …"", "his event,
// "Storm …"").
//
// Speakers as written (a name without its titles, "he", "the ministry",
// "@handle") are resolved to entities through a Resolver; when
// resolution fails the quote keeps its speaker as written and an empty
// SpeakerID, never a guess. Indefinite speakers ("a government official")
// are never resolved.
//
// # Files
//
//   - quote.go: Find, Resolver and Span, the scanner's types, paragraphs,
//     quote marks and sentence bounds;
//   - attr.go: attribute, which finds each quote's speaker, and which
//     quotes to keep;
//   - cues.go: attribution by a speech verb and its subject after or
//     before a quote;
//   - partial.go: a quotation inside its sentence (a partial quotation's
//     subject, "described by X as");
//   - inherit.go: quotes with no cue of their own;
//   - speaker.go: the speaker phrase resolved to an entity;
//   - result.go: the quotes returned, "he" and "she" settled;
//   - parse.go: noun phrases of attributions;
//   - subject.go: subject and cue patterns ("X said", "said X");
//   - indirect.go: indirect (reported) speech.
//
// Its word lists are in the text package's lexicon.
package quote
