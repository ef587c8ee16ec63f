package normalize

import (
	"strings"
	"testing"
	"unicode"
)

// lineByRunes is Line without its fast path for text that is already clean.
func lineByRunes(s string) string {
	s = toNFC(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\u00AD' || r == '\uFEFF' || r == '\u200C' || r == '\u200D' || r == '\u2060':
			continue
		case isSpace(r) || r == '\n' || r == '\r':
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

// FuzzLine holds Line's fast path to the rune-by-rune cleaning.
func FuzzLine(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\u00a0b", "a\u00adb", "\xff", "\ufffd",
		"e\u0301", "Regjeringen vil styrke", "a\x01b", "a\u0085b", "a\u200bb", "æøå ÆØÅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Line(s), lineByRunes(s); got != want {
			t.Errorf("Line(%q) = %q, want %q", s, got, want)
		}
	})
}
