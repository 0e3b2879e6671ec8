package extract

// Tests of the evaluation's own scoring (eval_score_test.go) and label
// reader.

import (
	"slices"
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

func TestEvalSpan(t *testing.T) {
	tests := []struct {
		name, body, prefix string
		want               string // body[start:end]; "" when not found
		ok                 bool
	}{
		{"straight", `He said "we will win the war" on Monday.`, "we will", "we will win the war", true},
		{"curly", "She said “the talks have failed” today.", "the talks", "the talks have failed", true},
		{"single", "He said 'we are ready to talk' and left.", "we are", "we are ready to talk", true},
		{"single with apostrophe inside", "He said 'we can't talk now' and left.", "we can't", "we can't talk now", true},
		{"nested straight", `"The "United States" holds none," he wrote.`, "The ", `The "United States" holds none,`, true},
		{"runs to paragraph end", "\"We will fight on the beaches\n\n\"We shall never surrender,\" he said.", "We will", "We will fight on the beaches", true},
		{"no opening mark", "plain words here", "words", "words", true},
		{"absent", `He said "yes".`, "no", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e, ok := evalSpan(tt.body, tt.prefix)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && tt.body[s:e] != tt.want {
				t.Errorf("span = %q, want %q", tt.body[s:e], tt.want)
			}
		})
	}
}

func TestEvalSpeakersMatch(t *testing.T) {
	tests := []struct {
		gold, pred string
		want       bool
	}{
		{"Donald Trump", "Donald Trump", true},
		{"Donald Trump", "Trump", true},
		{"Donald Trump", "President Trump", true},
		{"Donald Trump", "President Donald Trump", true},
		{"Trump", "Donald Trump", true},
		{"Recep Tayyip Erdoğan", "Erdoğan", true},
		{"World Health Organization", "WHO", true},
		{"Korean Central News Agency", "KCNA", true},
		{"Sadiq Khan", "Usman Khan", false},
		{"Donald Trump", "Donald Tusk", false},
		{"Donald Trump", "Donald", false},
		{"Boris Johnson", "Andrew Johnson Boris", false},
		{"", "Donald Trump", false},
		{"Donald Trump", "", false},
		{"Joe Biden", "joe-biden", true},
		{"United States Department of Defense", "Department of Defense", true},
		{"Volodymyr Zelenskyy", "Volodymyr Zelensky", true},
		{"Yahya Sarea", "Saree", true},
		{"Ubolratana Mahidol", "Ubolratana", false},
		{"Joshua Wong", "Joshua Wong on Twitter", false},
		{"Doug Collins", "Doug Collins of Georgia", false},
		{"Ann Lee", "Ann Lea", false}, // short words must match exactly
		{"Boris Johnson", "Boris Johnsen", true},
		{"Boris Johnson", "Boris Jonsen", false},
		{"Donald J. Trump", "Donald Trump", true},
		{"Hillary Rodham Clinton", "Hillary Clinton", true}, // a middle name
		{"Anna Clinton", "Hillary Rodham Clinton", false},
		{"Hillary Rodham", "Hillary Rodham Clinton", false},
		{"Joseph R. Biden Jr.", "Joe Biden", true},
		{"Joseph R. Biden Jr.", "Biden", true},
		{"Timothy J. Sloan", "Tim Sloan", true},
		{"Joseph R. Biden Jr.", "Hunter Biden", false},
		{"J. Smith", "Smith", true}, // a leading initial stays: "J Smith" ends in "Smith"
		{"Bill", "William", false},  // a short form alone is a name of its own
	}
	for _, tt := range tests {
		if got := evalSpeakersMatch(tt.gold, tt.pred); got != tt.want {
			t.Errorf("evalSpeakersMatch(%q, %q) = %v, want %v", tt.gold, tt.pred, got, tt.want)
		}
	}
}

func TestEvalScoreQuotes(t *testing.T) {
	body := `"We will build the bridge this year," the mayor Ann Lee said. Critics called it "a waste of public money and time". "Nobody asked us about it at all," a resident said.`
	at := func(text string) (int, int) {
		i := strings.Index(body, text)
		return i, i + len(text)
	}
	pq := func(text, speaker string) news.Quote {
		s, e := at(text)
		return news.Quote{Text: text, SpeakerName: speaker, Kind: news.KindDirect, Start: s, End: e}
	}
	gold := []evalQuote{
		{"Ann Lee", news.KindDirect, "We will build the bridge"},
		{"", news.KindDirect, "a waste of public money"},
		{"", news.KindDirect, "Nobody asked us"},
	}
	tests := []struct {
		name     string
		pred     []news.Quote
		want     evalQuoteScore
		mistakes []string
	}{
		{"nothing predicted", nil,
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1}, []string{"missed", "missed", "missed"}},
		{"all right", []news.Quote{pq("We will build the bridge this year,", "Ann Lee"), pq("a waste of public money and time", ""), pq("Nobody asked us about it at all,", "")},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, GoldFound: 3, GoldNamedRight: 1, PredDirect: 3, PredWithSpeaker: 1, PredRight: 1}, nil},
		{"surname only is right", []news.Quote{pq("We will build the bridge this year,", "Lee")},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, GoldFound: 1, GoldNamedRight: 1, PredDirect: 1, PredWithSpeaker: 1, PredRight: 1}, []string{"missed", "missed"}},
		{"speaker for an unnamed quote is wrong", []news.Quote{pq("Nobody asked us about it at all,", "Ann Lee")},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, GoldFound: 1, PredDirect: 1, PredWithSpeaker: 1}, []string{"wrong-speaker", "missed", "missed"}},
		{"found without speaker", []news.Quote{pq("We will build the bridge this year,", "")},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, GoldFound: 1, PredDirect: 1}, []string{"missed", "missed", "missed"}},
		{"short and indirect predictions are not scored", []news.Quote{pq("build the bridge", "Ann Lee"), {Text: "the bridge is coming", Kind: news.KindIndirect, SpeakerName: "Ann Lee"}},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, PredShort: 1, PredIndirect: 1}, []string{"missed", "missed", "missed"}},
		{"spurious prediction", []news.Quote{pq("the mayor Ann Lee said. Critics", "Ann Lee")},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, PredDirect: 1, PredWithSpeaker: 1}, []string{"spurious", "missed", "missed", "missed"}},
		{"matched by text when offsets are missing", []news.Quote{{Text: "We will build the bridge this year", SpeakerName: "Ann Lee", Kind: news.KindDirect}},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, GoldFound: 1, GoldNamedRight: 1, PredDirect: 1, PredWithSpeaker: 1, PredRight: 1}, []string{"missed", "missed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ms := evalScoreQuotes(body, gold, tt.pred)
			if got != tt.want {
				t.Errorf("score = %+v\nwant    %+v", got, tt.want)
			}
			var kinds []string
			for _, m := range ms {
				kinds = append(kinds, m.Kind)
			}
			if !slices.Equal(kinds, tt.mistakes) {
				t.Errorf("mistakes = %v, want %v", kinds, tt.mistakes)
			}
		})
	}
}

