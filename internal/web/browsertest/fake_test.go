package browsertest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/readout/readout/internal/web"
)

// The fake API serves a few invented articles with the JSON shapes of the
// HTTP API contract. It exists for UI-only checks (error and empty states
// that are awkward to provoke on the real server); the scenario tests run
// against the real router.

type fakeQuote struct {
	ID, Text, Speaker, SpeakerName, Cue string
	Para                                int
}

type fakeArticle struct {
	ID, Title, Body, Source, Published string
	Country                            []string
	Quotes                             []fakeQuote
}

var fakeArticles = []fakeArticle{
	{ID: "f1", Title: "Ministers meet over river border", Body: "Officials met on Tuesday.\n\nThey spoke of de-escalation.", Source: "Fake Wire", Published: "2024-01-10T09:00:00Z", Country: []string{"AT"},
		Quotes: []fakeQuote{{ID: "f1#q0", Text: "We want de-escalation now", Speaker: "ana-test", SpeakerName: "Ana Test", Cue: "said", Para: 1}}},
	{ID: "f2", Title: "Talks resume <b>quietly</b>", Body: "Delegations returned.\n\nA de-escalation plan was tabled.", Source: "Fake Post", Published: "2024-02-03T09:00:00Z", Country: []string{"HU"},
		Quotes: []fakeQuote{{ID: "f2#q0", Text: "De-escalation is the only path", Speaker: "bo-sample", SpeakerName: "Bo Sample", Cue: "told reporters", Para: 1}}},
	{ID: "f3", Title: "Undated note", Body: "No date here.", Source: "Fake Wire"},
}

func fakeAPI() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/search", fakeSearch)
	mux.HandleFunc("GET /api/v1/export", fakeExport)
	mux.HandleFunc("GET /api/v1/stats", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"generation": "gen-fake", "articles": len(fakeArticles), "quotes": 2,
			"date_span": map[string]any{"from": "2024-01-10T09:00:00Z", "to": "2024-02-03T09:00:00Z"}})
	})
	mux.HandleFunc("GET /api/v1/articles/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 404, map[string]any{"error": map[string]any{"code": "not_found", "message": "no article " + r.PathValue("id")}})
	})
	mux.HandleFunc("GET /api/v1/facets/{field}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"field": r.PathValue("field"), "values": []any{}})
	})
	mux.Handle("/", web.Handler())
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func fakeSearch(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Query()
	q := strings.ToLower(strings.TrimSpace(p.Get("q")))
	if strings.Count(q, `"`)%2 == 1 {
		writeJSON(w, 400, map[string]any{"error": map[string]any{"code": "invalid_query", "message": "unterminated phrase", "position": strings.Index(q, `"`)}})
		return
	}
	if q == "slow" {
		time.Sleep(300 * time.Millisecond)
	}
	speakers := p["speaker"]
	var hits []any
	months := map[string]int{}
	undated := 0
	spCount := map[string]int{}
	spName := map[string]string{}
	for _, a := range fakeArticles {
		text := strings.ToLower(a.Title + " " + a.Body)
		if q != "" && !strings.Contains(text, q) {
			continue
		}
		var qs []any
		has := len(speakers) == 0
		for _, qu := range a.Quotes {
			spCount[qu.Speaker]++
			spName[qu.Speaker] = qu.SpeakerName
			for _, s := range speakers {
				if s == qu.Speaker {
					has = true
					qs = append(qs, map[string]any{"id": qu.ID, "text": qu.Text, "highlighted": qu.Text,
						"speaker": map[string]any{"id": qu.Speaker, "name": qu.SpeakerName}, "cue": qu.Cue, "kind": "direct", "paragraph": qu.Para})
				}
			}
		}
		if !has {
			continue
		}
		if a.Published == "" {
			undated++
		} else {
			months[a.Published[:7]+"-01"]++
		}
		hit := map[string]any{"id": a.ID, "type": "article", "title": a.Title, "source": a.Source,
			"snippets": map[string]any{"body": []string{strings.ReplaceAll(htmlEscape(a.Body), "de-escalation", "<mark>de-escalation</mark>")}}, "quotes": qs}
		if a.Published != "" {
			hit["published"] = a.Published
		}
		hits = append(hits, hit)
	}
	var buckets []any
	keys := make([]string, 0, len(months))
	for k := range months {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		buckets = append(buckets, map[string]any{"start": k, "count": months[k]})
	}
	var sp []any
	for id, n := range spCount {
		sp = append(sp, map[string]any{"value": id, "label": spName[id], "count": n, "selected": contains(speakers, id)})
	}
	writeJSON(w, 200, map[string]any{"total": len(hits), "took_ms": 0.4, "mode": "articles", "query": q, "hits": hits,
		"facets":    map[string]any{"speaker": sp},
		"histogram": map[string]any{"interval": "month", "buckets": buckets, "undated": undated}, "next_cursor": nil})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// fakeCSV is an export of three rows, the first with a quoted comma,
// doubled quotes and a newline in its title.
const fakeCSV = "id,published,source,title,url\n" +
	"f1,2024-01-10T09:00:00Z,Fake Wire,\"Ministers meet, \"\"over\"\" the\nriver\",https://x.test/f1\n" +
	"f2,2024-02-03T09:00:00Z,Fake Post,Talks resume,https://x.test/f2\n" +
	"f3,,Fake Wire,Undated note,https://x.test/f3\n"

// fakeExport answers CSV exports as the real one does, by case (the case
// parameter, or sort=oldest for "aborted"): "aborted" sends the header and
// a row, then aborts the connection (as searchd does when an export stops
// early); "short" announces more rows than it sends; "limit" is a limit
// below the total; "refused" a 400; anything else a whole export.
func fakeExport(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Query()
	c := p.Get("case")
	if c == "" && p.Get("sort") == "oldest" {
		c = "aborted"
	}
	total, limit := 3, 10000
	switch c {
	case "refused":
		writeJSON(w, 400, map[string]any{"error": map[string]any{"code": "bad_request", "message": "unknown parameter \"colour\"", "param": "colour"}})
		return
	case "short":
		total = 5
	case "limit":
		total, limit = 50, 3
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="fake-export.csv"`)
	h.Set("X-Total-Count", strconv.Itoa(total))
	h.Set("X-Export-Limit", strconv.Itoa(limit))
	w.WriteHeader(http.StatusOK)
	if c == "aborted" {
		head, _, _ := strings.Cut(fakeCSV, "f2,")
		_, _ = io.WriteString(w, head)
		_ = http.NewResponseController(w).Flush()
		panic(http.ErrAbortHandler)
	}
	_, _ = io.WriteString(w, fakeCSV)
}
