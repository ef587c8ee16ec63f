package analysis

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/strategispor/strategispor/internal/corpus"
)

// TokenizerName is the registered name of the letter/digit tokenizer.
const TokenizerName = "strategispor_letterdigit"

// MaxTokenBytes is the longest token the tokenizer emits (corpus.MaxTokenBytes).
const MaxTokenBytes = corpus.MaxTokenBytes

// Tokenizer splits text into runs of letters and digits. Hyphens, slashes and
// punctuation separate tokens ("IKT-prosjekter" → "IKT", "prosjekter"), which
// lets the parts of hyphenated compounds be found on their own. Offsets are
// bytes; invalid UTF-8 separates tokens instead of ending the stream. A run
// longer than MaxTokenBytes is emitted in pieces of at most MaxTokenBytes,
// cut at character boundaries, so that no later step sees a longer term.
type Tokenizer struct{}

// NewTokenizer returns the letter/digit tokenizer.
func NewTokenizer() *Tokenizer { return &Tokenizer{} }

// Tokenize implements analysis.Tokenizer.
func (Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	rv := make(analysis.TokenStream, 0, len(input)/6+1)
	start, pos := -1, 0
	emit := func(end int) {
		pos++
		typ := analysis.AlphaNumeric
		if isDigits(input[start:end]) {
			typ = analysis.Numeric
		}
		rv = append(rv, &analysis.Token{Term: input[start:end], Start: start, End: end, Position: pos, Type: typ})
		start = -1
	}
	for i := 0; i < len(input); {
		r, size := rune(input[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(input[i:])
		}
		word := r != utf8.RuneError && corpus.IsWordRune(r)
		switch {
		case word && start < 0:
			start = i
		case word && i+size-start > MaxTokenBytes:
			emit(i)
			start = i
		case !word && start >= 0:
			emit(i)
		}
		i += size
	}
	if start >= 0 {
		emit(len(input))
	}
	return rv
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// TokenizerConstructor builds the tokenizer for Bleve's registry.
func TokenizerConstructor(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
	return NewTokenizer(), nil
}

func init() {
	if err := registry.RegisterTokenizer(TokenizerName, TokenizerConstructor); err != nil {
		panic(err)
	}
}
