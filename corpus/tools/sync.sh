#!/usr/bin/env bash
# Regenerate the sample corpus and its extraction gold from tools/src/*.txt.
# Usage (from the repository root): corpus/tools/sync.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$root/corpus/tools/gen.py" "$out"
mkdir -p "$root/corpus/articles" "$root/corpus/feeds"
rm -f "$root"/corpus/articles/*.md "$root"/corpus/articles/*.html "$root"/corpus/feeds/*.rss
cp "$out/articles.jsonl" "$out/aliases.yaml" "$root/corpus/"
cp "$out"/articles/* "$root/corpus/articles/"
cp "$out"/feeds/* "$root/corpus/feeds/" 2>/dev/null || true
cp "$out/sample-gold.jsonl" "$root/internal/extract/testdata/sample-gold.jsonl"
