package index

import (
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/numeric"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/readout/readout/internal/news"
)

// FieldPublished is indexed as one term per document: the datetime's full
// precision prefix code, which is its sort value (sorting reads the doc
// values, and zap only builds doc values from indexed terms). Bleve's
// datetime field adds 15 coarser prefix codes for numeric range queries,
// which were a ninth of a generation, in every article and every quote
// document. Date ranges are DateRangeQuery's instead: whole days from
// FieldDay, the parts of a day at either end from the full precision
// terms. Generations built before hold all 16 terms; the coarser ones are
// never read.

// publishedField is Bleve's datetime field analysed into its full precision
// term only.
type publishedField struct {
	*document.DateTimeField
	length int
	freqs  bindex.TokenFrequencies
}

func (f *publishedField) Analyze() {
	t, _, err := f.DateTime()
	if err != nil {
		return // not a date: no term, as Bleve's own field does
	}
	term := numeric.MustNewPrefixCodedInt64(t.UnixNano(), 0)
	tokens := analysis.TokenStream{{Start: 0, End: len(term), Term: term, Position: 1, Type: analysis.DateTime}}
	f.length = len(tokens)
	f.freqs = analysis.TokenFrequency(tokens, f.ArrayPositions(), f.Options())
}

func (f *publishedField) AnalyzedLength() int                               { return f.length }
func (f *publishedField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }

// DateRange matches the documents of the generation published in [from,
// to) (a zero time is an open end), exactly as Bleve's date range query on
// FieldPublished with an inclusive start and an exclusive end, which is
// what it is on generations built before DateTerms.
func (m Meta) DateRange(from, to time.Time) bquery.Query {
	if !m.DateTerms {
		t, f := true, false
		q := bleve.NewDateRangeInclusiveQuery(from, to, &t, &f)
		q.SetField(FieldPublished)
		return q
	}
	if m.DateSpans {
		return bleve.NewDisjunctionQuery(DateRangeQuery(from, to), SpanOverlapQuery(from, to))
	}
	return DateRangeQuery(from, to)
}

// SpanOverlapQuery matches the documents dated by a year or a month
// (FieldPrecision) whose span overlaps [from, to) (a zero time is an open
// end): a year from the year of from to the year of to's last instant, a
// month likewise. Documents dated by a day have no FieldPrecision and never
// match; DateRangeQuery matches them (and a span whose start is in the
// range, which overlaps it too).
func SpanOverlapQuery(from, to time.Time) bquery.Query {
	var lastIn time.Time // the last instant in [from, to)
	if !to.IsZero() {
		lastIn = to.UTC().Add(-time.Nanosecond)
	}
	span := func(prec, field, layout string) bquery.Query {
		lo, hi := term(from.UTC(), layout), ""
		if !lastIn.IsZero() {
			hi = lastIn.Format(layout)
		}
		t := true
		r := bleve.NewTermRangeInclusiveQuery(lo, hi, &t, &t)
		r.SetField(field)
		p := bleve.NewTermQuery(prec)
		p.SetField(FieldPrecision)
		return bleve.NewConjunctionQuery(p, r)
	}
	return bleve.NewDisjunctionQuery(
		span(news.PrecisionYear, FieldYear, YearLayout),
		span(news.PrecisionMonth, FieldMonth, MonthLayout))
}

// DateRangeQuery matches the documents published in [from, to) (a zero
// time is an open end) of a generation with DateTerms: whole UTC years,
// months and days by FieldYear, FieldMonth and FieldDay (a few dozen terms
// for a range of decades, as Bleve's own numeric range reads), the rest of
// a day at either end by the full precision terms of FieldPublished, which
// sort like the times. Undated documents have none of them and never match.
func DateRangeQuery(from, to time.Time) bquery.Query {
	var parts []bquery.Query
	// [lo, hi): midnights; zero is open.
	lo, hi := time.Time{}, time.Time{}
	if !from.IsZero() {
		lo = ceilDay(from)
		if !lo.Equal(from) { // the rest of from's day, up to to at most
			end := lo
			if !to.IsZero() && to.Before(end) {
				end = to
			}
			parts = append(parts, termRange(FieldPublished, timeTerm(from), timeTerm(end)))
		}
	}
	if !to.IsZero() {
		hi = floorDay(to)
		if !hi.Equal(to) && (from.IsZero() || !hi.Before(from)) { // to's day before to, unless covered above
			parts = append(parts, termRange(FieldPublished, timeTerm(hi), timeTerm(to)))
		}
	}
	if lo.IsZero() || hi.IsZero() || lo.Before(hi) {
		parts = append(parts, wholeDays(lo, hi)...)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return bleve.NewDisjunctionQuery(parts...)
}

// wholeDays matches [lo, hi) of midnights (zero: open) by days up to the
// first month boundary, months up to the first year boundary, years, then
// months and days again.
func wholeDays(lo, hi time.Time) []bquery.Query {
	var parts []bquery.Query
	add := func(field, layout string, a, b time.Time) {
		if a.IsZero() || b.IsZero() || a.Before(b) {
			parts = append(parts, termRange(field, term(a, layout), term(b, layout)))
		}
	}
	if !lo.IsZero() && !hi.IsZero() && sameMonth(lo, hi) {
		add(FieldDay, DayLayout, lo, hi)
		return parts
	}
	lo1, hi1 := lo, hi // month boundaries
	if !lo.IsZero() {
		if lo1 = monthStart(lo); !lo1.Equal(lo) {
			lo1 = lo1.AddDate(0, 1, 0)
		}
		add(FieldDay, DayLayout, lo, lo1)
	}
	if !hi.IsZero() {
		hi1 = monthStart(hi)
		add(FieldDay, DayLayout, hi1, hi)
	}
	if !lo1.IsZero() && !hi1.IsZero() && lo1.Year() == hi1.Year() {
		add(FieldMonth, MonthLayout, lo1, hi1)
		return parts
	}
	lo2, hi2 := lo1, hi1 // year boundaries
	if !lo1.IsZero() {
		if lo2 = yearStart(lo1); !lo2.Equal(lo1) {
			lo2 = lo2.AddDate(1, 0, 0)
		}
		add(FieldMonth, MonthLayout, lo1, lo2)
	}
	if !hi1.IsZero() {
		hi2 = yearStart(hi1)
		add(FieldMonth, MonthLayout, hi2, hi1)
	}
	add(FieldYear, YearLayout, lo2, hi2)
	return parts
}

func sameMonth(a, b time.Time) bool { return a.Year() == b.Year() && a.Month() == b.Month() }

func monthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func yearStart(t time.Time) time.Time { return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC) }

// term is the term of a midnight in layout, "" (open) for the zero time.
func term(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(layout)
}

// termRange matches the terms of field in [min, max); an empty bound is
// open.
func termRange(field, min, max string) bquery.Query {
	t, f := true, false
	q := bleve.NewTermRangeInclusiveQuery(min, max, &t, &f)
	q.SetField(field)
	return q
}

func floorDay(t time.Time) time.Time {
	u := t.UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC)
}

func ceilDay(t time.Time) time.Time {
	d := floorDay(t)
	if d.Equal(t) {
		return d
	}
	return d.AddDate(0, 0, 1)
}

// timeTerm is the full precision FieldPublished term of t.
func timeTerm(t time.Time) string {
	return string(numeric.MustNewPrefixCodedInt64(t.UnixNano(), 0))
}
