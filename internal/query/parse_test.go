package query

import (
	"errors"
	"strings"
	"testing"
)

// parseTests lists inputs with either the canonical tree they print as or
// the byte position of the syntax error (zoekt style).
var parseTests = []struct {
	in     string
	want   string // printed tree; "" when an error is expected
	errPos int    // position of the *SyntaxError
	errMsg string // substring of the error message
}{
	// Empty and ignorable input.
	{in: "", want: "*"},
	{in: "   \t\n", want: "*"},
	{in: "*", want: "*"},
	{in: "-", want: "*"},
	{in: "- -- *", want: "*"},
	{in: "& ~ / .", want: "*"},

	// Words and the implicit AND.
	{in: "ukraine", want: "ukraine"},
	{in: "Ukraine", want: "Ukraine"},
	{in: "russia ukraine", want: "(AND russia ukraine)"},
	{in: "  russia   ukraine  ", want: "(AND russia ukraine)"},
	{in: "russia AND ukraine", want: "(AND russia ukraine)"},
	{in: "russia and ukraine", want: "(AND russia and ukraine)"},
	{in: "russia or ukraine", want: "(AND russia or ukraine)"},
	// Upper-case NOT is "-"; lower-case not is a word.
	{in: "NOT russia", want: "-russia"},
	{in: "ukraine NOT russia", want: "(AND ukraine -russia)"},
	{in: "ukraine AND NOT russia", want: "(AND ukraine -russia)"},
	{in: "NOT (a OR b) c", want: "(AND -(OR a b) c)"},
	{in: "NOT a OR b", want: "(OR -a b)"},
	{in: "a OR NOT b", want: "(OR a -b)"},
	{in: "NOT NOT a", want: "a"},
	{in: `NOT "peace talks"`, want: `-"peace talks"`},
	{in: "NOT speaker:lind", want: "-speaker:lind"},
	{in: "speaker:NOT", want: "speaker:NOT"},
	{in: "not russia", want: "(AND not russia)"},
	{in: "NOT", errPos: 0, errMsg: "NOT needs a term after it"},
	{in: `"build a wall"~2`, errPos: 14, errMsg: "phrase proximity"},
	{in: `a "b c"~`, errPos: 7, errMsg: "phrase proximity"},
	{in: "russia NOT", errPos: 7, errMsg: "NOT needs a term after it"},
	{in: "(a NOT) b", errPos: 3, errMsg: "NOT needs a term after it"},
	{in: "a NOT OR b", errPos: 2, errMsg: "NOT needs a term after it"},
	{in: "Russia - Ukraine", want: "(AND Russia Ukraine)"},
	{in: "Russia & Ukraine", want: "(AND Russia Ukraine)"},

	// Unicode, apostrophes, digits, & and . inside names.
	{in: "Kovač", want: "Kovač"},
	{in: "Xi's", want: "Xi's"},
	{in: "Xi’s visit", want: "(AND Xi’s visit)"},
	{in: "1987", want: "1987"},
	{in: "G7 2022", want: "(AND G7 2022)"},
	{in: "AT&T", want: "AT&T"},
	{in: "U.S. sanctions", want: "(AND U.S. sanctions)"},
	{in: "10:30", want: "10:30"},
	{in: "Зеленский", want: "Зеленский"},

	// Phrases.
	{in: `"peace talks"`, want: `"peace talks"`},
	{in: `"peace   talks"`, want: `"peace talks"`},
	{in: `"war"`, want: `"war"`},
	{in: `“peace talks”`, want: `"peace talks"`},
	{in: `"Russia - Ukraine crisis"`, want: `"Russia - Ukraine crisis"`},
	{in: `"de-escalation now"`, want: `"de-escalation now"`},
	{in: `"a (b" c`, want: `(AND "a (b" c)`},
	{in: `foo"bar"`, want: `(AND foo "bar")`},
	{in: `"peace talks" geneva`, want: `(AND "peace talks" geneva)`},
	{in: `"peace talks`, errPos: 0, errMsg: "unclosed quote"},
	{in: `geneva "peace`, errPos: 7, errMsg: "unclosed quote"},
	{in: `""`, errPos: 0, errMsg: "empty phrase"},
	{in: `a "  "`, errPos: 2, errMsg: "empty phrase"},

	// Exclusion.
	{in: "-sport", want: "-sport"},
	{in: "war -sport", want: "(AND war -sport)"},
	{in: "war --sport", want: "(AND war sport)"},
	{in: "war ---sport", want: "(AND war -sport)"},
	{in: `war -"world cup"`, want: `(AND war -"world cup")`},
	{in: "war -(football OR rugby)", want: "(AND war -(OR football rugby))"},
	{in: "war -(-sport)", want: "(AND war sport)"},
	{in: "war -country:UA", want: "(AND war -country:UA)"},
	{in: "war - sport", want: "(AND war sport)"},
	{in: "war sport -", want: "(AND war sport)"},
	{in: "war -)", errPos: 5, errMsg: `unexpected ")"`},

	// Hyphenated and slashed words: one node, never "de" OR "escalation".
	{in: "de-escalation", want: "de-escalation"},
	{in: "De-Escalation talks", want: "(AND De-Escalation talks)"},
	{in: "co-operation", want: "co-operation"},
	{in: "Russia/Ukraine", want: "Russia/Ukraine"},
	{in: "Russia–Ukraine", want: "Russia–Ukraine"},
	{in: "state-of-the-art", want: "state-of-the-art"},
	{in: "-de-escalation", want: "-de-escalation"},
	{in: "de-", want: "de-"},
	{in: "title:de-escalation", want: "title:de-escalation"},
	{in: "speaker:antony-blinken", want: "speaker:antony-blinken"},

	// OR binds tighter than the implicit AND.
	{in: "a OR b", want: "(OR a b)"},
	{in: "a OR b OR c", want: "(OR a b c)"},
	{in: "a b OR c d", want: "(AND a (OR b c) d)"},
	{in: "a OR b c OR d", want: "(AND (OR a b) (OR c d))"},
	{in: "a AND b OR c", want: "(AND a (OR b c))"},
	{in: "-a OR b", want: "(OR -a b)"},
	{in: `"peace talks" OR ceasefire`, want: `(OR "peace talks" ceasefire)`},
	{in: "OR", errPos: 0, errMsg: "OR needs a term"},
	{in: "OR a", errPos: 0, errMsg: "OR needs a term"},
	{in: "a OR", errPos: 2, errMsg: "OR needs a term"},
	{in: "a OR OR b", errPos: 2, errMsg: "OR needs a term"},
	{in: "(a OR) b", errPos: 3, errMsg: "OR needs a term"},
	{in: "a OR -", errPos: 2, errMsg: "OR needs a term"},
	{in: "AND a", errPos: 0, errMsg: "AND needs a term"},
	{in: "a AND", errPos: 2, errMsg: "AND needs a term"},
	{in: "a OR AND b", errPos: 2, errMsg: "OR needs a term"},

	// Parentheses.
	{in: "(a b)", want: "(AND a b)"},
	{in: "(a)", want: "a"},
	{in: "((a))", want: "a"},
	{in: "(a OR b) (c OR d)", want: "(AND (OR a b) (OR c d))"},
	{in: "(a OR b) OR c", want: "(OR a b c)"},
	{in: "a (b c)", want: "(AND a b c)"},
	{in: "(a b) OR c", want: "(OR (AND a b) c)"},
	{in: "sanctions (Russia OR Iran) -oil", want: "(AND sanctions (OR Russia Iran) -oil)"},
	{in: "foo(bar)", want: "(AND foo bar)"},
	{in: "(", errPos: 0, errMsg: `unclosed "("`},
	{in: "a (b", errPos: 2, errMsg: `unclosed "("`},
	{in: "(a (b)", errPos: 0, errMsg: `unclosed "("`},
	{in: ")", errPos: 0, errMsg: `unexpected ")"`},
	{in: "a b) c", errPos: 3, errMsg: `unexpected ")"`},
	{in: "()", errPos: 0, errMsg: "empty parentheses"},
	{in: "a ( & )", errPos: 2, errMsg: "empty parentheses"},

	// Canonical prefix form, as printed.
	{in: "(AND a b)", want: "(AND a b)"},
	{in: "(OR a b c)", want: "(OR a b c)"},
	{in: "(OR a (AND b c) -d)", want: "(OR a (AND b c) -d)"},
	{in: "(AND a (AND b c))", want: "(AND a b c)"},
	{in: "(OR a)", want: "a"},
	{in: "(OR)", errPos: 1, errMsg: "OR needs a term"},
	{in: "(OR a OR b)", errPos: 6, errMsg: "OR needs a term"},

	// Fields.
	{in: "speaker:blinken", want: "speaker:blinken"},
	{in: "Speaker:blinken", want: "speaker:blinken"},
	{in: "country:UA", want: "country:UA"},
	{in: "source:reuters war", want: "(AND source:reuters war)"},
	{in: `speaker:"Antony Blinken"`, want: `speaker:"Antony Blinken"`},
	{in: `title:"peace talks"`, want: `title:"peace talks"`},
	{in: "person:vladimir-putin org:nato place:kyiv lang:en", want: "(AND person:vladimir-putin org:nato place:kyiv lang:en)"},
	{in: "title:war body:ceasefire", want: "(AND title:war body:ceasefire)"},
	{in: "title:OR", want: "title:OR"},
	{in: "title:a:b", want: "title:a:b"},
	{in: "speaker:(blinken OR lavrov)", want: "(OR speaker:blinken speaker:lavrov)"},
	{in: "title:(peace talks)", want: "(AND title:peace title:talks)"},
	{in: "title:(-war peace*)", want: "(AND -title:war title:peace*)"},
	{in: "speaker:(OR blinken lavrov)", want: "(OR speaker:blinken speaker:lavrov)"},
	{in: "nofield:x", want: "nofield:x"}, // unknown fields fail in ToBleve
	{in: "speaker:", errPos: 8, errMsg: `empty value for field "speaker"`},
	{in: "speaker: blinken", errPos: 8, errMsg: `empty value for field "speaker"`},
	{in: "(speaker:)", errPos: 9, errMsg: `empty value for field "speaker"`},
	{in: `speaker:""`, errPos: 8, errMsg: `empty value for field "speaker"`},
	{in: "title:(speaker:x)", errPos: 7, errMsg: `field "speaker" inside a field group`},
	{in: "title:()", errPos: 6, errMsg: "empty parentheses"},
	{in: "title:*", errPos: 6, errMsg: "prefix needs a letter"},

	// Prefix and fuzzy.
	{in: "negotiat*", want: "negotiat*"},
	{in: "Ukrain* war", want: "(AND Ukrain* war)"},
	{in: "person:vlad*", want: "person:vlad*"},
	{in: "-sport*", want: "-sport*"},
	{in: "de-esc*", want: "de-esc*"},
	{in: "Zelensky~", want: "Zelensky~"},
	{in: "Zelensky~1", want: "Zelensky~"},
	{in: "Zelensky~2", want: "Zelensky~2"},
	{in: "title:Zelensky~2", want: "title:Zelensky~2"},
	{in: "a*b", errPos: 1, errMsg: "only allowed at the end"},
	{in: "*war", errPos: 0, errMsg: "only allowed at the end"},
	{in: "war**", errPos: 3, errMsg: "only allowed at the end"},
	{in: "Zelensky~3", errPos: 8, errMsg: "fuzziness must be"},
	{in: "a~b", errPos: 1, errMsg: "fuzziness must be"},
	{in: "war~*", errPos: 3, errMsg: "only allowed at the end"},
	{in: "x &~", want: "x"},

	// Prefix and fuzzy terms that would stand for most of the index
	// (DefaultLimits: 2 letters before *, 3 for ~, 6 for ~2).
	{in: "a*", errPos: 0, errMsg: "'a*': a prefix needs at least 2 letters or digits before * (MinPrefixLen)"},
	{in: "war OR 1*", errPos: 7, errMsg: "MinPrefixLen"},
	{in: "title:(peace w*)", errPos: 13, errMsg: "'w*'"},
	{in: "de-e*", errPos: 0, errMsg: "MinPrefixLen"}, // the last part is expanded
	{in: "de-es*", want: "de-es*"},
	{in: "xi*", want: "xi*"},
	{in: "Зе*", want: "Зе*"},
	{in: "xy~", errPos: 0, errMsg: "'xy~': a fuzzy term needs at least 3 letters or digits (Fuzzy1MinLen)"},
	{in: "xy~2", errPos: 0, errMsg: "Fuzzy1MinLen"},
	{in: "war x~2", errPos: 4, errMsg: "'x~2'"},
	{in: "Iran~", want: "Iran~"},
	{in: "grain~2", errPos: 0, errMsg: "'grain~2': two edits need a word of at least 6 letters or digits (Fuzzy2MinLen); use grain~"},
	{in: "speaker:(lavrov~2 OR blinkn~1)", want: "(OR speaker:lavrov~2 speaker:blinkn~)"},
	{in: "person:xi~", errPos: 7, errMsg: "Fuzzy1MinLen"},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := Parse(tt.in)
			if tt.want == "" {
				var se *SyntaxError
				if !errors.As(err, &se) {
					t.Fatalf("Parse(%q) = %v, %v; want *SyntaxError", tt.in, n, err)
				}
				if se.Pos != tt.errPos || !strings.Contains(se.Msg, tt.errMsg) {
					t.Fatalf("Parse(%q) error = %q (pos %d); want pos %d and %q", tt.in, err, se.Pos, tt.errPos, tt.errMsg)
				}
				if want := " at position "; !strings.Contains(err.Error(), want) {
					t.Fatalf("error %q lacks %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got := n.String(); got != tt.want {
				t.Fatalf("Parse(%q) = %s; want %s", tt.in, got, tt.want)
			}
			checkRoundTrip(t, tt.in, n)
		})
	}
}

