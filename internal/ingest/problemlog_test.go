package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

func TestProblemReason(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{"syntax", Problem{Path: "a.jsonl", Line: 1, Err: fmt.Errorf("%w at byte 3: invalid character", ErrInvalidJSON)}, "invalid JSON"},
		{"decoded", decodeProblem(t, `{"id": 7, "title": "x"}`), "invalid JSON"},
		{"decoded syntax", decodeProblem(t, `{not json`), "invalid JSON"},
		{"missing id", decodeProblem(t, `{"title": "x"}`), "missing id"},
		{"no text", decodeProblem(t, `{"id": "a"}`), "neither title nor body"},
		{"bad date", decodeProblem(t, `{"id": "a", "title": "t", "published": "15/02/2022"}`), "invalid date"},
		{"utf-8", decodeProblem(t, "{\"id\": \"a\", \"title\": \"\xff\"}"), "invalid UTF-8"},
		{"too large", Problem{Path: "a.jsonl", Line: 9, Err: fmt.Errorf("line %w: more than 10 bytes", ErrTooLarge)}, "over the size limit"},
		{"not a feed", Problem{Path: "x.rss", Err: errNotFeed}, "not an RSS or Atom feed"},
		{"open", Problem{Path: "d/a.md", Err: fmt.Errorf("open: %w", os.ErrPermission)}, "unreadable file"},
		{"gzip", Problem{Path: "a.jsonl.gz", Line: 40, Err: errors.New("read: unexpected EOF")}, "unreadable file"},
		{"walk", Problem{Path: "d/sub", Err: errors.New("walk: permission denied")}, "unreadable folder"},
		{"feed parse", Problem{Path: "f.rss", Err: errors.New("parse feed: XML syntax error on line 3")}, "parse feed"},
		{"front matter", Problem{Path: "a.md", Line: 2, Field: "front matter", Err: errors.New("no closing --- line")}, "front matter: no closing --- line"},
		{"values dropped", Problem{Path: "a.md", Field: "authors", Err: errors.New(`want a string, got "x" 12 times`)}, "authors: want a string, got"},
		{"no error", Problem{Path: "a"}, "unusable"},
		{"long", Problem{Path: "a", Err: errors.New(strings.Repeat("é", 50))}, strings.Repeat("é", 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Reason(); got != tt.want {
				t.Errorf("Reason() of %q = %q, want %q", tt.p.Error(), got, tt.want)
			}
		})
	}
}

// decodeProblem is the Problem DecodeRecord reports for line.
func decodeProblem(t *testing.T, line string) Problem {
	t.Helper()
	_, _, p := DecodeRecord([]byte(line), Options{}, Problem{Path: "a.jsonl", Line: 1}, "")
	if p == nil {
		t.Fatalf("%s decodes without a problem", line)
	}
	return *p
}

// bufLogger returns a buffer and a text logger writing to it.
func bufLogger() (*bytes.Buffer, *slog.Logger) {
	var buf bytes.Buffer
	return &buf, slog.New(slog.NewTextHandler(&buf, nil))
}

