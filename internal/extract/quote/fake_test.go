package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/news"
)

// fakeResolver is a test-only Resolver: it finds the mentions of a
// fixed cast of entities by plain substring search, so quote tests do not
// depend on the entity recogniser.
type fakeResolver struct {
	spans  []fakeSpan
	names  map[string]*news.Entity
	gender map[*news.Entity]string
}

type fakeSpan struct {
	s, e int
	ent  *news.Entity
}

// castMember describes one invented entity of a test article.
type castMember struct {
	ID, Name, Type, Role, Gender string
	Aliases                      []string // other forms as written, e.g. surname, "@handle"
}

// testCast is the invented cast shared by the quote tests: invented officials
// among real countries.
var testCast = []castMember{
	{ID: "anna-kovac", Name: "Anna Kovač", Type: news.TypePerson, Role: "Foreign Minister", Gender: "f", Aliases: []string{"Kovač", "@AnnaKovacHR"}},
	{ID: "tomas-berg", Name: "Tomas Berg", Type: news.TypePerson, Role: "Defence Minister", Gender: "m", Aliases: []string{"Berg"}},
	{ID: "lena-ortiz", Name: "Lena Ortiz", Type: news.TypePerson, Role: "spokeswoman", Gender: "f", Aliases: []string{"Ortiz"}},
	{ID: "cres-halvorsen", Name: "Cres Halvorsen", Type: news.TypePerson, Aliases: []string{"Halvorsen"}}, // gender unknown
	{ID: "croatian-foreign-ministry", Name: "Croatian Foreign Ministry", Type: news.TypeOrg, Role: "ministry", Aliases: []string{"Foreign Ministry", "@MVEP_hr"}},
	{ID: "united-nations", Name: "United Nations", Type: news.TypeOrg, Aliases: []string{"UN"}},
	{ID: "croatia", Name: "Croatia", Type: news.TypePlace},
	{ID: "norway", Name: "Norway", Type: news.TypePlace},
}

func newFakeResolver(body string, cast []castMember) *fakeResolver {
	f := &fakeResolver{names: map[string]*news.Entity{}, gender: map[*news.Entity]string{}}
	for _, c := range cast {
		e := &news.Entity{ID: c.ID, Name: c.Name, Type: c.Type, Role: c.Role}
		f.gender[e] = c.Gender
		for _, form := range append([]string{c.Name}, c.Aliases...) {
			f.names[strings.ToLower(form)] = e
			for off := 0; ; {
				i := strings.Index(body[off:], form)
				if i < 0 {
					break
				}
				s := off + i
				e2 := s + len(form)
				if wordEdge(body, s, e2) {
					f.spans = append(f.spans, fakeSpan{s, e2, e})
				}
				off = e2
			}
		}
	}
	// Sort by start; longer first on ties. Insertion sort: casts are tiny.
	for i := 1; i < len(f.spans); i++ {
		for j := i; j > 0 && (f.spans[j].s < f.spans[j-1].s || f.spans[j].s == f.spans[j-1].s && f.spans[j].e > f.spans[j-1].e); j-- {
			f.spans[j], f.spans[j-1] = f.spans[j-1], f.spans[j]
		}
	}
	return f
}

func wordEdge(s string, i, j int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if j < len(s) {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func (f *fakeResolver) EntityAt(start, end int) (*news.Entity, bool) {
	var best *news.Entity
	bestOv := 0
	for _, s := range f.spans {
		if ov := min(s.e, end) - max(s.s, start); ov > bestOv {
			best, bestOv = s.ent, ov
		}
	}
	return best, best != nil
}

func (f *fakeResolver) ResolveName(s string) (*news.Entity, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "the ")
	e, ok := f.names[s]
	return e, ok
}

func (f *fakeResolver) ResolveDescription(desc string, before int) (*news.Entity, bool) {
	words := strings.Fields(strings.ToLower(desc))
	if len(words) == 0 {
		return nil, false
	}
	head := words[len(words)-1]
	for i := len(f.spans) - 1; i >= 0; i-- {
		s := f.spans[i]
		if s.s >= before {
			continue
		}
		if strings.Contains(strings.ToLower(s.ent.Role), head) {
			return s.ent, true
		}
	}
	return nil, false
}

func (f *fakeResolver) LastPerson(before int, gender string) (*news.Entity, bool) {
	for i := len(f.spans) - 1; i >= 0; i-- {
		s := f.spans[i]
		if s.s >= before || s.ent.Type != news.TypePerson {
			continue
		}
		if g := f.gender[s.ent]; gender != "" && g != "" && g != gender {
			continue
		}
		return s.ent, true
	}
	return nil, false
}

func (f *fakeResolver) MentionsIn(start, end int) []*news.Entity {
	var out []*news.Entity
	seen := map[*news.Entity]bool{}
	for _, s := range f.spans {
		if s.s < end && s.e > start && !seen[s.ent] {
			seen[s.ent] = true
			out = append(out, s.ent)
		}
	}
	return out
}

func (f *fakeResolver) SpeakerGender(e *news.Entity) string { return f.gender[e] }

func (f *fakeResolver) SpansIn(start, end int) []Span {
	var out []Span
	for _, s := range f.spans {
		if s.s < end && s.e > start {
			out = append(out, Span{s.s, s.e, s.ent})
		}
	}
	return out
}
