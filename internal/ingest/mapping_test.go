package ingest

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/readout/readout/internal/news"
)

// TestParseMappingErrors: every mistake fails before reading, naming its
// key.
func TestParseMappingErrors(t *testing.T) {
	tests := []struct {
		name, yaml, key, msg string
	}{
		{"empty", ``, "inputs", "empty"},
		{"unknown top key", "input:\n  - match: x\n", "input", "unknown key"},
		{"inputs not a list", "inputs: x\n", "inputs", "want a list"},
		{"no match", "inputs:\n  - fields: {body: text}\n", "inputs[0].match", "missing"},
		{"bad glob", "inputs:\n  - match: '[x'\n", "inputs[0].match", "bad glob"},
		{"unknown rule key", "inputs:\n  - match: x\n    feilds: {body: text}\n", "inputs[0].feilds", "unknown key"},
		{"unknown field", "inputs:\n  - match: x\n    fields: {headline: title}\n", "inputs[0].fields.headline", "unknown key"},
		{"field not a string", "inputs:\n  - match: x\n    fields: {body: [a, b]}\n", "inputs[0].fields.body", "want a string"},
		{"unknown constant", "inputs:\n  - match: x\n    constants: {publisher: UN}\n", "inputs[0].constants.publisher", "unknown key"},
		{"constant and field", "inputs:\n  - match: x\n    fields: {source: src}\n    constants: {source: UN}\n", "inputs[0].constants.source", "also mapped"},
		{"bad regexp", "inputs:\n  - match: x\n  - match: y\n    date: {from: id, pattern: '(\\d{4}', precision: year}\n", "inputs[1].date.pattern", "bad regular expression"},
		{"no group", "inputs:\n  - match: x\n    date: {from: id, pattern: '\\d{4}$', precision: year}\n", "inputs[0].date.pattern", "exactly one group"},
		{"two groups", "inputs:\n  - match: x\n    date: {from: id, pattern: '(\\d{2})(\\d{2})$'}\n", "inputs[0].date.pattern", "exactly one group"},
		{"unknown precision", "inputs:\n  - match: x\n    date: {from: id, pattern: '(\\d{4})$', precision: decade}\n", "inputs[0].date.precision", "unknown precision"},
		{"date without from", "inputs:\n  - match: x\n    date: {precision: year}\n", "inputs[0].date.from", "missing"},
		{"date twice", "inputs:\n  - match: x\n    fields: {date: year}\n    date: {from: id, precision: year}\n", "inputs[0].date", "also given in fields"},
		{"unknown date key", "inputs:\n  - match: x\n    date: {from: id, format: '%Y'}\n", "inputs[0].date.format", "unknown key"},
		{"speaker role only", "inputs:\n  - match: x\n    speaker: {role: post}\n", "inputs[0].speaker", "want name or country"},
		{"speaker bad pattern", "inputs:\n  - match: x\n    speaker: {country: {from: id, pattern: 'ungd-[A-Z]+'}}\n", "inputs[0].speaker.country.pattern", "exactly one group"},
		{"speaker unknown key", "inputs:\n  - match: x\n    speaker: {country_from: id}\n", "inputs[0].speaker.country_from", "unknown key"},
		{"key twice", "inputs:\n  - match: x\n    match: y\n", "inputs[0].match", "given twice"},
		{"not YAML", "inputs: [\n", "", "yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseMapping(strings.NewReader(tt.yaml))
			var me *MappingError
			if !errors.As(err, &me) {
				t.Fatalf("got %v, %v; want a *MappingError", m, err)
			}
			if me.Key != tt.key || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got %q (key %q), want key %q and %q", err, me.Key, tt.key, tt.msg)
			}
			if tt.key != "" && !strings.HasPrefix(err.Error(), "mapping "+tt.key+": ") {
				t.Errorf("%q does not open with the key", err)
			}
		})
	}
}

