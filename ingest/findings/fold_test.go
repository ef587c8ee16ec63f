package findings

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

// foldSeeds covers the runes whose case folding is not plain ASCII.
var foldSeeds = []struct{ s, sub string }{
	{"Regjeringen vil", "regjering"},
	{"REGJERINGA VIL", "regjering"},
	{"tiltaK 7.1", "tiltak"},     // Kelvin sign
	{"ſtatus: ferdig", "status"}, // long s
	{"Også", "også"},             // Angstrom sign
	{"blant annet", "annet"},
	{"", "vil"},
	{"vi", "vil"},
	{"\xffvil\xc5", "vil"},
}

// FuzzFold checks the literal prechecks against regexp's own (?i) matching.
func FuzzFold(f *testing.F) {
	for _, c := range foldSeeds {
		f.Add(c.s, c.sub)
	}
	f.Fuzz(func(t *testing.T, s, sub string) {
		if sub == "" || !utf8.ValidString(sub) {
			return // the needles are literals in the source
		}
		q := regexp.QuoteMeta(sub)
		if got, want := containsFold(s, sub), regexp.MustCompile(`(?i)`+q).MatchString(s); got != want {
			t.Errorf("containsFold(%q, %q) = %v, regexp says %v", s, sub, got, want)
		}
		if got, want := hasPrefixFold(s, sub), regexp.MustCompile(`(?i)^`+q).MatchString(s); got != want {
			t.Errorf("hasPrefixFold(%q, %q) = %v, regexp says %v", s, sub, got, want)
		}
		if got, want := hasSuffixFold(s, sub), regexp.MustCompile(`(?i)`+q+`$`).MatchString(s); got != want {
			t.Errorf("hasSuffixFold(%q, %q) = %v, regexp says %v", s, sub, got, want)
		}
	})
}
