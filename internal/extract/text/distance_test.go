package text

import "testing"

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"ceasefire", "ceasefire", 0},
		{"ceasfire", "ceasefire", 1},
		{"", "abc", 3},
		{"bauchtman", "buchtmann", 2},
		{"kovač", "kovac", 1}, // runes, not bytes
		{"sanctions", "snactions", 2},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := EditDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d (symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}
