// Package news holds the domain types every layer shares: an [Article] as
// read from a corpus, and the [Annotations] extraction finds in it — its
// [Entity] values with their [Mention] offsets, its [Country] counts and its
// [Quote] values. It is a leaf: it imports no other package of Readout and
// nothing beyond the standard library, so that extraction, indexing and
// search can share these types without importing the corpus readers
// (internal/ingest) and their feed, HTML and charset dependencies.
//
// The JSON tags are part of the index's stored documents, the golden files
// and the HTTP API; changing one changes all three.
//
// Files:
//   - article.go: Article and Dated.
//   - annotations.go: Annotations, Entity, Mention, Country, Quote, and the
//     entity type (TypePerson, TypeOrg, TypePlace) and quote kind
//     (KindDirect, KindIndirect) constants.
package news
