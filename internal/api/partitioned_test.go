package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/search"
)

// In partitioned mode (Options.Gather) the search goes through Gather:
// a shard with no live replica is a 503 naming it, allow_partial reaches
// Gather, story counts and the routes partitioned serving does not answer
// are refused with 501, never answered from this node's shards alone;
// exports go through GatherExport when it is set.
func TestPartitionedHTTP(t *testing.T) {
	var allowed []bool
	gather := func(ctx context.Context, req search.Request, allowPartial bool) (*search.Response, error) {
		allowed = append(allowed, allowPartial)
		switch {
		case req.Q == "lost":
			return nil, &search.MissingShardsError{Generation: "g1", Missing: []int{0, 2}}
		case req.CountStories:
			return nil, search.ErrPartialCollapse
		case allowPartial:
			return &search.Response{Generation: "g1", Total: 3, Hits: []search.Hit{}, Partial: true, MissingShards: []int{2}}, nil
		}
		return &search.Response{Generation: "g1", Total: 5, Hits: []search.Hit{}}, nil
	}
	s, _ := newServer(t, api.Options{Gather: gather, AdminToken: "secret"})

	var res search.Response
	if code := get(t, s, "/api/v1/search?q=grain", &res); code != http.StatusOK || res.Total != 5 || res.Partial {
		t.Errorf("search: %d, %+v", code, res)
	}
	res = search.Response{}
	if code := get(t, s, "/api/v1/search?q=grain&allow_partial=true", &res); code != http.StatusOK || !res.Partial || len(res.MissingShards) != 1 {
		t.Errorf("allow_partial: %d, %+v", code, res)
	}
	if len(allowed) != 2 || allowed[0] || !allowed[1] {
		t.Errorf("allow_partial reached Gather as %v, want [false true]", allowed)
	}
	var e struct {
		Error struct {
			Code          string `json:"code"`
			Message       string `json:"message"`
			Param         string `json:"param"`
			MissingShards []int  `json:"missing_shards"`
		} `json:"error"`
	}
	if code := get(t, s, "/api/v1/search?q=lost", &e); code != http.StatusServiceUnavailable || e.Error.Code != "shards_unavailable" ||
		len(e.Error.MissingShards) != 2 || !strings.Contains(e.Error.Message, "[0 2]") {
		t.Errorf("missing shards: %d, %+v", code, e)
	}
	e.Error.Code = ""
	if code := get(t, s, "/api/v1/search?count=stories", &e); code != http.StatusNotImplemented || e.Error.Code != "partitioned_unsupported" || e.Error.Param != "count" {
		t.Errorf("count=stories: %d, %+v", code, e)
	}
	for _, target := range []string{
		"/api/v1/export?q=grain",
		"/api/v1/facets/country?prefix=u",
		"/api/v1/articles/a1",
		"/api/v1/articles/a1/similar",
		"/api/v1/quotes/a1%23q0/spread",
	} {
		e.Error.Code = ""
		if code := get(t, s, target, &e); code != http.StatusNotImplemented || e.Error.Code != "partitioned_unsupported" || !strings.Contains(e.Error.Message, "partitioned") {
			t.Errorf("%s: %d, %+v", target, code, e)
		}
	}
	e.Error.Code = ""
	rec := do(t, s, http.MethodDelete, "/api/v1/admin/articles/a1", nil, map[string]string{"Authorization": "Bearer secret"}, &e)
	if rec.Code != http.StatusNotImplemented || e.Error.Code != "partitioned_unsupported" {
		t.Errorf("admin delete: %d, %+v", rec.Code, e)
	}
	// With GatherExport, exports go through it: the export's request
	// (every copy, no facets), its limit, rows as pages deliver them; a
	// missing shard before the first row is a 503 naming it.
	var exported []search.Request
	gatherExport := func(ctx context.Context, req search.Request, limit int, page func(*search.Response) error) error {
		exported = append(exported, req)
		if req.Q == "lost" {
			return &search.MissingShardsError{Generation: "g1", Missing: []int{1}}
		}
		for _, ids := range [][]string{{"a1", "a2"}, {"a3"}} {
			r := &search.Response{Generation: "g1", Mode: search.ModeArticles, Total: 3}
			for _, id := range ids[:min(len(ids), limit)] {
				r.Hits = append(r.Hits, search.Hit{ID: id})
			}
			if err := page(r); err != nil {
				return err
			}
		}
		return nil
	}
	gatherArticle := func(ctx context.Context, id, q string, variants bool) (*search.Article, error) {
		if id != "a1" {
			return nil, fmt.Errorf("shard 2: article %q: %w", id, search.ErrNotFound)
		}
		return &search.Article{ID: id, Title: "Asked " + q + fmt.Sprint(variants)}, nil
	}
	ps, _ := newServer(t, api.Options{Gather: gather, GatherExport: gatherExport, GatherArticle: gatherArticle})
	var art search.Article
	if code := get(t, ps, "/api/v1/articles/a1?q=grain&variants=false", &art); code != http.StatusOK || art.Title != "Asked grainfalse" {
		t.Errorf("gathered article: %d, %+v", code, art)
	}
	e.Error.Code = ""
	if code := get(t, ps, "/api/v1/articles/zz", &e); code != http.StatusNotFound || e.Error.Code != "not_found" {
		t.Errorf("gathered article, unknown id: %d, %+v", code, e)
	}
	rec = do(t, ps, http.MethodGet, "/api/v1/export?q=grain&format=jsonl&limit=5", nil, nil, nil)
	if rec.Code != http.StatusOK || strings.Count(rec.Body.String(), "\n") != 3 || !strings.Contains(rec.Body.String(), `"id":"a3"`) ||
		rec.Result().Trailer.Get("X-Export-Complete") != "true" {
		t.Errorf("gathered export: %d, trailer %v, body %s", rec.Code, rec.Result().Trailer, rec.Body)
	}
	if len(exported) != 1 || exported[0].Q != "grain" || exported[0].Collapse {
		t.Errorf("GatherExport got %+v, want q=grain without collapse", exported)
	}
	e.Error.Code = ""
	if code := get(t, ps, "/api/v1/export?q=lost", &e); code != http.StatusServiceUnavailable || e.Error.Code != "shards_unavailable" || len(e.Error.MissingShards) != 1 {
		t.Errorf("gathered export, shard missing: %d, %+v", code, e)
	}
	// without Gather (one machine, or every node holding everything)
	// allow_partial is accepted and the whole engine answers
	whole, _ := newServer(t, api.Options{})
	res = search.Response{}
	if code := get(t, whole, "/api/v1/search?allow_partial=true", &res); code != http.StatusOK || res.Partial || res.Total == 0 {
		t.Errorf("one machine, allow_partial: %d, %+v", code, res)
	}
}
