package extract

// Evaluation of quote attribution and country detection against the
// hand-labelled Wikinews sets in testdata/ (rules and figures:
// testdata/EVAL.md). The labels hold only article ids, ISO country codes,
// speaker names and a short locator prefix of each quote; the article text
// is read from the real corpora through testutil.Corpus, so the evaluation
// skips when the corpora are absent.
//
//	go test -run TestEvalWikinews -v ./internal/extract/
//	go test -run TestEvalWikinews -v ./internal/extract/ -eval.report   # per-article mistakes on stdout

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/testutil"
)

var (
	evalReport        = flag.Bool("eval.report", false, "TestEvalWikinews: print every mistake on the development sets, per article, to stdout")
	evalReportHeldOut = flag.Bool("eval.report-heldout", false, "TestEvalWikinews: with -eval.report, print the held-out mistakes too (not while tuning)")
)

// evalFloors are the figures TestEvalWikinews requires. They sit a little
// under what the package reached when they were set (see testdata/EVAL.md),
// so that a regression fails; raise them when the package improves, never
// above what it reaches.
var evalFloors = map[string]evalFloor{
	"dev":         {QuotePrecision: 0.97, QuoteRecall: 0.94, CountryRecall: 0.97},
	"dev2":        {QuotePrecision: 0.95, QuoteRecall: 0.90, CountryRecall: 0.90},
	"dev3":        {QuotePrecision: 0.96, QuoteRecall: 0.86, CountryRecall: 0.90},
	"dev4":        {QuotePrecision: 0.94, QuoteRecall: 0.85, CountryRecall: 0.97},
	"dev5":        {QuotePrecision: 0.93, QuoteRecall: 0.73, CountryRecall: 0.97},
	"polnear-dev": {QuotePrecision: 0.96, QuoteRecall: 0.93, CountryRecall: 0.97},
	"nyt-dev":     {QuotePrecision: 0.97, QuoteRecall: 0.96, CountryRecall: 0.97},
	"dev6":        {QuotePrecision: 0.95, QuoteRecall: 0.93, CountryRecall: 0.97},
	"dev7":        {QuotePrecision: 0.90, QuoteRecall: 0.78, CountryRecall: 0.88},
	"dev8":        {QuotePrecision: 0.95, QuoteRecall: 0.92, CountryRecall: 0.97},
	"dev9":        {QuotePrecision: 0.90, QuoteRecall: 0.93, CountryRecall: 0.93},
	"dev11":       {QuotePrecision: 0.50, QuoteRecall: 0.50, CountryRecall: 0.80}, // provisional, set before the first run
	"held-out":    {QuotePrecision: 0.95, QuoteRecall: 0.80, CountryRecall: 0.97},

	// PolNeAR held-out set, 3 articles per publisher (testdata/EVAL.md, "polnear-heldout")
	"held-out-polnear": {QuotePrecision: 0.90, QuoteRecall: 0.80, CountryRecall: 0.97},
}

type evalFloor struct {
	QuotePrecision, QuoteRecall, CountryRecall float64
}

// evalMinQuoteWords is the labelling threshold: only quotations of at least this
// many words are labelled, so shorter predictions are out of scope.
const evalMinQuoteWords = 4

// evalArticle is one line of a label file.
type evalArticle struct {
	ID        string      `json:"id"`
	Countries []string    `json:"countries"`
	Quotes    []evalQuote `json:"quotes"`
}

// evalQuote is one labelled quotation: its speaker ("" when the article
// names none), its kind and the first characters of the quoted text, which
// locate it in the body.
type evalQuote struct {
	Speaker string `json:"speaker"`
	Kind    string `json:"kind"`
	Prefix  string `json:"prefix"`
}

// readEvalLabels reads a label file (JSON Lines of evalArticle).
func readEvalLabels(r io.Reader, name string) ([]evalArticle, error) {
	var out []evalArticle
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var g evalArticle
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&g); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if g.ID == "" {
			return nil, fmt.Errorf("%s:%d: empty id", name, line)
		}
		for i, q := range g.Quotes {
			if q.Prefix == "" {
				return nil, fmt.Errorf("%s:%d: quote %d: empty prefix", name, line, i)
			}
			if q.Kind != news.KindDirect && q.Kind != news.KindIndirect {
				return nil, fmt.Errorf("%s:%d: quote %d: kind %q", name, line, i, q.Kind)
			}
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	return out, nil
}

// readEvalArticles reads the records whose id is in want from a JSON Lines
// corpus file.
func readEvalArticles(path string, want map[string]bool, into map[string]news.Article) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open corpus: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		var a news.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if want[a.ID] {
			a.Origin = fmt.Sprintf("%s:%d", path, line)
			into[a.ID] = a
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", path, line, err)
	}
	return nil
}

