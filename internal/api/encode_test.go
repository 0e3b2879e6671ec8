package api

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/search"
	"github.com/readout/readout/internal/search/searchtest"
)

// stdJSON is what writeJSON wrote before the hand-written encoder.
func stdJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// sampleResponses runs searches of every shape over the sample corpus.
func sampleResponses(t testing.TB) map[string]*search.Response {
	e := search.New(searchtest.SampleStore(t), nil, search.Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	out := map[string]*search.Response{}
	for _, params := range []string{
		"",
		"q=ceasefire",
		"q=ceasefire&histogram=month&split=country:3",
		"q=de-escalation&mode=quotes&facets=speaker,country&sort=oldest",
		"mode=quotes&size=100&histogram=auto",
		"q=talks&size=2",
		"q=ceasefire&highlight=false&facets=none&sort=newest",
		"q=nomatchatallxyz",
		"country=UA&facets=person:2,org&histogram=year",
	} {
		v, err := url.ParseQuery(params)
		if err != nil {
			t.Fatal(err)
		}
		req, err := searchRequest(v)
		if err != nil {
			t.Fatalf("%q: %v", params, err)
		}
		res, err := e.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("%q: %v", params, err)
		}
		out[params] = res
	}
	return out
}

func TestAppendResponseMatchesEncodingJSON(t *testing.T) {
	check := func(t *testing.T, r *search.Response) {
		t.Helper()
		want, werr := stdJSON(r)
		got, gerr := appendResponse(nil, r)
		if (werr != nil) != (gerr != nil) {
			t.Fatalf("errors differ: encoding/json %v, appendResponse %v", werr, gerr)
		}
		if werr == nil && !bytes.Equal(got, want) {
			t.Fatalf("output differs at byte %d:\n got %s\nwant %s", firstDiff(got, want), got, want)
		}
	}
	t.Run("sample corpus", func(t *testing.T) {
		for params, r := range sampleResponses(t) {
			t.Run(params, func(t *testing.T) {
				if len(r.Hits) == 0 && params != "q=nomatchatallxyz" {
					t.Fatalf("%q found nothing; the case tests nothing", params)
				}
				check(t, r)
			})
		}
	})
	t.Run("every field filled", func(t *testing.T) {
		// fill sets every field, so that a field added to the response
		// types and not to encode.go is caught here.
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range 300 {
			var r search.Response
			fill(rng, reflect.ValueOf(&r).Elem(), 0)
			if i%3 == 0 {
				r = *zeroSome(rng, &r)
			}
			check(t, &r)
		}
	})
	t.Run("edge values", func(t *testing.T) {
		cursor := "c\u2028\x00"
		for _, r := range []*search.Response{
			nil,
			{},
			{Hits: []search.Hit{}, Facets: map[string][]search.FacetValue{}, NextCursor: &cursor},
			{TookMS: math.NaN()},
			{TookMS: math.Inf(1)},
			{TookMS: 1e21},
			{TookMS: 1e-7},
			{TookMS: -0.000001},
			{TookMS: 123456789.125},
			{Hits: []search.Hit{{Score: 5e-324}}},
			{Hits: []search.Hit{{Published: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}},
			{Hits: []search.Hit{{Published: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}}},
			{Hits: []search.Hit{{Published: time.Date(2024, 2, 29, 23, 59, 59, 123000, time.FixedZone("x", 5*3600+1800))}}},
			{Hits: []search.Hit{{Snippets: map[string][]string{"b": nil, "a": {}}}}},
			{Hits: []search.Hit{{QuoteFields: &search.QuoteFields{}}}},
			{Histogram: &search.Histogram{}},
			{Histogram: &search.Histogram{Series: []search.Series{{}}, Buckets: []search.Bucket{}}},
			{Facets: map[string][]search.FacetValue{"x": nil}},
		} {
			check(t, r)
		}
	})
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", `"q" \ /`, "\x00\x1f\x7f", "\b\f\n\r\t", "é…\u2028\u2029", "\xff\xfe", "a\xc3", "<mark>x</mark>&amp;", "12345678\"12345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := stdJSON(s)
		if err != nil {
			t.Fatal(err)
		}
		got := append(appendString(nil, s), '\n')
		if !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}

func TestAppendStringEveryByte(t *testing.T) {
	// Each byte value at every offset of an eight-byte word and past it,
	// where the word-at-a-time scan hands over to the byte loop.
	for c := range 256 {
		for pos := range 17 {
			s := strings.Repeat("a", pos) + string([]byte{byte(c)}) + strings.Repeat("b", 16-pos)
			want, _ := stdJSON(s)
			if got := append(appendString(nil, s), '\n'); !bytes.Equal(got, want) {
				t.Fatalf("byte %#x at %d: got %s, want %s", c, pos, got, want)
			}
		}
	}
}

// BenchmarkEncodeResponse compares the hand-written encoder with
// encoding/json on the largest sample-corpus response.
func BenchmarkEncodeResponse(b *testing.B) {
	var r *search.Response
	var size int
	for _, res := range sampleResponses(b) {
		raw, _ := stdJSON(res)
		if len(raw) > size {
			r, size = res, len(raw)
		}
	}
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			if _, err := stdJSON(r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("append", func(b *testing.B) {
		b.SetBytes(int64(size))
		var buf []byte
		for b.Loop() {
			var err error
			if buf, err = appendResponse(buf[:0], r); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// tricky are strings that exercise every escaping rule.
var tricky = []string{"", "plain text", `say "no"`, `back\slash`, "tab\tnew\nline\r", "\x00\x01\x1f\x7f", "<mark>x</mark> & y", "é ü 中文 …", "\u2028\u2029", "bad \xff utf-8 \xc3", "long plain ascii run of more than sixteen bytes"}

// fill sets v (and everything under it) to random non-zero values.
func fill(rng *rand.Rand, v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(tricky[rng.IntN(len(tricky)-1)+1])
	case reflect.Int, reflect.Int64:
		v.SetInt(rng.Int64N(2_000_000) - 1_000_000)
	case reflect.Float64:
		fs := []float64{0.5, 1e-7, 3e21, 12.345678901234567, -4, rng.Float64() * 100}
		v.SetFloat(fs[rng.IntN(len(fs))])
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(rng, v.Elem(), depth+1)
	case reflect.Slice:
		n := 1 + rng.IntN(3)
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			fill(rng, v.Index(i), depth+1)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range 1 + rng.IntN(3) {
			k := reflect.New(v.Type().Key()).Elem()
			fill(rng, k, depth+1)
			e := reflect.New(v.Type().Elem()).Elem()
			fill(rng, e, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Unix(rng.Int64N(4e9), rng.Int64N(1e9)).In(time.FixedZone("", 3600*(rng.IntN(25)-12)))))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(rng, v.Field(i), depth+1)
			}
		}
	default:
		panic("fill: no case for " + v.Kind().String() + "; add one and to encode.go")
	}
}

// zeroSome clears some fields of r's hits, so the omitempty and null paths
// are taken beside the filled ones.
func zeroSome(rng *rand.Rand, r *search.Response) *search.Response {
	for i := range r.Hits {
		h := &r.Hits[i]
		switch rng.IntN(4) {
		case 0:
			h.QuoteFields = nil
			h.Snippets = nil
		case 1:
			h.Published = time.Time{}
			h.ArticleID, h.Source, h.URL = "", "", ""
		case 2:
			h.Quotes = nil
			if h.QuoteFields != nil {
				h.Speaker = nil
				h.SpeakerAsWritten, h.Cue, h.Kind = "", "", ""
			}
		}
	}
	if rng.IntN(2) == 0 {
		r.Histogram, r.NextCursor, r.Facets, r.Hits = nil, nil, nil, nil
	} else if r.Histogram != nil {
		r.Histogram.Split, r.Histogram.Series = "", nil
	}
	return r
}
