package ingest

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/news"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// skipped elements hold no article text: code, styling, page chrome
// (navigation, header, footer, asides), forms and embedded media.
var skipped = map[atom.Atom]bool{
	atom.Head: true, atom.Title: true, atom.Script: true, atom.Style: true,
	atom.Noscript: true, atom.Template: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Iframe: true,
	atom.Svg: true, atom.Math: true, atom.Button: true, atom.Select: true,
	atom.Textarea: true, atom.Input: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Dialog: true,
	atom.Menu: true, atom.Img: true, atom.Picture: true, atom.Source: true,
}

// skippedRoles are the ARIA landmark roles of the skipped elements.
var skippedRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true,
	"complementary": true, "search": true, "form": true, "dialog": true,
}

// blocks start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true,
	atom.Main: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Blockquote: true,
	atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Caption: true,
	atom.Figure: true, atom.Figcaption: true, atom.Hr: true, atom.Address: true,
	atom.Details: true, atom.Summary: true, atom.Body: true, atom.Html: true,
	atom.Center: true, atom.Hgroup: true, atom.Fieldset: true, atom.Legend: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
}

// HTMLToText returns the readable text of an HTML fragment or document:
// text of scripts, styles, navigation, header, footer, aside, form and
// similar elements is left out, whitespace is collapsed, and paragraphs
// (block elements) are separated by one blank line; <br> is a line break.
// Text that is not HTML (no '<') keeps its own blank-line paragraphs after
// entities are decoded. The result is valid UTF-8 (bad bytes become U+FFFD)
// without leading or trailing whitespace.
func HTMLToText(s string) string {
	if !strings.Contains(s, "<") {
		return strings.TrimSpace(normalizeText(strings.ToValidUTF8(html.UnescapeString(s), "\uFFFD")))
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return ""
	}
	var t textBuilder
	for _, n := range nodes {
		t.walk(n)
	}
	return t.String()
}

// textBuilder collects text into paragraphs.
type textBuilder struct {
	out    strings.Builder
	cur    strings.Builder
	space  bool   // a space is due before the next word
	pre    int    // depth inside <pre>
	title  string // the first <h1> whose text is part of title is left out
	h1Done bool
}

func (t *textBuilder) String() string {
	t.para()
	return strings.TrimSpace(t.out.String())
}

// text adds character data, collapsing whitespace outside <pre>.
func (t *textBuilder) text(s string) {
	if t.pre > 0 {
		for _, r := range s {
			if r == '\r' {
				continue
			}
			t.cur.WriteRune(r)
		}
		return
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			if t.cur.Len() > 0 && !t.atLineStart() {
				t.space = true
			}
			continue
		}
		if t.space {
			t.cur.WriteByte(' ')
			t.space = false
		}
		t.cur.WriteRune(r) // invalid bytes arrive as utf8.RuneError and are written as U+FFFD
	}
}

func (t *textBuilder) atLineStart() bool {
	s := t.cur.String()
	return s != "" && s[len(s)-1] == '\n'
}

func (t *textBuilder) lineBreak() {
	if t.cur.Len() > 0 && !t.atLineStart() {
		t.cur.WriteByte('\n')
	}
	t.space = false
}

// para ends the current paragraph.
func (t *textBuilder) para() {
	p := t.cur.String()
	if t.pre == 0 {
		p = strings.TrimSpace(p)
	} else {
		p = normalizeText(p)
	}
	if p != "" {
		if t.out.Len() > 0 {
			t.out.WriteString("\n\n")
		}
		t.out.WriteString(p)
	}
	t.cur.Reset()
	t.space = false
}

func (t *textBuilder) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t.text(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] || isHidden(n) {
			return
		}
		if n.DataAtom == atom.H1 && t.title != "" && !t.h1Done {
			t.h1Done = true
			if strings.Contains(t.title, collapse(nodeText(n))) {
				return
			}
		}
		switch {
		case n.DataAtom == atom.Br:
			t.lineBreak()
			return
		case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
			if t.cur.Len() > 0 {
				t.space = true
			}
		case blocks[n.DataAtom]:
			t.para()
			if n.DataAtom == atom.Pre {
				t.pre++
				defer func() { t.para(); t.pre-- }()
			} else {
				defer t.para()
			}
		}
	case html.DocumentNode:
	default:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.walk(c)
	}
}

// isHidden reports elements marked as not shown.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(a.Val, "true") {
				return true
			}
		case "role":
			if skippedRoles[strings.ToLower(strings.TrimSpace(a.Val))] {
				return true
			}
		case "style":
			v := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// nodeText is all character data under n, unfiltered.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// collapse collapses runs of whitespace to one space, trims, and makes the
