package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/readout/readout/internal/news"
)

// errNotFeed is the reason given for a .rss/.atom file that is not a feed.
var errNotFeed = errors.New("not an RSS or Atom feed")

// feedFile reads an RSS or Atom feed, one article per item. A .xml file
// found in a folder walk that is not a feed is ignored (mustBeFeed false).
func (r *reader) feedFile(data []byte, shown string, mustBeFeed bool) error {
	typ := gofeed.DetectFeedType(bytes.NewReader(data))
	if typ != gofeed.FeedTypeRSS && typ != gofeed.FeedTypeAtom {
		if mustBeFeed {
			return r.problem(&Problem{Path: shown, Err: errNotFeed})
		}
		r.stats.Files--
		r.stats.Ignored++
		r.log.Debug("ignoring XML file that is not a feed", "path", shown)
		return nil
	}
	feed, err := parseFeed(data)
	if err != nil {
		return r.problem(&Problem{Path: shown, Err: fmt.Errorf("parse feed: %w", err)})
	}
	source := plainText(feed.Title)
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		where := Problem{Path: shown, Item: i + 1}
		a := news.Article{
			ID:       strings.TrimSpace(firstNonEmpty(it.GUID, it.Link)),
			Title:    plainText(it.Title),
			Body:     HTMLToText(firstNonEmpty(it.Content, it.Description)),
			Source:   source,
			URL:      strings.TrimSpace(it.Link),
			Language: strings.TrimSpace(feed.Language),
			Origin:   shown + ": item " + strconv.Itoa(i+1),
		}
		if a.ID == "" {
			where.Field, where.Err = "id", fmt.Errorf("%w (no guid, id or link)", ErrNoID)
			if err := r.problem(&where); err != nil {
				return err
			}
			continue
		}
		switch {
		case it.PublishedParsed != nil:
			a.Published = it.PublishedParsed.UTC()
		case strings.TrimSpace(it.Published) != "":
			where.Field, where.Err = "published", fmt.Errorf("%w %q", ErrInvalidDate, it.Published)
			if err := r.problem(&where); err != nil {
				return err
			}
			continue
		case it.UpdatedParsed != nil:
			a.Published = it.UpdatedParsed.UTC()
		}
		for _, p := range it.Authors {
			if p == nil {
				continue
			}
			if name := collapse(firstNonEmpty(p.Name, p.Email)); name != "" {
				a.Authors = append(a.Authors, name)
			}
		}
		// gofeed keeps only the first of several dc:creator elements as the
		// author; the Dublin Core extension has them all.
		if it.DublinCoreExt != nil {
			for _, c := range it.DublinCoreExt.Creator {
				if name := collapse(c); name != "" && !slices.Contains(a.Authors, name) {
					a.Authors = append(a.Authors, name)
				}
			}
		}
		if err := r.deliver(a, &where); err != nil {
			return err
		}
	}
	return nil
}

// parseFeed runs gofeed, turning a panic inside it into an error.
func parseFeed(data []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			feed, err = nil, fmt.Errorf("feed parser failed: %v", p)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(data))
}

// plainText is a one-line text of a title that may hold HTML.
func plainText(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = HTMLToText(s)
	}
	return collapse(s)
}
