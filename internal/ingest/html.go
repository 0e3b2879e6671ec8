package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime"
	neturl "net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
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

// htmlPage is the metadata an HTML document declares, read before
// main-content extraction (which changes the tree).
type htmlPage struct {
	title, ogTitle, twitterTitle string
	h1, articleH1                string // the first <h1>, the first inside an <article>
	published, siteName, author  string
	ogURL, canonical, lang       string
	appName                      string // <meta name=application-name>
	articleAuthors               []string
	otherDates                   []metaDate // date metas besides article:published_time, in page order
	timeDate                     string     // a <time datetime> marked pubdate or itemprop=datePublished
	jsonLD                       []string   // application/ld+json scripts
	inArticle                    int
	articleTime                  string // the first <time datetime> inside an <article>
}

// metaDate is a date meta and its name.
type metaDate struct{ name, value string }

// otherDateMetas are the date metas read when article:published_time is
// absent, in no order of preference: the first in the page is used.
var otherDateMetas = map[string]bool{
	"datepublished": true, "date": true, "pubdate": true, "publishdate": true,
	"dc.date": true, "dc.date.issued": true, "dcterms.issued": true,
	"dcterms.created": true, "dcterms.available": true, "parsely-pub-date": true,
	"sailthru.date": true, "og:published_time": true,
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
			if p.inArticle > 0 && p.articleH1 == "" {
				p.articleH1 = collapse(nodeText(n))
			}
		case atom.Article:
			p.inArticle++
			defer func() { p.inArticle-- }()
		case atom.Time:
			if v, ok := attr(n, "datetime"); ok && strings.TrimSpace(v) != "" {
				_, pubdate := attr(n, "pubdate")
				if prop, _ := attr(n, "itemprop"); (pubdate || strings.EqualFold(prop, "datePublished")) && p.timeDate == "" {
					p.timeDate = v
				}
				if p.inArticle > 0 && p.articleTime == "" {
					p.articleTime = v
				}
			}
		case atom.Script:
			if typ, _ := attr(n, "type"); strings.EqualFold(strings.TrimSpace(typ), "application/ld+json") {
				var b strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.TextNode {
						b.WriteString(c.Data)
					}
				}
				p.jsonLD = append(p.jsonLD, b.String())
			}
			return
		case atom.Link:
			if rel, _ := attr(n, "rel"); strings.EqualFold(strings.TrimSpace(rel), "canonical") && p.canonical == "" {
				p.canonical, _ = attr(n, "href")
			}
		case atom.Meta:
			key, _ := attr(n, "property")
			if key == "" {
				key, _ = attr(n, "name")
			}
			if key == "" {
				key, _ = attr(n, "itemprop")
			}
			val, _ := attr(n, "content")
			val = strings.TrimSpace(val)
			set := func(dst *string) {
				if *dst == "" {
					*dst = val
				}
			}
			switch key = strings.ToLower(strings.TrimSpace(key)); key {
			case "og:title":
				set(&p.ogTitle)
			case "twitter:title":
				set(&p.twitterTitle)
			case "article:published_time":
				set(&p.published)
			case "og:site_name":
				set(&p.siteName)
			case "application-name":
				set(&p.appName)
			case "author":
				set(&p.author)
			case "article:author":
				// Facebook pages put a profile URL here, which names no one.
				if val != "" && !strings.HasPrefix(val, "http://") && !strings.HasPrefix(val, "https://") {
					p.articleAuthors = append(p.articleAuthors, val)
				}
			case "og:url":
				set(&p.ogURL)
			default:
				if otherDateMetas[key] && val != "" {
					p.otherDates = append(p.otherDates, metaDate{key, val})
				}
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		p.scan(c)
	}
}

