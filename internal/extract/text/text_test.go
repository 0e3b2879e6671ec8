package text

import (
	"reflect"
	"strings"
	"testing"
)

// words renders tokens as "raw" plus the flags a test asks about.
func words(s string, rules Rules, show Flag) []string {
	var out []string
	for _, t := range Tokenize(s, 0, len(s), rules, nil) {
		w := t.Raw
		for _, f := range []struct {
			f    Flag
			name string
		}{{Possessive, "'s"}, {Handle, "@"}, {QuoteMark, "Q"}, {SentStart, "S"}, {Para, "P"}, {Capitalised, "C"}, {AllUpper, "A"}} {
			if show&f.f != 0 && t.Is(f.f) {
				w += "/" + f.name
			}
		}
		out = append(out, w)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		rules Rules
		show  Flag
		want  []string
	}{
		{"hyphen split for names", "pro-Russian el-Sisi", NameRules, 0, []string{"pro", "-", "Russian", "el", "-", "Sisi"}},
		{"hyphen joined for phrases", "pro-Russian el-Sisi", PhraseRules, Capitalised, []string{"pro-Russian/C", "el-Sisi/C"}},
		{"possessive dropped", "Merkel's aide", NameRules, Possessive, []string{"Merkel/'s", "aide"}},
		{"possessive kept", "Merkel’s aide", PhraseRules, Possessive, []string{"Merkel’s", "aide"}},
		{"zero-width joiner before a possessive, dropped", "Harbour News\u200d's editor", NameRules, Possessive, []string{"Harbour", "News/'s", "editor"}},
		{"zero-width joiner before a possessive, kept", "Harbour News\u200d’s editor", PhraseRules, Possessive, []string{"Harbour", "News\u200d’s", "editor"}},
		{"zero-width joiner before no apostrophe splits", "News\u200dWire", NameRules, 0, []string{"News", "\u200d", "Wire"}},
		{"all-capital dotted keeps period", "the U.S. said", NameRules, 0, []string{"the", "U.S.", "said"}},
		{"abbreviation period for phrases", "Mr. Yulia V. Tymoshenko", PhraseRules, 0, []string{"Mr.", "Yulia", "V.", "Tymoshenko"}},
		{"abbreviation period for names", "Mr. Lavrov", NameRules, 0, []string{"Mr", ".", "Lavrov"}},
		{"inner apostrophe and period", "Côte d'Ivoire 3.5", NameRules, 0, []string{"Côte", "d'Ivoire", "3.5"}},
		{"handle, hashtag", "@mfa_russia #Kyiv", PhraseRules, Handle | Capitalised, []string{"@mfa_russia/@/C", "#", "Kyiv/C"}},
		{"quote marks", "“Yes,” he said \"no\"", NameRules, QuoteMark, []string{"“/Q", "Yes", ",", "”/Q", "he", "said", "\"/Q", "no", "\"/Q"}},
		{"archive quote marks", "''Yes,'' he said ``no''", NameRules, QuoteMark, []string{"''/Q", "Yes", ",", "''/Q", "he", "said", "``/Q", "no", "''/Q"}},
		{"doubled apostrophe inside a word", "the company''s plan", NameRules, QuoteMark, []string{"the", "company", "'", "'", "s", "plan"}},
		{"no-break space is space", "said\u00a0Trump", PhraseRules, 0, []string{"said", "Trump"}},
		{"sentences and paragraphs", "Mr. Kovač left. Then\n \nNATO came", NameRules, SentStart | Para | AllUpper,
			[]string{"Mr/S/P", ".", "Kovač", "left", ".", "Then/S", "NATO/S/P/A", "came"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := words(tt.in, tt.rules, tt.show); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenizeWindow(t *testing.T) {
	s := `He said "the U.S. will" act`
	lo, hi := strings.Index(s, "the"), strings.Index(s, "will")+len("will")
	got := Tokenize(s, lo, hi, PhraseRules, nil)
	if len(got) != 3 || got[1].Raw != "U.S." || s[got[1].Start:got[1].End] != "U.S." || got[2].Lower != "will" {
		t.Errorf("Tokenize window = %+v", got)
	}
}

func TestSentences(t *testing.T) {
	s := "Mr. Lavrov spoke. “We agree.” Then Sen. Sanders left! \n\nNew paragraph here."
	var ends []string
	for k := range s {
		if SentenceEnd(s, k) {
			ends = append(ends, s[max(0, k-4):k+1])
		}
	}
	want := []string{"poke.", "gree.", "left!", "here."}
	if !reflect.DeepEqual(ends, want) {
		t.Errorf("SentenceEnd at %q, want %q", ends, want)
	}
	at := strings.Index(s, "Sanders")
	if got := s[SentenceStart(s, at, 0):at]; got != "Then Sen. " {
		t.Errorf("SentenceStart: %q", got)
	}
	if got := s[at:SentenceStop(s, at, len(s))]; got != "Sanders left!" {
		t.Errorf("SentenceStop: %q", got)
	}
	ps := Paragraphs(s)
	if len(ps) != 2 || s[ps[1].Start:ps[1].End] != "New paragraph here." {
		t.Errorf("Paragraphs = %v", ps)
	}
	if got := ParagraphStart(s, len(s)-1); got != ps[1].Start {
		t.Errorf("ParagraphStart = %d, want %d", got, ps[1].Start)
	}
	if got := ParagraphStart(s, at); got != 0 {
		t.Errorf("ParagraphStart in the first paragraph = %d", got)
	}
}

// FuzzTokenize checks that tokens of either rule set are in order, inside
// the window, hold the text they point at, and cover every rune that is
// not white space.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"“Yes,” said Mr. Lavrov's aide @mfa_russia.", "U.S.-led\u00a0el-Sisi 3.5 #tag", "a\n\n\nb.", "\xff\"'’s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, rules := range []Rules{NameRules, PhraseRules} {
			lo, hi := len(s)/4, len(s)-len(s)/4
			prev := lo
			for _, tk := range Tokenize(s, lo, hi, rules, nil) {
				if tk.Start < prev || tk.End <= tk.Start || tk.End > hi || tk.Raw != s[tk.Start:tk.End] {
					t.Fatalf("rules %d: bad token %+v after %d in %q[%d:%d]", rules, tk, prev, s, lo, hi)
				}
				if gap := strings.TrimSpace(s[prev:tk.Start]); gap != "" && gap != "'s" && gap != "’s" && gap != "'S" {
					t.Fatalf("rules %d: %q skipped before %+v in %q", rules, s[prev:tk.Start], tk, s)
				}
				prev = tk.End
			}
		}
	})
}

func TestDescriptorNoun(t *testing.T) {
	for _, tt := range []struct {
		w    string
		want bool
	}{
		{"designer", true}, {"costumer", true}, {"journalist", true}, {"historian", true},
		{"actress", true}, {"spokesman", true}, {"president", true},
		{"criticized", false}, {"told", false}, {"answered", false}, {"her", false}, {"other", false},
	} {
		if got := DescriptorNoun(tt.w); got != tt.want {
			t.Errorf("DescriptorNoun(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}
