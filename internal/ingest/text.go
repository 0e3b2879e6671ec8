package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// frontMatter is the YAML block that may open a .txt or .md file.
type frontMatter struct {
	ID        string     `yaml:"id"`
	Title     string     `yaml:"title"`
	Published string     `yaml:"published"`
	Source    string     `yaml:"source"`
	URL       string     `yaml:"url"`
	Authors   stringList `yaml:"authors"`
	Language  string     `yaml:"language"`
}

var frontMatterKeys = map[string]bool{
	"id": true, "title": true, "published": true, "source": true,
	"url": true, "authors": true, "language": true,
}

// stringList accepts a YAML sequence of strings or a single string.
type stringList []string

func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		if n.Tag == "!!null" {
			*l = nil
			return nil
		}
		*l = stringList{n.Value}
		return nil
	}
	var ss []string
	if err := n.Decode(&ss); err != nil {
		return err
	}
	*l = ss
	return nil
}

// splitFrontMatter separates a leading "---" YAML block from the text. It
// returns the YAML, the text after the block and whether a block was found.
func splitFrontMatter(data []byte) (fm, rest []byte, found bool, err error) {
	if !bytes.HasPrefix(data, []byte("---\n")) && !bytes.HasPrefix(data, []byte("---\r\n")) {
		return nil, data, false, nil
	}
	_, after, _ := bytes.Cut(data, []byte("\n"))
	start := after
	for len(after) > 0 {
		line, next, _ := bytes.Cut(after, []byte("\n"))
		l := bytes.TrimRight(line, " \t\r")
		if bytes.Equal(l, []byte("---")) || bytes.Equal(l, []byte("...")) {
			return start[:len(start)-len(after)], next, true, nil
		}
		after = next
	}
	return nil, nil, true, errors.New("no closing --- line")
}

// textFile reads one .txt or .md file as one article.
func (r *reader) textFile(data []byte, shown, rel string, markdown bool) error {
	where := Problem{Path: shown}
	fail := func(line int, field string, err error) error {
		p := where
		p.Line, p.Field, p.Err = line, field, err
		return r.problem(&p)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidAt(data)], []byte("\n"))
		return fail(line, "", ErrInvalidUTF8)
	}
	fmData, rest, found, err := splitFrontMatter(data)
	if err != nil {
		return fail(1, "front matter", err)
	}
	var fm frontMatter
	if found {
		var doc yaml.Node
		if err := yaml.Unmarshal(fmData, &doc); err != nil {
			return fail(1, "front matter", err)
		}
		keyLine := map[string]int{}
		if len(doc.Content) > 0 {
			root := doc.Content[0]
			if root.Kind != yaml.MappingNode {
				return fail(1, "front matter", errors.New("want a YAML mapping"))
			}
			for i := 0; i+1 < len(root.Content); i += 2 {
				k := root.Content[i]
				keyLine[k.Value] = 1 + k.Line
				if !frontMatterKeys[k.Value] {
					r.unknownField(k.Value, fmt.Sprintf("%s:%d", shown, 1+k.Line))
				}
			}
			if err := root.Decode(&fm); err != nil {
				return fail(1, "front matter", err)
			}
		}
		if fm.Published != "" {
			if _, err := ParseDate(fm.Published); err != nil {
				return fail(keyLine["published"], "published", err)
			}
		}
	}
	a := Article{
		ID:       strings.TrimSpace(fm.ID),
		Title:    collapse(fm.Title),
		Source:   strings.TrimSpace(fm.Source),
		URL:      strings.TrimSpace(fm.URL),
		Authors:  []string(fm.Authors),
		Language: strings.TrimSpace(fm.Language),
		Origin:   shown,
	}
	if a.ID == "" {
		a.ID = rel
	}
	if fm.Published != "" {
		a.Published, _ = ParseDate(fm.Published)
	}
	body := normalizeText(string(rest))
	title, remaining := leadingTitle(body, markdown)
	switch {
	case a.Title == "":
		a.Title, body = title, remaining
	case markdown && title == a.Title:
		body = remaining // the heading repeats the front matter title
	}
	a.Body = body
	return r.deliver(a, &where)
}

// invalidAt returns the offset of the first invalid UTF-8 byte.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// leadingTitle splits normalised text into its title line and the rest. The
// title is the first line; in Markdown an ATX heading ("# Title #") loses
// its marks and a setext heading (a line underlined with = or -) its
// underline.
func leadingTitle(text string, markdown bool) (title, rest string) {
	first, rest, _ := strings.Cut(text, "\n")
	if markdown {
		if h, ok := atxHeading(first); ok {
			return h, strings.TrimLeft(rest, "\n")
		}
		if under, after, _ := strings.Cut(rest, "\n"); isSetextUnderline(under) {
			return collapse(first), strings.TrimLeft(after, "\n")
		}
	}
	return collapse(first), strings.TrimLeft(rest, "\n")
}

func atxHeading(line string) (string, bool) {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(line) && line[n] != ' ' && line[n] != '\t') {
		return "", false
	}
	h := strings.TrimSpace(line[n:])
	if t := strings.TrimRight(h, "#"); t != h && (t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t")) {
		h = strings.TrimSpace(t)
	}
	return collapse(h), true
}

func isSetextUnderline(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" {
		return false
	}
	if strings.Trim(line, "=") == "" {
		return true
	}
	return len(line) >= 3 && strings.Trim(line, "-") == ""
}

// normalizeText turns CR LF into LF, trims trailing spaces of each line and
// blank lines at both ends, and turns runs of blank lines into one blank
// line (the paragraph separator of the corpora).
func normalizeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for line := range strings.Lines(s) {
		line = strings.TrimRight(line, " \t\r\n")
		if strings.TrimSpace(line) == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}
