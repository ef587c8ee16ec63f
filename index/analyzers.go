package index

import (
	"bytes"

	"github.com/blevesearch/bleve/v2/analysis"
)

// keywordAn indexes the whole value as one term.
type keywordAn struct{}

func keywordAnalyzer() keywordAn { return keywordAn{} }

func (keywordAn) Analyze(input []byte) analysis.TokenStream {
	return analysis.TokenStream{{Term: input, Start: 0, End: len(input), Position: 1, Type: analysis.AlphaNumeric}}
}

// facetAnalyzer indexes NUL-separated values as separate terms, so that one
// field (and one doc-value lookup per hit) serves all three facets.
type facetAnalyzer struct{}

func (facetAnalyzer) Analyze(input []byte) analysis.TokenStream {
	var ts analysis.TokenStream
	start := 0
	for i, part := range bytes.Split(input, []byte{0}) {
		ts = append(ts, &analysis.Token{Term: part, Start: start, End: start + len(part), Position: i + 1, Type: analysis.AlphaNumeric})
		start += len(part) + 1
	}
	return ts
}