func lines(buf *bytes.Buffer) []string {
	s := strings.TrimSpace(buf.String())
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// TestReadLogsBoundedProblems: 100,000 bad lines of three reasons, read
// with the default report, write ten lines per reason, one "further ones
// are counted" line per reason over ten, and one summary line per such
// reason with the right counts.
func TestReadLogsBoundedProblems(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 100000 {
		switch {
		case i%100 == 50:
			fmt.Fprintf(&b, `{"title": "no id %d"}`+"\n", i) // 1,000 missing ids, the first on line 51
		case i >= 99990:
			fmt.Fprintf(&b, `{"id": "d%d", "title": "t", "published": "yesterday"}`+"\n", i) // 10 bad dates
		default:
			fmt.Fprintf(&b, "garbage %d\n", i) // 98,990 lines of invalid JSON
		}
	}
	b.WriteString(`{"id": "ok", "title": "A good one"}` + "\n")
	path := filepath.Join(dir, "big.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	buf, log := bufLogger()
	read := 0
	st, err := Read(context.Background(), []Input{{Name: "big.jsonl", FS: os.DirFS(dir), Path: "big.jsonl"}}, Options{Logger: log},
		func(news.Article) error { read++; return nil }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Skipped != 100000 || st.Read != 1 || read != 1 {
		t.Fatalf("stats %+v, emitted %d", st, read)
	}
	got := lines(buf)
	count := func(substr string) int {
		n := 0
		for _, l := range got {
			if strings.Contains(l, substr) {
				n++
			}
		}
		return n
	}
	if len(got) != 10+1+1+10+1+1+10 {
		t.Errorf("%d log lines for 100,000 problems, want 34:\n%s", len(got), strings.Join(got, "\n"))
	}
	if n := count(`msg="skipped record"`); n != 30 {
		t.Errorf("%d problems logged one by one, want 10 for each of 3 reasons", n)
	}
	if n := count("further records skipped for this reason are counted"); n != 2 {
		t.Errorf("%d 'counted, not logged' lines, want 2 (invalid JSON and missing id)", n)
	}
	for _, want := range []string{
		`skipped 98,980 more records: invalid JSON (98,990 in all, first at big.jsonl:1)" reason="invalid JSON" skipped=98990`,
		`skipped 990 more records: missing id (1,000 in all, first at big.jsonl:51)" reason="missing id" skipped=1000`,
	} {
		if count(want) != 1 {
			t.Errorf("no summary line %q in:\n%s", want, buf)
		}
	}
	if count("invalid date (") != 0 {
		t.Errorf("a summary for the 10 bad dates, all logged already:\n%s", buf)
	}
}

func TestProblemLogCounts(t *testing.T) {
	buf, log := bufLogger()
	pl := NewProblemLog(log, 2)
	for i := range 5 {
		pl.Report(&Problem{Path: "a.jsonl", Line: i + 1, Field: "id", Err: ErrNoID})
	}
	// Reasons beyond maxReasons are counted as "other".
	for i := range 100 {
		reason := string([]byte{'a' + byte(i/26), 'a' + byte(i%26)})
		pl.Report(&Problem{Path: "f" + fmt.Sprint(i), Err: errors.New(reason + ": detail")})
	}
	counts := pl.Counts()
	if pl.Total() != 105 || len(counts) != maxReasons+1 || counts[0] != (ReasonCount{Reason: "missing id", Count: 5, First: "a.jsonl:1"}) {
		t.Fatalf("total %d, counts %+v", pl.Total(), counts)
	}
	if last := counts[len(counts)-1]; last.Reason != "other" || last.Count != 100-(maxReasons-1) {
		t.Fatalf("last reason %+v, want other with %d", last, 100-(maxReasons-1))
	}
	pl.Summarize()
	n := len(lines(buf))
	// missing id: 2 + 1 + 1; 31 reasons of one problem each: 31; other: 2 + 1 + 1.
	if want := 4 + (maxReasons - 1) + 4; n != want {
		t.Fatalf("%d log lines, want %d:\n%s", n, want, buf)
	}
}

// TestUnknownFieldsBounded: a corpus whose every record invents a field
// warns about ten of them, then counts, and keeps at most maxUnknownKept.
func TestUnknownFieldsBounded(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, `{"id": "a%d", "title": "t", "x%d": 1}`+"\n", i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "u.jsonl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	buf, log := bufLogger()
	st, err := Read(context.Background(), []Input{OSInput(filepath.Join(dir, "u.jsonl"))}, Options{Logger: log},
		func(news.Article) error { return nil }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Read != 3000 || len(st.UnknownFields) != maxUnknownKept {
		t.Fatalf("read %d, %d unknown field names kept, want 3000 and %d", st.Read, len(st.UnknownFields), maxUnknownKept)
	}
	got := lines(buf)
	if len(got) != maxUnknownLogged+2 || !strings.Contains(got[len(got)-1], "ignored 1,000 or more unknown field names in all") {
		t.Fatalf("%d log lines:\n%s", len(got), buf)
	}
}

func TestCheckSkipped(t *testing.T) {
	tests := []struct {
		read, skipped int
		ratio         float64
		want          string // "" for no error
	}{
		{0, 10000000, 0, "skipped 10,000,000 of 10,000,000 records (100%), more than ingest.max_skip_ratio 50%"},
		{10, 10, 0, ""}, // exactly half is allowed by default
		{9, 11, 0, "skipped 11 of 20 records (55%), more than ingest.max_skip_ratio 50%"},
		{60, 40, 0.5, ""}, // 40% garbage
		{60, 40, 0.3, "skipped 40 of 100 records (40%), more than ingest.max_skip_ratio 30%"},
		{1, 999999, 0.999, "skipped 999,999 of 1,000,000 records (>99.9%), more than ingest.max_skip_ratio 99.9%"},
		{999, 1, 0.0005, "skipped 1 of 1,000 records (0.1%), more than ingest.max_skip_ratio 0.05%"},
		{0, 5, 1, ""}, // 1 turns the check off
		{0, 0, 0.5, ""},
	}
	for _, tt := range tests {
		err := CheckSkipped(tt.read, tt.skipped, tt.ratio)
		var se *SkipError
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckSkipped(%d, %d, %v) = %v, want nil", tt.read, tt.skipped, tt.ratio, err)
		case tt.want != "" && (err == nil || err.Error() != tt.want || !errors.As(err, &se)):
			t.Errorf("CheckSkipped(%d, %d, %v) = %v, want %q", tt.read, tt.skipped, tt.ratio, err, tt.want)
		}
	}
}

func TestThousandsAndPercent(t *testing.T) {
	got := []string{thousands(0), thousands(999), thousands(1000), thousands(-1234567), percent(1, 3), percent(0, 5), percent(1, 100000), percent(5, 5)}
	want := []string{"0", "999", "1,000", "-1,234,567", "33.3%", "0%", "<0.1%", "100%"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}