// evalSpan locates a labelled quote in body: the byte offset of its prefix
// and the end of the quoted text (its closing mark, or the end of the
// paragraph when the quote runs on). ok is false when the prefix is absent.
func evalSpan(body, prefix string) (start, end int, ok bool) {
	start = strings.Index(body, prefix)
	if start < 0 || prefix == "" {
		return 0, 0, false
	}
	paraEnd := strings.Index(body[start:], "\n\n")
	if paraEnd < 0 {
		paraEnd = len(body)
	} else {
		paraEnd += start
	}
	open, _ := utf8.DecodeLastRuneInString(body[:start])
	var isClose func(i int, r rune) bool
	switch open {
	case '"':
		depth := 0
		isClose = func(i int, r rune) bool {
			if r != '"' {
				return false
			}
			prev, _ := utf8.DecodeLastRuneInString(body[:i])
			next, _ := utf8.DecodeRuneInString(body[i+1:])
			if (i == 0 || unicode.IsSpace(prev) || prev == '(' || prev == '[') && next != utf8.RuneError && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
				depth++ // an opening mark of a quote inside the quote
				return false
			}
			if depth > 0 {
				depth--
				return false
			}
			return true
		}
	case '“':
		isClose = func(_ int, r rune) bool { return r == '”' }
	case '‘', '\'', '’', '`':
		isClose = func(i int, r rune) bool {
			if r != '\'' && r != '’' {
				return false
			}
			next, _ := utf8.DecodeRuneInString(body[i+utf8.RuneLen(r):])
			return !unicode.IsLetter(next)
		}
	default:
		return start, start + len(prefix), true
	}
	for i, r := range body[start:paraEnd] {
		if isClose(start+i, r) {
			return start, start + i, true
		}
	}
	return start, paraEnd, true
}

// evalSpeakerTitles are words that may precede a name in a predicted speaker
// ("President Trump") without making it a different speaker.
var evalSpeakerTitles = []string{"president", "prime", "minister", "mr", "mrs", "ms", "dr", "senator", "pope", "king", "queen", "chancellor", "governor", "mayor", "general", "secretary", "ambassador", "sir", "lord", "judge"}

// evalSpeakersMatch reports whether a predicted speaker names the gold speaker.
// Both are compared as Slug()s split into words. They match when equal;
// when the shorter is a trailing run of the longer's words ("Trump" and
// "Donald Trump", "Erdoğan" and "Recep Tayyip Erdoğan"), ignoring leading
// titles ("President Trump"); or when one is a single word that is the
// evalInitials of the other's capitalised words ("WHO", "World Health
// Organization"). Words of five letters or more may differ by one edit
// (transliterations, "Zelensky" / "Zelenskyy"). A two-word name matches a
// three-word one with the same first and last words (a middle name:
// "Hillary Rodham Clinton" / "Hillary Clinton"). An empty gold speaker
// matches nothing.
func evalSpeakersMatch(gold, pred string) bool {
	g, p := evalSlugWords(gold), evalSlugWords(pred)
	if len(g) == 0 || len(p) == 0 {
		return false
	}
	g, p = evalPlainName(evalDropTitles(g)), evalPlainName(evalDropTitles(p))
	if len(g) == 0 || len(p) == 0 {
		return false
	}
	short, long := g, p
	if len(short) > len(long) {
		short, long = long, short
	}
	if evalWordsMatch(short, long[len(long)-len(short):]) {
		return true
	}
	if len(short) == 1 && len(long) > 1 && short[0] == evalInitials(long) {
		return true
	}
	if len(short) == 2 && len(long) == 3 && evalWordsMatch(short, []string{long[0], long[2]}) {
		return true // a middle name: "Hillary Rodham Clinton" / "Hillary Clinton"
	}
	return false
}

// evalWordsMatch compares two equally long word lists position by
// position, tolerating one edit in words of five letters or more
// (transliterations: "Zelensky" and "Zelenskyy").
func evalWordsMatch(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		if len(a[i]) < 5 || len(b[i]) < 5 || !evalOneEdit(a[i], b[i]) {
			return false
		}
	}
	return true
}

// evalOneEdit reports whether a and b (ASCII slugs) differ by exactly one
// inserted, deleted or substituted byte.
func evalOneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return i < len(a) && a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

func evalSlugWords(name string) []string {
	s := Slug(name)
	if s == "" {
		return nil
	}
	return strings.FieldsFunc(s, func(r rune) bool { return r == '-' })
}

// evalShortForms are given names written in full and as their usual short
// form ("Joseph R. Biden Jr." in one article, "Joe Biden" in the alias
// table): the short form is compared as the full one.
var evalShortForms = map[string]string{
	"joe": "joseph", "bill": "william", "bob": "robert", "tim": "timothy", "mike": "michael",
	"tom": "thomas", "jim": "james", "chuck": "charles", "ted": "edward", "dick": "richard",
	"tony": "anthony", "steve": "steven", "dan": "daniel", "ben": "benjamin", "nick": "nicholas",
}

// evalPlainName drops what varies between two writings of one person's name:
// middle initials ("Donald J. Trump"), a generational suffix (Jr., Sr., II,
// III) and a short given name ("Joe" for "Joseph").
func evalPlainName(w []string) []string {
	if n := len(w); n > 1 && (w[n-1] == "jr" || w[n-1] == "sr" || w[n-1] == "ii" || w[n-1] == "iii") {
		w = w[:n-1]
	}
	out := make([]string, 0, len(w))
	for i, x := range w {
		if len(x) == 1 && i > 0 && i < len(w)-1 {
			continue
		}
		if full, ok := evalShortForms[x]; ok && i == 0 && len(w) > 1 {
			x = full
		}
		out = append(out, x)
	}
	return out
}

