package api_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/search"
)

func TestExportHTTP(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	// What search finds, to compare with.
	var quotes search.Response
	get(t, s, "/api/v1/search?mode=quotes&sort=oldest&size=100&facets=none", &quotes)

	t.Run("csv quotes", func(t *testing.T) {
		rec := do(t, s, http.MethodGet, "/api/v1/export?mode=quotes&sort=oldest&format=csv", nil, nil, nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
			!strings.Contains(rec.Header().Get("Content-Disposition"), `.csv"`) {
			t.Fatalf("%d %v", rec.Code, rec.Header())
		}
		rows, err := csv.NewReader(rec.Body).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], []string{"id", "article_id", "published", "source", "speaker_id", "speaker", "speaker_as_written", "cue", "kind", "text", "title", "url"}) {
			t.Fatalf("header %v", rows[0])
		}
		if len(rows)-1 != len(quotes.Hits) || rec.Header().Get("X-Total-Count") != strconv.Itoa(quotes.Total) {
			t.Fatalf("%d rows, X-Total-Count %s; search finds %d", len(rows)-1, rec.Header().Get("X-Total-Count"), quotes.Total)
		}
		for i, h := range quotes.Hits {
			r := rows[i+1]
			if r[0] != h.ID || r[1] != h.ArticleID || r[9] != h.Text || r[10] != h.Title {
				t.Errorf("row %d %v, hit %+v", i, r, h)
			}
			if h.Speaker != nil && (r[4] != h.Speaker.ID || r[5] != h.Speaker.Name) {
				t.Errorf("row %d speaker %q %q, hit %+v", i, r[4], r[5], h.Speaker)
			}
			if !h.Published.IsZero() && r[2] != h.Published.UTC().Format("2006-01-02T15:04:05Z07:00") {
				t.Errorf("row %d published %q, hit %v", i, r[2], h.Published)
			}
		}
	})

	t.Run("jsonl articles with limit", func(t *testing.T) {
		var articles search.Response
		get(t, s, "/api/v1/search?q=grain&sort=newest&size=5&facets=none&highlight=false", &articles)
		rec := do(t, s, http.MethodGet, "/api/v1/export?q=grain&sort=newest&limit=5", nil, nil, nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/x-ndjson") {
			t.Fatalf("%d %v", rec.Code, rec.Header())
		}
		var got []string
		sc := bufio.NewScanner(rec.Body)
		for sc.Scan() {
			var h search.Hit
			if err := json.Unmarshal(sc.Bytes(), &h); err != nil {
				t.Fatalf("line %q: %v", sc.Text(), err)
			}
			// Each line is the hit as search answers it, field by field.
			if i := len(got); i < len(articles.Hits) && !reflect.DeepEqual(h, articles.Hits[i]) {
				t.Errorf("line %d %+v, search hit %+v", i, h, articles.Hits[i])
			}
			got = append(got, h.ID)
		}
		if !slices.Equal(got, hitIDs(articles)) || rec.Header().Get("X-Total-Count") != strconv.Itoa(articles.Total) || articles.Total <= 5 {
			t.Errorf("export %v (total %s), search %v (total %d)", got, rec.Header().Get("X-Total-Count"), hitIDs(articles), articles.Total)
		}
	})

	bad := []struct{ target, code, param string }{
		{"/api/v1/export?format=xml", "bad_request", "format"},
		{"/api/v1/export?limit=0", "bad_request", "limit"},
		{"/api/v1/export?limit=ten", "bad_request", "limit"},
		{"/api/v1/export?limit=1000000", "limit_exceeded", "limit"},
		{"/api/v1/export?cursor=abc", "bad_request", "cursor"},
		{"/api/v1/export?q=%22open", "invalid_query", "q"},
		{"/api/v1/export?sort=random", "bad_request", "sort"},
	}
	for _, tt := range bad {
		var eb errorBody
		if code := get(t, s, tt.target, &eb); code != 400 || eb.Error.Code != tt.code || eb.Error.Param != tt.param {
			t.Errorf("%s: %d %+v, want 400 %s %s", tt.target, code, eb.Error, tt.code, tt.param)
		}
	}
}

// TestExportCSVInert: cells that a spreadsheet would run as formulas are
// exported with a leading apostrophe; nothing else changes.
func TestExportCSVInert(t *testing.T) {
	s, _ := newServer(t, api.Options{AdminToken: "t"})
	auth := map[string]string{"Authorization": "Bearer t"}
	art := `{"id":"f1","title":"=HYPERLINK(\"http://x\")","body":"Plain body.","source":"+Wire","published":"2024-01-02"}`
	if rec := do(t, s, http.MethodPut, "/api/v1/admin/articles/f1", strings.NewReader(art), auth, nil); rec.Code != 200 {
		t.Fatalf("put: %d %s", rec.Code, rec.Body)
	}
	rec := do(t, s, http.MethodGet, "/api/v1/export?format=csv&q=plain", nil, nil, nil)
	rows, err := csv.NewReader(bytes.NewReader(rec.Body.Bytes())).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v %v", rows, err)
	}
	if r := rows[1]; r[0] != "f1" || r[2] != "'+Wire" || r[3] != `'=HYPERLINK("http://x")` {
		t.Errorf("row %q", r)
	}
}
