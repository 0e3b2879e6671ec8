package query

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/readout/readout/internal/schema"
)

// TestSchemaFields checks that the query language accepts every field of q
// in the schema table under each of its spellings, in searches of the
// document types that index it, and that it searches the field's index
// field; and that it refuses it elsewhere.
func TestSchemaFields(t *testing.T) {
	searches := []struct {
		name   string
		docs   schema.Docs
		fields Fields
	}{
		{"articles", schema.Articles, ArticleFields()},
		{"quotes", schema.Quotes, QuoteFields()},
	}
	for _, s := range searches {
		for _, f := range schema.Fields {
			for _, name := range f.Spellings() {
				n, err := Parse(name + ":ukraine")
				if err != nil {
					t.Fatalf("Parse(%s:ukraine): %v", name, err)
				}
				q, err := ToBleve(n, s.fields)
				var fe *FieldError
				switch {
				case f.Query && f.Indexed.Has(s.docs):
					if err != nil {
						t.Errorf("%s: %s:ukraine: %v", s.name, name, err)
						continue
					}
					b, _ := json.Marshal(q)
					if !strings.Contains(string(b), `"field":"`+f.Index+`"`) {
						t.Errorf("%s: %s:ukraine is %s, want a query of field %s", s.name, name, b, f.Index)
					}
					if got := Terms(n); (f.Type == schema.Text) != (len(got) == 1) {
						t.Errorf("%s: Terms(%s:ukraine) = %v for a %s field", s.name, name, got, f.Type)
					}
				case !errors.As(err, &fe):
					t.Errorf("%s: %s:ukraine: err %v, want a *FieldError", s.name, name, err)
				}
			}
		}
	}
}

// TestSchemaUnfielded checks that unfielded terms search the text fields
// of the table, in its order.
func TestSchemaUnfielded(t *testing.T) {
	if got := ArticleFields().Text; strings.Join(got, ",") != "title,body" {
		t.Errorf("article text fields = %v", got)
	}
	if got := QuoteFields().Text; strings.Join(got, ",") != "text" {
		t.Errorf("quote text fields = %v", got)
	}
}
