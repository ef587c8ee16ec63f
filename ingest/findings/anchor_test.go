package findings

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/ingest/internal/fold"
)

var anchorSeeds = []string{
	"Regjeringen vil styrke samarbeidet.",
	"For å nå målene vil regjeringen, i samarbeid med KS, utrede en felles inngang.",
	"Xregjeringen vil ikke; REGJERINGA VIL òg gjøre, departementet vil kunne lage, vil departementet også sørge",
	"regjeringen vil, a, regjeringen vil gjøre",
	"vil vil regjeringen vil regjeringen nå lage",
	"Tiltak 7.1 Utarbeide felles prinsipper. tiltak 4.4. Omtale; Tiltak 12: Etablere",
	"digitaliseringstiltak 3 og tiltaK 5 Lage",
	"\xe2\x84regjeringen vil lage \xffvil departementet gjøre",
	"ſtiltak 1 X",
}

// FuzzAnchored holds the keyword-anchored patterns to the unanchored ones.
func FuzzAnchored(f *testing.F) {
	for _, s := range anchorSeeds {
		f.Add(s)
	}
	patterns := []struct {
		expr string
		a    anchored
	}{
		{proseExpr, proseRe},
		{proseVExpr, proseVRe},
		{tiltakExpr, tiltakRe},
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range patterns {
			re := regexp.MustCompile(p.expr)
			want := re.FindAllStringSubmatchIndex(s, -1)
			var got [][]int
			p.a.each(s, func(m []int) bool {
				got = append(got, m)
				return false
			})
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("%s on %q:\nanchored %v\nregexp   %v", p.expr, s, got, want)
			}
			if got, want := p.a.find(s), re.FindStringSubmatch(s); !slices.Equal(got, want) {
				t.Errorf("find %s on %q: %q, regexp %q", p.expr, s, got, want)
			}
		}
	})
}

// FuzzASCIILower holds the keyword tests on line.low to regexp's (?i).
func FuzzASCIILower(f *testing.F) {
	for _, s := range anchorSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		low := asciiLower(s)
		for _, key := range []string{"vil", "regjering", "departementet"} {
			if got, want := strings.Contains(low, key), regexp.MustCompile(`(?i)`+key).MatchString(s); got != want {
				t.Errorf("%q in asciiLower(%q): %v, regexp says %v", key, s, got, want)
			}
		}
		got := strings.Contains(low, "tiltak") || strings.Contains(s, "\u212a") && fold.Contains(s, "tiltak")
		if want := regexp.MustCompile(`(?i)tiltak`).MatchString(s); got != want {
			t.Errorf("tiltak in %q: %v, regexp says %v", s, got, want)
		}
	})
}