// text valid UTF-8.
func collapse(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// htmlPage is what an HTML document yields.
type htmlPage struct {
	title, ogTitle, h1          string
	published, siteName, author string
	ogURL, canonical, lang      string
	articleAuthors              []string // every article:author meta
	body, main, roleMain        *html.Node
	articles                    []*html.Node // outermost <article> elements
	inArticle                   int
}

func (p *htmlPage) scan(n *html.Node) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Html:
			if v, ok := attr(n, "lang"); ok && p.lang == "" {
				p.lang = strings.TrimSpace(v)
			}
		case atom.Title:
			if p.title == "" {
				p.title = collapse(nodeText(n))
			}
		case atom.H1:
			if p.h1 == "" {
				p.h1 = collapse(nodeText(n))
			}
		case atom.Body:
			if p.body == nil {
				p.body = n
			}
		case atom.Main:
			if p.main == nil {
				p.main = n
			}
		case atom.Article:
			if p.inArticle == 0 {
				p.articles = append(p.articles, n)
			}
			p.inArticle++
			defer func() { p.inArticle-- }()
		case atom.Link:
			if rel, _ := attr(n, "rel"); strings.EqualFold(strings.TrimSpace(rel), "canonical") && p.canonical == "" {
				p.canonical, _ = attr(n, "href")
			}
		case atom.Meta:
			key, _ := attr(n, "property")
			if key == "" {
				key, _ = attr(n, "name")
			}
			val, _ := attr(n, "content")
			val = strings.TrimSpace(val)
			set := func(dst *string) {
				if *dst == "" {
					*dst = val
				}
			}
			switch strings.ToLower(strings.TrimSpace(key)) {
			case "og:title":
				set(&p.ogTitle)
			case "article:published_time":
				set(&p.published)
			case "og:site_name":
				set(&p.siteName)
			case "author":
				set(&p.author)
			case "article:author":
				if val != "" {
					p.articleAuthors = append(p.articleAuthors, val)
				}
			case "og:url":
				set(&p.ogURL)
			}
		}
		if v, _ := attr(n, "role"); strings.EqualFold(v, "main") && p.roleMain == nil {
			p.roleMain = n
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		p.scan(c)
	}
}

// pageAuthors are the article:author metas, one author each, or else the
// author meta split at commas and " and " ("A, B and C").
func pageAuthors(p htmlPage) []string {
	var out []string
	add := func(s string) {
		if s = collapse(s); s != "" {
			out = append(out, s)
		}
	}
	if len(p.articleAuthors) > 0 {
		for _, s := range p.articleAuthors {
			add(s)
		}
		return out
	}
	for _, part := range strings.Split(p.author, ",") {
		for _, name := range strings.Split(part, " and ") {
			add(name)
		}
	}
	return out
}

// htmlFile reads one HTML page as one article. Its id is its path (rel);
// see doc.go for the rest.
func (r *reader) htmlFile(data []byte, shown, rel string) error {
	where := Problem{Path: shown}
	data = decodeHTML(data)
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return r.problem(&Problem{Path: shown, Err: fmt.Errorf("parse HTML: %w", err)})
	}
	var p htmlPage
	p.scan(doc)
	a := news.Article{
		ID:       rel,
		Title:    firstNonEmpty(p.title, p.ogTitle, p.h1),
		Source:   collapse(p.siteName),
		URL:      strings.TrimSpace(firstNonEmpty(p.ogURL, p.canonical)),
		Language: p.lang,
		Origin:   shown,
	}
	a.Authors = pageAuthors(p)
	if p.published != "" {
		t, err := parseLooseDate(p.published)
		if err != nil {
			where.Field = "article:published_time"
			where.Err = err
			return r.problem(&where)
		}
		a.Published = t
	}
	t := textBuilder{title: a.Title}
	t.walk(mainNode(&p, doc))
	a.Body = t.String()
	return r.deliver(a, &where)
}

// mainNode picks the element holding the article: the outermost <article>
// with the most text, else <main> or role="main", else <body>.
func mainNode(p *htmlPage, doc *html.Node) *html.Node {
	if len(p.articles) > 0 {
		best, bestLen := p.articles[0], -1
		for _, a := range p.articles {
			var t textBuilder
			t.walk(a)
			if n := len(t.String()); n > bestLen {
				best, bestLen = a, n
			}
		}
		return best
	}
	for _, n := range []*html.Node{p.main, p.roleMain, p.body} {
		if n != nil {
			return n
		}
	}
	return doc
}

// decodeHTML returns the page as UTF-8. A byte-order mark or a declared
// charset (<meta charset>, <meta http-equiv=Content-Type>, in the first
// 1,024 bytes) is honoured; an undeclared page is UTF-8 when its bytes are
// valid UTF-8, else what charset.DetermineEncoding sniffs from its first
// 1,024 bytes (UTF-8 or, failing that, windows-1252). Bytes that do not
// decode become U+FFFD.
func decodeHTML(data []byte) []byte {
	enc, name, certain := charset.DetermineEncoding(data, "")
	if !certain && !declaresCharset(data) && utf8.Valid(data) {
		return data
	}
	if name == "utf-8" || enc == encoding.Nop {
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		return bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	if dec, err := enc.NewDecoder().Bytes(data); err == nil {
		return bytes.ToValidUTF8(dec, []byte("\uFFFD"))
	}
	return bytes.ToValidUTF8(data, []byte("\uFFFD"))
}

// declaresCharset reports whether a <meta> in the first 1,024 bytes names
// a known charset: <meta charset=X> or <meta http-equiv=Content-Type
// content="...; charset=X">, as the HTML prescan reads them.
func declaresCharset(data []byte) bool {
	if len(data) > 1024 {
		data = data[:1024]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) != "meta" {
				continue
			}
			var label, content string
			pragma := false
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "charset":
					label = string(v)
				case "http-equiv":
					pragma = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
				case "content":
					content = string(v)
				}
			}
			if label == "" && pragma {
				if _, params, err := mime.ParseMediaType(content); err == nil {
					label = params["charset"]
				}
			}
			if e, _ := charset.Lookup(label); label != "" && e != nil {
				return true
			}
		}
	}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// looseLayouts are the date forms seen in web page and feed metadata
// besides RFC 3339 and YYYY-MM-DD.
var looseLayouts = []string{
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05Z07:00",
	time.RFC1123Z,
	time.RFC1123,
}

// parseLooseDate is ParseDate plus looseLayouts; times without a zone are
// taken as UTC.
func parseLooseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := ParseDate(s); err == nil {
		return t, nil
	}
	for _, layout := range looseLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return time.Time{}, fmt.Errorf("%w %q", ErrInvalidDate, s)
}