func evalDropTitles(w []string) []string {
	for len(w) > 1 && slices.Contains(evalSpeakerTitles, w[0]) {
		w = w[1:]
	}
	return w
}

// evalInitials is the acronym of words, skipping function words.
func evalInitials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		switch w {
		case "of", "the", "for", "and", "on", "in", "de", "du":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(r)
	}
	return b.String()
}

// evalPredSpeaker is the speaker a predicted quote names: its entity's name,
// else its entity id; "" when the extractor gave no confident speaker.
func evalPredSpeaker(q news.Quote) string {
	if q.SpeakerName != "" {
		return q.SpeakerName
	}
	return q.SpeakerID
}

// evalQuoteScore counts one set's quote results.
type evalQuoteScore struct {
	GoldDirect     int // labelled direct quotes
	GoldNamed      int // … whose speaker the article names
	GoldFound      int // labelled direct quotes overlapped by a predicted direct quote
	GoldNamedRight int // named-speaker gold quotes found with the right speaker

	PredDirect      int // predicted direct quotes of evalMinQuoteWords words or more
	PredShort       int // predicted direct quotes under evalMinQuoteWords words (out of scope)
	PredWithSpeaker int // in-scope predicted direct quotes that name a speaker
	PredRight       int // … matched to a gold quote with the same speaker
	PredIndirect    int // predicted indirect quotes (not labelled; counted only)

	// Referents: quotes attributed in the text by a pronoun or a
	// description ("she said", "the senator told reporters"), as the
	// extractor read the attribution (the labels do not say how the
	// speaker is written).
	RefPred      int // in-scope predicted direct quotes so attributed that name a speaker
	RefRight     int // … with the labelled speaker
	RefGold      int // named gold quotes found by a prediction so attributed
	RefGoldRight int // … found with the right speaker
}

// evalReferring reports whether a speaker as written is a pronoun or a
// description rather than a name: "he", "she", "they", "the senator",
// "a spokesman for the ministry", "his campaign".
func evalReferring(asWritten string) bool {
	w, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(asWritten)), " ")
	switch w {
	case "he", "she", "they", "it", "we", "the", "a", "an", "his", "her", "its", "their", "this", "that":
		return true
	}
	return false
}

func (s *evalQuoteScore) add(o evalQuoteScore) {
	s.GoldDirect += o.GoldDirect
	s.GoldNamed += o.GoldNamed
	s.GoldFound += o.GoldFound
	s.GoldNamedRight += o.GoldNamedRight
	s.PredDirect += o.PredDirect
	s.PredShort += o.PredShort
	s.PredWithSpeaker += o.PredWithSpeaker
	s.PredRight += o.PredRight
	s.PredIndirect += o.PredIndirect
	s.RefPred += o.RefPred
	s.RefRight += o.RefRight
	s.RefGold += o.RefGold
	s.RefGoldRight += o.RefGoldRight
}

func (s evalQuoteScore) precision() float64 { return evalRatio(s.PredRight, s.PredWithSpeaker) }
func (s evalQuoteScore) recall() float64    { return evalRatio(s.GoldNamedRight, s.GoldNamed) }
func (s evalQuoteScore) detection() float64 { return evalRatio(s.GoldFound, s.GoldDirect) }

// evalCountryScore counts one set's country results (micro-averaged).
// TopK counts gold countries among the k most referred-to predicted
// countries, k being the article's number of gold countries (R-precision):
// how well the counts rank the countries an article is about.
type evalCountryScore struct{ TP, FP, FN, TopK int }

func (s *evalCountryScore) add(o evalCountryScore) {
	s.TP += o.TP
	s.FP += o.FP
	s.FN += o.FN
	s.TopK += o.TopK
}

// topK is the share of gold countries found among the top-k predictions.
func (s evalCountryScore) topK() float64 { return evalRatio(s.TopK, s.TP+s.FN) }

func (s evalCountryScore) precision() float64 { return evalRatio(s.TP, s.TP+s.FP) }
func (s evalCountryScore) recall() float64    { return evalRatio(s.TP, s.TP+s.FN) }

// evalRatio is n/d, and 1 when d is 0 (nothing to get wrong).
func evalRatio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// evalMistake is one error, for the -eval.report listing.
type evalMistake struct {
	Kind   string // "missed", "wrong-speaker", "spurious", "country-missed", "country-extra"
	Detail string
}

