package findings

import (
	"regexp"
	"unicode/utf8"

	"github.com/strategispor/strategispor/ingest/internal/fold"
)

// anchored runs a pattern of the form (?i)(?:^|[^\p{L}])KEY… only where
// one of its keywords occurs, instead of trying every position of the
// text: a match starts at the keyword or one rune before it. It finds the
// same matches as the unanchored pattern (see anchor_test.go).
type anchored struct {
	re   *regexp.Regexp // the pattern, anchored with \A
	keys []string       // lower-case literals that every match starts with, after the first rune
}

func anchor(expr string, keys ...string) anchored {
	return anchored{re: regexp.MustCompile(`\A(?:` + expr + `)`), keys: keys}
}

// each calls fn with the submatch offsets of successive non-overlapping
// matches in s, as FindAllStringSubmatchIndex would list them, until fn
// returns true; it reports whether fn did.
func (a anchored) each(s string, fn func(m []int) bool) bool {
	pos := 0 // the end of the last match
	for from := 0; from < len(s); {
		k := a.next(s, from)
		if k < 0 {
			return false
		}
		from = k + 1
		start := k
		if k > 0 {
			_, w := utf8.DecodeLastRuneInString(s[:k])
			start = k - w
		}
		if start < pos {
			continue
		}
		// In s[start:] the pattern's ^ matches at start, where the
		// original pattern would not; it cannot matter, because no
		// keyword starts there (it would have been found before k).
		m := a.re.FindStringSubmatchIndex(s[start:])
		if m == nil {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += start
			}
		}
		if fn(m) {
			return true
		}
		pos = m[1]
	}
	return false
}

// next returns the offset of the first keyword at or after from, or -1.
func (a anchored) next(s string, from int) int {
	best := -1
	for _, key := range a.keys {
		end := len(s)
		if best >= 0 {
			// A later start cannot win; a folded match is at most three
			// times as long as the key (k and the Kelvin sign).
			end = min(len(s), best+3*len(key))
		}
		if i := fold.Index(s[from:end], key); i >= 0 && (best < 0 || from+i < best) {
			best = from + i
		}
	}
	return best
}

// find returns the submatches of the first match in s, as FindStringSubmatch would.
func (a anchored) find(s string) []string {
	var out []string
	a.each(s, func(m []int) bool {
		out = make([]string, len(m)/2)
		for i := range out {
			if m[2*i] >= 0 {
				out[i] = s[m[2*i]:m[2*i+1]]
			}
		}
		return true
	})
	return out
}