func TestEvalScoreCountries(t *testing.T) {
	tests := []struct {
		gold []string
		pred []string
		want evalCountryScore
	}{
		{nil, nil, evalCountryScore{}},
		{[]string{"US"}, []string{"US"}, evalCountryScore{TP: 1, TopK: 1}},
		{[]string{"US", "MX"}, []string{"us", "CA", "US"}, evalCountryScore{TP: 1, FP: 1, FN: 1, TopK: 1}},
		{[]string{"US"}, []string{"CA", "US"}, evalCountryScore{TP: 1, FP: 1, TopK: 0}},
		{[]string{"US", "MX"}, []string{"CA", "MX", "US"}, evalCountryScore{TP: 2, FP: 1, TopK: 1}},
		{[]string{"FR"}, nil, evalCountryScore{FN: 1}},
	}
	for _, tt := range tests {
		var pred []news.Country
		for i, c := range tt.pred {
			pred = append(pred, news.Country{Code: c, Count: len(tt.pred) - i})
		}
		got, _ := evalScoreCountries(tt.gold, pred)
		if got != tt.want {
			t.Errorf("evalScoreCountries(%v, %v) = %+v, want %+v", tt.gold, tt.pred, got, tt.want)
		}
		if r := got.recall(); r < 0 || r > 1 {
			t.Errorf("recall %v out of range", r)
		}
	}
}

func TestEvalReadLabels(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		wantErr  bool
	}{
		{"ok", `{"id":"a","countries":["US"],"quotes":[{"speaker":"X","kind":"direct","prefix":"p"}]}` + "\n\n" + `{"id":"b","countries":[],"quotes":[]}`, 2, false},
		{"unknown field", `{"id":"a","country":["US"]}`, 0, true},
		{"empty id", `{"id":"","countries":[]}`, 0, true},
		{"empty prefix", `{"id":"a","quotes":[{"speaker":"X","kind":"direct","prefix":""}]}`, 0, true},
		{"bad kind", `{"id":"a","quotes":[{"speaker":"X","kind":"said","prefix":"p"}]}`, 0, true},
		{"not json", `{"id":`, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readEvalLabels(strings.NewReader(tt.in), "labels.jsonl")
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "labels.jsonl:1") {
				t.Errorf("error %q does not name the file and line", err)
			}
			if len(got) != tt.n {
				t.Errorf("read %d articles, want %d", len(got), tt.n)
			}
		})
	}
}

// FuzzEvalSpan checks that locating a quote never panics and always returns
// a span inside the body that starts with the prefix.
func FuzzEvalSpan(f *testing.F) {
	f.Add(`He said "we will win" today.`, "we will")
	f.Add("“a”\n\n‘b’ 'c", "b")
	f.Add(`"x "y" z`, "x")
	f.Fuzz(func(t *testing.T, body, prefix string) {
		s, e, ok := evalSpan(body, prefix)
		if !ok {
			return
		}
		if s < 0 || e < s || e > len(body) {
			t.Fatalf("span [%d,%d) outside body of %d bytes", s, e, len(body))
		}
		if !strings.HasPrefix(body[s:], prefix) {
			t.Fatalf("span does not start with the prefix")
		}
	})
}

// FuzzEvalScoreQuotes checks that scoring never panics on arbitrary spans.
func FuzzEvalScoreQuotes(f *testing.F) {
	f.Add(`"one two three four," she said.`, "one two", 1, 20, "She")
	f.Fuzz(func(t *testing.T, body, prefix string, start, end int, speaker string) {
		s, _ := evalScoreQuotes(body, []evalQuote{{Speaker: speaker, Kind: news.KindDirect, Prefix: prefix}},
			[]news.Quote{{Text: body, Kind: news.KindDirect, Start: start, End: end, SpeakerName: speaker}})
		if s.GoldFound > s.GoldDirect || s.PredRight > s.PredWithSpeaker {
			t.Fatalf("inconsistent score %+v", s)
		}
	})
}