// evalScoreQuotes matches an article's predicted quotes to its gold quotes.
// Each in-scope predicted direct quote is matched to the gold quote its
// span overlaps most; when offsets do not overlap any, a gold quote whose
// prefix the predicted text contains, or which starts with the predicted
// text, is taken. A gold quote is found when some prediction is matched to
// it, and found with the right speaker when one of those names its speaker.
func evalScoreQuotes(body string, gold []evalQuote, pred []news.Quote) (evalQuoteScore, []evalMistake) {
	type evalGoldQuote struct {
		q          evalQuote
		start, end int
		ok         bool
		found      bool
		right      bool
		predNames  []string
		asWritten  []string // speakers as written of matched predictions without a resolved speaker
		ref        bool     // a matched prediction is attributed by a pronoun or a description
	}
	var s evalQuoteScore
	var mistakes []evalMistake
	gs := make([]evalGoldQuote, len(gold))
	for i, q := range gold {
		st, en, ok := evalSpan(body, q.Prefix)
		gs[i] = evalGoldQuote{q: q, start: st, end: en, ok: ok}
		if q.Kind != news.KindDirect {
			continue
		}
		s.GoldDirect++
		if q.Speaker != "" {
			s.GoldNamed++
		}
	}
	for _, p := range pred {
		if p.Kind == news.KindIndirect {
			s.PredIndirect++
			continue
		}
		if p.Kind != news.KindDirect {
			continue
		}
		if len(strings.Fields(p.Text)) < evalMinQuoteWords {
			s.PredShort++
			continue
		}
		s.PredDirect++
		best, bestOv := -1, 0
		for i, g := range gs {
			if !g.ok || g.q.Kind != news.KindDirect {
				continue
			}
			if ov := min(p.End, g.end) - max(p.Start, g.start); ov > bestOv {
				best, bestOv = i, ov
			}
		}
		if best < 0 {
			txt := strings.TrimSpace(p.Text)
			for i, g := range gs {
				if g.q.Kind == news.KindDirect && txt != "" && (strings.Contains(txt, g.q.Prefix) || strings.HasPrefix(g.q.Prefix, txt)) {
					best = i
					break
				}
			}
		}
		sp := evalPredSpeaker(p)
		ref := evalReferring(p.SpeakerAsWritten)
		if sp != "" {
			s.PredWithSpeaker++
			if ref {
				s.RefPred++
			}
		}
		if best < 0 {
			if sp != "" {
				mistakes = append(mistakes, evalMistake{"spurious", fmt.Sprintf("%q → %q (as written: %q; no labelled quote here)", evalClip(p.Text, 50), sp, p.SpeakerAsWritten)})
			}
			continue
		}
		g := &gs[best]
		g.found = true
		g.ref = g.ref || ref
		if sp == "" {
			g.predNames = append(g.predNames, "")
			if p.SpeakerAsWritten != "" {
				g.asWritten = append(g.asWritten, p.SpeakerAsWritten)
			}
			continue
		}
		g.predNames = append(g.predNames, sp)
		if evalSpeakersMatch(g.q.Speaker, sp) {
			s.PredRight++
			if ref {
				s.RefRight++
			}
			g.right = true
		} else {
			mistakes = append(mistakes, evalMistake{"wrong-speaker", fmt.Sprintf("%q → %q (as written: %q), labelled %q", evalClip(g.q.Prefix, 50), sp, p.SpeakerAsWritten, g.q.Speaker)})
		}
	}
	for _, g := range gs {
		if g.q.Kind != news.KindDirect {
			continue
		}
		if g.found {
			s.GoldFound++
		}
		if g.q.Speaker != "" && g.right {
			s.GoldNamedRight++
		}
		if g.q.Speaker != "" && g.ref {
			s.RefGold++
			if g.right {
				s.RefGoldRight++
			}
		}
		switch {
		case !g.ok:
			mistakes = append(mistakes, evalMistake{"missed", fmt.Sprintf("%q: prefix not in body", g.q.Prefix)})
		case !g.found:
			mistakes = append(mistakes, evalMistake{"missed", fmt.Sprintf("%q (%s) not detected", evalClip(g.q.Prefix, 50), evalOrNone(g.q.Speaker))})
		case g.q.Speaker != "" && !g.right && slices.Contains(g.predNames, ""):
			mistakes = append(mistakes, evalMistake{"missed", fmt.Sprintf("%q (%s) detected without a speaker (as written: %q)", evalClip(g.q.Prefix, 50), g.q.Speaker, strings.Join(g.asWritten, ", "))})
		}
	}
	return s, mistakes
}

// evalScoreCountries compares predicted and gold ISO codes (case-insensitive).
func evalScoreCountries(gold []string, pred []news.Country) (evalCountryScore, []evalMistake) {
	var s evalCountryScore
	var mistakes []evalMistake
	want := map[string]bool{}
	for _, c := range gold {
		want[strings.ToUpper(c)] = true
	}
	got := map[string]bool{}
	ranked := slices.Clone(pred)
	slices.SortStableFunc(ranked, func(a, b news.Country) int { return b.Count - a.Count })
	for _, c := range ranked {
		code := strings.ToUpper(c.Code)
		if code == "" || got[code] {
			continue
		}
		got[code] = true
		if want[code] {
			s.TP++
			if len(got) <= len(want) {
				s.TopK++
			}
		} else {
			s.FP++
			mistakes = append(mistakes, evalMistake{"country-extra", fmt.Sprintf("%s (%s, count %d)", code, c.Name, c.Count)})
		}
	}
	for _, c := range gold {
		if !got[strings.ToUpper(c)] {
			s.FN++
			mistakes = append(mistakes, evalMistake{"country-missed", strings.ToUpper(c)})
		}
	}
	return s, mistakes
}

func evalClip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func evalOrNone(s string) string {
	if s == "" {
		return "no named speaker"
	}
	return s
}

