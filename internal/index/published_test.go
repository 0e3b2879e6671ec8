package index

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/readout/readout/internal/news"
)

// publishedTimes are the publication times of the documents of
// TestDateRangeQuery: both sides of midnights, months and years,
// nanoseconds apart, before 1970, and the zero time (undated).
var publishedTimes = []string{
	"1969-12-31T23:00:00Z", "1970-01-01T00:00:00Z", "1999-03-10T10:00:00Z",
	"2021-12-31T23:59:59Z", "2022-01-01T00:00:00Z", "2022-01-31T12:00:00Z",
	"2022-02-14T23:59:59.999999999Z", "2022-02-15T00:00:00Z", "2022-02-15T00:00:00.000000001Z",
	"2022-02-15T12:00:00Z", "2022-02-15T23:59:59Z", "2022-02-16T00:00:00Z", "2022-02-17T06:30:00Z",
	"2022-03-01T00:00:00Z", "2023-07-01T09:15:00+02:00", "2024-12-31T00:00:00Z", "",
}

// dateIndexes indexes one article per publishedTimes entry twice: the way
// builds do (one term for published) and as Bleve's datetime field does
// (16 terms), as the overlay of journal changes holds them.
func dateIndexes(t *testing.T) (now, legacy bleve.Index, times map[string]time.Time) {
	t.Helper()
	times = map[string]time.Time{}
	var err error
	dir := t.TempDir()
	if now, err = bleve.New(filepath.Join(dir, "now"), NewMapping()); err != nil {
		t.Fatal(err)
	}
	if legacy, err = bleve.New(filepath.Join(dir, "legacy"), NewMapping()); err != nil {
		t.Fatal(err)
	}
	bn, bl := now.NewBatch(), legacy.NewBatch()
	for i, s := range publishedTimes {
		a := news.Article{ID: fmt.Sprintf("a%02d", i), Title: "t"}
		if s != "" {
			if a.Published, err = time.Parse(time.RFC3339Nano, s); err != nil {
				t.Fatal(err)
			}
			times[a.ID] = a.Published
		}
		doc, _ := Documents(a, news.Annotations{})
		if err := AddToBatch(bn, now.Mapping(), a.ID, doc); err != nil {
			t.Fatal(err)
		}
		if err := bl.Index(a.ID, doc); err != nil {
			t.Fatal(err)
		}
	}
	if err := now.Batch(bn); err != nil {
		t.Fatal(err)
	}
	if err := legacy.Batch(bl); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { now.Close(); legacy.Close() })
	return now, legacy, times
}

func matchIDs(t *testing.T, idx bleve.Index, q bquery.Query) []string {
	t.Helper()
	r := bleve.NewSearchRequestOptions(q, 100, 0, false)
	r.SortBy([]string{"_id"})
	res, err := idx.Search(r)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// TestDateRangeQuery: for every pair of bounds around the documents' times
// (each time, a nanosecond either side, its midnights, month and year
// starts, open ends), DateRangeQuery matches exactly the documents
// published in [from, to), which is what Bleve's date range query matched,
// whether published has one term or Bleve's 16.
func TestDateRangeQuery(t *testing.T) {
	now, legacy, times := dateIndexes(t)
	bounds := []time.Time{{}}
	for _, p := range times {
		d, m, y := floorDay(p), monthStart(p.UTC()), yearStart(p.UTC())
		bounds = append(bounds, p, p.Add(-time.Nanosecond), p.Add(time.Nanosecond), d, d.AddDate(0, 0, 1), d.Add(-time.Hour),
			m, m.AddDate(0, 1, 0), m.AddDate(0, 1, 1), y, y.AddDate(1, 0, 0), y.AddDate(1, 2, 3).Add(time.Second))
	}
	for _, from := range bounds {
		for _, to := range bounds {
			if (from.IsZero() && to.IsZero()) || (!from.IsZero() && !to.IsZero() && !from.Before(to)) {
				continue // the API refuses these
			}
			want := []string{}
			for id, p := range times {
				if (from.IsZero() || !p.Before(from)) && (to.IsZero() || p.Before(to)) {
					want = append(want, id)
				}
			}
			slices.Sort(want)
			name := fmt.Sprintf("[%s, %s)", from.Format(time.RFC3339Nano), to.Format(time.RFC3339Nano))
			q := DateRangeQuery(from, to)
			if got := matchIDs(t, now, q); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %v, want %v", name, got, want)
			}
			if got := matchIDs(t, legacy, q); !reflect.DeepEqual(got, want) {
				t.Errorf("%s with Bleve's datetime terms: %v, want %v", name, got, want)
			}
		}
	}
}

