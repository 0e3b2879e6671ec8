// Package ingest reads news corpora into [news.Article] values. It is the
// first stage of the indexing pipeline: it streams (a JSON Lines corpus is
// never held in memory whole) and calls back once per article, in input
// order. (The folder corpus/ at the repository root is sample data; this
// package is the code that reads it and any other corpus.)
//
// # Use
//
//	stats, err := ingest.Read(ctx, []ingest.Input{ingest.OSInput(path)}, ingest.Options{Logger: log},
//		func(a news.Article) error { return builder.Add(a) },
//		func(p *ingest.Problem) { log.Warn("skipped", "problem", p) })
//
// [OSInput] names a file or folder on disk; [FSInput] a path inside an
// [io/fs.FS] such as the embedded sample corpus. Problems print the path as
// the Input's Name plus the path below it, so the user recognises it.
// Read runs on the caller's goroutine and starts none: emit and report are
// called from it. (Decompressing gzip in a read-ahead goroutine was tried
// and dropped: it gained on an idle machine and lost under load, which is
// where the indexer runs.)
//
// # Formats (chosen by file name, case-insensitive)
//
//   - .jsonl, .ndjson, .jsonl.gz, .ndjson.gz: JSON Lines, one article a
//     line: {"id", "title", "body", "published", "source", "url",
//     "authors", "language", "speaker"}; published may be a month
//     ("2020-09") or a year ("2020"), kept as a date of that precision
//     (news.Article.DatePrecision). A [Mapping] (Options.Mapping) reads
//     files whose members are named otherwise, or whose date is in the id,
//     into this format (mapping.go). Member names are case-sensitive; null
//     counts as absent; a byte-order mark opening the file is dropped.
//     Empty lines are skipped silently. Other members are ignored, with one warning per
//     name per Read for the first 10 names and a count of them all at the
//     end (the first 1,000 are listed in Stats.UnknownFields). Lines may be long:
//     each is limited to 2×MaxBodyBytes+64 KiB and a longer line is
//     dropped without being held in memory.
//   - .txt, .md, .markdown: one article per file, optionally opened by a
//     YAML front matter block between "---" lines (keys id, title,
//     published, source, url, authors — a list or one string — and
//     language; other keys warn as unknown fields). The id defaults to the
//     file's path relative to the folder given, slash-separated, with its
//     extension (the file name when the file itself was given). When the
//     front matter has no title, the first non-blank line is the title and
//     is removed from the body; in Markdown a leading ATX heading ("# T")
//     or setext heading (a line underlined with "=" or "---") loses its
//     marks. When the front matter has a title and a Markdown file opens
//     with a heading (or line) of the same text, that line is removed. The body
//     keeps its text (Markdown is not rendered) with CR LF turned into LF,
//     trailing spaces removed and runs of blank lines made one blank line.
//   - .html, .htm: one article per file. Charset: a byte-order mark or a
//     declared charset (<meta charset>, <meta http-equiv=Content-Type>) is
//     honoured; an undeclared page is UTF-8 when its bytes are valid UTF-8,
//     else sniffed from its first 1,024 bytes (windows-1252 failing all
//     else); bytes that do not decode become U+FFFD.
//     id: the path, as for text. Body: the main content as readability
//     (codeberg.org/readeck/go-readability, Mozilla's Readability.js in Go)
//     finds it, after nav, aside, footer, dialog and menu elements, form
//     controls, hidden elements, elements with the navigation, banner,
//     contentinfo, complementary, search, form or dialog role, and
//     <header> outside <article> and <main> are removed, written as
//     [HTMLToText] writes text (a paragraph per block, headings, list
//     items and quotes included); when readability finds nothing, the
//     whole <body> so written. The first <h1> is left out when it is the
//     headline (part of the title, or the page's or article's first <h1>).
//     A panic in readability is a Problem, not a crash.
//     title: og:title, else twitter:title, else the first <h1> inside an
//     <article>, else the JSON-LD headline, else readability's title from
//     other metadata (Dublin Core and the like), else <title> without a
//     site name before or after " | ", " - ", " – ", " — ", " :: ", " · "
//     or " • " (one equal to
//     og:site_name, the JSON-LD publisher or application-name, or to the
//     URL's host, or a part of at most four words after " | " and a
//     longer headline), else the first <h1>.
//     published: article:published_time (a Problem when it does not
//     parse), else the first other date meta (pubdate, dcterms.issued,
//     datePublished, ...), else the JSON-LD datePublished, else the
//     <time datetime> marked pubdate or itemprop=datePublished, else the
//     first one inside an <article>; these later ones are passed over
//     when they do not parse. source: og:site_name, else the JSON-LD
//     publisher. authors: article:author metas (URLs left out), else the
//     author meta split at commas and " and ", else the JSON-LD authors.
//     url: og:url, else <link rel=canonical>. language: <html lang>.
//     JSON-LD is the first schema.org Article (NewsArticle, BlogPosting,
//     ...) at the top level, in an array or in an @graph.
//   - .rss, .atom and .xml: RSS 2.0 (and RSS 1.0) or Atom feeds, parsed
//     with gofeed, one article per item. id: guid / Atom id, else the
//     link. title: the item title as plain text. body: content, else
//     description, through [HTMLToText]. published: the item's publication
//     date, else its update date. source: the feed title. language: the
//     feed language. A .xml file found in a folder walk that is not a feed
//     is ignored; one named explicitly is a Problem.
//
// Dates (JSON Lines and front matter) are RFC 3339 or YYYY-MM-DD, read as
// UTC ([ParseDate]); an absent or empty date leaves the article undated.
// HTML meta dates also accept a few common variants (no colon in the zone,
// no zone meaning UTC).
//
// # Folders
//
// A folder is walked recursively in lexical path order. Hidden files and
// folders (name starting with ".") are skipped, and so are documentation
// files: names starting with README, LICENSE, LICENCE, COPYING or
// CHANGELOG (any case), so that a corpus folder with a README.md reads as
// its data files only. Files of other types are ignored. Ignored files are
// counted in Stats.Ignored and logged at debug level. Links to files are
// read; links to folders are not followed (they are ignored). A file given
// explicitly is always read, whatever its name.
//
// # Problems
//
// A record, file or folder that cannot be used — invalid JSON, no id,
// neither title nor body (whitespace only counts as empty), an invalid
// date, invalid UTF-8, a body over Options.MaxBodyBytes, an unreadable
// file, broken gzip, a feed or front matter that does not parse — is
// reported as a [*Problem] ("path:line: field: reason"), counted in
// Stats.Skipped and skipped; reading goes on with the next record (or,
// when a file cannot be read further, the next file). With Options.Strict
// the first Problem ends the read and is returned (report is not called).
// A [ProblemLog] logs problems without flooding the log (the first 10 of
// each [Problem.Reason], then counts; Read uses one when report is nil),
// and [CheckSkipped] is the rule that fails a run that skipped too large a
// share of its records (ingest.max_skip_ratio).
// Everything that was read is either emitted or reported; only blank lines
// and ignored files in folder walks are passed over. Duplicate ids are not
// detected here.
//
// news.Article.Origin is "path:line" for JSON Lines records, "path: item N" for
// feed items and the path for other files. Stats.Bytes counts bytes read
// after gzip decompression.
package ingest
