package extract

import "testing"

// TestTitledNames checks titledName: a title with a connector and a
// person's name in one capitalised run.
func TestTitledNames(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name, body, id string
		person         bool
	}{
		{"a title with for and an affairs portfolio", "The ferry left after a message from Undersecretary for Harbour Affairs Marta Vintermyr, who approved it.", "marta-vintermyr", true},
		{"chief of staff", "The harbour council's Chief of Staff Jon Vintermyr wrote to the ministry on Monday.", "jon-vintermyr", true},
		{"no given name: no person", "The ferry left after a message from Undersecretary for Harbour Affairs Vintermyr Dock, which approved it.", "vintermyr-dock", false},
		{"no title first: no person", "The ferry left after a message from the Bureau for Harbour Affairs Marta Vintermyr Fund, which approved it.", "marta-vintermyr", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkPersonEntity(t, x, tt.body, tt.id, tt.person)
		})
	}
}
