package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/readout/readout/internal/api"
	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/search"
)

// writeCorpus writes n invented articles (plus extra lines) as JSON Lines.
func writeCorpus(t *testing.T, path string, n int, extra ...string) {
	t.Helper()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"live-%03d","title":"Grain talks %d","body":"Negotiators discussed grain exports on day %d. \"We want the corridor open,\" the envoy said.","published":"2022-%02d-%02dT08:00:00Z","source":"Wire L","language":"en"}`+"\n",
			i, i, i, 1+i%12, 1+i%28)
	}
	for _, e := range extra {
		b.WriteString(e + "\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func build(t *testing.T, store *index.Store, x *extract.Extractor, corpus string) index.Summary {
	t.Helper()
	sum, err := store.Build(context.Background(), index.BuildOptions{
		Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x, Workers: 1,
	})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return sum
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func getJSON(c *http.Client, url string, out any) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			return resp.StatusCode, err
		}
	}
	return resp.StatusCode, nil
}

// TestLiveSwap starts with an empty index directory (503 on /readyz), picks
// up the first published generation, then publishes another while clients
// search: no request fails and the new data appears. It also checks that
// journal ops appended by another process are replayed onto the served
// generation.
func TestLiveSwap(t *testing.T) {
	dir := t.TempDir()
	store, err := index.OpenStore(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := search.New(store, x, search.Options{ReloadInterval: 20 * time.Millisecond}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go e.Watch(ctx)
	defer e.Close(context.Background())
	srv := httptest.NewServer(api.New(e, api.Options{}, nil))
	defer srv.Close()
	c := srv.Client()

	if code, _ := getJSON(c, srv.URL+"/readyz", nil); code != 503 {
		t.Fatalf("readyz before any generation = %d", code)
	}
	corpus := filepath.Join(dir, "corpus.jsonl")
	writeCorpus(t, corpus, 30)
	build(t, store, x, corpus)
	waitFor(t, "first generation", func() bool { code, _ := getJSON(c, srv.URL+"/readyz", nil); return code == 200 })

	var requests, failures atomic.Int64
	var firstFailure atomic.Value
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				var res search.Response
				code, err := getJSON(c, srv.URL+"/api/v1/search?q=grain&histogram=auto&facets=source,country", &res)
				requests.Add(1)
				if err != nil || code != 200 || res.Total < 30 {
					failures.Add(1)
					firstFailure.CompareAndSwap(nil, fmt.Sprintf("code %d err %v total %d", code, err, res.Total))
				}
			}
		}()
	}
	time.Sleep(100 * time.Millisecond)
	writeCorpus(t, corpus, 30, `{"id":"live-new","title":"Zeppelinium found","body":"Grain ships carried zeppelinium.","published":"2022-06-01T08:00:00Z","source":"Wire L"}`)
	sum := build(t, store, x, corpus)
	waitFor(t, "new data", func() bool {
		var res search.Response
		getJSON(c, srv.URL+"/api/v1/search?q=zeppelinium", &res)
		return res.Total == 1 && res.Generation == sum.Generation
	})
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Errorf("%d of %d requests failed during the swap; first: %v", n, requests.Load(), firstFailure.Load())
	}
	if requests.Load() < 10 {
		t.Errorf("only %d requests made", requests.Load())
	}

	// Journal ops appended by another process are picked up.
	if _, err := store.AppendJournal([]index.Op{{Kind: index.OpUpsert, Article: &news.Article{
		ID: "journal-1", Title: "Journal entry", Body: "Quasicrystal grain.", Source: "Wire J"}}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "journal op", func() bool {
		var res search.Response
		getJSON(c, srv.URL+"/api/v1/search?q=quasicrystal", &res)
		return res.Total == 1
	})
}

// TestAdminUpsertUsesGenerationAliases: an article added live is extracted
// with the alias entries its generation was built with, so an invented
// person known only through them is found as its speaker.
func TestAdminUpsertUsesGenerationAliases(t *testing.T) {
	dir := t.TempDir()
	store, err := index.OpenStore(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	aliases := []extract.Alias{{Name: "Zorava Quillfeather", Type: news.TypePerson, Aliases: []string{"Quillfeather"}, Country: "NO", Role: "Foreign Minister", Gender: "f"}}
	x, err := extract.New(extract.Options{Aliases: aliases})
	if err != nil {
		t.Fatal(err)
	}
	corpus := filepath.Join(dir, "corpus.jsonl")
	writeCorpus(t, corpus, 3)
	if _, err := store.Build(context.Background(), index.BuildOptions{
		Inputs: []ingest.Input{ingest.OSInput(corpus)}, Extractor: x, Aliases: aliases, Workers: 1,
	}); err != nil {
		t.Fatal(err)
	}
	e := search.New(store, nil, search.Options{}, nil) // no extractor: the generation's aliases
	if _, err := e.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer e.Close(context.Background())
	s := api.New(e, api.Options{AdminToken: "t"}, nil)
	art := `{"title":"Fjord talks","body":"The talks in the fjord town went on into the night.\n\n\"We will not give up the fishing grounds,\" Quillfeather said.","published":"2023-01-10T09:00:00Z","source":"Wire N"}`
	rec := do(t, s, http.MethodPut, "/api/v1/admin/articles/fjord-1", strings.NewReader(art), map[string]string{"Authorization": "Bearer t"}, nil)
	if rec.Code != 200 {
		t.Fatalf("put: %d %s", rec.Code, rec.Body)
	}
	var res search.Response
	// By id: only the alias entry gives the surname its full identity.
	get(t, s, "/api/v1/search?q=fishing&speaker=zorava-quillfeather", &res)
	if len(res.Hits) != 1 || res.Hits[0].ID != "fjord-1" || len(res.Hits[0].Quotes) != 1 {
		var a search.Article
		get(t, s, "/api/v1/articles/fjord-1", &a)
		t.Fatalf("hits %+v; article entities %+v quotes %+v", res.Hits, a.Entities, a.Quotes)
	}
}
