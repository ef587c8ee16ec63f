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
	"strings"
)

// Key identifies a section stably: the document's file name and the section heading.
type Key struct{ Source, Heading string }

// Judged is one query with the sections judged relevant.
type Judged struct {
	Query    string
	Kind     string // what the query exercises: compound, nynorsk, typo, phrase, …
	Relevant map[Key]string
}

// ReadJudgments parses the tab-separated judgments file: query, kind, source,
// heading, reason; lines starting with # are comments. Queries keep file order.
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
		if len(f) != 5 || f[0] == "" || f[2] == "" || f[4] == "" {
			return nil, fmt.Errorf("judgments line %d: want query, kind, source, heading, reason", n)
		}
		i, ok := byQuery[f[0]]
		if !ok {
			i = len(out)
			byQuery[f[0]] = i
			out = append(out, Judged{Query: f[0], Kind: f[1], Relevant: map[Key]string{}})
		}
		out[i].Relevant[Key{f[2], f[3]}] = f[4]
	}
	return out, sc.Err()
}

// RR is the reciprocal rank of the first relevant result within the top k, or 0.
func RR(ranked []Key, rel map[Key]string, k int) float64 {
	for i, key := range ranked[:min(k, len(ranked))] {
		if _, ok := rel[key]; ok {
			return 1 / float64(i+1)
		}
	}
	return 0
}

// NDCG is binary-gain nDCG at k.
func NDCG(ranked []Key, rel map[Key]string, k int) float64 {
	dcg, seen := 0.0, map[Key]bool{}
	for i, key := range ranked[:min(k, len(ranked))] {
		if _, ok := rel[key]; ok && !seen[key] {
			seen[key] = true
			dcg += 1 / math.Log2(float64(i+2))
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
func FirstRelevant(ranked []Key, rel map[Key]string) int {
	for i, key := range ranked {
		if _, ok := rel[key]; ok {
			return i + 1
		}
	}
	return 0
}
