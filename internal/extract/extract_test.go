package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

// testAliases are invented officials used by the table tests.
var testAliases = []Alias{
	{Name: "Anna Kovač", Type: news.TypePerson, Country: "HR", Role: "Foreign Minister", Gender: "f", Aliases: []string{"@AKovacMFA"}},
	{Name: "Danube Joint Border Commission", Type: news.TypeOrg, Aliases: []string{"border commission"}},
	{Name: "Ivo R. T. Vasko", Type: news.TypePerson, Aliases: []string{"Ivo Vasko"}},
	{Name: "Ivo T. Vasko", Type: news.TypePerson},
}

func newTestExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	x, err := New(Options{Aliases: testAliases})
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

// entityByID returns the entity of id in a.
func entityByID(a news.Annotations, id string) (news.Entity, bool) {
	for _, e := range a.Entities {
		if e.ID == id {
			return e, true
		}
	}
	return news.Entity{}, false
}

func countryCodes(a news.Annotations) []string {
	var out []string
	for _, c := range a.Countries {
		out = append(out, c.Code)
	}
	return out
}

func ids(a news.Annotations) []string {
	var out []string
	for _, e := range a.Entities {
		out = append(out, e.Type+":"+e.ID)
	}
	return out
}

// TestCountries checks which countries an article is about.
func TestCountries(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name  string
		title string
		body  string
		want  []string // codes, in output order
	}{
		{"names and demonyms", "", "Ukrainian troops held the line as Russia pressed. Ukraine asked for help; Ukrainians queued.", []string{"UA", "RU"}},
		{"capital metonyms", "", "Moscow and Washington traded barbs; Beijing stayed silent.", []string{"CN", "RU", "US"}},
		{"seats of government", "", "The White House, the Kremlin and Downing Street issued statements. Whitehall was silent.", []string{"GB", "RU", "US"}},
		{"person with a country", "", "Antony Blinken spoke.", []string{"US"}},
		{"dateline", "", "CLEVELAND, March 3 - Shares rose.", []string{"US"}},
		// A historical state's own name gives its code whatever the date
		// (data/historical.tsv); West Germany is Germany, Burma Myanmar.
		{"historical names", "", "The Soviet Union and West Germany signed; Burma abstained.", []string{"DE", "MM", "SU"}},
		{"acronyms as written only", "", "Let us go. The US and the UK agreed.", []string{"GB", "US"}},
		{"capitals title", "U.S. AND JAPAN AGREE ON CHIPS", "", []string{"JP", "US"}},
		{"heading is not WHO", "", "WHO SITS ON THE COMMISSION?\n\nSeven experts sit on it.", nil},
		{"names with 'and'", "", "Trinidad and Tobago joined. Antigua and Barbuda declined; Bosnia and Herzegovina agreed.", []string{"AG", "BA", "TT"}},
		{"no countries", "", "The weather was mild and nobody said anything.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := x.Extract(news.Article{ID: "t", Title: tt.title, Body: tt.body})
			got := countryCodes(a)
			if !slices.Equal(got, tt.want) {
				t.Errorf("countries = %v, want %v", got, tt.want)
			}
			for _, c := range a.Countries {
				if n, _ := CountryName(c.Code); c.Name != n || n == "" {
					t.Errorf("country %s name %q, want %q", c.Code, c.Name, n)
				}
			}
		})
	}
}

// TestOrdering checks the documented output order and determinism.
func TestOrdering(t *testing.T) {
	x := newTestExtractor(t)
	art := news.Article{ID: "o", Title: "Lavrov meets Blinken",
		Body: "Sergey Lavrov met Antony Blinken in Geneva. Lavrov said the talks were \"useful and frank\". Blinken said little. Lavrov left for Moscow; Ukraine, Russia and Russia again."}
	a := x.Extract(art)
	for i := 1; i < len(a.Entities); i++ {
		p, c := a.Entities[i-1], a.Entities[i]
		if p.Count < c.Count || p.Count == c.Count && p.ID >= c.ID {
			t.Errorf("entities out of order at %d: %s(%d) before %s(%d)", i, p.ID, p.Count, c.ID, c.Count)
		}
	}
	for i := 1; i < len(a.Countries); i++ {
		p, c := a.Countries[i-1], a.Countries[i]
		if p.Count < c.Count || p.Count == c.Count && p.Code >= c.Code {
			t.Errorf("countries out of order at %d: %+v before %+v", i, p, c)
		}
	}
	for i := 1; i < len(a.Quotes); i++ {
		if a.Quotes[i-1].Start > a.Quotes[i].Start {
			t.Errorf("quotes out of order at %d", i)
		}
	}
	if e, _ := entityByID(a, "sergey-lavrov"); e.Count != 4 || e.Mentions[0].Field != fieldTitle {
		t.Errorf("lavrov = %+v, want 4 mentions starting in the title", e)
	}
	b := x.Extract(art)
	if !slices.EqualFunc(a.Entities, b.Entities, func(p, q news.Entity) bool {
		return p.ID == q.ID && p.Count == q.Count && slices.Equal(p.Mentions, q.Mentions)
	}) {
		t.Error("Extract is not deterministic")
	}
}

