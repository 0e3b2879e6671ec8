package index

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

func TestLabelSpellings(t *testing.T) {
	tests := []struct {
		name  string
		adds  []string
		label string
	}{
		{"one spelling", []string{"Kenya"}, "Kenya"},
		{"the most written", []string{"Democratic party", "Democratic Party", "Democratic Party"}, "Democratic Party"},
		{"capitals lose to any other case", []string{"WEST BERLIN", "WEST BERLIN", "WEST BERLIN", "West Berlin"}, "West Berlin"},
		{"an acronym in capitals only", []string{"ISTAT", "ISTAT"}, "ISTAT"},
		{"a tie: the smaller in byte order", []string{"Fox News", "FOX News"}, "FOX News"},
		{"a typo written once", []string{"New YOrk STock Exchange", "New York Stock Exchange", "New York Stock Exchange"}, "New York Stock Exchange"},
		{"one letter is not capitals", []string{"X", "x"}, "X"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// every order of the same additions gives the same label
			for seed := range uint64(20) {
				adds := append([]string(nil), tc.adds...)
				rand.New(rand.NewPCG(seed, 1)).Shuffle(len(adds), func(i, j int) { adds[i], adds[j] = adds[j], adds[i] })
				l := NewLabels()
				for _, a := range adds {
					l.Add(FieldOrg, "v", a)
				}
				if got := l.Label(FieldOrg, "v"); got != tc.label {
					t.Fatalf("added %q: label %q, want %q", adds, got, tc.label)
				}
			}
		})
	}
}

// Tables of parts of a corpus, their counts merged, label every value as
// the table of the whole.
func TestLabelsMergeCounts(t *testing.T) {
	spellings := []string{"Association of South East Asian Nations", "Association of South-East Asian Nations", "ASSOCIATION OF SOUTH EAST ASIAN NATIONS", "Association of South-east Asian Nations"}
	r := rand.New(rand.NewPCG(7, 7))
	whole := NewLabels()
	parts := []*Labels{NewLabels(), NewLabels(), NewLabels()}
	for i := range 500 {
		value := []string{"asean", "un", "eu"}[i%3]
		label := spellings[r.IntN(len(spellings))]
		whole.Add(FieldOrg, value, label)
		parts[r.IntN(len(parts))].Add(FieldOrg, value, label)
	}
	merged := NewLabels()
	for _, p := range parts {
		// through JSON, as a distributed build's parts travel
		b, err := json.Marshal(p.Counts())
		if err != nil {
			t.Fatal(err)
		}
		var c map[string]map[string]map[string]int32
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		merged.MergeCounts(c)
	}
	wb, _ := json.Marshal(whole)
	mb, _ := json.Marshal(merged)
	if string(wb) != string(mb) {
		t.Fatalf("merged labels\n%s\nwant\n%s", mb, wb)
	}
}

// A generation's labels.json holds each value's best label; read back, it
// stays the label unless a change writes the value in a better case.
func TestLabelsLoaded(t *testing.T) {
	l := NewLabels()
	l.Add(FieldPlace, "west-berlin", "West Berlin")
	l.Add(FieldPlace, "columbus", "COLUMBUS")
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	back := NewLabels()
	if err := json.Unmarshal(b, back); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		back.Add(FieldPlace, "west-berlin", "West berlin")
	}
	back.Add(FieldPlace, "columbus", "Columbus")
	if got := back.Label(FieldPlace, "west-berlin"); got != "West Berlin" {
		t.Errorf("loaded label replaced by %q", got)
	}
	if got := back.Label(FieldPlace, "columbus"); got != "Columbus" {
		t.Errorf("loaded label in capitals kept over %q", got)
	}
}
