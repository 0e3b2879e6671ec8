package corpus

import "embed"

// FS is the bundled sample corpus, the default input of the indexer. Read it
// from its root ("."): ids of Markdown files come from their front matter,
// ids of HTML files are their paths ("articles/….html"), feed items use
// their guid. README.md and aliases.yaml are not articles.
//
//go:embed README.md aliases.yaml articles.jsonl articles feeds
var FS embed.FS

// AliasFile is the path in FS of the alias list of the corpus's invented
// people and organisations, in the same YAML format as user alias files.
const AliasFile = "aliases.yaml"
