package extract

import (
	"regexp"
	"testing"
	"time"

	"github.com/readout/readout/internal/news"
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkInvariants asserts what holds for every output of Extract: offsets
// within bounds and on rune boundaries, Mention.Text == field[Start:End],
// ids non-empty slugs, counts matching mentions, known countries, sorted
// output, speakers among the entities.
func checkInvariants(t *testing.T, a news.Article, ann news.Annotations) {
	t.Helper()
	fields := map[string]string{fieldTitle: a.Title, fieldBody: a.Body}
	ids := map[string]bool{}
	for i, e := range ann.Entities {
		if !slugRE.MatchString(e.ID) {
			t.Errorf("entity %d id %q is not a slug", i, e.ID)
		}
		if ids[e.ID] {
			t.Errorf("entity id %q twice", e.ID)
		}
		ids[e.ID] = true
		if e.Name == "" {
			t.Errorf("entity %q has no name", e.ID)
		}
		switch e.Type {
		case news.TypePerson, news.TypeOrg, news.TypePlace:
		default:
			t.Errorf("entity %q type %q", e.ID, e.Type)
		}
		if e.Count != len(e.Mentions) || e.Count == 0 {
			t.Errorf("entity %q count %d with %d mentions", e.ID, e.Count, len(e.Mentions))
		}
		if e.Country != "" {
			if _, ok := CountryName(e.Country); !ok {
				t.Errorf("entity %q country %q unknown", e.ID, e.Country)
			}
		}
		for _, m := range e.Mentions {
			src, ok := fields[m.Field]
			if !ok {
				t.Errorf("entity %q mention field %q", e.ID, m.Field)
				continue
			}
			if m.Start < 0 || m.End > len(src) || m.Start >= m.End {
				t.Errorf("entity %q mention [%d,%d) out of %s of %d bytes", e.ID, m.Start, m.End, m.Field, len(src))
				continue
			}
			if !runeBoundary(src, m.Start) || !runeBoundary(src, m.End) {
				t.Errorf("entity %q mention [%d,%d) not on rune boundaries", e.ID, m.Start, m.End)
			}
			if src[m.Start:m.End] != m.Text {
				t.Errorf("entity %q mention text %q, field has %q", e.ID, m.Text, src[m.Start:m.End])
			}
		}
		if i > 0 {
			p := ann.Entities[i-1]
			if p.Count < e.Count || p.Count == e.Count && p.ID > e.ID {
				t.Errorf("entities out of order: %s before %s", p.ID, e.ID)
			}
		}
	}
	for i, c := range ann.Countries {
		if n, ok := CountryName(c.Code); !ok || n != c.Name || c.Count <= 0 {
			t.Errorf("country %+v", c)
		}
		if i > 0 {
			p := ann.Countries[i-1]
			if p.Count < c.Count || p.Count == c.Count && p.Code > c.Code {
				t.Errorf("countries out of order: %s before %s", p.Code, c.Code)
			}
		}
	}
	for i, q := range ann.Quotes {
		if q.Start < 0 || q.End > len(a.Body) || q.Start > q.End {
			t.Errorf("quote %d [%d,%d) out of body of %d bytes", i, q.Start, q.End, len(a.Body))
		}
		if q.SpeakerID != "" && !ids[q.SpeakerID] {
			t.Errorf("quote %d speaker %q is not an entity", i, q.SpeakerID)
		}
		if i > 0 && ann.Quotes[i-1].Start > q.Start {
			t.Errorf("quotes out of order at %d", i)
		}
	}
}

// runeBoundary reports whether i starts a rune of s as Go decodes it (an
// invalid byte is a rune of its own) or is len(s).
func runeBoundary(s string, i int) bool {
	if i == len(s) {
		return true
	}
	for j := range s {
		if j == i {
			return true
		}
		if j > i {
			return false
		}
	}
	return false
}

// FuzzExtract feeds arbitrary bytes as title and body and checks that
// Extract does not panic (it recovers; panicHook reports it here) and that
// its output keeps the invariants.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"US Secretary of State Antony Blinken said: \"We are ready.\"",
		"CLEVELAND, March 3 - Mr Lavrov's \"aide said \u201cno\u201d.",
		"\"\"\"''' \u201c\u201d\u00ab\u00bb @SecBlinken #NATO U.S. U.S.S.R. al-Qaeda",
		"Foreign Minister Anna Kovač: \u201cThe border moves,\u201d she said.\n\n\u201cIt",
		"Ms. \u0141ukasz Wójcik-Nowak's ministry, the Ministry of Foreign Affairs",
		"\xff\xfeA\x00B",
		"Strait of - of the . . . Mr. Dr. The of Of",
		"OSLO - <Brekke Industrie>, in which AB Nordvik <NORD.ST> has a stake, said <A <B> <> <C D",
	} {
		f.Add(s, s)
	}
	x, err := New(Options{Aliases: testAliases})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		var recovered any
		panicHook = func(r any) { recovered = r }
		defer func() { panicHook = nil }()
		a := news.Article{ID: "f", Title: title, Body: body}
		if n := len(title) + len(body); n%3 != 0 {
			// Dated in varied years, so that alias eras are exercised.
			a.Published = time.Date(1940+n%90, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		ann := x.Extract(a)
		if recovered != nil {
			t.Fatalf("Extract panicked (and recovered): %v", recovered)
		}
		if ann.Entities == nil || ann.Countries == nil || ann.Quotes == nil {
			t.Fatalf("nil slice in %+v", ann)
		}
		checkInvariants(t, a, ann)
		// What indexer extract prints: the same, countries among the places.
		checkInvariants(t, a, x.ExtractWithCountryPlaces(a))
		if recovered != nil {
			t.Fatalf("ExtractWithCountryPlaces panicked (and recovered): %v", recovered)
		}
		if t.Failed() {
			t.Logf("title %q body %q", title, body)
		}
	})
}
