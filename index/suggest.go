package index

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	bindex "github.com/blevesearch/bleve_index_api"
)

// maxEdits is the typo tolerance by word length: none for short words, where
// a one-letter change is usually another word.
func maxEdits(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n < 5:
		return 0
	case n < 8:
		return 1
	default:
		return 2
	}
}

// correct returns, for each word that is neither a word of the lexicon nor
// in the index, the closest word of the index's term dictionary: a word of
// the lexicon (Norwegian) before any other, then the fewest edits, then the
// most frequent. A real word is never replaced by another ("kommuner" is not
// corrected to "kommer" on an index without it).
func (ix *Index) correct(ctx context.Context, words []string) (map[string]string, bool) {
	if len(words) == 0 {
		return nil, false
	}
	rd, err := ix.idx().Advanced()
	if err != nil {
		return nil, false
	}
	reader, err := rd.Reader()
	if err != nil {
		return nil, false
	}
	defer reader.Close()
	fixed := map[string]string{}
	for _, w := range words {
		lw := strings.ToLower(w)
		if maxEdits(lw) == 0 || !allLetters(lw) || ix.known(ctx, reader, lw) {
			continue
		}
		if c := ix.closest(reader, lw); c != "" {
			fixed[w] = c
		}
	}
	return fixed, len(fixed) > 0
}

func allLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// known reports whether a word is a word of the lexicon, occurs as written
// in headings or body text, or has a stem or all of its compound parts
// there. A stem counts only when it keeps most of the word: Snowball cuts
// the misspelt "inteligens" down to "int", which says nothing about it.
func (ix *Index) known(ctx context.Context, reader bindex.IndexReader, w string) bool {
	if ix.an.Known(w) {
		return true
	}
	stems, parts := ix.an.Terms(w)
	if len(stems) == 0 {
		return true // a stop word
	}
	has := func(term string, fields ...string) bool {
		for _, f := range fields {
			tfr, err := reader.TermFieldReader(ctx, []byte(term), f, false, false, false)
			if err != nil {
				continue
			}
			n := tfr.Count()
			_ = tfr.Close()
			if n > 0 {
				return true
			}
		}
		return false
	}
	if has(w, fBodyX, fHeadingX) {
		return true
	}
	for _, st := range stems {
		if 3*utf8.RuneCountInString(st) >= 2*utf8.RuneCountInString(w) && has(st, fBody, fHeading) {
			return true
		}
	}
	if len(parts) == 0 {
		return false
	}
	for _, p := range parts {
		if !has(p, fBody, fHeading) {
			return false
		}
	}
	return true
}

// closest finds the best correction for w in the exact body and heading
// dictionaries: a word of the lexicon first ("regjeringen", not the Swedish
// "regeringen" that one web address brought in), then the fewest edits, then
// the most frequent.
func (ix *Index) closest(reader bindex.IndexReader, w string) string {
	fr, ok := reader.(interface {
		FieldDictFuzzy(field, term string, fuzziness int, prefix string) (bindex.FieldDict, error)
	})
	if !ok {
		return ""
	}
	best, bestKnown, bestDist, bestCount := "", false, 99, uint64(0)
	for _, field := range []string{fBodyX, fHeadingX} {
		dict, err := fr.FieldDictFuzzy(field, w, maxEdits(w), "")
		if err != nil {
			continue
		}
		for e, err := dict.Next(); err == nil && e != nil; e, err = dict.Next() {
			d := int(e.EditDistance)
			if d == 0 {
				d = levenshtein(w, e.Term)
			}
			if d == 0 || d > maxEdits(w) {
				continue
			}
			kn := ix.an.Known(e.Term)
			if better := kn && !bestKnown || kn == bestKnown && (d < bestDist || d == bestDist && e.Count > bestCount); better {
				best, bestKnown, bestDist, bestCount = e.Term, kn, d, e.Count
			}
		}
		_ = dict.Close()
	}
	return best
}

// levenshtein is the edit distance in runes, used when the dictionary does
// not report it.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// rewriteQuery replaces misspelt words in the user's query string, keeping
// everything else (phrases, filters) as typed.
func rewriteQuery(q string, fixed map[string]string) string {
	fields := strings.Fields(q)
	for i, f := range fields {
		if c, ok := fixed[f]; ok {
			fields[i] = c
		}
	}
	return strings.Join(fields, " ")
}
