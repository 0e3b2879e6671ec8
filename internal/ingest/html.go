package ingest

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/readout/readout/internal/news"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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
	out   strings.Builder
	cur   strings.Builder
	space bool // a space is due before the next word
	pre   int  // depth inside <pre>
	// headlines: the first <h1> is left out when its text is part of one
	// of them (it is the headline, not body text)
	headlines []string
	h1Done    bool
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
		if n.DataAtom == atom.H1 && len(t.headlines) > 0 && !t.h1Done {
			t.h1Done = true
			h := collapse(nodeText(n))
			for _, s := range t.headlines {
				if s != "" && strings.Contains(s, h) {
					return
				}
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
	ld := pageJSONLD(p.jsonLD)
	a := news.Article{
		ID:       rel,
		Source:   collapse(firstNonEmpty(p.siteName, ld.publisher)),
		URL:      strings.TrimSpace(firstNonEmpty(p.ogURL, p.canonical)),
		Language: p.lang,
		Origin:   shown,
	}
	a.Authors = pageAuthors(&p, ld)
	if p.published != "" {
		t, err := parseLooseDate(p.published)
		if err != nil {
			where.Field = "article:published_time"
			where.Err = err
			return r.problem(&where)
		}
		a.Published = t
	} else {
		a.Published = r.otherDate(&p, ld, shown)
	}

	// Readability takes the tree apart: what is read from it comes after
	// the metadata.
	removeChrome(doc, false)
	content, rdTitle, err := readable(doc)
	if err != nil {
		return r.problem(&Problem{Path: shown, Err: err})
	}
	a.Title = pageTitle(&p, ld, rdTitle, a.Source, a.URL)
	headlines := []string{a.Title, p.articleH1, p.h1}
	t := textBuilder{headlines: headlines}
	if content != nil {
		t.walk(content)
	}
	a.Body = t.String()
	if a.Body == "" {
		// Nothing readable in readability's pick (or no pick): the whole
		// <body>, page chrome left out as HTMLToText does.
		if doc, err = html.Parse(bytes.NewReader(data)); err == nil {
			t = textBuilder{headlines: headlines}
			t.walk(bodyNode(doc))
			a.Body = t.String()
		}
	}
	return r.deliver(a, &where)
}

// chrome are the elements removed before readability looks at a page:
// navigation, asides, footers, dialogs, menus and controls are never the
// article, and readability would otherwise weigh them by their class names
// alone. (Forms are kept: some sites wrap the whole page in one.)
var chrome = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Dialog: true,
	atom.Menu: true, atom.Template: true, atom.Button: true, atom.Select: true,
	atom.Textarea: true, atom.Input: true, atom.Iframe: true,
}

// removeChrome removes the chrome elements under n, hidden ones (see
// isHidden: hidden, aria-hidden, display:none, navigation and other
// landmark roles) and <header> outside <article> and <main> (the site's
// masthead; an article's header holds its headline and byline).
func removeChrome(n *html.Node, inArticle bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			if chrome[c.DataAtom] || (c.DataAtom == atom.Header && !inArticle) || isHidden(c) {
				n.RemoveChild(c)
			} else {
				removeChrome(c, inArticle || c.DataAtom == atom.Article || c.DataAtom == atom.Main)
			}
		}
		c = next
	}
}

// readable runs readability on doc (changing it) and returns the node
// holding the main content (nil when none was found) and readability's
// title. A panic in the library is returned as an error, so one odd page
// cannot stop a run.
func readable(doc *html.Node) (content *html.Node, title string, err error) {
	defer func() {
		if v := recover(); v != nil {
			content, title, err = nil, "", fmt.Errorf("main-content extraction failed: panic: %v", v)
		}
	}()
	art, err := readabilityParse(doc)
	if err != nil {
		return nil, "", fmt.Errorf("main-content extraction: %w", err)
	}
	return art.Node, collapse(art.Title()), nil
}

// readabilityParse is readability with its defaults (a variable for the
// tests).
var readabilityParse = func(doc *html.Node) (readability.Article, error) {
	parser := readability.NewParser()
	// Its default logger formats every message for io.Discard.
	parser.Logger = discardLogger
	return parser.ParseAndMutate(doc, nil)
}

var discardLogger = slog.New(slog.DiscardHandler)

// bodyNode is the document's <body>, else the document.
func bodyNode(doc *html.Node) *html.Node {
	var find func(*html.Node) *html.Node
	find = func(n *html.Node) *html.Node {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if b := find(c); b != nil {
				return b
			}
		}
		return nil
	}
	if b := find(doc); b != nil {
		return b
	}
	return doc
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