// TestPublishedSortAndStored: the one-term published field sorts and reads
// back as Bleve's datetime field does.
func TestPublishedSortAndStored(t *testing.T) {
	now, legacy, _ := dateIndexes(t)
	for _, sort := range []string{"published", "-published"} {
		var orders [2][]string
		for i, idx := range []bleve.Index{now, legacy} {
			r := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 100, 0, false)
			r.SortBy([]string{sort, "_id"})
			r.Fields = []string{FieldPublished}
			res, err := idx.Search(r)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				orders[i] = append(orders[i], fmt.Sprintf("%s=%v", h.ID, h.Fields[FieldPublished]))
			}
		}
		if !reflect.DeepEqual(orders[0], orders[1]) || len(orders[0]) != len(publishedTimes) {
			t.Errorf("sort %s:\n now    %v\n legacy %v", sort, orders[0], orders[1])
		}
	}
}

// TestMetaDateRange: generations built before DateTerms keep Bleve's date
// range query, whose terms they hold.
func TestMetaDateRange(t *testing.T) {
	from, to := time.Date(2022, 2, 15, 6, 0, 0, 0, time.UTC), time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	q, ok := (Meta{}).DateRange(from, to).(*bquery.DateRangeQuery)
	if !ok || q.FieldVal != FieldPublished || !q.Start.Equal(from) || !q.End.Equal(to) || !*q.InclusiveStart || *q.InclusiveEnd {
		t.Errorf("legacy generation: %#v", Meta{}.DateRange(from, to))
	}
	got, want := (Meta{DateTerms: true}).DateRange(from, to), DateRangeQuery(from, to)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("generation with date terms: %#v, want %#v", got, want)
	}
}

// TestDateSpans: in a generation with DateSpans, a date range matches a
// year or month date when its span overlaps the range, and a day's date
// as before, for every pair of bounds around the spans.
func TestDateSpans(t *testing.T) {
	type dated struct {
		published, prec string
	}
	docs := map[string]dated{
		"y2014": {"2014-01-01T00:00:00Z", news.PrecisionYear}, "y2020": {"2020-01-01T00:00:00Z", news.PrecisionYear},
		"m2014-03": {"2014-03-01T00:00:00Z", news.PrecisionMonth}, "m2019-12": {"2019-12-01T00:00:00Z", news.PrecisionMonth},
		"d2014-03-05": {"2014-03-05T10:00:00Z", ""}, "d2020-01-01": {"2020-01-01T00:00:00Z", ""}, "undated": {"", ""},
	}
	idx, err := bleve.New(filepath.Join(t.TempDir(), "x"), NewMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	type span struct{ from, to time.Time }
	spans := map[string]span{}
	b := idx.NewBatch()
	for id, d := range docs {
		a := news.Article{ID: id, Title: "t", DatePrecision: d.prec}
		if d.published != "" {
			a.Published, _ = time.Parse(time.RFC3339, d.published)
			end := a.Published.Add(time.Nanosecond)
			switch d.prec {
			case news.PrecisionYear:
				end = a.Published.AddDate(1, 0, 0)
			case news.PrecisionMonth:
				end = a.Published.AddDate(0, 1, 0)
			}
			spans[id] = span{a.Published, end}
		}
		doc, _ := Documents(a, news.Annotations{})
		if err := AddToBatch(b, idx.Mapping(), id, doc); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	bounds := []time.Time{{}}
	for _, s := range spans {
		for _, p := range []time.Time{s.from, s.to} {
			bounds = append(bounds, p, p.Add(-time.Nanosecond), p.Add(time.Nanosecond), p.AddDate(0, 0, 1), p.AddDate(0, 1, 15), p.AddDate(0, -1, -3))
		}
	}
	meta := Meta{DateTerms: true, DateSpans: true}
	for _, from := range bounds {
		for _, to := range bounds {
			if (from.IsZero() && to.IsZero()) || (!from.IsZero() && !to.IsZero() && !from.Before(to)) {
				continue
			}
			want := []string{}
			for id, s := range spans {
				if (from.IsZero() || s.to.After(from)) && (to.IsZero() || s.from.Before(to)) {
					want = append(want, id)
				}
			}
			slices.Sort(want)
			if got := matchIDs(t, idx, meta.DateRange(from, to)); !reflect.DeepEqual(got, want) {
				t.Errorf("[%s, %s): %v, want %v", from.Format(time.RFC3339Nano), to.Format(time.RFC3339Nano), got, want)
			}
		}
	}
	// Without DateSpans a span matches by its first instant only.
	if got := matchIDs(t, idx, (Meta{DateTerms: true}).DateRange(time.Date(2014, 6, 1, 0, 0, 0, 0, time.UTC), time.Time{})); slices.Contains(got, "y2014") {
		t.Errorf("without DateSpans: %v", got)
	}
}
