package api_test

import (
	"strings"
	"testing"

	"github.com/readout/readout/internal/search"
)

// TestTranscriptTurnsHTTP: the turns of a UN record and of a briefing are
// quotes of kind turn, found by speaker, by the country a delegate speaks
// for and by kind=turn; the floor's questions have no speaker.
func TestTranscriptTurnsHTTP(t *testing.T) {
	arts := []map[string]any{
		{"id": "un-1", "title": "Security Council, 9999th meeting", "published": "2024-05-02T15:00:00Z", "source": "UN Records",
			"body": "The PRESIDENT: I give the floor to the representative of Norway.\n\nMr. Haugland (Norway): Norway calls for de-escalation along the river and for monitors on both banks.\n\nThe PRESIDENT: I thank the representative of Norway and give the floor to the representative of Kenya.\n\nMs. Achieng (Kenya): Kenya supports de-escalation and the draft resolution."},
		{"id": "br-1", "title": "Ministry press briefing", "published": "2024-05-03T12:00:00Z", "source": "Ministry Transcripts",
			"body": "Spokesperson Tomas Lindgren held the daily press briefing.\n\nMR. LINDGREN: Good afternoon. We have no announcements on de-escalation today.\n\nQUESTION: Is de-escalation still the goal of the talks?\n\nMR. LINDGREN: It is, and it will remain so."},
	}
	s := serveRecords(t, nil, arts...)

	tests := []struct {
		params  string
		want    int
		speaker string // of every hit ("-" for none)
	}{
		{"q=de-escalation&mode=quotes&kind=turn", 4, ""},
		{"q=de-escalation&mode=quotes&speaker_country=Norway", 1, "haugland"},
		{"q=de-escalation&mode=quotes&speaker_country=KE&kind=turn", 1, "achieng"},
		{"mode=quotes&speaker=tomas-lindgren&kind=turn", 2, "tomas-lindgren"},
		{"q=goal&mode=quotes&kind=turn", 1, "-"},
	}
	for _, tt := range tests {
		var res search.Response
		get(t, s, "/api/v1/search?facets=none&"+tt.params, &res)
		if res.Total != tt.want {
			t.Errorf("%s: %d hits, want %d", tt.params, res.Total, tt.want)
		}
		for _, h := range res.Hits {
			if h.QuoteFields == nil || h.Kind != "turn" && strings.Contains(tt.params, "kind=turn") {
				t.Errorf("%s: hit %s of kind %v", tt.params, h.ID, h.QuoteFields)
				continue
			}
			switch {
			case tt.speaker == "-" && h.Speaker != nil:
				t.Errorf("%s: a question from the floor has speaker %+v", tt.params, h.Speaker)
			case tt.speaker != "" && tt.speaker != "-" && (h.Speaker == nil || h.Speaker.ID != tt.speaker):
				t.Errorf("%s: speaker %+v, want %s", tt.params, h.Speaker, tt.speaker)
			}
		}
	}
}

// TestDocumentSpeakersHTTP: "what did China say about de-escalation" on
// speeches whose records name their speaker: the matching paragraphs are
// statement hits of the speaking country, in a year histogram; the article
// view says who speaks.
func TestDocumentSpeakersHTTP(t *testing.T) {
	s := serveRecords(t, nil,
		map[string]any{"id": "ga-cn-2019", "title": "Statement by China", "published": "2019-09-27", "speaker": map[string]any{"name": "China"},
			"body": "Mr. President, the world needs calm.\n\nChina calls for de-escalation in every region of tension.\n\nWe thank the Secretary-General."},
		map[string]any{"id": "ga-cn-2021", "title": "Statement by China", "published": "2021-09-24", "speaker": "China",
			"body": "De-escalation and dialogue remain our answer.\n\nWe support the United Nations."},
		map[string]any{"id": "ga-no-2021", "title": "Statement by Norway", "published": "2021-09-23",
			"speaker": map[string]any{"name": "Ingrid Haugland", "role": "Foreign Minister", "country": "Norway"},
			"body":    "Norway calls for de-escalation too.\n\nWe thank the chair."})

	var res search.Response
	get(t, s, "/api/v1/search?q=de-escalation&speaker_country=CN&mode=quotes&histogram=year&facets=speaker", &res)
	if res.Total != 2 {
		t.Fatalf("China on de-escalation: %d statements, want 2: %+v", res.Total, res.Hits)
	}
	for _, h := range res.Hits {
		if h.Kind != "statement" || h.Speaker == nil || h.Speaker.ID != "china" || h.Speaker.Country != "CN" {
			t.Errorf("hit %s: kind %s speaker %+v", h.ID, h.Kind, h.Speaker)
		}
	}
	years := map[string]int{}
	for _, b := range res.Histogram.Buckets {
		years[b.Start[:4]] += b.Count
	}
	if years["2019"] != 1 || years["2021"] != 1 {
		t.Errorf("year histogram %v", years)
	}
	get(t, s, "/api/v1/search?q=de-escalation&mode=quotes&kind=statement&speaker_country=Norway&facets=none", &res)
	if res.Total != 1 || res.Hits[0].Speaker == nil || res.Hits[0].Speaker.ID != "ingrid-haugland" {
		t.Errorf("Norway's statements: %+v", res.Hits)
	}
	var a search.Article
	get(t, s, "/api/v1/articles/ga-no-2021", &a)
	if len(a.Speakers) != 1 || a.Speakers[0].ID != "ingrid-haugland" || a.Speakers[0].Country != "NO" {
		t.Errorf("article speakers %+v", a.Speakers)
	}
}
