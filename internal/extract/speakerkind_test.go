package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/news"
)

// TestCountrySpeakers: a country speaking under its name, an acronym or its
// capital is one speaker, the country's entity; a seat of government stays
// an organisation, and titles are roles, not names.
func TestCountrySpeakers(t *testing.T) {
	tests := []struct {
		body              string
		year              int
		id, name, typ, ro string
	}{
		{`"We will not accept this," the United States said in a statement.`, 0, "united-states", "United States", news.TypePlace, ""},
		{`"We will not accept this," the U.S. said on Monday.`, 0, "united-states", "United States", news.TypePlace, ""},
		{`"We will not accept this," Washington said on Monday.`, 0, "united-states", "United States", news.TypePlace, ""},
		{`"We will not accept this," Beijing said on Monday.`, 0, "china", "China", news.TypePlace, ""},
		{`"We will not accept this," China said.`, 0, "china", "China", news.TypePlace, ""},
		{`"We will not accept this," Moscow said.`, 1987, "soviet-union", "Soviet Union", news.TypePlace, ""},
		{`"We will not accept this," Moscow said.`, 2015, "russia", "Russia", news.TypePlace, ""},
		{`"We will not accept this," the Kremlin said.`, 0, "kremlin", "Kremlin", news.TypeOrg, ""},
		{"The government of Norway closed the port on Monday. The government said it was \"a day of great sorrow for the nation.\"", 0, "norway", "Norway", news.TypePlace, ""},
		{"Norway's government closed the port on Monday. \"We will not accept this,\" the government statement said.", 0, "norway", "Norway", news.TypePlace, ""},
		{"The port closed on Monday. The Norwegian government said it was \"a day of great sorrow for the nation.\"", 0, "norway", "Norway", news.TypePlace, ""},
		{"The government of Norway closed the port on Monday. The government statement, which was posted on Twitter, announced the closure \"with great sorrow for the nation.\"", 0, "norway", "Norway", news.TypePlace, ""},
		// What it must not take: a capital's government (a city's own), no
		// government named before, a government named after the quotation.
		{"The Oslo government closed the port on Monday. \"We will not accept this,\" the Oslo government said.", 0, "", "", "", ""},
		{"The port closed on Monday. The government said it was \"a day of great sorrow for the nation.\"", 0, "", "", "", ""},
		{"The port closed on Monday. The government said it was \"a day of great sorrow for the nation.\" The government of Norway met later.", 0, "", "", "", ""},
		// A country's government capitalised, as wire copy writes it, is
		// the country speaking; a country before a title or a group noun
		// describes someone unnamed; an institution or a firm after a
		// country stays itself.
		{"The port closed on Monday. The U.S. Government said it was \"a measured response to the attack.\"", 0, "united-states", "United States", news.TypePlace, ""},
		{"The port closed on Monday. The U.K. Government said it would \"seek the winding up of the firm.\"", 0, "united-kingdom", "United Kingdom", news.TypePlace, ""},
		{"The rules took effect in May. Then the U.S. Administration said that it had decided not to pursue the plan.", 0, "united-states", "United States", news.TypePlace, ""},
		{"The talks resume tomorrow. \"It would only take five minutes to list them,\" a senior U.S. Official replied.", 0, "", "", "", ""},
		{"\"The companies have a varying degree of urgency,\" said one U.S. Spokesman.", 0, "", "", "", ""},
		{"\"The strikes were unexpected and in some cases spectacular,\" a U.S. Banker told Reuters.", 0, "", "", "", ""},
		{"\"We expect a lot of slack in the budget,\" a Japan Spokesman said.", 0, "", "", "", ""},
		{"The budget was unveiled on Tuesday. The U.K. Treasury said it \"took full account of the sale proceeds.\"", 0, "u-k-treasury", "U.K. Treasury", news.TypeOrg, ""},
		{"The builder reported a loss. U.S. Home said that its shareholders approved the amendment.", 0, "u-s-home", "U.S. Home", news.TypeOrg, ""},
		{`"We will not accept this," EPA Administrator Lee Thomas said.`, 0, "lee-thomas", "Lee Thomas", news.TypePerson, "EPA Administrator"},
		{`"We will not accept this," said His Excellency Jakaya Mrisho Kikwete.`, 0, "jakaya-mrisho-kikwete", "Jakaya Mrisho Kikwete", news.TypePerson, "Excellency"},
	}
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		a := news.Article{ID: "a", Body: tt.body}
		if tt.year != 0 {
			a.Published = time.Date(tt.year, 6, 1, 0, 0, 0, 0, time.UTC)
		}
		ann := x.Extract(a)
		if len(ann.Quotes) != 1 {
			t.Errorf("%s: %d quotes", tt.body, len(ann.Quotes))
			continue
		}
		q := ann.Quotes[0]
		if q.SpeakerID != tt.id || q.SpeakerName != tt.name {
			t.Errorf("%s: speaker %q %q, want %q %q", tt.body, q.SpeakerID, q.SpeakerName, tt.id, tt.name)
			continue
		}
		if tt.id != "" {
			if e, ok := entityByID(ann, q.SpeakerID); !ok || e.Type != tt.typ || e.Role != tt.ro {
				t.Errorf("%s: speaker entity %+v, want type %s role %q", tt.body, e, tt.typ, tt.ro)
			}
		}
		for _, e := range ann.Entities {
			if e.Type == news.TypeOrg && (e.Name == "U.S." || e.Name == "United States" || strings.HasSuffix(e.Name, "Government") ||
				strings.HasSuffix(e.Name, "Administration") || strings.HasSuffix(e.Name, "Official") || strings.HasSuffix(e.Name, "Spokesman") ||
				strings.HasSuffix(e.Name, "Banker")) {
				t.Errorf("%s: an organisation made of the country's name: %+v", tt.body, e)
			}
		}
	}
}
