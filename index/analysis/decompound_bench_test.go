package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// longWords returns the distinct lower-cased tokens of the seed documents long
// enough to be compounds.
func longWords(b *testing.B) []string {
	files, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(files) == 0 {
		b.Skip("../shared/seeds not found")
	}
	seen := map[string]bool{}
	var words []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, t := range NewTokenizer().Tokenize(data) {
			w := strings.ToLower(string(t.Term))
			if utf8.RuneCountInString(w) >= minCompound && !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	return words
}

// BenchmarkDecompounderCold splits every distinct long word of the seeds with
// an empty split cache, as happens for the many words seen once in a corpus.
func BenchmarkDecompounderCold(b *testing.B) {
	a, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	words := longWords(b)
	b.ReportMetric(float64(len(words)), "words")
	for b.Loop() {
		d := NewDecompounder(a.Dictionary, a.Stemmer.Stem)
		for _, w := range words {
			d.Parts(w)
		}
	}
}

// BenchmarkDictionaryHas looks up every long word and its halves.
func BenchmarkDictionaryHas(b *testing.B) {
	a, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	words := longWords(b)
	for b.Loop() {
		for _, w := range words {
			a.Dictionary.Has(w)
			a.Dictionary.Has(w[:len(w)/2])
		}
	}
}
