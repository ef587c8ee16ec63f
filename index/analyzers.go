package index

import (
	"bytes"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"

	stranalysis "github.com/strategispor/strategispor/index/analysis"
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

// textPair analyses one text for both its exact and its stemmed field:
// Bleve asks each field's analyzer in turn (for one document, on one
// goroutine), and whichever asks first tokenises the text; the stemmed
// field then stems copies of the exact tokens.
type textPair struct {
	an    *stranalysis.Analysis
	once  sync.Once
	exact analysis.TokenStream
}

func newTextPair(an *stranalysis.Analysis) *textPair { return &textPair{an: an} }

func (p *textPair) tokens(input []byte) analysis.TokenStream {
	p.once.Do(func() { p.exact = p.an.Exact.Analyze(input) })
	return p.exact
}

// exactSide and stemSide are the pair's two analyzers; both fields must be
// given the same text.
type exactSide struct{ *textPair }
type stemSide struct{ *textPair }

func (p exactSide) Analyze(input []byte) analysis.TokenStream { return p.tokens(input) }

func (p stemSide) Analyze(input []byte) analysis.TokenStream {
	ex := p.tokens(input)
	toks := make([]analysis.Token, len(ex))
	cp := make(analysis.TokenStream, len(ex))
	for i, t := range ex {
		toks[i] = *t
		cp[i] = &toks[i]
	}
	return p.an.Stem(cp)
}
