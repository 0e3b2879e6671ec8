package api_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/readout/readout/internal/extract"
	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/search"
)

// TestQuoteConventionsEndToEnd indexes one article per quotation convention
// (archive text's doubled apostrophes, backticks, German low-high quotes and
// reversed guillemets, French guillemets, British single quotes with double
// quotes inside) and checks, over the real router, that each quote is found
// by speaker in quote mode with its text (marks excluded) highlighted, and
// exported with the same text.
func TestQuoteConventionsEndToEnd(t *testing.T) {
	bodies := map[string]string{
		"conv-archive":  "The talks in the fjord town went on into the night.\n\n''We will not give up the fishing grounds near Tromsø,'' Quillfeather said.",
		"conv-backtick": "The talks in the fjord town went on into the night.\n\n``We will not give up the fishing grounds near Bodø,'' Quillfeather said.",
		"conv-german":   "The talks in the fjord town went on into the night.\n\nQuillfeather said: „We will not give up the fishing grounds near Alta.“",
		"conv-reversed": "The talks in the fjord town went on into the night.\n\n»We will not give up the fishing grounds near Narvik«, Quillfeather said.",
		"conv-french":   "The talks in the fjord town went on into the night.\n\n« We will not give up the fishing grounds near Hammerfest », Quillfeather said.",
		"conv-british":  "The talks in the fjord town went on into the night.\n\n‘We will not give up the “traditional” fishing grounds near Vardø,’ Quillfeather said.",
	}
	want := map[string]string{
		"conv-archive":  "We will not give up the fishing grounds near Tromsø",
		"conv-backtick": "We will not give up the fishing grounds near Bodø",
		"conv-german":   "We will not give up the fishing grounds near Alta.",
		"conv-reversed": "We will not give up the fishing grounds near Narvik",
		"conv-french":   "We will not give up the fishing grounds near Hammerfest",
		"conv-british":  "We will not give up the “traditional” fishing grounds near Vardø",
	}
	aliases := []extract.Alias{{Name: "Zorava Quillfeather", Type: news.TypePerson, Aliases: []string{"Quillfeather"}, Country: "NO", Role: "Foreign Minister", Gender: "f"}}
	var records []map[string]any
	for id, body := range bodies {
		records = append(records, map[string]any{"id": id, "title": "Fjord talks", "body": body, "published": "2023-01-10T09:00:00Z", "source": "Wire N"})
	}
	s := serveRecords(t, aliases, records...)

	var res search.Response
	get(t, s, "/api/v1/search?mode=quotes&q=fishing&speaker=zorava-quillfeather&size=20", &res)
	got := map[string]bool{}
	for _, h := range res.Hits {
		if h.QuoteFields == nil {
			t.Fatalf("hit %s is not a quote hit", h.ID)
		}
		w, ok := want[h.ArticleID]
		if !ok || got[h.ArticleID] {
			t.Errorf("unexpected or repeated hit %s of %s", h.ID, h.ArticleID)
			continue
		}
		got[h.ArticleID] = true
		if h.Text != w {
			t.Errorf("%s: text %q, want %q", h.ArticleID, h.Text, w)
		}
		if !strings.Contains(h.Highlighted, "<mark>fishing</mark>") {
			t.Errorf("%s: highlighted %q", h.ArticleID, h.Highlighted)
		}
		if h.Speaker == nil || h.Speaker.ID != "zorava-quillfeather" {
			t.Errorf("%s: speaker %+v", h.ArticleID, h.Speaker)
		}
	}
	for id := range want {
		if !got[id] {
			t.Errorf("%s: quote not found in quote mode by speaker", id)
		}
	}

	rec := do(t, s, http.MethodGet, "/api/v1/export?mode=quotes&q=fishing&speaker=zorava-quillfeather&format=jsonl", nil, nil, nil)
	if rec.Code != 200 {
		t.Fatalf("export: %d %s", rec.Code, rec.Body)
	}
	n := 0
	sc := bufio.NewScanner(rec.Body)
	for sc.Scan() {
		var h search.Hit
		if err := json.Unmarshal(sc.Bytes(), &h); err != nil {
			t.Fatalf("export line %q: %v", sc.Text(), err)
		}
		if h.QuoteFields == nil || h.Text != want[h.ArticleID] {
			t.Errorf("export row %s: %+v", h.ID, h.QuoteFields)
		}
		n++
	}
	if n != len(want) {
		t.Errorf("export: %d rows, want %d", n, len(want))
	}
}
