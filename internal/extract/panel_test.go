package extract

import "testing"

// TestPanelDescription checks text.DescHeads["panel"]: "the panel" is the
// committee or commission named last.
func TestPanelDescription(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name, body, want string
	}{
		{"the panel after a committee", "The Harbour Oversight Committee met in Split on Monday.\n\n\"We have interviewed 75 witnesses so far,\" the panel said.", "harbour-oversight-committee"},
		{"the panel with no committee named", "The harbour board met in Split on Monday.\n\n\"We have interviewed 75 witnesses so far,\" the panel said.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDirectSpeaker(t, x, tt.body, tt.want)
		})
	}
}