// TestSpeakersAreEntities checks that a quote's speaker is among the
// entities, for people named in the text and organisations.
func TestSpeakersAreEntities(t *testing.T) {
	x := newTestExtractor(t)
	a := x.Extract(news.Article{ID: "s", Body: "\"We will not accept this,\" the Croatian Foreign Ministry said in a statement.\n\n\"The works are routine and lawful,\" said Goran Vuković, a spokesman for the ministry."})
	if len(a.Quotes) == 0 {
		t.Fatal("no quotes found")
	}
	for _, q := range a.Quotes {
		if q.SpeakerID == "" {
			continue
		}
		if _, ok := entityByID(a, q.SpeakerID); !ok {
			t.Errorf("speaker %q of quote %q is not an entity; entities %v", q.SpeakerID, q.Text, ids(a))
		}
	}
	if _, ok := entityByID(a, "goran-vukovic"); !ok {
		t.Errorf("goran-vukovic not found; entities %v", ids(a))
	}
}

// TestExtractEmpty checks the zero article and odd inputs.
func TestExtractEmpty(t *testing.T) {
	x := newTestExtractor(t)
	for _, body := range []string{"", " ", "\n\n\n", "\"", "@", "#", "-", "U.S", "A.B.C.", "’s", "'s", "\xff\xfe", strings.Repeat("A ", 1000)} {
		a := x.Extract(news.Article{Body: body, Title: body})
		if a.Entities == nil || a.Countries == nil || a.Quotes == nil {
			t.Errorf("body %q: nil slices in %+v", body, a)
		}
		checkInvariants(t, news.Article{Body: body, Title: body}, a)
	}
}

func ingestArticle(body string) news.Article { return news.Article{ID: "t", Body: body} }

// TestConcurrentExtract runs one Extractor from several goroutines (run
// with -race) and checks every goroutine gets the same answer.
func TestConcurrentExtract(t *testing.T) {
	x := newTestExtractor(t)
	art := news.Article{ID: "c", Body: "US Secretary of State Antony Blinken met Foreign Minister Anna Kovač in Geneva. \"We agreed,\" Blinken said."}
	want := ids(x.Extract(art))
	done := make(chan []string)
	for range 8 {
		go func() { done <- ids(x.Extract(art)) }()
	}
	for range 8 {
		if got := <-done; !slices.Equal(got, want) {
			t.Errorf("concurrent Extract = %v, want %v", got, want)
		}
	}
}

// TestPronounGender checks that a pronoun after a person's mention gives
// the gender lastPerson uses for he/she.
func TestPronounGender(t *testing.T) {
	x := newTestExtractor(t)
	body := "Tomas Varga said he was ready. Dana Petrik said she was not. Later came a reply."
	d := &doc{x: x, ents: map[string]*docEntity{}, countries: map[string]int{}}
	d.run(fieldBody, body)
	_, ctx := d.finish(body)
	end := strings.Index(body, "Later")
	for _, tt := range []struct{ gender, want string }{{"m", "tomas-varga"}, {"f", "dana-petrik"}, {"", "dana-petrik"}} {
		e, ok := ctx.LastPerson(end, tt.gender)
		if !ok || e.ID != tt.want {
			t.Errorf("lastPerson(%q) = %v, want %s", tt.gender, e, tt.want)
		}
	}
}

// TestMentionOpensSentence checks which mentions pronounGender takes for a
// sentence's subject: after a sentence stop, a line break or titles, not
// after a lower-case word, a comma or an honorific's full stop.
func TestMentionOpensSentence(t *testing.T) {
	for _, c := range []struct {
		s, name string
		want    bool
	}{
		{"Sen. Varga said", "Varga", true},
		{"It rained. Sen. Varga said", "Varga", true},
		{"It rained. Former Governor Ana Petrik said", "Ana", true},
		{"It rained.\n\nVarga said", "Varga", true},
		{"“Varga is here,” he said", "Varga", true},
		{"He left. “Varga is here,” he said", "Varga", true},
		{"It rained in Oslo. Varga said", "Varga", true},
		{"with that of Sen. Varga when", "Varga", false},
		{"the U.S. Varga", "Varga", false},
		{"said Varga", "Varga", false},
		{"his rival Tomas Varga", "Tomas", false},
		{"In Oslo, Varga said", "Varga", false},
		{"For Varga, it was over", "Varga", false},
	} {
		if got := mentionOpensSentence(c.s, strings.Index(c.s, c.name)); got != c.want {
			t.Errorf("mentionOpensSentence(%q, %q) = %v, want %v", c.s, c.name, got, c.want)
		}
	}
}

