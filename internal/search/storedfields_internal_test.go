package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/readout/readout/internal/index"
	"github.com/readout/readout/internal/news"
)

// TestArticleBody: an article's lead, body and annotations read the same
// from the fields a generation stores now (lead and content) and from
// those of generations written before (body and annotations), and only
// the fields asked for are given.
func TestArticleBody(t *testing.T) {
	body := strings.Repeat("Delegations from both capitals met in Geneva on Tuesday. ", 10)
	ann := index.EncodeAnnotations(news.Annotations{Countries: []news.Country{{Code: "CH", Name: "Switzerland", Count: 1}}}, "T", body)
	lead, rest := index.SplitLead(body)
	text := func(name string, v []byte) *document.TextField { return document.NewTextField(name, nil, v) }
	current := document.NewDocument("a1")
	current.AddField(text(index.FieldTitle, []byte("T")))
	current.AddField(text(index.FieldLead, []byte(lead)))
	current.AddField(text(index.FieldContent, index.EncodeContent(rest, ann)))
	older := document.NewDocument("a1")
	older.AddField(text(index.FieldTitle, []byte("T")))
	older.AddField(text(index.FieldBody, []byte(body)))
	older.AddField(text(index.FieldAnnotations, ann))
	quote := document.NewDocument("a1#q1")
	leadOnly := document.NewDocument("a1") // as read for a plain snippet: no content
	leadOnly.AddField(text(index.FieldLead, []byte(lead)))

	tests := []struct {
		name string
		want []string
		doc  *document.Document
		out  map[string]string
	}{
		{"lead, current", []string{index.FieldLead}, current, map[string]string{index.FieldLead: lead}},
		{"lead, older", []string{index.FieldLead}, older, map[string]string{index.FieldLead: lead}},
		{"lead, read alone", []string{index.FieldLead}, leadOnly, map[string]string{index.FieldLead: lead}},
		{"body and title, current", []string{index.FieldTitle, index.FieldBody}, current, map[string]string{index.FieldTitle: "T", index.FieldBody: body}},
		{"body and title, older", []string{index.FieldTitle, index.FieldBody}, older, map[string]string{index.FieldTitle: "T", index.FieldBody: body}},
		{"annotations, current", []string{index.FieldAnnotations}, current, map[string]string{index.FieldAnnotations: string(ann)}},
		{"annotations, older", []string{index.FieldAnnotations}, older, map[string]string{index.FieldAnnotations: string(ann)}},
		{"a quote document", []string{index.FieldBody}, quote, map[string]string{}},
	}
	for _, tt := range tests {
		want := map[string]bool{}
		for _, f := range tt.want {
			want[f] = true
		}
		doc, err := articleBody(tt.doc, want)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := map[string]string{}
		doc.VisitFields(func(f bindex.Field) { got[f.Name()] = string(f.Value()) })
		if len(got) != len(tt.out) {
			t.Errorf("%s: fields %v, want %v", tt.name, keys(got), keys(tt.out))
		}
		for k, v := range tt.out {
			if got[k] != v {
				t.Errorf("%s: %s = %.40q…, want %.40q…", tt.name, k, got[k], v)
			}
		}
	}
	corrupt := document.NewDocument("a2")
	corrupt.AddField(text(index.FieldLead, []byte(lead)))
	corrupt.AddField(text(index.FieldContent, []byte{0x7f, 1, 2}))
	if _, err := articleBody(corrupt, map[string]bool{index.FieldBody: true}); err == nil {
		t.Error("a corrupt content is read")
	}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestLeadSnippet: the plain snippet of an article's stored lead is the
// plain snippet of its body, at every length around the cut and with
// characters of every width across it.
func TestLeadSnippet(t *testing.T) {
	if index.LeadBytes-utf8.UTFMax+1 <= snippetSize {
		t.Fatalf("LeadBytes %d leaves no room past the snippet size %d", index.LeadBytes, snippetSize)
	}
	for _, ch := range []string{"a", " ", "č", "—", "😀"} {
		for n := snippetSize - 10; n < index.LeadBytes+10; n++ {
			body := strings.Repeat(ch, n/len(ch)+1) + " and the rest of the story"
			lead, _ := index.SplitLead(body)
			if got, want := plainSnippet(lead, snippetSize), plainSnippet(body, snippetSize); got != want {
				t.Fatalf("%q x %d: snippet of the lead %q, of the body %q", ch, n, got, want)
			}
		}
	}
}
