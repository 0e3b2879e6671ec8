package index

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestGroupsLookup(t *testing.T) {
	g := NewGroups([][]string{{"a1", "a2", "a3"}, {"b1", "b2"}}, [][]string{{"a1#q1", "b2#q4"}})
	if g.Len() != 3 || g.Articles() != 2 {
		t.Fatalf("Len %d, Articles %d; want 3, 2", g.Len(), g.Articles())
	}
	for _, c := range []struct {
		id   string
		want GroupRef
		ok   bool
	}{
		{"a1", GroupRef{0, 0}, true},
		{"a3", GroupRef{0, 2}, true},
		{"b2", GroupRef{1, 1}, true},
		{"a1#q1", GroupRef{2, 0}, true},
		{"b2#q4", GroupRef{2, 1}, true},
		{"a", GroupRef{}, false},
		{"a1#q", GroupRef{}, false},
		{"", GroupRef{}, false},
	} {
		if got, ok := g.Of(c.id); got != c.want || ok != c.ok {
			t.Errorf("Of(%q) = %v, %v; want %v, %v", c.id, got, ok, c.want, c.ok)
		}
	}
	if got := g.Members(1); !reflect.DeepEqual(got, []string{"b1", "b2"}) {
		t.Errorf("Members(1) = %v", got)
	}
	if gi, ok := g.ByID("b1"); !ok || gi != 1 {
		t.Errorf("ByID(b1) = %d, %v", gi, ok)
	}
	if _, ok := g.ByID("b2"); ok {
		t.Error("ByID(b2): not a group's id")
	}
	var none *Groups
	if _, ok := none.Of("a1"); ok || none.Len() != 0 || none.Articles() != 0 {
		t.Error("nil groups hold something")
	}
}

// TestGroupsHashClash: an id whose hash an earlier id has is still found
// (the ids under one hash are compared), and so is the earlier one.
func TestGroupsHashClash(t *testing.T) {
	b := newGroupsBuilder()
	b.add([]string{"a", "b"})
	g := b.done(1)
	// As if "a" (member 0) also hashed as "b" does: a's entry comes first
	// under b's hash.
	h := idHash("b")
	i, _ := slices.BinarySearch(g.hashes, h)
	g.hashes, g.members = slices.Insert(g.hashes, i, h), slices.Insert(g.members, i, 0)
	for id, want := range map[string]GroupRef{"a": {0, 0}, "b": {0, 1}} {
		if got, ok := g.Of(id); !ok || got != want {
			t.Errorf("Of(%q) = %v, %v; want %v", id, got, ok, want)
		}
	}
}

// TestGroupsRealHashClash: two ids whose 32-bit hashes are equal (found
// among generated ids, as a few thousand are at a million articles) are
// told apart, in groups and out of them.
func TestGroupsRealHashClash(t *testing.T) {
	seen := map[uint32]string{}
	var a, b string
	for n := 0; a == ""; n++ {
		id := fmt.Sprintf("art-%07d", n)
		if prev, ok := seen[idHash(id)]; ok {
			a, b = prev, id
		}
		seen[idHash(id)] = id
	}
	for _, c := range []struct {
		name   string
		groups [][]string
		want   map[string]GroupRef // absent: in no group
	}{
		{"both in one group", [][]string{{b, a}}, map[string]GroupRef{b: {0, 0}, a: {0, 1}}},
		{"in two groups", [][]string{{"x", a}, {b, "y"}}, map[string]GroupRef{a: {0, 1}, b: {1, 0}}},
		{"only the first", [][]string{{"x", a}}, map[string]GroupRef{a: {0, 1}}},
		{"only the second", [][]string{{b, "y"}}, map[string]GroupRef{b: {0, 0}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := NewGroups(c.groups, nil)
			for _, id := range []string{a, b} {
				got, ok := g.Of(id)
				want, in := c.want[id]
				if ok != in || got != want {
					t.Errorf("Of(%q) = %v, %v; want %v, %v", id, got, ok, want, in)
				}
			}
		})
	}
}

func TestGroupsJSON(t *testing.T) {
	for _, c := range []struct {
		name             string
		articles, quotes [][]string
	}{
		{"both", [][]string{{"a1", "a2"}, {"b\"1", "b/2", "ü3"}}, [][]string{{"a1#q1", "a2#q1"}}},
		{"no quotes", [][]string{{"a1", "a2"}}, nil},
		{"none", nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := NewGroups(c.articles, c.quotes)
			b, err := json.Marshal(g)
			if err != nil {
				t.Fatal(err)
			}
			var file groupsJSON
			if err := json.Unmarshal(b, &file); err != nil || file.Version != 1 || file.Groups == nil {
				t.Fatalf("groups.json %s: %v", b, err)
			}
			back, err := decodeGroups(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, g) {
				t.Fatalf("read back %+v, want %+v", back, g)
			}
		})
	}
}

func TestDecodeGroupsErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`[]`, "want {"},
		{`{"groups": [["a", 1]]}`, "an id is 1"},
		{`{"groups": [["a", "b"]], "groups": []}`, "given twice"},
		{`{"quotes": [], "groups": []}`, "after quotes"},
		{`{"quotes": [], "quotes": []}`, "given twice"},
		{`{"groups": [["a", "b"]`, "EOF"},
		{`{"groups": {"a": "b"}}`, "want ["},
	} {
		if _, err := decodeGroups(strings.NewReader(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to say %q", c.in, err, c.want)
		}
	}
	// Keys it does not read are skipped.
	g, err := decodeGroups(strings.NewReader(`{"version": 1, "threshold": 0.6, "extra": {"x": [1]}, "groups": [["a", "b"]]}`))
	if err != nil || g.Len() != 1 || g.Articles() != 1 {
		t.Fatalf("%+v, %v", g, err)
	}
}

// TestGroupsFile: a generation's groups are written gzip-compressed and
// read back equal; a generation written before keeps a plain groups.json,
// which is still read; a generation with neither has no groups.
func TestGroupsFile(t *testing.T) {
	g := NewGroups([][]string{{"a1", "a2"}, {"b\"1", "b/2", "ü3"}}, [][]string{{"a1#q1", "a2#q1"}})
	plain, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		write func(dir string) error
		want  *Groups
	}{
		{"compressed", func(dir string) error { return writeGroups(filepath.Join(dir, groupsFile), g) }, g},
		{"legacy plain", func(dir string) error { return os.WriteFile(filepath.Join(dir, legacyGroupsFile), plain, 0o644) }, g},
		{"none", func(string) error { return nil }, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := c.write(dir); err != nil {
				t.Fatal(err)
			}
			got, err := readGroups(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("read %+v, want %+v", got, c.want)
			}
		})
	}
	// A compressed file cut short is an error naming it, not fewer groups.
	dir := t.TempDir()
	path := filepath.Join(dir, groupsFile)
	if err := writeGroups(path, g); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if err := os.WriteFile(path, b[:len(b)-10], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readGroups(dir); err == nil || !strings.Contains(err.Error(), groupsFile) {
		t.Fatalf("truncated file: err %v, want one naming %s", err, groupsFile)
	}
}
