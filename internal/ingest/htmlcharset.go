package ingest

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// decodeHTML returns the page as UTF-8. A byte-order mark or a declared
// charset (<meta charset>, <meta http-equiv=Content-Type>, in the first
// 1,024 bytes) is honoured; an undeclared page is UTF-8 when its bytes are
// valid UTF-8, else what charset.DetermineEncoding sniffs from its first
// 1,024 bytes (UTF-8 or, failing that, windows-1252). Bytes that do not
// decode become U+FFFD.
func decodeHTML(data []byte) []byte {
	var enc encoding.Encoding
	switch label := declaredCharset(data); {
	case bytes.HasPrefix(data, []byte("\xfe\xff")), bytes.HasPrefix(data, []byte("\xff\xfe")):
		enc, _, _ = charset.DetermineEncoding(data, "") // UTF-16 by its byte-order mark
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return bytes.ToValidUTF8(data[3:], []byte("\uFFFD"))
	case label != "":
		var name string
		enc, name = charset.Lookup(label)
		if strings.HasPrefix(name, "utf-16") { // a page read as bytes is not UTF-16 (as the HTML prescan rules)
			enc = encoding.Nop
		}
	case utf8.Valid(data):
		return data
	default:
		enc, _, _ = charset.DetermineEncoding(data, "")
	}
	if enc == encoding.Nop || enc == nil {
		return bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	if dec, err := enc.NewDecoder().Bytes(data); err == nil {
		data = bytes.TrimPrefix(dec, []byte("\uFEFF")) // a UTF-16 decoder keeps the mark
	}
	return bytes.ToValidUTF8(data, []byte("\uFFFD"))
}

// declaredCharset is the known charset a <meta> in the first 1,024 bytes
// names, or "": <meta charset=X> or <meta http-equiv=Content-Type
// content="...; charset=X">, as the HTML prescan reads them.
func declaredCharset(data []byte) string {
	if len(data) > 1024 {
		data = data[:1024]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) != "meta" {
				continue
			}
			var label, content string
			pragma := false
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "charset":
					label = string(v)
				case "http-equiv":
					pragma = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
				case "content":
					content = string(v)
				}
			}
			if label == "" && pragma {
				if _, params, err := mime.ParseMediaType(content); err == nil {
					label = params["charset"]
				}
			}
			if e, _ := charset.Lookup(label); label != "" && e != nil {
				return label
			}
		}
	}
}
