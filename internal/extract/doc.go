// Package extract finds the people, organisations, places and countries an
// article mentions and the quotes it contains. It is a package of pure
// functions: an ingest.Article in, its Annotations out. Its only data are
// embedded at build time (data/): countries, capitals and cities from
// maintained sources, and curated demonyms, metonyms, titles and the alias
// table of officials and international organisations.
//
// The recogniser is rule based: one pass splits the text into tokens;
// token n-grams are looked up in a gazetteer built by New; capitalised
// sequences not in the gazetteer become entities when cues say what they are
// (titles, honorifics, speech verbs, organisation suffixes). Later short
// forms ("Blinken", "Mr Lavrov", "the minister", "@SecBlinken") resolve to
// the entity they refer to. The quote detector (quote*.go) resolves
// speakers through docContext (resolve.go).
package extract