// TestPronounAfterUnknownSubject checks that "he" after a sentence whose
// subject is a name the recogniser missed, with an age and a home town in
// apposition, goes to that name and not to the person named before.
func TestPronounAfterUnknownSubject(t *testing.T) {
	x := newTestExtractor(t)
	body := "Defence Minister Tomas Berg announced the new fishing quotas on Monday.\n\n" +
		"Marek Tollund, 41, of Vardø, Norway, doubts the quotas will change anything. \"I have not seen a single new boat in the harbour,\" he said."
	a := x.Extract(news.Article{ID: "p", Body: body})
	var got []string
	for _, q := range a.Quotes {
		if q.Kind == news.KindDirect {
			got = append(got, q.SpeakerID)
		}
	}
	if len(got) != 1 || got[0] != "marek-tollund" {
		t.Errorf("direct quote speakers = %q, want [marek-tollund]; entities %v", got, ids(a))
	}
}

// TestInitialsInSpeakerName checks that a speaker written with initials
// ("Wayne A. I. Frederick") becomes an entity: the initials are not the
// words "a" and "I".
func TestInitialsInSpeakerName(t *testing.T) {
	x := newTestExtractor(t)
	body := "Marta A. I. Lindqvist, president of the rowing club, wrote \"It is with great sadness that we say goodbye to our coach.\""
	a := x.Extract(news.Article{ID: "i", Body: body})
	if len(a.Quotes) != 1 || a.Quotes[0].SpeakerName != "Marta A. I. Lindqvist" {
		t.Fatalf("quotes = %+v, want one by Marta A. I. Lindqvist", a.Quotes)
	}
}

// TestCompanyShortName checks that a company's first word stands for the
// company when the rest of its name is a corporate suffix ("Brannock" for
// the Brannock Motor Company).
func TestCompanyShortName(t *testing.T) {
	x := newTestExtractor(t)
	body := "Regulators opened an inquiry into the Brannock Motor Company on Monday.\n\n" +
		"\"Brannock is cooperating fully with the inquiry,\" Brannock told reporters."
	a := x.Extract(news.Article{ID: "c", Body: body})
	if len(a.Quotes) != 1 || a.Quotes[0].SpeakerID != "brannock-motor-company" {
		t.Fatalf("quotes = %+v, want one by brannock-motor-company; entities %v", a.Quotes, ids(a))
	}
}

// TestRelativeIsAnotherPerson checks that a name sharing a known person's
// surname but with another given name is another person, not a mention of
// the first ("Alan Kurdi" / "Abdullah Kurdi").
func TestRelativeIsAnotherPerson(t *testing.T) {
	x := newTestExtractor(t)
	body := "The boy, Alan Vrhovec, was rescued off the coast. His father, Abdelkrim Vrhovec, survived."
	a := x.Extract(news.Article{ID: "r", Body: body})
	alan, ok := entityByID(a, "alan-vrhovec")
	if !ok || len(alan.Mentions) != 1 {
		t.Fatalf("alan-vrhovec = %+v (found %v), want one mention; entities %v", alan, ok, ids(a))
	}
	if _, ok := entityByID(a, "abdelkrim-vrhovec"); !ok {
		t.Errorf("abdelkrim-vrhovec missing; entities %v", ids(a))
	}
}

// TestCompanyNamedGeneral checks that "General" opening a company's name is
// no military rank: "General Dynamics Corp" stays whole (General Motors is
// in the alias table, so it would not test the rule), "Gen. Anna Holm" is
// still a person.
func TestCompanyNamedGeneral(t *testing.T) {
	x := newTestExtractor(t)
	a := x.Extract(news.Article{ID: "g", Body: "General Dynamics Corp said sales fell. Gen. Anna Holm said the army was ready."})
	if _, ok := entityByID(a, "general-dynamics-corp"); !ok {
		t.Errorf("general-dynamics-corp missing; entities %v", ids(a))
	}
	if _, ok := entityByID(a, "dynamics-corp"); ok {
		t.Errorf("dynamics-corp found; entities %v", ids(a))
	}
	if _, ok := entityByID(a, "anna-holm"); !ok {
		t.Errorf("anna-holm missing; entities %v", ids(a))
	}
}

