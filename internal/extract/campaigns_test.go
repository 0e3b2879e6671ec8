package extract

import (
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestCampaignSpeakers checks registerCampaign: a candidate's campaign
// speaking, or its spokesperson, is the campaign, an organisation.
func TestCampaignSpeakers(t *testing.T) {
	x := newTestExtractor(t)
	const before = "Senator Marta Lindqvist spoke in Split on Monday.\n\n"
	tests := []struct {
		name, body, want string
	}{
		{"the campaign said", before + "\"We will win this state by ten points,\" the Lindqvist campaign said.", "lindqvist-campaign"},
		{"a campaign spokeswoman said", before + "\"We will win this state by ten points,\" a Lindqvist campaign spokeswoman said.", "lindqvist-campaign"},
		{"a campaign aide names nobody", before + "\"We will win this state by ten points,\" a Lindqvist campaign aide said.", ""},
		{"the candidate herself", before + "\"We will win this state by ten points,\" Lindqvist said.", "marta-lindqvist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDirectSpeaker(t, x, tt.body, tt.want)
		})
	}
}

// TestCampaignNotPossessive checks that a possessive determiner opening a
// sentence ("Her campaign said …") names no campaign.
func TestCampaignNotPossessive(t *testing.T) {
	x := newTestExtractor(t)
	an := x.Extract(news.Article{ID: "t", Title: "Harbour", Body: "Senator Marta Lindqvist spoke in Split on Monday. Her campaign said the senator would win the state by ten points."})
	if e, ok := entityByID(an, "her-campaign"); ok {
		t.Errorf("entity %+v, want none", e)
	}
}