// evalSet is one label file and the corpora its articles come from.
type evalSet struct {
	name, file string
	corpora    []string // files under testutil.Corpus the articles come from
}

var evalSets = []evalSet{
	{"dev", "wikinews-dev.jsonl", []string{"wikinews.jsonl", "gum-wikinews.jsonl"}},
	{"dev2", "wikinews-dev2.jsonl", []string{"wikinews.jsonl", "gum-wikinews.jsonl"}},
	{"dev3", "wikinews-dev3.jsonl", []string{"wikinews.jsonl"}},
	{"dev4", "wikinews-dev4.jsonl", []string{"wikinews.jsonl"}},
	{"dev5", "wikinews-dev5.jsonl", []string{"wikinews.jsonl"}},
	{"polnear-dev", "polnear-dev.jsonl", []string{"polnear.jsonl"}},
	{"nyt-dev", "nyt-dev.jsonl", []string{"polnear.jsonl"}},
	{"dev6", "polnear-dev6.jsonl", []string{"polnear.jsonl"}},
	{"dev7", "wikinews-dev7.jsonl", []string{"wikinews.jsonl"}},
	{"dev8", "polnear-dev8.jsonl", []string{"polnear.jsonl"}},
	{"dev9", "wikinews-dev9.jsonl", []string{"wikinews.jsonl"}},
	{"dev11", "polnear-dev11.jsonl", []string{"polnear.jsonl"}},
	{"held-out", "wikinews-heldout.jsonl", []string{"wikinews.jsonl", "gum-wikinews.jsonl"}},
	{"held-out-polnear", "polnear-heldout.jsonl", []string{"polnear.jsonl"}},
}

// loadEval reads a label file and the articles it references.
func loadEval(t *testing.T, set evalSet) ([]evalArticle, map[string]news.Article) {
	t.Helper()
	return loadLabels(t, set, readEvalLabels, func(g evalArticle) string { return g.ID })
}

// loadLabels reads a label file with read and the articles its labels
// (whose article ids id gives) reference, from the set's corpora.
func loadLabels[L any](t *testing.T, set evalSet, read func(io.Reader, string) ([]L, error), id func(L) string) ([]L, map[string]news.Article) {
	t.Helper()
	path := filepath.Join("testdata", set.file)
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open labels: %v", err)
	}
	defer f.Close()
	gold, err := read(f, path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, g := range gold {
		want[id(g)] = true
	}
	arts := map[string]news.Article{}
	for _, c := range set.corpora {
		if err := readEvalArticles(testutil.Corpus(t, c), want, arts); err != nil {
			t.Fatal(err)
		}
	}
	for _, g := range gold {
		if _, ok := arts[id(g)]; !ok {
			t.Fatalf("%s: article %s not in the corpora", path, id(g))
		}
	}
	return gold, arts
}

// TestEvalLabels checks the label files themselves: every article exists,
// appears in one set only, every prefix occurs exactly once in its body,
// country codes are two upper-case letters.
func TestEvalLabels(t *testing.T) {
	seen := map[string]string{}
	for _, set := range evalSets {
		gold, arts := loadEval(t, set)
		for _, g := range gold {
			if prev, dup := seen[g.ID]; dup {
				t.Errorf("%s: %s also labelled in %s", set.file, g.ID, prev)
			}
			seen[g.ID] = set.file
			body := arts[g.ID].Body
			for _, q := range g.Quotes {
				if n := strings.Count(body, q.Prefix); n != 1 {
					t.Errorf("%s: %s: prefix %q occurs %d times in the body", set.file, g.ID, q.Prefix, n)
				}
				if utf8.RuneCountInString(q.Prefix) > 40 {
					t.Errorf("%s: %s: prefix %q longer than 40 characters", set.file, g.ID, q.Prefix)
				}
			}
			for _, c := range g.Countries {
				if len(c) != 2 || strings.ToUpper(c) != c {
					t.Errorf("%s: %s: country %q is not an ISO 3166-1 alpha-2 code", set.file, g.ID, c)
				}
			}
		}
	}
}

