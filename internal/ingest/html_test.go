package ingest

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/readout/readout/internal/news"
	"golang.org/x/net/html"
)

// TestReadHTMLPages reads real-looking pages: the metadata exactly; the
// body by the paragraphs it must hold, whole and in order, and the page
// chrome it must not (menus, cookie banners, share bars, related stories,
// footers, all in <div>s).
func TestReadHTMLPages(t *testing.T) {
	tests := []struct {
		file      string
		meta      news.Article // every field but Body
		paras     []string     // whole paragraphs of the body, in order
		wantParas int          // how many paragraphs the body has
		absent    []string
	}{
		{
			file: "clutter.html",
			meta: news.Article{
				ID: "clutter.html", Title: "Portugal and Morocco agree to share Atlantic fishing data",
				Published: date("2026-03-12T09:40:00Z"), Source: "The Northern Ledger",
				URL:     "https://northernledger.example/world/2026/03/portugal-morocco-fishing-data",
				Authors: []string{"Tomás Arrifana"}, Language: "en", Origin: "testdata/html/clutter.html",
			},
			paras: []string{
				"Portugal and Morocco will pool catch records from their Atlantic fleets under an agreement signed in Lisbon on Thursday, a step both governments say will help them set quotas for sardine and mackerel before stocks fall further.",
				`"For twenty years we have counted the same fish twice and argued about the total," said Inês Valdreira, the Portuguese official who led the negotiations. "Now we will count them once, together."`,
				"Quotas from next year",
				"Logbook data will be exchanged every week.",
				"A joint scientific panel will meet twice a year.",
				"The agreement covers about 1,400 vessels.",
				"Environmental groups welcomed the deal but said the data must also be made public, so that independent researchers can check the assessments.",
			},
			wantParas: 9,
			absent: []string{
				"cookie", "Accept all", "Manage preferences", // cookie banner
				"Politics", "Climate", "Subscribe", "Europe", // menu, breadcrumbs
				"Share this story", "Facebook", "WhatsApp", "Copy link", // share bars
				"newsletter", "Sign up",
				"Related stories", "Brazil", "Japan", "Kenya", // related stories
				"Most read", "penalties",
				"About us", "Privacy policy", "All rights reserved", "©", // footer
				"dataLayer", "The Northern Ledger",
			},
		},
		{
			file: "og-title.html",
			meta: news.Article{
				ID: "og-title.html", Title: "Harbour tolls to rise in Rotterdam from March",
				Published: date("2025-11-04T07:30:00Z"), Source: "The Daily Example",
				URL:     "https://dailyexample.example/business/rotterdam-tolls",
				Authors: []string{"Pieter Vandermolen", "Ruth Okafor-Lind"}, Language: "en-GB", Origin: "testdata/html/og-title.html",
			},
			paras: []string{
				"The port authority in Rotterdam will raise harbour tolls by six per cent from March, the second increase in two years, citing the cost of deepening its main channel and of new shore power connections for container ships.",
				"The new tariffs will be published in full in January.",
			},
			wantParas: 4,
			absent: []string{"The Daily Example", "Home", "Weather", "Tags:", "Also in Business", "Belgium", "Germany",
				"Registered in England", "Contact the newsroom"},
		},
		{
			file: "utf8-nocharset.html",
			meta: news.Article{
				ID: "utf8-nocharset.html", Title: "Lyon lets café terraces stay open through winter",
				Published: date("2025-12-01T06:05:00Z"), Source: "The Lyon Observer",
				Authors: []string{"Maëlle Garnier-Roux", "Jules Ferrandin"}, Language: "en", Origin: "testdata/html/utf8-nocharset.html",
			},
			paras: []string{
				"Café and restaurant owners in Lyon will be allowed to keep their pavement terraces open from November to March under a scheme approved by the city council on Monday, ending a rule that forced most of them to pack up their tables at the end of October.",
				"“We lose a third of our seats every winter,” said Odile Charvieu, who runs a brasserie near the Célestins theatre. “People still want to sit outside, even with a coat on.”",
				"A terrace on the Place des Terreaux. Photo © Lyon Observer",
				"Residents’ associations in the Presqu’île district had asked for earlier closing times, saying noise from terraces already kept neighbours awake in summer. The scheme will be reviewed after its first winter.",
			},
			wantParas: 5,
			absent:    []string{"Ã", "â€", "Food & drink", "More from", "Switzerland", "Italy", "Mentions légales", "2025", "font-family"},
		},
		{
			file: "cp1252.html",
			meta: news.Article{
				ID: "cp1252.html", Title: "Santiago metro fares frozen until June", // " - Diario Ejemplo" is og:site_name
				Published: date("2024-02-20T00:00:00Z"), Source: "Diario Ejemplo", Origin: "testdata/html/cp1252.html",
			},
			paras: []string{
				"Fares on the Santiago metro will not rise before June, Chile’s transport ministry said on Tuesday, after a week of protests by student groups against a planned increase of 30 pesos.",
				"“A fare freeze gives families some room to breathe,” said the deputy transport minister, Rocío Echeverría Lagos, adding that the state would cover the cost – about €40 million – from the public transport subsidy.",
				"Operators had asked for the increase to pay for a new line whose opening was delayed from December. The café owners’ association near Plaza Baquedano said the protests had kept customers away for days.",
			},
			wantParas: 3,
			absent:    []string{"Portada", "Deportes", "Copyright", "©", "derechos", "\uFFFD"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := readPaths(t, Options{}, "testdata/html/"+tt.file)
			if res.err != nil || len(res.problems) > 0 || len(res.articles) != 1 {
				t.Fatalf("err %v, problems %q, %d articles", res.err, res.problems, len(res.articles))
			}
			got := res.articles[0]
			body := got.Body
			got.Body = ""
			if !reflect.DeepEqual(got, tt.meta) {
				t.Errorf("metadata:\n got %#v\nwant %#v", got, tt.meta)
			}
			paras := strings.Split(body, "\n\n")
			if len(paras) != tt.wantParas {
				t.Errorf("%d paragraphs, want %d:\n%s", len(paras), tt.wantParas, body)
			}
			i := 0
			for _, want := range tt.paras {
				for i < len(paras) && paras[i] != want {
					i++
				}
				if i == len(paras) {
					t.Errorf("body lacks the paragraph (or has it out of order) %q:\n%s", want, body)
					break
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(body, s) {
					t.Errorf("body holds %q:\n%s", s, body)
				}
			}
		})
	}
}

// readPage reads one HTML page given as a string.
func readPage(t *testing.T, page string) result {
	t.Helper()
	fsys := fstest.MapFS{"p.html": {Data: []byte(page)}}
	return readInputs(t, Options{}, FSInput("p.html", fsys, "p.html"))
}

func TestReadHTMLMetadata(t *testing.T) {
	story := "<p>" + strings.Repeat("The delegation from Ghana arrived on Monday for talks. ", 4) + "</p>"
	tests := []struct {
		name string
		page string
		want news.Article
	}{
		{
			name: "twitter:title before h1 and <title>",
			page: `<title>Site | Other</title><meta name="twitter:title" content="Twitter headline"><article><h1>Article h1</h1>` + story + `</article>`,
			want: news.Article{Title: "Twitter headline"},
		},
		{
			name: "h1 of the article before <title>; a logo h1 outside is not it",
			page: `<title>Title text here | Some Site</title><h1>Logo</h1><article><h1>Article h1</h1>` + story + `</article>`,
			want: news.Article{Title: "Article h1"},
		},
		{
			name: "site name cut from the front of <title> when it is og:site_name",
			page: `<title>Example Herald — Ghana opens talks</title><meta property="og:site_name" content="Example Herald"><div>` + story + `</div>`,
			want: news.Article{Title: "Ghana opens talks", Source: "Example Herald"},
		},
		{
			name: "JSON-LD in @graph: headline, date, authors, publisher; URL profile authors dropped",
			page: `<title>x</title><meta property="article:author" content="https://social.example/someone">` +
				`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"page"},` +
				`{"@type":["NewsArticle"],"headline":"Graph headline","datePublished":"2024-05-06T07:08:09Z","author":"Kofi Mensah-Arthur",` +
				`"publisher":{"@type":"Organization","name":"Accra Example"}}]}</script><div>` + story + `</div>`,
			want: news.Article{Title: "Graph headline", Published: date("2024-05-06T07:08:09Z"), Source: "Accra Example", Authors: []string{"Kofi Mensah-Arthur"}},
		},
		{
			name: "a date meta besides article:published_time; an unreadable one is passed over",
			page: `<title>Talks</title><meta name="pubdate" content="soon"><meta name="dcterms.issued" content="2023-01-02"><div>` + story + `</div>`,
			want: news.Article{Title: "Talks", Published: date("2023-01-02T00:00:00Z")},
		},
		{
			name: "<time datetime> of the article; a related story's time outside is not it",
			page: `<title>Talks</title><article>` + story + `<time datetime="2022-03-04T05:06:07+02:00">4 March</time></article>` +
				`<div class="related"><time datetime="2020-01-01">old</time></div>`,
			want: news.Article{Title: "Talks", Published: date("2022-03-04T03:06:07Z")},
		},
		{
			name: "a broken JSON-LD script is passed over",
			page: `<title>Talks</title><script type="application/ld+json">{"@type": "NewsArticle", </script><div>` + story + `</div>`,
			want: news.Article{Title: "Talks"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readPage(t, tt.page)
			if len(res.articles) != 1 {
				t.Fatalf("problems %q", res.problems)
			}
			got := res.articles[0]
			if !strings.Contains(got.Body, "Ghana arrived") {
				t.Errorf("body %q lacks the story", got.Body)
			}
			got.ID, got.Origin, got.Body = "", "", ""
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct {
		title string
		names []string
		url   string
		want  string
	}{
		{"Headline | The Daily Example", []string{"The Daily Example"}, "", "Headline"},
		{"Headline - The Daily Example", []string{"the daily example"}, "", "Headline"},
		{"Headline — The Daily Example", nil, "https://www.thedailyexample.co.uk/a", "Headline"},
		{"Headline – Daily Example", nil, "https://dailyexample.com/a", "Headline"},
		{"Port strike ends after talks | Northern Ledger", nil, "", "Port strike ends after talks"}, // short part behind " | "
		{"Port strike ends after talks - Northern Ledger", nil, "", "Port strike ends after talks - Northern Ledger"},
		{"Talks | Northern Ledger", nil, "", "Talks | Northern Ledger"}, // headline too short to tell
		{"Minister resigns - report", []string{"Example Herald"}, "", "Minister resigns - report"},
		{"Example Herald | Ghana opens talks", []string{"Example Herald"}, "", "Ghana opens talks"},
		{"The Daily Example", []string{"The Daily Example"}, "", "The Daily Example"},
		{"  Spaced   title ", nil, "", "Spaced title"},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.title, tt.names, tt.url); got != tt.want {
			t.Errorf("stripSiteName(%q, %q, %q) = %q, want %q", tt.title, tt.names, tt.url, got, tt.want)
		}
	}
}

func TestDecodeHTML(t *testing.T) {
	pad := "<!-- " + strings.Repeat("x", 1100) + " -->" // pushes the text past the 1,024 bytes sniffed
	tests := []struct {
		name, in, want string
	}{
		{"undeclared UTF-8 past the sniffed bytes", pad + "<p>© café “quoted”</p>", pad + "<p>© café “quoted”</p>"},
		{"undeclared UTF-8 at the start", "<p>© café</p>", "<p>© café</p>"},
		{"declared windows-1252", `<meta charset="windows-1252"><p>` + "\xa9 caf\xe9 \x93q\x94 \x80", `<meta charset="windows-1252"><p>© café “q” €`},
		{"declared by http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>caf` + "\xe9", `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>café`},
		{"declared latin-1 wins over bytes that are valid UTF-8", `<meta charset="iso-8859-1">` + "\xc3\xa9", `<meta charset="iso-8859-1">Ã©`},
		{"undeclared, not UTF-8: windows-1252", "<p>caf\xe9 \x93q\x94</p>", "<p>café “q”</p>"},
		{"UTF-8 byte-order mark", "\xef\xbb\xbf<p>café</p>", "<p>café</p>"},
		{"declared UTF-8 with a bad byte", `<meta charset="utf-8"><p>caf` + "\xe9!", `<meta charset="utf-8"><p>caf` + "\uFFFD!"},
		{"UTF-16 by its byte-order mark", "\xff\xfe<\x00p\x00>\x00\xe9\x00", "<p>é"},
		{"declared UTF-16 is read as UTF-8", `<meta charset="utf-16">é`, `<meta charset="utf-16">é`},
		{"UTF-8 sniffed, a bad byte later", "<p>é</p>" + pad + "\xff", "<p>é</p>" + pad + "\uFFFD"},
	}
	for _, tt := range tests {
		if got := string(decodeHTML([]byte(tt.in))); got != tt.want {
			t.Errorf("%s: decodeHTML(%.60q) = %.80q, want %.80q", tt.name, tt.in, got, tt.want)
		}
	}
}

// withReadability replaces the readability call for one test.
func withReadability(t *testing.T, f func(*html.Node) (readability.Article, error)) {
	saved := readabilityParse
	readabilityParse = f
	t.Cleanup(func() { readabilityParse = saved })
}

func TestReadHTMLFallback(t *testing.T) {
	page := `<title>Short</title><body><div class="menu"><nav>Home</nav></div><p>Only line.</p><footer>Footer</footer></body>`
	withReadability(t, func(*html.Node) (readability.Article, error) { return readability.Article{}, nil })
	res := readPage(t, page)
	want := []news.Article{{ID: "p.html", Title: "Short", Body: "Only line.", Origin: "p.html"}}
	checkResult(t, res, want, nil)
}

func TestReadHTMLReadabilityFails(t *testing.T) {
	page := `<title>T</title><p>Text.</p>`
	withReadability(t, func(*html.Node) (readability.Article, error) { panic("index out of range") })
	checkResult(t, readPage(t, page), nil, []string{"p.html: main-content extraction failed: panic: index out of range"})
	withReadability(t, func(*html.Node) (readability.Article, error) { return readability.Article{}, errors.New("too large") })
	checkResult(t, readPage(t, page), nil, []string{"p.html: main-content extraction: too large"})
}
