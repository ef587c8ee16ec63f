package sections

import (
	"strings"
	"testing"
)

func TestWordsUpTo(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a  b\tc\n", "a\u00a0b\u2003c", "\xffa \x85b", "æ ø å",
		"Regjeringen vil styrke samarbeidet med KS og sørge for bedre styring av digitaliseringen i kommunene"} {
		n := len(strings.Fields(s))
		if got := words(s); got != n {
			t.Errorf("words(%q) = %d, want %d", s, got, n)
		}
		for _, limit := range []int{0, 1, 2, 5, 14} {
			if got, want := wordsUpTo(s, limit), min(n, limit); got != want {
				t.Errorf("wordsUpTo(%q, %d) = %d, want %d", s, limit, got, want)
			}
		}
	}
}
