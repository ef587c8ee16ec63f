// Package searcheval measures search quality: it ingests documents through
// the real pipeline, indexes their sections with strategispor's analysis and
// with Bleve's plain Norwegian analyzer, runs judged queries against both and
// reports MRR@10 and nDCG@10.
package searcheval

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
)

// Section is a ranked search result as the judgments see it.
type Section struct{ Source, Heading, Text string }

// Target names a relevant section without depending on where ingest cuts a
// long section into parts: the document's file name, the heading without the
// " (n)" suffix or the " – name" of later parts, and optionally a phrase the
// text contains.
type Target struct {
	Source, Heading, Phrase string
	Reason                  string
}

// partSuffix is the " (2)", " (3)" … that marks the later parts of a section.
var partSuffix = regexp.MustCompile(` \(\d+\)$`)

// BaseHeading strips the part suffix from a heading.
func BaseHeading(h string) string { return partSuffix.ReplaceAllString(h, "") }

// partSep joins a long section's heading and the name ingest gives a later
// part from its content ("Mål – Regjeringen vil"); ingest/sections.PartSep.
const partSep = " – "

// Matches reports whether s is the section the target names, or a later
// part of it.
func (t Target) Matches(s Section) bool {
	if s.Source != t.Source || BaseHeading(s.Heading) != t.Heading && !strings.HasPrefix(s.Heading, t.Heading+partSep) {
		return false
	}
	return t.Phrase == "" || strings.Contains(squash(s.Text), squash(t.Phrase))
}

// squash lower-cases and collapses white space, so that a phrase survives
// line breaks in the extracted text.
func squash(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Judged is one query with the sections judged relevant.
type Judged struct {
	Query    string
	Kind     string // what the query exercises: compound, nynorsk, typo, phrase, …
	Relevant []Target
}

// ReadJudgments parses the tab-separated judgments file: query, kind, source,
// heading, phrase (may be empty), reason; lines starting with # are comments.
// Queries keep file order.
func ReadJudgments(r io.Reader) ([]Judged, error) {
	var out []Judged
	byQuery := map[string]int{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 || f[0] == "" || f[1] == "" || f[2] == "" || f[5] == "" {
			return nil, fmt.Errorf("judgments line %d: want query, kind, source, heading, phrase, reason", n)
		}
		i, ok := byQuery[f[0]]
		if !ok {
			i = len(out)
			byQuery[f[0]] = i
			out = append(out, Judged{Query: f[0], Kind: f[1]})
		}
		out[i].Relevant = append(out[i].Relevant, Target{Source: f[2], Heading: f[3], Phrase: f[4], Reason: f[5]})
	}
	return out, sc.Err()
}

// relevant reports whether s matches any target.
func relevant(s Section, rel []Target) bool {
	for _, t := range rel {
		if t.Matches(s) {
			return true
		}
	}
	return false
}

// RR is the reciprocal rank of the first relevant result within the top k, or 0.
func RR(ranked []Section, rel []Target, k int) float64 {
	if r := FirstRelevant(ranked[:min(k, len(ranked))], rel); r > 0 {
		return 1 / float64(r)
	}
	return 0
}

// NDCG is binary-gain nDCG at k: each target earns its gain once, at the first
// result that matches it, and a result counts for one target at most.
func NDCG(ranked []Section, rel []Target, k int) float64 {
	dcg, done := 0.0, make([]bool, len(rel))
	for i, s := range ranked[:min(k, len(ranked))] {
		for j, t := range rel {
			if !done[j] && t.Matches(s) {
				done[j] = true
				dcg += 1 / math.Log2(float64(i+2))
				break
			}
		}
	}
	idcg := 0.0
	for i := range min(k, len(rel)) {
		idcg += 1 / math.Log2(float64(i+2))
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

// FirstRelevant is the 1-based rank of the first relevant result, 0 if none.
func FirstRelevant(ranked []Section, rel []Target) int {
	for i, s := range ranked {
		if relevant(s, rel) {
			return i + 1
		}
	}
	return 0
}