// pageAuthors are the article:author metas, one author each, or else the
// author meta split at commas and " and " ("A, B and C"), or else the
// JSON-LD authors.
func pageAuthors(p *htmlPage, ld ldArticle) []string {
	var out []string
	add := func(s string) {
		if s = collapse(s); s != "" {
			out = append(out, s)
		}
	}
	switch {
	case len(p.articleAuthors) > 0:
		for _, s := range p.articleAuthors {
			add(s)
		}
	case p.author != "":
		for _, part := range strings.Split(p.author, ",") {
			for _, name := range strings.Split(part, " and ") {
				add(name)
			}
		}
	default:
		for _, s := range ld.authors {
			add(s)
		}
	}
	return out
}

// ldArticle is what a page's JSON-LD says of its article.
type ldArticle struct {
	headline, published, publisher string
	authors                        []string
}

// pageJSONLD reads the first schema.org Article (NewsArticle, BlogPosting
// and the like) of the page's application/ld+json scripts, at the top
// level, in an array or in an @graph. Scripts that are not valid JSON are
// passed over.
func pageJSONLD(scripts []string) ldArticle {
	for _, s := range scripts {
		var v any
		if json.Unmarshal([]byte(strings.TrimSpace(s)), &v) != nil {
			continue
		}
		if obj := findLDArticle(v, 0); obj != nil {
			var a ldArticle
			a.headline, _ = obj["headline"].(string)
			if a.headline == "" {
				a.headline, _ = obj["name"].(string)
			}
			a.published, _ = obj["datePublished"].(string)
			a.publisher = ldName(obj["publisher"])
			switch au := obj["author"].(type) {
			case []any:
				for _, x := range au {
					if name := ldName(x); name != "" {
						a.authors = append(a.authors, name)
					}
				}
			default:
				if name := ldName(au); name != "" {
					a.authors = append(a.authors, name)
				}
			}
			a.headline, a.publisher = collapse(a.headline), collapse(a.publisher)
			return a
		}
	}
	return ldArticle{}
}

// findLDArticle finds the first object whose @type is an article type.
func findLDArticle(v any, depth int) map[string]any {
	if depth > 4 {
		return nil
	}
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			if obj := findLDArticle(x, depth+1); obj != nil {
				return obj
			}
		}
	case map[string]any:
		if isLDArticleType(v["@type"]) {
			return v
		}
		if g, ok := v["@graph"]; ok {
			return findLDArticle(g, depth+1)
		}
	}
	return nil
}

func isLDArticleType(t any) bool {
	switch t := t.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || t == "BlogPosting" || t == "LiveBlogPosting" || t == "Report"
	case []any:
		for _, x := range t {
			if isLDArticleType(x) {
				return true
			}
		}
	}
	return false
}

// ldName is a JSON-LD Person or Organization's name, or a plain string.
func ldName(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		s, _ := v["name"].(string)
		return s
	}
	return ""
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

// otherDate is the first date meta besides article:published_time, else
// the JSON-LD datePublished, else the <time datetime> of the article. A
// value that does not parse is passed over (logged at debug level).
func (r *reader) otherDate(p *htmlPage, ld ldArticle, shown string) time.Time {
	cands := p.otherDates
	cands = append(cands, metaDate{"JSON-LD datePublished", ld.published}, metaDate{"<time datetime>", firstNonEmpty(p.timeDate, p.articleTime)})
	for _, c := range cands {
		if strings.TrimSpace(c.value) == "" {
			continue
		}
		t, err := parseLooseDate(c.value)
		if err == nil {
			return t
		}
		r.log.Debug("ignoring unreadable date", "path", shown, "field", c.name, "err", err)
	}
	return time.Time{}
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

// pageTitle picks the title: og:title, twitter:title, the <h1> of the
// <article>, readability's title unless it is cut from <title> (JSON-LD
// headline, Dublin Core and the like), <title> without its site name, the
// first <h1>.
func pageTitle(p *htmlPage, ld ldArticle, rdTitle, source, url string) string {
	if rdTitle != "" && strings.Contains(p.title, rdTitle) {
		rdTitle = ""
	}
	return collapse(firstNonEmpty(p.ogTitle, p.twitterTitle, p.articleH1, ld.headline, rdTitle,
		stripSiteName(p.title, []string{source, ld.publisher, p.appName}, url), p.h1))
}

// titleSeparators part a headline from the site name in <title>.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • "}

// stripSiteName removes a site name from the end (or the start) of title,
// behind one of titleSeparators: a part equal to one of names, or to the
// URL's host (its main label, letters alone, "the" ignored), or, behind
// " | " at the end, a short part (at most four words) after a longer
// headline of at least three words.
func stripSiteName(title string, names []string, url string) string {
	title = collapse(title)
	host := siteLabel(url)
	isSite := func(part string) bool {
		k := letters(part)
		if k == "" {
			return false
		}
		for _, n := range names {
			if n != "" && k == letters(n) {
				return true
			}
		}
		return host != "" && (k == host || strings.TrimPrefix(k, "the") == host)
	}
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 {
			head, tail := title[:i], title[i+len(sep):]
			if isSite(tail) {
				return strings.TrimSpace(head)
			}
			if sep == " | " && len(strings.Fields(tail)) <= 4 && len(strings.Fields(head)) >= 3 && len(head) > len(tail) {
				return strings.TrimSpace(head)
			}
		}
		if i := strings.Index(title, sep); i > 0 && isSite(title[:i]) {
			return strings.TrimSpace(title[i+len(sep):])
		}
	}
	return title
}

