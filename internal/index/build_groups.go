package index

import (
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The build's last step before publication: the groups of near-duplicates
// (dups.go) from the signatures the build spilled (dupspill.go).

// groups groups the live articles' near-duplicates (dups.go), over every
// shard, from the last version of each live article in the spill, which
// it then removes. A partial build (BuildOptions.Partial) also keeps those
// records, in the generation's signatures file, for MergeParts.
func (b *builder) groups() (*Groups, error) {
	var keep *dupSpill
	if b.opts.Partial {
		var err error
		if keep, err = newDupSpillAt(filepath.Join(b.buildDir, signaturesFile)); err != nil {
			return nil, err
		}
	}
	var recs sigRecords
	err := b.spill.each(func(r spilled) error {
		if ld, ok := b.live.get(r.id); !ok || ld.deleted || ld.seq != r.seq {
			return nil // deleted or written again since
		}
		recs.add(r)
		if keep != nil {
			return keep.add(r)
		}
		return nil
	})
	if err == nil {
		err = b.spill.remove()
		b.spill = nil
	}
	if err == nil && keep != nil {
		err = keep.close()
	}
	if err != nil {
		return nil, err
	}
	return recs.groups(b.log), nil
}

// sigRecords are what the groups of near-duplicates are made of: the
// signatures of live articles and the keys of their quotes.
type sigRecords struct {
	docs   []SigDoc
	ids    []string
	quotes []QuoteCopy
}

func (s *sigRecords) add(r spilled) {
	if r.sig != nil {
		s.docs = append(s.docs, SigDoc{ID: r.id, Published: r.published, Sig: *r.sig})
	}
	if len(r.qkeys) > 0 {
		for _, k := range r.qkeys {
			s.quotes = append(s.quotes, QuoteCopy{Key: k.key, Published: r.published, Article: int32(len(s.ids)), Num: k.num})
		}
		s.ids = append(s.ids, r.id)
	}
}

// groups makes the groups. The signatures are taken in the order of their
// ids, so that the groups do not depend on the order the articles were
// written in (the extraction workers' order, or the parts of a
// distributed build): GroupDuplicates compares an article with the last
// maxBucketPeers of its bucket only.
func (s *sigRecords) groups(log *slog.Logger) *Groups {
	start := time.Now()
	slices.SortFunc(s.docs, func(a, b SigDoc) int { return strings.Compare(a.ID, b.ID) })
	articles := GroupDuplicates(s.docs, DupThreshold)
	if articles == nil {
		articles = [][]string{} // "groups": [], not null
	}
	s.docs = nil
	g := NewGroups(articles, GroupQuotes(s.quotes, s.ids))
	log.Info("near-duplicates grouped", "article_groups", g.Articles(), "quote_groups", g.Len()-g.Articles(), "seconds", time.Since(start).Seconds())
	return g
}
