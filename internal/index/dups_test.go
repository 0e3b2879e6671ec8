package index

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/testutil"
)

const dupLead = "The foreign ministers of the two countries agreed on Tuesday to reopen the border crossing closed since the floods of last spring, officials said after talks in the capital."

var dupRest = []string{
	"The crossing carried most of the trade between the two countries before the floods, and traders on both sides had asked for months that it be reopened.",
	"Engineers will inspect the bridge over the river next week, and the first lorries could cross by the end of the month if it is found sound, a ministry spokesman said.",
	"The ministers also discussed a joint fund for repairing the roads damaged by the water, but reached no agreement on how its cost would be shared between them.",
	"Opposition leaders in both parliaments welcomed the decision but said the governments had waited too long to act on it.",
}

func dupBody(lead string, rest ...string) string {
	return strings.Join(append([]string{lead}, rest...), "\n\n")
}

// TestSameStory: copies of one story are grouped, different stories that
// share a lead are not.
func TestSameStory(t *testing.T) {
	day := time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC).Unix()
	orig := dupBody("VIENNA, March 3 - "+dupLead, dupRest...)
	tests := []struct {
		name        string
		title, body string
		published   int64
		same        bool
	}{
		{"exact copy", "Border to reopen", orig, day, true},
		{"changed headline", "Ministers agree to reopen flooded border crossing", orig, day + 3600, true},
		{"changed dateline", "Border to reopen", dupBody("BELGRADE (Reuters) - "+dupLead, dupRest...), day, true},
		{"byline added", "Border to reopen", "By Ana Kovač\n\n" + dupBody(dupLead, dupRest...), day, true},
		{"trimmed last paragraph", "Border to reopen", dupBody("VIENNA, March 3 - "+dupLead, dupRest[:3]...), day + 7200, true},
		{"re-run the next day", "Border to reopen", orig, day + 86400, true},
		{"shared lead, different story", "Border to reopen", dupBody(dupLead,
			"In a separate statement, the central bank said inflation had fallen for the third month in a row and that it would keep interest rates where they are until the summer.",
			"Unemployment rose slightly in the northern provinces, where two car plants closed last year, while the capital's economy grew faster than at any time since the war.",
			"The finance minister is expected to present a revised budget to parliament in April, with cuts to defence and higher spending on schools and hospitals."), day, false},
		{"same text a month later", "Border to reopen", orig, day + 30*86400, false},
		{"one template, other figures", "Border to reopen", strings.ReplaceAll(orig, "the end of the month", "April 14, with 300 lorries a day"), day, true},
	}
	a := SigDoc{ID: "a", Published: day}
	var ok bool
	if a.Sig, ok = SignatureOf("Border to reopen", orig); !ok {
		t.Fatal("no signature")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := SigDoc{ID: "b", Published: tt.published}
			b.Sig, _ = SignatureOf(tt.title, tt.body)
			groups := GroupDuplicates([]SigDoc{a, b}, DupThreshold)
			if got := len(groups) == 1; got != tt.same {
				t.Errorf("same story = %v, want %v (similarity %.2f)", got, tt.same, Similarity(&a.Sig, &b.Sig))
			}
		})
	}
}

// TestSameStoryNotices: two companies' notices from one template differ in
// the title and a figure each; the same notice twice is one story.
func TestSameStoryNotices(t *testing.T) {
	day := time.Date(1987, 4, 8, 14, 0, 0, 0, time.UTC).Unix()
	doc := func(id, title, body string) SigDoc {
		s, _ := SignatureOf(title, body)
		return SigDoc{ID: id, Published: day, Sig: s}
	}
	a := doc("a", "ACME CORP SETS QUARTERLY", "CHICAGO, April 8 - Qtly div 12 cts vs 12 cts prior\n\nPay May 20\n\nRecord April 30")
	b := doc("b", "WIDGET INC SETS QUARTERLY", "DALLAS, April 8 - Qtly div 12 cts vs 12 cts prior\n\nPay May 20\n\nRecord April 29")
	c := doc("c", "ACME CORP SETS QUARTERLY", "CHICAGO, Ill., April 8 - Qtly div 12 cts vs 12 cts prior\n\nPay May 20\n\nRecord April 30")
	groups := GroupDuplicates([]SigDoc{a, b, c}, DupThreshold)
	if len(groups) != 1 || strings.Join(groups[0], ",") != "a,c" {
		t.Errorf("groups %v, want [[a c]]", groups)
	}
}

// TestGroupOrder: a group lists its articles earliest first, the undated
// last, then by id; its id is its first article's.
func TestGroupOrder(t *testing.T) {
	s, _ := SignatureOf("t", dupBody(dupLead, dupRest...))
	docs := []SigDoc{{ID: "z", Published: 200, Sig: s}, {ID: "u", Sig: s}, {ID: "y", Published: 100, Sig: s}, {ID: "x", Published: 200, Sig: s}}
	groups := GroupDuplicates(docs, DupThreshold)
	if len(groups) != 1 || strings.Join(groups[0], ",") != "y,x,z,u" {
		t.Fatalf("groups %v, want [[y x z u]]", groups)
	}
	g := NewGroups(groups, nil)
	if r, ok := g.Of("z"); !ok || r.Rank != 2 {
		t.Errorf("Of(z) = %+v, %v", r, ok)
	}
	if gi, ok := g.ByID("y"); !ok || gi != 0 {
		t.Errorf("ByID(y) = %d, %v", gi, ok)
	}
	if _, ok := g.ByID("x"); ok {
		t.Error("ByID(x): x is no group's id")
	}
}

