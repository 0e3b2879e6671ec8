package ingest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"gopkg.in/yaml.v3"

	"github.com/readout/readout/internal/news"
)

// A Mapping reads JSON Lines corpora whose records are not in the record
// format: per input file (a glob on its path), which member holds each of
// the record's fields, a date or a speaker's country taken from a pattern
// in another member (an id like ungd-USA-75-2020), and constant values.
// It is written in YAML (docs/mapping.md) and checked whole when parsed, so
// that a bad mapping fails before anything is read.
type Mapping struct {
	Rules []MappingRule
}

// MappingRule is one entry of a mapping's inputs list.
type MappingRule struct {
	// Match is a glob (path.Match) on the input file's path as the user
	// gave it or on a part of it after a "/" ("dated/*.jsonl" matches
	// corpora/dated/a.jsonl), on its base name when the glob holds no "/".
	Match string
	// Fields maps a record field (MappingTargets) to the member that holds
	// it; a field not listed is read from the member of its own name.
	Fields map[string]string
	// Date, when set, takes the date from a member, with a precision.
	Date *DateRule
	// Speaker, when set, builds the document speaker from members.
	Speaker *SpeakerRule
	// Constants give a field the same value in every record.
	Constants map[string]string
}

// Extraction is a member's value, or the one group of Pattern in it.
type Extraction struct {
	From    string
	Pattern *regexp.Regexp // nil: the whole value
}

// DateRule takes a record's date from a member (or the group of a
// pattern in it); Precision ("" to keep the precision the value is written
// with; "day", "month" or "year") is how much of it the date stands for.
type DateRule struct {
	Extraction
	Precision string
}

// SpeakerRule builds a record's document speaker: its name, its country (a
// code, ISO alpha-2 or alpha-3, or a name) and its role. A speaker with a
// country and no name is named by the country, and speaks as that country.
type SpeakerRule struct {
	Name, Country, Role *Extraction
}

// MappingTargets are the record fields a mapping fills, as its fields and
// constants name them ("date" is the record's published).
var MappingTargets = []string{"id", "title", "body", "date", "source", "url", "authors", "language", "speaker"}

// recordName is the record format's member for a mapping target.
func recordName(target string) string {
	if target == "date" {
		return "published"
	}
	return target
}

// MappingError is a mapping that cannot be used; Key names the entry at
// fault ("inputs[0].date.pattern").
type MappingError struct {
	Key string
	Msg string
}

func (e *MappingError) Error() string {
	if e.Key == "" {
		return "mapping: " + e.Msg
	}
	return "mapping " + e.Key + ": " + e.Msg
}

// LoadMapping reads and checks the mapping file at p.
func LoadMapping(p string) (*Mapping, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	defer f.Close()
	m, err := ParseMapping(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return m, nil
}

// ParseMapping reads and checks a mapping written in YAML. Every mistake
// (an unknown key or field, a pattern that does not compile or has not
// exactly one group, an unknown precision, a field given twice) is a
// *MappingError naming its key.
func ParseMapping(r io.Reader) (*Mapping, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &MappingError{Msg: err.Error()}
	}
	if len(doc.Content) == 0 {
		return nil, &MappingError{Key: "inputs", Msg: "missing: the mapping is empty"}
	}
	top, err := keys(doc.Content[0], "", "inputs")
	if err != nil {
		return nil, err
	}
	list := top["inputs"]
	if list == nil || list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		return nil, &MappingError{Key: "inputs", Msg: "want a list of inputs, each with match"}
	}
	m := &Mapping{}
	for i, n := range list.Content {
		rule, err := parseRule(n, fmt.Sprintf("inputs[%d]", i))
		if err != nil {
			return nil, err
		}
		m.Rules = append(m.Rules, rule)
	}
	return m, nil
}

func parseRule(n *yaml.Node, at string) (MappingRule, error) {
	var rule MappingRule
	ks, err := keys(n, at, "match", "fields", "date", "speaker", "constants")
	if err != nil {
		return rule, err
	}
	if rule.Match, err = scalar(ks["match"], at+".match"); err != nil {
		return rule, err
	}
	if rule.Match == "" {
		return rule, &MappingError{Key: at + ".match", Msg: "missing: a glob on the input path, e.g. \"*.jsonl.gz\""}
	}
	if _, err := path.Match(rule.Match, ""); err != nil {
		return rule, &MappingError{Key: at + ".match", Msg: fmt.Sprintf("bad glob %q: %v", rule.Match, err)}
	}
	if rule.Fields, err = targetMap(ks["fields"], at+".fields"); err != nil {
		return rule, err
	}
	if rule.Constants, err = targetMap(ks["constants"], at+".constants"); err != nil {
		return rule, err
	}
	for t := range rule.Constants {
		if _, ok := rule.Fields[t]; ok {
			return rule, &MappingError{Key: at + ".constants." + t, Msg: "also mapped in fields: give one"}
		}
	}
	if n := ks["date"]; n != nil {
		d, err := parseDateRule(n, at+".date")
		if err != nil {
			return rule, err
		}
		if err := givenOnce(rule, "date", at); err != nil {
			return rule, err
		}
		rule.Date = d
	}
	if n := ks["speaker"]; n != nil {
		sp, err := parseSpeakerRule(n, at+".speaker")
		if err != nil {
			return rule, err
		}
		if err := givenOnce(rule, "speaker", at); err != nil {
			return rule, err
		}
		rule.Speaker = sp
	}
	return rule, nil
}

