package index

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/readout/readout/internal/ingest"
	"github.com/readout/readout/internal/schema"
)

// TestMappingFromSchema checks that every field of the schema table is in
// the mapping of the document types that index or store it, as the table
// says, and in no other: a field added to the table and not wired fails.
func TestMappingFromSchema(t *testing.T) {
	im, ok := NewMapping().(*mapping.IndexMappingImpl)
	if !ok {
		t.Fatalf("NewMapping() is a %T", NewMapping())
	}
	docs := map[string]schema.Docs{TypeArticle: schema.Articles, TypeQuote: schema.Quotes}
	bleveType := map[schema.Type]string{schema.Text: "text", schema.Keyword: "text", schema.Date: "datetime"}
	for docType, d := range docs {
		dm := im.TypeMapping[docType]
		if dm == nil {
			t.Fatalf("no mapping of %s documents", docType)
		}
		inSchema := map[string]bool{"_all": true}
		for _, f := range schema.Fields {
			inSchema[f.Index] = true
			indexed, stored := f.Indexed.Has(d), f.Stored.Has(d)
			sub := dm.Properties[f.Index]
			if !indexed && !stored {
				if sub != nil {
					t.Errorf("%s: %s is mapped, but the schema has it in no %s", docType, f.Index, docType)
				}
				continue
			}
			if sub == nil || len(sub.Fields) != 1 {
				t.Errorf("%s: %s is in the schema but not mapped", docType, f.Index)
				continue
			}
			fm := sub.Fields[0]
			if fm.Type != bleveType[f.Type] || fm.Index != indexed || fm.Store != stored || fm.IncludeInAll {
				t.Errorf("%s: %s is %s index %v store %v in the mapping, want %s index %v store %v (schema %s)",
					docType, f.Index, fm.Type, fm.Index, fm.Store, bleveType[f.Type], indexed, stored, f.Type)
			}
			if indexed && f.Type != schema.Text && fm.DocValues != f.DocValues {
				t.Errorf("%s: %s doc values %v, want %v", docType, f.Index, fm.DocValues, f.DocValues)
			}
			switch {
			case indexed && f.Type == schema.Text && fm.Analyzer != "readout_en":
				t.Errorf("%s: %s analyzer %q, want readout_en", docType, f.Index, fm.Analyzer)
			case indexed && f.Type == schema.Keyword && fm.Analyzer != "keyword":
				t.Errorf("%s: %s analyzer %q, want keyword", docType, f.Index, fm.Analyzer)
			}
		}
		for name := range dm.Properties {
			if !inSchema[name] {
				t.Errorf("%s: %s is mapped but not in the schema", docType, name)
			}
		}
	}
}

var updateMapping = flag.Bool("update", false, "rewrite testdata/mapping.json")

// TestMappingUnchanged compares the mapping with testdata/mapping.json, the
// mapping as it was written by hand before it came from the schema table: a
// change to the mapping changes what every generation holds, and is made
// on purpose, with this file (go test -run TestMappingUnchanged -update).
func TestMappingUnchanged(t *testing.T) {
	got, err := json.MarshalIndent(NewMapping(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if *updateMapping {
		if err := os.WriteFile("testdata/mapping.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/mapping.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("mapping differs from testdata/mapping.json:\n%s", got)
	}
}

// enMapping is the mapping of generations built before accent folding:
// Bleve's en analyzer on the text fields.
func enMapping() mapping.IndexMapping {
	m := NewMapping().(*mapping.IndexMappingImpl)
	m.DefaultAnalyzer = "en"
	for _, dm := range m.TypeMapping {
		for _, p := range dm.Properties {
			for _, f := range p.Fields {
				if f.Analyzer == TextAnalyzer {
					f.Analyzer = "en"
				}
			}
		}
	}
	return m
}

// TestOldGenerationOpens builds a generation with the en mapping, as Readout
// did before accent folding, and one with the current mapping in the same
// store: each opens with its stored mapping and searches with its own
// analyzer (accents count in the old one, fold in the new one).
func TestOldGenerationOpens(t *testing.T) {
	dir := t.TempDir()
	corpus := writeCorpus(t, dir, "a.jsonl",
		art("a1", "Talks in Türkiye", "Nikola Stanković met officials in Ankara.", "2024-05-01"),
		art("a2", "Talks in Turkiye", "Nikola Stankovic, without accents.", "2024-05-02"),
	)
	s, err := OpenStore(filepath.Join(dir, "idx"))
	if err != nil {
		t.Fatal(err)
	}
	in := []ingest.Input{ingest.OSInput(corpus)}
	func() {
		buildMapping = enMapping
		defer func() { buildMapping = NewMapping }()
		build(t, s, BuildOptions{Inputs: in})
	}()
	old := openCurrent(t, s)
	if a := old.Index.Mapping().AnalyzerNameForPath(FieldBody); a != "en" {
		t.Fatalf("old generation's body analyzer %q, want en", a)
	}
	for q, want := range map[string][]string{"Stanković": {"a1"}, "stankovic": {"a2"}, "Stankovic": {"a2"}} {
		if got := searchIDs(t, old.Index, q); !reflect.DeepEqual(got, want) {
			t.Errorf("old generation: %s -> %v, want %v", q, got, want)
		}
	}

	build(t, s, BuildOptions{Inputs: in})
	cur := openCurrent(t, s)
	if cur.Name == old.Name {
		t.Fatalf("no new generation: %s", cur.Name)
	}
	if a := cur.Index.Mapping().AnalyzerNameForPath(FieldBody); a != TextAnalyzer {
		t.Fatalf("new generation's body analyzer %q, want %s", a, TextAnalyzer)
	}
	for _, q := range []string{"Stanković", "stankovic", "STANKOVIĆ"} {
		if got, want := searchIDs(t, cur.Index, q), []string{"a1", "a2"}; !reflect.DeepEqual(got, want) {
			t.Errorf("new generation: %s -> %v, want %v", q, got, want)
		}
	}
	// The old generation still opens and searches beside the new one.
	if got := searchIDs(t, old.Index, "Stanković"); !reflect.DeepEqual(got, []string{"a1"}) {
		t.Errorf("old generation after the new build: %v", got)
	}
}
