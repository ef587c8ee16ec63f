package index

import (
	"bytes"
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"

	noanalysis "github.com/strategispor/strategispor/index/analysis"
	"github.com/strategispor/strategispor/internal/corpus"
)

// Reranking: Bleve's BM25 ranks the candidates, then the best rerankDepth of
// them are rescored from their stored text. Bleve cannot express two things
// advisers expect: a section with every query word should beat one with most
// of them however often those occur or however short the section is, and
// words that stand close together (not only side by side) belong together.
const (
	rerankDepth = 40
	// proxWeight is the largest proximity bonus (all words within a few
	// tokens); it shrinks to nothing over proxSpan tokens of slack.
	proxWeight = 0.5
	proxSpan   = 30.0
)

// analysed is a text's exact tokens with the stems and compound parts the
// stemmed analyzer gives for each.
type analysed struct {
	text  string
	exact analysis.TokenStream
	stems [][]string // by exact token index; nil for a token that cannot match
}

// analyse tokenises text and finds the stems and compound parts of each token
// that could match a stem of m (m's marks and any subset of them, such as one
// group's). A token that contains none of the stems' sources
// (analysis.Stemmer.Sources) cannot, so unless the memo already knows it, it
// is not analysed: on a fresh process, whose memo is empty, analysing every
// word of the best 40 hits was a fifth of the first searches' time.
func (ix *Index) analyse(text string, m *marks) *analysed {
	a := &analysed{text: text, exact: ix.an.Exact.Analyze([]byte(text))}
	if len(a.exact) == 0 {
		return a
	}
	srcs := m.sources(ix.an.Stemmer)
	a.stems = make([][]string, len(a.exact))
	for i, t := range a.exact {
		if st, ok := ix.memoStems(t.Term); ok {
			a.stems[i] = st
		} else if mayMatch(t.Term, srcs) {
			a.stems[i] = ix.stemsOf(t.Term)
		}
	}
	return a
}

// mayMatch reports whether tok contains one of srcs or analysis.HeitMark.
func mayMatch(tok []byte, srcs [][]byte) bool {
	if bytes.Contains(tok, heitMark) {
		return true
	}
	for _, s := range srcs {
		if bytes.Contains(tok, s) {
			return true
		}
	}
	return false
}

var heitMark = []byte(noanalysis.HeitMark)

// match flags the tokens that m matches: a stem or compound part that was
// searched for, an exact token, a prefix, or a token of a phrase.
func (a *analysed) match(m *marks) []bool {
	hit := make([]bool, len(a.exact))
	for i, t := range a.exact {
		term := string(t.Term)
		if m.exact[term] {
			hit[i] = true
			continue
		}
		for _, st := range a.stems[i] {
			if m.stems[st] {
				hit[i] = true
				break
			}
		}
		if hit[i] {
			continue
		}
		for _, p := range m.prefixes {
			if strings.HasPrefix(term, p) {
				hit[i] = true
				break
			}
		}
	}
	markPhrases(a.exact, hit, m.phrases)
	return hit
}

// candidate is one hit being reranked.
type candidate struct {
	rec   sectionRecord
	score float64
	full  bool // matches every group of the query
	body  *analysed
	flags []bool // tokens of the snippet text matched by any group
}

// snippetText is the text a snippet is cut from: the body, or the heading
// of a section without body text.
func snippetText(s corpus.Section) string {
	if t := strings.TrimSpace(s.Text); t != "" {
		return t
	}
	return strings.TrimSpace(s.Heading)
}

// rerank rescores the candidates and orders them: those that match every
// group first, then by score. Scores of the others are scaled below the
// lowest full match so that scores keep falling down the list. all is the
// union of the groups.
func (ix *Index) rerank(cands []*candidate, groups []*marks, all *marks) {
	minFull, maxPartial := math.Inf(1), 0.0
	for _, c := range cands {
		ix.rescore(c, groups, all)
		if c.full {
			minFull = min(minFull, c.score)
		} else {
			maxPartial = max(maxPartial, c.score)
		}
	}
	if !math.IsInf(minFull, 1) && maxPartial >= minFull {
		f := 0.9 * minFull / maxPartial
		for _, c := range cands {
			if !c.full {
				c.score *= f
			}
		}
	}
	slices.SortStableFunc(cands, func(x, y *candidate) int { return cmp.Compare(y.score, x.score) })
}

// rescore multiplies a candidate's score by its coverage of the query's
// groups (squared, so missing one of two words halves it twice) and a
// proximity bonus for the body window that holds all matched groups.
func (ix *Index) rescore(c *candidate, groups []*marks, all *marks) {
	c.body = ix.analyse(snippetText(c.rec.Section), all)
	head := ix.analyse(c.rec.Section.Heading, all)
	c.flags = make([]bool, len(c.body.exact))
	matched := 0
	var positions [][]int // per group matched in the body
	for _, g := range groups {
		inHead := slices.Contains(head.match(g), true)
		var pos []int
		for i, f := range c.body.match(g) {
			if f {
				c.flags[i] = true
				pos = append(pos, i)
			}
		}
		if inHead || len(pos) > 0 {
			matched++
		}
		if len(pos) > 0 {
			positions = append(positions, pos)
		}
	}
	if len(groups) == 0 {
		return
	}
	c.full = matched == len(groups)
	cov := float64(matched) / float64(len(groups))
	c.score *= cov * cov
	if len(positions) >= 2 {
		slack := float64(minWindow(positions) - len(positions))
		c.score *= 1 + proxWeight*max(0, 1-slack/proxSpan)
	}
}

// minWindow is the length in tokens of the shortest stretch that holds one
// position from every list (each list sorted ascending).
func minWindow(lists [][]int) int {
	type p struct{ pos, list int }
	var all []p
	for l, ps := range lists {
		for _, x := range ps {
			all = append(all, p{x, l})
		}
	}
	slices.SortFunc(all, func(a, b p) int { return a.pos - b.pos })
	count := make([]int, len(lists))
	have, best, lo := 0, int(^uint(0)>>1), 0
	for _, e := range all {
		if count[e.list] == 0 {
			have++
		}
		count[e.list]++
		for have == len(lists) {
			best = min(best, e.pos-all[lo].pos+1)
			count[all[lo].list]--
			if count[all[lo].list] == 0 {
				have--
			}
			lo++
		}
	}
	return best
}
