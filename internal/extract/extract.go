package extract

import (
	"fmt"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/quote"
	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// FieldBody and FieldTitle are the Mention.Field values.
const (
	fieldBody  = "body"
	fieldTitle = "title"
)

// Options configures an Extractor.
type Options struct {
	// Aliases are extra alias entries (user configuration, the invented
	// officials of the sample corpus). They win over the embedded table.
	Aliases []Alias
}

// Extractor finds entities, countries and quotes in articles. It is
// immutable after New and safe for concurrent use.
type Extractor struct {
	base *baseData
	gaz  *gazetteer
}

// New builds an Extractor from the embedded data and opts.
func New(opts Options) (*Extractor, error) {
	b, err := loadBase()
	if err != nil {
		return nil, err
	}
	x := &Extractor{base: b, gaz: b.gaz}
	if len(opts.Aliases) > 0 {
		user := make([]Alias, len(opts.Aliases))
		for i, a := range opts.Aliases {
			a.Aliases = append([]string(nil), a.Aliases...)
			if err := a.normalize(b.knownCountry); err != nil {
				return nil, fmt.Errorf("alias entry %d (%q): %w", i+1, a.Name, err)
			}
			user[i] = a
		}
		x.gaz = b.gaz.clone()
		addAliases(x.gaz, user)
	}
	return x, nil
}

// Extract returns the annotations of a: entities sorted by count (desc) then
// id, countries by count then code, quotes by offset. It never panics and is
// deterministic.
func (x *Extractor) Extract(a news.Article) news.Annotations {
	return x.extract(a, nil)
}

// extract is Extract; when countryOut is not nil, it also receives a
// mention of every country name the recogniser matched (countries are
// counted, not place entities, so Annotations has no offsets for them):
// ExtractWithCountryPlaces makes them place mentions.
func (x *Extractor) extract(a news.Article, countryOut *[]countryMentionOf) (ann news.Annotations) {
	defer func() {
		if r := recover(); r != nil {
			// A bug must not take the indexer down; an article then has no
			// annotations rather than wrong ones.
			if panicHook != nil {
				panicHook(r)
			}
			ann = news.Annotations{Entities: []news.Entity{}, Countries: []news.Country{}, Quotes: []news.Quote{}}
		}
	}()
	// Invalid bytes become U+001A SUBSTITUTE one for one, so that offsets
	// still refer to the article as given; no name spans one.
	title, body := validUTF8(a.Title), validUTF8(a.Body)
	d := &doc{x: x, ents: map[string]*docEntity{}, countries: map[string]int{}, countryOut: countryOut}
	if buf, ok := tokenBufs.Get().(*[]text.Token); ok {
		d.toks = *buf
		defer func() {
			clear(d.toks[:cap(d.toks)]) // let the article's text go
			*buf = d.toks[:0]
			tokenBufs.Put(buf)
		}()
	}
	if a.Dated() {
		d.year = a.Published.UTC().Year()
		d.era = x.base.eras[d.year]
	}
	d.run(fieldTitle, title)
	d.run(fieldBody, body)
	d.resolvePending()
	d.mergeNameVariants(title, body)
	d.mergeSurnamePlaces()
	d.mergeAliasSurnames()
	d.resolveDescriptions(body)
	ents, ctx := d.finish(body)
	quotes := findQuotes(body, ctx)
	if d.registerSpeakers(body, quotes) {
		d.mergeSurnamePlaces() // a speaker registered may be the full name of a surname seen before
		ents, ctx = d.finish(body)
		quotes = findQuotes(body, ctx)
	}
	ents = d.addSpeakers(body, quotes, ents)
	if len(a.Speakers) > 0 {
		st, more := d.statements(body, a.Speakers, ctx, ents)
		quotes, ents = append(quotes, st...), more
		sortEntities(ents)
	} else if turns, more := d.turns(body, ctx, ents); len(turns) > 0 {
		quotes, ents = append(quotes, turns...), more
		sortEntities(ents)
	}
	ents = d.countrySpeakers(body, quotes, ents)
	return news.Annotations{Entities: ents, Countries: d.countryList(), Quotes: sortQuotes(quotes)}
}

// findQuotes finds direct and indirect quotations in body and attributes each
// to a speaker entity through d.
func findQuotes(body string, d *docContext) []news.Quote {
	if d == nil {
		return quote.Find(body, nil)
	}
	return quote.Find(body, d)
}

// tokenBufs holds token slices for Extract to reuse. A text.Token holds two
// strings, so a fresh slice per article costs allocation and garbage
// collection: BenchmarkExtractReuters allocates 92 MB per 2,000 articles
// without the pool, 41 MB with it (62 MB with the former pointer-free
// tokens and no pool).
var tokenBufs = sync.Pool{New: func() any { return new([]text.Token) }}

// validUTF8 returns s with every byte that is not part of a valid UTF-8
// sequence replaced by U+001A SUBSTITUTE, a punctuation token.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		r, w := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && w == 1 {
			b[i] = 0x1a
		}
		i += w
	}
	return string(b)
}

// panicHook, when set (by tests), sees the panics Extract recovers from.
var panicHook func(any)

// finish sorts mentions and entities and builds the docContext handed to
// the quote detector.
func (d *doc) finish(body string) ([]news.Entity, *docContext) {
	for _, de := range d.ents {
		sort.Slice(de.e.Mentions, func(i, j int) bool {
			a, b := de.e.Mentions[i], de.e.Mentions[j]
			if a.Field != b.Field {
				return a.Field == fieldTitle
			}
			return a.Start < b.Start
		})
		de.e.Count = len(de.e.Mentions)
	}
	ctx := d.context(body)
	out := make([]news.Entity, 0, len(d.ents))
	for _, de := range d.sortedEnts() {
		if len(de.e.Mentions) == 0 {
			continue
		}
		out = append(out, de.e)
	}
	sortEntities(out)
	return out, ctx
}

func sortEntities(es []news.Entity) {
	sort.Slice(es, func(i, j int) bool {
		if es[i].Count != es[j].Count {
			return es[i].Count > es[j].Count
		}
		return es[i].ID < es[j].ID
	})
}

func sortQuotes(qs []news.Quote) []news.Quote {
	if qs == nil {
		return []news.Quote{}
	}
	sort.SliceStable(qs, func(i, j int) bool {
		if qs[i].Start != qs[j].Start {
			return qs[i].Start < qs[j].Start
		}
		return qs[i].End < qs[j].End
	})
	return qs
}
