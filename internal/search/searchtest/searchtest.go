// Package searchtest builds small in-memory generations of invented articles
// for the tests of internal/search and internal/api.
package searchtest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/news"
)

// Doc is an invented article with its annotations.
type Doc struct {
	Article news.Article
	Ann     news.Annotations
}

// Person is an entity of the fixture.
type Person struct{ ID, Name string }

// The people of the fixture.
var (
	Kovac  = Person{"anna-kovac", "Anna Kovač"}
	Lind   = Person{"boris-lind", "Boris Lind"}
	Okafor = Person{"chidi-okafor", "Chidi Okafor"}
)

// Q is a quote to place in a body paragraph.
type Q struct {
	By   Person
	Text string
}

// Article builds a Doc whose body is paragraphs; each quote is appended to
// a paragraph of its own as `"text," NAME said.` with exact offsets. People
// quoted are added as person entities; countries as given.
func Article(id, title, published, source string, countries []string, paras []string, quotes ...Q) Doc {
	a := news.Article{ID: id, Title: title, Source: source, Language: "en", URL: "https://example.test/" + id}
	if published != "" {
		t, err := time.Parse(time.RFC3339, published)
		if err != nil {
			panic(fmt.Sprintf("fixture %s: %v", id, err))
		}
		a.Published = t
	}
	var ann news.Annotations
	body := strings.Join(paras, "\n\n")
	people := map[string]*news.Entity{}
	for _, q := range quotes {
		if body != "" {
			body += "\n\n"
		}
		para := strings.Count(body, "\n\n")
		start := len(body) + 1
		body += `"` + q.Text + `," ` + q.By.Name + " said."
		ann.Quotes = append(ann.Quotes, news.Quote{
			Text: q.Text, SpeakerID: q.By.ID, SpeakerName: q.By.Name, SpeakerAsWritten: q.By.Name,
			Cue: "said", Kind: news.KindDirect, Start: start, End: start + len(q.Text), Paragraph: para,
		})
		e := people[q.By.ID]
		if e == nil {
			e = &news.Entity{ID: q.By.ID, Name: q.By.Name, Type: news.TypePerson}
			people[q.By.ID] = e
		}
		e.Count++
	}
	for _, p := range []Person{Kovac, Lind, Okafor} {
		if e := people[p.ID]; e != nil {
			ann.Entities = append(ann.Entities, *e)
		}
	}
	for _, c := range countries {
		name, _ := extract.CountryName(c)
		ann.Countries = append(ann.Countries, news.Country{Code: c, Name: name, Count: 1})
	}
	a.Body = body
	return Doc{Article: a, Ann: ann}
}

// Fixture is the standard set of invented articles:
//
//   - k1: Kovač says "de-escalation"; Lind speaks without it (speaker
//     semantics: speaker=Lind&q=de-escalation must not return it).
//   - l1: Lind says "de-escalation".
//   - n1: narration mentions de-escalation; Okafor speaks about grain.
//   - u1, u2: undated.
//   - g01…g40: "grain" filler over 2022-2023 in two sources, some sharing a
//     date, for paging and histograms.
func Fixture() []Doc {
	docs := []Doc{
		Article("k1", "Ministers meet in Geneva", "2022-02-15T18:30:00Z", "Wire A", []string{"UA", "RU"},
			[]string{"Talks between the delegations lasted four hours."},
			Q{Kovac, "We expect verifiable de-escalation on the border"},
			Q{Lind, "The talks were frank and useful"}),
		Article("l1", "Lind calls for calm", "2022-02-16T09:00:00Z", "Wire B", []string{"US"},
			[]string{"The envoy spoke after the session."},
			Q{Lind, "Only de-escalation can open the door to a settlement"}),
		Article("n1", "Grain corridor reopens", "2022-03-02T12:00:00Z", "Wire A", []string{"UA"},
			[]string{"Observers hoped the de-escalation would hold."},
			Q{Okafor, "The grain ships will sail on Monday"}),
		Article("u1", "Undated grain note", "", "Archive", []string{"RU"},
			[]string{"A note about grain prices without a date."}),
		Article("u2", "Another undated note", "", "Archive", nil,
			[]string{"Grain and fertiliser were discussed."}),
	}
	for i := 1; i <= 40; i++ {
		day := time.Date(2022, 4, 1, 10, 0, 0, 0, time.UTC).AddDate(0, 0, (i/2)*17) // pairs share a date
		src := "Wire A"
		if i%3 == 0 {
			src = "Wire C"
		}
		cc := []string{"UA"}
		if i%4 == 0 {
			cc = []string{"UA", "US"}
		}
		words := strings.Repeat("grain ", 1+i%5)
		docs = append(docs, Article(fmt.Sprintf("g%02d", i), fmt.Sprintf("Grain report %d", i),
			day.Format(time.RFC3339), src, cc, []string{"Report on " + words + "exports."}))
	}
	return docs
}

