// Package normalize cleans extracted text before it is split into sections:
// Unicode NFC, odd spaces made plain, soft hyphens dropped, words hyphenated
// across line ends joined again, and lines that are really list items or
// footnotes recognised as such.
package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Line returns s as one clean line: NFC, every kind of space (no-break,
// typographic, ideographic, tab, and the line and paragraph separators
// U+2028/U+2029 that Text turns into line breaks) as a plain space, soft hyphens and
// zero-width characters removed, runs of spaces collapsed, ends trimmed.
func Line(s string) string {
	s = toNFC(s)
	if clean(s) {
		return s
	}
	return lineByRunes(s)
}

// lineByRunes is Line for NFC text, rune by rune.
func lineByRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u00AD' || r == '\uFEFF' || r == '\u200C' || r == '\u200D' || r == '\u2060':
			continue
		case isSpace(r) || isBreak(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// clean reports whether Line would return NFC text s unchanged: valid
// UTF-8 with no control, zero-width or odd space characters, and only single
// plain spaces between words.
func clean(s string) bool {
	prevSpace := true // no leading space
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case c < ' ' || c == 0x7f:
				return false
			default:
				prevSpace = false
			}
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || r == '\u00AD' || r == '\uFEFF' || r == '\u200C' || r == '\u200D' || r == '\u2060' ||
			isSpace(r) || isBreak(r) || unicode.IsControl(r) {
			return false
		}
		i += w
		prevSpace = false
	}
	return !prevSpace || s == ""
}

// Text cleans multi-line text the way Line cleans one line, keeps paragraph
// boundaries (one blank line between paragraphs, however many there were)
// and joins words hyphenated across a line end: "digitali-\nsering" becomes
// "digitalisering", while "helse-\nog omsorg" and "Digitaliserings-\nog
// forvaltningsdepartementet" keep their hyphen.
func Text(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.NewReplacer("\r", "\n", "\u2028", "\n", "\u2029", "\n\n").Replace(s)
	raw := strings.Split(s, "\n")
	lines := make([]string, 0, len(raw))
	blank := true // suppresses leading blank lines
	for _, l := range raw {
		l = Line(l)
		if l == "" {
			if !blank {
				lines = append(lines, "")
			}
			blank = true
			continue
		}
		blank = false
		lines = append(lines, l)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	removed := make([]bool, len(lines))
	for i := 0; i+1 < len(lines); i++ {
		if lines[i] == "" || lines[i+1] == "" {
			continue
		}
		lines[i], lines[i+1] = JoinHyphenated(lines[i], lines[i+1])
		removed[i+1] = lines[i+1] == "" // the whole line moved up
	}
	out := lines[:0]
	for i, l := range lines {
		if !removed[i] {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// JoinHyphenated repairs a word split over two lines. When cur ends in
// "letter-" and next starts with a lower-case word, the word moves up to cur:
// after a lower-case letter the hyphen goes ("digitali-" + "sering" →
// "digitalisering"); after a capital or digit it stays ("EU-" + "regelverk" →
// "EU-regelverk"). It does nothing when next starts with a capital or with a
// conjunction (og, eller, and, or, samt), where the hyphen is a real one
// ("helse- og omsorg"). Both lines must already be clean (see Line).
func JoinHyphenated(cur, next string) (string, string) {
	if len(cur) < 2 || cur[len(cur)-1] != '-' || next == "" {
		return cur, next
	}
	before, _ := utf8.DecodeLastRuneInString(cur[:len(cur)-1])
	if !unicode.IsLetter(before) && !unicode.IsDigit(before) {
		return cur, next
	}
	first, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLower(first) {
		return cur, next
	}
	word, rest, _ := strings.Cut(next, " ")
	if conjunctions[strings.TrimRight(word, ",.;:")] {
		return cur, next
	}
	if unicode.IsLower(before) {
		cur = cur[:len(cur)-1]
	}
	return cur + word, rest
}

var conjunctions = map[string]bool{"og": true, "eller": true, "samt": true, "and": true, "or": true, "enn": true}

// isSpace reports the characters that stand for a plain space in extracted
// text: ASCII blanks, no-break and typographic spaces, zero-width space,
// ideographic space.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\f', '\v', '\u00A0', '\u1680', '\u202F', '\u205F', '\u3000', '\u0085':
		return true
	}
	return r >= '\u2000' && r <= '\u200B'
}

// isBreak reports the line and paragraph breaks, which inside one line
// stand for a space.
func isBreak(r rune) bool { return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' }

// toNFC composes s, skipping the work for text that is already NFC (the
// common case: ASCII and precomposed æøå).
func toNFC(s string) string {
	if NFCAsIs(s) || norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// NFCAsIs reports whether s is NFC as it stands, without the table
// lookups of norm: every rune is below U+0300 (the first combining mark) or
// General Punctuation from U+2002 to U+206F (dashes, quotes, bullets), and
// none of those decompose or compose with another (TestNFCAsIs checks every
// pair). Bytes that are not UTF-8 are left alone by NFC too.
func NFCAsIs(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0xCC {
			continue // ASCII, continuation bytes and two-byte runes below U+0300
		}
		if c == 0xE2 && i+2 < len(s) && isCont(s[i+2]) &&
			(s[i+1] == 0x80 && s[i+2] >= 0x82 || s[i+1] == 0x81 && s[i+2] <= 0xAF) {
			i += 2
			continue
		}
		return false
	}
	return true
}

func isCont(b byte) bool { return b&0xC0 == 0x80 }
