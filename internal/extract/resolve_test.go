package extract

import (
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestDocContext checks the speaker-resolution contract used by the quote
// detector, on a docContext built by Extract's entity stage.
func TestDocContext(t *testing.T) {
	x := newTestExtractor(t)
	body := "US Secretary of State Antony Blinken spoke with Russian Foreign Minister Sergey Lavrov. " +
		"The Russian Foreign Ministry said the call was useful. Foreign Minister Anna Kovač listened. " +
		"Later the minister left, and Blinken flew home."
	d := &doc{x: x, ents: map[string]*docEntity{}, countries: map[string]int{}}
	d.run(fieldBody, body)
	d.resolvePending()
	d.resolveDescriptions(body)
	_, ctx := d.finish(body)

	at := func(s string) int {
		i := strings.Index(body, s)
		if i < 0 {
			t.Fatalf("%q not in body", s)
		}
		return i
	}
	id := func(e *news.Entity, ok bool) string {
		if !ok || e == nil {
			return ""
		}
		return e.ID
	}
	names := []struct{ in, want string }{
		{"Blinken", "antony-blinken"},
		{"Mr Lavrov", "sergey-lavrov"},
		{"Mr. Lavrov", "sergey-lavrov"},
		{"@SecBlinken", "antony-blinken"},
		{"Secretary Blinken", "antony-blinken"},
		{"the Russian Foreign Ministry", "russian-foreign-ministry"},
		{"Ms Kovač", "anna-kovac"},
		{"Lavrov's", "sergey-lavrov"},
		{"Nobody Known", ""},
		{"", ""},
	}
	for _, tt := range names {
		if got := id(ctx.ResolveName(tt.in)); got != tt.want {
			t.Errorf("resolveName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	descs := []struct {
		desc   string
		before int
		want   string
	}{
		{"the minister", at("Later"), "anna-kovac"},
		{"the Russian minister", at("Later"), "sergey-lavrov"},
		{"the secretary", at("Later"), "antony-blinken"},
		{"the ministry", at("Later"), "russian-foreign-ministry"},
		{"the two-term minister", at("Later"), "anna-kovac"},
		{"the embattled Russian minister", at("Later"), "sergey-lavrov"},
		{"the minister", at("Sergey"), ""},
		{"the spokesperson", len(body), "russian-foreign-ministry"},
		{"the spokesperson", at("The Russian"), ""},
	}
	for _, tt := range descs {
		if got := id(ctx.ResolveDescription(tt.desc, tt.before)); got != tt.want {
			t.Errorf("resolveDescription(%q, %d) = %q, want %q", tt.desc, tt.before, got, tt.want)
		}
	}
	if got := id(ctx.LastPerson(at("The Russian"), "")); got != "sergey-lavrov" {
		t.Errorf("lastPerson before ministry = %q, want sergey-lavrov", got)
	}
	if got := id(ctx.LastPerson(at("Later"), "m")); got != "sergey-lavrov" {
		t.Errorf("lastPerson(m) skipping Ms Kovač = %q, want sergey-lavrov", got)
	}
	if got := id(ctx.LastPerson(at("Later"), "f")); got != "anna-kovac" {
		t.Errorf("lastPerson(f) = %q, want anna-kovac", got)
	}
	if got := id(ctx.LastPerson(0, "")); got != "" {
		t.Errorf("lastPerson(0) = %q, want none", got)
	}
	s := at("Sergey Lavrov")
	if got := id(ctx.EntityAt(s+2, s+5)); got != "sergey-lavrov" {
		t.Errorf("entityAt inside Lavrov = %q", got)
	}
	if got := id(ctx.EntityAt(0, 2)); got != "" {
		t.Errorf("entityAt(0,2) = %q, want none", got)
	}
	var in []string
	for _, e := range ctx.MentionsIn(0, at("The Russian")) {
		in = append(in, e.ID)
	}
	if strings.Join(in, ",") != "antony-blinken,sergey-lavrov" {
		t.Errorf("mentionsIn first sentence = %v", in)
	}
	// A nil context answers nothing rather than panicking.
	var nilCtx *docContext
	if _, ok := nilCtx.ResolveName("Blinken"); ok {
		t.Error("nil context resolved a name")
	}
	if nilCtx.MentionsIn(0, 10) != nil {
		t.Error("nil context has mentions")
	}
}

// TestProperModifiers checks which words before a description's head name
// an organisation: capitalised ones and acronyms, not determiners, and not a
// common word capitalised for opening a sentence.
func TestProperModifiers(t *testing.T) {
	common := map[string]bool{"company": true, "bank": true}
	tests := []struct {
		kept []string
		want string
	}{
		{[]string{"The", "GM", "spokesman"}, "GM"},
		{[]string{"the", "J.P.", "Morgan", "spokesman"}, "J.P. Morgan"},
		{[]string{"Nordvik", "spokesman"}, "Nordvik"},
		{[]string{"UAW", "spokesman"}, "UAW"},
		{[]string{"Company", "spokesman"}, ""},
		{[]string{"a", "company", "spokesman"}, ""},
		{[]string{"The", "spokesman"}, ""},
		{[]string{"spokesman"}, ""},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := properModifiers(tt.kept, common); got != tt.want {
			t.Errorf("properModifiers(%q) = %q, want %q", tt.kept, got, tt.want)
		}
	}
}