// givenOnce refuses a rule of its own for a record field (date, speaker)
// that the rule's fields or constants also give.
func givenOnce(rule MappingRule, target, at string) error {
	for _, other := range []string{"fields", "constants"} {
		m := rule.Fields
		if other == "constants" {
			m = rule.Constants
		}
		if _, ok := m[target]; ok {
			return &MappingError{Key: at + "." + target, Msg: "the " + target + " is also given in " + other + ": give one"}
		}
	}
	return nil
}

func parseDateRule(n *yaml.Node, at string) (*DateRule, error) {
	ks, err := keys(n, at, "from", "pattern", "precision")
	if err != nil {
		return nil, err
	}
	x, err := extraction(ks, at)
	if err != nil {
		return nil, err
	}
	d := &DateRule{Extraction: *x}
	if d.Precision, err = scalar(ks["precision"], at+".precision"); err != nil {
		return nil, err
	}
	switch d.Precision {
	case "", "day", news.PrecisionMonth, news.PrecisionYear:
	default:
		return nil, &MappingError{Key: at + ".precision", Msg: fmt.Sprintf("unknown precision %q: want day, month or year", d.Precision)}
	}
	return d, nil
}

func parseSpeakerRule(n *yaml.Node, at string) (*SpeakerRule, error) {
	ks, err := keys(n, at, "name", "country", "role")
	if err != nil {
		return nil, err
	}
	sp := &SpeakerRule{}
	for _, f := range []struct {
		key string
		dst **Extraction
	}{{"name", &sp.Name}, {"country", &sp.Country}, {"role", &sp.Role}} {
		v := ks[f.key]
		if v == nil {
			continue
		}
		key := at + "." + f.key
		if v.Kind == yaml.ScalarNode { // a member's whole value
			if v.Value == "" {
				return nil, &MappingError{Key: key, Msg: "missing: a member name, or from and pattern"}
			}
			*f.dst = &Extraction{From: v.Value}
			continue
		}
		xk, err := keys(v, key, "from", "pattern")
		if err != nil {
			return nil, err
		}
		if *f.dst, err = extraction(xk, key); err != nil {
			return nil, err
		}
	}
	if sp.Name == nil && sp.Country == nil {
		return nil, &MappingError{Key: at, Msg: "want name or country (a role alone names no one)"}
	}
	return sp, nil
}

// extraction reads from and pattern.
func extraction(ks map[string]*yaml.Node, at string) (*Extraction, error) {
	from, err := scalar(ks["from"], at+".from")
	if err != nil {
		return nil, err
	}
	if from == "" {
		return nil, &MappingError{Key: at + ".from", Msg: "missing: the member to read"}
	}
	x := &Extraction{From: from}
	pat, err := scalar(ks["pattern"], at+".pattern")
	if err != nil {
		return nil, err
	}
	if pat != "" {
		re, err := regexp.Compile(pat)
		if err != nil {
			return nil, &MappingError{Key: at + ".pattern", Msg: fmt.Sprintf("bad regular expression: %v", err)}
		}
		if re.NumSubexp() != 1 {
			return nil, &MappingError{Key: at + ".pattern", Msg: fmt.Sprintf("want exactly one group ( ), the value taken; %q has %d", pat, re.NumSubexp())}
		}
		x.Pattern = re
	}
	return x, nil
}

// keys returns the entries of mapping node n, failing on a key not in
// allowed (named as at.key) or given twice.
func keys(n *yaml.Node, at string, allowed ...string) (map[string]*yaml.Node, error) {
	name := at
	if name == "" {
		name = "top level"
	}
	if n.Kind != yaml.MappingNode {
		return nil, &MappingError{Key: at, Msg: fmt.Sprintf("want a mapping of %s (line %d)", strings.Join(allowed, ", "), n.Line)}
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		key := k
		if at != "" {
			key = at + "." + k
		}
		if !slices.Contains(allowed, k) {
			return nil, &MappingError{Key: key, Msg: fmt.Sprintf("unknown key (line %d); %s takes %s", n.Content[i].Line, name, strings.Join(allowed, ", "))}
		}
		if _, dup := out[k]; dup {
			return nil, &MappingError{Key: key, Msg: fmt.Sprintf("given twice (line %d)", n.Content[i].Line)}
		}
		out[k] = n.Content[i+1]
	}
	return out, nil
}

// scalar is the string value of n ("" when n is nil).
func scalar(n *yaml.Node, at string) (string, error) {
	if n == nil {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode {
		return "", &MappingError{Key: at, Msg: fmt.Sprintf("want a string (line %d)", n.Line)}
	}
	return n.Value, nil
}

// targetMap reads a mapping of record fields (MappingTargets) to strings.
func targetMap(n *yaml.Node, at string) (map[string]string, error) {
	if n == nil {
		return nil, nil
	}
	ks, err := keys(n, at, MappingTargets...)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(ks))
	for k, v := range ks {
		s, err := scalar(v, at+"."+k)
		if err != nil {
			return nil, err
		}
		if s == "" {
			return nil, &MappingError{Key: at + "." + k, Msg: "empty"}
		}
		out[k] = s
	}
	return out, nil
}

