package index

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/readout/readout/corpus"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/testutil"
)

// legacyAnnotations is what StoredAnnotations returned for the JSON that
// generations stored before the compact encoding: the reference a decoded
// value must equal.
func legacyAnnotations(t testing.TB, ann news.Annotations) (news.Annotations, string) {
	t.Helper()
	js, err := json.Marshal(ann)
	if err != nil {
		t.Fatal(err)
	}
	var want news.Annotations
	if err := json.Unmarshal(js, &want); err != nil {
		t.Fatal(err)
	}
	return want, string(js)
}

// checkRoundTrip encodes ann, decodes it, and checks the result against the
// legacy JSON's, and that the legacy JSON itself still decodes to it.
func checkRoundTrip(t testing.TB, name string, ann news.Annotations, title, body string) (compact, legacy int) {
	t.Helper()
	want, js := legacyAnnotations(t, ann)
	enc := EncodeAnnotations(ann, title, body)
	got, err := StoredAnnotations(string(enc), title, body)
	if err != nil {
		t.Fatalf("%s: decode: %v", name, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: round trip\n got %+v\nwant %+v", name, got, want)
	}
	old, err := StoredAnnotations(js, title, body)
	if err != nil || !reflect.DeepEqual(old, want) {
		t.Fatalf("%s: legacy JSON decodes to %+v (%v)", name, old, err)
	}
	return len(enc), len(js)
}

func TestAnnotationsRoundTrip(t *testing.T) {
	title := "Kovač meets Blinken"
	body := "Anna Kovač said \"we will talk\" in Genève.\n\nThe minister added that talks would resume."
	tests := []struct {
		name string
		ann  news.Annotations
	}{
		{"zero", news.Annotations{}},
		{"empty lists", news.Annotations{Entities: []news.Entity{}, Countries: []news.Country{}, Quotes: []news.Quote{}}},
		{"spans of title and body", news.Annotations{
			Entities: []news.Entity{
				{ID: "anna-kovac", Name: "Anna Kovač", Type: news.TypePerson, Country: "HR", Role: "Foreign Minister", Count: 2,
					Mentions: []news.Mention{
						{Field: "title", Start: 0, End: 6, Text: "Kovač"},
						{Field: "body", Start: 0, End: 11, Text: "Anna Kovač"},
					}},
				{ID: "geneva", Name: "Geneva", Type: news.TypePlace, Country: "CH", Count: 1,
					Mentions: []news.Mention{{Field: "body", Start: 35, End: 42, Text: "Genève"}}},
				{ID: "no-mentions", Name: "No Mentions", Type: news.TypeOrg, Mentions: []news.Mention{}},
				{ID: "nil-mentions", Name: "Nil Mentions", Type: news.TypeOrg},
			},
			Countries: []news.Country{{Code: "HR", Name: "Croatia", Count: 3}, {Code: "CH", Name: "Switzerland", Count: 1}},
			Quotes: []news.Quote{
				{Text: "we will talk", SpeakerID: "anna-kovac", SpeakerName: "Anna Kovač", SpeakerAsWritten: "Anna Kovač",
					Cue: "said", Kind: news.KindDirect, Start: 18, End: 30},
				{Text: "talks would resume", SpeakerID: "anna-kovac", SpeakerName: "Anna Kovač", SpeakerAsWritten: "The minister",
					Cue: "added", Kind: news.KindIndirect, Start: 67, End: 85, Paragraph: 1},
			},
		}},
		{"texts that are not spans", news.Annotations{
			Entities: []news.Entity{{ID: "x", Name: "X", Type: news.TypeOrg, Count: -1, Mentions: []news.Mention{
				{Field: "body", Start: 0, End: 4, Text: "not the span"},        // differs from the span
				{Field: "body", Start: 80, End: 500, Text: "past the end"},     // out of range
				{Field: "body", Start: 9, End: 3, Text: ""},                    // reversed
				{Field: "lede", Start: 0, End: 4, Text: "Anna"},                // another field
				{Field: "title", Start: -5, End: -1, Text: "negative offsets"}, // before the start
			}}},
			Quotes: []news.Quote{{Text: "we  will talk", Kind: news.KindDirect, Start: 18, End: 30}},
		}},
		{"strings repeated and empty", news.Annotations{
			Entities: []news.Entity{{ID: "", Name: "", Type: ""}, {ID: "", Name: "", Type: ""}},
			Quotes:   []news.Quote{{Text: "", Start: 0, End: 0}, {Text: "", Start: 0, End: 0}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRoundTrip(t, tt.name, tt.ann, title, body)
		})
	}
}

// TestAnnotationsLegacyJSON: generations written before the compact encoding
// store JSON, which still decodes; no value is no annotations; a value that
// is neither is an error.
func TestAnnotationsLegacyJSON(t *testing.T) {
	js := `{"entities":[{"id":"geneva","name":"Geneva","type":"place","country":"CH","count":1,` +
		`"mentions":[{"field":"body","start":3,"end":9,"text":"Geneva"}]}],"countries":null,` +
		`"quotes":[{"text":"ok","kind":"direct","start":0,"end":2,"paragraph":0}]}`
	got, err := StoredAnnotations(js, "", "ignored: the JSON holds its texts")
	want := news.Annotations{
		Entities: []news.Entity{{ID: "geneva", Name: "Geneva", Type: "place", Country: "CH", Count: 1,
			Mentions: []news.Mention{{Field: "body", Start: 3, End: 9, Text: "Geneva"}}}},
		Quotes: []news.Quote{{Text: "ok", Kind: "direct", Start: 0, End: 2}},
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("legacy JSON = %+v, %v", got, err)
	}
	for _, raw := range []any{nil, "", []byte{}, 42} {
		if got, err := StoredAnnotations(raw, "t", "b"); err != nil || !reflect.DeepEqual(got, news.Annotations{}) {
			t.Errorf("StoredAnnotations(%#v) = %+v, %v; want none", raw, got, err)
		}
	}
	for _, raw := range []string{"{", "not json", "\x02\x00", "\x01", "\x01\x05ab"} {
		if _, err := StoredAnnotations(raw, "t", "b"); err == nil {
			t.Errorf("StoredAnnotations(%q): no error", raw)
		}
	}
}

// TestAnnotationsDecodeErrors: a stored value that does not fit its title
// and body, or is cut short, is an error that names corrupt annotations.
func TestAnnotationsDecodeErrors(t *testing.T) {
	ann := news.Annotations{Quotes: []news.Quote{{Text: "talk", Kind: news.KindDirect, Start: 5, End: 9}}}
	enc := EncodeAnnotations(ann, "", "will talk")
	if _, err := DecodeAnnotations(enc, "", "short"); !errors.Is(err, errAnnotations) {
		t.Errorf("span past the body: err = %v", err)
	}
	for n := 1; n < len(enc); n++ {
		if _, err := DecodeAnnotations(enc[:n], "", "will talk"); !errors.Is(err, errAnnotations) {
			t.Errorf("cut to %d of %d bytes: err = %v", n, len(enc), err)
		}
	}
	if _, err := DecodeAnnotations(append(enc, 0), "", "will talk"); !errors.Is(err, errAnnotations) {
		t.Errorf("trailing byte: err = %v", err)
	}
}

// roundTripCorpus extracts every article of inputs and checks that its
// annotations survive the encoding exactly; it logs the sizes.
func roundTripCorpus(t *testing.T, inputs ...ingest.Input) {
	x := newExtractor(t)
	var n, compact, legacy int
	_, err := ingest.Read(context.Background(), inputs, ingest.Options{}, func(a news.Article) error {
		c, l := checkRoundTrip(t, a.ID, x.Extract(a), a.Title, a.Body)
		n, compact, legacy = n+1, compact+c, legacy+l
		return nil
	}, func(*ingest.Problem) {})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no articles read")
	}
	t.Logf("%d articles: annotations %d bytes compact, %d as JSON (%.1f%%)", n, compact, legacy, 100*float64(compact)/float64(legacy))
}

func TestAnnotationsRoundTripSample(t *testing.T) {
	roundTripCorpus(t, ingest.FSInput("corpus", corpus.FS, "."))
}

func TestAnnotationsRoundTripReuters(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("slow: runs without -race and -short")
	}
	roundTripCorpus(t, ingest.OSInput(testutil.Corpus(t, "reuters21578.jsonl.gz")))
}