// TestEvalWikinews runs the extractor over every label set and reports
// quote precision and recall (direct quotes, named speakers), detection
// recall and country precision and recall; it fails when a figure falls
// under evalFloors.
func TestEvalWikinews(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatalf("new extractor: %v", err)
	}
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-11s %4s %5s %5s %6s %6s %7s %6s %5s %8s %8s %6s\n",
		"set", "arts", "gold", "named", "Pquote", "Rquote", "Rdetect", "short", "indir", "Pcountry", "Rcountry", "Rc@k")
	bySource := map[evalSourceKey]*evalQuoteScore{} // quote figures per publisher, development and held-out sets apart
	for _, set := range evalSets {
		gold, arts := loadEval(t, set)
		var qs evalQuoteScore
		var cs evalCountryScore
		empty := 0 // articles with no annotations at all: Extract recovered from a panic, or found nothing
		report := *evalReport && (!evalHeldOut(set.name) || *evalReportHeldOut)
		for _, g := range gold {
			a := arts[g.ID]
			an := x.Extract(a)
			if len(an.Entities)+len(an.Countries)+len(an.Quotes) == 0 {
				empty++
				if report {
					fmt.Fprintf(os.Stdout, "--- %s %s: no annotations at all\n", set.name, g.ID)
				}
			}
			q, qm := evalScoreQuotes(a.Body, g.Quotes, an.Quotes)
			c, cm := evalScoreCountries(g.Countries, an.Countries)
			qs.add(q)
			cs.add(c)
			k := evalSourceKey{heldOut: evalHeldOut(set.name), source: a.Source}
			if bySource[k] == nil {
				bySource[k] = &evalQuoteScore{}
			}
			bySource[k].add(q)
			if report && len(qm)+len(cm) > 0 {
				fmt.Fprintf(os.Stdout, "--- %s %s %q\n", set.name, g.ID, a.Title)
				for _, m := range append(qm, cm...) {
					fmt.Fprintf(os.Stdout, "    %-14s %s\n", m.Kind, m.Detail)
				}
			}
		}
		fmt.Fprintf(&table, "%-11s %4d %5d %5d %6.3f %6.3f %7.3f %6d %5d %8.3f %8.3f %6.3f\n",
			set.name, len(gold), qs.GoldDirect, qs.GoldNamed, qs.precision(), qs.recall(), qs.detection(),
			qs.PredShort, qs.PredIndirect, cs.precision(), cs.recall(), cs.topK())
		fmt.Fprintf(&table, "%-11s quotes: %d/%d predicted with a speaker right, %d/%d named gold found right, %d/%d gold detected; countries: tp %d fp %d fn %d; articles without any annotation: %d\n",
			"", qs.PredRight, qs.PredWithSpeaker, qs.GoldNamedRight, qs.GoldNamed, qs.GoldFound, qs.GoldDirect, cs.TP, cs.FP, cs.FN, empty)
		fmt.Fprintf(&table, "%-11s pronoun and description referents: P %.3f (%d/%d), R %.3f (%d/%d)\n",
			"", evalRatio(qs.RefRight, qs.RefPred), qs.RefRight, qs.RefPred, evalRatio(qs.RefGoldRight, qs.RefGold), qs.RefGoldRight, qs.RefGold)
		if empty > 0 {
			t.Errorf("%s: %d articles got no annotations at all (Extract recovered from a panic?)", set.name, empty)
		}
		fl := evalFloors[set.name]
		if qs.precision() < fl.QuotePrecision {
			t.Errorf("%s: quote precision %.3f under floor %.3f", set.name, qs.precision(), fl.QuotePrecision)
		}
		if qs.recall() < fl.QuoteRecall {
			t.Errorf("%s: quote recall %.3f under floor %.3f", set.name, qs.recall(), fl.QuoteRecall)
		}
		if cs.recall() < fl.CountryRecall {
			t.Errorf("%s: country recall %.3f under floor %.3f", set.name, cs.recall(), fl.CountryRecall)
		}
	}
	table.WriteString(evalSourceTable(bySource))
	t.Log(table.String())
}

// evalSourceKey groups quote figures by publisher, the development sets
// apart from the held-out ones (the targets are per publisher).
type evalSourceKey struct {
	heldOut bool
	source  string
}

// evalHeldOut reports whether a set is for reporting only.
func evalHeldOut(set string) bool { return strings.HasPrefix(set, "held-out") }

// evalSourceTable prints quote P and R and referent P and R per publisher:
// the development sets first (tuned on), then the held-out ones.
func evalSourceTable(by map[evalSourceKey]*evalQuoteScore) string {
	keys := slices.Collect(maps.Keys(by))
	slices.SortFunc(keys, func(a, b evalSourceKey) int {
		if a.heldOut != b.heldOut {
			if a.heldOut {
				return 1
			}
			return -1
		}
		return strings.Compare(a.source, b.source)
	})
	var b strings.Builder
	fmt.Fprintf(&b, "\nper publisher (quotes with a named speaker):\n%-9s %-20s %5s %16s %16s %16s %16s\n",
		"sets", "source", "named", "Pquote", "Rquote", "Pref", "Rref")
	for _, k := range keys {
		s := by[k]
		kind := "dev"
		if k.heldOut {
			kind = "held-out"
		}
		fmt.Fprintf(&b, "%-9s %-20s %5d %16s %16s %16s %16s\n", kind, k.source, s.GoldNamed,
			evalFraction(s.PredRight, s.PredWithSpeaker), evalFraction(s.GoldNamedRight, s.GoldNamed),
			evalFraction(s.RefRight, s.RefPred), evalFraction(s.RefGoldRight, s.RefGold))
	}
	return b.String()
}

// evalFraction prints a ratio with its counts: "0.950 (19/20)".
func evalFraction(n, d int) string {
	return fmt.Sprintf("%.3f (%d/%d)", evalRatio(n, d), n, d)
}

