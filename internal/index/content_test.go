package index

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

func TestSplitLead(t *testing.T) {
	long := strings.Repeat("a", LeadBytes+40)
	// A two-byte character across byte LeadBytes.
	split := strings.Repeat("a", LeadBytes-1) + "č" + "tail"
	tests := []struct {
		name, body, lead, rest string
	}{
		{"empty", "", "", ""},
		{"short", "A short body.", "A short body.", ""},
		{"exactly LeadBytes", long[:LeadBytes], long[:LeadBytes], ""},
		{"long", long, long[:LeadBytes], long[LeadBytes:]},
		{"character across the cut", split, split[:LeadBytes-1], "č" + "tail"},
	}
	for _, tt := range tests {
		lead, rest := SplitLead(tt.body)
		if lead != tt.lead || rest != tt.rest {
			t.Errorf("%s: SplitLead = %q, %q; want %q, %q", tt.name, lead, rest, tt.lead, tt.rest)
		}
		if lead+rest != tt.body {
			t.Errorf("%s: lead + rest is not the body", tt.name)
		}
	}
}

func TestContentRoundTrip(t *testing.T) {
	tests := []struct {
		name, rest string
		ann        []byte
	}{
		{"empty", "", nil},
		{"rest only", "the rest of a body, with Kovač and «quotes»", nil},
		{"annotations only", "", []byte{annVersion1, 0, 0, 0, 0}},
		{"both", strings.Repeat("Talks resumed in Geneva on Tuesday. ", 60), []byte{annVersion1, 2, 1, 'x', 1, 'y'}},
	}
	for _, tt := range tests {
		b := EncodeContent(tt.rest, tt.ann)
		rest, ann, err := DecodeContent(b)
		if err != nil || rest != tt.rest || string(ann) != string(tt.ann) {
			t.Errorf("%s: DecodeContent(EncodeContent) = %q, %v, %v", tt.name, rest, ann, err)
		}
	}
}

func TestDecodeContentCorrupt(t *testing.T) {
	good := EncodeContent(strings.Repeat("The ministry said the patrols would continue. ", 20), []byte{annVersion1})
	// A frame whose plain text claims a longer rest than it holds.
	lenTooLong := append([]byte{contentV1}, contentCodec.enc.EncodeAll([]byte{200, 1, 'x'}, nil)...)
	tests := []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"unknown version", append([]byte{0x7f}, good[1:]...)},
		{"no frame", []byte{contentV1}},
		{"truncated frame", good[:len(good)/2]},
		{"garbage frame", []byte{contentV1, 1, 2, 3, 4, 5, 6, 7, 8}},
		{"rest longer than the content", lenTooLong},
	}
	for _, tt := range tests {
		if _, _, err := DecodeContent(tt.b); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

func FuzzDecodeContent(f *testing.F) {
	f.Add(EncodeContent("rest of the body", []byte{annVersion1}))
	f.Add([]byte{contentV1, 0x28, 0xb5, 0x2f, 0xfd})
	f.Fuzz(func(t *testing.T, b []byte) {
		rest, ann, err := DecodeContent(b)
		if err != nil {
			return
		}
		// What decodes encodes back to what decodes the same.
		r2, a2, err := DecodeContent(EncodeContent(rest, ann))
		if err != nil || r2 != rest || string(a2) != string(ann) {
			t.Fatalf("round trip of a decoded content: %q, %v, %v", r2, a2, err)
		}
	})
}

// TestContentDictFrozen: the dictionary is part of the stored format.
// Generations hold frames that only it decodes: a new dictionary needs a
// new version byte (content.go), not an edit of this file.
func TestContentDictFrozen(t *testing.T) {
	sum := sha256.Sum256(contentDict)
	if got := hex.EncodeToString(sum[:]); got != "7aa420d7c444531406dd9fd49fc1593b7c79986f2457f4fe3cdc787e5e9c04af" {
		t.Fatalf("contentdict.txt changed (sha256 %s): stored contents of existing generations would not decode", got)
	}
}

func TestStoredBody(t *testing.T) {
	body := strings.Repeat("Negotiators from both capitals met again. ", 12)
	ann := EncodeAnnotations(news.Annotations{Countries: []news.Country{{Code: "HR", Name: "Croatia", Count: 1}}}, "T", body)
	lead, rest := SplitLead(body)
	tests := []struct {
		name                         string
		lead, content, body, annotns []byte
	}{
		{"lead and content", []byte(lead), EncodeContent(rest, ann), nil, nil},
		{"body and annotations (generations written before)", nil, nil, []byte(body), ann},
	}
	for _, tt := range tests {
		b, a, err := StoredBody(tt.lead, tt.content, tt.body, tt.annotns)
		if err != nil || b != body || string(a) != string(ann) {
			t.Errorf("%s: StoredBody = %q, %v, %v", tt.name, b, a, err)
		}
		fields := map[string]any{}
		for k, v := range map[string][]byte{FieldLead: tt.lead, FieldContent: tt.content, FieldBody: tt.body, FieldAnnotations: tt.annotns} {
			if v != nil {
				fields[k] = string(v)
			}
		}
		gotBody, gotAnn, err := ArticleContent(fields, "T")
		if err != nil || gotBody != body || len(gotAnn.Countries) != 1 || gotAnn.Countries[0].Code != "HR" {
			t.Errorf("%s: ArticleContent = %q, %+v, %v", tt.name, gotBody, gotAnn, err)
		}
	}
	if _, _, err := StoredBody([]byte(lead), []byte{0x7f}, nil, nil); err == nil {
		t.Error("a corrupt content decodes")
	}
}

// scaleBodies reads up to n bodies of a generated scale corpus
// (READOUT_SCALE_CORPUS, default /tmp/scale/100k.jsonl.gz: cmd/bench
// corpus), skipping when it is absent.
func scaleBodies(b *testing.B, n int) []string {
	path := os.Getenv("READOUT_SCALE_CORPUS")
	if path == "" {
		path = filepath.Join(os.TempDir(), "scale", "100k.jsonl.gz")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("no scale corpus (make one with go run ./cmd/bench corpus): %v", err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(gz)
	sc.Buffer(nil, 1<<24)
	var out []string
	for sc.Scan() && len(out) < n {
		var a struct{ Body string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		out = append(out, a.Body)
	}
	return out
}

// BenchmarkContent encodes and decodes the stored content of real bodies,
// reporting the compressed share of their bytes.
func BenchmarkContent(b *testing.B) {
	bodies := scaleBodies(b, 2000)
	enc := make([][]byte, len(bodies))
	raw, packed := 0, 0
	for i, s := range bodies {
		_, rest := SplitLead(s)
		enc[i] = EncodeContent(rest, nil)
		raw, packed = raw+len(rest), packed+len(enc[i])
	}
	b.Run("encode", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_, rest := SplitLead(bodies[i%len(bodies)])
			EncodeContent(rest, nil)
		}
	})
	b.Run("decode", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, _, err := DecodeContent(enc[i%len(enc)]); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(packed)/float64(raw), "ratio")
	})
}