// checkRoundTrip asserts that the printed tree parses to a tree printing the
// same (without limits: the canonical form may be longer or deeper).
func checkRoundTrip(t *testing.T, in string, n Node) {
	t.Helper()
	printed := n.String()
	n2, err := ParseWithLimits(printed, Limits{})
	if err != nil {
		t.Fatalf("Parse(%q) printed %q, which does not parse: %v", in, printed, err)
	}
	if got := n2.String(); got != printed {
		t.Fatalf("Parse(%q) printed %q, which re-parses as %q", in, printed, got)
	}
}

func TestParseStructure(t *testing.T) {
	n, err := Parse(`de-escalation Russia/Ukraine speaker:"Antony Blinken" negotiat* Zelensky~2`)
	if err != nil {
		t.Fatal(err)
	}
	and, ok := n.(*And)
	if !ok || len(and.Children) != 5 {
		t.Fatalf("got %#v; want And of 5", n)
	}
	h, ok := and.Children[0].(*Hyphenated)
	if !ok || h.Value != "de-escalation" || strings.Join(h.Parts, "|") != "de|escalation" {
		t.Errorf("child 0 = %#v; want Hyphenated de|escalation", and.Children[0])
	}
	h, ok = and.Children[1].(*Hyphenated)
	if !ok || strings.Join(h.Parts, "|") != "Russia|Ukraine" {
		t.Errorf("child 1 = %#v; want Hyphenated Russia|Ukraine", and.Children[1])
	}
	p, ok := and.Children[2].(*Phrase)
	if !ok || p.Field != "speaker" || strings.Join(p.Words, "|") != "Antony|Blinken" {
		t.Errorf("child 2 = %#v; want Phrase speaker Antony|Blinken", and.Children[2])
	}
	if pr, ok := and.Children[3].(*Prefix); !ok || pr.Value != "negotiat" || pr.Pos != 54 {
		t.Errorf("child 3 = %#v; want Prefix negotiat at 54", and.Children[3])
	}
	if fz, ok := and.Children[4].(*Fuzzy); !ok || fz.Value != "Zelensky" || fz.Distance != 2 || fz.Pos != 64 {
		t.Errorf("child 4 = %#v; want Fuzzy Zelensky 2 at 64", and.Children[4])
	}
}

