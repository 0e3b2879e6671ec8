// Capitalised words in the rest of a sentence that name no one who could speak.

package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// capitalsNameNoOne reports whether the capitalised words of
// q.body[lo:hi] name no one who could have said the next quotation: each
// is an abbreviation in capitals ("U.N.", "JCPOA") or a word of a place's
// or an organisation's mention ("the Iran deal", "a key U.N. Security
// Council resolution"). A person, or a capitalised word the recogniser
// does not know, may be someone else speaking.
func (q *scanner) capitalsNameNoOne(lo, hi int) bool {
	for _, x := range tokenize(q.body, lo, hi, nil) {
		if !x.Is(text.Word) || !x.Is(text.Capitalised) {
			continue
		}
		if strings.ToUpper(x.Raw) == x.Raw {
			continue // an abbreviation
		}
		ms := q.r.MentionsIn(x.Start, x.End)
		if len(ms) == 0 {
			return false
		}
		for _, e := range ms {
			if e.Type == news.TypePerson {
				return false
			}
		}
	}
	return true
}

// lowerPhraseAfterNoun reports whether a quotation after a noun that may
// name a work ("release a report "as soon as possible"") is a phrase of
// four or more words all in lower case: words said of the thing, not its
// title, which opens with a capital.
func lowerPhraseAfterNoun(quoted string) bool {
	if countWords(quoted, minBareWords) < minBareWords {
		return false
	}
	for _, w := range strings.Fields(quoted) {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsLower(r) {
			return false
		}
	}
	return true
}