// letters is s lower-cased, letters and digits alone ("The Daily
// Example" → "thedailyexample").
func letters(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// siteLabel is the main label of a URL's host, letters alone:
// "https://www.daily-example.co.uk/x" → "dailyexample".
func siteLabel(rawURL string) string {
	u, err := neturl.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Hostname() == "" {
		return ""
	}
	labels := strings.Split(strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."), ".")
	// The main label is the last before the public suffix; short labels
	// before a two-letter country code ("co.uk", "com.au") are part of it.
	i := len(labels) - 2
	if i > 0 && len(labels[len(labels)-1]) == 2 && len(labels[i]) <= 3 {
		i--
	}
	if i < 0 {
		return ""
	}
	return letters(labels[i])
}

// decodeHTML returns the page as UTF-8. A byte-order mark or a declared
// charset (<meta charset>, <meta http-equiv=Content-Type>, in the first
// 1,024 bytes) is honoured; an undeclared page is UTF-8 when its bytes are
// valid UTF-8, else what charset.DetermineEncoding sniffs from its first
// 1,024 bytes (UTF-8 or, failing that, windows-1252). Bytes that do not
// decode become U+FFFD.
func decodeHTML(data []byte) []byte {
	var enc encoding.Encoding
	switch label := declaredCharset(data); {
	case bytes.HasPrefix(data, []byte("\xfe\xff")), bytes.HasPrefix(data, []byte("\xff\xfe")):
		enc, _, _ = charset.DetermineEncoding(data, "") // UTF-16 by its byte-order mark
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return bytes.ToValidUTF8(data[3:], []byte("\uFFFD"))
	case label != "":
		var name string
		enc, name = charset.Lookup(label)
		if strings.HasPrefix(name, "utf-16") { // a page read as bytes is not UTF-16 (as the HTML prescan rules)
			enc = encoding.Nop
		}
	case utf8.Valid(data):
		return data
	default:
		enc, _, _ = charset.DetermineEncoding(data, "")
	}
	if enc == encoding.Nop || enc == nil {
		return bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	if dec, err := enc.NewDecoder().Bytes(data); err == nil {
		data = bytes.TrimPrefix(dec, []byte("\uFEFF")) // a UTF-16 decoder keeps the mark
	}
	return bytes.ToValidUTF8(data, []byte("\uFFFD"))
}

// declaredCharset is the known charset a <meta> in the first 1,024 bytes
// names, or "": <meta charset=X> or <meta http-equiv=Content-Type
// content="...; charset=X">, as the HTML prescan reads them.
func declaredCharset(data []byte) string {
	if len(data) > 1024 {
		data = data[:1024]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
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
				return label
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
