package findings

import (
	"strings"
	"unicode"

	"github.com/strategispor/strategispor/internal/corpus"
)

// mergeSame makes the commitments of one document that say the same thing
// one commitment: "Regjeringen vil sørge for X." in the running text and the
// bullet "sørge for X" under "Regjeringen vil:" are one pledge. The bullet
// (or, between two of a kind, the first) stays, with the others as its
// occurrences, so its id is the one it had alone.
func mergeSame(cs []corpus.Commitment) []corpus.Commitment {
	if len(cs) < 2 {
		return cs
	}
	cores := make([][]string, len(cs))
	for i, c := range cs {
		cores[i] = core(c)
	}
	into := make([]int, len(cs)) // index of the commitment each one merges into, or itself
	for i := range cs {
		into[i] = i
		for j := 0; j < i; j++ {
			if into[j] == j && sameWords(cores[i], cores[j]) {
				into[i] = j
				break
			}
		}
	}
	// The bullet of a group is its primary.
	primary := map[int]int{}
	for i := range cs {
		g := into[i]
		p, ok := primary[g]
		if !ok || cs[p].Kind != corpus.KindBullet && cs[i].Kind == corpus.KindBullet {
			primary[g] = i
		}
	}
	out := make([]corpus.Commitment, 0, len(cs))
	for i := range cs {
		g := into[i]
		if primary[g] != i {
			continue
		}
		c := cs[i]
		for k := range cs {
			if k != i && into[k] == g {
				c.Occurrences = append(c.Occurrences, corpus.Occurrence{
					SectionID: cs[k].SectionID, Kind: cs[k].Kind, Text: cs[k].Text, Path: cs[k].Context.Path,
				})
			}
		}
		out = append(out, c)
	}
	return out
}

// core is what a commitment pledges, as lower-cased words: a prose
// sentence loses its "Regjeringen vil (derfor)" so that it meets its bullet.
func core(c corpus.Commitment) []string {
	text := c.Text
	if c.Kind == corpus.KindProse {
		for _, re := range proseRes { // from the verb on
			if re.each(text, func(m []int) bool { text = text[m[6]:]; return true }) {
				break
			}
		}
	}
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// sameWords reports whether two pledges say the same: the same words, or
// one is the other with a short tail ("… i offentlig sektor" against
// "… i offentlig sektor, og vurdere …" does not count: the shorter must
// hold nine in ten of the longer's words).
func sameWords(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 3 || len(a)*10 < len(b)*9 {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
