package fold

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

func TestString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Stankovic", "Stankovic"},
		{"Stanković", "Stankovic"},
		{"stanković", "stankovic"},
		{"Kovač", "Kovac"},
		{"Türkiye", "Turkiye"},
		{"São Paulo", "Sao Paulo"},
		{"Ørsted", "Orsted"},
		{"ørsted", "orsted"},
		{"Straße", "Strasse"},
		{"Łódź", "Lodz"},
		{"Đoković", "Dokovic"},
		{"đoković", "dokovic"},
		{"Þórður", "THordur"},
		{"þórður", "thordur"},
		{"Guðmundsson", "Gudmundsson"},
		{"Ħal Far", "Hal Far"},
		{"Ærø", "AEro"},
		{"cœur", "coeur"},
		{"ıstanbul", "istanbul"},
		{"İstanbul", "Istanbul"},
		{"Nguyễn Phú Trọng", "Nguyen Phu Trong"},
		{"Müller naïve façade crème brûlée", "Muller naive facade creme brulee"},
		{"ǿ ǽ", "o ae"}, // special letters with a mark
		// decomposed input folds as composed input does
		{"Stankovic\u030c", "Stankovic"},
		{"Turkiye"[:1] + "u\u0308rkiye", "Turkiye"},
		// other scripts are left alone, marks included
		{"Йошкар-Ола", "Йошкар-Ола"},
		{"ёлка", "ёлка"},
		{"Αθήνα", "Αθήνα"},
		{"東京", "東京"},
		{"القاهرة", "القاهرة"},
		{"מִשְׁנָה", norm.NFC.String("מִשְׁנָה")},
		// other scripts are left byte for byte, decomposed or not
		{"\u0438\u0306", "\u0438\u0306"},
		{"हैं ज़्यादा \u095b", "हैं ज़्यादा \u095b"},
		// a Latin letter in a word of another script folds
		{"Йошкар-Olá", "Йошкар-Ola"},
		{"\u212b", "A"}, // the angstrom sign is canonically Å
		// a mark after a non-letter stays
		{"1\u0301", "1\u0301"},
		{"\u0301a", "\u0301a"},
		// punctuation, digits and symbols
		{"€100 – “quoted”", "€100 – “quoted”"},
		{"ﬁ", "ﬁ"}, // compatibility forms are not NFKD-folded
	} {
		if got := String(tc.in); got != tc.want {
			t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := string(Bytes([]byte(tc.in))); got != tc.want {
			t.Errorf("Bytes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestAnalyzer checks the readout_en analyzer: the spellings of a word are
// one term, stemmed and stop-worded after folding, with the offsets of the
// text as written.
func TestAnalyzer(t *testing.T) {
	a, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	en, err := registry.NewCache().AnalyzerNamed("en")
	if err != nil {
		t.Fatal(err)
	}
	terms := func(s string) string {
		var out []string
		for _, tok := range a.Analyze([]byte(s)) {
			out = append(out, string(tok.Term))
		}
		return strings.Join(out, " ")
	}
	for _, group := range [][]string{
		{"Stanković", "Stankovic", "stankovic", "STANKOVIĆ"},
		{"Kovač", "Kovac", "kovac"},
		{"Türkiye", "Turkiye", "TÜRKIYE"},
		{"São Paulo", "Sao Paulo", "sao paulo"},
		{"Ørsted", "Orsted", "ørsted"},
		{"Straße", "Strasse", "STRASSE"},
		{"Stanković's", "Stankovic's", "Stanković’s"},
		{"négociations", "negociations"},
	} {
		want := terms(group[0])
		for _, s := range group[1:] {
			if got := terms(s); got != want {
				t.Errorf("%q analyses to %q, %q to %q", group[0], want, s, got)
			}
		}
	}
	// The stemmer still stems: folded words are stemmed as en stems the
	// unaccented words.
	for _, s := range []string{"negotiations", "talks", "the Ukrainians were negotiating", "Zelensky"} {
		var want []string
		for _, tok := range en.Analyze([]byte(s)) {
			want = append(want, string(tok.Term))
		}
		if got := terms(s); got != strings.Join(want, " ") {
			t.Errorf("%q: readout_en %q, en %q", s, got, want)
		}
	}
	// A folded word that becomes a stop word goes.
	if got := terms("à la carte"); got != "la cart" {
		t.Errorf("à la carte: %q", got)
	}
	// Offsets are those of the original text.
	text := "Nikola Stanković met Ana Kovač in Türkiye."
	for _, tok := range a.Analyze([]byte(text)) {
		orig := text[tok.Start:tok.End]
		if String(strings.ToLower(orig)) != string(tok.Term) && !strings.HasPrefix(String(strings.ToLower(orig)), string(tok.Term)) {
			t.Errorf("token %q at %d:%d is %q in the text", tok.Term, tok.Start, tok.End, orig)
		}
	}
	toks := a.Analyze([]byte(text))
	if got := text[toks[1].Start:toks[1].End]; got != "Stanković" {
		t.Errorf("second token spans %q, want Stanković", got)
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"Stanković", "Straße", "Йошкар-Ола", "\u0301a", "a\u0301\u20dd\u0301", "\xff\xfe", "ǿ", "İ", "ﬁ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if !utf8.ValidString(got) {
			t.Fatalf("String(%q) = %q, not valid UTF-8", s, got)
		}
		if again := String(got); again != got {
			t.Fatalf("String(%q) = %q, String of that %q", s, got, again)
		}
		if b := string(Bytes([]byte(s))); b != got {
			t.Fatalf("Bytes(%q) = %q, String %q", s, b, got)
		}
	})
}
