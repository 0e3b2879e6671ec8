package index

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
)

func TestDupSpillRoundTrip(t *testing.T) {
	sig, ok := SignatureOf("", "The envoys met in Vienna on Tuesday and agreed to resume talks on the border in March, officials said.")
	if !ok {
		t.Fatal("no signature")
	}
	recs := []spilled{
		{id: "a1", seq: 1, published: 1_650_000_000, sig: &sig, qkeys: []quoteKey{{key: 1<<63 + 5, num: 1}, {key: 7, num: 3}}},
		{id: "ü-2", seq: 2},                               // undated, no signature, no quotes
		{id: "a1", seq: 3, published: -86_400, sig: &sig}, // before 1970
		{id: strings.Repeat("x", 300), seq: 1 << 40, qkeys: []quoteKey{{key: 0, num: 65535}}},
	}
	s, err := newDupSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.remove()
	for _, r := range recs {
		if err := s.add(r); err != nil {
			t.Fatal(err)
		}
	}
	var got []spilled
	if err := s.each(func(r spilled) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, recs) {
		t.Fatalf("read back\n%+v\nwant\n%+v", got, recs)
	}
	if err := s.remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("spill left behind: %v", err)
	}
}

// TestReadSpilledCut: a record cut anywhere is an error, not a short
// record; the end between records is io.EOF.
func TestReadSpilledCut(t *testing.T) {
	sig, _ := SignatureOf("", "Ministers from both countries met at the border crossing and signed the accord on fisheries.")
	s, err := newDupSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.remove()
	if err := s.add(spilled{id: "a1", seq: 9, published: 100, sig: &sig, qkeys: []quoteKey{{key: 3, num: 1}}}); err != nil {
		t.Fatal(err)
	}
	full := slices.Clone(s.buf)
	for n := 1; n < len(full); n++ {
		_, err := readSpilled(bufio.NewReader(bytes.NewReader(full[:n])))
		if err == nil || errors.Is(err, io.EOF) {
			t.Fatalf("cut at %d of %d bytes: err = %v", n, len(full), err)
		}
	}
	if _, err := readSpilled(bufio.NewReader(bytes.NewReader(nil))); !errors.Is(err, io.EOF) {
		t.Fatalf("empty: err = %v", err)
	}
}

// TestBuildGroupsLastVersion: the groups of near-duplicates are made from
// each article's last version, the journal's included, and the spill they
// are made from is not published with the generation.
func TestBuildGroupsLastVersion(t *testing.T) {
	story := "Negotiators from the two countries met in Vienna on Tuesday and agreed to resume talks on the disputed river border in March, " +
		"according to officials from both delegations who spoke after the meeting ended late in the evening."
	other := "A separate commission of hydrologists will survey the channel next spring and publish its maps before any new round of talks begins."
	dir := t.TempDir()
	corpus := writeCorpus(t, dir, "a.jsonl",
		art("w1", "Talks to resume", story, "2024-03-05"),
		art("w2", "Border talks to resume in March", story, "2024-03-05"),
		art("w3", "Talks resume, officials say", "Draft text. "+other, "2024-03-05"),
		art("w3", "Talks resume, officials say", story, "2024-03-06"), // the corpus's last version of w3
		art("w4", "Talks to resume", story, "2024-03-06"),
	)
	s, err := OpenStore(filepath.Join(dir, "idx"))
	if err != nil {
		t.Fatal(err)
	}
	groupOf := func(g *Generation, id string) []string {
		ref, ok := g.Groups.Of(id)
		if !ok {
			return nil
		}
		return g.Groups.Members(ref.Group)
	}
	x := newExtractor(t)
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x})
	g := openCurrent(t, s)
	if got, want := groupOf(g, "w1"), []string{"w1", "w2", "w3", "w4"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("first build: group of w1 = %v, want %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(s.Dir, g.Name, dupSpillFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the spill is published: %v", err)
	}
	if _, err := s.AppendJournal([]Op{
		{Kind: OpUpsert, Article: &news.Article{ID: "w2", Title: "Survey planned", Body: other}},
		{Kind: OpDelete, ID: "w4"},
	}); err != nil {
		t.Fatal(err)
	}
	build(t, s, BuildOptions{Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x})
	g2 := openCurrent(t, s)
	if got, want := groupOf(g2, "w1"), []string{"w1", "w3"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("after the journal: group of w1 = %v, want %v", got, want)
	}
	if got := groupOf(g2, "w2"); got != nil {
		t.Fatalf("w2, rewritten, still in group %v", got)
	}
}
