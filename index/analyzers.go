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
// Bleve asks each field's analyzer once (for one document, in turn), and
// whichever asks first tokenises the text; the stemmed field stems copies of
// the exact tokens. The pair lets go of the tokens once both have asked, so
// that a batch in flight holds no more than it did with two analyzers.
type textPair struct {
	an    *stranalysis.Analysis
	mu    sync.Mutex
	exact analysis.TokenStream
	asked int
}

func newTextPair(an *stranalysis.Analysis) *textPair { return &textPair{an: an} }

func (p *textPair) tokens(input []byte) analysis.TokenStream {
	p.mu.Lock()
	defer p.mu.Unlock()
	// A pair whose tokens were let go tokenises again, so a document that
	// is analysed a second time (a retried batch) loses no text.
	if p.asked == 0 || p.exact == nil {
		p.exact, p.asked = p.an.Exact.Analyze(input), 0
	}
	ts := p.exact
	if p.asked++; p.asked >= 2 {
		p.exact = nil
	}
	return ts
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
