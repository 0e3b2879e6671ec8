package index

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/blevesearch/bleve/v2/mapping"

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
