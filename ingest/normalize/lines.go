package normalize

import (
	"strings"
	"unicode/utf8"
)

// Item is a line recognised as a list item.
type Item struct {
	Marker  string // "•", "-", "1.", "2)", "a)"
	Text    string // the item without its marker
	Ordered bool
	Depth   int // nesting from the indentation: 0 at the margin, +1 per two columns
}

// bullets are the glyphs that start an unordered list item when followed by a space.
const bullets = "•▪◦‣–-*\u2043\u25CF\u2219\u00B7\uF0B7"

// ListItem recognises raw (untrimmed) as a list item: a bullet glyph (•, ▪,
// ◦, ‣, –, -, *, the Symbol-font bullet U+F0B7 …) or a number or letter with
// "." or ")" ("1.", "2)", "a)", "(3)") followed by a space and text. Dates
// ("1. januar") are not items.
func ListItem(raw string) (Item, bool) {
	indent := 0
	i := 0
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t') {
		if raw[i] == '\t' {
			indent += 4
		} else {
			indent++
		}
		i++
	}
	s := raw[i:]
	if s == "" {
		return Item{}, false
	}
	depth := min(indent/2, 8)
	r, size := utf8.DecodeRuneInString(s)
	if strings.ContainsRune(bullets, r) {
		rest := s[size:]
		if rest == "" || !isSpace(firstRune(rest)) {
			return Item{}, false
		}
		text := Line(rest)
		if text == "" || strings.Trim(text, bullets+" ") == "" {
			return Item{}, false
		}
		return Item{Marker: string(r), Text: text, Depth: depth}, true
	}
	marker, rest, ok := ordinalMarker(s)
	if !ok || rest == "" || !isSpace(firstRune(rest)) {
		return Item{}, false
	}
	text := Line(rest)
	if text == "" {
		return Item{}, false
	}
	if first, _, _ := strings.Cut(strings.ToLower(text), " "); months[strings.TrimRight(first, ".,")] {
		return Item{}, false
	}
	return Item{Marker: marker, Text: text, Ordered: true, Depth: depth}, true
}

// ordinalMarker reads "12.", "3)", "b)", "(iv)" or "(2)" at the start of s.
func ordinalMarker(s string) (marker, rest string, ok bool) {
	open := strings.HasPrefix(s, "(")
	j := 0
	if open {
		j = 1
	}
	start := j
	for j < len(s) && j-start < 3 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	digits := j - start
	if digits == 0 {
		// One letter: "a)" or "(a)" (never "a." — too often an abbreviation).
		if j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
			j++
		} else {
			return "", "", false
		}
		if j >= len(s) || s[j] != ')' {
			return "", "", false
		}
		return s[:j+1], s[j+1:], true
	}
	if j >= len(s) {
		return "", "", false
	}
	switch {
	case s[j] == ')':
	case s[j] == '.' && !open:
		// "2.3 Heading" continues with a digit: a section number, not an item.
		if j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
			return "", "", false
		}
	default:
		return "", "", false
	}
	return s[:j+1], s[j+1:], true
}

var months = map[string]bool{
	"januar": true, "februar": true, "mars": true, "april": true, "mai": true, "juni": true,
	"juli": true, "august": true, "september": true, "oktober": true, "november": true, "desember": true,
	"jan": true, "feb": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "okt": true, "nov": true, "des": true,
}

// Footnote recognises a footnote line: "[iv] NOU 2024: 7 …", "[12] …", a
// lone "[x]" marker, or an endnote with a superscript number ("¹ Begrepet …"). It returns the marker without brackets and the text.
func Footnote(line string) (marker, text string, ok bool) {
	s := strings.TrimLeft(line, " \t")
	if m, rest, ok := superscriptMarker(s); ok {
		return m, Line(rest), true
	}
	if !strings.HasPrefix(s, "[") {
		return "", "", false
	}
	end := strings.IndexByte(s, ']')
	if end < 2 || end > 8 {
		return "", "", false
	}
	marker = s[1:end]
	if !isFootnoteMarker(marker) {
		return "", "", false
	}
	return marker, Line(s[end+1:]), true
}

// superscripts maps superscript digits to digits.
var superscripts = map[rune]byte{'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9'}

// superscriptMarker reads an endnote line as PDFs print them: "¹ Begrepet …",
// "¹²Kilde …" — one to three superscript digits, then the note.
func superscriptMarker(s string) (marker, rest string, ok bool) {
	var m []byte
	i := 0
	for i < len(s) && len(m) < 4 {
		r, size := utf8.DecodeRuneInString(s[i:])
		d, isSup := superscripts[r]
		if !isSup {
			break
		}
		m = append(m, d)
		i += size
	}
	if len(m) == 0 || len(m) > 3 || i >= len(s) {
		return "", "", false
	}
	return string(m), s[i:], true
}

// isFootnoteMarker accepts 1–3 digits or a lower-case roman numeral.
func isFootnoteMarker(m string) bool {
	if m == "" {
		return false
	}
	digits, roman := true, true
	for _, r := range m {
		if r < '0' || r > '9' {
			digits = false
		}
		if !strings.ContainsRune("ivxlc", r) {
			roman = false
		}
	}
	return digits && len(m) <= 3 || roman
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
