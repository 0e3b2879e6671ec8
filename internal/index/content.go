package index

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"

	"github.com/readout/readout/internal/news"
)

// An article's body is stored in two fields. FieldLead holds its first
// LeadBytes (cut at a character), all that a hit's plain snippet and an
// export's rows read; FieldContent holds the rest of the body and the
// encoded annotations (EncodeAnnotations), compressed together with zstd
// and a dictionary of news prose: about half their bytes, where zap's
// snappy of a document's stored fields keeps about 0.8 of a body. They are
// read together (annotations hold spans of the body) for highlighting, the
// article view and quote hits, a page of hits at a time.
//
// The FieldContent encoding: contentV1, then one zstd frame, with
// contentDict, of uvarint len(rest), rest, annotations. contentDict is
// part of the format: generations hold frames that only it decodes, so it
// never changes; a new dictionary is a new version byte. Generations
// written before store FieldBody and FieldAnnotations, which readers still
// take (ArticleContent).
const contentV1 = 0x01

// LeadBytes is the most bytes of FieldLead: past the snippet size (200
// bytes) that a hit's plain snippet is cut from, so that the snippet of
// the lead is the snippet of the body (a cut moves back at most 3 bytes,
// to the start of a character).
const LeadBytes = 204

// contentDictID is contentDict's id in the zstd frames.
const contentDictID = 1

// contentDict is about 32 KB of the bundled sample corpus' bodies: prose
// of the kind a generation holds, written by this project.
//
//go:embed contentdict.txt
var contentDict []byte

// maxContentBytes bounds a decoded content, against a corrupt frame.
const maxContentBytes = 64 << 20

var errContent = errors.New("corrupt stored content")

// contentCodec holds the zstd encoder and decoder, each safe for
// concurrent EncodeAll and DecodeAll. Their options are constants: an
// error making them is a bug, reported by a panic when the package loads.
var contentCodec = newContentCoder()

type contentCoder struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
}

func newContentCoder() contentCoder {
	enc, err := zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedFastest),
		zstd.WithEncoderDictRaw(contentDictID, contentDict),
		zstd.WithEncoderCRC(false),
		zstd.WithLowerEncoderMem(true))
	if err != nil {
		panic(fmt.Sprintf("content encoder: %v", err))
	}
	dec, err := zstd.NewReader(nil,
		zstd.WithDecoderDictRaw(contentDictID, contentDict),
		zstd.WithDecoderMaxMemory(maxContentBytes),
		zstd.WithDecoderConcurrency(0))
	if err != nil {
		panic(fmt.Sprintf("content decoder: %v", err))
	}
	return contentCoder{enc: enc, dec: dec}
}

// SplitLead splits a body into its FieldLead (at most LeadBytes, cut
// before a character) and the rest.
func SplitLead(body string) (lead, rest string) {
	if len(body) <= LeadBytes {
		return body, ""
	}
	cut := LeadBytes
	for cut > 0 && !utf8.RuneStart(body[cut]) {
		cut--
	}
	return body[:cut], body[cut:]
}

// EncodeContent is the FieldContent value of the rest of a body (after its
// lead, SplitLead) and the article's encoded annotations.
func EncodeContent(rest string, annotations []byte) []byte {
	plain := make([]byte, 0, binary.MaxVarintLen64+len(rest)+len(annotations))
	plain = binary.AppendUvarint(plain, uint64(len(rest)))
	plain = append(plain, rest...)
	plain = append(plain, annotations...)
	out := make([]byte, 1, 1+len(plain)/2+64)
	out[0] = contentV1
	return contentCodec.enc.EncodeAll(plain, out)
}

// DecodeContent returns the rest of the body and the encoded annotations
// of a FieldContent value.
func DecodeContent(b []byte) (rest string, annotations []byte, err error) {
	if len(b) == 0 || b[0] != contentV1 {
		return "", nil, fmt.Errorf("%w: unknown version", errContent)
	}
	plain, err := contentCodec.dec.DecodeAll(b[1:], nil)
	if err != nil {
		return "", nil, fmt.Errorf("%w: %w", errContent, err)
	}
	n, k := binary.Uvarint(plain)
	if k <= 0 || n > uint64(len(plain)-k) {
		return "", nil, fmt.Errorf("%w: body length", errContent)
	}
	return string(plain[k : k+int(n)]), plain[k+int(n):], nil
}

// StoredBody returns an article's body and encoded annotations from its
// stored values: lead and content (FieldLead, FieldContent), or, when
// content is nil, body and annotations (FieldBody, FieldAnnotations) of
// generations written before them.
func StoredBody(lead, content, body, annotations []byte) (string, []byte, error) {
	if content == nil {
		return string(body), annotations, nil
	}
	rest, ann, err := DecodeContent(content)
	if err != nil {
		return "", nil, err
	}
	return string(lead) + rest, ann, nil
}

// ArticleContent returns an article's body and annotations from its
// stored fields as Bleve gives a hit's Fields (FieldLead and FieldContent,
// or FieldBody and FieldAnnotations).
func ArticleContent(fields map[string]any, title string) (string, news.Annotations, error) {
	bytesOf := func(k string) []byte {
		if s, ok := fields[k].(string); ok {
			return []byte(s)
		}
		return nil
	}
	body, ann, err := StoredBody(bytesOf(FieldLead), bytesOf(FieldContent), bytesOf(FieldBody), bytesOf(FieldAnnotations))
	if err != nil {
		return "", news.Annotations{}, err
	}
	a, err := StoredAnnotations(ann, title, body)
	return body, a, err
}
