package index

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/readout/readout/internal/extract"
)

// A distributed build (internal/cluster) splits a corpus by ShardOf into
// parts, one a shard, in corpus order; each part is built on its own
// (BuildOptions.Partial) into a generation whose shard of that number
// holds the part and whose other shards are empty. MergeParts then makes
// the files of the whole generation from the parts' files, as one build of
// the whole corpus would have written them: the labels from the parts'
// spellings counted together, the groups of near-duplicates from all their
// signatures, the meta from their counts.

// The files a partial build keeps besides a generation's.
const (
	spellingsFile  = "spellings.json"
	signaturesFile = "signatures.spill"
)

// MergeInfo is what the whole generation's meta takes from its build
// rather than from its parts.
type MergeInfo struct {
	Name    string // the generation's name
	Read    int    // corpus records read
	Skipped int    // of which skipped
	Inputs  []string
	Aliases []extract.Alias // the alias entries the parts were extracted with
	Seconds float64
	// JournalSeq is the last change the parts fold in (Meta.JournalSeq):
	// in a distributed build, the change stream's.
	JournalSeq int64
}

// MergeParts writes into dir (which must exist) the meta, labels, aliases
// and groups of the generation whose shard i is the shard i of the
// partial generation at parts[i] (only their files are read; the shards
// may be elsewhere). It returns the meta written.
func MergeParts(dir string, parts []string, info MergeInfo, log *slog.Logger) (Meta, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	meta := Meta{
		Generation: info.Name,
		BuiltAt:    time.Now().UTC(),
		Seconds:    info.Seconds,
		Read:       info.Read,
		Skipped:    info.Skipped,
		Inputs:     info.Inputs,
		Entities:   map[string]int{},
		Shards:     len(parts),
		DateTerms:  true,
		JournalSeq: info.JournalSeq,
		// Every part is built with Documents (BuildOptions.Partial).
		JoinedQuotes: true,
	}
	labels := NewLabels()
	var recs sigRecords
	for i, p := range parts {
		pm, err := readMetaAt(p)
		if err != nil {
			return Meta{}, fmt.Errorf("merge part %d: %w", i, err)
		}
		if pm.Shards != len(parts) {
			return Meta{}, fmt.Errorf("merge part %d: built with %d shards, not %d", i, pm.Shards, len(parts))
		}
		meta.Articles += pm.Articles
		meta.Quotes += pm.Quotes
		meta.Undated += pm.Undated
		meta.Duplicates += pm.Duplicates
		meta.DateSpans = meta.DateSpans || pm.DateSpans
		if !pm.DateFrom.IsZero() && (meta.DateFrom.IsZero() || pm.DateFrom.Before(meta.DateFrom)) {
			meta.DateFrom = pm.DateFrom
		}
		if pm.DateTo.After(meta.DateTo) {
			meta.DateTo = pm.DateTo
		}
		b, err := os.ReadFile(filepath.Join(p, spellingsFile))
		if err != nil {
			return Meta{}, fmt.Errorf("merge part %d: %w", i, err)
		}
		var counts map[string]map[string]map[string]int32
		if err := json.Unmarshal(b, &counts); err != nil {
			return Meta{}, fmt.Errorf("merge part %d: %s: %w", i, spellingsFile, err)
		}
		labels.MergeCounts(counts)
		if err := eachSpilled(filepath.Join(p, signaturesFile), func(r spilled) error {
			if ShardOf(r.id, len(parts)) != i {
				return fmt.Errorf("article %s is in part %d, its shard is %d", r.id, i, ShardOf(r.id, len(parts)))
			}
			recs.add(r)
			return nil
		}); err != nil {
			return Meta{}, fmt.Errorf("merge part %d: %w", i, err)
		}
	}
	for _, f := range []string{FieldPerson, FieldOrg, FieldPlace, FieldSpeaker} {
		meta.Entities[f] = labels.Count(f)
	}
	meta.Countries = labels.Count(FieldCountry)
	meta.Documents = uint64(meta.Articles + meta.Quotes)
	if meta.Articles == 0 {
		return Meta{}, fmt.Errorf("merge: no article in %d parts (read %d, skipped %d)", len(parts), meta.Read, meta.Skipped)
	}
	if err := writeGroups(filepath.Join(dir, groupsFile), recs.groups(log)); err != nil {
		return Meta{}, fmt.Errorf("merge: %w", err)
	}
	for _, w := range []struct {
		name string
		v    any
	}{{labelsFile, labels}, {aliasesFile, info.Aliases}, {metaFile, meta}} {
		if err := writeJSONSync(filepath.Join(dir, w.name), w.v); err != nil {
			return Meta{}, fmt.Errorf("merge: %w", err)
		}
	}
	return meta, nil
}
