package query

import (
	"strconv"
	"strings"

	"github.com/readout/readout/internal/schema"
)

// Node is one node of a parsed query. String prints the node in the
// canonical syntax: Parse(n.String()) yields a tree that prints the same.
type Node interface {
	String() string
}

// And matches documents matched by every child (the implicit operator
// between terms). It prints as (AND child ...).
type And struct{ Children []Node }

// Or matches documents matched by any child. It prints as (OR child ...).
type Or struct{ Children []Node }

// Not excludes the documents its child matches. It prints as -child.
type Not struct{ Child Node }

// Term is one word, optionally restricted to a field. For text fields it goes
// through the field's analyzer; for keyword fields it is matched exactly
// (after Fields.Resolve).
type Term struct{ Field, Value string }

// Phrase is a quoted sequence of words. On a keyword field the words joined
// by single spaces form the exact value ("Antony Blinken").
type Phrase struct {
	Field string
	Words []string
}

// Hyphenated is a word made of parts joined by hyphens, dashes or slashes
// (de-escalation, Russia/Ukraine). On text fields it matches the phrase of
// its Parts or their joined form (deescalation); on keyword fields Value is
// matched as typed. Value is the word as typed; Parts are its non-empty
// pieces.
type Hyphenated struct {
	Field, Value string
	Parts        []string
}

// Prefix matches words beginning with Value (typed as value*). Pos is the
// byte offset of the word in the query (for errors; not printed).
type Prefix struct {
	Field, Value string
	Pos          int
}

// Fuzzy matches words within Distance (1 or 2) edits of Value (typed as
// value~ or value~2). Pos is the byte offset of the word in the query (for
// errors; not printed).
type Fuzzy struct {
	Field, Value string
	Distance     int
	Pos          int
}

// MatchAll matches every document: the tree of an empty query. It prints
// as *.
type MatchAll struct{}

func (n *And) String() string { return printList("AND", n.Children) }
func (n *Or) String() string  { return printList("OR", n.Children) }
func (n *Not) String() string { return "-" + n.Child.String() }

func (n *Term) String() string       { return fieldPrefix(n.Field) + n.Value }
func (n *Hyphenated) String() string { return fieldPrefix(n.Field) + n.Value }
func (n *Prefix) String() string     { return fieldPrefix(n.Field) + n.Value + "*" }
func (n *Phrase) String() string {
	return fieldPrefix(n.Field) + `"` + strings.Join(n.Words, " ") + `"`
}

func (n *Fuzzy) String() string {
	s := fieldPrefix(n.Field) + n.Value + "~"
	if n.Distance != 1 {
		s += strconv.Itoa(n.Distance)
	}
	return s
}

func (MatchAll) String() string { return "*" }

func fieldPrefix(field string) string {
	if field == "" {
		return ""
	}
	return field + ":"
}

func printList(op string, children []Node) string {
	var b strings.Builder
	b.WriteString("(")
	b.WriteString(op)
	for _, c := range children {
		b.WriteString(" ")
		b.WriteString(c.String())
	}
	b.WriteString(")")
	return b.String()
}

// Terms returns the positive text terms of n, in order of first appearance
// and without duplicates: the values of words, phrases (words joined by a
// space), hyphenated words, prefixes and fuzzy terms that are not excluded
// and whose field is the default text or a text field (title, body, text,
// quote). It is meant for highlighting and for showing what was searched.
func Terms(n Node) []string {
	var out []string
	seen := map[string]bool{}
	add := func(field, v string) {
		if !textishField(field) || v == "" || seen[v] {
			return
		}
		seen[v] = true
		out = append(out, v)
	}
	var walk func(n Node, negated bool)
	walk = func(n Node, negated bool) {
		switch n := n.(type) {
		case *And:
			for _, c := range n.Children {
				walk(c, negated)
			}
		case *Or:
			for _, c := range n.Children {
				walk(c, negated)
			}
		case *Not:
			walk(n.Child, !negated)
		case *Term:
			if !negated {
				add(n.Field, n.Value)
			}
		case *Hyphenated:
			if !negated {
				add(n.Field, n.Value)
			}
		case *Phrase:
			if !negated {
				add(n.Field, strings.Join(n.Words, " "))
			}
		case *Prefix:
			if !negated {
				add(n.Field, n.Value)
			}
		case *Fuzzy:
			if !negated {
				add(n.Field, n.Value)
			}
		}
	}
	if n != nil {
		walk(n, false)
	}
	return out
}

// textishField reports whether field is the default or names a text field
// of the schema, under any of its spellings.
func textishField(field string) bool {
	if field == "" {
		return true
	}
	f, ok := schema.Lookup(field)
	return ok && f.Query && f.Type == schema.Text
}
