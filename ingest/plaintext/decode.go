// Package plaintext reads .txt and .md files: it detects the character
// encoding (UTF-8 with or without BOM, UTF-16 with BOM, otherwise
// Windows-1252), refuses binary data, and turns the text into one block per
// line. Markdown is read with a CommonMark parser (goldmark): headings, list
// items and table rows are marked; paragraphs are left as lines for the
// section splitter to interpret.
package plaintext

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/strategispor/strategispor/internal/corpus"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode detects the encoding of data and returns it as UTF-8 text.
//
// A byte order mark decides when present (UTF-8, UTF-16LE, UTF-16BE). Without
// one, valid UTF-8 is taken as is; text that is mostly UTF-8 with a few broken
// bytes keeps UTF-8 and gets U+FFFD for the broken bytes plus a warning; text
// with no valid multi-byte UTF-8 at all is read as Windows-1252 (a superset of
// the printable ISO-8859-1 range, so both decode right). Empty input and
// binary data (NUL bytes, many control characters) give an error wrapping
// corpus.ErrUnreadable.
func Decode(data []byte) (text string, warnings []string, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", nil, fmt.Errorf("decoding text: empty file: %w", corpus.ErrUnreadable)
	}
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		text, warnings = decodeUTF8(data[len(bomUTF8):])
	case bytes.HasPrefix(data, bomUTF16LE):
		text, err = decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), data)
		if err != nil {
			return "", nil, err
		}
	case bytes.HasPrefix(data, bomUTF16BE):
		text, err = decodeWith(unicode.UTF16(unicode.BigEndian, unicode.UseBOM), data)
		if err != nil {
			return "", nil, err
		}
	default:
		if order, ok := looksUTF16(data); ok {
			text, err = decodeWith(unicode.UTF16(order, unicode.IgnoreBOM), data)
			if err != nil {
				return "", nil, err
			}
			warnings = append(warnings, "no byte order mark; read as UTF-16 because every other byte is NUL")
			break
		}
		if reason := binaryReason(data); reason != "" {
			return "", nil, fmt.Errorf("decoding text: %s: %w", reason, corpus.ErrUnreadable)
		}
		valid, invalid := countUTF8(data)
		switch {
		case invalid == 0:
			text = string(data)
		case valid >= invalid:
			text, warnings = decodeUTF8(data)
		default:
			text, err = decodeWith(charmap.Windows1252, data)
			if err != nil {
				return "", nil, err
			}
			warnings = append(warnings, "not UTF-8; read as Windows-1252 (Western European)")
		}
	}
	if reason := binaryReason([]byte(text)); reason != "" {
		return "", nil, fmt.Errorf("decoding text: %s: %w", reason, corpus.ErrUnreadable)
	}
	if strings.TrimSpace(text) == "" {
		return "", nil, fmt.Errorf("decoding text: empty file: %w", corpus.ErrUnreadable)
	}
	return text, warnings, nil
}

func decodeWith(enc encoding.Encoding, data []byte) (string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("decoding text: %v: %w", err, corpus.ErrUnreadable)
	}
	return string(out), nil
}

// decodeUTF8 replaces invalid sequences with U+FFFD and says how many there were.
func decodeUTF8(data []byte) (string, []string) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	_, invalid := countUTF8(data)
	text := strings.ToValidUTF8(string(data), "\uFFFD")
	return text, []string{fmt.Sprintf("%d invalid UTF-8 byte sequence(s) replaced with U+FFFD", invalid)}
}

// countUTF8 counts well-formed multi-byte UTF-8 sequences and invalid bytes.
func countUTF8(data []byte) (valid, invalid int) {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			invalid++
			i++
			continue
		}
		valid++
		i += size
	}
	return valid, invalid
}

// looksUTF16 recognises BOM-less UTF-16 text: NUL in nearly every other byte,
// on one side only.
func looksUTF16(data []byte) (unicode.Endianness, bool) {
	n := min(len(data), 4096) &^ 1
	if n < 8 {
		return unicode.LittleEndian, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*8 && even*20 <= pairs:
		return unicode.LittleEndian, true
	case even*10 >= pairs*8 && odd*20 <= pairs:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// binaryReason returns why data does not look like text, or "".
// Tab, newline, carriage return, form feed and vertical tab are text; NUL
// and other C0 controls beyond 1 in 100 bytes (or 10 in total for short
// files) are not.
func binaryReason(data []byte) string {
	var nul, ctrl int
	for _, c := range data {
		switch {
		case c == 0:
			nul++
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b:
			ctrl++
		case c == 0x7f:
			ctrl++
		}
	}
	if nul > 0 {
		return fmt.Sprintf("binary data, not text (%d NUL bytes)", nul)
	}
	if ctrl > 10 && ctrl*100 > len(data) {
		return fmt.Sprintf("binary data, not text (%d control bytes in %d)", ctrl, len(data))
	}
	return ""
}