func TestEvalSpan(t *testing.T) {
	tests := []struct {
		name, body, prefix string
		want               string // body[start:end]; "" when not found
		ok                 bool
	}{
		{"straight", `He said "we will win the war" on Monday.`, "we will", "we will win the war", true},
		{"curly", "She said “the talks have failed” today.", "the talks", "the talks have failed", true},
		{"single", "He said 'we are ready to talk' and left.", "we are", "we are ready to talk", true},
		{"single with apostrophe inside", "He said 'we can't talk now' and left.", "we can't", "we can't talk now", true},
		{"nested straight", `"The "United States" holds none," he wrote.`, "The ", `The "United States" holds none,`, true},
		{"runs to paragraph end", "\"We will fight on the beaches\n\n\"We shall never surrender,\" he said.", "We will", "We will fight on the beaches", true},
		{"no opening mark", "plain words here", "words", "words", true},
		{"absent", `He said "yes".`, "no", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e, ok := evalSpan(tt.body, tt.prefix)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && tt.body[s:e] != tt.want {
				t.Errorf("span = %q, want %q", tt.body[s:e], tt.want)
			}
		})
	}
}

func TestEvalSpeakersMatch(t *testing.T) {
	tests := []struct {
		gold, pred string
		want       bool
	}{
		{"Donald Trump", "Donald Trump", true},
		{"Donald Trump", "Trump", true},
		{"Donald Trump", "President Trump", true},
		{"Donald Trump", "President Donald Trump", true},
		{"Trump", "Donald Trump", true},
		{"Recep Tayyip Erdoğan", "Erdoğan", true},
		{"World Health Organization", "WHO", true},
		{"Korean Central News Agency", "KCNA", true},
		{"Sadiq Khan", "Usman Khan", false},
		{"Donald Trump", "Donald Tusk", false},
		{"Donald Trump", "Donald", false},
		{"Boris Johnson", "Andrew Johnson Boris", false},
		{"", "Donald Trump", false},
		{"Donald Trump", "", false},
		{"Joe Biden", "joe-biden", true},
		{"United States Department of Defense", "Department of Defense", true},
		{"Volodymyr Zelenskyy", "Volodymyr Zelensky", true},
		{"Yahya Sarea", "Saree", true},
		{"Ubolratana Mahidol", "Ubolratana", false},
		{"Joshua Wong", "Joshua Wong on Twitter", false},
		{"Doug Collins", "Doug Collins of Georgia", false},
		{"Ann Lee", "Ann Lea", false}, // short words must match exactly
		{"Boris Johnson", "Boris Johnsen", true},
		{"Boris Johnson", "Boris Jonsen", false},
		{"Donald J. Trump", "Donald Trump", true},
		{"Hillary Rodham Clinton", "Hillary Clinton", true}, // a middle name
		{"Anna Clinton", "Hillary Rodham Clinton", false},
		{"Hillary Rodham", "Hillary Rodham Clinton", false},
		{"Joseph R. Biden Jr.", "Joe Biden", true},
		{"Joseph R. Biden Jr.", "Biden", true},
		{"Timothy J. Sloan", "Tim Sloan", true},
		{"Joseph R. Biden Jr.", "Hunter Biden", false},
		{"J. Smith", "Smith", true}, // a leading initial stays: "J Smith" ends in "Smith"
		{"Bill", "William", false},  // a short form alone is a name of its own
	}
	for _, tt := range tests {
		if got := evalSpeakersMatch(tt.gold, tt.pred); got != tt.want {
			t.Errorf("evalSpeakersMatch(%q, %q) = %v, want %v", tt.gold, tt.pred, got, tt.want)
		}
	}
}

func TestEvalScoreQuotes(t *testing.T) {
	body := `"We will build the bridge this year," the mayor Ann Lee said. Critics called it "a waste of public money and time". "Nobody asked us about it at all," a resident said.`
	at := func(text string) (int, int) {
		i := strings.Index(body, text)
		return i, i + len(text)
	}
	pq := func(text, speaker string) news.Quote {
		s, e := at(text)
		return news.Quote{Text: text, SpeakerName: speaker, Kind: news.KindDirect, Start: s, End: e}
	}
	gold := []evalQuote{
		{"Ann Lee", news.KindDirect, "We will build the bridge"},
		{"", news.KindDirect, "a waste of public money"},
		{"", news.KindDirect, "Nobody asked us"},
	}
	tests := []struct {
		name     string
		pred     []news.Quote
		want     evalQuoteScore
		mistakes []string
	}{
		{"nothing predicted", nil,
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1}, []string{"missed", "missed", "missed"}},
		{"all right", []news.Quote{pq("We will build the bridge this year,", "Ann Lee"), pq("a waste of public money and time", ""), pq("Nobody asked us about it at all,", "")},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, GoldFound: 3, GoldNamedRight: 1, PredDirect: 3, PredWithSpeaker: 1, PredRight: 1}, nil},
		{"surname only is right", []news.Quote{pq("We will build the bridge this year,", "Lee")},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, GoldFound: 1, GoldNamedRight: 1, PredDirect: 1, PredWithSpeaker: 1, PredRight: 1}, []string{"missed", "missed"}},
		{"speaker for an unnamed quote is wrong", []news.Quote{pq("Nobody asked us about it at all,", "Ann Lee")},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, GoldFound: 1, PredDirect: 1, PredWithSpeaker: 1}, []string{"wrong-speaker", "missed", "missed"}},
		{"found without speaker", []news.Quote{pq("We will build the bridge this year,", "")},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, GoldFound: 1, PredDirect: 1}, []string{"missed", "missed", "missed"}},
		{"short and indirect predictions are not scored", []news.Quote{pq("build the bridge", "Ann Lee"), {Text: "the bridge is coming", Kind: news.KindIndirect, SpeakerName: "Ann Lee"}},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, PredShort: 1, PredIndirect: 1}, []string{"missed", "missed", "missed"}},
		{"spurious prediction", []news.Quote{pq("the mayor Ann Lee said. Critics", "Ann Lee")},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, PredDirect: 1, PredWithSpeaker: 1}, []string{"spurious", "missed", "missed", "missed"}},
		{"matched by text when offsets are missing", []news.Quote{{Text: "We will build the bridge this year", SpeakerName: "Ann Lee", Kind: news.KindDirect}},
			evalQuoteScore{GoldDirect: 3, GoldNamed: 1, GoldFound: 1, GoldNamedRight: 1, PredDirect: 1, PredWithSpeaker: 1, PredRight: 1}, []string{"missed", "missed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ms := evalScoreQuotes(body, gold, tt.pred)
			if got != tt.want {
				t.Errorf("score = %+v\nwant    %+v", got, tt.want)
			}
			var kinds []string
			for _, m := range ms {
				kinds = append(kinds, m.Kind)
			}
			if !slices.Equal(kinds, tt.mistakes) {
				t.Errorf("mistakes = %v, want %v", kinds, tt.mistakes)
			}
		})
	}
}

