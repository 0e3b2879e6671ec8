package extract

// The scoring of TestEvalWikinews (rules: testdata/EVAL.md, "How the
// evaluation scores"): locating labelled quotes, comparing speakers,
// matching predictions to labels.

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/news"
)

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
