package extract

// A person's gender, for "he" and "she": from the given name, else from the
// pronouns after the person's mentions (context).

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// givenNameGender is the gender of a full name's given name ("Michael
// Mukasey": "m"), "" when it is not a known given name of one gender or
// the name may put the surname first ("Park Min-jae": a hyphenated given
// name after it). A person whose entity came with no gender (a recogniser
// path that does not look at given names) gets it before the pronouns
// after their mentions are read, which may be someone else's ("Mukasey
// said the scandal was the latest issue in her career"). The generated
// list's genders are English usage ("Philippe" "f"); data/
// given-names-news.tsv corrects the names news uses otherwise.
func (d *doc) givenNameGender(name string) string {
	ws := strings.Fields(name)
	if len(ws) < 2 || strings.Contains(name, "-") {
		return ""
	}
	if g := d.x.base.givenNames[foldToken(ws[0])]; g == "m" || g == "f" {
		return g
	}
	return ""
}

// pronounGender guesses a person's gender from the first personal pronoun
// in the 120 bytes after one of their body mentions ("Kovač said she
// ..."). The first "he" or "she" after a mention that opens its sentence
// (the subject: "Kovač arrived. She said …"), before any quotation mark,
// decides. Only when no mention has one does the first pronoun after any
// mention decide, as it did alone before: after an object or a possessive
// it is often someone else's ("Clinton avoided all mention of X, even as
// …. Instead, she focused on …", "X's approach, saying she …").
func pronounGender(body string, ms []news.Mention) string {
	weak, seen := "", false
	for _, m := range ms {
		if m.Field != fieldBody || m.End > len(body) {
			continue
		}
		end := min(len(body), m.End+120)
		stop := end // the strong sign's limit
		if strings.HasPrefix(body[m.End:end], "'") || strings.HasPrefix(body[m.End:end], "’") || !mentionOpensSentence(body, m.Start) {
			stop = m.End
		}
		if k := strings.IndexAny(body[m.End:stop], "\"“”"); k >= 0 {
			stop = m.End + k // a quotation's pronouns are someone else's
		}
		for i := m.End; i < end; {
			for i < end && text.IsSpaceByte(body[i]) {
				i++
			}
			j := i
			for j < end && !text.IsSpaceByte(body[j]) {
				j++
			}
			g, ok := text.PronounGenders[strings.Trim(strings.ToLower(body[i:j]), ".,;:!?\"'“”’")]
			if !ok {
				i = j
				continue
			}
			if i < stop && g != "" {
				return g
			}
			if !seen {
				weak, seen = g, true
			}
			break
		}
	}
	return weak
}

// mentionOpensSentence reports whether the mention at byte offset pos opens
// its sentence, after at most three capitalised words ("Senator", "Sen.",
// "Former Governor"): the subject a pronoun in the next sentence most
// likely means. Going back word by word, not by sentence stops, so that
// "of Sen. Cruz" is no sentence's opening.
func mentionOpensSentence(body string, pos int) bool {
	i := pos
	for n := 0; n <= 3; n++ {
		i = len(strings.TrimRight(body[:i], " \t\"'(“‘"))
		if i == 0 || body[i-1] == '\n' {
			return true
		}
		j := i
		for j > 0 && !text.IsSpaceByte(body[j-1]) {
			j--
		}
		w := strings.TrimLeft(body[j:i], "\"'(“‘")
		if core := strings.TrimRight(w, "\"'”’)"); core != "" && strings.ContainsRune(".!?", rune(core[len(core)-1])) {
			if !strings.HasSuffix(core, ".") || !honorificLike(core) {
				return true // the word before ends a sentence
			}
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) || strings.ContainsAny(w, ",;:") || text.FunctionWords[strings.ToLower(w)] {
			return false
		}
		i = j
	}
	return false
}

// honorificLike reports whether w, a word ending in a full stop, is a
// capitalised abbreviation ("Sen.", "Gov.", "Mr.", "Prof.", "U.S."), not a
// sentence's last word: three letters or fewer, a few longer titles, or
// an inner full stop.
func honorificLike(w string) bool {
	w = strings.TrimRight(w, ".")
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && (len(w) <= 3 || w == "Prof" || w == "Capt" || w == "Supt") || strings.Contains(w, ".")
}
