package text

import "testing"

func TestNickname(t *testing.T) {
	tests := []struct {
		short, full string
		want        bool
	}{
		{"ken", "kenneth", true},
		{"bill", "william", true},
		{"ted", "theodore", true},
		{"ted", "edward", true},
		{"kenneth", "ken", false},
		{"ken", "kevin", false},
		{"marta", "martha", false},
	}
	for _, tt := range tests {
		if got := Nickname(tt.short, tt.full); got != tt.want {
			t.Errorf("Nickname(%q, %q) = %v, want %v", tt.short, tt.full, got, tt.want)
		}
	}
}