func TestEvalScoreCountries(t *testing.T) {
	tests := []struct {
		gold []string
		pred []string
		want evalCountryScore
	}{
		{nil, nil, evalCountryScore{}},
		{[]string{"US"}, []string{"US"}, evalCountryScore{TP: 1, TopK: 1}},
		{[]string{"US", "MX"}, []string{"us", "CA", "US"}, evalCountryScore{TP: 1, FP: 1, FN: 1, TopK: 1}},
		{[]string{"US"}, []string{"CA", "US"}, evalCountryScore{TP: 1, FP: 1, TopK: 0}},
		{[]string{"US", "MX"}, []string{"CA", "MX", "US"}, evalCountryScore{TP: 2, FP: 1, TopK: 1}},
		{[]string{"FR"}, nil, evalCountryScore{FN: 1}},
	}
	for _, tt := range tests {
		var pred []news.Country
		for i, c := range tt.pred {
			pred = append(pred, news.Country{Code: c, Count: len(tt.pred) - i})
		}
		got, _ := evalScoreCountries(tt.gold, pred)
		if got != tt.want {
			t.Errorf("evalScoreCountries(%v, %v) = %+v, want %+v", tt.gold, tt.pred, got, tt.want)
		}
		if r := got.recall(); r < 0 || r > 1 {
			t.Errorf("recall %v out of range", r)
		}
	}
}

func TestEvalReadLabels(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		wantErr  bool
	}{
		{"ok", `{"id":"a","countries":["US"],"quotes":[{"speaker":"X","kind":"direct","prefix":"p"}]}` + "\n\n" + `{"id":"b","countries":[],"quotes":[]}`, 2, false},
		{"unknown field", `{"id":"a","country":["US"]}`, 0, true},
		{"empty id", `{"id":"","countries":[]}`, 0, true},
		{"empty prefix", `{"id":"a","quotes":[{"speaker":"X","kind":"direct","prefix":""}]}`, 0, true},
		{"bad kind", `{"id":"a","quotes":[{"speaker":"X","kind":"said","prefix":"p"}]}`, 0, true},
		{"not json", `{"id":`, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readEvalLabels(strings.NewReader(tt.in), "labels.jsonl")
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "labels.jsonl:1") {
				t.Errorf("error %q does not name the file and line", err)
			}
			if len(got) != tt.n {
				t.Errorf("read %d articles, want %d", len(got), tt.n)
			}
		})
	}
}

// FuzzEvalSpan checks that locating a quote never panics and always returns
// a span inside the body that starts with the prefix.
func FuzzEvalSpan(f *testing.F) {
	f.Add(`He said "we will win" today.`, "we will")
	f.Add("“a”\n\n‘b’ 'c", "b")
	f.Add(`"x "y" z`, "x")
	f.Fuzz(func(t *testing.T, body, prefix string) {
		s, e, ok := evalSpan(body, prefix)
		if !ok {
			return
		}
		if s < 0 || e < s || e > len(body) {
			t.Fatalf("span [%d,%d) outside body of %d bytes", s, e, len(body))
		}
		if !strings.HasPrefix(body[s:], prefix) {
			t.Fatalf("span does not start with the prefix")
		}
	})
}

// FuzzEvalScoreQuotes checks that scoring never panics on arbitrary spans.
func FuzzEvalScoreQuotes(f *testing.F) {
	f.Add(`"one two three four," she said.`, "one two", 1, 20, "She")
	f.Fuzz(func(t *testing.T, body, prefix string, start, end int, speaker string) {
		s, _ := evalScoreQuotes(body, []evalQuote{{Speaker: speaker, Kind: news.KindDirect, Prefix: prefix}},
			[]news.Quote{{Text: body, Kind: news.KindDirect, Start: start, End: end, SpeakerName: speaker}})
		if s.GoldFound > s.GoldDirect || s.PredRight > s.PredWithSpeaker {
			t.Fatalf("inconsistent score %+v", s)
		}
	})
}