// FuzzDecodeAnnotations: no input makes the decoder panic; what it accepts
// encodes back to a value that decodes the same.
func FuzzDecodeAnnotations(f *testing.F) {
	title, body := "Kovač meets Blinken", "Anna Kovač said \"we will talk\" in Genève."
	f.Add(EncodeAnnotations(news.Annotations{}, title, body))
	f.Add(EncodeAnnotations(news.Annotations{
		Entities: []news.Entity{{ID: "anna-kovac", Name: "Anna Kovač", Type: news.TypePerson, Count: 1,
			Mentions: []news.Mention{{Field: "body", Start: 0, End: 11, Text: "Anna Kovač"}, {Field: "x", Text: "y"}}}},
		Countries: []news.Country{{Code: "HR", Name: "Croatia", Count: 1}},
		Quotes:    []news.Quote{{Text: "we will talk", Kind: news.KindDirect, Cue: "said", Start: 18, End: 30}},
	}, title, body))
	f.Add([]byte{annVersion1, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		ann, err := DecodeAnnotations(b, title, body)
		if err != nil {
			if !errors.Is(err, errAnnotations) {
				t.Fatalf("error %v is not errAnnotations", err)
			}
			return
		}
		again, err := DecodeAnnotations(EncodeAnnotations(ann, title, body), title, body)
		if err != nil || !reflect.DeepEqual(again, ann) {
			t.Fatalf("re-encoded: %+v, %v; want %+v", again, err, ann)
		}
	})
}
