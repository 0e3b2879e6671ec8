package extract

import "testing"

// TestGroupPlurals checks afterQuantifier: a capitalised plural after a
// group quantifier and before a verb of saying is a group, no person.
func TestGroupPlurals(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name, body, id string
		person         bool
	}{
		{"many more and a plural", "Take a look at what Marta Lindqvist and many more Latinos said about the harbour in 2015.", "latinos", false},
		{"some and a plural", "The plan passed on Monday, but some Islanders said it came too late for the harbour.", "islanders", false},
		{"a surname ending in s after and stays a person", "The plan passed on Monday. Reporters asked Halvorsen and Jones said it came too late for the harbour.", "jones", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkPersonEntity(t, x, tt.body, tt.id, tt.person)
		})
	}
}