// Index indexes docs into a new in-memory Bleve index with the real mapping.
func Index(tb testing.TB, docs []Doc) bleve.Index {
	tb.Helper()
	return IndexWith(tb, index.NewMapping(), docs)
}

// EnMapping is the mapping of generations built before accent folding: the
// real mapping with Bleve's "en" analyzer on its text fields.
func EnMapping() mapping.IndexMapping {
	m := index.NewMapping().(*mapping.IndexMappingImpl)
	m.DefaultAnalyzer = en.AnalyzerName
	for _, dm := range m.TypeMapping {
		for _, p := range dm.Properties {
			for _, f := range p.Fields {
				if f.Analyzer == index.TextAnalyzer {
					f.Analyzer = en.AnalyzerName
				}
			}
		}
	}
	return m
}

// IndexWith indexes docs into a new in-memory Bleve index with mapping m.
func IndexWith(tb testing.TB, m mapping.IndexMapping, docs []Doc) bleve.Index {
	tb.Helper()
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		tb.Fatalf("new index: %v", err)
	}
	b := idx.NewBatch()
	for _, d := range docs {
		art, quotes := index.Documents(d.Article, d.Ann)
		if err := b.Index(d.Article.ID, art); err != nil {
			tb.Fatalf("index %s: %v", d.Article.ID, err)
		}
		for _, q := range quotes {
			if err := b.Index(q.ID, q.Fields); err != nil {
				tb.Fatalf("index %s: %v", q.ID, err)
			}
		}
	}
	if err := idx.Batch(b); err != nil {
		tb.Fatalf("batch: %v", err)
	}
	return idx
}

// Generation wraps an in-memory index of docs as a generation named name.
func Generation(tb testing.TB, name string, docs []Doc) *index.Generation {
	tb.Helper()
	return GenerationWith(tb, index.NewMapping(), name, docs)
}

// GenerationWith is Generation with the index mapping m.
func GenerationWith(tb testing.TB, m mapping.IndexMapping, name string, docs []Doc) *index.Generation {
	tb.Helper()
	labels := index.NewLabels()
	meta := index.Meta{Generation: name, BuiltAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Entities: map[string]int{}}
	for _, d := range docs {
		labels.AddAnnotations(d.Ann)
		if d.Article.Source != "" {
			labels.Add(index.FieldSource, d.Article.Source, d.Article.Source)
		}
		meta.Articles++
		meta.Quotes += len(d.Ann.Quotes)
		if !d.Article.Dated() {
			meta.Undated++
			continue
		}
		if meta.DateFrom.IsZero() || d.Article.Published.Before(meta.DateFrom) {
			meta.DateFrom = d.Article.Published
		}
		if d.Article.Published.After(meta.DateTo) {
			meta.DateTo = d.Article.Published
		}
	}
	meta.Entities[index.FieldPerson] = labels.Count(index.FieldPerson)
	meta.Countries = labels.Count(index.FieldCountry)
	return index.NewGeneration(name, IndexWith(tb, m, docs), meta, labels)
}
