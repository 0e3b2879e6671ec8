package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/testutil"
)

// corpusFacts are the figures the corpora README states for each file.
type corpusFacts struct {
	records     int    // lines
	read        int    // articles emitted
	bytes       int64  // uncompressed size
	first, last string // published range (dates), "" when undated
	undated     int
	emptyTitle  int
	emptyBody   int
	problems    []string
}

var corpora = map[string]corpusFacts{
	"reuters21578.jsonl.gz": {
		records: 21578, read: 21577, bytes: 19_802_233, first: "1987-02-26", last: "1987-10-20",
		// 1,798 headline-only flashes; 737 untitled stories, one of them
		// (NEWID 12793) also without body, which is the one skip.
		emptyBody: 1798, emptyTitle: 736,
		problems: []string{"reuters21578.jsonl.gz:12793: neither title nor body"},
	},
	"polnear.jsonl":           {records: 1012, read: 1012, bytes: 4_907_790, first: "2015-11-08", last: "2016-11-07"},
	"wikinews.jsonl":          {records: 293, read: 293, bytes: 1_423_003, first: "2019-01-04", last: "2020-12-28"},
	"gum-wikinews.jsonl":      {records: 43, read: 43, bytes: 185_017, first: "2006-01-12", last: "2023-02-23"},
	"ungd-1946-1989.jsonl.gz": {records: 4430, read: 4430, bytes: 108_810_182, undated: 4430},
	"ungd-1990-2024.jsonl.gz": {records: 6522, read: 6522, bytes: 93_013_655, undated: 6522},
}

// TestRealCorpora reads the whole corpora folder once (its README.md is
// ignored) and checks each file against the README's figures.
func TestRealCorpora(t *testing.T) {
	dir := testutil.CorporaDir()
	if dir == "" {
		t.Skip("real corpora folder absent (set READOUT_CORPORA or place ../shared/corpora)")
	}
	if testing.Short() {
		t.Skip("reads ~230 MB; skipped with -short")
	}
	type tally struct {
		corpusFacts
		firstT, lastT time.Time
	}
	got := map[string]*tally{}
	file := func(origin string) *tally {
		name, _, _ := strings.Cut(strings.TrimPrefix(origin, dir+string(filepath.Separator)), ":")
		if got[name] == nil {
			got[name] = &tally{}
		}
		return got[name]
	}
	// The whole folder is one input (its README.md must be ignored); under
	// -race only the smaller files are read, one input each.
	inputs, want := []Input{OSInput(dir)}, corpora
	wantIgnored := 1
	if raceEnabled {
		inputs, want, wantIgnored = nil, map[string]corpusFacts{}, 0
		for name, facts := range corpora {
			if !strings.HasPrefix(name, "ungd-") {
				inputs = append(inputs, OSInput(filepath.Join(dir, name)))
				want[name] = facts
			}
		}
	}
	ids := map[string]bool{}
	stats, err := Read(context.Background(), inputs, Options{},
		func(a news.Article) error {
			if a.ID == "" || (a.Title == "" && a.Body == "") {
				t.Errorf("%s: emitted without id or text", a.Origin)
			}
			if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Body) {
				t.Errorf("%s: invalid UTF-8", a.Origin)
			}
			if ids[a.ID] {
				t.Errorf("%s: id %s repeated (the README says ids are unique)", a.Origin, a.ID)
			}
			ids[a.ID] = true
			f := file(a.Origin)
			f.read++
			if a.Title == "" {
				f.emptyTitle++
			}
			if a.Body == "" {
				f.emptyBody++
			}
			if !a.Dated() {
				f.undated++
				return nil
			}
			if f.firstT.IsZero() || a.Published.Before(f.firstT) {
				f.firstT = a.Published
			}
			if a.Published.After(f.lastT) {
				f.lastT = a.Published
			}
			return nil
		},
		func(p *Problem) {
			f := file(p.Path)
			f.problems = append(f.problems, strings.TrimPrefix(p.Error(), dir+string(filepath.Separator)))
		})
	if err != nil {
		t.Fatal(err)
	}
	for name, facts := range want {
		g := got[name]
		if g == nil {
			t.Errorf("%s: nothing read", name)
			continue
		}
		g.first, g.last = day(g.firstT), day(g.lastT)
		if facts.emptyTitle == 0 && facts.emptyBody == 0 {
			g.emptyTitle, g.emptyBody = 0, 0 // not stated for this file
		}
		if g.read+len(g.problems) != facts.records {
			t.Errorf("%s: %d read + %d problems, want %d records", name, g.read, len(g.problems), facts.records)
		}
		if !equalFacts(g.corpusFacts, facts) { // records and bytes are checked above and below
			t.Errorf("%s:\n got %+v\nwant %+v", name, g.corpusFacts, facts)
		}
	}
	var wantBytes int64
	var wantRead int
	for _, c := range want {
		wantBytes += c.bytes
		wantRead += c.read
	}
	if len(got) != len(want) {
		t.Errorf("read %d files, want %d", len(got), len(want))
	}
	if stats.Files != len(want) || stats.Ignored != wantIgnored || stats.Read != wantRead || stats.Skipped != 1 || stats.Bytes != wantBytes || len(stats.UnknownFields) != 0 {
		t.Errorf("stats %+v; want %d files, %d ignored (README), %d read, 1 skipped, %d bytes, no unknown fields", stats, len(want), wantIgnored, wantRead, wantBytes)
	}
}

func equalFacts(a, b corpusFacts) bool {
	return a.read == b.read && a.first == b.first && a.last == b.last && a.undated == b.undated &&
		a.emptyTitle == b.emptyTitle && a.emptyBody == b.emptyBody && strings.Join(a.problems, "\n") == strings.Join(b.problems, "\n")
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
