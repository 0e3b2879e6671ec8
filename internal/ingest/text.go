package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/readout/readout/internal/news"
	"gopkg.in/yaml.v3"
)

// frontMatter is the YAML block that may open a .txt or .md file.
type frontMatter struct {
	ID, Title, Published, Source, URL, Language string
	Authors                                     []string
	publishedLine                               int
}

// parseFrontMatter reads the YAML mapping of a front matter block. Lines in
// problems are lines of the file (the block starts on line 2).
func (r *reader) parseFrontMatter(data []byte, shown string) (frontMatter, *Problem) {
	var fm frontMatter
	fail := func(line int, field string, err error) (frontMatter, *Problem) {
		return fm, &Problem{Path: shown, Line: line, Field: field, Err: err}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := 1, strings.TrimPrefix(err.Error(), "yaml: ")
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if n, after, ok := strings.Cut(rest, ": "); ok {
				if v, err := strconv.Atoi(n); err == nil {
					line, msg = v+1, after
				}
			}
		}
		return fail(line, "front matter", errors.New(strings.ReplaceAll(msg, "\n", " ")))
	}
	if len(doc.Content) == 0 {
		return fm, nil // empty block
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fail(1+root.Line, "front matter", fmt.Errorf("want a mapping, got %s", yamlKind(root)))
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		line := 1 + k.Line
		var dst *string
		switch k.Value {
		case "id":
			dst = &fm.ID
		case "title":
			dst = &fm.Title
		case "published":
			dst, fm.publishedLine = &fm.Published, line
		case "source":
			dst = &fm.Source
		case "url":
			dst = &fm.URL
		case "language":
			dst = &fm.Language
		case "authors":
			switch {
			case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
			case v.Kind == yaml.ScalarNode:
				fm.Authors = []string{v.Value}
			case v.Kind == yaml.SequenceNode:
				for _, e := range v.Content {
					if e.Kind != yaml.ScalarNode {
						return fail(1+e.Line, "authors", fmt.Errorf("want a list of strings, got %s in it", yamlKind(e)))
					}
					fm.Authors = append(fm.Authors, e.Value)
				}
			default:
				return fail(line, "authors", fmt.Errorf("want a string or a list of strings, got %s", yamlKind(v)))
			}
			continue
		default:
			r.unknownField(k.Value, shown+":"+strconv.Itoa(line))
			continue
		}
		if v.Kind != yaml.ScalarNode {
			return fail(line, k.Value, fmt.Errorf("want a string, got %s", yamlKind(v)))
		}
		if v.Tag != "!!null" {
			*dst = v.Value
		}
	}
	return fm, nil
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		return "a scalar"
	}
	return "nothing"
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
	var published time.Time
	if found {
		var p *Problem
		if fm, p = r.parseFrontMatter(fmData, shown); p != nil {
			return r.problem(p)
		}
		if fm.Published != "" {
			if published, err = ParseDate(fm.Published); err != nil {
				return fail(fm.publishedLine, "published", err)
			}
		}
	}
	a := news.Article{
		ID:        strings.TrimSpace(fm.ID),
		Title:     collapse(fm.Title),
		Source:    strings.TrimSpace(fm.Source),
		URL:       strings.TrimSpace(fm.URL),
		Authors:   fm.Authors,
		Language:  strings.TrimSpace(fm.Language),
		Published: published,
		Origin:    shown,
	}
	if a.ID == "" {
		a.ID = rel
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

// normalizeText turns CR LF and lone CR into LF, trims trailing spaces of each line and
// blank lines at both ends, and turns runs of blank lines into one blank
// line (the paragraph separator of the corpora).
func normalizeText(s string) string {
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
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
