package wordcount

import (
	"strings"
	"testing"
)

func TestUpTo(t *testing.T) {
	tests := []struct {
		in          string
		limit, want int
	}{
		{"", -1, 0},
		{"   ", -1, 0},
		{"Regjeringen vil styrke", -1, 3},
		{"  Status:\tPå plan\n", -1, 3},
		{"a\u00a0b\u2029c", -1, 3}, // no-break and paragraph separator are spaces to unicode.IsSpace
		{"æøå ÆØÅ", -1, 2},
		{"én to tre fire", 2, 2},
		{"én to", 5, 2},
		{"én", 0, 0},
		{"\xff \xfe", -1, 2},
	}
	for _, tt := range tests {
		if got := UpTo(tt.in, tt.limit); got != tt.want {
			t.Errorf("UpTo(%q, %d) = %d, want %d", tt.in, tt.limit, got, tt.want)
		}
	}
}

// FuzzCount holds Count to strings.Fields and UpTo to its limit.
func FuzzCount(f *testing.F) {
	for _, s := range []string{"", "a b", " a\tb\nc ", "a\u0085b", "\u3000x", "\xffa b", "a\u00a0b\u2003c", "\xffa \x85b",
		"Regjeringen vil styrke samarbeidet med KS og sørge for bedre styring av digitaliseringen i kommunene"} {
		f.Add(s, 2)
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		want := len(strings.Fields(s))
		if got := Count(s); got != want {
			t.Fatalf("Count(%q) = %d, strings.Fields gives %d", s, got, want)
		}
		if limit >= 0 {
			if got := UpTo(s, limit); got != min(want, limit) {
				t.Fatalf("UpTo(%q, %d) = %d, want %d", s, limit, got, min(want, limit))
			}
		}
	})
}

func TestLonger(t *testing.T) {
	long := strings.Repeat("ø", 10) // 20 bytes
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"kort tekst", 0},
		{long, 1},
		{long[:18], 0},
		{"før " + long + "-" + long + " etter", 2},
		{long + "\xff" + long[:10], 1},
		{strings.Repeat("1", 21), 1},
	}
	for _, tt := range tests {
		if got := Longer(tt.in, 18); got != tt.want {
			t.Errorf("Longer(%q, 18) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