// ruleFor is the first rule whose glob matches the input file shown (its
// path as the user gave it), nil when none does.
func (m *Mapping) ruleFor(shown string) *MappingRule {
	if m == nil {
		return nil
	}
	shown = strings.ReplaceAll(shown, `\`, "/")
	for i := range m.Rules {
		r := &m.Rules[i]
		if !strings.Contains(r.Match, "/") {
			if ok, _ := path.Match(r.Match, path.Base(shown)); ok {
				return r
			}
			continue
		}
		for subject := shown; ; {
			if ok, _ := path.Match(r.Match, subject); ok {
				return r
			}
			i := strings.IndexByte(subject, '/')
			if i < 0 {
				break
			}
			subject = subject[i+1:]
		}
	}
	return nil
}

// apply rewrites one JSON Lines line read through r into the record format,
// returning the members it did not use, sorted. A failure names the record
// field at fault.
func (r *MappingRule) apply(line []byte) (out []byte, unknown []string, field string, err error) {
	var in map[string]jsontext.Value
	if err := json.Unmarshal(line, &in); err != nil {
		f, reason := describeJSONError(err)
		return nil, nil, f, reason
	}
	used := map[string]bool{}
	rec := map[string]jsontext.Value{}
	for _, t := range MappingTargets {
		if v, ok := r.Constants[t]; ok {
			b, _ := json.Marshal(v)
			if t == "authors" {
				b, _ = json.Marshal([]string{v})
			}
			rec[recordName(t)] = b
			continue
		}
		src, mapped := r.Fields[t]
		if !mapped {
			if (t == "date" && r.Date != nil) || (t == "speaker" && r.Speaker != nil) {
				continue
			}
			src = recordName(t)
		}
		if v, ok := in[src]; ok {
			rec[recordName(t)] = v
			used[src] = true
		}
	}
	if r.Date != nil {
		s, ok, err := r.Date.value(in, used)
		if err != nil {
			return nil, nil, "published", err
		}
		if ok {
			if s, err = r.Date.precise(s); err != nil {
				return nil, nil, "published", err
			}
			rec["published"], _ = json.Marshal(s)
		}
	}
	if r.Speaker != nil {
		var sp news.DocSpeaker
		for _, f := range []struct {
			x   *Extraction
			dst *string
		}{{r.Speaker.Name, &sp.Name}, {r.Speaker.Country, &sp.Country}, {r.Speaker.Role, &sp.Role}} {
			if f.x == nil {
				continue
			}
			s, _, err := f.x.value(in, used)
			if err != nil {
				return nil, nil, "speaker", err
			}
			*f.dst = s
		}
		if sp.Name == "" {
			sp.Name = sp.Country
		}
		if sp.Name != "" {
			rec["speaker"], _ = json.Marshal(sp)
		}
	}
	for k := range in {
		if !used[k] {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	out, err = json.Marshal(rec, json.Deterministic(true))
	return out, unknown, "", err
}

// value is x's value in the member map in (ok false when the member is
// absent or null), marking the member used.
func (x *Extraction) value(in map[string]jsontext.Value, used map[string]bool) (string, bool, error) {
	v, ok := in[x.From]
	if !ok || string(v) == "null" {
		return "", false, nil
	}
	used[x.From] = true
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		var n float64
		if json.Unmarshal(v, &n) != nil {
			return "", false, fmt.Errorf("%w: member %q: want a string or a number", ErrInvalidJSON, x.From)
		}
		s = strings.TrimSpace(string(bytes.TrimSpace(v))) // a year written as a number
	}
	if x.Pattern == nil {
		return strings.TrimSpace(s), true, nil
	}
	m := x.Pattern.FindStringSubmatch(s)
	if m == nil || m[1] == "" {
		return "", false, fmt.Errorf("member %q (%s) does not match the mapping's pattern %s", x.From, strconv.Quote(clip(s, 60)), x.Pattern)
	}
	return m[1], true, nil
}

// precise returns the date s written at the rule's precision: a finer date
// is cut to its month or year; a coarser one is an error.
func (d *DateRule) precise(s string) (string, error) {
	t, prec, err := ParseDateSpan(s)
	if err != nil {
		return "", err
	}
	rank := map[string]int{"": 0, "day": 0, news.PrecisionMonth: 1, news.PrecisionYear: 2}
	if d.Precision == "" || rank[d.Precision] == rank[prec] {
		return s, nil
	}
	if rank[d.Precision] < rank[prec] {
		return "", fmt.Errorf("%w %q: coarser than the mapping's precision %s", ErrInvalidDate, s, d.Precision)
	}
	switch d.Precision {
	case news.PrecisionYear:
		return t.Format("2006"), nil
	default:
		return t.Format("2006-01"), nil
	}
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