func TestParseLimits(t *testing.T) {
	lim := Limits{MaxLen: 20, MaxTerms: 3, MaxDepth: 2}
	tests := []struct {
		in     string
		errPos int    // -1: no error
		limit  string // named in the message
	}{
		{in: "a b c", errPos: -1},
		{in: "a b c d", errPos: 6, limit: "MaxTerms"},
		{in: `a "b c" d-e f`, errPos: 12, limit: "MaxTerms"},
		{in: "((a))", errPos: -1},
		{in: "(((a)))", errPos: 2, limit: "MaxDepth"},
		{in: "(a) (b) (c)", errPos: -1},
		{in: "aaaaaaaaaaaaaaaaaaaa", errPos: -1},
		{in: "aaaaaaaaaaaaaaaaaaaaa", errPos: 20, limit: "MaxLen"},
	}
	for _, tt := range tests {
		_, err := ParseWithLimits(tt.in, lim)
		if tt.errPos < 0 {
			if err != nil {
				t.Errorf("ParseWithLimits(%q): %v", tt.in, err)
			}
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) || se.Pos != tt.errPos || !strings.Contains(se.Msg, tt.limit) {
			t.Errorf("ParseWithLimits(%q) = %v; want error at %d naming %s", tt.in, err, tt.errPos, tt.limit)
		}
	}

	// Default limits apply to Parse; zero limits mean none (up to the hard
	// nesting cap).
	long := strings.Repeat("war ", DefaultLimits.MaxTerms+1)
	if _, err := Parse(long); err == nil {
		t.Errorf("Parse of %d terms: no error", DefaultLimits.MaxTerms+1)
	}
	if _, err := ParseWithLimits(long, Limits{}); err != nil {
		t.Errorf("ParseWithLimits(no limits): %v", err)
	}
	deep := strings.Repeat("(", hardMaxDepth+1) + "a" + strings.Repeat(")", hardMaxDepth+1)
	var se *SyntaxError
	if _, err := ParseWithLimits(deep, Limits{}); !errors.As(err, &se) || se.Pos != hardMaxDepth {
		t.Errorf("nesting past the hard cap: %v; want error at %d", err, hardMaxDepth)
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		in   string
		want string // terms joined by "|"
	}{
		{in: "", want: ""},
		{in: "war", want: "war"},
		{in: `"peace talks" -sport war war`, want: "peace talks|war"},
		{in: "de-escalation OR Russia/Ukraine", want: "de-escalation|Russia/Ukraine"},
		{in: "title:war body:peace speaker:blinken country:UA", want: "war|peace"},
		{in: "negotiat* Zelensky~ -(a -b)", want: "negotiat|Zelensky|b"},
	}
	for _, tt := range tests {
		n, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if got := strings.Join(Terms(n), "|"); got != tt.want {
			t.Errorf("Terms(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
