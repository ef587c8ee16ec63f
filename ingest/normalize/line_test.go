package normalize

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// FuzzLine holds Line's fast path to the rune-by-rune cleaning: text that
// clean passes as it is must come out of lineByRunes unchanged.
func FuzzLine(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\u00a0b", "a\u00adb", "\xff", "\ufffd",
		"e\u0301", "Regjeringen vil styrke", "a\x01b", "a\u0085b", "a\u200bb", "æøå ÆØÅ", "a\u2028b", "\u2029"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Line(s), lineByRunes(toNFC(s)); got != want {
			t.Errorf("Line(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestNFCAsIs(t *testing.T) {
	var runes []rune
	for r := rune(0); r < 0x300; r++ {
		runes = append(runes, r)
	}
	for r := rune(0x2002); r <= 0x206F; r++ {
		runes = append(runes, r)
	}
	for _, r1 := range runes {
		for _, r2 := range runes {
			if s := string(r1) + string(r2); !NFCAsIs(s) || norm.NFC.String(s) != s {
				t.Fatalf("%q: as is %v, NFC %q", s, NFCAsIs(s), norm.NFC.String(s))
			}
		}
	}
	for _, s := range []string{"\x80", "\xc3", "a\xffb", "\xcb", "\xc2\xc2", "\xe2\x80", "\xe2\x80\x82\xe2", "\xe2\x81\xcc\x81"} {
		if NFCAsIs(s) && norm.NFC.String(s) != s {
			t.Errorf("%q: as is, but NFC gives %q", s, norm.NFC.String(s))
		}
	}
	for _, s := range []string{"e\u0301", "\u212b", "\u2000", "\u2001", "\u2070", "\u20ac"} {
		if NFCAsIs(s) {
			t.Errorf("%q: as is, want a check by norm", s)
		}
	}
}
