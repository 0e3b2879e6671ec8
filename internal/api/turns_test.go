package api_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/search"
)

// TestTranscriptTurnsHTTP: the turns of a UN record and of a briefing are
// quotes of kind turn, found by speaker, by the country a delegate speaks
// for and by kind=turn; the floor's questions have no speaker.
func TestTranscriptTurnsHTTP(t *testing.T) {
	arts := []map[string]string{
		{"id": "un-1", "title": "Security Council, 9999th meeting", "published": "2024-05-02T15:00:00Z", "source": "UN Records",
			"body": "The PRESIDENT: I give the floor to the representative of Norway.\n\nMr. Haugland (Norway): Norway calls for de-escalation along the river and for monitors on both banks.\n\nThe PRESIDENT: I thank the representative of Norway and give the floor to the representative of Kenya.\n\nMs. Achieng (Kenya): Kenya supports de-escalation and the draft resolution."},
		{"id": "br-1", "title": "Ministry press briefing", "published": "2024-05-03T12:00:00Z", "source": "Ministry Transcripts",
			"body": "Spokesperson Tomas Lindgren held the daily press briefing.\n\nMR. LINDGREN: Good afternoon. We have no announcements on de-escalation today.\n\nQUESTION: Is de-escalation still the goal of the talks?\n\nMR. LINDGREN: It is, and it will remain so."},
	}
	dir := t.TempDir()
	var b strings.Builder
	for _, a := range arts {
		line, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	corpus := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(corpus, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	store, err := index.OpenStore(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Build(context.Background(), index.BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	e := search.New(store, nil, search.Options{}, nil)
	if _, err := e.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer e.Close(context.Background())
	s := api.New(e, api.Options{}, nil)

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
