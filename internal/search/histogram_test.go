package search

import (
	"errors"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAutoInterval(t *testing.T) {
	tests := []struct {
		first, last, want string
	}{
		{"2022-02-15", "2022-02-15", IntervalDay},
		{"2022-02-01", "2022-04-01", IntervalDay}, // 60 days
		{"2022-02-01", "2022-04-02", IntervalWeek},
		{"2022-01-03", "2023-02-19", IntervalWeek}, // 59 weeks
		{"2022-01-03", "2023-03-31", IntervalMonth},
		{"2018-01-01", "2022-12-31", IntervalMonth}, // 60 months
		{"2018-01-01", "2023-01-01", IntervalYear},
		{"1946-06-01", "2024-09-30", IntervalYear},
	}
	for _, tt := range tests {
		if got := autoInterval(day(tt.first), day(tt.last)); got != tt.want {
			t.Errorf("autoInterval(%s, %s) = %s, want %s", tt.first, tt.last, got, tt.want)
		}
	}
}

func TestFillBuckets(t *testing.T) {
	in := []counted{{day("2022-01-31"), 2}, {day("2022-02-01"), 1}, {day("2022-04-30"), 5}}
	tests := []struct {
		interval string
		want     []Bucket
	}{
		{IntervalMonth, []Bucket{{"2022-01-01", 2}, {"2022-02-01", 1}, {"2022-03-01", 0}, {"2022-04-01", 5}}},
		{IntervalYear, []Bucket{{"2022-01-01", 8}}},
		{IntervalWeek, nil}, // checked by count below
	}
	for _, tt := range tests {
		got, err := fillBuckets(tt.interval, in, 100)
		if err != nil {
			t.Fatal(err)
		}
		if tt.want != nil && !equalBuckets(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.interval, got, tt.want)
		}
		sum := 0
		for _, b := range got {
			sum += b.Count
		}
		if sum != 8 {
			t.Errorf("%s: sum %d", tt.interval, sum)
		}
	}
	weeks, _ := fillBuckets(IntervalWeek, in, 100)
	if weeks[0].Start != "2022-01-31" || weeks[len(weeks)-1].Start != "2022-04-25" || weeks[0].Count != 3 {
		t.Errorf("weeks: %v", weeks)
	}
	_, err := fillBuckets(IntervalDay, []counted{{day("1950-01-01"), 1}, {day("2020-01-01"), 1}}, 1000)
	var le *LimitError
	if !errors.As(err, &le) || le.Param != "histogram" {
		t.Errorf("err = %v", err)
	}
	if b, err := fillBuckets(IntervalDay, nil, 10); err != nil || len(b) != 0 || b == nil {
		t.Errorf("empty: %v %v", b, err)
	}
}

func equalBuckets(a, b []Bucket) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCursorRoundTrip(t *testing.T) {
	c := cursor{Key: "k", After: [][]byte{{0xff, 0x00, 'a'}, []byte("id")}, Seen: 40}
	got, err := decodeCursor(encodeCursor(c))
	if err != nil {
		t.Fatal(err)
	}
	if got.Key != c.Key || got.Seen != 40 || string(got.After[0]) != string(c.After[0]) || string(got.After[1]) != "id" {
		t.Errorf("round trip: %+v", got)
	}
	for _, bad := range []string{"", "%%%", "e30", encodeCursor(cursor{Key: "k"})} {
		if _, err := decodeCursor(bad); err == nil {
			t.Errorf("decodeCursor(%q) accepted", bad)
		}
	}
}

func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor(cursor{Key: "k", After: [][]byte{[]byte("1.5"), []byte("a1")}, Seen: 2}))
	f.Add("")
	f.Add("eyJrIjoiIn0")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCursor(s)
		if err == nil && (c.Key == "" || len(c.After) == 0) {
			t.Errorf("accepted an empty cursor %q", s)
		}
	})
}