const ungdMapping = `
inputs:
  - match: "ungd-*.jsonl"
    fields: {body: text}
    date: {from: id, pattern: '-(\d{4})$', precision: year}
    speaker:
      country: {from: id, pattern: '^ungd-([A-Z]{2,3})-'}
    constants: {source: UN General Debate}
  - match: "dated/*.jsonl"
    fields: {title: headline, date: when, url: link, speaker: who}
    constants: {authors: Desk}
`

// TestReadMapped: records read through a mapping, year and month dates,
// a speaker from the id, constants, other files unchanged.
func TestReadMapped(t *testing.T) {
	m, err := ParseMapping(strings.NewReader(ungdMapping))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"ungd-1990-2024.jsonl": {Data: []byte(strings.Join([]string{
			`{"id":"ungd-USA-75-2020","title":"United States: statement","text":"We speak.","source":"ignored"}`,
			`{"id":"ungd-FRA-50-1995","title":"France: statement","text":"Nous parlons.","extra":1}`,
			`{"id":"ungd-XX","title":"no year","text":"x"}`,
		}, "\n"))},
		"dated/a.jsonl": {Data: []byte(strings.Join([]string{
			`{"id":"d1","headline":"Month","text":"b","when":"2014-03","link":"https://x","who":{"name":"A B","country":"HR"}}`,
			`{"id":"d2","headline":"Day","when":"2014-03-05T10:00:00Z"}`,
			`{"id":"d3","headline":"Year","when":"2014"}`,
			`{"id":"d4","headline":"Bad","when":"spring"}`,
		}, "\n"))},
		"plain.jsonl": {Data: []byte(`{"id":"p","title":"T","published":"2015","text":"unknown here"}` + "\n")},
	}
	res := readInputs(t, Options{Mapping: m}, FSInput("corp", fsys, "."))
	y := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	want := []news.Article{
		{ID: "d1", Title: "Month", Published: time.Date(2014, 3, 1, 0, 0, 0, 0, time.UTC), DatePrecision: news.PrecisionMonth,
			URL: "https://x", Authors: []string{"Desk"}, Speakers: []news.DocSpeaker{{Name: "A B", Country: "HR"}}, Origin: "corp/dated/a.jsonl:1"},
		{ID: "d2", Title: "Day", Published: time.Date(2014, 3, 5, 10, 0, 0, 0, time.UTC), Authors: []string{"Desk"}, Origin: "corp/dated/a.jsonl:2"},
		{ID: "d3", Title: "Year", Published: y(2014), DatePrecision: news.PrecisionYear, Authors: []string{"Desk"}, Origin: "corp/dated/a.jsonl:3"},
		{ID: "p", Title: "T", Published: y(2015), DatePrecision: news.PrecisionYear, Origin: "corp/plain.jsonl:1"},
		{ID: "ungd-USA-75-2020", Title: "United States: statement", Body: "We speak.", Source: "UN General Debate",
			Published: y(2020), DatePrecision: news.PrecisionYear, Speakers: []news.DocSpeaker{{Name: "USA", Country: "USA"}},
			Origin: "corp/ungd-1990-2024.jsonl:1"},
		{ID: "ungd-FRA-50-1995", Title: "France: statement", Body: "Nous parlons.", Source: "UN General Debate",
			Published: y(1995), DatePrecision: news.PrecisionYear, Speakers: []news.DocSpeaker{{Name: "FRA", Country: "FRA"}},
			Origin: "corp/ungd-1990-2024.jsonl:2"},
	}
	checkResult(t, res, want, []string{
		`corp/dated/a.jsonl:4: published: invalid date "spring": want RFC 3339, YYYY-MM-DD, YYYY-MM or YYYY`,
		`corp/ungd-1990-2024.jsonl:3: published: member "id" ("ungd-XX") does not match the mapping's pattern -(\d{4})$`,
	})
	if !reflect.DeepEqual(res.stats.UnknownFields, []string{"extra", "source", "text"}) {
		t.Errorf("unknown fields %q, want the UN file's extra and source (a constant), the plain file's text", res.stats.UnknownFields)
	}
}

