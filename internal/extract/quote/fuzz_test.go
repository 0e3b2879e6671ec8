package quote

import (
	"testing"
	"unicode/utf8"
)

// FuzzFindQuotes feeds arbitrary bytes with odd quoting to the quote
// detector: it must not panic, and every quote must satisfy the invariants
// (offsets in range and on rune boundaries, Text == body[Start:End]).
func FuzzFindQuotes(f *testing.F) {
	seeds := []string{
		"",
		`"`,
		`""`,
		`“”`,
		`"a," he said`,
		`"We will not retreat," Anna Kovač said. "Talks continue."`,
		"\"Open paragraph\n\n\"continues here,\" said Tomas Berg.",
		`Kovač said: "unclosed`,
		`”closing first“ then opening`,
		`«Guillemets», a dit Kovač.`,
		"\"nested \"inner\" outer,\" she said",
		"\xe2\x80\x9c\xe2\x80",
		"\xc2",
		"\"\xff\xfe\" said X.",
		"According to , \"",
		`"…," the ministry said in a statement. A statement from the ministry said "x y z w".`,
		"@AnnaKovacHR posted: \"Hello world from Zagreb.\" — Ministry (@MVEP_hr) March 3",
		"He said.\n\n\n\n\"Next\"\n \n\"para\"",
		", said , , according to the",
		"Mr. \"A. B.\" said \"C.\"",
		"''We will not retreat,'' Kovač said. ''The 'wrong track.'''",
		"``Opening'' and ``unclosed",
		"company''s ''",
		"„German“ »reversed« ‘British “inner”,’ she said",
		"‘Open paragraph\n\n‘continues here,’ said Tomas Berg.",
		"'''''",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, r := range []Resolver{nil, newFakeResolver(body, testCast)} {
			qs := Find(body, r)
			checkQuoteInvariants(t, body, qs)
			for _, q := range qs {
				if utf8.ValidString(body) && !utf8.ValidString(q.Text) {
					t.Fatalf("quote text %q of a valid body is not valid UTF-8", q.Text)
				}
			}
		}
		_ = Find(body, nil)
	})
}
