package ingest_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

// TestDecodeRecord: one record, as the admin API decodes uploads, with the
// JSON Lines reader's rules.
func TestDecodeRecord(t *testing.T) {
	where := ingest.Problem{Path: "body", Line: 3}
	tests := []struct {
		name      string
		line      string
		defaultID string
		wantID    string
		published time.Time
		ignored   []string
		field     string // of the problem; "-" for none expected
		err       error
	}{
		{"date only", `{"id":"a","title":"t","published":"2024-03-03"}`, "", "a", time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC), nil, "-", nil},
		{"RFC 3339", `{"id":"a","body":"b","published":"2024-03-03T10:00:00+01:00"}`, "", "a", time.Date(2024, 3, 3, 9, 0, 0, 0, time.UTC), nil, "-", nil},
		{"default id", `{"title":"t"}`, "from-path", "from-path", time.Time{}, nil, "-", nil},
		{"own id wins", `{"id":"own","title":"t"}`, "from-path", "own", time.Time{}, nil, "-", nil},
		{"unknown fields", `{"id":"a","title":"t","zeta":1,"alpha":"x"}`, "", "a", time.Time{}, []string{"alpha", "zeta"}, "-", nil},
		{"bad date", `{"id":"a","title":"t","published":"March 3"}`, "", "", time.Time{}, nil, "published", nil},
		{"no id", `{"title":"t"}`, "", "", time.Time{}, nil, "id", ingest.ErrNoID},
		{"no text", `{"id":"a","title":" "}`, "", "", time.Time{}, nil, "", ingest.ErrNoText},
		{"wrong type", `{"id":"a","title":"t","authors":"one"}`, "", "", time.Time{}, nil, "authors", nil},
		{"body too long", `{"id":"a","body":"0123456789abcdef"}`, "", "", time.Time{}, nil, "body", ingest.ErrTooLarge},
		{"invalid UTF-8", "{\"id\":\"a\",\"title\":\"\xff\"}", "", "", time.Time{}, nil, "title", ingest.ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ignored, p := ingest.DecodeRecord([]byte(tt.line), ingest.Options{MaxBodyBytes: 10}, where, tt.defaultID)
			if tt.field == "-" {
				if p != nil {
					t.Fatalf("problem %v", p)
				}
				if a.ID != tt.wantID || !a.Published.Equal(tt.published) || !slices.Equal(ignored, tt.ignored) || a.Origin != "body:3" {
					t.Errorf("got %+v, ignored %v", a, ignored)
				}
				return
			}
			if p == nil {
				t.Fatalf("no problem, got %+v", a)
			}
			if p.Field != tt.field || p.Path != "body" || p.Line != 3 || (tt.err != nil && !errors.Is(p, tt.err)) {
				t.Errorf("problem %+v (%v), want field %q, %v", p, p, tt.field, tt.err)
			}
		})
	}
}

// TestDocSpeakers: a record's speaker is a name, an object with name, role
// and country, or an array of them; anything else names the field.
func TestDocSpeakers(t *testing.T) {
	tests := []struct {
		speaker string
		want    []news.DocSpeaker
		bad     bool
	}{
		{`"Li Wei"`, []news.DocSpeaker{{Name: "Li Wei"}}, false},
		{`{"name": "Li Wei", "role": "Permanent Representative", "country": "China"}`, []news.DocSpeaker{{Name: "Li Wei", Role: "Permanent Representative", Country: "China"}}, false},
		{`["Croatia", {"name": "Serbia", "country": "RS"}]`, []news.DocSpeaker{{Name: "Croatia"}, {Name: "Serbia", Country: "RS"}}, false},
		{`null`, nil, false},
		{`42`, nil, true},
		{`{"name": ""}`, nil, true},
		{`{"name": "X", "title": "minister"}`, nil, true},
		{`[""]`, nil, true},
	}
	for _, tt := range tests {
		line := `{"id": "s1", "title": "Statement", "body": "We call for calm.", "speaker": ` + tt.speaker + `}`
		a, _, p := ingest.DecodeRecord([]byte(line), ingest.Options{}, ingest.Problem{Path: "speeches.jsonl", Line: 7}, "")
		if tt.bad {
			if p == nil || p.Field != "speaker" || !strings.Contains(p.Error(), "speeches.jsonl:7") {
				t.Errorf("speaker %s: problem %v, want one naming the field and the line", tt.speaker, p)
			}
			continue
		}
		if p != nil {
			t.Errorf("speaker %s: %v", tt.speaker, p)
			continue
		}
		if !reflect.DeepEqual(a.Speakers, tt.want) {
			t.Errorf("speaker %s: %+v, want %+v", tt.speaker, a.Speakers, tt.want)
		}
	}
}
