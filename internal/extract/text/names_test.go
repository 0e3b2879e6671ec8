package text

import (
	"strings"
	"testing"
)

func TestMiddleName(t *testing.T) {
	tests := []struct {
		full, written string
		want          bool
	}{
		{"Anna Kovač", "Anna Maria Kovač", true},
		{"Anna Kovač", "Former minister Anna Maria Kovač", true},
		{"Anna Kovač", "Anna Kovač", false},        // no middle name
		{"Anna Kovač", "Ivana Maria Kovač", false}, // another given name: a relative
		{"Anna Kovač", "Anna Maria Berg", false},
		{"Anna Maria Kovač", "Anna Maria Kovač", false}, // (a three-word full name)
	}
	for _, tt := range tests {
		if got := MiddleName(tt.full, strings.Fields(tt.written)); got != tt.want {
			t.Errorf("MiddleName(%q, %q) = %v, want %v", tt.full, tt.written, got, tt.want)
		}
	}
}
