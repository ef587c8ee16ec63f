// Package wordcount counts the words of a text as strings.Fields splits it,
// without building the slice: the section splitter and the classifier count
// the words of every line and paragraph they read.
package wordcount

import (
	"unicode"
	"unicode/utf8"

	"github.com/strategispor/strategispor/internal/corpus"
)

// asciiSpace is unicode.IsSpace for ASCII.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// Count is len(strings.Fields(s)).
func Count(s string) int { return UpTo(s, -1) }

// UpTo is min(Count(s), limit), stopping early; a negative limit counts
// every word.
func UpTo(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		i += w
		if r < utf8.RuneSelf && asciiSpace[r] || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			in = false
			continue
		}
		if !in {
			if n == limit {
				return n
			}
			n++
			in = true
		}
	}
	return n
}

// Longer counts the runs of letters and digits (corpus.IsWordRune, the
// index's notion of a word) in s that are longer than maxBytes bytes.
func Longer(s string, maxBytes int) int {
	n, start := 0, -1
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		word := r != utf8.RuneError && corpus.IsWordRune(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			if i-start > maxBytes {
				n++
			}
			start = -1
		}
		i += w
	}
	if start >= 0 && len(s)-start > maxBytes {
		n++
	}
	return n
}