// TestFirmNames checks that partnerships named after people are
// organisations ("Salomon Brothers", "Kessler Partners").
func TestFirmNames(t *testing.T) {
	x := newTestExtractor(t)
	a := x.Extract(news.Article{ID: "f", Body: "The bonds were sold through Vrhovec Brothers and Kessler Partners, the banks said."})
	for _, id := range []string{"vrhovec-brothers", "kessler-partners"} {
		if e, ok := entityByID(a, id); !ok || e.Type != news.TypeOrg {
			t.Errorf("%s = %+v (found %v), want an organisation; entities %v", id, e, ok, ids(a))
		}
	}
}

// TestAliasWithLowerCaseWords checks that an alias with lower-case words
// inside ("S and P") is found as a whole, not as a person "P".
func TestAliasWithLowerCaseWords(t *testing.T) {
	x := newTestExtractor(t)
	a := x.Extract(news.Article{ID: "s", Body: "S and P said the company's debt stays under review."})
	if len(a.Quotes) == 0 || a.Quotes[0].SpeakerID != "standard-and-poors" {
		t.Errorf("quotes = %+v, want one by standard-and-poors; entities %v", a.Quotes, ids(a))
	}
	if _, ok := entityByID(a, "p"); ok {
		t.Errorf("entity p found; entities %v", ids(a))
	}
}

// TestCountryAsSpeaker checks that a country speaking ("Russia said") is
// the speaker, as a place entity, and that its country is counted once per
// mention, not again for the speaker.
func TestCountryAsSpeaker(t *testing.T) {
	x := newTestExtractor(t)
	a := x.Extract(news.Article{ID: "c", Body: `"We will answer any provocation," Russia said on Monday. "The talks are over," the United States said.`})
	var got []string
	for _, q := range a.Quotes {
		got = append(got, q.SpeakerID)
	}
	if !slices.Equal(got, []string{"russia", "united-states"}) {
		t.Errorf("speakers = %q, want [russia united-states]", got)
	}
	if e, ok := entityByID(a, "russia"); !ok || e.Type != news.TypePlace || e.Country != "RU" {
		t.Errorf("russia = %+v (found %v), want a place in RU", e, ok)
	}
	for _, c := range a.Countries {
		if c.Count != 1 {
			t.Errorf("country %s counted %d times, want 1", c.Code, c.Count)
		}
	}
}

// TestOfficeIsNoSpeaker: a title without a name ("My own Prime Minister",
// "The Prime Minister of India") describes an office, not who held it: the
// quote keeps the words as written and gets no speaker entity, which would
// gather different people under one name. A title that an earlier name
// explains still resolves to that person.
func TestOfficeIsNoSpeaker(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		body, speaker, asWritten string
	}{
		{`My own Prime Minister, speaking a few months ago in Paris, said: "Years of war have taught us much."`, "", "Prime Minister"},
		{`The Prime Minister of India said: "We want peace."`, "", "The Prime Minister of India"},
		{"Prime Minister Anna Berg arrived.\n\n\"We want peace,\" the Prime Minister told reporters.", "anna-berg", "the Prime Minister"},
		{`"We want peace," President Reagan said.`, "ronald-reagan", "Reagan"},
	}
	for _, tt := range tests {
		a := x.Extract(news.Article{ID: "o", Body: tt.body})
		if len(a.Quotes) != 1 || a.Quotes[0].SpeakerID != tt.speaker || a.Quotes[0].SpeakerAsWritten != tt.asWritten {
			t.Errorf("%q: quotes %+v, want speaker %q written %q", tt.body, a.Quotes, tt.speaker, tt.asWritten)
		}
		for _, e := range a.Entities {
			if e.ID == "prime-minister" || e.ID == "prime-minister-of-india" {
				t.Errorf("%q: office as an entity %+v", tt.body, e)
			}
		}
	}
}

// TestTitledAlias checks that a person the alias table knows by title and
// name ("King Fahd") is the same entity however the sentence goes on: the
// same id with "of Saudi Arabia" after it as before a verb, so that one
// man's quotes are one speaker across articles.
func TestTitledAlias(t *testing.T) {
	x := newTestExtractor(t)
	for _, body := range []string{
		"King Fahd said the kingdom wanted stable prices.",
		"King Fahd of Saudi Arabia, in an interview, said the kingdom wanted stable prices.",
		"The visit was planned for March. King Fahd of Saudi Arabia will travel to Britain.",
	} {
		a := x.Extract(news.Article{ID: "k", Body: body})
		if e, ok := entityByID(a, "king-fahd"); !ok || e.Role != "King" {
			t.Errorf("%q: no king-fahd with role King; entities %v", body, ids(a))
		}
		if _, ok := entityByID(a, "fahd"); ok {
			t.Errorf("%q: a second entity fahd; entities %v", body, ids(a))
		}
	}
}
