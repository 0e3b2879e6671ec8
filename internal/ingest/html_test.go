package ingest

import (
	"strings"
	"testing"
)

func TestDecodeHTML(t *testing.T) {
	pad := "<!-- " + strings.Repeat("x", 1100) + " -->" // pushes the text past the 1,024 bytes sniffed
	tests := []struct {
		name, in, want string
	}{
		{"undeclared UTF-8 past the sniffed bytes", pad + "<p>© café “quoted”</p>", pad + "<p>© café “quoted”</p>"},
		{"undeclared UTF-8 at the start", "<p>© café</p>", "<p>© café</p>"},
		{"declared windows-1252", `<meta charset="windows-1252"><p>` + "\xa9 caf\xe9 \x93q\x94 \x80", `<meta charset="windows-1252"><p>© café “q” €`},
		{"declared by http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>caf` + "\xe9", `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>café`},
		{"declared latin-1 wins over bytes that are valid UTF-8", `<meta charset="iso-8859-1">` + "\xc3\xa9", `<meta charset="iso-8859-1">Ã©`},
		{"undeclared, not UTF-8: windows-1252", "<p>caf\xe9 \x93q\x94</p>", "<p>café “q”</p>"},
		{"UTF-8 byte-order mark", "\xef\xbb\xbf<p>café</p>", "<p>café</p>"},
		{"declared UTF-8 with a bad byte", `<meta charset="utf-8"><p>caf` + "\xe9!", `<meta charset="utf-8"><p>caf` + "\uFFFD!"},
		{"UTF-8 sniffed, a bad byte later", "<p>é</p>" + pad + "\xff", "<p>é</p>" + pad + "\uFFFD"},
	}
	for _, tt := range tests {
		if got := string(decodeHTML([]byte(tt.in))); got != tt.want {
			t.Errorf("%s: decodeHTML(%.60q) = %.80q, want %.80q", tt.name, tt.in, got, tt.want)
		}
	}
}