// TestDupPairsReuters reports the precision and recall of the grouping of
// Reuters-21578 on the labelled pairs of testdata/dup-pairs-reuters.tsv.
func TestDupPairsReuters(t *testing.T) {
	docs := reutersSigDocs(t)
	start := time.Now()
	g := NewGroups(GroupDuplicates(docs, DupThreshold), nil)
	took := time.Since(start)
	inGroups := 0
	for gi := range g.Len() {
		inGroups += g.Size(gi)
	}
	f, err := os.Open("testdata/dup-pairs-reuters.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tp, fp, fn, tn int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("bad line %q", line)
		}
		ra, oka := g.Of(cols[0])
		rb, okb := g.Of(cols[1])
		merged := oka && okb && ra.Group == rb.Group
		switch same := cols[2] == "1"; {
		case merged && same:
			tp++
		case merged && !same:
			fp++
			t.Logf("false merge: %s %s", cols[0], cols[1])
		case !merged && same:
			fn++
		default:
			tn++
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("Reuters: %d articles, %d groups holding %d articles (grouped in %v); labelled pairs: %d same story, %d different; precision %.3f (%d false merges), recall %.3f (%d missed)",
		len(docs), g.Len(), inGroups, took.Round(time.Millisecond), tp+fn, fp+tn, precision, fp, recall, fn)
	// Targets, set from the measured figures (1.000 and 0.741 at 0.6; the
	// rules and the threshold were tuned on these pairs, so they flatter
	// the grouping): false merges are what an analyst cannot see past, so
	// precision is held high; recall is lower because rewrites of a story
	// (a new lead, new paragraphs) fall below the threshold. At 0.5 recall
	// is 0.864 on these pairs, but groups it adds outside them merge two
	// funds' identical payout notices (docs/design.md).
	if precision < 0.95 || recall < 0.70 {
		t.Errorf("precision %.3f (want >= 0.95), recall %.3f (want >= 0.70)", precision, recall)
	}
}

// TestGroupQuotes: quotes with one speaker and the same first words are
// one group, earliest first; another speaker's, or another remark, is not.
func TestGroupQuotes(t *testing.T) {
	key := func(speaker, text string) uint64 {
		k, ok := QuoteKey(speaker, text)
		if !ok {
			t.Fatalf("no key for %q", text)
		}
		return k
	}
	remark := "We will not accept any dredging works that change the border on the river, whatever Belgrade says."
	quotes := []QuoteCopy{
		{Key: key("goran-vukovic", remark), Published: 300, Article: 0, Num: 2},
		{Key: key("goran-vukovic", "We will NOT accept any dredging works that change the border on the river."), Published: 100, Article: 1, Num: 1},
		{Key: key("ana-kovac", remark), Published: 50, Article: 2, Num: 1},
		{Key: key("goran-vukovic", "We will accept the dredging works."), Published: 60, Article: 2, Num: 3},
		{Key: key("goran-vukovic", remark), Published: 200, Article: 2, Num: 5},
	}
	got := GroupQuotes(quotes, []string{"a", "b", "c"})
	if len(got) != 1 || strings.Join(got[0], ",") != "b#q1,c#q5,a#q2" {
		t.Errorf("groups %v, want [[b#q1 c#q5 a#q2]]", got)
	}
	if _, ok := QuoteKey("x", " — "); ok {
		t.Error("a quote without words has a key")
	}
}

// groupDuplicatesRef is GroupDuplicates as first written (a map of
// buckets a band): the sorted buckets must make the same groups.
func groupDuplicatesRef(docs []SigDoc, threshold float64) [][]string {
	parent := make([]int32, len(docs))
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(i int32) int32
	find = func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int32) {
		ra, rb := find(a), find(b)
		if ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	buckets := make(map[uint64][]int32, len(docs))
	for j := range SigBands {
		clear(buckets)
		for i := range docs {
			k := bandKey(&docs[i].Sig, j)
			b := buckets[k]
			for _, o := range b[max(0, len(b)-maxBucketPeers):] {
				if find(o) == find(int32(i)) {
					continue
				}
				if sameStory(&docs[o], &docs[i], threshold) {
					union(o, int32(i))
				}
			}
			buckets[k] = append(b, int32(i))
		}
	}
	byRoot := map[int32][]int32{}
	for i := range docs {
		r := find(int32(i))
		byRoot[r] = append(byRoot[r], int32(i))
	}
	var groups [][]string
	for _, members := range byRoot {
		if len(members) < 2 {
			continue
		}
		slices.SortFunc(members, func(a, b int32) int { return earlier(&docs[a], &docs[b]) })
		g := make([]string, len(members))
		for i, m := range members {
			g[i] = docs[m].ID
		}
		groups = append(groups, g)
	}
	first := map[string]*SigDoc{}
	for i := range docs {
		first[docs[i].ID] = &docs[i]
	}
	slices.SortFunc(groups, func(a, b []string) int { return earlier(first[a[0]], first[b[0]]) })
	return groups
}

// reutersSigDocs reads the signatures of the Reuters corpus.
func reutersSigDocs(t *testing.T) []SigDoc {
	t.Helper()
	path := testutil.Corpus(t, "reuters21578.jsonl.gz")
	var docs []SigDoc
	_, err := ingest.Read(context.Background(), []ingest.Input{ingest.OSInput(path)}, ingest.Options{},
		func(a news.Article) error {
			if s, ok := SignatureOf(a.Title, a.Body); ok {
				d := SigDoc{ID: a.ID, Sig: s}
				if a.Dated() {
					d.Published = a.Published.Unix()
				}
				docs = append(docs, d)
			}
			return nil
		}, func(*ingest.Problem) {})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestGroupDuplicatesSameAsRef(t *testing.T) {
	// Synthetic signatures over a small alphabet: many band keys shared,
	// buckets longer than maxBucketPeers, groups chained through several
	// bands, some dates equal, some undated.
	rng := rand.New(rand.NewPCG(7, 11))
	synth := func(n, stories, alphabet int) []SigDoc { return synthSigDocs(rng, n, stories, alphabet) }
	sets := map[string][]SigDoc{
		"none":            nil,
		"one":             synth(1, 1, 4),
		"small alphabet":  synth(400, 20, 3),
		"stories":         synth(3000, 150, 1000),
		"large buckets":   synth(2000, 10, 2), // ~200 copies a story: buckets past maxBucketPeers
		"threshold edges": synth(1500, 75, 50),
	}
	for name, docs := range sets {
		t.Run(name, func(t *testing.T) {
			sameGroupsAsRef(t, docs, name != "none" && name != "one")
		})
	}
}

func TestGroupDuplicatesSameAsRefReuters(t *testing.T) {
	sameGroupsAsRef(t, reutersSigDocs(t), true)
}

// sameGroupsAsRef fails unless GroupDuplicates and the reference group
// docs alike, at two thresholds; some groups are expected when grouped.
func sameGroupsAsRef(t *testing.T, docs []SigDoc, grouped bool) {
	t.Helper()
	for _, th := range []float64{DupThreshold, 0.3} {
		got, want := GroupDuplicates(docs, th), groupDuplicatesRef(docs, th)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("threshold %v: %d groups, the reference %d; first difference: %s", th, len(got), len(want), firstDiff(got, want))
		}
		if grouped && len(want) == 0 {
			t.Errorf("threshold %v: no group: the set tests nothing", th)
		}
		t.Logf("threshold %v: %d groups", th, len(want))
	}
}

func firstDiff(a, b [][]string) string {
	for i := range min(len(a), len(b)) {
		if !slices.Equal(a[i], b[i]) {
			return fmt.Sprintf("group %d: %d members %q… against %d members %q…", i, len(a[i]), a[i][:min(4, len(a[i]))], len(b[i]), b[i][:min(4, len(b[i]))])
		}
	}
	return "the tail"
}

// synthSigDocs makes n signatures of copies of stories stories, each hash
// of a copy replaced by one of alphabet values with probability 1/4; a
// fifth of them undated, ids sorted.
func synthSigDocs(rng *rand.Rand, n, stories, alphabet int) []SigDoc {
	docs := make([]SigDoc, n)
	for i := range docs {
		docs[i].ID = fmt.Sprintf("d%05d", rng.IntN(n*4)) + fmt.Sprint(i)
		if rng.IntN(5) > 0 {
			docs[i].Published = int64(1_000_000 + rng.IntN(50)*86400)
		}
		base := rng.IntN(stories) // a story: copies share most hashes
		for h := range docs[i].Sig.Min {
			v := uint16(base*SigHashes + h)
			if rng.IntN(4) == 0 {
				v = uint16(rng.IntN(alphabet))
			}
			docs[i].Sig.Min[h] = v
		}
	}
	slices.SortFunc(docs, func(a, b SigDoc) int { return strings.Compare(a.ID, b.ID) })
	return docs
}

// BenchmarkGroupDuplicates compares GroupDuplicates with the reference on
// 200,000 synthetic signatures.
func BenchmarkGroupDuplicates(b *testing.B) {
	docs := synthSigDocs(rand.New(rand.NewPCG(1, 2)), 200_000, 40_000, 1<<16)
	for _, impl := range []struct {
		name string
		f    func([]SigDoc, float64) [][]string
	}{{"ref", groupDuplicatesRef}, {"now", GroupDuplicates}} {
		b.Run(impl.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				impl.f(docs, DupThreshold)
			}
		})
	}
}
