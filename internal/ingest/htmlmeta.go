package ingest

import (
	"encoding/json"
	neturl "net/url"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// What an HTML page declares about its article: metadata, JSON-LD, the
// title without the site's name, the date.

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
