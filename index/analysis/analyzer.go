// Package analysis is strategispor's Norwegian text analysis for Bleve:
// a letter/digit tokenizer, Snowball stemming with a stem cache and a
// nynorsk→bokmål mapping, a stop list that keeps "vil", "skal" and "ikke",
// decompounding over a word list, and query-time synonyms. Each component is
// registered with Bleve the usual way (name constant, constructor, init), and
// New builds one configured set for an index to use directly.
package analysis

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
)

// AnalyzerName is the registered stemmed, decompounding analyzer used for
// headings, body text and references.
const AnalyzerName = "no_strategispor"

// ExactAnalyzerName is the registered analyzer for the unstemmed field:
// lower-cased tokens, no stop words, used for phrases, prefixes and spelling.
const ExactAnalyzerName = "no_strategispor_exact"

// Config chooses the word lists behind decompounding.
type Config struct {
	// WordLists are word list files to read when present; nil means SystemWordLists.
	WordLists []string
	// ExtraWords are added to the dictionary (e.g. words an operator wants split on).
	ExtraWords []string
	// CacheDir keeps the built dictionary between runs; "" means
	// DefaultCacheDir(). NoCache builds it in memory every time.
	CacheDir string
	NoCache  bool
}

// Analysis is one configured set of analyzers. It is safe for concurrent use.
type Analysis struct {
	Text  analysis.Analyzer // stemmed, decompounded, stop words removed
	Exact analysis.Analyzer // lower-cased surface forms

	Stemmer      *Stemmer
	Decompounder *Decompounder
	Dictionary   *Dictionary
	text         *textFilter
}

// Terms returns what the stemmed analyzer makes of one lower-cased word:
// its stems (none for a stop word, one per lemma of a form of several
// lemmas) and the stems of its compound parts. Text.Analyze gives the same
// terms as one token stream.
func (a *Analysis) Terms(w string) (stems, parts []string) { return a.text.wordTerms(w) }

// Stem turns tokens the exact analyzer made into what the stemmed one makes
// of the same text (Text.Analyze(x) equals Stem(Exact.Analyze(x))), so that
// a text indexed in both fields is tokenised and lower-cased once. It
// changes the tokens it is given: pass copies of any still in use.
func (a *Analysis) Stem(exact analysis.TokenStream) analysis.TokenStream { return a.text.Filter(exact) }

// Known reports whether w (lower-case) is a word of the lexicon or the
// dictionary: a real word, never to be corrected into another.
func (a *Analysis) Known(w string) bool {
	return a.Stemmer.Lexicon().Has(w) || a.Dictionary.Has(w)
}

// New builds the analyzers. Word lists that do not exist are skipped.
func New(cfg Config) (*Analysis, error) {
	lists := cfg.WordLists
	if lists == nil {
		lists = SystemWordLists
	}
	cache := cfg.CacheDir
	switch {
	case cfg.NoCache:
		cache = ""
	case cache == "":
		cache = DefaultCacheDir()
	}
	st, err := newStemmer(cache)
	if err != nil {
		return nil, fmt.Errorf("building analysis: %w", err)
	}
	dict, err := OpenDictionary(lists, cfg.ExtraWords, st.Stem, cache)
	if err != nil {
		return nil, fmt.Errorf("building analysis: %w", err)
	}
	dc := NewDecompounder(dict, st.Stem)
	tok := NewTokenizer()
	lower := lowercase.NewLowerCaseFilter()
	tf := newTextFilter(dc, st)
	return &Analysis{
		text: tf,
		Text: &analysis.DefaultAnalyzer{Tokenizer: tok,
			TokenFilters: []analysis.TokenFilter{lower, tf}},
		Exact:        &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: []analysis.TokenFilter{lower}},
		Stemmer:      st,
		Decompounder: dc,
		Dictionary:   dict,
	}, nil
}

// AnalyzerConstructor builds the stemmed analyzer for Bleve's registry.
func AnalyzerConstructor(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
	tok, err := cache.TokenizerNamed(TokenizerName)
	if err != nil {
		return nil, err
	}
	var filters []analysis.TokenFilter
	for _, name := range []string{lowercase.Name, DecompounderName, StopName, StemmerName} {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			return nil, err
		}
		filters = append(filters, f)
	}
	return &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: filters}, nil
}

// ExactAnalyzerConstructor builds the unstemmed analyzer for Bleve's registry.
func ExactAnalyzerConstructor(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
	tok, err := cache.TokenizerNamed(TokenizerName)
	if err != nil {
		return nil, err
	}
	lower, err := cache.TokenFilterNamed(lowercase.Name)
	if err != nil {
		return nil, err
	}
	return &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: []analysis.TokenFilter{lower}}, nil
}

func init() {
	if err := registry.RegisterAnalyzer(AnalyzerName, AnalyzerConstructor); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(ExactAnalyzerName, ExactAnalyzerConstructor); err != nil {
		panic(err)
	}
}

// RulesVersion numbers the analysis rules (tokenizer, filters, stemming,
// lexicon use). Raise it with every change that gives a word other terms,
// so that indexes built before are rebuilt (see Fingerprint).
const RulesVersion = 3

// Fingerprint says what terms this analysis gives words: the rules
// version, the size of the word-form lexicon and of the decompounding
// dictionary (which grows when the Debian word lists are installed). An
// index analysed with another fingerprint must be analysed again.
func (a *Analysis) Fingerprint() string {
	lex := a.Stemmer.Lexicon()
	return fmt.Sprintf("rules=%d lexicon=%d/%d dictionary=%d", RulesVersion, lex.Forms(), lex.Mapped(), a.Dictionary.Size())
}
