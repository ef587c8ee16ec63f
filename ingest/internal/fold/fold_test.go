package fold

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

// FuzzFold checks the prechecks against regexp's own (?i) matching.
func FuzzFold(f *testing.F) {
	for _, c := range []struct{ s, sub string }{
		{"Regjeringen vil", "regjering"},
		{"REGJERINGA VIL", "regjering"},
		{"tiltaK 7.1", "tiltak"},     // Kelvin sign
		{"ſtatus: ferdig", "status"}, // long s
		{"Saksnr. 19/1234", "sak"},
		{"Også", "også"}, // Angstrom sign
		{"Møtedato: 1.1.2020", "møtedato"},
		{"blant annet", "annet"},
		{"", "vil"},
		{"vi", "vil"},
		{"\xffvil\xc5", "vil"},
		{"§ 12", "§"},
	} {
		f.Add(c.s, c.sub)
	}
	f.Fuzz(func(t *testing.T, s, sub string) {
		if sub == "" || !utf8.ValidString(sub) {
			return // the needles are literals in the source
		}
		q := regexp.QuoteMeta(sub)
		if got, want := Contains(s, sub), regexp.MustCompile(`(?i)`+q).MatchString(s); got != want {
			t.Errorf("Contains(%q, %q) = %v, regexp says %v", s, sub, got, want)
		}
		want := -1
		if loc := regexp.MustCompile(`(?i)` + q).FindStringIndex(s); loc != nil {
			want = loc[0]
		}
		if got := Index(s, sub); got != want {
			t.Errorf("Index(%q, %q) = %d, regexp says %d", s, sub, got, want)
		}
		if got, want := HasPrefix(s, sub), regexp.MustCompile(`(?i)^`+q).MatchString(s); got != want {
			t.Errorf("HasPrefix(%q, %q) = %v, regexp says %v", s, sub, got, want)
		}
		if got, want := HasSuffix(s, sub), regexp.MustCompile(`(?i)`+q+`$`).MatchString(s); got != want {
			t.Errorf("HasSuffix(%q, %q) = %v, regexp says %v", s, sub, got, want)
		}
	})
}