// TestDatePrecise: a mapping's precision cuts finer dates and refuses
// coarser ones.
func TestDatePrecise(t *testing.T) {
	tests := []struct {
		prec, in, want string // want "" for an error
	}{
		{"year", "2020", "2020"},
		{"year", "2020-09-22", "2020"},
		{"year", "2020-09-22T15:00:00Z", "2020"},
		{"month", "2020-09-22", "2020-09"},
		{"month", "2020", ""},
		{"day", "2020-09", ""},
		{"", "2020-09", "2020-09"},
		{"year", "MMXX", ""},
	}
	for _, tt := range tests {
		got, err := (&DateRule{Precision: tt.prec}).precise(tt.in)
		if tt.want == "" {
			if !errors.Is(err, ErrInvalidDate) {
				t.Errorf("%s %q: got %q, %v; want ErrInvalidDate", tt.prec, tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s %q: got %q, %v; want %q", tt.prec, tt.in, got, err, tt.want)
		}
	}
}

// TestParseDateSpan: years and months as spans, the rest as ParseDate.
func TestParseDateSpan(t *testing.T) {
	tests := []struct {
		in, want, prec string // want "" for an error
	}{
		{"2020", "2020-01-01T00:00:00Z", news.PrecisionYear},
		{"2020-09", "2020-09-01T00:00:00Z", news.PrecisionMonth},
		{"2020-09-22", "2020-09-22T00:00:00Z", ""},
		{"2020-09-22T15:00:00+02:00", "2020-09-22T13:00:00Z", ""},
		{"2020-13", "", ""},
		{"20x0", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		got, prec, err := ParseDateSpan(tt.in)
		if tt.want == "" {
			if !errors.Is(err, ErrInvalidDate) {
				t.Errorf("%q: got %v %q, %v; want ErrInvalidDate", tt.in, got, prec, err)
			}
			continue
		}
		if err != nil || got.Format(time.RFC3339) != tt.want || prec != tt.prec {
			t.Errorf("%q: got %v %q, %v; want %s %q", tt.in, got, prec, err, tt.want, tt.prec)
		}
	}
}

// TestMappingNonJSONL: a rule that matches a text file is a problem for
// that file, not a silent default read.
func TestMappingNonJSONL(t *testing.T) {
	m, err := ParseMapping(strings.NewReader("inputs:\n  - match: '*.txt'\n    fields: {body: text}\n"))
	if err != nil {
		t.Fatal(err)
	}
	res := readInputs(t, Options{Mapping: m}, FSInput("c", fstest.MapFS{"a.txt": {Data: []byte("Title\n\nBody")}}, "."))
	checkResult(t, res, nil, []string{`c/a.txt: the mapping's rule "*.txt" applies to JSON Lines files only`})
}

// FuzzMapping: any YAML either parses into a mapping or fails with a
// *MappingError, and any line read through the shipped example's rule is
// either a problem or an article the record format accepts; nothing
// panics.
func FuzzMapping(f *testing.F) {
	f.Add(ungdMapping, `{"id":"ungd-USA-75-2020","title":"t","text":"b"}`)
	f.Add("inputs:\n  - match: x\n    date: {from: id}\n", `{"id":5,"text":null}`)
	f.Add("inputs: [{match: '*', speaker: {name: n}}]", `{"n":["a"],"id":"x","title":"t"}`)
	f.Fuzz(func(t *testing.T, y, line string) {
		m, err := ParseMapping(strings.NewReader(y))
		var me *MappingError
		if err != nil {
			if !errors.As(err, &me) {
				t.Fatalf("error %v is no *MappingError", err)
			}
			return
		}
		for i := range m.Rules {
			out, _, _, err := m.Rules[i].apply([]byte(line))
			if err == nil {
				if _, _, p := DecodeRecord(out, Options{}, Problem{Path: "fuzz"}, ""); p != nil && p.Err == nil {
					t.Fatalf("problem without a reason for %q", out)
				}
			}
		}
	})
}
